// balance-mismatch: the 勾稽关系 printed in the section 三 header —
// 一 + 二 = 三（七）+ 四 — in every column.

import { type CellValues, type Equation, type EquationResult, type Term } from '../arithmetic';
import type { CheckFinding, ProposedFix } from '../model';
import { formatNumber } from '../parse/values';
import type { Rule } from '../rule';
import { tableTemplate } from '../template/formats';
import type { ColumnKey, TableTemplate } from '../template/types';
import { tableFixes, tableFixesFor, type TableFixes } from '../fixes/recompute-totals';
import {
  blankNote,
  cellName,
  cellRanges,
  columnName,
  finding,
  fix,
  fixKeepsOthers,
  key,
  relatedTerms,
  setCells,
  t,
  termText,
  totalColumns,
  totalRows,
  validValue,
} from './util';

export const balanceMismatch: Rule = {
  id: 'balance-mismatch',
  defaultSeverity: 'error',
  fixable: true,
  title: t('勾稽关系不成立', 'Balance does not hold'),
  description: t(
    '第三部分表格每一列：第一项（本年新收）加第二项（上年结转）之和，等于第三项（七）总计加第四项（结转下年度）之和。',
    'In every column of the section 三 table: item 1 (new) + item 2 (carried over) = item 3 (7) total + item 4 (carried forward).',
  ),
  check(ctx) {
    const out: CheckFinding[] = [];
    for (const table of ctx.model.tables) {
      const template = tableTemplate(ctx.model.format, table.id);
      if (!template || !template.sums.some((s) => s.kind === 'balance')) continue;
      const { equations, results } = ctx.sums(table, template);
      const broken = results.filter((r) => r.equation.kind === 'balance' && !r.holds);
      if (broken.length === 0) continue;
      const whole = tableFixes(table, template, equations, results);
      for (const r of broken) out.push(report(template, equations, results, broken, r, whole));
    }
    return out;
  },
};

const side = (terms: Term[]) => ({
  zh: terms.map((x) => termText(x).zh).join('+'),
  en: terms.map((x) => termText(x).en).join(' + '),
});

/** Two applicant columns off by +d and −d while the total column balances: one application in the wrong column. */
function misfiled(r: EquationResult, all: EquationResult[], results: EquationResult[], template: TableTemplate): ColumnKey | undefined {
  const delta = r.leftSum - r.rightSum;
  const totals = totalColumns(template);
  if (totals.has(r.equation.column)) return undefined;
  const totalBalances = results.some((x) => x.equation.kind === 'balance' && totals.has(x.equation.column) && x.holds);
  if (!totalBalances) return undefined;
  const partner = all.find((o) => o !== r && !totals.has(o.equation.column) && o.leftSum - o.rightSum === -delta);
  return partner ? partner.equation.column : undefined;
}

function report(
  template: TableTemplate,
  equations: Equation[],
  results: EquationResult[],
  broken: EquationResult[],
  r: EquationResult,
  whole: TableFixes,
): CheckFinding {
  const eq = r.equation;
  const col = columnName(template, eq.column);
  const left = side(eq.left);
  const right = side(eq.right);
  let message = t(
    `「${col}」列勾稽关系不成立：第一项加第二项 ${left.zh} = ${formatNumber(r.leftSum)}，第三项加第四项 ${right.zh} = ${formatNumber(r.rightSum)}${blankNote(r).zh}`,
    `Column “${col}” does not balance: items 1 + 2 = ${left.en} = ${formatNumber(r.leftSum)}, items 3 + 4 = ${right.en} = ${formatNumber(r.rightSum)}${blankNote(r).en}`,
  );
  const partner = misfiled(r, broken, results, template);
  if (partner) {
    const d = Math.abs(r.leftSum - r.rightSum);
    const other = columnName(template, partner);
    message = t(
      `${message.zh}；「${other}」列差数相反而总计列平衡，可能有 ${formatNumber(d)} 件申请被计入了错误的申请人列（「${col}」与「${other}」）`,
      `${message.en}; column “${other}” is off by the opposite amount while the total column balances, so ${formatNumber(d)} application(s) were probably counted in the wrong applicant column (“${col}” vs “${other}”)`,
    );
  }
  const anchor = eq.right.find((x) => x.cell) ?? eq.left.find((x) => x.cell);
  const range = anchor?.cell?.range ?? eq.table.range;
  const own = fixes(template, equations, results, r);
  // A misfiled application is not mended by carrying it forward.
  own.push(...tableFixesFor(own, whole, [eq], { derivation: !partner, preferTotals: true }));
  const suspects = cellRanges([...eq.left, ...eq.right]);
  const related = [
    ...relatedTerms(template, eq.left, t('第一项/第二项', 'item 1/2')),
    ...relatedTerms(template, eq.right, t('第三项/第四项', 'item 3/4')),
  ];
  return { ...finding(balanceMismatch, key(eq.table.id, eq.column), range, message, own, related), suspects };
}

/**
 * Candidate mends: change one non-total row (一, 二 or 四) in this column
 * by the difference, carrying the change into that row's 总计 so its row
 * sum still holds. Each is offered only if it breaks nothing that held.
 */
function fixes(template: TableTemplate, equations: Equation[], results: EquationResult[], r: EquationResult): ProposedFix[] {
  const eq = r.equation;
  const diff = r.leftSum - r.rightSum;
  const out: ProposedFix[] = [];
  const totals = totalRows(template);
  const across = template.sums.find((s) => s.kind === 'across');
  const candidates = [...eq.right.map((x) => ({ term: x, sign: 1 })), ...eq.left.map((x) => ({ term: x, sign: -1 }))].filter(
    (c) => !totals.has(c.term.row),
  );
  for (const { term, sign } of candidates) {
    const cell = term.cell;
    if (!cell || cell.value.kind !== 'number') continue;
    const value = cell.value.value + sign * diff;
    if (!validValue(template, term.column, value)) continue;
    const overrides: CellValues = new Map([[cell, value]]);
    const written = [{ cell, value }];
    const row = eq.table.rows.find((x) => x.key === term.row);
    if (across && across.kind === 'across' && across.parts.includes(term.column)) {
      const totalCell = row?.cells.find((c) => c.column === across.target);
      if (!totalCell || totalCell.value.kind !== 'number') continue;
      const newTotal = totalCell.value.value + sign * diff;
      if (!validValue(template, across.target, newTotal)) continue;
      overrides.set(totalCell, newTotal);
      written.push({ cell: totalCell, value: newTotal });
    }
    if (!fixKeepsOthers(equations, results, eq, overrides)) continue;
    const name = cellName(template, term.row, term.column);
    out.push(
      fix(
        t(
          `将${name.zh}改为 ${formatNumber(value)}${written.length > 1 ? '（并相应调整本行总计）' : ''}`,
          `Set ${name.en} to ${formatNumber(value)}${written.length > 1 ? ' (and that row’s total)' : ''}`,
        ),
        [setCells(...written)],
        { preferred: out.length === 0 },
      ),
    );
  }
  return out;
}
