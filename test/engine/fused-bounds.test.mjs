// @ts-check
// Fused digits, adversarial rows: runs of digits far longer or more numerous
// than any real table gives. The split search is bounded per row (and per
// table), so the analysis finishes; and a run that the sums do not split into
// exactly one reading is reported as fused-digits and left unread — never
// checked with invented numbers (no sum-mismatch on those rows).
//
// Not a timed test: the timeout below only stops a hang from blocking the suite.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { engine } from '../lib/bundles.mjs';
import { defined } from '../lib/narrow.mjs';
/** @import { Analysis, RowKey, TableId } from '../../server/src/engine/index.ts' */

const { analyse, tableTemplate } = engine;

const HANG_GUARD = { timeout: 20_000 };
const BASE = readFileSync(new URL('../fixtures/corpus/hongze-2024.txt', import.meta.url), 'utf8');

/** Deterministic digits: mulberry32 from `seed`, first digit not 0. */
/** @param {number} length @param {number} seed */
function digits(length, seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let out = String(1 + Math.floor(next() * 9));
  while (out.length < length) out += String(Math.floor(next() * 10));
  return out;
}

/** Replaces `from` (which must occur once) by `to`. */
/** @param {string} text @param {string} from @param {string} to */
function replaceOnce(text, from, to) {
  assert.equal(text.split(from).length, 2, `base report: “${from}” should occur exactly once`);
  return text.replace(from, to);
}

/** The rows of `table` whose cells came from a fused run, by row key: { state, run }. */
/** @param {Analysis} analysis @param {TableId} table */
function fusedRows(analysis, table) {
  return new Map(analysis.model.fusedRuns.filter((r) => r.table === table).map((r) => [r.row, r]));
}

/**
 * The row (by key) is said to be fused and was not read: a fused-digits
 * finding names it, its run was not split, its cells are unread, and no
 * sum-mismatch is reported on it.
 * @param {Analysis} analysis
 * @param {TableId} table
 * @param {RowKey} rowKey
 * @param {string} [run]
 */
function assertUnreadFused(analysis, table, rowKey, run) {
  const fused = fusedRows(analysis, table).get(rowKey);
  assert.ok(fused, `${table}/${rowKey}: read as a fused run`);
  assert.notEqual(fused.state, 'split', `${table}/${rowKey}: a run the sums do not split uniquely is not split (got ${fused.state})`);
  if (run !== undefined) assert.equal(fused.run, run);
  const own = analysis.findings.filter((f) => f.rule === 'fused-digits' && f.id.split('#')[0] === `fused-digits:${table}/${rowKey}`);
  assert.equal(own.length, 1, `${table}/${rowKey}: one fused-digits finding (got ${analysis.findings.map((f) => f.id).join(', ')})`);
  const row = analysis.model.tables.find((t) => t.id === table)?.rows.find((r) => r.key === rowKey);
  assert.ok(row, `${table}/${rowKey}: the row is in the model`);
  for (const c of row.cells) assert.equal(c.value.kind, 'unread', `${table}/${rowKey}/${c.column}: unread, not an invented number`);
  const onRow = analysis.findings.filter((f) => f.rule === 'sum-mismatch' && f.id.startsWith(`sum-mismatch:${table}/${rowKey}/`));
  assert.deepEqual(
    onRow.map((f) => f.id),
    [],
    `${table}/${rowKey}: no sum-mismatch on an unread row`,
  );
}

test('the base report reads cleanly (no fused runs) — the cases below start from it', HANG_GUARD, () => {
  const a = analyse(BASE);
  assert.ok(a.model.isReport);
  assert.ok(a.model.tables.some((t) => t.id === 'S3') && a.model.tables.some((t) => t.id === 'S4'));
  assert.equal(a.model.fusedRuns.length, 0);
  assert.equal(a.findings.filter((f) => f.rule === 'fused-digits').length, 0);
});

