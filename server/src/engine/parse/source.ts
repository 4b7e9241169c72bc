// The document as the readers see it: lines, with the artefacts of Word and
// PDF export (`[bookmark: …]`, page markers `- 3 -`, a BOM) masked by spaces
// of the same length, so every offset still points into the original text.

import type { ArtefactNode } from '../model';
import type { TextIndex } from '../text';
import { findDirectives, withoutLines } from '../suppress';
import { lengthAsText, readingLines, type Lines } from './lines';

export interface Source {
  text: string;
  index: TextIndex;
  /** The text with artefacts replaced by spaces; same length as `text`. */
  masked: string;
  /** The lines recognisers walk: the text's own, with long lines cut at their structure (lines.ts). */
  lines: Lines;
  artefacts: ArtefactNode[];
  /**
   * 1 at each offset of masked Markdown or HTML markup (`**`, `[`…`]{style="…"}`, `<span …>`): not text, so two
   * digit runs with only markup between them are one number (`5**50**`); undefined when the text has none.
   */
  markup?: Uint8Array;
}

/** Whether offset `i` is masked markup (source.ts), not a blank of the text. */
export const isMarkup = (src: Source, i: number): boolean => src.markup !== undefined && src.markup[i] === 1;

const UNMARKED = new WeakMap<Source, string>();

/** The masked text with its markup left out (`**规章**` → `规章`): for searching words, never for offsets. */
export function withoutMarkup(src: Source): string {
  const map = src.markup;
  if (!map) return src.masked;
  let out = UNMARKED.get(src);
  if (out === undefined) {
    const parts: string[] = [];
    let at = 0;
    for (let i = 0; i <= map.length; i++) {
      if (i < map.length && map[i] !== 1) continue;
      if (i > at) parts.push(src.masked.slice(at, i));
      at = i + 1;
    }
    out = parts.join('');
    UNMARKED.set(src, out);
  }
  return out;
}

/** The length of [s, e) as text: without its masked markup and a Markdown table's padding (lines.ts). */
export const textLength = (src: Source, s: number, e: number): number => lengthAsText(src.masked, src.markup, s, e);

const BOOKMARK = '[bookmark:';

const TONE_MARKS = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ';

/**
 * Pinyin with a tone mark in ASCII brackets right after a Han character (`鎮(zhèn)`): the span of `(…)`, or -1.
 * Found from each `(` rather than by a pattern over the whole text (a megabyte of prose has no pinyin).
 */
function pinyinEnd(text: string, open: number): number {
  const before = text.charCodeAt(open - 1);
  if (!(before >= 0x4e00 && before <= 0x9fff)) return -1;
  let toned = false;
  for (let k = open + 1; k < text.length && k <= open + 8; k++) {
    const ch = text.charAt(k);
    if (ch === ')') return toned && k > open + 1 ? k + 1 : -1;
    if (TONE_MARKS.includes(ch)) toned = true;
    else if (!((ch >= 'a' && ch <= 'z') || ch === 'ü')) return -1;
  }
  return -1;
}

export function maskArtefacts(text: string, index: TextIndex): Source {
  const artefacts: ArtefactNode[] = [];
  const blanks: [number, number][] = [];
  // One pass over the text for bookmarks (`[bookmark: _Hlk66973412]`; several may share a line)…
  for (let at = text.indexOf(BOOKMARK); at >= 0; at = text.indexOf(BOOKMARK, at + 1)) {
    const lineEnd = index.lineEnd(index.lineOf(at));
    const close = text.indexOf(']', at);
    if (close < 0 || close >= lineEnd) continue;
    artefacts.push({ kind: 'bookmark', span: { start: at, end: close + 1 }, range: index.rangeOf({ start: at, end: close + 1 }) });
    blanks.push([at, close + 1]);
    at = close;
  }
  // …and one over the lines for page markers.
  for (let line = 0; line < index.lineCount; line++) {
    const start = index.lineStart(line);
    const end = index.lineEnd(line);
    if (isPageMarker(text, start, end)) {
      artefacts.push({ kind: 'page-marker', span: { start, end }, range: index.rangeOf({ start, end }) });
      blanks.push([start, end]);
    }
  }
  // Suppression comments (suppress.ts) are not report content: blank in the masked text, and no reading line.
  const directives = findDirectives(text, index);
  for (const d of directives) blanks.push([index.lineStart(d.line), index.lineEnd(d.line)]);
  blanks.push(...indentTabs(text, index));
  const markup = markupSpans(text);
  blanks.push(...markup);
  blanks.sort((a, b) => a[0] - b[0]);
  artefacts.sort((a, b) => a.span.start - b.span.start);
  let masked = text;
  if (blanks.length > 0 || text.charCodeAt(0) === 0xfeff) {
    const parts: string[] = [];
    let at = 0;
    for (const [s, e] of blanks) {
      if (e <= at) continue; // inside a span masked already
      parts.push(text.slice(at, Math.max(at, s)), ' '.repeat(e - Math.max(at, s)));
      at = e;
    }
    parts.push(text.slice(at));
    masked = parts.join('');
    if (masked.charCodeAt(0) === 0xfeff) masked = ' ' + masked.slice(1);
  }
  const map = markup.length > 0 ? markupMap(text.length, markup) : undefined;
  const lines = withoutLines(readingLines(masked, index, map), index, directives);
  return { text, index, masked, lines, artefacts, ...(map ? { markup: map } : {}) };
}

