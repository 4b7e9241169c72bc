// full-width-digits: numbers typed with full-width digits (５９). They are
// read correctly; the fix writes them as ASCII digits.

import type { CheckFinding } from '../model';
import { formatNumber } from '../parse/values';
import type { Rule } from '../rule';
import { finding, fix, key, setCells, t } from './util';

export const fullWidthDigits: Rule = {
  id: 'full-width-digits',
  defaultSeverity: 'info',
  fixable: true,
  title: t('全角数字', 'Full-width digits'),
  description: t('表格中的数字用半角阿拉伯数字书写。', 'Table numbers are written with ASCII digits.'),
  check(ctx) {
    const out: CheckFinding[] = [];
    for (const table of ctx.model.tables) {
      for (const row of table.rows) {
        for (const cell of row.cells) {
          if (cell.value.kind !== 'number' || !cell.value.fullWidth) continue;
          const ascii = formatNumber(cell.value.value);
          out.push(
            finding(
              fullWidthDigits,
              key(table.id, row.key, cell.column),
              cell.range,
              t(`全角数字“${cell.raw}”应写作“${ascii}”`, `Full-width “${cell.raw}” should be “${ascii}”`),
              [
                fix(t(`改为 ${ascii}`, `Change to ${ascii}`), [setCells({ cell, value: cell.value.value })], {
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
