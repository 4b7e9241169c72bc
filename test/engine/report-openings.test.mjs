// @ts-check
// How a report opens: an opening sentence citing 《条例》 before 一、总体情况 (no title line), a title line
// holding markup, a page's breadcrumbs, metadata rows and buttons above the title, a page in traditional
// characters. None of them may silence a report or become its title. Made from our own fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { engine, fixturesDir } from './helpers.mjs';

const CORPUS = readFileSync(`${fixturesDir}corpus/changchun-guodongban-2023.txt`, 'utf8');
const Y2019 = readFileSync(`${fixturesDir}made/changchun-2019-format.txt`, 'utf8');

// The openings reports write before 一、总体情况 when the page kept no title line.
const OPENINGS = [
  '根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）要求，现公布长春市国动办2023年政府信息公开工作年度报告。',
  '根据《中华人民共和国政府信息公开条例》规定，现公布长春市国动办2023年政府信息公开工作年度报告。',
  '本年度报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）的要求编制，全文包括总体情况、主动公开政府信息情况等六部分。',
  '依据《中华人民共和国政府信息公开条例》第五十条规定，编制本年度报告。',
  '按照《中华人民共和国政府信息公开条例》要求，特向社会公布2023年度本单位政府信息公开工作年度报告。',
];

/** The report from 一、总体情况 on, its tables gone (pictures on the page): headings and prose only. */
const headingsOnly = CORPUS.slice(CORPUS.indexOf('一、总体情况'))
  .split('\n')
  .filter((l) => !l.includes('\t'))
  .join('\n');

/** The 2019 report from 一 to 二's first table, the rest cut off (a page's first screen). */
const cutAfterFirstTable = (() => {
  const from = Y2019.indexOf('一、总体情况');
  return Y2019.slice(from, Y2019.indexOf('第二十条第（五）项'));
})();

test('an opening sentence citing 《条例》 is no title and does not make an article of the report', () => {
  for (const opening of OPENINGS) {
    const six = engine.analyse(`${opening}\n\n${headingsOnly}`).model;
    assert.ok(six.isReport, `six headings: ${opening.slice(0, 20)}`);
    assert.equal(six.title, undefined, opening.slice(0, 20));
    assert.deepEqual(
      six.sections.map((s) => s.id),
      [1, 2, 3, 4, 5, 6],
    );
    const cut = engine.analyse(`${opening}\n${cutAfterFirstTable}`);
    assert.ok(cut.model.isReport, `一, 二 and a table: ${opening.slice(0, 20)}`);
    assert.equal(cut.model.format, '2019');
    assert.ok(cut.findings.some((f) => f.rule === 'missing-section'));
  }
});

test('the year of a report without a title line: the one its opening sentence publishes', () => {
  const year = (/** @type {string} */ opening) => engine.analyse(`${opening}\n\n${headingsOnly}`).model.year;
  assert.equal(year(OPENINGS[0] ?? ''), 2023, 'not 〔2019〕 of a cited notice');
  assert.equal(year(OPENINGS[1] ?? ''), 2023);
  assert.equal(year(OPENINGS[3] ?? ''), undefined, 'no year named');
  assert.equal(year('根据《国务院办公厅关于做好2019年政务公开工作的通知》要求，编制本年度报告。'), undefined, 'a cited notice’s year');
});

test('a title line after the opening sentence is still the title', () => {
  const m = engine.analyse(`${OPENINGS[3]}\n长春市国动办2023年政府信息公开工作年度报告\n${headingsOnly}`).model;
  assert.equal(m.title?.text, '长春市国动办2023年政府信息公开工作年度报告');
});

test('documents about reports that open with such a sentence are still skipped', () => {
  const notice = readFileSync(`${fixturesDir}not-reports/notice-2023.txt`, 'utf8');
  // Without its title and addressees: it opens 根据《条例》…年度报告…，现将有关事项通知如下。
  const untitled = notice.slice(notice.indexOf('根据'));
  for (const [name, text] of Object.entries({ notice: untitled, 'notice titled': notice })) {
    const a = engine.analyse(text);
    assert.equal(a.model.isReport, false, name);
    assert.deepEqual(a.findings, [], name);
  }
  // The 编写说明 has the six headings in order: its title still says what it is.
  const instructions = readFileSync(`${fixturesDir}not-reports/instructions.md`, 'utf8');
  assert.equal(engine.analyse(`${OPENINGS[1]}\n${instructions}`, { layoutHint: 'markdown' }).model.isReport, false);
});

