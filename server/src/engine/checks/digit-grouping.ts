// digit-grouping: a number written with thousands separators (1,095). It is
// read as the number it plainly is and added up with the rest; the form's
// tables write plain digits, so the safe fix removes the separators.

import type { CheckFinding } from '../model';
import { formatNumber } from '../parse/values';
import type { Rule } from '../rule';
import { finding, fix, key, setCells, t } from './util';

export const digitGrouping: Rule = {
  id: 'digit-grouping',
  defaultSeverity: 'info',
  fixable: true,
  title: t('千位分隔符', 'Thousands separators'),
  description: t(
    '表格中的数字不加千位分隔符（写 1095，不写 1,095）。',
    'Table numbers are written without thousands separators (1095, not 1,095).',
  ),
  check(ctx) {
    const out: CheckFinding[] = [];
    for (const table of ctx.model.tables) {
      for (const row of table.rows) {
        for (const cell of row.cells) {
          if (cell.value.kind !== 'number' || cell.value.grouped !== true) continue;
          const plain = formatNumber(cell.value.value);
          out.push(
            finding(
              digitGrouping,
              key(table.id, row.key, cell.column),
              cell.range,
              t(
                `“${cell.raw}”按 ${plain} 读取；表格中的数字不加千位分隔符`,
                `“${cell.raw}” is read as ${plain}; table numbers have no thousands separators`,
              ),
              [
                fix(t(`改为 ${plain}`, `Change to ${plain}`), [setCells({ cell, value: cell.value.value })], {
                  safe: true,
                  preferred: true,
                }),
              ],
            ),
          );
        }
      }
    }
    return out;
  },
};
