// government-accountability: a people's government's own report states its
// 工作考核、社会评议和责任追究结果情况 (条例第五十条第（四）项; 30号 places
// it under 总体情况 › 监督保障). Issuer read from the title. report-format.md S-GOV-EXTRA.

import type { Rule } from '../rule';
import { ACCOUNTABILITY_ITEMS } from '../template/phrases';
import { issuerType, prose } from './prose';
import { finding, key, t } from './util';

export const governmentAccountability: Rule = {
  id: 'government-accountability',
  defaultSeverity: 'warning',
  fixable: false,
  title: t('未报告考核、评议和责任追究结果', 'No assessment, review and accountability results'),
  description: t(
    '各级人民政府的年度报告应报告政府信息公开工作考核、社会评议和责任追究结果情况（《条例》第五十条第（四）项）。',
    'A people’s government’s report states the results of work assessment, public review and accountability (条例 Art. 50(4)).',
  ),
  check(ctx) {
    if (issuerType(ctx.model) !== 'government') return [];
    const one = ctx.model.sections.find((s) => s.id === 1);
    if (!one) return [];
    const text = prose(ctx).text;
    const missing = ACCOUNTABILITY_ITEMS.filter((item) => !item.words.some((w) => text.includes(w)));
    if (missing.length === 0) return [];
    const at = one.subHeadings.find((h) => h.text.includes('监督保障')) ?? one.heading;
    const names = missing.map((m) => m.name).join('、');
    return [
      finding(
        governmentAccountability,
        key(1, missing.map((m) => m.id).join('+')),
        at.range,
        t(
          `人民政府年度报告应报告${names}结果情况（《条例》第五十条第（四）项），报告中未见`,
          `A people’s government’s report states the results of “${names}” (Article 50(4) of the Regulations on Open Government Information); none found`,
        ),
      ),
    ];
  },
};
