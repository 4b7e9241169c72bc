// @ts-check
// `check` across the files it is given: the cross-report rules over a folder
// of several years of one agency with a duplicate (test/fixtures/cross/series),
// in every output format, in path order, with one result per file, the same
// on worker threads, and nothing left behind in the temporary directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defined } from '../lib/narrow.mjs';
import { jsonResults } from '../lib/cli.mjs';
/** @import { JsonResult } from '../lib/cli.mjs' */

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'server', 'out', 'cli.js');
const SERIES = 'test/fixtures/cross/series';
const CROSS = ['carry-over-mismatch', 'copied-text', 'duplicate-report'];

/** @param {string[]} args @param {Record<string, string>} [env] */
function run(args, env = {}) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'zh_CN.UTF-8', ...env } });
}

/** Each file with its cross findings, `rule@line:column`. @param {JsonResult[]} results */
const crossOf = (results) =>
  results.map((r) => [r.file, (r.diagnostics ?? []).filter((d) => CROSS.includes(d.rule)).map((d) => `${d.rule}@${d.line}:${d.column}`)]);

test('json: each file once, in path order, its cross findings after its own', () => {
  const r = run(['check', '--format', 'json', SERIES]);
  assert.equal(r.status, 1, r.stderr); // hongze-2023's section 四 errors, as published
  const results = jsonResults(r.stdout);
  assert.deepEqual(
    results.map((x) => x.file),
    ['copies/hongze-2025.txt', 'hongze-2023.txt', 'hongze-2024.txt', 'hongze-2025.txt'].map((f) => `${SERIES}/${f}`),
  );
  const cross = Object.fromEntries(crossOf(results));
  assert.deepEqual(cross[`${SERIES}/hongze-2023.txt`], []);
  assert.deepEqual(cross[`${SERIES}/hongze-2024.txt`], []);
  for (const f of ['hongze-2025.txt', 'copies/hongze-2025.txt']) {
    assert.deepEqual(cross[`${SERIES}/${f}`], [
      'duplicate-report@2:1',
      'copied-text@10:1',
      'carry-over-mismatch@45:13',
      'carry-over-mismatch@76:18',
      'carry-over-mismatch@76:30',
    ]);
  }
  const d = defined(
    defined(results[3].diagnostics).find((x) => x.id === 'carry-over-mismatch:S3/R2/NP'),
    'the NP carry-over finding',
  );
  assert.match(d.message, /上年报告（hongze-2024\.txt）/);
  assert.equal(d.severity, 'info');
  // The duplicate in another folder is named by its path.
  assert.match(defined(defined(results[3].diagnostics).find((x) => x.rule === 'duplicate-report')).message, /copies\/hongze-2025\.txt/);
});

test('worker threads give the same results (80 files: over the pool threshold)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-cross-pool-'));
  for (const copy of ['a', 'b', 'c', 'd']) cpSync(join(root, 'test/fixtures/cross'), join(dir, copy), { recursive: true });
  const one = run(['check', '--format', 'json', '--jobs', '1', dir]);
  const many = run(['check', '--format', 'json', '--jobs', '2', dir]);
  assert.equal(jsonResults(one.stdout).length, 80);
  assert.equal(one.stdout, many.stdout);
  assert.ok(one.stdout.includes('carry-over-mismatch'));
  rmSync(dir, { recursive: true, force: true });
});

