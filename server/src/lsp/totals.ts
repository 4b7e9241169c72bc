// Every total cell of a report and whether it holds, computed once per
// analysis and shared by the inlay hints, the code lenses and the preview.
// The arithmetic is the engine's (equationsForTable / evaluateEquation).

import { tableTemplate, type Analysis, type CellNode, type EquationResult, type TableNode, type TableTemplate } from '../engine';
import { evaluateTable } from './equations';

export interface TotalCheck {
  cell: CellNode;
  table: TableNode;
  /** The assessable sums this cell is the total of (a （七）总计 × 总计 cell has two). */
  results: EquationResult[];
  holds: boolean;
}

export interface TableSums {
  table: TableNode;
  template: TableTemplate;
  results: EquationResult[];
  totals: TotalCheck[];
}

/** Sum findings: what a table's code lens counts and the preview marks as breaking a sum. */
export const SUM_RULES: ReadonlySet<string> = new Set(['sum-mismatch', 'balance-mismatch']);

const cache = new WeakMap<Analysis, TableSums[]>();

/** The tables with declared sums, their evaluated equations and total cells (document order). */
export function tableSums(analysis: Analysis): TableSums[] {
  let hit = cache.get(analysis);
  if (hit) return hit;
  hit = [];
  for (const table of analysis.model.tables) {
    const template = tableTemplate(analysis.model.format, table.id);
    if (!template || template.sums.length === 0) continue;
    const results = evaluateTable(table, template);
    const byCell = new Map<CellNode, EquationResult[]>();
    for (const r of results) {
      if (r.equation.kind === 'balance' || !r.assessable) continue;
      const cell = r.equation.left[0]?.cell;
      // A total the report does not write (its row ends before it) has no place to show a value.
      if (!cell || !cell.present) continue;
      byCell.set(cell, [...(byCell.get(cell) ?? []), r]);
    }
    const totals = [...byCell].map(([cell, rs]) => ({ cell, table, results: rs, holds: rs.every((r) => r.holds) }));
    totals.sort((a, b) => a.cell.span.start - b.cell.span.start);
    hit.push({ table, template, results, totals });
  }
  cache.set(analysis, hit);
  return hit;
}

function formatSum(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

/** `= 59 ✓` when every sum of the cell holds, else `≠ 58` (what the parts add up to; two sums that disagree: `≠ 58｜57`). */
export function totalLabel(check: TotalCheck): string {
  const first = check.results[0];
  if (check.holds) return first ? `= ${formatSum(first.rightSum)} ✓` : '✓';
  const sums = [...new Set(check.results.filter((r) => !r.holds).map((r) => formatSum(r.rightSum)))];
  return `≠ ${sums.join('｜')}`;
}

/** The number of sum findings inside a table's span. */
export function brokenIn(analysis: Analysis, table: TableNode): number {
  let n = 0;
  for (const f of analysis.findings) {
    if (!SUM_RULES.has(f.rule)) continue;
    const at = analysis.index.offsetAt(f.range.start);
    if (at >= table.span.start && at <= table.span.end) n++;
  }
  return n;
}
