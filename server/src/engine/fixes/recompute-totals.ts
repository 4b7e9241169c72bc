// Recomputing every total of a table from its parts, as one edit set: row
// totals, the （七）总计 row, subtotals written on group rows, section 四's
// totals. Which cells are totals, and of what, comes from the template's
// declared sums (equationsForTable), never from hard-coded cells. A total
// whose parts are themselves totals is computed from their recomputed values
// (bottom-up), so the （七）总计 row's 总计 agrees with the column totals.
//
// Also the derivation of the balance's free row (四、结转下年度继续办理 =
// 一 + 二 − （七）): a separate fix, since it is a judgement about open
// applications, not arithmetic the table already states.

import { equationHolds, equationsForTable, type CellValues, type Equation, type EquationResult } from '../arithmetic';
import type { CellNode, FixIntent, ProposedFix, ReportModel, TableNode, TextEdit } from '../model';
import { tableTemplate } from '../template/formats';
import type { TextIndex } from '../text';
import type { RowKey, TableTemplate } from '../template/types';
import { fix, rowName, setCells, t, totalColumns, totalRows, validValue } from '../checks/util';
import { writeIntents } from '../write/text';

// A table's totals are asked for by the recomputation and the derivation (twice): made once per list.
const TOTALS = new WeakMap<Equation[], Map<CellNode, Equation>>();

/** Each total cell with the sum it is the total of (the first declared, when it is the total of two). */
function totalsOf(equations: Equation[]): Map<CellNode, Equation> {
  let out = TOTALS.get(equations);
  if (out) return out;
  out = new Map<CellNode, Equation>();
  for (const eq of equations) {
    if (eq.kind === 'balance') continue;
    const cell = eq.left[0]?.cell;
    if (cell && !out.has(cell)) out.set(cell, eq);
  }
  TOTALS.set(equations, out);
  return out;
}

function written(cell: CellNode): number {
  if (cell.value.kind === 'number') return cell.value.value;
  return cell.value.kind === 'blank' ? 0 : NaN;
}

/**
 * The value of every cell once all totals are recomputed: `inputs` replace
 * non-total cells first. NaN where a part cannot be read or its row is
 * absent (that total, and every total built on it, is left alone).
 */
function valuesAfter(equations: Equation[], inputs: CellValues = new Map()): (cell: CellNode) => number {
  const totals = totalsOf(equations);
  const memo = new Map<CellNode, number>();
  const visiting = new Set<CellNode>();
  const value = (cell: CellNode): number => {
    const given = inputs.get(cell);
    if (given !== undefined) return given;
    const known = memo.get(cell);
    if (known !== undefined) return known;
    const eq = totals.get(cell);
    if (!eq) return written(cell);
    if (visiting.has(cell)) return NaN; // a cycle would be a template error; refuse rather than loop
    visiting.add(cell);
    let sum = 0;
    for (const term of eq.right) sum += term.cell ? value(term.cell) : NaN;
    visiting.delete(cell);
    memo.set(cell, sum);
    return sum;
  };
  return value;
}

/** The totals whose value changes (a blank total whose parts are all 0 already adds up and stays blank). */
function changedTotals(equations: Equation[], template: TableTemplate, value: (cell: CellNode) => number): CellValues {
  const out: CellValues = new Map();
  for (const [cell, eq] of totalsOf(equations)) {
    const v = value(cell);
    if (Number.isNaN(v) || !validValue(template, eq.column, v)) continue; // a sum's column is its total's
    if (cell.value.kind === 'text' || cell.value.kind === 'unread') continue; // invalid-number says what it should be
    if (cell.value.kind === 'number' && Math.abs(cell.value.value - v) < 1e-9) continue;
    if (cell.value.kind === 'blank' && v === 0) continue;
    out.set(cell, v);
  }
  return out;
}

/** Every total of the table recomputed from its parts: the cells that change and their values. */
export function recomputedTotals(equations: Equation[], template: TableTemplate): CellValues {
  return changedTotals(equations, template, valuesAfter(equations));
}

/**
 * The balance's one right-hand row that no sum determines (四 in 一 + 二 =
 * （七）+ 四), derived in every part column from the recomputed totals, then
 * the totals recomputed over it. Undefined when the template has no such row,
 * a value would be negative or unreadable, or nothing would change.
 */
