// @ts-check
// Tool-free: a corpus report rewritten in the shapes PDF tools and converters give a table (pdfminer's column
// boxes, pdftotext's wrapped labels, antiword's dropped rows, LibreOffice's cut-off 四 table), each read exactly or
// honestly not read — the table named by one unreadable-table, no missing-row, blank-cell, missing-table or sum error
// from a misreading — and the shapes a blank template gives (labels alone) read as the template.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engine } from './helpers.mjs';
import { FIXTURES } from '../../scripts/forms-lib.mjs';
import { judge } from '../../scripts/pdf-text-forms.mjs';

const PATH = join(FIXTURES, 'corpus', 'hongze-2023.txt');
const TEXT = readFileSync(PATH, 'utf8');
const ORIGINAL = engine.analyse(TEXT);
const S3_HEADING = '三、收到和处理政府信息公开申请情况\n';
const S4_HEADING = '四、政府信息公开行政复议、行政诉讼情况\n';
const S4_ROW = '10 1 0 0 0 0 0 0 0 0 5 0 0 0 0\n';

/** The text between two markers (the first ends it, the second is not in it). @param {string} from @param {string} to */
function between(from, to) {
  const start = TEXT.indexOf(from);
  const end = TEXT.indexOf(to, start + from.length);
  assert.ok(start >= 0 && end > start, `the fixture has ${from.trim()} before ${to.trim()}`);
  return { start, end, body: TEXT.slice(start, end) };
}

/** A line's label and its trailing numbers (`…数量 21 0 0 0 0 0 21`). @param {string} line */
function split(line) {
  const m = /^(.*?)((?: +[0-9]+(?:\.[0-9]+)?)+)$/.exec(line);
  return m ? { label: m[1] ?? '', numbers: (m[2] ?? '').trim().split(/ +/) } : { label: line, numbers: [] };
}

/** The error ids of a reading. @param {string} text */
const errors = (text) =>
  engine
    .analyse(text)
    .findings.filter((f) => f.severity === 'error')
    .map((f) => f.id);

/** What a rewritten text reads as against the fixture. @param {string} text */
const judged = (text) => judge(engine, ORIGINAL, engine.analyse(text));

test("section 三's numbers written after the 四 heading (pdfminer) make 三 unreadable, not blank rows", () => {
  const s3 = between(S3_HEADING, S4_HEADING);
  const labels = [];
  const numbers = [];
  for (const line of s3.body.split('\n')) {
    const { label, numbers: n } = split(line);
    if (label.trim()) labels.push(label.trim());
    for (const x of n) numbers.push(x);
  }
  assert.ok(numbers.length > 100, 'the 三 rows hold their numbers');
  const moved = `${labels.join('\n\n')}\n\n${S4_HEADING}${numbers.join('\n\n')}\n\n`;
  const text = TEXT.slice(0, s3.start) + moved + TEXT.slice(s3.end + S4_HEADING.length);
  const j = judged(text);
  assert.equal(j.verdict, 'honest', j.why);
  assert.ok(j.tables.has('S3'));
  assert.deepEqual(
    errors(text).filter((id) => /^(missing-row|blank-cell|missing-table):S3/.test(id)),
    [],
  );
  // the blank template's shape: the labels alone, no number after the next heading: 三 is the labels-only table
  const blank = TEXT.slice(0, s3.start) + `${labels.join('\n\n')}\n\n${S4_HEADING}` + TEXT.slice(s3.end + S4_HEADING.length);
  const a = engine.analyse(blank);
  assert.deepEqual(
    a.model.unreadableTables.filter((u) => u.section === 3),
    [],
  );
  assert.ok(a.model.tables.some((t) => t.id === 'S3'));
});

test("every label of 二 before all its numbers, a number a line (pdfminer, pdftotext): 二's tables unreadable, none read wrong", () => {
  const s2 = between('二、主动公开政府信息情况\n', S3_HEADING);
  const labels = [];
  const numbers = [];
  for (const line of s2.body.split('\n')) {
    const { label, numbers: n } = split(line);
    if (label.trim()) labels.push(label.trim());
    for (const x of n) numbers.push(x);
  }
  const text = TEXT.slice(0, s2.start) + `${labels.join('\n\n')}\n\n${numbers.join('\n\n')}\n\n` + TEXT.slice(s2.end);
  const j = judged(text);
  assert.equal(j.verdict, 'honest', j.why);
  // 行政事业性收费 stands last, just before the numbers: the first number is not proven its own
  assert.ok(j.tables.has('S2_八'), [...j.tables].join());
  assert.ok(!j.c.wrongCells.some((w) => w.read !== '(no cell)'));
});

