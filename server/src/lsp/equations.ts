// Sums as a person reads them: “总计 59 = 50+9+0+0+0+0 ✓”. The arithmetic is
// the engine's (equationsForTable / evaluateEquation); this only words it.

import {
  equationsForTable,
  evaluateEquation,
  type CellNode,
  type EquationResult,
  type Locale,
  type RowKey,
  type TableNode,
  type TableTemplate,
  type Term,
  type ColumnKey,
} from '../engine';
import { localize } from './locale';

export function columnLabel(template: TableTemplate, key: ColumnKey): string {
  const column = template.columns.find((c) => c.key === key);
  if (!column) return key;
  return column.group && template.columns.filter((c) => c.label === column.label).length > 1
    ? `${column.group}·${column.label}`
    : column.label;
}

export function rowLabel(template: TableTemplate, key: RowKey): string {
  return template.rows.find((r) => r.key === key)?.label ?? key;
}

function termText(term: Term, locale: Locale): string {
  const cell = term.cell;
  if (!cell) return '—';
  switch (cell.value.kind) {
    case 'number':
      return String(cell.value.value);
    case 'blank':
      return locale === 'zh' ? '（空）' : '(blank)';
    default:
      return `“${cell.raw}”`;
  }
}

function terms(list: Term[], locale: Locale): string {
  const texts = list.map((t) => termText(t, locale));
  if (texts.length <= 8) return texts.join('+');
  // A column of 21 results reads better as its non-zero terms.
  const shown = texts.filter((x) => x !== '0');
  const rest = locale === 'zh' ? `其余 ${texts.length - shown.length} 项为 0` : `${texts.length - shown.length} more terms 0`;
  return shown.length === 0 ? rest : `${shown.join('+')}（${rest}）`;
}

function mark(result: EquationResult, locale: Locale): string {
  if (!result.assessable) return locale === 'zh' ? '？（无法判断）' : '? (cannot tell)';
  if (result.holds) return '✓';
  const diff = Math.round((result.leftSum - result.rightSum) * 1e6) / 1e6;
  return locale === 'zh' ? `✗（相差 ${diff}）` : `✗ (off by ${diff})`;
}

/** One line per equation, e.g. `总计 59 = 50+9+0+0+0+0 ✓`. */
export function describeEquation(result: EquationResult, template: TableTemplate, locale: Locale): string {
  const eq = result.equation;
  const right = terms(eq.right, locale);
  switch (eq.kind) {
    case 'across':
      return `${columnLabel(template, eq.column)} ${terms(eq.left, locale)} = ${right} ${mark(result, locale)}`;
    case 'down':
    case 'group': {
      const row = eq.row ? rowLabel(template, eq.row) : '';
      return `${row}（${columnLabel(template, eq.column)}）${terms(eq.left, locale)} = ${right} ${mark(result, locale)}`;
    }
    case 'balance': {
      return `${sumName(result, template, locale)}（${columnLabel(template, eq.column)}）：${terms(eq.left, locale)} = ${right} ${mark(result, locale)}`;
    }
  }
}

/** The declared sum an equation comes from, in words (e.g. 第一项加第二项之和等于第三项加第四项之和). */
export function sumName(result: EquationResult, template: TableTemplate, locale: Locale): string {
  const eq = result.equation;
  const sum = template.sums.find((s) =>
    s.kind === 'balance'
      ? eq.kind === 'balance'
      : s.kind === 'down'
        ? eq.kind === 'down' && s.target === eq.row
        : eq.kind === 'across' && s.target === eq.column,
  );
  if (sum) return localize(sum.description, locale);
  return eq.row ? rowLabel(template, eq.row) : columnLabel(template, eq.column);
}

function involves(result: EquationResult, test: (t: Term) => boolean): boolean {
  return [...result.equation.left, ...result.equation.right].some(test);
}

export function evaluateTable(table: TableNode, template: TableTemplate): EquationResult[] {
  return equationsForTable(table, template).map((eq) => evaluateEquation(eq));
}

/** Every equation this cell takes part in. */
export function equationsOfCell(table: TableNode, template: TableTemplate, cell: CellNode): EquationResult[] {
  return evaluateTable(table, template).filter((r) => involves(r, (t) => t.cell === cell));
}

/** Every equation that has a term in this row. */
export function equationsOfRow(table: TableNode, template: TableTemplate, row: RowKey): EquationResult[] {
  return evaluateTable(table, template).filter((r) => involves(r, (t) => t.row === row));
}
