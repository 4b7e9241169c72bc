// missing-section: all six sections, as 条例第五十条 requires ("不能遗漏").

import type { CheckFinding } from '../model';
import type { Rule } from '../rule';
import { finding, fix, key, t } from './util';

export const missingSection: Rule = {
  id: 'missing-section',
  defaultSeverity: 'error',
  fixable: true,
  verifyFixes: true,
  title: t('缺少部分', 'Missing section'),
  description: t(
    '报告须包含六个部分（一、总体情况……六、其他需要报告的事项），《条例》第五十条。',
    'A report has all six sections (条例 Article 50).',
  ),
  check(ctx) {
    const out: CheckFinding[] = [];
    for (const section of ctx.template.sections) {
      if (ctx.model.sections.some((s) => s.id === section.id)) continue;
      // Its content may be there without a heading: then only the heading is missing, and it goes where the content starts.
      const headless = ctx.model.headlessSections.find((h) => h.id === section.id);
      if (headless) {
        out.push(
          finding(
            missingSection,
            key(section.id),
            headless.range,
            t(
              `缺少第${section.numeral}部分的标题「${section.title}」；该部分的内容从此处开始`,
              `The heading “${section.title}” of section ${section.id} is missing; its content starts here`,
            ),
            [
              fix(
                t(`在此处插入标题「${section.title}」`, `Insert the heading “${section.title}” here`),
                [{ kind: 'insert-heading', section: section.id, at: headless.span, blankLineAfter: true }],
                { preferred: true },
              ),
            ],
          ),
        );
        continue;
      }
      // Its table may be there without a heading: then only the heading is missing.
      const orphan = ctx.model.tables.find((tb) => tb.section === section.id);
      const next = ctx.model.sections.find((s) => s.id > section.id);
      const end = ctx.model.text.length;
      const range = orphan ? orphan.range : next ? next.heading.range : (ctx.model.title?.range ?? ctx.rangeOf({ start: end, end }));
      const withTables = ctx.template.tables.some((tb) => tb.section === section.id);
      out.push(
        finding(
          missingSection,
          key(section.id),
          range,
          t(`缺少第${section.numeral}部分「${section.title}」`, `Section ${section.id} “${section.title}” is missing`),
          [
            fix(
              t(
                orphan ? `插入标题「${section.title}」` : `插入「${section.title}」${withTables ? '及其表格' : ''}`,
                `Insert “${section.title}”`,
              ),
              [
                orphan
                  ? { kind: 'insert-heading', section: section.id, at: orphan.span, blankLineAfter: false }
                  : { kind: 'insert-section', section: section.id },
              ],
              { preferred: true },
            ),
          ],
        ),
      );
    }
    return out;
  },
};