export function derivedBalanceRow(
  table: TableNode,
  equations: Equation[],
  template: TableTemplate,
): { row: RowKey; values: CellValues } | undefined {
  const balance = template.sums.find((s) => s.kind === 'balance');
  if (!balance || balance.kind !== 'balance') return undefined;
  const determined = totalRows(template);
  const free = balance.right.filter((k) => !determined.has(k));
  const row = free[0];
  if (row === undefined || free.length !== 1) return undefined;
  const acrossTargets = totalColumns(template);
  const before = valuesAfter(equations);
  const inputs: CellValues = new Map();
  for (const eq of equations) {
    if (eq.kind !== 'balance' || acrossTargets.has(eq.column)) continue;
    const target = eq.right.find((x) => x.row === row);
    const cell = target?.cell;
    if (!cell || cell.value.kind === 'text' || cell.value.kind === 'unread') return undefined;
    const sum = (terms: typeof eq.left) => terms.reduce((s, x) => s + (x.cell ? before(x.cell) : NaN), 0);
    const v = sum(eq.left) - sum(eq.right.filter((x) => x !== target));
    if (Number.isNaN(v) || !validValue(template, eq.column, v)) return undefined;
    if (written(cell) !== v) inputs.set(cell, v);
  }
  if (inputs.size === 0 || !table.rows.some((r) => r.key === row)) return undefined;
  const values = changedTotals(equations, template, valuesAfter(equations, inputs));
  for (const [cell, v] of inputs) values.set(cell, v);
  return { row, values };
}

/** Whether, with `values` written, every sum that held still holds (so the fix adds no error). */
export function keepsHeld(equations: Equation[], baseline: EquationResult[], values: CellValues): boolean {
  // baseline[i] is equations[i]'s result before the fix.
  return equations.every((eq, i) => !baseline[i]?.holds || equationHolds(eq, values));
}

export function holdsWith(eq: Equation, values: CellValues): boolean {
  return equationHolds(eq, values);
}

/** Whether two fixes write the same numbers into the same cells (fixes of other kinds are never the same). */
export function sameIntents(a: readonly FixIntent[], b: readonly FixIntent[]): boolean {
  // Most pairs differ in how many cells they write: known without naming the cells.
  const n = cellsWritten(a);
  if (n === undefined || n !== cellsWritten(b)) return false;
  const x = cellKeys(a);
  const y = cellKeys(b);
  return x.every((v, i) => v === y[i]);
}

/** How many cells some set-cells intents write; undefined when one is of another kind. */
function cellsWritten(intents: readonly FixIntent[]): number | undefined {
  let n = 0;
  for (const x of intents) {
    if (x.kind !== 'set-cells') return undefined;
    n += x.cells.length;
  }
  return n;
}

function cellKeys(intents: readonly FixIntent[]): string[] {
  const keys: string[] = [];
  for (const x of intents)
    if (x.kind === 'set-cells') for (const c of x.cells) keys.push(`${c.cell.span.start}:${c.cell.column}=${c.value}`);
  return keys.sort();
}

/**
 * The table's fixes a finding gets when they remove it (`broken`: its sums),
 * never one it already has: the recomputation, and (balance findings only)
 * the derivation of 四. A sum finding never gets the derivation: with a
 * blank or a wrong addend, a derived 四 would make the wrong number balance.
 * Either is preferred only when the finding has no other fix (a finding with
 * fixes has one preferred), or `preferTotals`: a balance that fails only
 * because totals are stale is mended by updating them, not 一, 二 or 四.
 */
export function tableFixesFor(
  own: ProposedFix[],
  table: TableFixes,
  broken: Equation[],
  options: { derivation: boolean; preferTotals?: boolean },
): ProposedFix[] {
  const out: ProposedFix[] = [];
  const fresh = (f: ProposedFix) =>
    !own.some((o) => sameIntents(o.intents, f.intents)) && !out.some((o) => sameIntents(o.intents, f.intents));
  const mends = (values: CellValues) => broken.every((eq) => holdsWith(eq, values));
  const totals = table.totals;
  if (totals && mends(totals.values) && fresh(totals.fix)) {
    const preferred = own.length === 0 || options.preferTotals === true;
    if (preferred) for (const f of own) f.preferred = false;
    out.push({ ...totals.fix, intents: totals.fix.intents.slice(), preferred });
  }
  const derivation = table.derivation;
  if (options.derivation && derivation && mends(derivation.values) && fresh(derivation.fix)) {
    out.push({ ...derivation.fix, intents: derivation.fix.intents.slice(), preferred: own.length === 0 && out.length === 0 });
  }
  return out;
}

