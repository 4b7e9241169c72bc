// @ts-check
// Text handling: UTF-16 positions, CRLF, BOM, full-width digits, both formats, non-reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine, textOf } from './helpers.mjs';
import { baseText } from './variants.mjs';
import { defined } from '../lib/narrow.mjs';

test('positions count UTF-16 code units (astral characters take two)', () => {
  const text = baseText('changchun').replace('行政许可\t95', '𠀀行政许可\t95');
  const a = engine.analyse(text);
  const row = defined(defined(a.model.tables.find((t) => t.id === 'S2_五')).rows[0]);
  const cell = defined(row.cells[0]);
  const line = defined(text.split('\n')[cell.range.start.line]);
  assert.equal(cell.range.start.character, line.indexOf('95'));
  assert.equal(line.indexOf('95'), '𠀀行政许可\t'.length); // 2 + 4 + 1 code units
  assert.equal(textOf(a, cell.range), '95');
});

test('CRLF: same findings on the same lines, edits use CRLF', () => {
  const lf = baseText('hongze23');
  const crlf = lf.replace(/\n/g, '\r\n');
  const a = engine.analyse(lf);
  const b = engine.analyse(crlf);
  assert.equal(b.model.eol, '\r\n');
  assert.deepEqual(
    b.findings.map((f) => [f.rule, f.range]),
    a.findings.map((f) => [f.rule, f.range]),
  );
  const collapsed = defined(b.findings.find((f) => f.rule === 'collapsed-row'));
  assert.ok(collapsed.fixes[0].edits[0].newText.includes('\r\n'));
  assert.ok(!/[^\r]\n/.test(collapsed.fixes[0].edits[0].newText));
});

test('full-width digits are read as numbers and count in sums', () => {
  const text = baseText('changchun').replace('0\t0\t0\t0\t59', '0\t0\t0\t0\t５９');
  const a = engine.analyse(text);
  const r1 = defined(defined(a.model.tables.find((t) => t.id === 'S3')).rows[0]);
  assert.deepEqual(r1.cells[6]?.value, { kind: 'number', value: 59, fullWidth: true });
  assert.equal(a.findings.filter((f) => f.severity === 'error').length, 0);
  const fw = defined(a.findings.find((f) => f.rule === 'full-width-digits'));
  assert.equal(fw.fixes[0].safe, true);
  assert.equal(fw.fixes[0].edits[0].newText, '59');
});

test('2019 format is detected from its rows; 2021 is the default', () => {
  assert.equal(engine.analyse(baseText('format2019')).model.format, '2019');
  assert.equal(engine.analyse(baseText('changchun')).model.format, '2021');
  assert.equal(engine.analyse(baseText('changchun'), { format: '2019' }).model.format, '2019');
});

test('text that is not a report gives no findings', () => {
  for (const text of ['', '\n\n', 'hello world', '会议纪要\n一、开会\n二、散会\n', '\u0000\u0001\u0002binary', 'x'.repeat(100000)]) {
    const a = engine.analyse(text);
    assert.equal(a.model.isReport, false, JSON.stringify(text.slice(0, 20)));
    assert.deepEqual(a.findings, []);
  }
});

test('a report with no tables at all: missing tables, nothing bogus', () => {
  const text =
    '某局2023年政府信息公开工作年度报告\n统计期限自2023年1月1日至2023年12月31日。\n一、总体情况\n略。\n二、主动公开政府信息情况\n略。\n三、收到和处理政府信息公开申请情况\n略。\n四、政府信息公开行政复议、行政诉讼情况\n略。\n五、存在的主要问题及改进情况\n略。\n六、其他需要报告的事项\n未收取信息处理费。\n';
  const a = engine.analyse(text);
  assert.deepEqual([...new Set(a.findings.map((f) => f.rule))], ['missing-table']);
  assert.equal(a.findings.length, 6);
  // Applying every missing-table fix (one at a time, re-analysing) gives a complete report.
  let t = text;
  for (let i = 0; i < 6; i++) {
    const f = defined(engine.analyse(t).findings.find((x) => x.rule === 'missing-table'));
    t = engine.applyEdits(t, f.fixes[0].edits);
  }
  const done = engine.analyse(t);
  assert.deepEqual(done.findings, []);
  assert.equal(done.model.tables.length, 6);
});

test('rule errors are contained: a throwing check leaves the others', () => {
  const rule = defined(engine.RULES.find((r) => r.id === 'blank-cell'));
  const original = rule.check;
  rule.check = () => {
    throw new Error('boom');
  };
  try {
    const a = engine.analyse(baseText('hongze23'));
    assert.deepEqual(
      a.ruleErrors.map((e) => e.rule),
      ['blank-cell'],
    );
    assert.ok(a.findings.some((f) => f.rule === 'sum-mismatch'));
  } finally {
    rule.check = original;
  }
});

test('a report pasted many times: one duplicate-section per section, findings capped per rule', () => {
  const big = baseText('shandong').repeat(60);
  const a = engine.analyse(big);
  const dup = a.findings.filter((f) => f.rule === 'duplicate-section');
  assert.equal(dup.length, 6);
  assert.match(dup[0].message.zh, /共重复 59 次/);
  assert.equal(a.findings.filter((f) => f.rule === 'section-order').length, 0);
  const artefacts = a.findings.filter((f) => f.rule === 'text-artefact');
  assert.equal(artefacts.length, 501);
  assert.match(artefacts[500].message.zh, /另有 160 处同类问题/);
});
