// section-order: the six sections in order 一 → 六.

import type { CheckFinding } from '../model';
import { sectionTemplate } from '../template/formats';
import type { Rule } from '../rule';
import { finding, fix, key, t } from './util';

export const sectionOrder: Rule = {
  id: 'section-order',
  defaultSeverity: 'warning',
  fixable: true,
  verifyFixes: true,
  title: t('部分顺序有误', 'Sections out of order'),
  description: t('六个部分应按一至六的顺序排列。', 'The six sections come in order 一 to 六.'),
  check(ctx) {
    const out: CheckFinding[] = [];
    // Order is judged on each section's first occurrence; repeats are duplicate-section's.
    const sections = ctx.model.sections.filter((s, i, all) => all.findIndex((x) => x.id === s.id) === i);
    const duplicates = sections.length !== ctx.model.sections.length;
    for (const [i, s] of sections.entries()) {
      const later = sections.slice(0, i).find((p) => p.id > s.id);
      if (!later) continue;
      const numeral = sectionTemplate(ctx.template, s.id).numeral;
      const laterNumeral = sectionTemplate(ctx.template, later.id).numeral;
      const fixes = [];
      if (!duplicates) {
        // Move this section (heading to the next heading) to just before the first later-numbered one.
        fixes.push(
          fix(
            t(`将第${numeral}部分移到第${laterNumeral}部分之前`, `Move section ${s.id} before section ${later.id}`),
            [{ kind: 'move-section', section: s, before: later }],
            { preferred: true },
          ),
        );
      }
      out.push(
        finding(
          sectionOrder,
          key(s.id),
          s.heading.range,
          t(`第${numeral}部分应在第${laterNumeral}部分之前`, `Section ${s.id} should come before section ${later.id}`),
          fixes,
        ),
      );
    }
    return out;
  },
};
