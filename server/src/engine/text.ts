// Line index and the normaliser shared by every reader and check.
// Offsets are UTF-16 code units (JavaScript string indices), as LSP counts.

import type { Position, Range, Span } from './model';
import { TRADITIONAL_TO_SIMPLIFIED } from './traditional';

export class TextIndex {
  /** Offset where each line starts. */
  readonly lineStarts: number[];
  /** Offset where each line's content ends (before its line break). */
  readonly lineEnds: number[];
  readonly eol: '\n' | '\r\n' | '\r';
  /** The line `lineOf` found last (a line in range). */
  private recentLine = 0;

  constructor(readonly text: string) {
    const starts = [0];
    const ends: number[] = [];
    let crlf = 0;
    let lf = 0;
    let cr = 0;
    // The next \n and the next \r, found by indexOf (a native search, many times faster than a loop over the
    // characters); the earlier of the two is the next break.
    let nextLf = text.indexOf('\n');
    let nextCr = text.indexOf('\r');
    while (nextLf >= 0 || nextCr >= 0) {
      if (nextCr >= 0 && (nextLf < 0 || nextCr < nextLf)) {
        const i = nextCr;
        ends.push(i);
        if (nextLf === i + 1) {
          crlf++;
          starts.push(i + 2);
          nextLf = nextBreak(text, '\n', i + 2);
        } else {
          cr++;
          starts.push(i + 1);
        }
        nextCr = nextBreak(text, '\r', i + 1);
      } else {
        ends.push(nextLf);
        lf++;
        starts.push(nextLf + 1);
        nextLf = nextBreak(text, '\n', nextLf + 1);
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

  /** Offset where `line` starts, clamped: before the first line 0, past the last the end of the text. */
  lineStart(line: number): number {
    return this.lineStarts[line] ?? (line < 0 ? 0 : this.text.length);
  }

  /** Offset where `line`'s content ends, clamped like `lineStart`. */
  lineEnd(line: number): number {
    return this.lineEnds[line] ?? (line < 0 ? 0 : this.text.length);
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  lineOf(offset: number): number {
    // Offsets are mostly asked in order (a table's cells, a finding's start and end): the line found last first.
    const starts = this.lineStarts;
    const recent = this.recentLine;
    if (starts[recent]! <= offset && (recent + 1 === starts.length || offset < starts[recent + 1]!)) return recent;
    // Binary search: the last line whose start ≤ offset.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1; // lo ≤ mid ≤ hi < length
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.recentLine = lo;
    return lo;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(o);
    return { line, character: Math.min(o, this.lineEnd(line)) - this.lineStart(line) };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    return Math.min(this.lineStart(position.line) + Math.max(0, position.character), this.lineEnd(position.line));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}

/** `text.indexOf(br, from)` for a line break, a blank line's (the break right at `from`) without the call. */
function nextBreak(text: string, br: '\n' | '\r', from: number): number {
  return text.charCodeAt(from) === br.charCodeAt(0) ? from : text.indexOf(br, from);
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
  〇: '〇',
  '［': '[',
  '］': ']',
};

/** True for characters that carry no meaning in a label: spaces, tabs, NBSP, BOM, zero-width marks. */
export function isBlankChar(code: number): boolean {
  return (
    code === 32 ||
    code === 9 ||
    code === 11 || // \v
    code === 12 || // \f: pdftotext's page break
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

/** Folds one character: full-width ASCII to half-width digits/letters, bracket and quote forms to one, traditional to simplified. */
export function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  const folded = foldCode(code);
  return folded === code ? ch : String.fromCharCode(folded);
}

// The fold on char codes, so the per-character work is an array read rather
// than building a one-character string and looking it up in an object. Two
// small tables (ASCII and the full-width block) and a map for the few others.
const ASCII_FOLD = Uint16Array.from({ length: 0x80 }, (_, c) => c);
const WIDE_FOLD = Uint16Array.from({ length: 0xf0 }, (_, i) => 0xff00 + i);
const OTHER_FOLD = new Map<number, number>();
for (let c = 0xff10; c <= 0xff19; c++) WIDE_FOLD[c - 0xff00] = c - 0xff10 + 48; // ０-９
for (let c = 0xff21; c <= 0xff3a; c++) WIDE_FOLD[c - 0xff00] = c - 0xff21 + 65; // Ａ-Ｚ
for (let c = 0xff41; c <= 0xff5a; c++) WIDE_FOLD[c - 0xff00] = c - 0xff41 + 97; // ａ-ｚ
for (const [from, to] of Object.entries(FOLD)) {
  const f = from.charCodeAt(0);
  if (f < 0x80) ASCII_FOLD[f] = to.charCodeAt(0);
  else if (f >= 0xff00 && f < 0xfff0) WIDE_FOLD[f - 0xff00] = to.charCodeAt(0);
  else OTHER_FOLD.set(f, to.charCodeAt(0));
}
// A report in traditional characters reads as its simplified original (traditional.ts).
for (const [from, to] of TRADITIONAL_TO_SIMPLIFIED) OTHER_FOLD.set(from, to);

// The other folded characters lie in a few ranges: a bounds test spares most CJK text the map lookup.
let OTHER_MIN = 0xffff;
let OTHER_MAX = 0;
for (const f of OTHER_FOLD.keys()) {
  OTHER_MIN = Math.min(OTHER_MIN, f);
  OTHER_MAX = Math.max(OTHER_MAX, f);
}

function foldCode(code: number): number {
  // The bounds tests keep both reads inside their tables.
  if (code < 0x80) return ASCII_FOLD[code]!;
  if (code >= 0xff00 && code < 0xfff0) return WIDE_FOLD[code - 0xff00]!;
  if (code < OTHER_MIN || code > OTHER_MAX) return code;
  return OTHER_FOLD.get(code) ?? code;
}

// Blank-or-fold of every UTF-16 code unit in one table (-1: blank), so the
// normalisers' per-character work is one typed-array read.
const NORMAL = Int32Array.from({ length: 0x10000 }, (_, c) => (isBlankChar(c) ? -1 : foldCode(c)));

/** Offsets by index: a plain array for short texts, typed for long ones. */
export type OffsetMap = number[] | Int32Array;

export interface Normalized {
  text: string;
  /** For each character of `text`, the offset in the source it came from (typed for long texts). */
  map: OffsetMap;
}

const isDigitCode = (c: number) => c >= 48 && c <= 57;
const HAN_NUMERALS = new Set([...'一二三四五六七八九十'].map((ch) => ch.charCodeAt(0)));
const isHanNumeral = (c: number | undefined) => c !== undefined && HAN_NUMERALS.has(c);
const isHanCode = (c: number | undefined) => c !== undefined && c >= 0x3400 && c <= 0x9fff;

/**
 * Whitespace-free, width-folded form of `source.slice(start, end)`, with a
 * map back to source offsets so a match can be turned into an exact range.
 * `1、` after a digit is folded to `1.` (both numberings occur).
 */
export function normalize(source: string, start = 0, end = source.length): Normalized {
  // Short texts (labels, cells) in plain arrays, cheapest to make; a long one (a megabyte of prose) in typed
  // buffers of the largest size it can be. Two functions, so each loop sees one kind of array (a loop over
  // either kind is several times slower in V8).
  return end - start > 4096 ? normalizeLong(source, start, end) : normalizeShort(source, start, end);
}

function normalizeShort(source: string, start: number, end: number): Normalized {
  const codes: number[] = [];
  const map: number[] = [];
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = NORMAL[source.charCodeAt(i)]!;
    if (c < 0) continue;
    codes.push(c === 0x3001 || c === 0xff0c || c === 46 ? numberingFold(c, codes, n) : c);
    map.push(i);
    n++;
  }
  return { text: fromCodes(codes), map };
}

/** `normalize(…).text` without the offset map, for callers that compare or hash text (half the allocation). */
export function normalizedText(source: string, start = 0, end = source.length): string {
  if (end - start > 4096) return normalizeLong(source, start, end).text;
  const codes: number[] = [];
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = NORMAL[source.charCodeAt(i)]!;
    if (c < 0) continue;
    codes.push(c === 0x3001 || c === 0xff0c || c === 46 ? numberingFold(c, codes, n) : c);
    n++;
  }
  return fromCodes(codes);
}

function normalizeLong(source: string, start: number, end: number): Normalized {
  const codes = new Uint16Array(end - start);
  const map = new Int32Array(end - start);
  const n = normalizeInto(source, start, end, codes, map);
  return { text: UTF16.decode(codes.subarray(0, n)), map: map.subarray(0, n) };
}

/**
 * `normalize` written into the caller's buffers (each at least `end - start` long): the codes of the text and
 * the source offset of each. Returns the text's length. For readers that scan the codes and keep no string, so
 * one pair of buffers serves every line.
 */
export function normalizeInto(source: string, start: number, end: number, codes: Uint16Array, map: Int32Array): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = NORMAL[source.charCodeAt(i)]!;
    if (c < 0) continue;
    codes[n] = c === 0x3001 || c === 0xff0c || c === 46 ? numberingFoldTyped(c, codes, n) : c;
    map[n] = i;
    n++;
  }
  return n;
}

/**
 * `normalize` of several pieces of `source` in one buffer: a span is
 * normalised as a text of its own (its numbering folded as if alone), a
 * number stands for one `gap` character mapped to that offset — the prose
 * with a mark where each table was.
 */
export function normalizePieces(source: string, pieces: readonly (Span | number)[], gap: number): { text: string; map: Int32Array } {
  let size = 0;
  for (const p of pieces) size += typeof p === 'number' ? 1 : Math.max(0, p.end - p.start);
  const codes = new Uint16Array(size);
  const map = new Int32Array(size);
  let n = 0;
  for (const p of pieces) {
    if (typeof p === 'number') {
      codes[n] = gap;
      map[n] = p;
      n++;
      continue;
    }
    const first = n;
    for (let i = p.start; i < p.end; i++) {
      const c = NORMAL[source.charCodeAt(i)]!;
      if (c < 0) continue;
      codes[n] = c === 0x3001 || c === 0xff0c || c === 46 ? numberingFoldAt(c, codes, n, first) : c;
      map[n] = i;
      n++;
    }
  }
  return { text: UTF16.decode(codes.subarray(0, n)), map: map.subarray(0, n) };
}

// `1、属于…` at the start of a label (not `2023、` in prose) folds to `1.`; `一，本年新收…` and `一.总体情况`
// at the start of a label: the numbering comma is 、. `codes` holds the `n` characters before `c`.
function numberingFold(c: number, codes: number[], n: number): number {
  if (c === 0x3001 && n > 0 && isDigitCode(codes[n - 1]!) && (n === 1 || !isDigitCode(codes[n - 2]!))) return 46;
  if ((c === 0xff0c || c === 46) && n > 0 && isHanNumeral(codes[n - 1]) && (n === 1 || !isHanCode(codes[n - 2]))) return 0x3001;
  return c;
}

function numberingFoldTyped(c: number, codes: Uint16Array, n: number): number {
  return numberingFoldAt(c, codes, n, 0);
}

/** `numberingFold` in a buffer whose current text starts at `first`. */
function numberingFoldAt(c: number, codes: Uint16Array, n: number, first: number): number {
  const k = n - first;
  if (c === 0x3001 && k > 0 && isDigitCode(codes[n - 1]!) && (k === 1 || !isDigitCode(codes[n - 2]!))) return 46;
  if ((c === 0xff0c || c === 46) && k > 0 && isHanNumeral(codes[n - 1]) && (k === 1 || !isHanCode(codes[n - 2]))) return 0x3001;
  return c;
}

// UTF-16 code units to a string in one call (a lone surrogate becomes U+FFFD, one unit for one: the map stays aligned).
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });

function fromCodes(codes: number[]): string {
  if (codes.length <= 8192) return String.fromCharCode.apply(null, codes);
  const parts: string[] = [];
  for (let i = 0; i < codes.length; i += 8192) parts.push(String.fromCharCode.apply(null, codes.slice(i, i + 8192)));
  return parts.join('');
}

// Template labels are normalised again on every analysis: remember the short ones (bounded). A document's
// labels pass through here too: the key is kept as a copy, or each would keep its whole document alive.
const LABELS = new Map<string, string>();

export function normalizeLabel(label: string): string {
  let n = LABELS.get(label);
  if (n === undefined) {
    n = normalizedText(label);
    if (label.length <= 64) {
      if (LABELS.size >= 4096) LABELS.clear();
      LABELS.set(detached(label), n);
    }
  }
  return n;
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
  // Both rows have b.length + 1 cells and every j below is in 0..b.length.
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/**
 * A copy of `s` that shares no memory with the text it was cut from. V8 keeps
 * a substring as a view of its parent, so a report's title kept past its
 * analysis (a digest) would keep the whole document's text alive with it:
 * 70 MB over 10,000 reports. The JSON round trip always builds a new flat string.
 */
export function detached(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

/** East Asian wide characters and the ideographic space: between two of them a joined cell paragraph adds no space (the Word readers). */
export function isWide(c: number): boolean {
  return (
    (c >= 0x2e80 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    c === 0x3000
  );
}

/** Digits grouped by thousands (`1,095`, `12，345`), as a pattern's source: one number, as large numbers are written. */
export const GROUPED_DIGITS = '[0-9]{1,3}(?:[,，][0-9]{3})+';