const TITLE = '长春市国动办 2023 年政府信息公开工作年度报告';
/** @param {string} head */
const titleAfter = (head) => engine.analyse(CORPUS.replace(TITLE, `${head}\n${TITLE}`)).model.title?.text;

test('a title line holding markup keeps its first line; breadcrumbs by their shape are no part of it', () => {
  const split = CORPUS.replace(TITLE, `长春市<script>alert(1)</script>国动办\n2023 年政府信息公开工作年度报告`);
  assert.equal(engine.analyse(split).model.title?.text, '长春市<script>alert(1)</script>国动办\n2023 年政府信息公开工作年度报告');
  for (const crumbs of [
    '首页 > 政务公开 > 政府信息公开年报',
    '当前位置：首页>>信息公开>>年报',
    '首页»政务公开»年报',
    '首页＞政务公开＞年报',
    '政务公开>年度报告',
  ])
    assert.equal(titleAfter(crumbs), TITLE, crumbs);
});

test('page chrome and metadata rows above the title are not the title', () => {
  for (const chrome of [
    '关键词: |',
    '信息名称: | 长春市国动办 |',
    '废止日期: | 文 号: | ||',
    '【字体:      】  打印',
    '【字体：大 中 小】 【打印】',
  ])
    assert.equal(titleAfter(chrome), TITLE, chrome);
  // A page in traditional characters: its metadata and buttons too.
  for (const chrome of ['發布時間：2024-01-26', '來源：長春市國動辦', '【視力保護色】 【打印】'])
    assert.equal(titleAfter(chrome), TITLE, chrome);
});

test('the title of a page in traditional characters, and a list of them', () => {
  const m = engine.analyse(`長春市國動辦2023年政府信息公開工作年度報告\n\n${headingsOnly}`).model;
  assert.ok(m.isReport);
  assert.equal(m.title?.normalized, '长春市国动办2023年政府信息公开工作年度报告');
  assert.equal(m.year, 2023);
  // A title run on into the body (one line of text).
  const runOn = `長春市國動辦2023年政府信息公開工作年度報告 2023年我辦堅持公開為常態、不公開為例外，全年通過門戶網站主動公開政府信息一百余條，及時更新機構職能、政策文件、工作動態等信息，進一步保障群眾知情權。\n${headingsOnly}`;
  assert.equal(engine.analyse(runOn).model.title?.normalized, '长春市国动办2023年政府信息公开工作年度报告');
  const list = ['長春市統計局', '長春市交通運輸局', '長春市教育局', '長春市財政局']
    .map((a, i) => `- ${a}2023年政府信息公開工作年度報告　2024-01-2${i}`)
    .join('\n');
  assert.equal(engine.analyse(`政府信息公開工作年度報告\n\n${list}\n`).model.isReport, false, 'a list of reports');
});

test('the format of a report in traditional characters: its evidence labels in either form', () => {
  const forms = new Map();
  for (const [from, to] of engine.TRADITIONAL_TO_SIMPLIFIED) if (!forms.has(to)) forms.set(to, from);
  const traditional = [...cutAfterFirstTable].map((c) => String.fromCharCode(forms.get(c.charCodeAt(0)) ?? c.charCodeAt(0))).join('');
  assert.match(traditional, /本年新製作數量/);
  const m = engine.analyse(traditional).model;
  assert.equal(m.format, '2019');
  assert.ok(m.formatEvidence.includes('本年新制作数量'));
});

test('a sentence in 一 naming 行政复议和行政诉讼, then numbers in prose, is no section-四 table', () => {
  const one = CORPUS.slice(CORPUS.indexOf('一、总体情况'), CORPUS.indexOf('二、主动公开政府信息情况'));
  const text = `${TITLE}\n${one}\n2023年，我办未收到政府信息公开申请，无因政府信息公开工作被申请行政复议和行政诉讼的情况。\n全年办理12345热线诉求件229件，办结率100%，满意率98%。\n`;
  const a = engine.analyse(text);
  assert.deepEqual(
    a.findings.filter((f) => f.rule === 'unreadable-table'),
    [],
  );
});
