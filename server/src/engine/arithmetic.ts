// The declared sums (template/*.ts `sums`) expanded over one parsed table
// into concrete equations, and their evaluation. Used by sum-mismatch,
// balance-mismatch, the fix simulator, and hovers (“总计 59 = 50+9+0… ✓”).

import type { CellNode, RowNode, TableNode } from './model';
import type { ColumnKey, RowKey, TableTemplate } from './template/types';

export interface Term {
  row: RowKey;
  column: ColumnKey;
  /** Undefined when the row is absent from the table (reported by missing-row). */
  cell: CellNode | undefined;
}

export interface Equation {
  kind: 'across' | 'down' | 'balance' | 'group';
  table: TableNode;
  /** For across: the row; for down/balance/group: undefined. */
  row: RowKey | undefined;
  /** For down/balance/group: the column; for across: the target column. */
  column: ColumnKey;
  /** Sums: the total cell. Balance: the left-hand terms. */
  left: Term[];
  /** Sums: the addends. Balance: the right-hand terms. */
  right: Term[];
}

export type TermState = 'number' | 'blank' | 'missing' | 'text';

export interface EquationResult {
  equation: Equation;
  /** False when a term is unreadable text or the total row is absent: nothing can be said. */
  assessable: boolean;
  holds: boolean;
  leftSum: number;
  rightSum: number;
  /** Blank or absent terms were taken as 0; messages must say so. */
  blankTerms: Term[];
}

export type CellValues = Map<CellNode, number>;

export function termValue(term: Term, overrides?: CellValues): { state: TermState; value: number } {
  const cell = term.cell;
  if (!cell) return { state: 'missing', value: 0 };
  const o = overrides?.get(cell);
  if (o !== undefined) return { state: 'number', value: o };
  switch (cell.value.kind) {
    case 'number':
      return { state: 'number', value: cell.value.value };
    case 'blank':
      return { state: 'blank', value: 0 };
    default:
      return { state: 'text', value: NaN };
  }
}

function cellOf(row: RowNode | undefined, column: ColumnKey): CellNode | undefined {
  if (!row) return undefined;
  for (const c of row.cells) if (c.column === column) return c;
  return undefined;
}

/** A template's rows by key and each group's children, made once per template (a sum expands groups for every column). */
interface TemplateRows {
  byKey: Map<RowKey, TableTemplate['rows'][number]>;
  children: Map<RowKey, RowKey[]>;
}
const TEMPLATE_ROWS = new WeakMap<TableTemplate, TemplateRows>();

function templateRows(template: TableTemplate): TemplateRows {
  let t = TEMPLATE_ROWS.get(template);
  if (!t) {
    t = { byKey: new Map(), children: new Map() };
    for (const r of template.rows) {
      if (!t.byKey.has(r.key)) t.byKey.set(r.key, r);
      if (r.parent !== undefined) t.children.set(r.parent, [...(t.children.get(r.parent) ?? []), r.key]);
    }
    TEMPLATE_ROWS.set(template, t);
  }
  return t;
}

/** Rows that stand for `key` in a sum, added to `out`: the row itself, or its children when the group is not collapsed. */
function expandRow(shape: TemplateRows, rows: Map<RowKey, RowNode>, key: RowKey, out: RowKey[]): void {
  const t = shape.byKey.get(key);
  const children = shape.children.get(key) ?? [];
  if (!t || t.kind === 'data' || (rows.has(key) && !children.some((c) => rows.has(c)))) out.push(key);
  else for (const c of children) expandRow(shape, rows, c, out);
}

/** The rows standing for each of `keys` in a sum, in order. */
function expandRows(shape: TemplateRows, rows: Map<RowKey, RowNode>, keys: readonly RowKey[]): RowKey[] {
  const out: RowKey[] = [];
  for (const k of keys) expandRow(shape, rows, k, out);
  return out;
}

/** The terms of some rows in a column, the rows looked up once for all columns. */
function partsOf(rows: Map<RowKey, RowNode>, keys: RowKey[]): (column: ColumnKey) => Term[] {
  const nodes = keys.map((k) => rows.get(k));
  return (column) => keys.map((row, i) => ({ row, column, cell: cellOf(nodes[i], column) }));
}

