// late-report: the printed date is within the deadline of 条例第四十九条:
// 1月31日 for a department's report, 3月31日 for a people's government's
// own report (the issuer read from the title). report-format.md S-DEADLINE.

import type { Rule } from '../rule';
import { issuerType, signatureDate } from './prose';
import { finding, key, t } from './util';

export const lateReport: Rule = {
  id: 'late-report',
  defaultSeverity: 'warning',
  fixable: false,
  title: t('落款日期晚于法定期限', 'Dated after the deadline'),
  description: t(
    '《条例》第四十九条：县级以上人民政府部门于每年1月31日前公布本部门上一年度报告；本级人民政府的年度报告于3月31日前公布。',
    '条例 Article 49: departments publish last year’s report by 31 January; a people’s government’s own report is published by 31 March.',
  ),
  check(ctx) {
    const year = ctx.model.year;
    const date = signatureDate(ctx.model.text);
    if (year === undefined || !date || date.year <= year) return [];
    const issuer = issuerType(ctx.model);
    const deadline = issuer === 'department' ? 1 : 3; // unknown issuer: only what is late for both
    if (date.year === year + 1 && (date.month < deadline || (date.month === deadline && date.day <= 31))) return [];
    const who =
      issuer === 'government'
        ? t('人民政府年度报告', 'a people’s government’s report')
        : issuer === 'department'
          ? t('部门年度报告', 'a department’s report')
          : t('年度报告', 'a report');
    return [
      finding(
        lateReport,
        key('date'),
        ctx.rangeOf(date.span),
        t(
          `落款日期 ${date.year}年${date.month}月${date.day}日 晚于${who.zh}的公布期限 ${year + 1}年${deadline}月31日（《条例》第四十九条）`,
          `The printed date ${date.year}-${date.month}-${date.day} is after the deadline for ${who.en}, ${year + 1}-0${deadline}-31 (Article 49 of the Regulations on Open Government Information)`,
        ),
      ),
    ];
  },
};
