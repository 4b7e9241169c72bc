// duplicate-section: a section heading that appears twice.

import type { CheckFinding, SectionNode } from '../model';
import type { SectionId } from '../template/types';
import { sectionTemplate } from '../template/formats';
import type { Rule } from '../rule';
import { finding, key, t } from './util';

export const duplicateSection: Rule = {
  id: 'duplicate-section',
  defaultSeverity: 'warning',
  fixable: false,
  title: t('部分重复', 'Duplicate section'),
  description: t(
    '同一部分的标题出现了两次；请合并两处内容（无法自动判断保留哪一处）。',
    'The same section heading appears twice; merge the two (which to keep cannot be decided automatically).',
  ),
  check(ctx) {
    // One finding per section, however often it repeats (a report pasted ten times is one problem, not ninety).
    const out: CheckFinding[] = [];
    const first = new Map<SectionId, SectionNode>();
    const repeats = new Map<SectionId, SectionNode[]>();
    for (const s of ctx.model.sections) {
      if (!first.has(s.id)) first.set(s.id, s);
      else repeats.set(s.id, [...(repeats.get(s.id) ?? []), s]);
    }
    for (const [id, again] of repeats) {
      const repeat = again[0];
      if (!repeat) continue; // (a repeat list is made with its first entry)
      const firstSection = first.get(id);
      const line = firstSection?.range.start.line ?? 0;
      const numeral = sectionTemplate(ctx.template, id).numeral;
      const times = again.length > 1 ? t(`（共重复 ${again.length} 次）`, ` (${again.length} repeats)`) : t('', '');
      out.push(
        finding(
          duplicateSection,
          key(id),
          repeat.heading.range,
          t(
            `第${numeral}部分重复出现${times.zh}，第一次在第 ${line + 1} 行`,
            `Section ${id} appears again${times.en}; first at line ${line + 1}`,
          ),
          [],
          [
            {
              range: ctx.rangeOf(ctx.lineSpanOf(firstSection?.span.start ?? 0)),
              message: t('第一次出现', 'first occurrence'),
            },
            ...again.slice(1, 20).map((s) => ({ range: s.heading.range, message: t('又一次出现', 'another occurrence') })),
          ],
        ),
      );
    }
    return out;
  },
};
