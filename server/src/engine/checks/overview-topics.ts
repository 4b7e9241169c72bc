// overview-topics: section 一 covers 主动公开、依申请公开、政府信息管理、
// 政府信息公开平台建设、监督保障 (30号 “（一）总体情况”). Found by words
// (template/phrases.ts), so only an info per topic not found.

import type { CheckFinding } from '../model';
import type { Rule } from '../rule';
import { OVERVIEW_TOPICS } from '../template/phrases';
import { sectionProse } from './prose';
import { finding, key, t } from './util';

export const overviewTopics: Rule = {
  id: 'overview-topics',
  defaultSeverity: 'info',
  fixable: false,
  title: t('总体情况缺少方面', 'Overview topic not found'),
  description: t(
    '“一、总体情况”主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面（国办公开办函〔2021〕30号）。',
    'Section 一 covers proactive disclosure, applications, information management, platforms, and oversight (国办公开办函〔2021〕30号).',
  ),
  check(ctx) {
    const one = ctx.model.sections.find((s) => s.id === 1);
    if (!one) return [];
    const { text } = sectionProse(ctx, one);
    // Nothing written yet (a blank template's “（文字描述）”): nothing to judge.
    if (!hasHan(text, one.heading.normalized.length, 20)) return [];
    const out: CheckFinding[] = [];
    for (const topic of OVERVIEW_TOPICS) {
      if (topic.words.some((w) => text.includes(w))) continue;
      out.push(
        finding(
          overviewTopics,
          key(1, topic.id),
          one.heading.range,
          t(`“一、总体情况”中未见“${topic.name}”方面的内容`, `Section 1 (overview) says nothing about “${topic.name}”`),
        ),
      );
    }
    return out;
  },
};

/** Whether `text` from `from` on holds at least `n` Han characters (counted until there are enough). */
function hasHan(text: string, from: number, n: number): boolean {
  let count = 0;
  for (let i = from; i < text.length && count < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) count++;
  }
  return count >= n;
}
