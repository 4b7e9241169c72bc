// @ts-check
// Recomputing every total of a table (engine/fixes/recompute-totals.ts):
// a table that adds up is left alone; totals broken at random come back,
// in one edit set, whichever layout the table is written in; and the
// "recompute all" fix passes the engine's own verification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine, reportFixtures } from './helpers.mjs';
import { VARIANTS, baseText } from './variants.mjs';
import { defined } from '../lib/narrow.mjs';
/** @import { Analysis, AnalyseOptions, CellNode, CellValue, TableLayout, TableNode } from '../../server/src/engine/index.ts' */
/** @typedef {CellNode & { value: Extract<CellValue, { kind: 'number' }> }} NumberCell */

/** @type {{ name: string, text: string, options: AnalyseOptions }[]} */
const documents = [
  ...reportFixtures().map((f) => ({ name: f.name, text: f.text, options: f.name.endsWith('.md') ? { layoutHint: 'markdown' } : {} })),
  ...VARIANTS.map((v) => ({ name: `variant ${v.name}`, text: v.edit(baseText(v.base)), options: {} })),
];

const summed = (/** @type {Analysis} */ analysis) =>
  analysis.model.tables.filter((t) => (engine.tableTemplate(analysis.model.format, t.id)?.sums.length ?? 0) > 0);

/** Whether every total of the table (row, column and group sums; not the balance) holds; `complete`: every one can be assessed. */
/** @param {Analysis} analysis @param {TableNode} table */
function addsUp(analysis, table, complete = false) {
  const eqs = engine.equationsForTable(table, defined(engine.tableTemplate(analysis.model.format, table.id)));
  return eqs
    .filter((e) => e.kind !== 'balance')
    .every((e) => {
      const r = engine.evaluateEquation(e);
      return r.holds && (!complete || r.assessable);
    });
}

/** The total cells of a table: the left side of every row, column and group sum. */
/** @param {Analysis} analysis @param {TableNode} table */
function totalCells(analysis, table) {
  const eqs = engine.equationsForTable(table, defined(engine.tableTemplate(analysis.model.format, table.id)));
  return [
    ...new Set(
      eqs
        .filter((e) => e.kind !== 'balance')
        .map((e) => e.left[0]?.cell)
        .filter(/** @returns {c is NumberCell} */ (c) => !!c && c.present && c.value.kind === 'number' && !c.value.fullWidth),
    ),
  ];
}

/** A small seeded generator, so a failure can be replayed. */
/** @param {number} seed */
function random(seed) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** @type {{ doc: (typeof documents)[number], table: string, layout: TableLayout }[]} */
const tablesThatAddUp = [];
for (const doc of documents) {
  const analysis = engine.analyse(doc.text, doc.options);
  if (!analysis.model.isReport) continue;
  // complete: a total over a missing row cannot be recomputed (missing-row inserts the row first)
  for (const table of summed(analysis))
    if (addsUp(analysis, table, true)) tablesThatAddUp.push({ doc, table: table.id, layout: table.layout });
}

test('recomputing a table that already adds up changes nothing', () => {
  let n = 0;
  for (const doc of documents) {
    const analysis = engine.analyse(doc.text, doc.options);
    if (!analysis.model.isReport) continue;
    for (const table of summed(analysis)) {
      if (!addsUp(analysis, table)) continue;
      assert.deepEqual(engine.recomputeTotalsEdits(analysis, table), [], `${doc.name} ${table.id}: no edit`);
      n++;
    }
  }
  assert.ok(n > 50, `only ${n} tables add up`);
  // every layout the readers produce is among them
  for (const layout of ['markdown', 'tab-separated', 'cell-per-line', 'space-separated'])
    assert.ok(
      tablesThatAddUp.some((t) => t.layout === layout),
      `a ${layout} table`,
    );
});

test('totals broken at random are restored by one recomputation', () => {
  const next = random(20231231);
  let tried = 0;
  const fixtures = reportFixtures().map((f) => f.name);
  for (const { doc, table: id } of tablesThatAddUp) {
    if (!fixtures.includes(doc.name) && next() > 0.3) continue; // every fixture, a sample of the variants
    for (let round = 0; round < 4; round++) {
      const analysis = engine.analyse(doc.text, doc.options);
      const table = defined(analysis.model.tables.find((t) => t.id === id));
      const totals = totalCells(analysis, table);
      if (totals.length === 0) continue;
      const broken = totals.filter(() => next() < 0.25);
      if (broken.length === 0) broken.push(defined(totals[Math.floor(next() * totals.length)]));
      const edits = broken.map((c) => ({ range: c.range, newText: String(c.value.value + 1 + Math.floor(next() * 9)) }));
      const text = engine.applyEdits(doc.text, edits);
      const after = engine.analyse(text, doc.options);
      const again = after.model.tables.find((t) => t.id === id && t.range.start.line === table.range.start.line);
      const what = `${doc.name} ${id}: broke ${broken.length} of ${totals.length} totals`;
      assert.ok(again, `${what}: table still read`);
      const fix = engine.recomputeTotalsEdits(after, again);
      assert.equal(fix.length, broken.length, `${what}: one edit per broken total`);
      assert.equal(engine.applyEdits(text, fix, after.index), doc.text, `${what}: restored`);
      tried++;
    }
  }
  assert.ok(tried > 40, `only ${tried} rounds`);
});