export function equationsForTable(table: TableNode, template: TableTemplate): Equation[] {
  const shape = templateRows(template);
  const rows = new Map<RowKey, RowNode>();
  for (const r of table.rows) if (!rows.has(r.key)) rows.set(r.key, r);
  const term = (row: RowKey, column: ColumnKey): Term => ({ row, column, cell: cellOf(rows.get(row), column) });
  const equations: Equation[] = [];

  for (const sum of template.sums) {
    if (sum.kind === 'across') {
      for (const row of table.rows) {
        if (row.isGroup && row.cells.length === 0) continue;
        const left = [{ row: row.key, column: sum.target, cell: cellOf(row, sum.target) }];
        const right = sum.parts.map((c) => ({ row: row.key, column: c, cell: cellOf(row, c) }));
        equations.push({ kind: 'across', table, row: row.key, column: sum.target, left, right });
      }
    } else if (sum.kind === 'down') {
      const parts = partsOf(rows, expandRows(shape, rows, sum.parts));
      for (const col of template.columns) {
        const left = [term(sum.target, col.key)];
        equations.push({ kind: 'down', table, row: sum.target, column: col.key, left, right: parts(col.key) });
      }
    } else {
      for (const col of template.columns) {
        const left = sum.left.map((k) => term(k, col.key));
        const right = sum.right.map((k) => term(k, col.key));
        equations.push({ kind: 'balance', table, row: undefined, column: col.key, left, right });
      }
    }
  }

  // A report that writes subtotal numbers on a group row (some tools do)
  // must have them agree with the group's children.
  for (const row of table.rows) {
    if (!row.isGroup || row.cells.length === 0) continue;
    const children = shape.children.get(row.key) ?? [];
    if (!children.some((c) => rows.has(c))) continue;
    const parts = partsOf(rows, expandRows(shape, rows, children));
    for (const col of template.columns) {
      const left = [{ row: row.key, column: col.key, cell: cellOf(row, col.key) }];
      equations.push({ kind: 'group', table, row: row.key, column: col.key, left, right: parts(col.key) });
    }
  }
  return equations;
}

export function evaluateEquation(equation: Equation, overrides?: CellValues): EquationResult {
  const blankTerms: Term[] = [];
  const left = sumTerms(equation.left, overrides, blankTerms);
  const right = sumTerms(equation.right, overrides, blankTerms);
  // A sum with a row missing says nothing: missing-row reports the row, and
  // its fix writes the value the sums imply (impliedValue below).
  const assessable = !left.unreadable && !right.unreadable && !left.missing && !right.missing;
  const holds = !assessable || Math.abs(left.sum - right.sum) < 1e-9;
  return { equation, assessable, holds, leftSum: left.sum, rightSum: right.sum, blankTerms };
}

/**
 * `evaluateEquation(equation, overrides).holds`, without making the result:
 * fixes are tried against every sum of their table.
 */
export function equationHolds(equation: Equation, overrides?: CellValues): boolean {
  const left = sideValue(equation.left, overrides);
  const right = sideValue(equation.right, overrides);
  // A side with an absent row or unreadable text says nothing (holds, as in evaluateEquation).
  if (left === undefined || right === undefined) return true;
  return Math.abs(left - right) < 1e-9;
}

function sideValue(terms: Term[], overrides: CellValues | undefined): number | undefined {
  let sum = 0;
  for (const t of terms) {
    const cell = t.cell;
    if (!cell) return undefined;
    const o = overrides?.get(cell);
    if (o !== undefined) sum += o;
    else if (cell.value.kind === 'number') sum += cell.value.value;
    else if (cell.value.kind !== 'blank') return undefined;
  }
  return sum;
}

/** The sum of some terms (blank and absent as 0, noted in `blankTerms`); NaN once a term is text. */
function sumTerms(
  terms: Term[],
  overrides: CellValues | undefined,
  blankTerms: Term[],
): { sum: number; unreadable: boolean; missing: boolean } {
  let sum = 0;
  let unreadable = false;
  let missing = false;
  for (const t of terms) {
    const cell = t.cell;
    if (!cell) {
      missing = true;
      blankTerms.push(t);
      continue;
    }
    const o = overrides?.get(cell);
    if (o !== undefined) sum += o;
    else if (cell.value.kind === 'number') sum += cell.value.value;
    else if (cell.value.kind === 'blank') blankTerms.push(t);
    else {
      unreadable = true;
      sum = NaN;
    }
  }
  return { sum, unreadable, missing };
}

/**
 * The value a missing row's cell must have for the sums of its column to
 * hold (solving the first equation where it is the only unknown), or
 * undefined when no equation determines it.
 */
export function impliedValue(equations: Equation[], row: RowKey, column: ColumnKey): number | undefined {
  for (const eq of equations) {
    if (eq.kind === 'across' || eq.column !== column) continue;
    const terms = [...eq.left, ...eq.right];
    const unknown = terms.filter((t) => t.row === row && !t.cell);
    const only = unknown[0];
    if (
      !only ||
      unknown.length !== 1 ||
      terms.some((t) => t !== only && (!t.cell || t.cell.value.kind === 'text' || t.cell.value.kind === 'unread'))
    )
      continue;
    const sum = (ts: Term[]) => ts.filter((t) => t !== only).reduce((acc, t) => acc + termValue(t).value, 0);
    const value = eq.left.includes(only) ? sum(eq.right) - sum(eq.left) : sum(eq.left) - sum(eq.right);
    if (value >= 0 && Number.isInteger(value)) return value;
  }
  return undefined;
}
