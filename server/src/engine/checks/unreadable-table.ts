// unreadable-table: numbers under a section whose table could not be
// recognised. Said once, instead of dozens of bogus arithmetic findings.

import { sectionTemplate } from '../template/formats';
import type { Rule } from '../rule';
import { finding, key, t } from './util';

export const unreadableTable: Rule = {
  id: 'unreadable-table',
  defaultSeverity: 'error',
  fixable: false,
  title: t('无法识别表格', 'Table not recognised'),
  description: t(
    '某部分有成行的数字，但认不出格式中的表格行，因此不检查其中的合计；请核对行名是否与格式一致。',
    'A section has rows of numbers but none match the format’s rows, so its sums are not checked; check the row labels.',
  ),
  check(ctx) {
    return ctx.model.unreadableTables.map((u) =>
      finding(
        unreadableTable,
        u.table ? key(u.section, u.table) : key(u.section),
        u.range,
        t(
          `无法识别第${sectionTemplate(ctx.template, u.section).numeral}部分的表格：${u.reason.zh}；该表的合计未检查`,
          `Cannot read the table of section ${u.section}: ${u.reason.en}; its sums were not checked`,
        ),
      ),
    );
  },
};
