// @ts-check
// Only reports get findings: documents about reports (a notice, a review, a
// 编写说明, a news article, a list of reports, a template explanation) get
// none, while every report fixture, form, variant and the blank template stays one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { engine, fixturesDir } from './helpers.mjs';
import { goldenDocuments } from '../../scripts/golden.mjs';

const NOT_REPORTS = `${fixturesDir}not-reports/`;

test('documents about reports are not reports and get no findings', () => {
  const names = readdirSync(NOT_REPORTS);
  assert.ok(names.length >= 5);
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
