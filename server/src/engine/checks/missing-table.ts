// missing-table: sections 二, 三 and 四 carry their statistical tables.

import type { Finding } from '../model';
import { renderTable } from '../render';
import type { Rule, RuleContext } from '../rule';
import { insertionText, lineStartOf } from './sections';
import { edit, finding, fix, key, t } from './util';

export const missingTable: Rule = {
  id: 'missing-table',
  defaultSeverity: 'error',
  fixable: true,
  verifyFixes: true,
  title: t('缺少表格', 'Missing table'),
  description: t(
    '第二部分有四张统计表（2019 年格式为五张），第三、第四部分各有一张。',
    'Section 二 has four tables (five in the 2019 format); sections 三 and 四 one each.',
  ),
  check(ctx) {
    const out: Finding[] = [];
    for (const sectionTemplate of ctx.template.sections) {
      const id = sectionTemplate.id;
      const wanted = ctx.template.tables.filter((tb) => tb.section === id);
      const present = wanted.map((w) => ctx.model.tables.find((tb) => tb.id === w.id));
      const section = ctx.model.sections.find((s) => s.id === id);
      // An absent section is missing-section's to report — unless some of its
      // tables stand without their heading: then the others are missing too.
      if (!section && !present.some((tb) => tb)) continue;
      if (ctx.model.unreadableTables.some((u) => u.section === id)) continue; // said once already
      for (const [i, table] of wanted.entries()) {
        if (present[i]) continue;
        // Goes before the next table of this section that is present, else after the last one, else at the section's end.
        const next = present.slice(i + 1).find((tb) => tb);
        const previous = present
          .slice(0, i)
          .reverse()
          .find((tb) => tb);
        const offset = next
          ? lineStartOf(ctx.text, next.span.start)
          : previous
            ? lineEndAfter(ctx, previous.span.end)
            : (section?.span.end ?? ctx.text.length);
        const lines = renderTable(ctx.model.preferredLayout, table);
        const anchor = section?.heading.range ?? (next ?? previous)?.range ?? ctx.index.rangeOf({ start: offset, end: offset });
        out.push(
          finding(
            missingTable,
            key(table.id),
            anchor,
            t(`第${sectionTemplate.numeral}部分缺少表格「${table.name}」`, `Section ${id} lacks the table “${table.name}”`),
            [
              fix(
                t(`插入表格「${table.name}」`, `Insert the table “${table.name}”`),
                [edit(ctx, { start: offset, end: offset }, insertionText(ctx, offset, lines))],
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

/** Start of the line after the one holding `offset`. */
function lineEndAfter(ctx: RuleContext, offset: number): number {
  const line = ctx.index.lineOf(Math.max(0, offset - 1));
  return line + 1 < ctx.index.lineCount ? ctx.index.lineStarts[line + 1] : ctx.text.length;
}
