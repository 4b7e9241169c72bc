// @ts-check
// The cross-report rules (carry-over-mismatch, copied-text, duplicate-report)
// on the folders of test/fixtures/cross/ — the cases that must report and the
// ones that must stay silent — and the title reading that pairs reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engine, lineOf } from './helpers.mjs';
import { crossCase } from './cross-helpers.mjs';
import { defined } from '../lib/narrow.mjs';
/** @import { CrossFile } from './cross-helpers.mjs' */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** @param {CrossFile} f */
const keys = (f) => f.cross.map((x) => `${x.rule}@${x.range.start.line + 1}`).sort();
/** The file of that name, asserted to be there. @param {CrossFile[]} files @param {string} name */
const byName = (files, name) =>
  defined(
    files.find((f) => f.name === name),
    name,
  );
/** Its digest, asserted to be there (the file is a report). @param {CrossFile | undefined} f */
const digestOf = (f) => defined(defined(f, 'a file').digest, 'a digest');
/** Its prose sketch, asserted to be there. @param {CrossFile | undefined} f */
const proseOf = (f) => defined(digestOf(f).prose, 'a prose sketch');

test('identity: agency and year from the title, normalised', () => {
  /** @param {string} title @param {number} [year] */
  const id = (title, year) => engine.reportIdentity(title, year);
  assert.deepEqual(id('洪泽区人民政府\n2023 年政府信息公开工作年度报告'), { agency: '洪泽区人民政府', key: '洪泽区人民政府', year: 2023 });
  // A higher-level place in front is the same agency; the year as written in Han numerals or full width.
  assert.equal(id('淮安市洪泽区人民政府2024年度政府信息公开工作年度报告')?.key, '洪泽区人民政府');
  assert.equal(id('江苏省淮安市洪泽区人民政府二〇二四年政府信息公开工作年度报告')?.year, 2024);
  assert.equal(id('某某区统计局２０２３年政府信息公开工作年度报告')?.year, 2023);
  // … but not when what is left is no place: 淮安市公安局 is not every 公安局.
  assert.equal(id('淮安市公安局2023年政府信息公开工作年度报告')?.key, '淮安市公安局');
  assert.equal(id('南京市城市管理局2023年政府信息公开工作年度报告')?.key, '南京市城市管理局');
  // The year last, the report words after the agency.
  assert.deepEqual(id('某某县交通运输局政府信息公开工作年度报告（2022年）'), {
    agency: '某某县交通运输局',
    key: '某某县交通运输局',
    year: 2022,
  });
  // Full-width letters and spaces.
  assert.equal(engine.agencyKey('ＸＸ县 发展和改革局'), engine.agencyKey('XX县发展和改革局'));
  // Aliases map an old name to the current one (after the same normalisation).
  const aliases = { 长春市人民防空办公室: '长春市国动办' };
  assert.equal(engine.reportIdentity('长春市人民防空办公室2020年政府信息公开工作年度报告', undefined, aliases)?.key, '长春市国动办');
  assert.equal(id('政府信息公开工作年度报告'), undefined);
  assert.equal(id('2023年政府信息公开工作年度报告'), undefined);
});

test('real consecutive years (洪泽区 2023 and 2024, the name written two ways): paired, and silent', () => {
  const files = crossCase('real');
  assert.equal(defined(digestOf(files[0]).identity).key, defined(digestOf(files[1]).identity).key);
  for (const f of files) assert.deepEqual(keys(f), [], f.name);
  const share = engine.sharedShare(proseOf(files[1]), proseOf(files[0]));
  assert.ok(share > 0.3 && share < 0.5, `share ${share}`);
});

test('carry-over-mismatch: carried in as last year carried forward is silent', () => {
  for (const f of crossCase('carry')) assert.deepEqual(keys(f), [], f.name);
});

test('carry-over-mismatch: a column that differs, on this year’s cell, with last year’s file and value and a fix', () => {
  const files = crossCase('carry-differs');
  assert.deepEqual(keys(byName(files, 'changchun-2023.txt')), []);
  const f = byName(files, 'changchun-2024.txt');
  const row = lineOf(f.text, '二、上年结转');
  const rules = lineOf(f.text, '行政规范性文件');
  assert.deepEqual(keys(f), [`carry-over-mismatch@${rules}`, `carry-over-mismatch@${row}`, `carry-over-mismatch@${row}`].sort());
  const np = defined(
    f.cross.find((x) => x.id === 'carry-over-mismatch:S3/R2/NP'),
    'the NP carry-over finding',
  );
  assert.equal(np.severity, 'info');
  assert.match(np.message.zh, /自然人.*为 2.*changchun-2023\.txt.*为 3/);
  assert.match(np.message.en, /changchun-2023\.txt/);
  assert.equal(f.text.slice(f.analysis.index.offsetAt(np.range.start), f.analysis.index.offsetAt(np.range.end)), '2');
  assert.equal(np.related[0].file, byName(files, 'changchun-2023.txt').path);
  assert.match(np.related[0].message.zh, /= 3/);
  assert.equal(np.fixes.length, 1);
  assert.deepEqual([np.fixes[0].safe, np.fixes[0].preferred, np.fixes[0].edits[0].newText], [false, true, '3']);
  // Applied, the fix removes the finding.
  const fixed = engine.applyEdits(f.text, np.fixes[0].edits);
  const after = defined(engine.digestOf(engine.analyse(fixed), f.path), 'the fixed digest');
  const last = digestOf(byName(files, 'changchun-2023.txt'));
  assert.ok(!engine.crossCheck(after, [last]).some((x) => x.id === np.id));
  // 现行有效件数: 2 + 3 − 1 = 4, the report says 5: a hint without a fix.
  const xx = defined(
    f.cross.find((x) => x.id === 'carry-over-mismatch:S2_一/GF/XX'),
    'the XX carry-over finding',
  );
  assert.equal(xx.severity, 'hint');
  assert.match(xx.message.zh, /应为 4/);
  assert.equal(xx.fixes.length, 0);
});

