// missing-row: every data row of a recognised table is there.

import { equationsForTable, impliedValue, type Equation } from '../arithmetic';
import type { Finding, RowNode, TableNode } from '../model';
import { formatNumber } from '../parse/values';
import { renderRow } from '../render';
import type { Rule, RuleContext } from '../rule';
import { tableTemplate } from '../template/formats';
import type { RowTemplate, TableTemplate } from '../template/types';
import { lineStartOf } from './sections';
import { edit, finding, fix, t } from './util';

export const missingRow: Rule = {
  id: 'missing-row',
  defaultSeverity: 'error',
  fixable: true,
  title: t('缺少表格行', 'Missing table row'),
  description: t('表格须包含格式规定的每一行，即使数字为 0。', 'A table has every row of the format, even when its numbers are 0.'),
  check(ctx) {
    const out: Finding[] = [];
    for (const table of ctx.model.tables) {
      const template = tableTemplate(ctx.model.format, table.id);
      if (!template || template.labelless) continue;
      const present = new Map(table.rows.map((r) => [r.key, r]));
      const equations = equationsForTable(table, template);
      for (const [i, row] of template.rows.entries()) {
        if (row.kind !== 'data' || present.has(row.key)) continue;
        // A group collapsed into one row (hongze's （六）其他处理) stands for its children: collapsed-row says so.
        if (row.parent && present.get(row.parent)?.cells.length) continue;
        const before = template.rows.slice(0, i).reverse().map((r) => present.get(r.key)).find((r) => r);
        const after = template.rows.slice(i + 1).map((r) => present.get(r.key)).find((r) => r);
        out.push(report(ctx, table, template, row, before, after, equations));
      }
    }
    return out;
  },
};

function report(ctx: RuleContext, table: TableNode, template: TableTemplate, row: RowTemplate, before: RowNode | undefined, after: RowNode | undefined, equations: Equation[]): Finding {
  const eol = ctx.model.eol;
  const layout = table.layout;
  const labelColumns = layout === 'markdown' && before ? markdownLabelColumns(ctx, before, template) : 1;
  // The numbers the table's sums imply for this row (0 where nothing does):
  // inserting the row then leaves every sum as it was.
  const values = template.columns.map((c) => impliedValue(equations, row.key, c.key) ?? 0);
  const lines = renderRow(layout, row.label, values.map(formatNumber), labelColumns);
  const implied = values.some((v) => v !== 0);
  const gap = layout === 'cell-per-line' ? eol : '';
  let offset: number;
  let text: string;
  if (before) {
    offset = ctx.index.lineEnds[ctx.index.lineOf(before.span.end)];
    text = eol + gap + lines.join(eol);
  } else {
    offset = lineStartOf(ctx.text, (after ?? table).span.start);
    text = lines.join(eol) + eol + gap;
  }
  const anchor = after?.label?.range ?? before?.label?.range ?? table.range;
  return finding(missingRow, anchor, t(`表格「${template.name}」缺少「${row.label}」行`, `Table “${template.name}” lacks the row “${row.label}”`), [
    fix(
      implied ? t(`插入「${row.label}」行（数字按合计推算：${values.join('、')}）`, `Insert the row “${row.label}” (numbers implied by the sums: ${values.join(', ')})`) : t(`插入「${row.label}」行（数字为 0）`, `Insert the row “${row.label}” (with zeros)`),
      [edit(ctx, { start: offset, end: offset }, text)],
      { preferred: true },
    ),
  ]);
}

function markdownLabelColumns(ctx: RuleContext, row: RowNode, template: TableTemplate): number {
  const line = ctx.index.lineText(ctx.index.lineOf(row.span.start)).trim();
  const cells = line.split('|').length - 2;
  return Math.max(1, cells - template.columns.length);
}
