// missing-period-statement: the customary sentence giving the statistics
// period (自N年1月1日至N年12月31日). Practice (DB51/T 2660—2019 §2.1), not a
// confirmed requirement of 30号: a hint. report-format.md S-PERIOD.

import type { Rule } from '../rule';
import { prose, YEAR, readYear, type Prose } from './prose';
import { finding, key, t } from './util';

const RANGE = new RegExp(`${YEAR}年1月1日(?:起)?(?:至|到|—|-|~|～|－)(?:${YEAR}年)?12月31日`, 'g');
const WHOLE_YEAR = new RegExp(`统计(?:期限|期间|时间|时段|区间)[^。\\u0000]{0,6}?${YEAR}年(?:度|全年)`, 'g');

/** The statistics period the prose states, with where each of its years is written (prose offsets). */
export function statisticsPeriod(p: Prose): StatisticsPeriod | undefined {
  // Two rules ask; the search runs over the whole prose once per analysis.
  if (!PERIODS.has(p)) PERIODS.set(p, findPeriod(p));
  return PERIODS.get(p);
}

type StatisticsPeriod = { years: { year: number; at: number; length: number }[] };
const PERIODS = new WeakMap<Prose, StatisticsPeriod | undefined>();

function findPeriod(p: Prose): StatisticsPeriod | undefined {
  for (const re of [RANGE, WHOLE_YEAR]) {
    // A range names 1月1日 right after its first year (四位年份 + 年): start the scan there, not at the top of a megabyte.
    const anchor = re === RANGE ? p.text.indexOf('1月1日') : 0;
    if (anchor < 0) continue;
    re.lastIndex = Math.max(0, anchor - 5);
    const m = re.exec(p.text);
    if (!m) continue;
    const years: { year: number; at: number; length: number }[] = [];
    let from = 0;
    for (const written of m.slice(1)) {
      if (written === undefined) continue;
      const at = m[0].indexOf(written, from);
      from = at + written.length;
      const year = readYear(written);
      if (year !== undefined) years.push({ year, at: m.index + at, length: written.length });
    }
    return { years };
  }
  return undefined;
}

export const missingPeriodStatement: Rule = {
  id: 'missing-period-statement',
  defaultSeverity: 'hint',
  fixable: false,
  title: t('未说明统计期限', 'No statistics period stated'),
  description: t(
    '年度报告通常写明“本报告所列数据统计期限自N年1月1日至N年12月31日”。',
    'Reports usually state the statistics period: “本报告所列数据统计期限自N年1月1日至N年12月31日”.',
  ),
  check(ctx) {
    const { title, year } = ctx.model;
    // No year in the title (a blank template): not yet a report for a period.
    if (!title || year === undefined || statisticsPeriod(prose(ctx))) return [];
    return [
      finding(
        missingPeriodStatement,
        key('period'),
        title.range,
        t(
          `未见统计期限的说明，通常写作“本报告所列数据统计期限自${year}年1月1日至${year}年12月31日”`,
          `No statistics period is stated; reports usually write “本报告所列数据统计期限自${year}年1月1日至${year}年12月31日”`,
        ),
      ),
    ];
  },
};