test('a label wrapped after its numbers (pdftotext -layout: `行政规范性  0 5 5` ⏎ `文件`) is its row', () => {
  const text = TEXT.replace('行政规范性文件 0 5 5\n', '行政规范性 0 5 5\n文件\n');
  assert.notEqual(text, TEXT);
  assert.equal(judged(text).verdict, 'exact', judged(text).why);
});

test('a row whose label goes on over two more lines after its numbers is lost: 三 unreadable, not a missing row', () => {
  // (the fixture's own label, 2.其他法律行政止公开, is the PDF's)
  const text = TEXT.replace('2.其他法律行政止公开 0 0 0 0 0 0 0\n', '2.其他法律 0 0 0 0 0 0 0\n行政止\n公开\n');
  assert.notEqual(text, TEXT);
  const j = judged(text);
  assert.equal(j.verdict, 'honest', j.why);
  assert.deepEqual([...j.tables], ['S3']);
});

test("三's header with none of its rows (antiword drops LibreOffice's 三 rows): 三 unreadable, not missing", () => {
  const s3 = between(S3_HEADING, '四、结转下年度继续办理');
  const header = s3.body.slice(0, s3.body.indexOf('一、本年新收'));
  const text = TEXT.slice(0, s3.start) + header + TEXT.slice(TEXT.indexOf(S4_HEADING));
  const a = engine.analyse(text);
  assert.deepEqual(
    a.model.unreadableTables.map((u) => u.table),
    ['S3'],
  );
  assert.ok(!errors(text).some((id) => id.startsWith('missing-table:')));
  // prose naming two header words is no header
  const prose = TEXT.slice(0, s3.start) + `${S3_HEADING}本年申请人情况：自然人申请 21 件。\n` + TEXT.slice(TEXT.indexOf(S4_HEADING));
  assert.deepEqual(
    engine.analyse(prose).model.unreadableTables.filter((u) => u.table === 'S3'),
    [],
  );
});

/** The fixture with its 四 table as TAB rows (the PDF reader's cells), its data row `row`. @param {string[]} row */
function tabS4(row) {
  const s4 = between(S4_HEADING, '五、存在的主要问题及改进情况');
  const outcomes = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const table = [
    ['行政复议', '行政诉讼'].join('\t'),
    ['', '未经复议直接起诉', '复议后起诉'].join('\t'),
    [...outcomes, ...outcomes, ...outcomes].join('\t'),
    row.join('\t'),
  ].join('\n');
  return TEXT.slice(0, s4.start) + `${S4_HEADING}${table}\n` + TEXT.slice(s4.end);
}

test("a 四 TAB row with fewer numbers than columns (LibreOffice's cut-off table) is unreadable, not blanks", () => {
  const numbers = S4_ROW.trim().split(' ');
  const whole = engine.analyse(tabS4(numbers));
  assert.equal(whole.model.tables.find((t) => t.id === 'S4')?.layout, 'tab-separated');
  assert.deepEqual(whole.model.unreadableTables, []);
  const cut = engine.analyse(tabS4(numbers.slice(0, 12)));
  assert.deepEqual(
    cut.model.unreadableTables.map((u) => `${u.section}/${u.table}`),
    ['4/S4'],
  );
  assert.match(cut.model.unreadableTables[0]?.reason.zh ?? '', /12 格，少于 15 列/);
  assert.ok(!cut.findings.some((f) => f.rule === 'blank-cell' || f.rule === 'sum-mismatch'));
});

test('a 2019 二 cut after 六’s header names 六 alone, not 八 whose caption is gone (their header words are shared)', () => {
  const made = readFileSync(join(FIXTURES, 'made', 'changchun-2019-format.txt'), 'utf8');
  const cut = made.indexOf('行政处罚\t');
  const next = made.indexOf(S3_HEADING);
  assert.ok(cut > 0 && next > cut);
  assert.deepEqual(errors(made.slice(0, cut) + made.slice(next)), ['unreadable-table:2/S2_六']);
});

/** The fixture with its 二 as TAB rows, each line's label and numbers a cell apiece, after `edit`. @param {(line: string) => string} edit */
function tabS2(edit) {
  const s2 = between('二、主动公开政府信息情况\n', S3_HEADING);
  const lines = s2.body.split('\n').map((line, i) => (i === 0 || line.startsWith('- ') ? line : edit(line.split(' ').join('\t'))));
  return TEXT.slice(0, s2.start) + lines.join('\n') + TEXT.slice(s2.end);
}

