// @ts-check
// The real reports (and the two made from them) read exactly, with their
// expected findings, as stated beside each fixture in <name>.expected.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine, reportFixtures, textOf } from './helpers.mjs';
import { defined, numberOf } from '../lib/narrow.mjs';

const fixtures = reportFixtures();

for (const f of fixtures) {
  test(`${f.name}: findings as expected`, () => {
    const a = engine.analyse(f.text);
    const actual = a.findings.map((x) => ({
      rule: x.rule,
      severity: x.severity,
      line: x.range.start.line + 1,
      column: x.range.start.character + 1,
    }));
    assert.deepEqual(actual, f.expected);
    assert.deepEqual(a.ruleErrors, []);
  });

  test(`${f.name}: model`, () => {
    const { model } = engine.analyse(f.text);
    assert.equal(model.isReport, true);
    assert.deepEqual(
      model.sections.map((s) => s.id),
      [1, 2, 3, 4, 5, 6],
    );
    const ids = model.tables.map((t) => t.id);
    const format = model.format;
    assert.deepEqual(
      ids,
      format === '2021' ? ['S2_一', 'S2_五', 'S2_六', 'S2_八', 'S3', 'S4'] : ['S2_一', 'S2_五', 'S2_六', 'S2_八', 'S2_九', 'S3', 'S4'],
    );
    for (const t of model.tables) {
      const template = defined(engine.tableTemplate(format, t.id), `the template of ${t.id}`);
      for (const row of t.rows) assert.equal(row.cells.length, template.columns.length, `${t.id} ${row.key} has every cell`);
      assert.equal(t.section, Number(t.id === 'S3' ? 3 : t.id === 'S4' ? 4 : 2));
    }
    assert.equal(model.unreadableTables.length, 0);
    assert.match(defined(model.title, 'a title').normalized, /年度报告$/);
  });
}

test('the four corpus reports: no errors except hongze-2023 section 四, and the known typos are found', () => {
  const byName = Object.fromEntries(fixtures.map((f) => [f.name, engine.analyse(f.text)]));
  for (const [name, a] of Object.entries(byName)) {
    const errors = a.findings.filter((x) => x.severity === 'error');
    if (name === 'corpus/hongze-2023.txt') {
      assert.deepEqual(
        errors.map((e) => e.message.zh),
        ['「行政复议·总计」：总计应为 11（10+1+0+0），现为 0', '「复议后起诉·总计」：总计应为 5（5+0+0+0），现为 0'],
      );
    } else assert.deepEqual(errors, [], name);
  }
  const labels = (/** @type {string} */ name) =>
    byName[name].findings
      .filter((x) => x.rule === 'nonstandard-label' && x.severity === 'warning')
      .map((x) => textOf(byName[name], x.range));
  assert.deepEqual(labels('corpus/changchun-guodongban-2023.txt'), [
    '(二) 部分公开（区分处理的，只计这一情况，不计其他情形）',
    '5.属于三类内容事务信息',
  ]);
  assert.deepEqual(labels('corpus/hongze-2023.txt'), ['2.其他法律行政止公开']);
  assert.deepEqual(labels('corpus/hongze-2024.txt'), ['2.其他法律行政止公开']);
});

test('hongze writes （六）其他处理 as one row and its numbers count in （七）总计', () => {
  const f = defined(fixtures.find((x) => x.name === 'corpus/hongze-2024.txt'));
  const bumped = f.text
    .replace('（六）其他处理 0 0 0 0 0 0 0', '（六）其他处理 3 0 0 0 0 0 3')
    .replace('（七）总计 95 0 0 0 0 0 95', '（七）总计 98 0 0 0 0 0 98')
    .replace('一、本年新收政府信息公开申请数量 95 0 0 0 0 0 95', '一、本年新收政府信息公开申请数量 98 0 0 0 0 0 98');
  const a = engine.analyse(bumped);
  assert.deepEqual(
    a.findings.filter((x) => x.severity === 'error'),
    [],
  );
  const s3 = defined(a.model.tables.find((t) => t.id === 'S3'));
  assert.equal(numberOf(defined(s3.rows.find((r) => r.key === 'R3_6')).cells[0]), 3);
});

test('exact ranges: every cell range covers its written text, every label its label', () => {
  for (const f of fixtures) {
    const a = engine.analyse(f.text);
    for (const t of a.model.tables) {
      for (const row of t.rows) {
        if (row.label) assert.equal(engine.normalizeLabel(textOf(a, row.label.range)), row.label.normalized, `${f.name} ${row.key}`);
        for (const c of row.cells) assert.equal(textOf(a, c.range), c.raw, `${f.name} ${row.key}.${c.column}`);
      }
    }
    for (const s of a.model.sections) assert.equal(textOf(a, s.heading.range), s.heading.text);
  }
});

test('Shandong: wrapped labels, bookmarks and merged cells read as the official rows', () => {
  const a = engine.analyse(defined(fixtures.find((x) => x.name === 'corpus/shandong-guodongban-2023.txt')).text);
  const s3 = defined(a.model.tables.find((t) => t.id === 'S3'));
  assert.equal(s3.rows.length, 25);
  assert.deepEqual(
    s3.groupLabels.map((g) => g.key),
    ['R3', 'R3_3', 'R3_4', 'R3_5', 'R3_6'],
  );
  const r = defined(s3.rows.find((x) => x.key === 'R3_2'));
  assert.equal(r.label?.text, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'); // the bookmark before it is not part of the label
  const s4 = defined(a.model.tables.find((t) => t.id === 'S4'));
  assert.deepEqual(defined(s4.rows[0]).cells.map(numberOf), [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
  assert.deepEqual(s4.headerCells.filter((h) => h.column).length, 15);
});
