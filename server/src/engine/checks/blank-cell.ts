// blank-cell: a blank where a number belongs (write 0 for none), and rows
// that end before all their cells are written.

import type { Finding } from '../model';
import type { Rule } from '../rule';
import { absentCellText, cellName, edit, finding, fix, key, rowName, t, tablesWithTemplates } from './util';

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
    const out: Finding[] = [];
    for (const { table, template } of tablesWithTemplates(ctx)) {
      for (const row of table.rows) {
        for (const cell of row.cells) {
          if (!cell.present || cell.value.kind !== 'blank') continue;
          const name = cellName(template, row.key, cell.column);
          // In text whose cells are split by spaces, a blank has no place of its own (a web table's empty
          // cell that vanished): the 0 goes beside its neighbour, with a space between.
          let text = '0';
          if (table.layout === 'space-separated' && cell.span.start === cell.span.end) {
            const i = row.cells.indexOf(cell);
            text = row.cells.slice(0, i).some((c) => c.value.kind !== 'blank') ? ' 0' : '0 ';
          }
          out.push(
            finding(
              blankCell,
              key(table.id, row.key, cell.column),
              cell.range,
              t(`${name.zh}为空白，没有发生请填 0`, `${name.en} is blank; write 0 for none`),
              [fix(t('填入 0', 'Write 0'), [edit(ctx, cell.span, text)], { preferred: true })],
            ),
          );
        }
        const absent = row.cells.filter((c) => !c.present);
        if (absent.length === 0) continue;
        const at = absent[0].span;
        const text = absent.map((c) => absentCellText(ctx, c, '0')).join('');
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
            [fix(t(`补齐 ${absent.length} 个 0`, `Add ${absent.length} zero(s)`), [edit(ctx, at, text)], { preferred: true })],
          ),
        );
      }
    }
    return out;
  },
};
