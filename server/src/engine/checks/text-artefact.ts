// text-artefact: leftovers of export from Word (`[bookmark: _Hlk…]`) or a
// PDF (page markers `- 3 -`). The readers ignore them; the fix removes them.

import type { Finding } from '../model';
import type { Rule } from '../rule';
import { edit, finding, fix, t } from './util';

export const textArtefact: Rule = {
  id: 'text-artefact',
  defaultSeverity: 'info',
  fixable: true,
  title: t('导出残留', 'Export artefact'),
  description: t('从 Word 或 PDF 复制时留下的书签标记、页码行，发布前应删除。', 'Bookmark markers and page-number lines left by copying from Word or a PDF; remove before publishing.'),
  check(ctx) {
    const out: Finding[] = [];
    // Nothing structural tells two bookmarks apart: each is keyed by its ordinal among its kind (`bookmark#3`).
    const seen = new Map<string, number>();
    for (const a of ctx.model.artefacts) {
      const n = (seen.get(a.kind) ?? 0) + 1;
      seen.set(a.kind, n);
      const k = `${a.kind}#${n}`;
      if (a.kind === 'bookmark') {
        out.push(finding(textArtefact, k, a.range, t(`Word 书签标记“${ctx.text.slice(a.span.start, a.span.end)}”`, 'Word bookmark marker'), [fix(t('删除书签标记', 'Remove the bookmark marker'), [edit(ctx, a.span, '')], { safe: true, preferred: true })]));
      } else {
        const line = ctx.index.lineOf(a.span.start);
        const end = line + 1 < ctx.index.lineCount ? ctx.index.lineStarts[line + 1] : a.span.end;
        out.push(finding(textArtefact, k, a.range, t(`PDF 页码行“${ctx.text.slice(a.span.start, a.span.end).trim()}”`, 'PDF page-number line'), [fix(t('删除页码行', 'Remove the page-number line'), [edit(ctx, { start: ctx.index.lineStarts[line], end }, '')], { safe: true, preferred: true })]));
      }
    }
    return out;
  },
};
