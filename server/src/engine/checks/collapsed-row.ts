// collapsed-row: a group the format splits into sub-rows written as one row
// with numbers (hongze's （六）其他处理 in a 2021 report). Its numbers still
// count in （七）总计; the fix writes the sub-rows, putting them under “其他”.

import type { CheckFinding } from '../model';
import type { Rule } from '../rule';
import { childRows } from '../template/formats';
import { finding, fix, key, t, tablesWithTemplates } from './util';

export const collapsedRow: Rule = {
  id: 'collapsed-row',
  defaultSeverity: 'warning',
  fixable: true,
  verifyFixes: true,
  title: t('合并的分项行', 'Collapsed group row'),
  description: t(
    '2021 年格式中“（六）其他处理”分为三个分项行；写成一行时其数字仍计入（七）总计，但应按分项填写。',
    'The 2021 format splits “（六）其他处理” into three sub-rows; written as one row its numbers still count in the total, but should be split.',
  ),
  check(ctx) {
    const out: CheckFinding[] = [];
    for (const { table, template } of tablesWithTemplates(ctx)) {
      for (const row of table.rows) {
        if (!row.isGroup || row.cells.length === 0 || !row.label) continue;
        const children = childRows(template, row.key);
        const lastChild = children[children.length - 1];
        if (!lastChild || table.rows.some((r) => children.some((c) => c.key === r.key))) continue;
        const last = lastChild.label;
        out.push(
          finding(
            collapsedRow,
            key(table.id, row.key),
            row.label.range,
            t(
              `2021 年格式中「${row.label.text.trim()}」分为 ${children.length} 个分项行；本行数字已计入合计，应按分项填写`,
              `The 2021 format splits “${row.label.text.trim()}” into ${children.length} sub-rows; its numbers count in the total but should be split`,
            ),
            [
              fix(
                t(
                  `拆分为 ${children.length} 个分项行（数字暂列入「${last}」）`,
                  `Split into ${children.length} sub-rows (numbers under “${last}” for now)`,
                ),
                [{ kind: 'split-row', table, row }],
                { preferred: true },
              ),
            ],
          ),
        );
      }
    }
    return out;
  },
};
