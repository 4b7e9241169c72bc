// Line index and the normaliser shared by every reader and check.
// Offsets are UTF-16 code units (JavaScript string indices), as LSP counts.

import type { Position, Range, Span } from './model';

export class TextIndex {
  /** Offset where each line starts. */
  readonly lineStarts: number[];
  /** Offset where each line's content ends (before its line break). */
  readonly lineEnds: number[];
  readonly eol: '\n' | '\r\n' | '\r';

  constructor(readonly text: string) {
    const starts = [0];
    const ends: number[] = [];
    let crlf = 0;
    let lf = 0;
    let cr = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        ends.push(i);
        if (text.charCodeAt(i + 1) === 10) {
          i++;
          crlf++;
        } else cr++;
        starts.push(i + 1);
      } else if (c === 10) {
        ends.push(i);
        lf++;
        starts.push(i + 1);
      }
    }
    ends.push(text.length);
    this.lineStarts = starts;
    this.lineEnds = ends;
    this.eol = crlf >= lf && crlf >= cr && crlf > 0 ? '\r\n' : cr > lf ? '\r' : '\n';
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEnds[line]);
  }

  lineOf(offset: number): number {
    // Binary search: the last line whose start ≤ offset.
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(o);
    return { line, character: Math.min(o, this.lineEnds[line]) - this.lineStarts[line] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnds[position.line]);
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}

// ------------------------------------------------------------ normalisation

const FOLD: Record<string, string> = {
  '(': '（',
  ')': '）',
  ':': '：',
  ',': '，',
  ';': '；',
  '"': '“',
  '”': '“',
  '「': '“',
  '」': '“',
  '＂': '“',
  "'": '‘',
  '’': '‘',
  '．': '.',
  '〇': '〇',
  '［': '[',
  '］': ']',
};

/** True for characters that carry no meaning in a label: spaces, tabs, NBSP, BOM, zero-width marks. */
export function isBlankChar(code: number): boolean {
  return (
    code === 32 ||
    code === 9 ||
    code === 10 ||
    code === 13 ||
    code === 0x3000 ||
    code === 0xa0 ||
    code === 0xfeff ||
    (code >= 0x200b && code <= 0x200f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    (code >= 0x2000 && code <= 0x200a)
  );
}

/** Folds one character: full-width ASCII to half-width digits/letters, bracket and quote forms to one. */
export function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48); // ０-９
  if (code >= 0xff21 && code <= 0xff3a) return String.fromCharCode(code - 0xff21 + 65); // Ａ-Ｚ
  if (code >= 0xff41 && code <= 0xff5a) return String.fromCharCode(code - 0xff41 + 97); // ａ-ｚ
  return FOLD[ch] ?? ch;
}

export interface Normalized {
  text: string;
  /** For each character of `text`, the offset in the source it came from. */
  map: number[];
}

/**
 * Whitespace-free, width-folded form of `source.slice(start, end)`, with a
 * map back to source offsets so a match can be turned into an exact range.
 * `1、` after a digit is folded to `1.` (both numberings occur).
 */
export function normalize(source: string, start = 0, end = source.length): Normalized {
  let text = '';
  const map: number[] = [];
  for (let i = start; i < end; i++) {
    const code = source.charCodeAt(i);
    if (isBlankChar(code)) continue;
    let ch = foldChar(source[i]);
    if (ch === '、' && text.length > 0 && /[0-9]/.test(text[text.length - 1]) && isRowNumberPosition(text)) ch = '.';
    text += ch;
    map.push(i);
  }
  return { text, map };
}

// `1、属于…` at the start of a label, not `2023、` in prose.
function isRowNumberPosition(text: string): boolean {
  const n = text.length;
  return n === 1 || (n >= 2 && !/[0-9]/.test(text[n - 2]));
}

export function normalizeLabel(label: string): string {
  return normalize(label).text;
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

export function hasHan(s: string): boolean {
  return HAN.test(s);
}

const FULL_WIDTH_DIGIT = /[０-９]/;

export function hasFullWidthDigit(s: string): boolean {
  return FULL_WIDTH_DIGIT.test(s);
}

/** Levenshtein distance, bounded: returns `limit + 1` as soon as it is exceeded. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > limit) return limit + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}
