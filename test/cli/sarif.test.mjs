// @ts-check
// `check --format sarif`: valid against the official SARIF 2.1.0 schema (the
// OASIS JSON schema, draft-04, as shipped in @microsoft/jest-sarif) on the
// corpus, on a folder with a PDF and a Word file, and with an unreadable
// file; and the log says what the JSON output says, in SARIF's terms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { engine } from '../lib/bundles.mjs';
import { defined } from '../lib/narrow.mjs';
import { jsonResults } from '../lib/cli.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'server/out/cli.js');
const corpus = join(root, 'test/fixtures/corpus');
const shared = join(root, '..', 'shared', 'corpus'); // read in place, beside the repository
const RULES = engine.RULES;

/** @param {string[]} args @param {Omit<import('node:child_process').SpawnSyncOptions, 'encoding'>} [options] */
function run(args, options = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C.UTF-8' },
    maxBuffer: 1 << 28,
    ...options,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// ---------------------------------------------------------------- the validator

const Ajv = require('ajv-draft-04').default;
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
// strict: false — the official schema itself trips ajv's strict-mode lints (a `required` naming a property
// declared only in a sibling). unicodeRegExp: false — its `language` pattern has a stray `]`, legal only
// in a non-Unicode regular expression (which is what draft-04's ECMA 262 patterns are).
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: true });
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
ajv.addFormat('uri', (/** @type {string} */ s) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) && URI_CHARS.test(s));
ajv.addFormat('uri-reference', (/** @type {string} */ s) => URI_CHARS.test(s));
ajv.addFormat('date-time', (/** @type {string} */ s) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s));
const validate = ajv.compile(schema);

/** @param {unknown} log */
function assertValid(log) {
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

/**
 * `check --format sarif`, its output parsed (typed by @types/sarif).
 * @param {string[]} args
 * @param {Omit<import('node:child_process').SpawnSyncOptions, 'encoding'>} [options]
 */
function sarif(args, options) {
  const r = run(['check', '--format', 'sarif', ...args], options);
  /** @type {import('sarif').Log | undefined} */
  let log;
  assert.doesNotThrow(() => (log = JSON.parse(r.out)), r.out.slice(0, 500) + r.err);
  assert.ok(log);
  return { ...r, log };
}

test('the validator rejects what is not SARIF (so a pass means something)', () => {
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
  assert.equal(validate({ version: '2.0.0', runs: [] }), false);
  assert.equal(
    validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x', informationUri: 'not a uri' } }, results: [] }] }),
    false,
  );
  assert.equal(
    validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }),
    false,
  );
  assert.equal(
    validate({
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'x' } },
          results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: '洪泽.txt' } } }] }],
        },
      ],
    }),
    false,
  );
});

// ---------------------------------------------------------------- the corpus

