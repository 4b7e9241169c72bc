// copied-text: the prose of sections 一 and 五 is not nearly the same as last
// year's report of the same agency (内容雷同, 国办公开办函〔2021〕30号（四）;
// report-format.md S-NOT-SAME, [C]). Numbers are masked before comparing, so
// last year's text with this year's numbers is still a copy.
// A cross-report rule: engine/cross/index.ts runs it on the reports' digests.

import type { CrossRule } from '../cross';
import { fileName, sharedShare } from '../cross/digest';
import type { Finding } from '../model';
import { finding, key, t } from './util';

/**
 * From this share of identical text on, the report is called a copy. Made
 * copies measure 1.00 (numbers changed), 0.80–0.86 (2–4 of 20–25 sentences
 * rewritten), 0.71 (6 rewritten); real consecutive years of one agency 0.38
 * (洪泽区 2023/2024), different agencies 0.01–0.05 (docs/rules/copied-text.md).
 */
export const COPY_THRESHOLD = 0.7;

export const copiedText: CrossRule = {
  id: 'copied-text',
  defaultSeverity: 'warning',
  fixable: false,
  title: t('与上年报告内容雷同', 'Copied from last year’s report'),
  description: t(
    '第一部分“总体情况”和第五部分“存在的主要问题及改进情况”的文字不应与同一机关上一年度报告基本相同（国办公开办函〔2021〕30号：内容雷同）。',
    'The prose of sections 一 and 五 should not be nearly the same as the same agency’s report for last year (国办公开办函〔2021〕30号: 内容雷同).',
  ),
  check: () => [], // needs last year's report: see cross()
  cross({ current, lastYear }) {
    if (!lastYear?.prose || !current.prose) return [];
    const share = sharedShare(current.prose, lastYear.prose);
    if (share < COPY_THRESHOLD) return [];
    const pct = Math.round(share * 100);
    const last = fileName(lastYear.file);
    return [
      finding(
        copiedText,
        key('prose'),
        current.prose.range,
        t(
          `第一、五部分的文字约 ${pct}% 与上年报告（${last}）相同（数字不计），内容雷同（国办公开办函〔2021〕30号）`,
          `About ${pct}% of the prose of sections 一 and 五 is the same as last year’s report (${last}), numbers aside: copied text (国办公开办函〔2021〕30号)`,
        ),
        [],
        [
          {
            range: lastYear.prose.range,
            file: lastYear.file,
            message: t(`上年报告 ${last}`, `Last year’s report ${last}`),
          },
        ],
      ) as Finding,
    ];
  },
};
