// @ts-check
// The CLI on published web pages: a real page (沭阳县发改局 2023, saved by a crawler),
// read through the HTML reader, with locations mapped back to the HTML source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { defined } from '../lib/narrow.mjs';
import { extracted, extractResults, jsonResults } from '../lib/cli.mjs';

const require = createRequire(import.meta.url);
const iconv = require('iconv-lite');
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'server/out/cli.js');
const page = join(root, 'test/fixtures/html/shuyang-fagaiju-2023.html');
const source = readFileSync(page, 'utf8');

/** @param {string[]} args */
function run(args) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
/** @param {string[]} args */
const checkJson = (args) => {
  const r = run(args);
  return { ...r, results: jsonResults(r.out) };
};
/** @param {string[]} args */
const extractJson = (args) => {
  const r = run(args);
  return { ...r, results: extractResults(r.out).map(extracted) };
};
const scratch = () => mkdtempSync(join(tmpdir(), 'xxgk-html-'));
const lines = source.split('\n');
/** The source from a 1-based line:col on. */
/** @param {number} line @param {number} col */
const at = (line, col) => lines[line - 1].slice(col - 1);

const S3_ROWS = [
  'R1',
  'R2',
  'R3_1',
  'R3_2',
  'R3_3_1',
  'R3_3_2',
  'R3_3_3',
  'R3_3_4',
  'R3_3_5',
  'R3_3_6',
  'R3_3_7',
  'R3_3_8',
  'R3_4_1',
  'R3_4_2',
  'R3_4_3',
  'R3_5_1',
  'R3_5_2',
  'R3_5_3',
  'R3_5_4',
  'R3_5_5',
  'R3_6_1',
  'R3_6_2',
  'R3_6_3',
  'R3_7',
  'R4',
];

