// sum-mismatch: every declared total (template `sums`: across, down, and
// subtotals written on group rows) equals the sum of its parts.

import { type CellValues, type Equation, type EquationResult, type Term } from '../arithmetic';
import type { CellNode, CheckFinding, ProposedFix, RelatedLocation } from '../model';
import { formatNumber } from '../parse/values';
import type { Rule } from '../rule';
import { tableTemplate } from '../template/formats';
import type { TableTemplate } from '../template/types';
import { tableFixes, tableFixesFor, type TableFixes } from '../fixes/recompute-totals';
import { blankNote, cellName, cellRanges, finding, fix, fixKeepsOthers, key, relatedTerms, setCells, sumText, t, validValue } from './util';

export const sumMismatch: Rule = {
  id: 'sum-mismatch',
  defaultSeverity: 'error',
  fixable: true,
  title: t('合计不符', 'Total does not add up'),
  description: t(
    '第三部分每行的总计等于六类申请人之和，（七）总计等于各项办理结果之和；第四部分每个总计等于四种结果之和。',
    'Section 三: each row total is the sum of the six applicant columns, and (七) total is the sum of all result rows. Section 四: each total is the sum of its four outcomes.',
  ),
  check(ctx) {
    const out: CheckFinding[] = [];
    for (const table of ctx.model.tables) {
      const template = tableTemplate(ctx.model.format, table.id);
      if (!template || template.sums.length === 0) continue;
      const { equations, results } = ctx.sums(table, template);
      const broken = results.filter((r) => !r.holds);
      if (broken.length === 0) continue;
      const whole = tableFixes(table, template, equations, results);
      // A total that is both a row's and a column's sum (（七）总计 × 总计) is one finding, not two.
      const byTotal = new Map<unknown, EquationResult[]>();
      for (const r of broken) {
        if (r.equation.kind === 'balance') continue;
        const k = r.equation.left[0]?.cell ?? r;
        const group = byTotal.get(k);
        if (group) group.push(r);
        else byTotal.set(k, [r]);
      }
      for (const group of byTotal.values()) {
        const [head] = group;
        if (head && group.length > 1 && group.every((g) => g.rightSum === head.rightSum))
          out.push(reportShared(template, equations, results, group, whole));
        else for (const r of group) out.push(report(template, equations, results, broken, r, group.length > 1, whole));
      }
    }
    return out;
  },
};

function solveFor(eq: Equation, cell: CellNode): number | undefined {
  const left = sideWithout(eq.left, cell);
  const right = sideWithout(eq.right, cell);
  if (left.found === right.found) return undefined;
  return left.found ? right.sum - left.sum : left.sum - right.sum;
}

/** The sum of a side's numbers but `cell`'s (others as 0), and whether `cell` is on it. */
function sideWithout(terms: Term[], cell: CellNode): { sum: number; found: boolean } {
  let sum = 0;
  let found = false;
  for (const x of terms) {
    if (x.cell === cell) found = true;
    else if (x.cell && x.cell.value.kind === 'number') sum += x.cell.value.value;
  }
  return { sum, found };
}

const CELLS = new WeakMap<Equation, Set<CellNode>>();

/** The cells an equation sums, both sides (asked for every term of every broken sum: made once). */
function cellsOf(eq: Equation): Set<CellNode> {
  let cells = CELLS.get(eq);
  if (!cells) {
    cells = new Set();
    for (const x of eq.left) if (x.cell) cells.add(x.cell);
    for (const x of eq.right) if (x.cell) cells.add(x.cell);
    CELLS.set(eq, cells);
  }
  return cells;
}

/** A cell where this broken sum crosses another broken sum, and one value mends both. */
function crossingCulprit(result: EquationResult, broken: EquationResult[]): { cell: CellNode; term: Term; value: number } | undefined {
  for (const term of result.equation.right.concat(result.equation.left)) {
    const cell = term.cell;
    if (!cell || cell.value.kind !== 'number') continue;
    const value = solveFor(result.equation, cell);
    if (value === undefined || value < 0) continue;
    for (const other of broken) {
      if (other === result) continue;
      if (cellsOf(other.equation).has(cell) && solveFor(other.equation, cell) === value) return { cell, term, value };
    }
  }
  return undefined;
}

