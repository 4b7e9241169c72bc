// textDocument/inlayHint: beside every total cell what its parts add up to
// (`= 59 ✓`, `≠ 58`), so a clerk sees the sum where the number is typed.
// `xxgk.inlayHints.totals` chooses which: only totals that do not hold
// (default), all of them, or none. Only hints inside the requested range.

import type { InlayHint, Range } from 'vscode-languageserver';
import type { Analysis, Locale } from '../engine';
import { describeEquation } from './equations';
import type { SourceView } from './sourceView';
import { tableSums, totalLabel } from './totals';

export type TotalsHintMode = 'mismatched' | 'all' | 'none';

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/**
 * The hints of the totals in `range` (document coordinates). `view`: the
 * document is a web page whose reading text was analysed; the range is mapped
 * into the reading and each hint's position back into the markup.
 */
export function inlayHints(analysis: Analysis, range: Range, mode: TotalsHintMode, locale: Locale, view?: SourceView): InlayHint[] {
  if (mode === 'none') return [];
  const wanted = view ? { start: view.toReading(range.start), end: view.toReading(range.end) } : range;
  const hints: InlayHint[] = [];
  for (const { template, totals } of tableSums(analysis)) {
    for (const check of totals) {
      if (mode === 'mismatched' && check.holds) continue;
      const cellRange = check.cell.range;
      if (before(cellRange.end, wanted.start) || before(wanted.end, cellRange.start)) continue;
      // The end of the number as written; in a web page, right after its text in the markup.
      const position = view ? view.toSource(cellRange).end : cellRange.end;
      hints.push({
        position,
        label: totalLabel(check),
        paddingLeft: true,
        tooltip: check.results.map((r) => describeEquation(r, template, locale)).join('\n'),
      });
    }
  }
  return hints;
}
