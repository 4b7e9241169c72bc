// @ts-check
// `check --format csv`: one line per finding for a spreadsheet (UTF-8 with a
// BOM so Excel keeps the Chinese, CRLF, RFC 4180 quoting), and the agency
// read from the title (agencyFromTitle, tested on its own here).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { defined } from '../lib/narrow.mjs';
import { jsonResults } from '../lib/cli.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Read in place from the shared corpus beside the repository, never copied. */
const SHARED_PDF = join(root, '..', 'shared', 'corpus', 'pdf', 'hongze-2023.pdf');
const cli = join(root, 'server/out/cli.js');
const corpus = join(root, 'test/fixtures/corpus');

/** @param {string[]} args @param {Omit<import('node:child_process').SpawnSyncOptions, 'encoding'>} [options] */
function run(args, options = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8' }, ...options });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** RFC 4180 records of a CSV text (quoted fields may hold commas, quotes and line breaks). */
/** @param {string} text */
function parseCsv(text) {
  /** @type {string[][]} */
  const records = [];
  /** @type {string[]} */
  let fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
      i++;
    } else {
      assert.notEqual(c, '\n', `bare LF at ${i}`);
      field += c;
    }
  }
  assert.equal(field, '', 'the last record ends with CRLF');
  return records;
}

// The one function, bundled from its source for the test (the CLI bundle does not export it).
const { outputFiles } = await esbuild.build({
  entryPoints: [join(root, 'server/src/report/agency.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
});
const { agencyFromTitle } = await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);

test('agencyFromTitle: the words before the year, or after a leading year', () => {
  /** @type {[string, number, string][]} */
  const cases = [
    ['沭阳县发展和改革局2023年政府信息公开工作年度报告', 2023, '沭阳县发展和改革局'],
    ['长春市国动办 2023 年政府信息公开工作年度报告', 2023, '长春市国动办'],
    ['淮安市洪泽区人民政府\n2024 年政府信息公开工作年度报告', 2024, '淮安市洪泽区人民政府'],
    ['沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局', 2023, '沭阳县发展和改革局'],
    ['山东省国防动员办公室关于2023年度政府信息公开工作年度报告', 2023, '山东省国防动员办公室'],
    ['《某某市交通运输局2022年政府信息公开工作年度报告》', 2022, '某某市交通运输局'],
    ['某某镇人民政府（2021年度）政府信息公开工作年度报告', 2021, '某某镇人民政府'],
    ['某某县人民政府二〇二三年政府信息公开工作年度报告', 2023, '某某县人民政府'],
    ['某某县人民政府二零二二年度政府信息公开工作年度报告', 2022, '某某县人民政府'],
    ['某某区统计局２０２３年政府信息公开工作年度报告', 2023, '某某区统计局'],
    ['2023年沭阳县发展和改革局政府信息公开工作年度报告', 2023, '沭阳县发展和改革局'],
    ['2023年度某某街道办事处政务公开工作年度报告', 2023, '某某街道办事处'],
    // A number that is not the report's year comes first: the report's year decides.
    ['第2号：某某局2023年政府信息公开工作年度报告', 2023, '第2号：某某局'],
  ];
  for (const [title, year, agency] of cases) assert.equal(agencyFromTitle(title, year), agency, title);
  assert.equal(agencyFromTitle('政府信息公开工作年度报告格式模板', undefined), undefined);
  assert.equal(agencyFromTitle('2023年政府信息公开工作年度报告', 2023), undefined);
  assert.equal(agencyFromTitle(undefined, 2023), undefined);
  assert.equal(agencyFromTitle('某某局2023年政府信息公开工作年度报告', undefined), '某某局');
});

test('check --format csv over the corpus: BOM, CRLF, header, one record per finding matching JSON', () => {
  const r = run(['check', '--format', 'csv', corpus]);
  assert.equal(r.code, 1);
  assert.equal(r.err, '');
  assert.ok(r.out.startsWith('\uFEFF'), 'a byte-order mark for Excel');
  const records = parseCsv(r.out.slice(1));
  assert.deepEqual(records[0], ['file', 'agency', 'year', 'rule', 'severity', 'line', 'column', 'message', 'where']);
  const json = jsonResults(run(['check', '--format', 'json', corpus]).out);
  const expected = json.flatMap((f) =>
    defined(f.diagnostics).map((d) => [f.file, d.rule, d.severity, String(d.line), String(d.column), d.message]),
  );
  assert.deepEqual(
    records.slice(1).map(([file, , , rule, severity, line, column, message]) => [file, rule, severity, line, column, message]),
    expected,
  );
  const hongze = defined(records.find((x) => x[0].endsWith('hongze-2023.txt') && x[3] === 'sum-mismatch' && x[5] === '138'));
  assert.deepEqual(hongze.slice(1, 7), ['洪泽区人民政府', '2023', 'sum-mismatch', 'error', '138', '10']);
  const agencies = new Set(records.slice(1).map((x) => `${x[1]} ${x[2]}`));
  assert.deepEqual(
    [...agencies].sort(),
    ['山东省国防动员办公室 2023', '洪泽区人民政府 2023', '淮安市洪泽区人民政府 2024', '长春市国动办 2023'].sort(),
  );
});

test('RFC 4180 quoting: commas, quotes and line breaks in a field; unreadable files go to stderr', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-csv-'));
  const name = 'a,"b" c.txt';
  writeFileSync(join(dir, name), readFileSync(join(corpus, 'hongze-2023.txt')));
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0, 7, 8, 9, 0, 0, 0, 1]));
  const r = run(['check', '--format', 'csv', '.'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.err, /binary\.txt: 无法检查/);
  assert.ok(r.out.includes(`"a,""b"" c.txt"`), 'quoted, quotes doubled');
  const records = parseCsv(r.out.slice(1));
  assert.ok(records.length > 1);
  for (const rec of records) assert.equal(rec.length, 9, rec.join('|'));
  assert.ok(records.slice(1).every((x) => x[0] === name));
  assert.ok(!records.some((x) => x[0] === 'binary.txt'));
});

test('a PDF: the page in `where`', { skip: readable(SHARED_PDF) ? false : 'the shared corpus is not here' }, () => {
  const r = run(['check', '--format', 'csv', SHARED_PDF]);
  assert.equal(r.code, 1);
  const records = parseCsv(r.out.slice(1)).slice(1);
  const sum = defined(records.find((x) => x[3] === 'sum-mismatch'));
  assert.deepEqual([sum[1], sum[2], sum[8]], ['洪泽区人民政府', '2023', '第 4 页']);
});

/** @param {string} path */
function readable(path) {
  try {
    readFileSync(path, { flag: 'r' });
    return true;
  } catch {
    return false;
  }
}
