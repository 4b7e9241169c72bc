// Shared by the section checks: where a missing piece of text goes.

import type { RuleContext } from '../rule';

/** Offset where text for section `id` belongs: before the first later section, else at the end. */
export function sectionInsertionOffset(ctx: RuleContext, id: number): number {
  const next = ctx.model.sections.find((s) => s.id > id);
  return next ? next.span.start : ctx.text.length;
}

/** Wraps lines for insertion at `offset`: starts on a fresh line and leaves a blank line after. */
export function insertionText(ctx: RuleContext, offset: number, lines: string[]): string {
  const eol = ctx.model.eol;
  const atEnd = offset >= ctx.text.length;
  const needsBreak = atEnd && ctx.text.length > 0 && !/[\r\n]$/.test(ctx.text);
  return (needsBreak ? eol : '') + lines.join(eol) + eol + (atEnd ? '' : eol);
}

export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}
