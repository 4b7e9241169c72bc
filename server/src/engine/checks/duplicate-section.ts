// duplicate-section: a section heading that appears twice.

import type { Finding } from '../model';
import type { Rule } from '../rule';
import { finding, t } from './util';

export const duplicateSection: Rule = {
  id: 'duplicate-section',
  defaultSeverity: 'warning',
  fixable: false,
  title: t('部分重复', 'Duplicate section'),
  description: t('同一部分的标题出现了两次；请合并两处内容（无法自动判断保留哪一处）。', 'The same section heading appears twice; merge the two (which to keep cannot be decided automatically).'),
  check(ctx) {
    const out: Finding[] = [];
    const seen = new Map<number, number>();
    for (const s of ctx.model.sections) {
      const first = seen.get(s.id);
      if (first === undefined) {
        seen.set(s.id, s.range.start.line);
        continue;
      }
      out.push(
        finding(duplicateSection, s.heading.range, t(`第${ctx.template.sections[s.id - 1].numeral}部分重复出现（第一次在第 ${first + 1} 行）`, `Section ${s.id} appears again (first at line ${first + 1})`), [], [
          { range: ctx.index.rangeOf({ start: ctx.index.lineStarts[first], end: ctx.index.lineEnds[first] }), message: t('第一次出现', 'first occurrence') },
        ]),
      );
    }
    return out;
  },
};
