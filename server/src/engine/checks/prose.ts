// The report's prose, for the checks that read what the text says: the
// document without its tables and artefacts, whitespace-free and folded
// (see text.ts `normalize`), with a map back to source offsets. A removed
// region leaves a NUL, so no pattern reads across a table.

import type { ReportModel, SectionNode, Span } from '../model';
import type { RuleContext } from '../rule';
import { normalizePieces } from '../text';

export interface Prose {
  text: string;
  /** For each character of `text`, its offset in the document. */
  map: Int32Array;
}

const cache = new WeakMap<ReportModel, Prose>();

/** The whole document's prose (cached per analysis). */
export function prose(ctx: RuleContext): Prose {
  let p = cache.get(ctx.model);
  if (!p) {
    p = build(ctx.model.text, ctx.model);
    cache.set(ctx.model, p);
  }
  return p;
}

function build(text: string, model: ReportModel): Prose {
  const holes: Span[] = [
    ...model.tables.map((tb) => tb.span),
    ...model.unreadableTables.map((u) => u.span),
    ...model.artefacts.map((a) => a.span),
  ].sort((a, b) => a.start - b.start);
  // The text between the holes, and a NUL where each hole starts; one buffer for all (a megabyte of prose is a million offsets).
  const pieces: (Span | number)[] = [];
  let at = 0;
  for (const h of holes) {
    if (h.start > at) pieces.push({ start: at, end: h.start });
    if (h.end > at) {
      pieces.push(h.start);
      at = h.end;
    }
  }
  if (text.length > at) pieces.push({ start: at, end: text.length });
  return normalizePieces(text, pieces, 0);
}

/** The part of the prose inside a section (its heading included). */
export function sectionProse(ctx: RuleContext, section: SectionNode): { text: string; start: number } {
  const p = prose(ctx);
  const start = lowerBound(p.map, section.span.start);
  const end = lowerBound(p.map, section.span.end);
  return { text: p.text.slice(start, end), start };
}

/** The document span of prose characters [from, to). */
export function spanOf(p: Prose, from: number, to: number): Span {
  // Callers pass a match inside the prose (from < to ≤ p.text.length), whose characters all map to the document.
  return { start: p.map[from]!, end: p.map[to - 1]! + 1 };
}

/** The sentence around prose offset `at`: from after the previous 。；！？ (or a removed region) to the next. */
export function sentenceAt(p: Prose, at: number): { start: number; end: number } {
  const text = p.text;
  let s = at;
  while (s > 0 && !isBoundary(text.charCodeAt(s - 1))) s--;
  let e = at;
  while (e < text.length && !isBoundary(text.charCodeAt(e))) e++;
  return { start: s, end: e };
}

/** 。；！？ or the NUL of a removed region (by code: asked of every character of a sentence). */
const isBoundary = (code: number): boolean => code === 0x3002 || code === 0xff1b || code === 0xff01 || code === 0xff1f || code === 0;

