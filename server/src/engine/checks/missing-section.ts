// missing-section: all six sections, as 条例第五十条 requires ("不能遗漏").

import type { Finding } from '../model';
import { renderSection } from '../render';
import type { Rule } from '../rule';
import { insertionText, lineStartOf, sectionInsertionOffset } from './sections';
import { edit, finding, fix, key, t } from './util';

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
    const out: Finding[] = [];
    for (const section of ctx.template.sections) {
      if (ctx.model.sections.some((s) => s.id === section.id)) continue;
      // Its content may be there without a heading: then only the heading is missing, and it goes where the content starts.
      const headless = ctx.model.headlessSections.find((h) => h.id === section.id);
      if (headless) {
        const at = lineStartOf(ctx.text, headless.span.start);
        out.push(
          finding(
            missingSection,
            key(section.id),
            headless.range,
            t(
              `缺少第${section.numeral}部分的标题「${section.title}」；该部分的内容从此处开始`,
              `The heading “${section.title}” of section ${section.numeral} is missing; its content starts here`,
            ),
            [
              fix(
                t(`在此处插入标题「${section.title}」`, `Insert the heading “${section.title}” here`),
                [edit(ctx, { start: at, end: at }, section.title + ctx.model.eol + ctx.model.eol)],
                { preferred: true },
              ),
            ],
          ),
        );
        continue;
      }
      // Its table may be there without a heading: then only the heading is missing.
      const orphan = ctx.model.tables.find((tb) => tb.section === section.id);
      const offset = orphan ? lineStartOf(ctx.text, orphan.span.start) : sectionInsertionOffset(ctx, section.id);
      const lines = orphan ? [section.title] : renderSection(ctx.model.preferredLayout, section, ctx.model.format);
      const text = orphan ? section.title + ctx.model.eol : insertionText(ctx, offset, lines);
      const at = ctx.index.rangeOf({ start: offset, end: offset });
      const next = ctx.model.sections.find((s) => s.id > section.id);
      const range = orphan ? orphan.range : next ? next.heading.range : (ctx.model.title?.range ?? at);
      out.push(
        finding(
          missingSection,
          key(section.id),
          range,
          t(`缺少第${section.numeral}部分「${section.title}」`, `Section ${section.numeral} “${section.title}” is missing`),
          [
            fix(
              t(
                orphan ? `插入标题「${section.title}」` : `插入「${section.title}」${lines.length > 1 ? '及其表格' : ''}`,
                `Insert “${section.title}”`,
              ),
              [edit(ctx, { start: offset, end: offset }, text)],
              { preferred: true },
            ),
          ],
        ),
      );
    }
    return out;
  },
};