test('section 三: a row label followed by 60 digits', HANG_GUARD, () => {
  const run = digits(60, 3);
  const a = analyse(replaceOnce(BASE, '（一）予以公开 50 0 0 0 0 0 50', `（一）予以公开${run}`));
  assert.equal(a.ruleErrors.length, 0);
  const rows = fusedRows(a, 'S3');
  assert.equal(rows.size, 1, 'one fused row');
  const rowKey = defined([...rows.keys()][0]);
  assertUnreadFused(a, 'S3', rowKey, run);
  // Repunits and round numbers have many more near-readings than random digits.
  for (const other of ['1'.repeat(60), '10'.repeat(30), '9'.repeat(60)]) {
    const b = analyse(replaceOnce(BASE, '（一）予以公开 50 0 0 0 0 0 50', `（一）予以公开${other}`));
    assertUnreadFused(b, 'S3', rowKey, other);
  }
});

test('section 三: a row label followed by a run just within the split search (45 and 49 digits)', HANG_GUARD, () => {
  for (const run of [digits(45, 11), '1'.repeat(45), '10'.repeat(22) + '1', digits(49, 12)]) {
    const a = analyse(replaceOnce(BASE, '（一）予以公开 50 0 0 0 0 0 50', `（一）予以公开${run}`));
    const rows = fusedRows(a, 'S3');
    assert.equal(rows.size, 1, `one fused row for ${run}`);
    assertUnreadFused(a, 'S3', defined([...rows.keys()][0]), run);
  }
});

test('section 四: a run of 80 digits where the one row of 15 numbers is due', HANG_GUARD, () => {
  for (const run of [digits(80, 4), '1'.repeat(80), '10'.repeat(40)]) {
    const a = analyse(replaceOnce(BASE, '1 1 0 0 2 1 0 0 0 1 2 0 1 0 3', run));
    assert.equal(a.ruleErrors.length, 0);
    const rows = fusedRows(a, 'S4');
    assert.equal(rows.size, 1, `one fused row in 四 for ${run.slice(0, 12)}…`);
    assertUnreadFused(a, 'S4', defined([...rows.keys()][0]), run);
    assert.deepEqual(
      a.findings.filter((f) => f.rule === 'sum-mismatch' && f.id.startsWith('sum-mismatch:S4/')).map((f) => f.id),
      [],
      'no sum-mismatch in 四',
    );
  }
});

test('section 三: the whole table, 25 rows, each a 20-digit run', HANG_GUARD, () => {
  // The table written from the 2021 template: group labels on lines of their own, each data row its label and a run.
  const template = defined(tableTemplate('2021', 'S3'));
  const data = template.rows.filter((r) => r.kind === 'data');
  assert.equal(data.length, 25, 'the 2021 section 三 table has 25 data rows');
  /** @type {Map<RowKey, string>} */
  const runs = new Map();
  const body = template.rows.map((r) => {
    if (r.kind !== 'data') return r.label;
    // Random digits, and the patterns with the most near-readings: repunits, 10 repeated, one and zeros.
    const k = runs.size;
    const run = k % 5 === 1 ? '1'.repeat(20) : k % 5 === 2 ? '10'.repeat(10) : k % 5 === 3 ? `1${'0'.repeat(18)}1` : digits(20, 100 + k);
    runs.set(r.key, run);
    return `${r.label}${run}`;
  });
  const lines = BASE.split('\n');
  const first = lines.findIndex((l) => l.startsWith('一、本年新收政府信息公开申请数量'));
  const last = lines.findIndex((l) => l.startsWith('四、结转下年度继续办理'));
  assert.ok(first >= 0 && last > first, 'base report: the rows of the section 三 table');
  lines.splice(first, last - first + 1, ...body);
  const a = analyse(lines.join('\n'));
  assert.equal(a.ruleErrors.length, 0);
  const rows = fusedRows(a, 'S3');
  assert.deepEqual([...rows.keys()].sort(), [...runs.keys()].sort(), 'every row read as a fused run');
  for (const [rowKey, run] of runs) assertUnreadFused(a, 'S3', rowKey, run);
  assert.deepEqual(
    a.findings.filter((f) => f.rule === 'sum-mismatch' && f.id.startsWith('sum-mismatch:S3/')).map((f) => f.id),
    [],
    'no sum-mismatch anywhere in 三: every row is unread',
  );
});
