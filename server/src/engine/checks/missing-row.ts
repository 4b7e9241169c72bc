// missing-row: every data row of a recognised table is there.

import { equationsForTable, evaluateEquation, impliedValue, type Equation } from '../arithmetic';
import type { CellNode, CheckFinding, ProposedFix, RowNode, TableNode } from '../model';
import { presentNeighbours } from '../rows';
import type { Rule } from '../rule';
import { tableTemplate } from '../template/formats';
import type { RowKey, RowTemplate, TableTemplate } from '../template/types';
import { finding, fix, key, t } from './util';

export const missingRow: Rule = {
  id: 'missing-row',
  defaultSeverity: 'error',
  fixable: true,
  verifyFixes: true,
  title: t('缺少表格行', 'Missing table row'),
  description: t('表格须包含格式规定的每一行，即使数字为 0。', 'A table has every row of the format, even when its numbers are 0.'),
  check(ctx) {
    const out: CheckFinding[] = [];
    for (const table of ctx.model.tables) {
      const template = tableTemplate(ctx.model.format, table.id);
      if (!template || template.labelless) continue;
      const present = new Map(table.rows.map((r) => [r.key, r]));
      for (const [i, row] of template.rows.entries()) {
        if (row.kind !== 'data' || present.has(row.key)) continue;
        // A group collapsed into one row (hongze's （六）其他处理) stands for its children: collapsed-row says so.
        if (row.parent && present.get(row.parent)?.cells.length) continue;
        const { before, after } = presentNeighbours(table, template, i);
        out.push(report(table, template, row, before, after, ctx.sums(table, template).equations));
      }
    }
    return out;
  },
};

function report(
  table: TableNode,
  template: TableTemplate,
  row: RowTemplate,
  before: RowNode | undefined,
  after: RowNode | undefined,
  equations: Equation[],
): CheckFinding {
  // The numbers the table's sums imply for this row (else zeros), provided
  // the row with them breaks no sum: inserting it then adds no error.
  const implied = template.columns.map((c) => impliedValue(equations, row.key, c.key) ?? 0);
  const zeros = template.columns.map(() => 0);
  const values = [implied, zeros].find((v) => consistent(table, template, row.key, v));
  const fixes: ProposedFix[] = [];
  if (values) {
    const title = values.some((v) => v !== 0)
      ? t(
          `插入「${row.label}」行（数字按合计推算：${values.join('、')}）`,
          `Insert the row “${row.label}” (numbers implied by the sums: ${values.join(', ')})`,
        )
      : t(`插入「${row.label}」行（数字为 0）`, `Insert the row “${row.label}” (with zeros)`);
    fixes.push(fix(title, [{ kind: 'insert-row', table, row: row.key, values }], { preferred: true }));
  }
  const anchor = after?.label?.range ?? before?.label?.range ?? table.range;
  return finding(
    missingRow,
    key(table.id, row.key),
    anchor,
    t(`表格「${template.name}」缺少「${row.label}」行`, `Table “${template.name}” lacks the row “${row.label}”`),
    fixes,
  );
}

/** Whether the table, with this row added holding `values`, has no broken sum it did not have before. */
function consistent(table: TableNode, template: TableTemplate, key: RowKey, values: number[]): boolean {
  const span = { start: table.span.end, end: table.span.end };
  // `values` holds one number per column (report builds it from template.columns).
  const cells: CellNode[] = template.columns.map((c, i) => ({
    column: c.key,
    raw: String(values[i] ?? 0),
    span,
    range: table.range,
    value: { kind: 'number', value: values[i] ?? 0, fullWidth: false },
    present: true,
  }));
  const virtual: RowNode = { table: table.id, key, label: undefined, labelMatch: 'none', cells, isGroup: false, span, range: table.range };
  const id = (e: Equation) => `${e.kind}|${e.row ?? ''}|${e.column}`;
  const before = new Map(equationsForTable(table, template).map((e) => [id(e), evaluateEquation(e)]));
  for (const e of equationsForTable({ ...table, rows: [...table.rows, virtual] }, template)) {
    const r = evaluateEquation(e);
    const was = before.get(id(e));
    if (!r.holds && !(was && !was.holds)) return false;
  }
  return true;
}