test('text, csv and sarif carry the same cross findings', () => {
  const text = run(['check', SERIES]).stdout;
  assert.equal((text.match(/\[carry-over-mismatch\]/g) ?? []).length, 6);
  assert.match(text, /检查了 4 份报告/);
  const csv = run(['check', '--format', 'csv', SERIES]).stdout;
  assert.equal(csv.split('\r\n').filter((l) => l.includes(',copied-text,')).length, 2);
  assert.match(csv, /series\/hongze-2025\.txt,淮安市洪泽区人民政府,2025,carry-over-mismatch,info,76,18,/);
  /** @type {import('sarif').Log} */
  const sarif = JSON.parse(run(['check', '--format', 'sarif', SERIES]).stdout);
  const run0 = defined(sarif.runs[0], 'a SARIF run');
  const results = defined(run0.results).filter((x) => x.ruleId !== undefined && CROSS.includes(x.ruleId));
  assert.equal(results.length, 10);
  const rules = defined(run0.tool.driver.rules).map((x) => x.id);
  for (const id of CROSS) assert.ok(rules.includes(id), id);
  // A text file's fix travels as a SARIF fix.
  const carry = defined(
    results.find((x) => x.ruleId === 'carry-over-mismatch' && x.fixes),
    'a carry-over result with a fix',
  );
  assert.equal(defined(defined(carry.fixes)[0].artifactChanges[0].replacements[0].insertedContent).text, '0');
});

test('the summary lists the cross findings by rule', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-cross-summary-'));
  const out = join(dir, 'summary.html');
  const r = run(['check', '--report', out, SERIES]);
  assert.equal(r.status, 1, r.stderr);
  const html = readFileSync(out, 'utf8');
  for (const id of CROSS) assert.ok(html.includes(id), id);
});

test('a report alone, or without last year: no cross-year finding; the spool is removed', () => {
  // A temporary directory of its own: other CLI runs (the other test files run at the same time) spool in the shared one.
  const tmp = mkdtempSync(join(tmpdir(), 'xxgk-spool-test-'));
  try {
    const alone = jsonResults(run(['check', '--format', 'json', `${SERIES}/hongze-2025.txt`], { TMPDIR: tmp }).stdout);
    assert.deepEqual(crossOf(alone)[0][1], []);
    const gap = jsonResults(run(['check', '--format', 'json', 'test/fixtures/cross/no-last-year'], { TMPDIR: tmp }).stdout);
    for (const [, found] of crossOf(gap)) assert.deepEqual(found, []);
    assert.deepEqual(readdirSync(tmp), [], 'nothing left in the temporary directory');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('the real corpus: one report as text and as PDF is a duplicate copy; no cross-year finding between 洪泽区 2023 and 2024', (t) => {
  const corpus = join(root, '..', 'shared', 'corpus');
  if (!existsSync(join(corpus, 'pdf', 'hongze-2023.pdf'))) return t.skip('../shared/corpus is absent');
  const results = jsonResults(run(['check', '--format', 'json', corpus]).stdout);
  const cross = results.flatMap((r) =>
    (r.diagnostics ?? []).filter((d) => CROSS.includes(d.rule)).map((d) => [r.file.split('/').pop(), d.rule, d.severity]),
  );
  assert.deepEqual(cross.sort(), [
    ['hongze-2023.pdf', 'duplicate-report', 'info'],
    ['hongze-2023.txt', 'duplicate-report', 'info'],
    ['hongze-2024.pdf', 'duplicate-report', 'info'],
    ['hongze-2024.txt', 'duplicate-report', 'info'],
  ]);
});

test('.xxgk.json agencyAliases: a renamed agency’s reports pair across years', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-aliases-'));
  try {
    cpSync(join(root, 'test/fixtures/cross/carry-differs'), dir, { recursive: true });
    // Last year's report under the agency's old name.
    const last = join(dir, 'changchun-2023.txt');
    writeFileSync(last, readFileSync(last, 'utf8').replace('长春市国动办 2023 年', '长春市人民防空办公室 2023 年'));
    const carried = () => {
      const r = run(['check', '--format', 'json', dir]);
      const results = jsonResults(r.stdout);
      const current = defined(
        results.find((x) => x.file.endsWith('changchun-2024.txt')),
        'changchun-2024.txt',
      );
      return defined(current.diagnostics).filter((d) => d.rule === 'carry-over-mismatch').length;
    };
    assert.equal(carried(), 0, 'two agencies: no last year to compare with');
    writeFileSync(join(dir, '.xxgk.json'), JSON.stringify({ agencyAliases: { 长春市人民防空办公室: '长春市国动办' } }));
    assert.equal(carried(), 3, 'the old name is the same agency: its carry-over is compared');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