function lowerBound(map: Int32Array, offset: number): number {
  let lo = 0;
  let hi = map.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1; // lo ≤ mid < hi ≤ length
    if (map[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A year written as digits (2023) or in Han numerals (二〇二三); undefined otherwise. */
export function readYear(s: string): number | undefined {
  if (/^\d{4}$/.test(s)) return Number(s);
  const digits = [...s.replace(/[零OＯ○]/g, '〇')].map((ch) => HAN_DIGITS.indexOf(ch));
  if (digits.length !== 4 || digits.some((d) => d < 0)) return undefined;
  return Number(digits.join(''));
}

/** A month or day in digits (9, 09) or Han numerals (九, 十一, 二十九, 三十一). */
export function readSmall(s: string): number | undefined {
  if (/^\d{1,2}$/.test(s)) return Number(s);
  const digit = (ch: string) => (ch === '' ? undefined : HAN_DIGITS.indexOf(ch) > 0 ? HAN_DIGITS.indexOf(ch) : undefined);
  const at = s.indexOf('十');
  if (at < 0) return s.length === 1 ? digit(s) : undefined;
  const tens = at === 0 ? 1 : digit(s.slice(0, at));
  const ones = at === s.length - 1 ? 0 : digit(s.slice(at + 1));
  return tens === undefined || ones === undefined || s.length > 3 ? undefined : tens * 10 + ones;
}

const HAN_DIGITS = '〇一二三四五六七八九';
/** A year in a regular expression: digits, or Han numerals (零, ○ and a folded Ｏ are also written for zero). */
export const YEAR = '(\\d{4}|[〇零OＯ○一二三四五六七八九]{4})';
/** A month or a day in a regular expression. */
export const SMALL = '(\\d{1,2}|[一二三]?十?[一二三四五六七八九]?)';

/**
 * Who issued the report, read from the title: a people's government's own
 * report (the agency named before the year ends in 人民政府) or a department's.
 */
export function issuerType(model: ReportModel): 'government' | 'department' | undefined {
  if (model.issuer) return model.issuer; // configured (.xxgk.json issuerType)
  const agency = agencyName(model);
  if (!agency) return undefined;
  return /(人民政府|[省市县区旗]政府)$/.test(agency) ? 'government' : 'department';
}

const AGENCY_BEFORE_YEAR = new RegExp(`^(.*?)${YEAR}年(度)?(政府信息公开|政务公开)`);

/** The agency the title names before the year (normalised), if any. */
export function agencyName(model: ReportModel): string | undefined {
  const title = model.title?.normalized;
  if (!title) return undefined;
  const m = AGENCY_BEFORE_YEAR.exec(title);
  const agency = m?.[1] ?? '';
  return agency.length < 2 ? undefined : agency;
}

export interface PrintedDate {
  year: number;
  month: number;
  day: number;
  /** The whole date as written. */
  span: Span;
  /** The year as written. */
  yearSpan: Span;
}

const DATE_LINE = new RegExp(
  `^[ \\t\\u3000]*${YEAR}[ \\t\\u3000]*年[ \\t\\u3000]*${SMALL}[ \\t\\u3000]*月[ \\t\\u3000]*${SMALL}[ \\t\\u3000]*日[ \\t\\u3000]*$`,
);
const PAGE_MARKER = /^[\s\-—－]*\d*[\s\-—－]*$/;
const isLineBreak = (code: number): boolean => code === 10 || code === 13;
// The last line of a one-line text is all of it: the patterns run only on a line that can match them.
const MARKER_CHAR = /[\s\-—－\d]/;
const isPageMarker = (line: string): boolean =>
  MARKER_CHAR.test(line.charAt(0)) && MARKER_CHAR.test(line.charAt(line.length - 1)) && PAGE_MARKER.test(line);

/** Whether a line ends in 日 and spaces (DATE_LINE's end). */
function endsWithDay(line: string): boolean {
  let e = line.length;
  while (e > 0 && isInlineSpace(line.charCodeAt(e - 1))) e--;
  return line.charCodeAt(e - 1) === 0x65e5; // 日
}

const isInlineSpace = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0x3000;

/** The date printed under the report (成文日期): a line holding only a date, among the last lines. */
export function signatureDate(text: string): PrintedDate | undefined {
  // Walk back over the last few non-blank lines only (the date is printed at the end).
  let end = text.length;
  for (let seen = 0; seen < 4 && end > 0;) {
    let start = end;
    while (start > 0 && !isLineBreak(text.charCodeAt(start - 1))) start--; // (by code: text[i] makes a string per character)
    const line = text.slice(start, end);
    end = start - 1;
    if (line.trim() === '' || isPageMarker(line)) continue;
    seen++;
    const m = endsWithDay(line) ? DATE_LINE.exec(line) : null;
    if (!m) continue;
    // The three groups are not optional: a match has them all.
    const [, y = '', mo = '', d = ''] = m;
    const year = readYear(y);
    const month = readSmall(mo);
    const day = readSmall(d);
    if (year === undefined || !month || !day || month > 12 || day > 31) continue;
    const at = start + line.length - line.trimStart().length;
    return { year, month, day, span: { start: at, end: start + line.trimEnd().length }, yearSpan: { start: at, end: at + y.length } };
  }
  return undefined;
}
