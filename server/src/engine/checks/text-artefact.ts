// text-artefact: leftovers of export from Word (`[bookmark: _Hlk…]`) or a
// PDF (page markers `- 3 -`). The readers ignore them; the fix removes them.
// Also a cell line of Word's cell-per-line export that lost its TAB: read as
// a cell all the same; the fix puts the TAB back.

import type { CheckFinding } from '../model';
import type { Rule } from '../rule';
import { finding, fix, t } from './util';

export const textArtefact: Rule = {
  id: 'text-artefact',
  defaultSeverity: 'info',
  fixable: true,
  title: t('导出残留', 'Export artefact'),
  description: t(
    '从 Word 或 PDF 复制时留下的书签标记、页码行，发布前应删除；Word 逐格导出的文字中缺少开头制表符的单元格行（仍按单元格读取）。',
    'Bookmark markers and page-number lines left by copying from Word or a PDF; remove before publishing. Also a cell line of Word’s cell-per-line export that lost its leading TAB (still read as a cell).',
  ),
  check(ctx) {
    const out: CheckFinding[] = [];
    // Nothing structural tells two bookmarks apart: each is keyed by its ordinal among its kind (`bookmark#3`).
    const seen = new Map<string, number>();
    for (const a of ctx.model.artefacts) {
      const n = (seen.get(a.kind) ?? 0) + 1;
      seen.set(a.kind, n);
      const k = `${a.kind}#${n}`;
      if (a.kind === 'missing-tab') {
        const lineSpan = ctx.lineSpanOf(a.span.start);
        const cell = ctx.model.text.slice(lineSpan.start, lineSpan.end).trim();
        out.push(
          finding(
            textArtefact,
            k,
            ctx.rangeOf(lineSpan),
            t(`单元格“${cell}”缺少开头的制表符（TAB），已按单元格读取`, `The cell “${cell}” lacks its leading TAB; it was read as a cell`),
            [
              fix(t('在行首补上制表符', 'Insert the TAB at the line start'), [{ kind: 'replace', span: a.span, text: '\t' }], {
                safe: true,
                preferred: true,
              }),
            ],
            [],
            'warning',
          ),
        );
      } else if (a.kind === 'bookmark') {
        out.push(
          finding(textArtefact, k, a.range, t(`Word 书签标记“${ctx.model.text.slice(a.span.start, a.span.end)}”`, 'Word bookmark marker'), [
            fix(t('删除书签标记', 'Remove the bookmark marker'), [{ kind: 'replace', span: a.span, text: '' }], {
              safe: true,
              preferred: true,
            }),
          ]),
        );
      } else {
        out.push(
          finding(
            textArtefact,
            k,
            a.range,
            t(`PDF 页码行“${ctx.model.text.slice(a.span.start, a.span.end).trim()}”`, 'PDF page-number line'),
            [
              fix(t('删除页码行', 'Remove the page-number line'), [{ kind: 'delete-line', span: a.span }], {
                safe: true,
                preferred: true,
              }),
            ],
          ),
        );
      }
    }
    return out;
  },
};