test('corpus: valid SARIF 2.1.0, one run, the same findings as JSON output', () => {
  const { code, log } = sarif([relative(root, corpus)], { cwd: root });
  assert.equal(code, 1);
  assertValid(log);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const runLog = defined(log.runs[0]);
  assert.equal(runLog.columnKind, 'utf16CodeUnits');
  assert.equal(defined(runLog.originalUriBaseIds?.SRCROOT).uri, new URL(`file://${root}`).href);

  // The driver: every rule of the registry, in order, with its texts, help page and level.
  const driver = runLog.tool.driver;
  assert.equal(driver.name, 'xxgk-report');
  assert.equal(driver.version, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  assert.match(defined(driver.informationUri), /^https:\/\//);
  const rules = defined(driver.rules);
  assert.deepEqual(
    rules.map((r) => r.id),
    RULES.map((r) => r.id),
  );
  /** @type {Record<import('../../server/src/engine/index.ts').Severity, string>} */
  const level = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
  for (const [i, r] of rules.entries()) {
    const rule = defined(RULES[i]);
    assert.equal(r.shortDescription?.text, rule.title.zh);
    assert.equal(r.fullDescription?.text, rule.description.zh);
    assert.equal(r.properties?.en.shortDescription, rule.title.en);
    assert.equal(r.defaultConfiguration?.level, level[rule.defaultSeverity]);
    assert.ok(r.helpUri?.endsWith(`/docs/rules/${r.id}.md`), r.helpUri);
    assert.equal(r.properties?.docs, `docs/rules/${r.id}.md`);
  }

  // The results: what JSON output lists, file by file.
  const json = jsonResults(run(['check', '--format', 'json', relative(root, corpus)], { cwd: root }).out);
  const expected = json.flatMap((f) => defined(f.diagnostics).map((d) => ({ file: f.file, ...d })));
  const results = defined(runLog.results);
  assert.equal(results.length, expected.length);
  results.forEach((res, i) => {
    const d = defined(expected[i]);
    assert.equal(res.ruleId, d.rule);
    assert.equal(rules[defined(res.ruleIndex)]?.id, res.ruleId);
    assert.equal(res.level, level[d.severity]);
    assert.equal(res.message.text, d.message);
    assert.equal(res.partialFingerprints?.['xxgkFindingId/v1'], d.id);
    const location = defined(res.locations?.[0]);
    const { artifactLocation, region } = defined(location.physicalLocation);
    assert.ok(artifactLocation);
    assert.equal(artifactLocation.uriBaseId, 'SRCROOT');
    assert.equal(decodeURIComponent(defined(artifactLocation.uri)), d.file);
    assert.equal(runLog.artifacts?.[defined(artifactLocation.index)]?.location?.uri, artifactLocation.uri);
    assert.deepEqual(region, { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn });
    assert.equal(location.logicalLocations, undefined, 'text files have no logical location');
  });
  const hongze = results.find((r) => r.ruleId === 'sum-mismatch' && r.locations?.[0]?.physicalLocation?.region?.startLine === 138);
  assert.ok(hongze, 'hongze-2023.txt:138:10 sum-mismatch');
  assert.equal(hongze.locations?.[0]?.physicalLocation?.artifactLocation?.uri, 'test/fixtures/corpus/hongze-2023.txt');
  // The artifacts carry what the report says about itself.
  const art = defined(runLog.artifacts?.find((a) => a.location?.uri?.endsWith('hongze-2024.txt')));
  assert.deepEqual({ ...art.properties, title: undefined }, { form: 'text', agency: '淮安市洪泽区人民政府', year: 2024, title: undefined });
  assert.equal(art.mimeType, 'text/plain');
  assert.deepEqual(runLog.invocations, [
    {
      executionSuccessful: true,
      exitCode: 1,
      workingDirectory: { uri: new URL(`file://${root}`).href.replace(/\/$/, '') },
      toolExecutionNotifications: [],
    },
  ]);
});

test('fixes of a text file: replacements that, applied, remove the finding', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-sarif-'));
  const file = join(dir, 'changchun.txt');
  copyFileSync(join(corpus, 'changchun-guodongban-2023.txt'), file);
  const { log } = sarif(['changchun.txt'], { cwd: dir });
  assertValid(log);
  const results = defined(log.runs[0]?.results);
  const fixable = results.filter((r) => r.fixes);
  assert.ok(fixable.length > 0, 'some finding offers a fix');
  for (const r of fixable) {
    for (const fix of defined(r.fixes)) {
      assert.equal(typeof fix.description?.text, 'string');
      assert.equal(typeof fix.properties?.safe, 'boolean');
      assert.equal(fix.artifactChanges[0]?.artifactLocation.uri, 'changchun.txt');
    }
  }
  // Apply one label fix by its SARIF regions (1-based lines, UTF-16 columns, end exclusive) and check again.
  const target = fixable.find((r) => r.ruleId === 'nonstandard-label');
  assert.ok(target);
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  /** @param {number} line @param {number} column */
  const offset = (line, column) => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  const edits = defined(defined(target.fixes?.[0]).artifactChanges[0])
    .replacements.map((x) => ({
      start: offset(defined(x.deletedRegion.startLine), defined(x.deletedRegion.startColumn)),
      end: offset(defined(x.deletedRegion.endLine), defined(x.deletedRegion.endColumn)),
      text: x.insertedContent?.text ?? '',
    }))
    .sort((a, b) => b.start - a.start);
  let fixed = text;
  for (const e of edits) fixed = fixed.slice(0, e.start) + e.text + fixed.slice(e.end);
  writeFileSync(file, fixed);
  const after = defined(sarif(['changchun.txt'], { cwd: dir }).log.runs[0]?.results);
  assert.equal(after.length, results.length - 1);
  assert.ok(!after.some((r) => r.partialFingerprints?.['xxgkFindingId/v1'] === target.partialFingerprints?.['xxgkFindingId/v1']));
});

test('--lang en: English texts first, Chinese in properties', () => {
  const { log } = sarif(['--lang', 'en', join(corpus, 'hongze-2023.txt')]);
  assertValid(log);
  const run0 = defined(log.runs[0]);
  const rule = defined(run0.tool.driver.rules?.[0]);
  const first = defined(RULES[0]);
  assert.equal(rule.shortDescription?.text, first.title.en);
  assert.equal(rule.properties?.zh.shortDescription, first.title.zh);
  assert.equal(run0.tool.driver.language, 'en-US');
  assert.match(defined(defined(run0.results?.find((r) => r.ruleId === 'sum-mismatch')).message.text), /total/i);
});

// ---------------------------------------------------------------- the binary forms and the unreadable

test(
  'a PDF and a Word file, read in place: valid, each result with its page or table cell',
  { skip: !existsSync(join(shared, 'pdf/hongze-2023.pdf')) || !existsSync(join(shared, 'docx')) ? `${shared} not here` : false },
  () => {
    const { code, log } = sarif(['pdf/hongze-2023.pdf', 'docx'], { cwd: shared });
    assert.equal(code, 1);
    assertValid(log);
    const results = defined(log.runs[0]?.results);
    const forms = new Set(defined(log.runs[0]?.artifacts).map((a) => a.properties?.form));
    assert.deepEqual([...forms].sort(), ['docx', 'pdf']);
    for (const r of results) {
      const loc = defined(r.locations?.[0]);
      assert.equal(loc.physicalLocation?.artifactLocation?.uriBaseId, 'SRCROOT');
      assert.equal(r.fixes, undefined, 'no fixes for files that are never rewritten');
      assert.equal(loc.logicalLocations?.length, 1);
      const ll = defined(loc.logicalLocations?.[0]);
      assert.ok(['page', 'table', 'tableCell', 'paragraph'].includes(defined(ll.kind)), ll.kind);
      assert.equal(ll.name, r.properties?.where);
    }
    const hongze = defined(results.find((r) => r.ruleId === 'sum-mismatch'));
    assert.deepEqual(hongze.locations?.[0]?.logicalLocations?.[0], {
      name: '第 4 页',
      fullyQualifiedName: 'page[4]',
      kind: 'page',
      properties: { page: 4 },
    });
    assert.ok(results.some((r) => r.locations?.[0]?.logicalLocations?.[0]?.kind === 'tableCell'));
  },
);

test('unreadable files: tool execution notifications, exit 2, still valid', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-sarif-'));
  writeFileSync(join(dir, '损坏.pdf'), '%PDF-1.7\n%\u00e2\u00e3\nthis is not a PDF at all\n');
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0, 7, 8, 9, 0, 0, 0, 1]));
  writeFileSync(join(dir, 'notes.txt'), '会议纪要\n今天讨论了天气。\n');
  copyFileSync(join(corpus, 'hongze-2023.txt'), join(dir, 'hongze-2023.txt'));
  const { code, log } = sarif(['.'], { cwd: dir });
  assert.equal(code, 2);
  assertValid(log);
  const inv = defined(log.runs[0]?.invocations?.[0]);
  const notifications = defined(inv.toolExecutionNotifications);
  /** @param {import('sarif').Notification} n */
  const uriOf = (n) => defined(n.locations?.[0]?.physicalLocation?.artifactLocation?.uri);
  assert.equal(inv.executionSuccessful, false);
  assert.equal(inv.exitCode, 2);
  const byUri = Object.fromEntries(notifications.map((n) => [decodeURIComponent(uriOf(n)), n]));
  assert.equal(byUri['损坏.pdf']?.level, 'error');
  assert.equal(byUri['损坏.pdf']?.descriptor?.id, 'unreadable');
  assert.equal(byUri['binary.txt']?.level, 'error');
  assert.equal(byUri['notes.txt']?.level, 'note');
  assert.equal(byUri['notes.txt']?.descriptor?.id, 'skipped');
  // Percent-encoded, as a URI must be.
  assert.ok(notifications.some((n) => uriOf(n) === '%E6%8D%9F%E5%9D%8F.pdf'));
  const descriptors = defined(log.runs[0]?.tool.driver.notifications);
  for (const n of notifications) {
    const descriptor = defined(n.descriptor);
    assert.equal(descriptors[defined(descriptor.index)]?.id, descriptor.id);
  }
  assert.ok(defined(log.runs[0]?.results).length > 0, 'the readable report is still checked');
});

test('no reports at all: an empty, valid log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-sarif-'));
  writeFileSync(join(dir, 'notes.txt'), '会议纪要\n');
  const { code, log, out } = sarif(['notes.txt'], { cwd: dir });
  assert.equal(code, 0);
  assertValid(log);
  assert.deepEqual(log.runs[0]?.results, []);
  assert.deepEqual(JSON.parse(out), log);
});

test('files outside the working directory: absolute file URIs', () => {
  // A fresh folder: the repository cannot be inside it (it may well be inside the temp dir itself).
  const { log } = sarif([join(corpus, 'hongze-2023.txt')], { cwd: mkdtempSync(join(tmpdir(), 'xxgk-outside-')) });
  assertValid(log);
  const loc = defined(log.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation);
  assert.equal(loc.uri, new URL(`file://${join(corpus, 'hongze-2023.txt')}`).href);
  assert.equal(loc.uriBaseId, undefined);
});
