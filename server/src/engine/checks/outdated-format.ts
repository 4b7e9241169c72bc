// outdated-format: a report for 2021 or later uses the tables of
// 国办公开办函〔2021〕30号, not the 2019 trial format (本年新制作数量,
// 第二十条第（九）项, a single （六）其他处理 row). report-format.md S-FORMAT-VER.

import type { Rule } from '../rule';
import { finding, key, t } from './util';

export const outdatedFormat: Rule = {
  id: 'outdated-format',
  defaultSeverity: 'warning',
  fixable: false,
  title: t('使用了旧版表格格式', 'Old table format'),
  description: t(
    '2021 年度起的年度报告应使用国办公开办函〔2021〕30号印发的《中华人民共和国政府信息公开工作年度报告格式》，而非 2019 年试行格式。',
    'Reports for 2021 on use the format of 国办公开办函〔2021〕30号, not the 2019 trial format.',
  ),
  check(ctx) {
    const { year, format, title } = ctx.model;
    if (year === undefined || year < 2021 || format !== '2019' || !title) return [];
    const evidence = ctx.model.formatEvidence.slice(0, 3).join('、');
    return [
      finding(
        outdatedFormat,
        key('format'),
        title.range,
        t(
          `${year} 年度报告应使用 2021 年格式（国办公开办函〔2021〕30号），本报告使用的是 2019 年试行格式的表格${evidence ? `（${evidence}）` : ''}`,
          `A report for ${year} uses the 2021 format (circular “国办公开办函〔2021〕30号”); this one uses the 2019 trial tables${evidence ? ` (“${evidence}”)` : ''}`,
        ),
      ),
    ];
  },
};