test('copied-text: last year’s prose with new numbers, and with 3 of 25 sentences rewritten, is a copy', () => {
  for (const [name, pct] of /** @type {const} */ ([
    ['copy', 100],
    ['copy-edited', 82],
  ])) {
    const files = crossCase(name);
    const f = byName(files, 'changchun-2024.txt');
    assert.deepEqual(keys(f), [`copied-text@${lineOf(f.text, '一、总体情况')}`], name);
    assert.equal(f.cross[0].severity, 'warning');
    const shown = Number(defined(/约 (\d+)%/.exec(f.cross[0].message.zh), 'a share in the message')[1]);
    assert.ok(Math.abs(shown - pct) <= 3, `${name}: ${shown}%`);
    assert.match(f.cross[0].message.zh, /国办公开办函〔2021〕30号/);
    assert.deepEqual(keys(byName(files, 'changchun-2023.txt')), [], 'last year is not a copy of this year');
  }
});

test('copied-text: the threshold sits between real consecutive years and made copies', () => {
  const base = crossCase('copy')[0];
  assert.ok(engine.sharedShare(proseOf(base), proseOf(base)) === 1);
  // Different agencies share almost nothing.
  const other = byName(crossCase('no-last-year'), 'shandong-2023.txt');
  assert.ok(engine.sharedShare(proseOf(other), proseOf(base)) < 0.1);
});

test('duplicate-report: a copy is an info, a second version a warning, one finding per kind naming the other files', () => {
  const files = crossCase('duplicate');
  /** @param {string} name */
  const of = (name) =>
    byName(files, name).cross.map((x) => [
      x.severity,
      defined(/另见|内容相同/.exec(x.message.zh), 'the kind')[0],
      defined(x.message.zh.match(/hongze-2024[^，（）]*\.txt/), 'the other file')[0],
    ]);
  assert.deepEqual(of('hongze-2024.txt'), [
    ['info', '内容相同', 'hongze-2024 (1).txt'],
    ['warning', '另见', 'hongze-2024-v2.txt'],
  ]);
  assert.deepEqual(of('hongze-2024 (1).txt'), [
    ['info', '内容相同', 'hongze-2024.txt'],
    ['warning', '另见', 'hongze-2024-v2.txt'],
  ]);
  // One finding per kind, naming every other file of that kind.
  const v2 = byName(files, 'hongze-2024-v2.txt').cross;
  assert.deepEqual(
    v2.map((x) => x.severity),
    ['warning'],
  );
  assert.match(v2[0].message.zh, /有 3 个不同的版本：另见 hongze-2024.*\.txt、hongze-2024.*\.txt/);
  assert.equal(v2[0].related.length, 2);
  for (const f of files) for (const x of f.cross) assert.equal(x.range.start.line, defined(f.analysis.model.title).range.start.line);
});

test('no last year (two years back, another agency): no cross-year finding', () => {
  for (const f of crossCase('no-last-year')) assert.deepEqual(keys(f), [], f.name);
});

test('a series with a duplicate: every rule at once, and disabledRules', () => {
  const files = crossCase('series');
  const f = byName(files, 'hongze-2025.txt');
  assert.deepEqual([...new Set(f.cross.map((x) => x.rule))].sort(), ['carry-over-mismatch', 'copied-text', 'duplicate-report']);
  const d = digestOf(f);
  const only = engine.crossCheck(
    d,
    files.map((x) => digestOf(x)),
    { disabledRules: ['copied-text', 'duplicate-report'] },
  );
  assert.deepEqual([...new Set(only.map((x) => x.rule))], ['carry-over-mismatch']);
  for (const name of ['hongze-2023.txt', 'hongze-2024.txt']) assert.deepEqual(keys(byName(files, name)), [], name);
});

test('a digest is small and plain data', () => {
  const f = crossCase('series')[0];
  const size = JSON.stringify(f.digest).length;
  assert.ok(size < 8000, `${size} bytes`);
  assert.deepEqual(JSON.parse(JSON.stringify(f.digest)), f.digest);
});

test('cross-fixtures --check: the checked-in fixtures are what the generator makes', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'cross-fixtures.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('duplicate-report: a thousand copies give one finding per file, not one per pair', () => {
  const [first] = crossCase('duplicate');
  const many = Array.from({ length: 1000 }, (_, i) => ({ ...digestOf(first), file: `copies/${i}/${first.name}` }));
  const set = new engine.DigestSet();
  for (const d of many) set.set(d);
  const findings = engine.crossCheck(many[0], set).filter((f) => f.rule === 'duplicate-report');
  assert.equal(findings.length, 1);
  // The first 200 are compared (all copies here), the rest counted.
  assert.match(findings[0].message.zh, /出现 201 次/);
  assert.match(findings[0].message.zh, /等 200 份内容相同/);
  assert.match(findings[0].message.zh, /另有 799 份未逐一比较/);
  assert.ok(findings[0].related.length <= 20);
});
