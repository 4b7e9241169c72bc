// invalid-number: a count that is negative, fractional or not a number.
// The fee in 万元 may be fractional; 本年增/减 (2019) may be negative.

import type { CellNode, CheckFinding, ProposedFix } from '../model';
import { formatNumber } from '../parse/values';
import type { Rule } from '../rule';
import type { TableTemplate } from '../template/types';
import { cellName, finding, fix, key, setCells, t, tablesWithTemplates } from './util';

export const invalidNumber: Rule = {
  id: 'invalid-number',
  defaultSeverity: 'error',
  fixable: true,
  verifyFixes: true,
  title: t('数值无效', 'Invalid number'),
  description: t(
    '件数、案件数须为非负整数；收费金额（万元）可为小数但不能为负；“本年增/减”可为负数。',
    'Counts are whole numbers ≥ 0; the fee in 万元 may be a decimal ≥ 0; 本年增/减 may be negative.',
  ),
  check(ctx) {
    const out: CheckFinding[] = [];
    for (const { table, template } of tablesWithTemplates(ctx)) {
      for (const row of table.rows) {
        for (const cell of row.cells) {
          const problem = problemOf(cell, template);
          if (!problem) continue;
          const name = cellName(template, row.key, cell.column);
          out.push(
            finding(
              invalidNumber,
              key(table.id, row.key, cell.column),
              cell.range,
              t(`${name.zh}：${problem.zh}`, `${name.en}: ${problem.en}`),
              readingFix(cell),
            ),
          );
        }
      }
    }
    return out;
  },
};

function problemOf(cell: CellNode, template: TableTemplate) {
  const v = cell.value;
  if (v.kind === 'blank' || v.kind === 'unread') return undefined; // unread: fused-digits says it once
  if (v.kind === 'text' && /^-?[0-9０-９]{16,}/.test(v.text))
    return t(`数值 ${cell.raw} 过大，无法核对`, `${cell.raw} is too large to check`);
  if (v.kind === 'text') return t(`“${v.text}”不是数字`, `“${v.text}” is not a number`);
  if (v.value >= 0 && Number.isInteger(v.value)) return undefined; // most cells: no need of the column's kind
  const kind = template.columns.find((c) => c.key === cell.column)?.valueKind ?? 'count';
  if (v.value < 0 && kind !== 'delta') return t(`不能为负数（${formatNumber(v.value)}）`, `cannot be negative (${formatNumber(v.value)})`);
  if (!Number.isInteger(v.value) && kind !== 'amount')
    return t(`件数应为整数（${cell.raw}）`, `a count must be a whole number (${cell.raw})`);
  return undefined;
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 十五 → 15, 二十 → 20, 三百零二 → 302 (up to 9999). */
function chineseNumeral(s: string): number | undefined {
  if (!/^[零〇一二两三四五六七八九十百千]+$/.test(s)) return undefined;
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    const d = DIGITS[ch];
    if (d !== undefined) digit = d;
    else {
      const unit = ch === '十' ? 10 : ch === '百' ? 100 : 1000;
      total += (digit || 1) * unit;
      digit = 0;
    }
  }
  return total + digit;
}

/** A reading of unreadable text as a number, when one is plain: 十五 → 15; 1e3 → 1000 (1,234 is read as a number: digit-grouping). */
function readingFix(cell: CellNode): ProposedFix[] {
  if (cell.value.kind !== 'text') return [];
  const raw = cell.value.text;
  let value: number | undefined;
  if (/^[0-9]+(\.[0-9]+)?[eE][0-9]{1,2}$/.test(raw)) value = Number(raw);
  else value = chineseNumeral(raw);
  if (value === undefined || !Number.isSafeInteger(value)) return [];
  return [
    fix(t(`改为 ${formatNumber(value)}`, `Change to ${formatNumber(value)}`), [setCells({ cell, value })], {
      preferred: true,
    }),
  ];
}
