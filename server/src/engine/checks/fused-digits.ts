// fused-digits: a row whose numbers arrived as one run of digits (text that
// lost its cell separators), or with fewer numbers than columns and nothing
// to say where the blanks were (a web table's empty cells vanish in its text). Split by the sums when exactly one reading is
// left (said once per table, as information: the published text should be
// fixed); otherwise the row is not read and this says why, quoting the run.

import type { CheckFinding } from '../model';
import type { Rule } from '../rule';
import { finding, key, rowName, t } from './util';
import { tableTemplate } from '../template/formats';
import type { TableId } from '../template/types';

export const fusedDigits: Rule = {
  id: 'fused-digits',
  defaultSeverity: 'warning',
  fixable: false,
  title: t('数字粘连', 'Fused digits'),
  description: t(
    '表格各单元格的数字连在一起、没有分隔（如网页抓取的文字“…申请数量801000081”），或空白单元格在文字中消失、剩下的数字不知属于哪一列。能由合计关系唯一确定时按该读法检查（拆分的另作提示）；否则该行不检查。',
    'The numbers of a table row run together with no separators (e.g. crawled web text “…申请数量801000081”), or empty cells vanished from the text and the remaining numbers cannot be placed. Read by the sums when exactly one reading remains (a split is noted); otherwise the row is not checked.',
  ),
  check(ctx) {
    const out: CheckFinding[] = [];
    const splitByTable = new Map<TableId, typeof ctx.model.fusedRuns>();
    for (const run of ctx.model.fusedRuns) {
      const template = tableTemplate(ctx.model.format, run.table);
      const row = template ? rowName(template, run.row) : run.row;
      if (run.kind === 'short') {
        if (run.state === 'split') continue; // placed by the sums; blank-cell reports the blanks
        out.push(
          finding(
            fusedDigits,
            key(run.table, run.row),
            run.range,
            t(
              `「${row}」行只有部分数字（“${run.run}”），单元格之间没有分隔，无法确定各数字属于哪一列${run.state === 'impossible' ? '（任何列位置都不能使本行合计成立）' : ''}；该行未检查`,
              `Row “${row}” has fewer numbers (“${run.run}”) than columns and no cell separators, so which column each belongs to cannot be told${run.state === 'impossible' ? ' (no placement makes the row’s sum hold)' : ''}; the row was not checked`,
            ),
          ),
        );
        continue;
      }
      if (run.state === 'split') {
        splitByTable.set(run.table, [...(splitByTable.get(run.table) ?? []), run]);
        continue;
      }
      const noSums = (template?.sums.length ?? 0) === 0;
      const why =
        noSums && run.state === 'ambiguous'
          ? t('该表没有合计关系可据以拆分', 'the table has no sums to choose a split')
          : run.state === 'impossible'
            ? t('没有一种拆分能使本行合计成立', 'no split makes the row’s sum hold')
            : run.state === 'ambiguous'
              ? t('有多种拆分都符合合计关系', 'several splits satisfy the sums')
              : t('可能的拆分过多', 'too many possible splits');
      out.push(
        finding(
          fusedDigits,
          key(run.table, run.row),
          run.range,
          t(
            `「${row}」行的数字“${run.run}”粘连在一起，无法唯一拆分（${why.zh}）；该行未检查，请在各单元格之间加分隔`,
            `The numbers of row “${row}” run together as “${run.run}” and cannot be split unambiguously (${why.en}); the row was not checked: separate the cells`,
          ),
        ),
      );
    }
    for (const [table, runs] of splitByTable) {
      const first = runs[0];
      if (!first) continue;
      out.push(
        finding(
          fusedDigits,
          key(table, 'split'),
          first.range,
          t(
            `表格「${tableTemplate(ctx.model.format, table)?.name ?? table}」有 ${runs.length} 行数字粘连在一起，已按合计关系唯一拆分后检查；发布的文字应在各单元格之间加分隔`,
            `${runs.length} rows of table “${table}” have their numbers run together; each was split by the sums (one reading only) and checked: the published text should separate the cells`,
          ),
          [],
          [],
          'info',
        ),
      );
    }
    return out;
  },
};
