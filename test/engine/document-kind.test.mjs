// @ts-check
// Only reports get findings: documents about reports (a notice, a review, a
// 编写说明, a news article, a list of reports, a template explanation, a 解读
// or a README quoting a row or two, a statistics page, a CSV of values) get
// none, while every report fixture, form, variant, the blank template and a
// draft that is only its tables so far stays one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { engine, fixturesDir } from './helpers.mjs';
import { goldenDocuments } from '../../scripts/golden.mjs';

const NOT_REPORTS = `${fixturesDir}not-reports/`;
// The corpus's own README is read in place (../shared is never copied into the project).
const CORPUS_README = fileURLToPath(new URL('../../../shared/corpus/README.md', import.meta.url));

test('documents about reports are not reports and get no findings', () => {
  const names = readdirSync(NOT_REPORTS);
  assert.ok(names.length >= 13);
  for (const name of names) {
    const a = engine.analyse(readFileSync(NOT_REPORTS + name, 'utf8'), name.endsWith('.md') ? { layoutHint: 'markdown' } : {});
    assert.equal(a.model.isReport, false, name);
    assert.deepEqual(a.findings, [], name);
  }
});

test('every report fixture, form and variant is still a report (the one not-a-report variant aside)', async () => {
  /** @type {{ id: string, text: string, options?: import('../../server/src/engine/index.ts').AnalyseOptions }[]} */
  const docs = await goldenDocuments();
  for (const dir of ['forms']) {
    for (const name of readdirSync(fixturesDir + dir))
      docs.push({ id: `${dir}/${name}`, text: readFileSync(`${fixturesDir}${dir}/${name}`, 'utf8'), options: {} });
  }
  for (const d of docs) assert.equal(engine.analyse(d.text, d.options).model.isReport, d.id !== 'variant-not-a-report', d.id);
});

test('a blank template, a title-only draft and a report without its title are reports', () => {
  for (const layout of /** @type {const} */ (['markdown', 'tab-separated', 'cell-per-line']))
    assert.ok(engine.analyse(engine.renderNewReport({ layout })).model.isReport, layout);
  assert.ok(engine.analyse('某某局2023年政府信息公开工作年度报告\n').model.isReport, 'a draft with only its title');
  const report = readFileSync(`${fixturesDir}corpus/changchun-guodongban-2023.txt`, 'utf8');
  const untitled = report.replace(/^[\s\S]*?年度报告\s*\n/, '');
  const a = engine.analyse(untitled);
  assert.ok(!a.model.title?.normalized.includes('国动办'), 'the title is gone');
  assert.ok(a.model.isReport, 'the tables are there');
  // A notice with the whole blank format attached still has the tables: checked (and 这不是年度报告 is one click away).
  assert.ok(engine.analyse('关于做好年度报告工作的通知\n\n' + engine.renderNewReport({})).model.isReport);
});

test('titles: what the document is, not what it is about', () => {
  const is = (/** @type {string} */ title) => engine.analyse(`${title}\n\n正文。\n`).model.isReport;
  for (const t of [
    '某某市统计局2023年政府信息公开工作年度报告',
    '《某某市交通运输局2022年政府信息公开工作年度报告》',
    '山东省国防动员办公室关于2023年度政府信息公开工作年度报告',
    '沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局',
    '某某局2023年政府信息公开工作年度报告（征求意见稿）',
    '某某市机构编制委员会办公室2023年政府信息公开工作年度报告',
  ])
    assert.ok(is(t), t);
  for (const t of [
    '关于做好2023年政府信息公开工作年度报告编制和发布工作的通知',
    '关于区教育局2023年政府信息公开工作年度报告的审核意见',
    '某某区2023年政府信息公开工作年度报告审核反馈',
    '政府信息公开工作年度报告编写说明',
    '政府信息公开工作年度报告填报说明',
    '我区发布2023年政府信息公开工作年度报告',
    '《某某局2023年政府信息公开工作年度报告》解读',
    '图解：某某局2023年政府信息公开工作年度报告',
  ])
    assert.ok(!is(t), t);
});

/** @param {string} text @param {string} [name] */
const analyse = (text, name = '') => engine.analyse(text, name.endsWith('.md') ? { layoutHint: 'markdown' } : {});

test('quoted rows are not a report: the new fixtures each quote rows the table reader finds', () => {
  // Each of these has a piece of a table in its model, which once made it a report.
  for (const name of ['dataset-readme.md', 'jiedu-2023.txt', 'agency-summary-by-row.txt', 'assessment-2023.txt', 'english-news.txt']) {
    const a = analyse(readFileSync(NOT_REPORTS + name, 'utf8'), name);
    assert.ok(a.model.tables.length > 0, `${name}: a quoted piece of a table is read`);
    assert.equal(a.model.isReport, false, name);
  }
});

test(
  'the corpus README (English, a table quoting 行政复议 10, 1, 0, 0) is not a report',
  { skip: !existsSync(CORPUS_README) && `${CORPUS_README} is absent` },
  () => {
    const a = analyse(readFileSync(CORPUS_README, 'utf8'), CORPUS_README);
    assert.equal(a.model.isReport, false);
    assert.deepEqual(a.findings, []);
  },
);

