// year-mismatch: the year a report is for (its title) is the year of the
// statistics period, of the section-六 fee statement, and the year before
// the printed date (成文日期 falls in the next year). report-format.md S-YEAR.

import type { CheckFinding } from '../model';
import type { Rule } from '../rule';
import { prose, sectionProse, sentenceAt, signatureDate, spanOf } from './prose';
import { statisticsPeriod } from './missing-period-statement';
import { finding, key, t } from './util';

export const yearMismatch: Rule = {
  id: 'year-mismatch',
  defaultSeverity: 'warning',
  fixable: false,
  title: t('年份不一致', 'Years disagree'),
  description: t(
    '标题的年份、统计期限、第六部分信息处理费情况所述年份应为同一年度，落款日期应在下一年。',
    'The title’s year, the statistics period and the year of the section-六 fee statement agree; the printed date falls in the next year.',
  ),
  check(ctx) {
    const year = ctx.model.year;
    if (year === undefined) return [];
    const out: CheckFinding[] = [];
    const p = prose(ctx);
    const period = statisticsPeriod(p);
    const y = period?.years.find((x) => x.year !== year); // one finding for the sentence
    if (y) {
      out.push(
        finding(
          yearMismatch,
          key('period', y.at),
          ctx.rangeOf(spanOf(p, y.at, y.at + y.length)),
          t(
            `统计期限写的是 ${y.year} 年，标题为 ${year} 年度报告`,
            `The statistics period names ${y.year}; the title says the report is for ${year}`,
          ),
        ),
      );
    }
    const six = ctx.model.sections.find((s) => s.id === 6);
    if (six) {
      const { text, start } = sectionProse(ctx, six);
      for (let at = text.indexOf('处理费'); at >= 0; at = text.indexOf('处理费', at + 1)) {
        const s = sentenceAt(p, start + at);
        const sentence = p.text.slice(s.start, s.end);
        // A year with a month is a date (…自2021年1月1日起施行), not the year the statement is for.
        const years = [...sentence.matchAll(/((?:19|20)\d{2})年(?!\d{1,2}月)/g)];
        const m = years[0];
        if (!m || years.some((y) => Number(y[1]) === year)) continue;
        const named = m[1] ?? ''; // (the group is not optional)
        const from = s.start + (m.index ?? 0);
        out.push(
          finding(
            yearMismatch,
            key('fee', named),
            ctx.rangeOf(spanOf(p, from, from + 4)),
            t(
              `第六部分信息处理费情况写的是 ${named} 年，标题为 ${year} 年度报告`,
              `The section-6 fee statement names ${named}; the report is for ${year}`,
            ),
          ),
        );
      }
    }
    const date = signatureDate(ctx.model.text);
    if (date && date.year <= year) {
      out.push(
        finding(
          yearMismatch,
          key('date'),
          ctx.rangeOf(date.span),
          t(
            `落款日期 ${date.year}年${date.month}月${date.day}日 不晚于报告年度 ${year} 年末；年度报告应在 ${year + 1} 年成文`,
            `The printed date ${date.year}-${date.month}-${date.day} is not after the end of ${year}; a report for ${year} is dated in ${year + 1}`,
          ),
        ),
      );
    }
    return out;
  },
};