/** Below this a line is no paragraph of prose (a table cell, a heading). */
const PROSE_MIN = 30;

const isPadding = (c: number) => c <= 32 || c === 0x3000 || c === 0xa0 || c === 0xfeff;

/** A paragraph of prose in [s, e): a sentence's length with its full stop, no TAB (no table cell reads so). */
function isProseLine(text: string, s: number, e: number): boolean {
  while (s < e && isPadding(text.charCodeAt(s))) s++;
  while (e > s && isPadding(text.charCodeAt(e - 1))) e--;
  if (e - s < PROSE_MIN) return false;
  // (Scanned within the line: indexOf would run on through the rest of the text for each line.)
  let stop = false;
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c === 9) return false;
    if (c === 0x3002) stop = true;
  }
  return stop;
}

/**
 * The TABs that start the lines of a page indenting its paragraphs with them (`\t一、总体情况`, `\t2019年，我局…。`):
 * indentation, not the cells of Word's cell-per-line export, whose TAB-led lines are short cells and whose prose
 * stands without one. So only where most lines of prose start with a TAB; masked, a heading is a heading again.
 * (Read in place, by character code: asked of every line of a document with a TAB.)
 */
function indentTabs(text: string, index: TextIndex): [number, number][] {
  if (text.indexOf('\t') < 0) return [];
  const leads: [number, number][] = [];
  let tabbed = 0;
  for (let line = 0; line < index.lineCount; line++) {
    const s = index.lineStart(line);
    if (text.charCodeAt(s) !== 9) continue;
    const e = index.lineEnd(line);
    let i = s;
    while (i < e && text.charCodeAt(i) === 9) i++;
    leads.push([s, i]);
    if (isProseLine(text, i, e)) tabbed++;
  }
  // Most documents stop here (a Word export's TAB-led lines are short cells): the other lines are read only to
  // see whether prose without a TAB outnumbers the TAB-led prose, and only until it does.
  if (tabbed < 2) return [];
  let plain = 0;
  for (let line = 0; line < index.lineCount && plain < tabbed; line++) {
    const s = index.lineStart(line);
    if (text.charCodeAt(s) !== 9 && isProseLine(text, s, index.lineEnd(line))) plain++;
  }
  return tabbed > plain ? leads : [];
}

function markupMap(length: number, spans: [number, number][]): Uint8Array {
  const map = new Uint8Array(length);
  for (const [s, e] of spans) map.fill(1, s, e);
  return map;
}

// ---------------------------------------------------------------- Markdown and HTML markup

