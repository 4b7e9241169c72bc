// Reading one cell's text as a value. Full-width digits (５９) are read as
// numbers and flagged separately; dashes and slashes mean "nothing written".

import type { CellValue } from '../model';
import { foldChar, GROUPED_DIGITS, hasFullWidthDigit } from '../text';

/** Units a published table writes after a number. */
export const UNIT = /(?<=[0-9])\s*(?:万元|元|件|项|个|条|次)$/;

const PLACEHOLDERS = new Set(['-', '—', '–', '－', '/', '／', '——']);

/** Digits grouped by thousands (`1,095`, `12，345`, `3,160.59`): one number, written as large numbers often are. */
const GROUPED = new RegExp(`^[-+]?${GROUPED_DIGITS}(?:\\.[0-9]+)?$`);

export function parseCellValue(raw: string): CellValue {
  // Most cells are a few ASCII digits: read them without folding or patterns.
  if (raw.length > 0 && raw.length <= 15 && asciiDigits(raw)) return { kind: 'number', value: Number(raw), fullWidth: false };
  const t = raw.trim();
  if (t.length === 0 || PLACEHOLDERS.has(t)) return { kind: 'blank' };
  let folded = '';
  for (const ch of t) folded += ch === '－' || ch === '−' ? '-' : ch === '＋' ? '+' : foldChar(ch);
  // Beyond 2^53 a number cannot be added exactly: it is unreadable, not a count.
  // A number with its unit written after it (`251000元`, `3件`): the number is the cell's value.
  // 2019's 本年增/减 is written signed both ways (`-417`, `+1036`).
  const number = folded.replace(UNIT, '');
  if (/^[-+]?[0-9]+(\.[0-9]+)?$/.test(number) && Math.abs(Number(number)) <= Number.MAX_SAFE_INTEGER) {
    return { kind: 'number', value: Number(number), fullWidth: hasFullWidthDigit(t) };
  }
  // Read, and flagged by digit-grouping: the number is plain, the separators are not the form's.
  if (GROUPED.test(number)) {
    const value = Number(number.replace(/[,，]/g, ''));
    if (Math.abs(value) <= Number.MAX_SAFE_INTEGER) return { kind: 'number', value, fullWidth: hasFullWidthDigit(t), grouped: true };
  }
  return { kind: 'text', text: t };
}

function asciiDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** ASCII digits for a number, as a fix writes it. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Math.round(n * 1e6) / 1e6);
}