/** @param {import('../lib/cli.mjs').ExtractedJson | undefined} result */
function assertShuyang(result) {
  const r = defined(result);
  assert.equal(r.format, '2021');
  assert.equal(r.year, 2023);
  // The six sections, heading 五 in the page's own wording.
  assert.deepEqual(
    r.sections.map((s) => s.id),
    [1, 2, 3, 4, 5, 6],
  );
  assert.equal(r.sections[4].heading, '五、存在的主要问题及整改措施');
  assert.deepEqual(r.unreadable, []);
  // The site's metadata table (名称/索引号/分类…) is not a report table: only 二, 三, 四.
  assert.deepEqual(Object.keys(r.tables), ['S2_一', 'S2_五', 'S2_六', 'S2_八', 'S3', 'S4']);
  // Section 二, as on the page.
  assert.deepEqual(r.tables.S2_一, { GZ: { ZF: 0, FZ: 0, XX: 0 }, GF: { ZF: 8, FZ: 0, XX: 18 } });
  assert.deepEqual(r.tables.S2_五, { XK: { JD: 0 } });
  assert.deepEqual(r.tables.S2_六, { CF: { JD: 0 }, QZ: { JD: 0 } });
  assert.deepEqual(r.tables.S2_八, { SF: { JE: 0 } });
  // Section 三: every row; the five 法人或其他组织 columns blank in each.
  const s3 = r.tables.S3;
  assert.deepEqual(Object.keys(s3), S3_ROWS);
  for (const [key, row] of Object.entries(s3)) {
    for (const c of ['BE', 'RI', 'SW', 'LS', 'OT']) assert.equal(row[c], null, `${key}.${c}`);
  }
  const blank = { BE: null, RI: null, SW: null, LS: null, OT: null };
  assert.deepEqual(s3.R1, { NP: 26, ...blank, TOT: 26 }); // 一、本年新收政府信息公开申请数量
  assert.deepEqual(s3.R2, { NP: 0, ...blank, TOT: 0 }); // 二、上年结转
  assert.deepEqual(s3.R3_1, { NP: 26, ...blank, TOT: 26 }); // （一）予以公开
  assert.deepEqual(s3.R3_2, { NP: 0, ...blank, TOT: 0 });
  assert.deepEqual(s3.R3_6_2, { NP: 0, ...blank, TOT: 0 });
  assert.deepEqual(s3.R3_7, { NP: 26, ...blank, TOT: 26 }); // （七）总计
  assert.deepEqual(s3.R4, { NP: 0, ...blank, TOT: 0 }); // 四、结转下年度继续办理
  // Section 四: its 15 values (one 行政复议 case not yet concluded).
  assert.deepEqual(Object.values(r.tables.S4.R), [0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(r.tables.S4.R['FY.WJ'], 1);
  assert.equal(r.tables.S4.R['FY.ZJ'], 1);
}

test('extract reads the published page: sections, section 二, 三 (法人 columns blank), 四', () => {
  const { code, results } = extractJson(['extract', '--format', 'json', page]);
  assert.equal(code, 0);
  assert.equal(results.length, 1);
  assertShuyang(results[0]);
  // Section lines are lines of the HTML source: heading 三 sits on its line.
  const s3 = defined(results[0]?.sections[2]);
  assert.ok(lines[s3.line - 1].includes('三、收到和处理政府信息公开申请情况') || lines[s3.line - 1].includes('三'), lines[s3.line - 1]);
});

test('check: every sum holds (blank = 0); locations are HTML source line:col', () => {
  const { code, results } = checkJson(['check', '--format', 'json', page]);
  assert.equal(code, 0, 'no errors');
  const d = defined(results[0]?.diagnostics);
  assert.ok(
    !d.some((x) => x.rule === 'sum-mismatch' || x.rule === 'balance-mismatch'),
    JSON.stringify(d.filter((x) => x.severity === 'error')),
  );
  assert.equal(d.filter((x) => x.severity === 'error').length, 0);
  // 25 rows × 5 blank 法人 cells.
  const blanks = d.filter((x) => x.rule === 'blank-cell');
  assert.equal(blanks.length, 125);
  // Each blank-cell finding points at the `<td` of its cell inside the section 三 table.
  // The page's four tables: the site's metadata, then 二, 三, 四.
  const s3Start = [...source.matchAll(/<table/g)].map((m) => m.index)[2];
  const s3End = source.indexOf('</table>', s3Start);
  /** @param {number} line @param {number} col */
  const offsetOf = (line, col) => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + col - 1;
  for (const b of blanks) {
    assert.match(at(b.line, b.column), /^<td\b/, `${b.id} at ${b.line}:${b.column}`);
    const o = offsetOf(b.line, b.column);
    assert.ok(o > s3Start && o < s3End, `${b.id} inside the section 三 table`);
    // The cell it points at shows nothing (only <o:p> </o:p>).
    const cell = source.slice(o, source.indexOf('</td>', o));
    assert.equal(cell.replace(/<[^>]*>/g, '').trim(), '', b.id);
  }
  const first = blanks.find((x) => x.id === 'blank-cell:S3/R1/BE');
  assert.ok(first, 'R1 商业企业 blank');
  // The row label 规范性文件 (for 行政规范性文件): the finding starts on its text, inside a <span>.
  const label = d.find((x) => x.id === 'nonstandard-label:S2_一/GF');
  assert.ok(label);
  assert.ok(at(label.line, label.column).startsWith('规范性文件'), at(label.line, label.column).slice(0, 40));
  assert.equal(label.endLine, label.line);
  assert.equal(label.endColumn - label.column, '规范性文件'.length);
  // Heading 五 in the page's wording: a hint, at the heading's text.
  const h5 = d.find((x) => x.id === 'nonstandard-label:5');
  assert.ok(h5 && at(h5.line, h5.column).startsWith('五、存在的主要问题及'));
  // Text output carries the same locations.
  const text = run(['check', page]);
  assert.ok(text.out.includes(`shuyang-fagaiju-2023.html:${first.line}:${first.column}  警告  `), text.out.slice(0, 400));
});

test('a GBK copy with <meta charset="gb2312"> reads the same', () => {
  const dir = scratch();
  const gbkSource = source
    .replace('<meta charset="utf-8" />', '<meta charset="gb2312" />')
    .replace(/<meta charset="utf-8">/g, '<meta charset="gb2312">');
  assert.ok(Buffer.byteLength(gbkSource.slice(0, gbkSource.indexOf('gb2312') + 10)) < 1024, 'the declaration is inside the prescan');
  const file = join(dir, 'shuyang-gbk.htm');
  const bytes = iconv.encode(gbkSource, 'gbk');
  writeFileSync(file, bytes);
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'really not UTF-8');
  const { code, results } = extractJson(['extract', '--format', 'json', file]);
  assert.equal(code, 0);
  assertShuyang(results[0]);
  const utf8 = checkJson(['check', '--format', 'json', page]).results[0].diagnostics;
  const gbk = checkJson(['check', '--format', 'json', file]).results[0].diagnostics;
  assert.deepEqual(gbk, utf8);
});

test('a page cut in the middle of the section 三 table: a clear result, no crash', () => {
  const dir = scratch();
  const tables = [...source.matchAll(/<table/g)].map((m) => m.index);
  const start = tables[2];
  const cut = Math.floor((start + source.indexOf('</table>', start)) / 2);
  const file = join(dir, 'cut.html');
  writeFileSync(file, source.slice(0, cut));
  const ex = extractJson(['extract', '--format', 'json', file]);
  assert.equal(ex.code, 0, ex.err);
  const r = ex.results[0];
  assert.deepEqual(
    r.sections.map((s) => s.id),
    [1, 2, 3],
  );
  assert.deepEqual(r.tables.S3.R1, { NP: 26, BE: null, RI: null, SW: null, LS: null, OT: null, TOT: 26 });
  assert.ok(!('R3_7' in r.tables.S3));
  const ch = checkJson(['check', '--format', 'json', file]);
  assert.equal(ch.code, 1, 'errors found');
  const d = defined(ch.results[0]?.diagnostics);
  assert.ok(d.some((x) => x.id === 'missing-section:4'));
  assert.ok(d.some((x) => x.rule === 'missing-row' && x.id.includes('R3_7')));
  for (const x of d) assert.ok(x.line >= 1 && x.line <= source.slice(0, cut).split('\n').length, `${x.id} at line ${x.line}`);
});

test('a page that is not a report is skipped; a directory walk finds .html/.htm/.shtml', () => {
  const dir = scratch();
  writeFileSync(
    join(dir, 'news.shtml'),
    '<!doctype html><html><head><meta charset="utf-8"><title>新闻</title></head><body><p>今天&nbsp;天气很好。</p><table><tr><td>1</td><td>2</td></tr></table></body></html>',
  );
  writeFileSync(join(dir, 'report.htm'), source);
  writeFileSync(join(dir, 'ignored.css'), 'p{}');
  const r = checkJson(['check', '--format', 'json', dir]);
  assert.equal(r.code, 0);
  assert.deepEqual(
    r.results.map((x) => x.file.slice(dir.length + 1)),
    ['news.shtml', 'report.htm'],
  );
  assert.match(defined(r.results[0]?.skipped), /不是政府信息公开工作年度报告/);
  assert.ok(defined(r.results[1]?.diagnostics).length > 0);
});

test('--fix on an HTML page applies the safe fixes inside its markup: only the fixed text changes, the page reads as fixed', () => {
  const dir = scratch();
  const file = join(dir, 'page.html');
  writeFileSync(file, source);
  const before = defined(checkJson(['check', '--format', 'json', file]).results[0]?.diagnostics);
  const r = run(['check', '--fix', '--lang', 'en', file]);
  assert.match(r.out, /applied 2 safe fix/);
  const after = readFileSync(file, 'utf8');
  // The two safe fixes, each inside its own text node: the row label 规范性文件, and heading 五 (split over two <font>s) worded as the format has them.
  assert.equal(after, source.replace('>规范性文件<', '>行政规范性文件<').replace('>整改措施<', '>改进情况<'));
  const now = defined(checkJson(['check', '--format', 'json', file]).results[0]?.diagnostics);
  assert.deepEqual(
    now.map((d) => d.id),
    before.map((d) => d.id).filter((id) => !id.startsWith('nonstandard-label:')),
  );
  assert.equal(now.length, before.length - 2);
  // Fixed once, nothing left to fix: a second run writes nothing.
  const again = run(['check', '--fix', '--lang', 'en', file]);
  assert.doesNotMatch(again.out, /applied/);
  assert.equal(readFileSync(file, 'utf8'), after);
});

test('--fix on a Word file or a PDF is refused with one line; the file is never rewritten', () => {
  const dir = scratch();
  // A Word file's first bytes (a zip) under a report name: read as .docx, whatever the reader makes of it, never written.
  const file = join(dir, 'draft.docx');
  const bytes = Buffer.from('PK\x03\x04 not really a zip', 'latin1');
  writeFileSync(file, bytes);
  run(['check', '--fix', file]);
  assert.deepEqual(readFileSync(file), bytes);
});