test('a TAB row whose empty cells left no TAB (catdoc: `行政许可` alone) is its row, its numbers below it its own', () => {
  const exact = engine.analyse(tabS2((l) => l));
  assert.equal(exact.model.tables.find((t) => t.id === 'S2_五')?.layout, 'tab-separated');
  // blank: the label alone on its line
  const blank = engine.analyse(tabS2((l) => (l === '行政许可\t550' ? '行政许可' : l === '行政事业性收费\t7730.28' ? '行政事业性收费' : l)));
  const cell = (/** @type {typeof blank} */ a, /** @type {string} */ id, /** @type {string} */ key) =>
    a.model.tables.find((t) => t.id === id)?.rows.find((r) => r.key === key)?.cells[0]?.value.kind;
  assert.equal(cell(blank, 'S2_五', 'XK'), 'blank');
  assert.equal(cell(blank, 'S2_八', 'SF'), 'blank');
  assert.ok(!blank.findings.some((f) => f.rule === 'missing-table' || f.rule === 'missing-row'));
  // the number on the line below
  const below = tabS2((l) => (l === '行政许可\t550' ? '行政许可\n\t550' : l));
  assert.equal(judged(below).verdict, 'exact', judged(below).why);
});

test("a blank 四 as a simple table's header words alone (pandoc plain/markdown of the template) is its row, every cell blank", () => {
  const s4 = between(S4_HEADING, '五、存在的主要问题及改进情况');
  const rule = '  ---------- ------ ------ ------ ------ ------------------ ------ ------ ------ ------';
  const header = [
    rule,
    '  行政复议                               行政诉讼',
    '',
    '  结果维持   结果\\   其他\\   尚未\\   总计   未经复议直接起诉                               复议后起诉',
    '             纠正    结果    审结',
    '',
    '                                         结果\\               结果\\   其他\\   尚未\\   总计   结果\\         结果\\   其他\\   尚未\\   总计',
    '                                         维持                纠正    结果    审结           维持          纠正    结果    审结',
    '',
    rule,
    '',
  ].join('\n');
  const a = engine.analyse(TEXT.slice(0, s4.start) + S4_HEADING + header + TEXT.slice(s4.end));
  const s4Table = a.model.tables.find((t) => t.id === 'S4');
  assert.ok(s4Table, 'the 四 table is read');
  assert.ok(s4Table.rows[0]?.cells.every((c) => c.value.kind === 'blank'));
  assert.ok(!a.findings.some((f) => f.rule === 'missing-table'));
});

test('a 四 row of text one number short, where every placement gives the same numbers (LibreOffice’s PDF by pdftotext), is unreadable, not a blank guessed last', () => {
  const whole = TEXT.replace(S4_ROW, '0 0 0 0 0 0 0 0 1 1 0 0 0 0 0\n');
  assert.equal(judge(engine, engine.analyse(whole), engine.analyse(whole)).verdict, 'exact');
  // the blank could be any of the zeros: which is not known
  const cut = engine.analyse(TEXT.replace(S4_ROW, '0 0 0 0 0 0 0 0 1 1 0 0 0 0\n'));
  assert.deepEqual(
    cut.model.unreadableTables.map((u) => `${u.section}/${u.table}`),
    ['4/S4'],
  );
  assert.match(cut.model.unreadableTables[0]?.reason.zh ?? '', /14 格，少于 15 列/);
  assert.ok(!cut.findings.some((f) => f.rule === 'blank-cell' || f.rule === 'sum-mismatch'));
});

test('a fused run with markup inside (`21**00000**21`): each cell spans its own digits, the markup skipped', () => {
  const line = '一、本年新收政府信息公开申请数量 21 0 0 0 0 0 21';
  assert.ok(TEXT.includes(line));
  for (const run of ['21**00000**21', '2**1000002**1']) {
    const text = TEXT.replace(line, `一、本年新收政府信息公开申请数量 ${run}`);
    const row = engine
      .analyse(text)
      .model.tables.find((t) => t.id === 'S3')
      ?.rows.find((r) => r.key === 'R1');
    assert.deepEqual(
      row?.cells.map((c) => `${c.raw}=${text.slice(c.span.start, c.span.end).replace(/\*/g, '')}`),
      ['21=21', '0=0', '0=0', '0=0', '0=0', '0=0', '21=21'],
      run,
    );
  }
});

test('a row whose label names no row leaves its numbers unplaced: the group label under it takes none of them', () => {
  // A copy with a mistyped numbering (`116.补正后…`): the row is missing, and （五）不予处理 below it is a label only.
  const text = TEXT.replace('\n3.补正后申请内容仍不明确 ', '\n116.补正后申请内容仍不明确 ');
  assert.notEqual(text, TEXT);
  const ids = errors(text);
  assert.ok(
    ids.some((id) => id.startsWith('missing-row:') && id.includes('R3_4_3')),
    ids.join(', '),
  );
  assert.deepEqual(
    ids.filter((id) => id.includes('R3_5/') || id.endsWith('R3_5')),
    [],
    'no sum names the group row',
  );
});