test('“recompute every total” is offered on every sum finding of the table and passes verification', () => {
  let checked = 0;
  for (const { doc, table: id } of tablesThatAddUp) {
    const analysis = engine.analyse(doc.text, doc.options);
    const table = defined(analysis.model.tables.find((t) => t.id === id));
    const totals = totalCells(analysis, table);
    // two totals far apart: no single total fix mends both
    if (totals.length < 2) continue;
    const pick = [defined(totals[0]), defined(totals[totals.length - 1])];
    const text = engine.applyEdits(
      doc.text,
      pick.map((c) => ({ range: c.range, newText: String(c.value.value + 3) })),
    );
    const after = engine.analyse(text, doc.options);
    const inTable = after.findings.filter((f) => f.rule === 'sum-mismatch' && f.id.startsWith(`sum-mismatch:${id}/`));
    assert.ok(inTable.length > 0, `${doc.name} ${id}: the broken totals are found`);
    for (const finding of inTable) {
      const recompute = finding.fixes.find((f) => f.title.zh.startsWith('重算本表全部合计'));
      // When recomputing changes only this finding's own total, the one-total fix is the same edit.
      const single = finding.fixes.find((f) => f.kind === 'totals');
      const fix = recompute ?? single;
      assert.ok(fix, `${doc.name} ${finding.id}: a totals fix`);
      assert.equal(fix.kind, 'totals');
      const verified = engine.verifiedFixes(after, finding, doc.options);
      assert.ok(
        verified.some((f) => f.title.zh === fix.title.zh),
        `${doc.name} ${finding.id}: “${fix.title.zh}” passes verification`,
      );
      if (recompute)
        assert.equal(engine.applyEdits(text, recompute.edits, after.index), doc.text, `${doc.name} ${finding.id}: restores the table`);
      checked++;
    }
  }
  assert.ok(checked > 30, `only ${checked} findings checked`);
});

test('section 四 = 一 + 二 − （七） is its own fix, on balance findings only', () => {
  const md = defined(reportFixtures().find((f) => f.name === 'made/changchun-2023.md'));
  // 予以公开 自然人 25 → 24: one application fewer disclosed
  const text = md.text.replace('| （一）予以公开 | 25 ', '| （一）予以公开 | 24 ');
  const analysis = engine.analyse(text, { layoutHint: 'markdown' });
  const titles = (/** @type {string} */ rule) =>
    analysis.findings.filter((f) => f.rule === rule).flatMap((f) => f.fixes.map((x) => x.title.zh));
  // recomputing alone would leave 一 + 二 ≠ （七）+ 四, so it is not offered
  assert.ok(!titles('sum-mismatch').some((t) => t.startsWith('重算本表全部合计')), 'no recomputation that breaks the balance');
  assert.ok(!titles('sum-mismatch').some((t) => t.startsWith('按勾稽关系推算')), 'no derivation on a sum finding');
  // with 四 typed too (the application is still open), recomputing mends everything
  const both = text.replace('| 四、结转下年度继续办理 | 3 ', '| 四、结转下年度继续办理 | 4 ');
  const a2 = engine.analyse(both, { layoutHint: 'markdown' });
  const recompute = defined(a2.findings.find((f) => f.rule === 'sum-mismatch')).fixes.find((f) =>
    f.title.zh.startsWith('重算本表全部合计'),
  );
  assert.ok(recompute);
  const fixed = engine.analyse(engine.applyEdits(both, recompute.edits, a2.index), { layoutHint: 'markdown' });
  assert.deepEqual(
    fixed.findings.filter((f) => /sum-mismatch|balance-mismatch/.test(f.rule)).map((f) => f.message.zh),
    [],
  );
  // 一 typed higher (two more applications, still open): 四 derived from the balance is offered, and it balances
  const more = md.text.replace(
    '| 一、本年新收政府信息公开申请数量 | 50 | 9 | 0 | 0 | 0 | 0 | 59 |',
    '| 一、本年新收政府信息公开申请数量 | 52 | 9 | 0 | 0 | 0 | 0 | 61 |',
  );
  const a3 = engine.analyse(more, { layoutHint: 'markdown' });
  const derive = a3.findings
    .filter((f) => f.rule === 'balance-mismatch')
    .flatMap((f) => f.fixes)
    .find((f) => f.kind === 'derivation');
  assert.ok(derive, 'derivation offered');
  assert.match(derive.title.zh, /四、结转下年度继续办理.*一 \+ 二 − （七）/);
  assert.match(derive.title.en, /^Derive “四、结转下年度继续办理” from the balance \(= 1 \+ 2 − \(7\)\)$/);
  const derived = engine.analyse(engine.applyEdits(more, derive.edits, a3.index), { layoutHint: 'markdown' });
  assert.deepEqual(
    derived.findings.filter((f) => /sum-mismatch|balance-mismatch/.test(f.rule)).map((f) => f.message.zh),
    [],
  );
  assert.match(engine.applyEdits(more, derive.edits, a3.index), /\| 四、结转下年度继续办理 \| 5 \| 4 \| 0 \| 0 \| 0 \| 0 \| 9 \|/);
});
