// missing-table: sections 二, 三 and 四 carry their statistical tables.

import type { Finding } from '../model';
import { renderTable } from '../render';
import type { Rule } from '../rule';
import { insertionText, lineStartOf } from './sections';
import { edit, finding, fix, t } from './util';

export const missingTable: Rule = {
  id: 'missing-table',
  defaultSeverity: 'error',
  fixable: true,
  title: t('缺少表格', 'Missing table'),
  description: t('第二部分有四张统计表（2019 年格式为五张），第三、第四部分各有一张。', 'Section 二 has four tables (five in the 2019 format); sections 三 and 四 one each.'),
  check(ctx) {
    const out: Finding[] = [];
    for (const section of ctx.model.sections) {
      if (ctx.model.sections.find((s) => s.id === section.id) !== section) continue; // a duplicate
      if (ctx.model.unreadableTables.some((u) => u.section === section.id)) continue; // said once already
      const wanted = ctx.template.tables.filter((tb) => tb.section === section.id);
      for (const [i, table] of wanted.entries()) {
        if (ctx.model.tables.some((tb) => tb.id === table.id)) continue;
        // Goes before the next table of this section that is present, else at the section's end.
        const next = wanted.slice(i + 1).map((w) => ctx.model.tables.find((tb) => tb.id === w.id)).find((tb) => tb);
        const offset = next ? lineStartOf(ctx.text, next.span.start) : section.span.end;
        const lines = renderTable(ctx.model.preferredLayout, table);
        out.push(
          finding(missingTable, section.heading.range, t(`第${ctx.template.sections[section.id - 1].numeral}部分缺少表格「${table.name}」`, `Section ${section.id} lacks the table “${table.name}”`), [
            fix(t(`插入表格「${table.name}」`, `Insert the table “${table.name}”`), [edit(ctx, { start: offset, end: offset }, insertionText(ctx, offset, lines))], { preferred: true }),
          ]),
        );
      }
    }
    return out;
  },
};
