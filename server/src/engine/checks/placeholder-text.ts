// placeholder-text: what a template or a new report leaves to be filled in —
// （待填写）, （机关名称）, 【…】 notes to the writer, and XX / ×× / 某某 in the
// title or the signature — still in the text. A hint: the report reads fine
// to the checker, but not to the public.

import type { CheckFinding, Span } from '../model';
import type { Rule, RuleContext } from '../rule';
import { finding, t } from './util';

/** A bracketed blank anywhere: （待填写）, (待补充), 【机关名称】, （请填写本机关全称）. */
const BLANK =
  /[（(【[]\s*(?:待填写|待填报|待补充|待完善|待定|此处填写[^）)】\]\n]{0,30}|请填写[^）)】\]\n]{0,30}|机关名称|单位名称|机关全称|单位全称|部门名称|年份)\s*[）)】\]]/g;
/** A note to the writer in 【】: 【此处简述…】, 【示例】, 【注：…】. Plain 【政策解读】 headings are not notes. */
const NOTE = /【[^】\n]{0,80}】/g;
const NOTE_WORDS = /填写|填报|此处|请|注[:：]|示例|模板|替换|删除本|说明[:：]|待/;
/** Stand-ins for a name or a date, looked for only in the title and the signature. */
const STAND_IN = /[XＸ]{2,}|×{2,}|某某/g;

/** A signature line: a date (2025年1月XX日), or a short name ending as an agency's does (…局, …人民政府办公室). */
const SIGNATURE_LINE =
  /^[^。，；：:,;]{0,8}(?:[\d〇零一二三四五六七八九十XＸ×]{2,4}\s*年[^。，；]{0,12}日|[^。，；：:,;]{1,30}(?:局|办|办公室|政府|委员会|委|院|厅|部|处|所|站|中心|公司|会|室|队))$/;

/** The signature: the last non-empty lines (at most three) after the last table that read as a name or a date. */
function signatureSpans(ctx: RuleContext): Span[] {
  const text = ctx.model.text;
  const after = Math.max(0, ...ctx.model.tables.map((table) => table.span.end));
  const spans: Span[] = [];
  let end = text.length;
  while (end > after && spans.length < 3) {
    const line = ctx.lineSpanOf(Math.max(after, end - 1));
    const body = text.slice(line.start, line.end).trim();
    if (body !== '') {
      if (!SIGNATURE_LINE.test(body)) break; // prose, not a signature line
      spans.push(line);
    }
    if (line.start <= after) break;
    end = line.start - 1;
  }
  return spans;
}

export const placeholderText: Rule = {
  id: 'placeholder-text',
  defaultSeverity: 'hint',
  fixable: false,
  title: t('未填写的占位文字', 'Placeholder left in the text'),
  description: t(
    '模板或新建报告留下的待填内容仍在文中：（待填写）、（机关名称）、【……】写作提示，标题或落款中的 XX、××、某某。',
    'Something a template or a new report leaves to be filled in is still in the text: （待填写）, （机关名称）, 【…】 notes to the writer, XX, ×× or 某某 in the title or the signature.',
  ),
  check(ctx) {
    const text = ctx.model.text;
    const out: CheckFinding[] = [];
    const seen = new Set<number>();
    const title = ctx.model.title;
    const signature = signatureSpans(ctx);
    const inside = (offset: number, span: Span) => offset >= span.start && offset < span.end;
    const add = (start: number, end: number) => {
      if (seen.has(start)) return;
      seen.add(start);
      const where = title && inside(start, title.span) ? 'title' : signature.some((s) => inside(start, s)) ? 'signature' : 'text';
      const found = text.slice(start, end);
      const place =
        where === 'title' ? t('标题中的', 'in the title ') : where === 'signature' ? t('落款中的', 'in the signature ') : t('', '');
      out.push(
        finding(
          placeholderText,
          `${where}#${out.length + 1}`,
          ctx.rangeOf({ start, end }),
          t(`${place.zh}占位文字“${found}”尚未填写`, `Placeholder “${found}” ${place.en}not filled in yet`),
        ),
      );
    };
    for (const m of text.matchAll(BLANK)) add(m.index, m.index + m[0].length);
    for (const m of text.matchAll(NOTE)) if (NOTE_WORDS.test(m[0])) add(m.index, m.index + m[0].length);
    for (const span of [...(title ? [title.span] : []), ...signature]) {
      for (const m of text.slice(span.start, span.end).matchAll(STAND_IN)) add(span.start + m.index, span.start + m.index + m[0].length);
    }
    return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  },
};
