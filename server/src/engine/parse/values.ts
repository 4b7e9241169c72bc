// Reading one cell's text as a value. Full-width digits (５９) are read as
// numbers and flagged separately; dashes and slashes mean "nothing written".

import type { CellValue } from '../model';
import { foldChar, hasFullWidthDigit } from '../text';

const PLACEHOLDERS = new Set(['-', '—', '–', '－', '/', '／', '——']);

export function parseCellValue(raw: string): CellValue {
  const t = raw.trim();
  if (t.length === 0 || PLACEHOLDERS.has(t)) return { kind: 'blank' };
  let folded = '';
  for (const ch of t) folded += ch === '－' || ch === '−' ? '-' : foldChar(ch);
  // Beyond 2^53 a number cannot be added exactly: it is unreadable, not a count.
  if (/^-?[0-9]+(\.[0-9]+)?$/.test(folded) && Math.abs(Number(folded)) <= Number.MAX_SAFE_INTEGER) {
    return { kind: 'number', value: Number(folded), fullWidth: hasFullWidthDigit(t) };
  }
  return { kind: 'text', text: t };
}

/** ASCII digits for a number, as a fix writes it. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Math.round(n * 1e6) / 1e6);
}