/** Inline HTML a converter leaves in Markdown (pandoc's `<span\nstyle="…">`), a line break inside the tag too. */
const INLINE_TAG = /<\/?(?:span|font|strong|b|em|i|u|sup|sub|o:p)(?:\s[^<>]*)?>/g;
/** pandoc's attributes after a span or heading: `{style="font-family:\"Times New Roman\""}`, `{.class}`, `{lang="EN-US"}`. */
const ATTRIBUTES =
  /\{(?:[.#][\w-]+|[\w:-]+=(?:"(?:[^"\\]|\\.)*"|[^\s{}"]+))(?:\s+(?:[.#][\w-]+|[\w:-]+=(?:"(?:[^"\\]|\\.)*"|[^\s{}"]+)))*\}/g;
/** Strong emphasis inside one line: `**50**`, `__x__` (the text between starts and ends with a non-blank). */
const STRONG = /(?<![*\\])\*\*(?=[^\s*])[^\n]*?[^\s*\\]\*\*(?!\*)|(?<![_\\\w])__(?=[^\s_])[^\n]*?[^\s_\\]__(?![_\w])/g;
/** Emphasis: `*x*` (not inside `**`), `_x_` between words only (a run of `_` is html2text's fill, not markup). */
const EMPHASIS = /(?<![*\\\w])\*(?=[^\s*])[^*\n]*?[^\s*\\]\*(?![*\w])|(?<![_\\\w])_(?=[^\s_])[^_\n]*?[^\s_\\]_(?![_\w])/g;

/**
 * The spans of markup in Markdown-like text: emphasis markers, pandoc's `[text]{attributes}` brackets and
 * attributes, inline HTML tags. Only the markers are masked, never the text between them.
 */
export function markupSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  // Each kind of markup has a character of its own, which most reports never hold: a native search for it
  // spares a pass of the regex over the whole text.
  if (text.indexOf('<') >= 0) for (const m of text.matchAll(INLINE_TAG)) spans.push([m.index, m.index + m[0].length]);
  if (text.indexOf('{') >= 0)
    for (const m of text.matchAll(ATTRIBUTES)) {
      const at = m.index;
      spans.push([at, at + m[0].length]);
      // `[text]{…}`: the brackets around the span's text are markup too
      if (text.charAt(at - 1) !== ']') continue;
      const open = openingBracket(text, at - 1);
      if (open >= 0) spans.push([open, open + 1], [at - 1, at]);
    }
  // A mirror site's pinyin after a character (`鎮(zhèn)`, `數(shù)量`): no part of the report's words
  for (let open = text.indexOf('(', 1); open >= 0; open = text.indexOf('(', open + 1)) {
    const end = pinyinEnd(text, open);
    if (end > 0) spans.push([open, end]);
  }
  if (text.indexOf('*') < 0 && text.indexOf('_') < 0) return spans;
  // `**` or `__` for strong emphasis: a Word bookmark's `_Hlk…` has one `_`, and no strong emphasis
  const strong = text.indexOf('**') >= 0 || text.indexOf('__') >= 0;
  for (const re of strong ? [STRONG, EMPHASIS] : [EMPHASIS])
    for (const m of text.matchAll(re)) {
      const n = m[0].startsWith('**') || m[0].startsWith('__') ? 2 : 1;
      const end = m.index + m[0].length;
      spans.push([m.index, m.index + n], [end - n, end]);
    }
  return spans;
}

/** The unescaped `[` opening the bracket that closes at `close`, within a few lines before it, or -1. */
function openingBracket(text: string, close: number): number {
  let depth = 0;
  for (let i = close - 1; i >= 0 && i >= close - 2000; i--) {
    const c = text.charAt(i);
    if (text.charAt(i - 1) === '\\' && (c === '[' || c === ']')) continue;
    if (c === ']') depth++;
    else if (c === '[') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** -, —, －, – as codes. */
const isDashCode = (c: number) => c === 45 || c === 0x2014 || c === 0xff0d || c === 0x2013;

/** `- 3 -`, `— 3 —`, `-3-`: a page number a PDF copy leaves between lines. */
function isPageMarker(text: string, start: number, end: number): boolean {
  if (end - start > 16) return false;
  // A line with no dash is none: tested on the codes, sparing every short line the slices below.
  let hasDash = false;
  for (let i = start; i < end && !hasDash; i++) hasDash = isDashCode(text.charCodeAt(i));
  if (!hasDash) return false;
  const t = text.slice(start, end).trim();
  if (t.length < 3) return false;
  if (!isDashCode(t.charCodeAt(0)) || !isDashCode(t.charCodeAt(t.length - 1))) return false;
  const inner = t.slice(1, -1).trim();
  return inner.length > 0 && inner.length <= 4 && /^[0-9]+$/.test(inner);
}
