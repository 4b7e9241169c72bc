// Folding for sections and tables. A region ends on its last non-blank
// line, so folding a section does not swallow the blank lines before the
// next heading.

import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { Analysis, Range } from '../engine';
import { union } from './ranges';

function lastLine(range: Range, analysis: Analysis): number {
  // A span that stops at the start of the next line ends on the line before.
  let line = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  while (line > range.start.line && analysis.index.lineText(line).trim() === '') line--;
  return line;
}

function region(range: Range, analysis: Analysis): FoldingRange[] {
  const endLine = lastLine(range, analysis);
  return endLine > range.start.line ? [{ startLine: range.start.line, endLine, kind: FoldingRangeKind.Region }] : [];
}

export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const ranges = [
    ...analysis.model.sections.flatMap((s) => region(s.range, analysis)),
    ...analysis.model.tables.flatMap((t) => region(t.caption ? union(t.range, t.caption.range) : t.range, analysis)),
  ];
  // Clients want one range per start line: keep the outermost (sections come first).
  const seen = new Set<number>();
  return ranges.filter((r) => !seen.has(r.startLine) && seen.add(r.startLine));
}
