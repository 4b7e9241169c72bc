// carry-over-mismatch: this year's 二、上年结转 is last year's
// 四、结转下年度继续办理, column by column (report-format.md T3-CARRY, [I],
// informational); and, as a hint, 现行有效件数 of section 二 is last year's
// plus this year's 制发 minus 废止 (T2-CARRY: clean-ups break it, so a hint).
// A cross-report rule: engine/cross/index.ts runs it on the reports' digests.

import type { CrossRule } from '../cross';
import { fileName, type DigestCell } from '../cross/digest';
import type { Finding, Fix, RelatedLocation } from '../model';
import { formatNumber } from '../parse/values';
import { tableTemplate } from '../template/formats';
import { cellName, finding, key, t } from './util';

const n = (c: DigestCell) => (c.value === null ? 0 : (c.value as number));
const readable = (c: DigestCell | undefined): c is DigestCell => c !== undefined && c.value !== undefined;

export const carryOverMismatch: CrossRule = {
  id: 'carry-over-mismatch',
  defaultSeverity: 'info',
  fixable: true,
  title: t('上年结转与上年报告不一致', 'Carried over ≠ last year’s report'),
  description: t(
    '本年“二、上年结转政府信息公开申请数量”应等于同一机关上一年度报告的“四、结转下年度继续办理”（逐列）；第二部分“现行有效件数”应等于上年现行有效件数加本年制发、减本年废止（提示）。',
    'This year’s 二、上年结转 equals the same agency’s last-year 四、结转下年度继续办理, column by column; section 二’s 现行有效件数 equals last year’s plus this year’s 制发 minus 废止 (a hint).',
  ),
  check: () => [], // needs last year's report: see cross()
  cross({ current, lastYear }) {
    if (!lastYear) return [];
    const out: Finding[] = [];
    const last = fileName(lastYear.file);
    const s3 = tableTemplate(current.format, 'S3');
    const lastYearNo = lastYear.identity?.year;
    for (const cell of current.carriedIn ?? []) {
      const before = lastYear.carriedOut?.find((c) => c.column === cell.column);
      if (!readable(cell) || !readable(before)) continue;
      if (cell.value === null && before.value === null) continue;
      if (n(cell) === n(before)) continue;
      const name = s3 ? cellName(s3, 'R2', cell.column) : t(cell.column, cell.column);
      const col = s3?.columns.find((c) => c.key === cell.column)?.label ?? cell.column;
      const want = formatNumber(n(before));
      const fixes: Fix[] = cell.present
        ? [
            {
              title: t(`改为上年结转下年度的 ${want}`, `Set to last year’s carried-forward ${want}`),
              intents: [{ kind: 'replace', span: { start: cell.start, end: cell.end }, text: want }],
              edits: [{ range: cell.range, newText: want }],
              safe: false,
              preferred: true,
            },
          ]
        : [];
      const related: RelatedLocation[] = [
        {
          range: before.range,
          file: lastYear.file,
          message: t(
            `上年报告 ${last}（${lastYearNo ?? ''}年度）「四、结转下年度继续办理」「${col}」= ${want}`,
            `Last year’s report ${last} (${lastYearNo ?? ''}): 四、结转下年度继续办理, ${col} = ${want}`,
          ),
        },
      ];
      out.push(
        finding(
          carryOverMismatch,
          key('S3', 'R2', cell.column),
          cell.range,
          t(
            `${name.zh}为 ${cell.value === null ? '空白' : formatNumber(n(cell))}，上年报告（${last}）「四、结转下年度继续办理」为 ${want}，两者应相等`,
            `${name.en} is ${cell.value === null ? 'blank' : formatNumber(n(cell))}; last year’s report (${last}) carried ${want} forward (四、结转下年度继续办理); they should be equal`,
          ),
          fixes,
          related,
        ) as Finding,
      );
    }
    // 现行有效件数 = last year's + 制发 − 废止 (a hint: a clean-up, 清理, changes it legitimately).
    const s2 = tableTemplate(current.format, 'S2_一');
    for (const row of ['GZ', 'GF']) {
      const now = current.rules?.[row];
      const then = lastYear.rules?.[row];
      const issued = now?.find((c) => c.column === 'ZF');
      const repealed = now?.find((c) => c.column === 'FZ');
      const inForce = now?.find((c) => c.column === 'XX');
      const before = then?.find((c) => c.column === 'XX');
      if (!readable(issued) || !readable(repealed) || !readable(inForce) || !readable(before) || before.value === null) continue;
      const expected = n(before) + n(issued) - n(repealed);
      if (expected === n(inForce) || expected < 0) continue;
      const label = s2?.rows.find((r) => r.key === row)?.label ?? row;
      out.push(
        finding(
          carryOverMismatch,
          key('S2_一', row, 'XX'),
          inForce.range,
          t(
            `「${label}」现行有效件数为 ${formatNumber(n(inForce))}；按上年报告（${last}）的 ${formatNumber(n(before))} 件加本年制发 ${formatNumber(n(issued))}、减本年废止 ${formatNumber(n(repealed))}，应为 ${formatNumber(expected)}（如经清理调整，可在报告中说明）`,
            `${label}: ${formatNumber(n(inForce))} in force; last year’s report (${last}) had ${formatNumber(n(before))}, plus ${formatNumber(n(issued))} issued, minus ${formatNumber(n(repealed))} repealed, gives ${formatNumber(expected)} (a clean-up may explain it; say so in the report)`,
          ),
          [],
          [
            {
              range: before.range,
              file: lastYear.file,
              message: t(
                `上年报告 ${last}「${label}」现行有效件数 = ${formatNumber(n(before))}`,
                `Last year’s report ${last}: ${label} in force = ${formatNumber(n(before))}`,
              ),
            },
          ],
          'hint',
        ) as Finding,
      );
    }
    return out;
  },
};
