// missing-table: sections 二, 三 and 四 carry their statistical tables.

import type { CheckFinding } from '../model';
import type { Rule } from '../rule';
import { finding, fix, key, t } from './util';

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
    const out: CheckFinding[] = [];
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
        // The writer puts it before the next table of this section that is present, else after the last one, else at the section's end.
        const next = present.slice(i + 1).find((tb) => tb);
        const previous = present
          .slice(0, i)
          .reverse()
          .find((tb) => tb);
        const end = section?.span.end ?? ctx.model.text.length;
        const anchor = section?.heading.range ?? (next ?? previous)?.range ?? ctx.rangeOf({ start: end, end });
        out.push(
          finding(
            missingTable,
            key(table.id),
            anchor,
            t(`第${sectionTemplate.numeral}部分缺少表格「${table.name}」`, `Section ${id} lacks the table “${table.name}”`),
            [
              fix(t(`插入表格「${table.name}」`, `Insert the table “${table.name}”`), [{ kind: 'insert-table', table: table.id }], {
                preferred: true,
              }),
            ],
          ),
        );
      }
    }
    return out;
  },
};