/** The intent writing several cells. */
export function cellsIntent(values: CellValues): FixIntent {
  return setCells(...[...values].map(([cell, value]) => ({ cell, value })));
}

/** Short ordinal of a row for formulas: 一, 二, （七） — else its short name. */
function ordinal(template: TableTemplate, key: RowKey): string {
  const label = template.rows.find((r) => r.key === key)?.label ?? key;
  return /^([一二三四五六七八九十]+)、/.exec(label)?.[1] ?? /^（[一二三四五六七八九十]+）/.exec(label)?.[0] ?? rowName(template, key);
}

const DIGITS = '一二三四五六七八九';

/** 一 → 1, （七） → (7): row ordinals in English text. */
function arabic(ordinal: string): string {
  return ordinal
    .replace(/[一二三四五六七八九]/g, (d) => String(DIGITS.indexOf(d) + 1))
    .replace('（', '(')
    .replace('）', ')');
}

/** The fixes a table's recomputation offers, shared by every finding of the table. */
export interface TableFixes {
  totals: { fix: ProposedFix; values: CellValues } | undefined;
  derivation: { fix: ProposedFix; values: CellValues } | undefined;
}

/**
 * "Recompute all totals" and "derive 四" for one table, each only when it adds
 * no error (every sum that held still holds); whether it removes a given
 * finding is for the check to ask (holdsWith).
 */
export function tableFixes(table: TableNode, template: TableTemplate, equations: Equation[], baseline: EquationResult[]): TableFixes {
  let totals: TableFixes['totals'];
  const values = recomputedTotals(equations, template);
  if (values.size > 0 && keepsHeld(equations, baseline, values)) {
    const n = values.size;
    totals = {
      values,
      fix: {
        ...fix(t(`重算本表全部合计（改 ${n} 处）`, `Recompute every total of this table (${n} cell${n === 1 ? '' : 's'})`), [
          cellsIntent(values),
        ]),
        kind: 'totals',
      },
    };
  }
  let derivation: TableFixes['derivation'];
  const derived = derivedBalanceRow(table, equations, template);
  const balance = template.sums.find((s) => s.kind === 'balance');
  if (derived && balance?.kind === 'balance' && keepsHeld(equations, baseline, derived.values)) {
    const name = rowName(template, derived.row);
    const others = balance.right.filter((k) => k !== derived.row);
    const formula = (o: (k: RowKey) => string) => `${balance.left.map(o).join(' + ')} − ${others.map(o).join(' − ')}`;
    const zh = formula((k) => ordinal(template, k));
    const en = formula((k) => arabic(ordinal(template, k)));
    const alsoTotals = [...derived.values.keys()].some((c) => !table.rows.find((r) => r.key === derived.row)?.cells.includes(c));
    derivation = {
      values: derived.values,
      fix: {
        ...fix(
          t(
            `按勾稽关系推算「${name}」（= ${zh}）${alsoTotals ? '，并重算本表合计' : ''}`,
            `Derive “${name}” from the balance (= ${en})${alsoTotals ? ' and recompute the totals' : ''}`,
          ),
          [cellsIntent(derived.values)],
        ),
        kind: 'derivation',
      },
    };
  }
  return { totals, derivation };
}

/** The edits that recompute every total of one parsed table (tools and tests; the checks use tableFixes). */
export function recomputeTotalsEdits(analysis: { text: string; index: TextIndex; model: ReportModel }, table: TableNode): TextEdit[] {
  const template = tableTemplate(analysis.model.format, table.id);
  if (!template || template.sums.length === 0) return [];
  return writeIntents(analysis, [cellsIntent(recomputedTotals(equationsForTable(table, template), template))]);
}
