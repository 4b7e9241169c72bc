// fee-statement: section 六 states the 信息处理费 charged under
// 《政府信息公开信息处理费管理办法》, if only “未收取”. Practice in every
// corpus report; 30号's wording not retrieved: a warning. report-format.md S-FEE-STATEMENT.

import type { Rule } from '../rule';
import { FEE_WORDS } from '../template/phrases';
import { sectionProse } from './prose';
import { finding, key, t } from './util';

export const feeStatement: Rule = {
  id: 'fee-statement',
  defaultSeverity: 'warning',
  fixable: false,
  title: t('未说明信息处理费收取情况', 'No information-processing fee statement'),
  description: t(
    '第六部分应说明依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，未收取的也应写明。',
    'Section 六 states the information-processing fee charged under the 2020 fee measures, including “none charged”.',
  ),
  check(ctx) {
    const six = ctx.model.sections.find((s) => s.id === 6);
    if (!six) return [];
    const { text } = sectionProse(ctx, six);
    if (FEE_WORDS.some((w) => text.includes(w))) return [];
    return [
      finding(
        feeStatement,
        key(6),
        six.heading.range,
        t(
          '第六部分未说明信息处理费的收取情况（未收取的也应写明，如“本年度未收取信息处理费”）',
          'Section 6 does not state the information-processing fee charged (write “none charged” if so)',
        ),
      ),
    ];
  },
};
