// @ts-check
// Numbers grouped by thousands (1,095 · 1，095): read as the number they plainly are in every text form, added up
// with the rest, quoted in the prose as that number, and reported once as digit-grouping (info, a safe fix).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { engine, fixturesDir } from './helpers.mjs';

const read = (/** @type {string} */ name) => readFileSync(fixturesDir + name, 'utf8');

/** @param {import('../../server/src/engine/index.ts').Analysis} a */
const cellsOf = (a, /** @type {string} */ table) =>
  a.model.tables
    .find((t) => t.id === table)
    ?.rows.flatMap((r) => r.cells.map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind)));

/** @param {import('../../server/src/engine/index.ts').Analysis} a */
const loud = (a) =>
  a.findings
    .filter((f) => f.severity === 'error' || f.severity === 'warning')
    .map((f) => f.id)
    .sort();

/** @type {{ file: string, from: string, hint: import('../../server/src/engine/index.ts').AnalyseOptions }[]} */
const FORMS = [
  { file: 'corpus/changchun-guodongban-2023.txt', from: '行政许可\t95', hint: {} },
  { file: 'forms/changchun-guodongban-2023.oneline.txt', from: '行政许可 95', hint: {} },
  { file: 'forms/changchun-guodongban-2023.fused.txt', from: '行政许可95', hint: {} },
  { file: 'forms/changchun-guodongban-2023.md-split.md', from: '| 95 |', hint: { layoutHint: 'markdown' } },
];

for (const form of FORMS) {
  for (const grouped of ['1,095', '1，095']) {
    test(`${form.file}: ${grouped} is read as 1095, with one digit-grouping and nothing else new`, () => {
      const base = read(form.file);
      assert.ok(base.includes(form.from), form.from);
      const plain = engine.analyse(base.replace(form.from, form.from.replace('95', '1095')), form.hint);
      const a = engine.analyse(base.replace(form.from, form.from.replace('95', grouped)), form.hint);
      assert.deepEqual(cellsOf(a, 'S2_五'), [1095]);
      assert.deepEqual(loud(a), loud(plain));
      const notes = a.findings.filter((f) => f.rule === 'digit-grouping');
      assert.equal(notes.length, 1);
      const [note] = notes;
      assert.equal(note?.severity, 'info');
      assert.equal(note?.fixes[0]?.title.zh, '改为 1095');
      assert.equal(note?.fixes[0]?.safe, true);
      // the safe fix writes plain digits, which then read the same with no note
      const fixed = engine.applySafeFixes(a.text, form.hint);
      const after = engine.analyse(fixed.text, form.hint);
      assert.deepEqual(cellsOf(after, 'S2_五'), [1095]);
      assert.equal(after.findings.filter((f) => f.rule === 'digit-grouping').length, 0);
    });
  }
}

test('a grouped total is added up: the sums find what they find with the plain number, no more', () => {
  const base = read('corpus/changchun-guodongban-2023.txt');
  // section 三's first row: its total 59, then a wrong total 1059 written both ways
  const row = '0\t0\t0\t0\t59';
  assert.ok(base.includes(row));
  for (const total of ['59', '1059']) {
    const plain = engine.analyse(base.replace(row, `0\t0\t0\t0\t${total}`));
    const grouped = total.length > 3 ? `${total.slice(0, -3)},${total.slice(-3)}` : total;
    const a = engine.analyse(base.replace(row, `0\t0\t0\t0\t${grouped}`));
    assert.deepEqual(loud(a), loud(plain), `total ${grouped}`);
  }
  const wrong = engine.analyse(base.replace(row, '0\t0\t0\t0\t1,059'));
  assert.ok(
    wrong.findings.some((f) => f.rule === 'sum-mismatch'),
    'a grouped total that does not add up is a sum error',
  );
});

test('digits not grouped by thousands are not one number: invalid-number, as before', () => {
  const base = read('corpus/changchun-guodongban-2023.txt');
  for (const odd of ['1,0950', '10,95', '1234,567']) {
    const a = engine.analyse(base.replace('行政许可\t95', `行政许可\t${odd}`));
    assert.ok(
      a.findings.some((f) => f.rule === 'invalid-number'),
      odd,
    );
    assert.equal(a.findings.filter((f) => f.rule === 'digit-grouping').length, 0, odd);
  }
});

test('the prose quotes a grouped number as that number', () => {
  const base = read('corpus/shandong-guodongban-2023.txt');
  const phrase = '共收到信息公开申请3件';
  assert.ok(base.includes(phrase));
  const a = engine.analyse(base.replace(phrase, '共收到信息公开申请1,003件'));
  const mismatch = a.findings.find((f) => f.rule === 'prose-table-mismatch' && f.message.zh.includes('1003'));
  assert.ok(mismatch, a.findings.map((f) => `${f.rule}: ${f.message.zh}`).join('\n'));
  const same = engine.analyse(base.replace(phrase, '共收到信息公开申请3件'));
  assert.deepEqual(loud(same), loud(engine.analyse(base)));
});
