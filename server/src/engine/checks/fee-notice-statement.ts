// fee-notice-statement: when （六）2 (applicant did not pay after a fee
// notice) is above 0, fee notices were issued, so section 六 describes the
// fees. My reading, not a requirement: info. report-format.md S-FEE-LINK.

import type { Rule } from '../rule';
import { FEE_NOTICE_WORDS } from '../template/phrases';
import { sectionProse } from './prose';
import { finding, key, t } from './util';

export const feeNoticeStatement: Rule = {
  id: 'fee-notice-statement',
  defaultSeverity: 'info',
  fixable: false,
  title: t('未说明收费通知情况', 'Fee notices not described'),
  description: t(
    '第三部分“（六）2.申请人逾期未按收费通知要求缴纳费用”大于 0 时，说明发出过收费通知，第六部分宜说明收费情况。',
    'When row （六）2 (did not pay after a fee notice) is above 0, fee notices were sent; section 六 should describe them.',
  ),
  check(ctx) {
    const cell = ctx.model.tables
      .find((tb) => tb.id === 'S3')
      ?.rows.find((r) => r.key === 'R3_6_2')
      ?.cells.find((c) => c.column === 'TOT');
    if (!cell || cell.value.kind !== 'number' || cell.value.value <= 0) return [];
    const six = ctx.model.sections.find((s) => s.id === 6);
    if (six && FEE_NOTICE_WORDS.some((w) => sectionProse(ctx, six).text.includes(w))) return [];
    const n = cell.value.value;
    return [
      finding(
        feeNoticeStatement,
        key('S3', 'R3_6_2', 'TOT'),
        cell.range,
        t(
          `有 ${n} 件申请因逾期未缴费不再处理，说明发出过收费通知；第六部分宜说明收费通知及收费情况`,
          `${n} application(s) lapsed for an unpaid fee, so fee notices were sent; section 6 should describe them`,
        ),
        [],
        six ? [{ range: six.heading.range, message: t('第六部分', 'Section 6') }] : [],
      ),
    ];
  },
};
