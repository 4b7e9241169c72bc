// Fused digits: text that lost its cell separators (a web page's table as
// `textContent`, a crawler's one-line body) gives a row as one run of digits,
// `801000081`, where seven cells are due. The run is split into the due number
// of non-negative integers without leading zeros; the row's own sums must
// hold; where several splits remain, the table's column sums and the 勾稽关系
// choose (resolveTable). Exactly one survivor is a reading; anything else is
// "cannot read", never a guess. The search is bounded per row.

import { equationsForTable, evaluateEquation } from '../arithmetic';
import type { CellNode, TableNode } from '../model';
import type { ColumnKey, TableTemplate } from '../template/types';

/** Longest cell a split may make: counts in these tables stay well below ten million. */
const MAX_CELL_DIGITS = 7;
/** Work bound per row: partial splits tried. */
const MAX_STEPS = 200_000;
/** More readings than this are as good as none. */
const MAX_READINGS = 64;
/** Combinations of ambiguous rows a table may try. */
const MAX_COMBINATIONS = 20_000;

/** A reading of a run: the end offset (exclusive, within the run) of each cell. */
export type Reading = number[];

/** A row sum over column positions: cells[target] = Σ cells[parts]. */
export interface RowSum {
  target: number;
  parts: number[];
}

export function rowSumsOf(template: TableTemplate): RowSum[] {
  const index = (key: ColumnKey) => template.columns.findIndex((c) => c.key === key);
  const out: RowSum[] = [];
  for (const s of template.sums) {
    if (s.kind !== 'across') continue;
    const target = index(s.target);
    const parts = s.parts.map(index);
    if (target >= 0 && parts.every((p) => p >= 0)) out.push({ target, parts });
  }
  return out;
}

/**
 * Every split of `digits` into `n` cells that the row sums allow, or
 * undefined when the search ran out of its bound (too many to say).
 */
export function readingsOf(digits: string, n: number, sums: readonly RowSum[]): Reading[] | undefined {
  const length = digits.length;
  if (length < n || length > n * MAX_CELL_DIGITS) return [];
  // Check each sum as soon as its last cell is placed.
  const dueAt = new Map<number, RowSum[]>();
  for (const s of sums) {
    const last = Math.max(s.target, ...s.parts);
    dueAt.set(last, [...(dueAt.get(last) ?? []), s]);
  }
  const ends: number[] = [];
  const values: number[] = [];
  const out: Reading[] = [];
  let steps = 0;
  let exhausted = false;
  const place = (cell: number, from: number): void => {
    if (exhausted) return;
    if (cell === n) {
      if (from === length) out.push(ends.slice());
      if (out.length > MAX_READINGS) exhausted = true;
      return;
    }
    const left = n - cell - 1;
    for (let len = 1; len <= MAX_CELL_DIGITS; len++) {
      const to = from + len;
      if (to > length) break;
      if (len > 1 && digits.charCodeAt(from) === 48) break; // no leading zero
      const rest = length - to;
      if (rest < left || rest > left * MAX_CELL_DIGITS) continue;
      if (++steps > MAX_STEPS) {
        exhausted = true;
        return;
      }
      ends[cell] = to;
      values[cell] = Number(digits.slice(from, to));
      const due = dueAt.get(cell);
      if (due && !due.every((s) => values[s.target] === s.parts.reduce((a, p) => a + (values[p] as number), 0))) continue;
      place(cell + 1, to);
    }
  };
  place(0, 0);
  return exhausted ? undefined : out;
}

/**
 * Places `values` (in order) into `n` columns, the others blank (0 in sums):
 * every placement the row sums allow, each as the column index of each value.
 * Undefined when there are too many to try.
 */
export function placementsOf(values: readonly number[], n: number, sums: readonly RowSum[]): Reading[] | undefined {
  const out: Reading[] = [];
  const at: number[] = [];
  let steps = 0;
  let exhausted = false;
  const row = new Array<number>(n).fill(0);
  const place = (i: number, from: number): void => {
    if (exhausted) return;
    if (i === values.length) {
      row.fill(0);
      at.forEach((c, k) => (row[c] = values[k] as number));
      if (sums.every((s) => row[s.target] === s.parts.reduce((a, p) => a + (row[p] as number), 0))) out.push(at.slice());
      if (out.length > MAX_READINGS) exhausted = true;
      return;
    }
    for (let c = from; c <= n - (values.length - i); c++) {
      if (++steps > MAX_STEPS) {
        exhausted = true;
        return;
      }
      at[i] = c;
      place(i + 1, c + 1);
    }
  };
  place(0, 0);
  return exhausted ? undefined : out;
}

/** The numbers a placement gives the row's columns (blank as 0): placements that agree on them read the same. */
export function placedValues(values: readonly number[], n: number, reading: Reading): number[] {
  const row = new Array<number>(n).fill(0);
  reading.forEach((c, k) => (row[c] = values[k] as number));
  return row;
}

/** A row whose cells came from one fused run, with the readings its own sums allow. */
export interface FusedRow {
  /** fused: one run of digits to split; short: fewer numbers than columns, whose columns are unknown. */
  kind: 'fused' | 'short';
  cells: CellNode[];
  /** ASCII digits of the run (full-width folded), one per source character. */
  digits: string;
  /** Source offset of each digit. */
  offsets: number[];
  readings: Reading[] | undefined;
}

/**
 * Chooses one reading per ambiguous row so that every equation of the table
 * touching those rows holds. Returns the rows that stay unreadable.
 */
export function resolveTable<R extends FusedRow>(
  table: TableNode,
  template: TableTemplate,
  rows: R[],
  apply: (row: R, reading: Reading) => void,
): R[] {
  const ambiguous = rows.filter((r) => r.readings && r.readings.length > 1);
  const hopeless = rows.filter((r) => !r.readings || r.readings.length === 0);
  if (ambiguous.length === 0) return hopeless;
  let combinations = 1;
  for (const r of ambiguous) combinations *= (r.readings as Reading[]).length;
  if (combinations > MAX_COMBINATIONS) return [...hopeless, ...ambiguous];
  const touched = new Set(ambiguous.flatMap((r) => r.cells));
  const equations = equationsForTable(table, template).filter((e) => [...e.left, ...e.right].some((t) => t.cell && touched.has(t.cell)));
  const choice = new Array<number>(ambiguous.length).fill(0);
  let survivor: number[] | undefined;
  let survivors = 0;
  for (let k = 0; k < combinations && survivors < 2; k++) {
    let rest = k;
    // Combination k in mixed radix: digit i picks row i's reading (i < ambiguous.length, pick < readings.length).
    for (let i = 0; i < ambiguous.length; i++) {
      const row = ambiguous[i]!;
      const readings = row.readings as Reading[];
      const pick = rest % readings.length;
      choice[i] = pick;
      rest = Math.floor(rest / readings.length);
      apply(row, readings[pick]!);
    }
    if (equations.every((e) => evaluateEquation(e).holds)) {
      survivors++;
      survivor = choice.slice();
    }
  }
  if (survivors !== 1 || !survivor) return [...hopeless, ...ambiguous];
  ambiguous.forEach((row, i) => {
    row.readings = [(row.readings as Reading[])[survivor[i] as number] as Reading];
    apply(row, row.readings[0] as Reading);
  });
  return hopeless;
}
