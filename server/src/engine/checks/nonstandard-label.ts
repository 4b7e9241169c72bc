// nonstandard-label: a heading or row label that differs from the official
// text. Known variants and typos get a safe fix; a label recognised only
// by its likeness (edit distance) or a heading only by its numeral does not.

import type { CheckFinding, LabelNode, ProposedFix } from '../model';
import { sectionTemplate } from '../template/formats';
import type { Rule, RuleContext } from '../rule';
import { normalizedText } from '../text';
import { finding, fix, key, t, tablesWithTemplates } from './util';

export const nonstandardLabel: Rule = {
  id: 'nonstandard-label',
  defaultSeverity: 'warning',
  fixable: true,
  title: t('标题或行名不规范', 'Nonstandard heading or label'),
  description: t(
    '部分标题和表格行名应与格式的官方文字一致（空格、全半角括号不计）。常见的标题措辞变体只作提示；行名错字（如“只计这一情况”“三类内容事务信息”）为警告。',
    'Headings and row labels match the official text (spaces and bracket widths aside). Common heading variants are hints; label typos are warnings.',
  ),
  check(ctx) {
    const out: CheckFinding[] = [];
    for (const s of ctx.model.sections) {
      // A repeated heading is duplicate-section's finding; its wording is judged once.
      if (s.headingMatch === 'exact' || ctx.model.sections.find((x) => x.id === s.id) !== s) continue;
      const official = sectionTemplate(ctx.template, s.id).title;
      const known = s.headingMatch === 'variant';
      const f = labelFix(ctx, s.heading, official, known);
      out.push(
        finding(
          nonstandardLabel,
          key(s.id),
          s.heading.range,
          known
            ? t(`部分标题与格式措辞不同，格式为「${official}」`, `The heading differs from the format’s wording “${official}”`)
            : t(`无法确认的部分标题，格式为「${official}」`, `Unrecognised heading wording; the format has “${official}”`),
          f ? [f] : [],
          [],
          known ? 'hint' : 'warning',
        ),
      );
    }
    for (const { table, template } of tablesWithTemplates(ctx)) {
      for (const row of table.rows) {
        if (!row.label || row.labelMatch === 'exact' || row.labelMatch === 'none') continue;
        const official = template.rows.find((r) => r.key === row.key)?.label;
        if (!official) continue;
        const f = labelFix(ctx, row.label, official, row.labelMatch === 'variant');
        out.push(
          finding(
            nonstandardLabel,
            key(table.id, row.key),
            row.label.range,
            t(`行名与格式不一致，应为「${official}」`, `The row label should read “${official}”`),
            f ? [f] : [],
          ),
        );
      }
    }
    return out;
  },
};

/** A fix putting the official wording in place, when the written label differs from it beyond spacing and bracket widths. */
function labelFix(ctx: RuleContext, label: LabelNode, official: string, safe: boolean): ProposedFix | undefined {
  if (normalizedText(ctx.model.text, label.span.start, label.span.end) === normalizedText(official)) return undefined;
  return fix(t(`改为「${official}」`, `Change to “${official}”`), [{ kind: 'relabel', label, official }], { safe, preferred: true });
}
