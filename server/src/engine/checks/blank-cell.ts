// blank-cell: a blank where a number belongs (write 0 for none), and rows
// that end before all their cells are written.

import type { CheckFinding } from '../model';
import type { Rule } from '../rule';
import { cellName, finding, fix, key, rowName, setCells, t, tablesWithTemplates } from './util';

export const blankCell: Rule = {
  id: 'blank-cell',
  defaultSeverity: 'warning',
  fixable: true,
  title: t('空白单元格', 'Blank cell'),
  description: t(
    '统计表中没有发生的事项应填 0，不应留空；合计检查中空白按 0 计并注明。',
    'Write 0 for none rather than leaving a cell blank; sums count blanks as 0 and say so.',
  ),
  check(ctx) {
    const out: CheckFinding[] = [];
    for (const { table, template } of tablesWithTemplates(ctx)) {
      for (const row of table.rows) {
        for (const cell of row.cells) {
          if (!cell.present || cell.value.kind !== 'blank') continue;
          const name = cellName(template, row.key, cell.column);
          out.push(
            finding(
              blankCell,
              key(table.id, row.key, cell.column),
              cell.range,
              t(`${name.zh}为空白，没有发生请填 0`, `${name.en} is blank; write 0 for none`),
              [fix(t('填入 0', 'Write 0'), [setCells({ cell, value: 0 })], { preferred: true })],
            ),
          );
        }
        const absent = row.cells.filter((c) => !c.present);
        if (absent.length === 0) continue;
        const range = row.label?.range ?? row.range;
        out.push(
          finding(
            blankCell,
            key(table.id, row.key),
            range,
            t(
              `「${rowName(template, row.key)}」行缺少 ${absent.length} 个数值（应有 ${row.cells.length} 个）`,
              `Row “${rowName(template, row.key)}” lacks ${absent.length} of its ${row.cells.length} numbers`,
            ),
            [
              fix(
                t(`补齐 ${absent.length} 个 0`, `Add ${absent.length} zero(s)`),
                [setCells(...absent.map((cell) => ({ cell, value: 0 })))],
                {
                  preferred: true,
                },
              ),
            ],
          ),
        );
      }
    }
    return out;
  },
};