const REPORT = readFileSync(`${fixturesDir}corpus/changchun-guodongban-2023.txt`, 'utf8');
const model = engine.analyse(REPORT).model;
/** @param {string} id */
const tableText = (id) => {
  const t = model.tables.find((x) => x.id === id);
  assert.ok(t, id);
  return REPORT.slice(t.span.start, t.span.end);
};
// A cell's number (between TABs or at a line's end), not the digits of a label (1.属于国家秘密).
const CELL_NUMBER = /(?<=\t)\d+(?=\t|$)/gm;

test('a clerk’s draft that is only section 三’s table so far is a report and gets the checks', () => {
  const s3 = tableText('S3');
  const lines = s3.split('\n');
  const half = Math.floor(lines.length / 2);
  const drafts = {
    pasted: s3,
    'half-typed': [...lines.slice(0, half), ...lines.slice(half).map((l) => l.replace(CELL_NUMBER, ''))].join('\n'),
    blank: s3.replace(CELL_NUMBER, ''),
    'first half of the rows': lines.slice(0, half).join('\n'),
  };
  for (const [name, text] of Object.entries(drafts)) {
    const a = engine.analyse(`${text}\n`);
    assert.ok(a.model.isReport, name);
    assert.ok(
      a.findings.some((f) => f.rule === 'missing-section'),
      `${name}: checked`,
    );
  }
  // And the whole set of tables, with no title and no heading.
  assert.ok(engine.analyse(model.tables.map((t) => REPORT.slice(t.span.start, t.span.end)).join('\n\n')).model.isReport, 'only its tables');
  // 四 alone: its one row of fifteen numbers.
  assert.ok(engine.analyse(`${tableText('S4')}\n`).model.isReport, 'only section 四');
});

test('a row or two quoted from the tables is not a report', () => {
  const rows = tableText('S3')
    .split('\n')
    .filter((l) => /^[一二]、本年新收|^[一二]、上年结转/.test(l));
  assert.equal(rows.length, 2);
  const prose = (/** @type {string} */ quoted) => `据统计，全年办理情况如下：\n\n${quoted}\n\n以上数据摘自该局年度报告。\n`;
  for (const quoted of [rows[0] ?? '', rows.join('\n')]) {
    const a = engine.analyse(prose(quoted));
    // (One row alone is not even read as a table; two are: a piece of 三, which once made a report.)
    if (quoted.includes('\n'))
      assert.ok(
        a.model.tables.some((t) => t.id === 'S3'),
        'the quoted rows are read',
      );
    assert.equal(a.model.isReport, false, quoted);
    assert.deepEqual(a.findings, []);
  }
  // In 四, one group of five (行政复议 with its header) is a quote; the whole row of fifteen is the table (above).
  const group = engine.analyse(prose('行政复议\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n2\t0\t0\t0\t2'));
  assert.ok(
    group.model.tables.some((t) => t.id === 'S4'),
    'the quoted group is read',
  );
  assert.equal(group.model.isReport, false, 'one group of 四');
});

test('the six headings make a report when they stand in order, not when three are named anywhere', () => {
  const [h1, h3, h6] = ['一、总体情况', '三、收到和处理政府信息公开申请情况', '六、其他需要报告的事项'];
  assert.ok(engine.analyse(`${h1}\n\n正文。\n\n${h3}\n\n正文。\n\n${h6}\n\n正文。\n`).model.isReport, 'in order');
  assert.equal(engine.analyse(`${h6}\n\n正文。\n\n${h3}\n\n正文。\n\n${h1}\n\n正文。\n`).model.isReport, false, 'out of order');
});

test('a page cut after section 二 (no title, only 一 and 二 and 二’s tables) is a report with missing sections', () => {
  const y2019 = readFileSync(`${fixturesDir}made/changchun-2019-format.txt`, 'utf8');
  const from = y2019.indexOf('一、总体情况');
  const cut = y2019.slice(from, y2019.indexOf('三、收到和处理政府信息公开申请情况'));
  const head = cut.slice(0, cut.indexOf('第二十条第（五）项'));
  assert.ok(from > 0 && head.includes('二、主动公开政府信息情况') && head.includes('规章'));
  for (const [name, text] of Object.entries({ '二 whole': cut, 'only 二’s first table': head })) {
    const a = engine.analyse(text);
    assert.equal(a.model.format, '2019', name);
    assert.ok(a.model.isReport, name);
    assert.deepEqual(a.findings.filter((f) => f.rule === 'missing-section').length, 4, `${name}: 三 to 六 are missing`);
  }
  // The same table with one heading, or under the headings but short of its cells, is not the report's start.
  assert.equal(engine.analyse(head.replace('一、总体情况', '')).model.isReport, false, 'without 一');
  const short = head.replace(/^规范性文件.*\n/m, '');
  assert.notEqual(short, head);
  assert.equal(engine.analyse(short).model.isReport, false, 'one row of the table');
});