/** `split`: the total cell's row and column sums disagree and are reported apart, so the key names the sum (`S3/R3_7/TOT/down`). */
function report(
  template: TableTemplate,
  equations: Equation[],
  results: EquationResult[],
  broken: EquationResult[],
  r: EquationResult,
  split: boolean,
  whole: TableFixes,
): CheckFinding {
  const eq = r.equation;
  const total = totalOf(eq);
  const name = cellName(template, total.row, total.column);
  const parts = sumText(eq.right);
  const actual = total.cell?.value.kind === 'number' ? formatNumber(r.leftSum) : '空白';
  const actualEn = total.cell?.value.kind === 'number' ? formatNumber(r.leftSum) : 'blank';
  const fixes: ProposedFix[] = [];
  const culprit = crossingCulprit(r, broken);
  let hint = t('', '');
  if (culprit && culprit.cell !== total.cell) {
    const where = cellName(template, culprit.term.row, culprit.term.column);
    hint = t(
      `；该格所在的行和列合计都不符，交叉处的${where.zh}最可能有误（应为 ${formatNumber(culprit.value)}）`,
      `; its row and column sums both fail, so ${where.en} where they cross is most likely wrong (should be ${formatNumber(culprit.value)})`,
    );
    const overrides: CellValues = new Map([[culprit.cell, culprit.value]]);
    if (validValue(template, culprit.term.column, culprit.value) && fixKeepsOthers(equations, results, eq, overrides)) {
      fixes.push(
        fix(
          t(`将${where.zh}改为 ${formatNumber(culprit.value)}`, `Set ${where.en} to ${formatNumber(culprit.value)}`),
          [setCells({ cell: culprit.cell, value: culprit.value })],
          { preferred: true },
        ),
      );
    }
  } else if (culprit) {
    // Said of the cell by name, not as 它: the message is read in Problems, away from the squiggle.
    hint = t(
      `；该格同时使另一项合计不符，最可能有误的就是${name.zh}本身`,
      `; it also breaks another sum, so ${name.en} itself is most likely the wrong one`,
    );
  }
  if (total.cell && validValue(template, total.column, r.rightSum)) {
    const overrides: CellValues = new Map([[total.cell, r.rightSum]]);
    if (fixKeepsOthers(equations, results, eq, overrides)) {
      fixes.push(
        totalFix(
          fix(
            t(`将${name.zh}改为 ${formatNumber(r.rightSum)}`, `Set ${name.en} to ${formatNumber(r.rightSum)}`),
            [setCells({ cell: total.cell, value: r.rightSum })],
            { preferred: fixes.length === 0 },
          ),
        ),
      );
    }
  }
  fixes.push(...tableFixesFor(fixes, whole, [eq], { derivation: false }));
  const label = eq.kind === 'across' ? t('总计', 'The total') : eq.kind === 'group' ? t('小计', 'The subtotal') : t('合计', 'The total');
  const message = t(
    `${name.zh}：${label.zh}应为 ${formatNumber(r.rightSum)}（${parts.zh}），现为 ${actual}${blankNote(r).zh}${hint.zh}`,
    `${name.en}: ${label.en} should be ${formatNumber(r.rightSum)} (${parts.en}), but is ${actualEn}${blankNote(r).en}${hint.en}`,
  );
  const range = total.cell ? total.cell.range : (eq.right.find((x) => x.cell)?.cell?.range ?? eq.table.range);
  const k = split ? key(eq.table.id, total.row, total.column, eq.kind) : key(eq.table.id, total.row, total.column);
  const suspects = culprit ? [culprit.cell.range] : cellRanges([...eq.left, ...eq.right]);
  return { ...finding(sumMismatch, k, range, message, fixes, relatedTerms(template, eq.right, t('加数', 'addend'))), suspects };
}

const totalFix = (f: ProposedFix): ProposedFix => ({ ...f, kind: 'totals' });

/** The total of a sum: its one left-hand term (only balances, reported elsewhere, have several). */
function totalOf(eq: Equation): Term {
  const total = eq.left[0];
  if (!total) throw new Error(`sum-mismatch: a ${eq.kind} sum of table ${eq.table.id} without its total`);
  return total;
}

/** One cell that is the total of a row and of a column, both saying the same value. */
function reportShared(
  template: TableTemplate,
  equations: Equation[],
  results: EquationResult[],
  group: EquationResult[],
  whole: TableFixes,
): CheckFinding {
  const first = group[0];
  if (!first) throw new Error('sum-mismatch: an empty group of sums');
  const total = totalOf(first.equation);
  const name = cellName(template, total.row, total.column);
  const expected = formatNumber(first.rightSum);
  const actual = total.cell?.value.kind === 'number' ? formatNumber(first.leftSum) : '空白';
  const how = (r: EquationResult) => (r.equation.kind === 'across' ? t('按行', 'across') : t('按列', 'down'));
  const parts = group.map((r) => t(`${how(r).zh}：${sumText(r.equation.right).zh}`, `${how(r).en}: ${sumText(r.equation.right).en}`));
  const fixes: ProposedFix[] = [];
  if (total.cell && validValue(template, total.column, first.rightSum)) {
    const overrides: CellValues = new Map([[total.cell, first.rightSum]]);
    if (group.every((r) => fixKeepsOthers(equations, results, r.equation, overrides))) {
      fixes.push(
        totalFix(
          fix(t(`将${name.zh}改为 ${expected}`, `Set ${name.en} to ${expected}`), [setCells({ cell: total.cell, value: first.rightSum })], {
            preferred: true,
          }),
        ),
      );
    }
  }
  fixes.push(
    ...tableFixesFor(
      fixes,
      whole,
      group.map((g) => g.equation),
      { derivation: false },
    ),
  );
  const message = t(
    `${name.zh}：行、列合计都应为 ${expected}（${parts.map((p) => p.zh).join('；')}），现为 ${actual}${blankNote(first).zh}`,
    `${name.en}: both its row and its column sum to ${expected} (${parts.map((p) => p.en).join('; ')}), but it is ${actual === '空白' ? 'blank' : actual}${blankNote(first).en}`,
  );
  const related: RelatedLocation[] = [];
  const terms = [total];
  for (const r of group) {
    related.push(...relatedTerms(template, r.equation.right, t('加数', 'addend')));
    terms.push(...r.equation.right);
  }
  const suspects = cellRanges(terms);
  return {
    ...finding(
      sumMismatch,
      key(first.equation.table.id, total.row, total.column),
      total.cell?.range ?? first.equation.table.range,
      message,
      fixes,
      related,
    ),
    suspects,
  };
}
