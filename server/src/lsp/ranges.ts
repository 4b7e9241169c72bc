// Small helpers over engine ranges and spans (LSP-shaped already).

import type { Position, Range, Span } from '../engine';

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** The smallest range covering all of `ranges`. */
export function union(first: Range, ...rest: Range[]): Range {
  let start = first.start;
  let end = first.end;
  for (const r of rest) {
    if (comparePositions(r.start, start) < 0) start = r.start;
    if (comparePositions(r.end, end) > 0) end = r.end;
  }
  return { start, end };
}

/** Offset inside a span; the end counts too, so a cursor just after a label still hovers it. */
export function spanContains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}
