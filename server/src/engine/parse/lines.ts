// The lines the recognisers walk. For ordinary text they are the text's own
// lines; a very long line (a web crawler's one-line body, a few huge lines
// out of a converter) is cut into virtual lines where the report's own
// structure starts: a section heading, a table row label, a caption, a run of
// values. Virtual lines are spans of the source, so every offset still points
// into the document and nothing is copied or rewritten.

import { FORMATS } from '../template/formats';
import { isBlankChar, normalize, normalizeLabel, type TextIndex } from '../text';

/** What the recognisers need of a line structure (TextIndex satisfies it). */
export interface Lines {
  readonly lineStarts: readonly number[];
  readonly lineEnds: readonly number[];
  readonly lineCount: number;
  lineOf(offset: number): number;
  /** Offset where `line` starts, clamped to the first and last line's bounds. */
  lineStart(line: number): number;
  /** Offset where `line`'s content ends, clamped like `lineStart`. */
  lineEnd(line: number): number;
}

class VirtualLines implements Lines {
  constructor(
    readonly lineStarts: number[],
    readonly lineEnds: number[],
  ) {}

  get lineCount(): number {
    return this.lineStarts.length;
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1; // lo ≤ mid ≤ hi < length
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineStart(line: number): number {
    return this.lineStarts[line] ?? this.edge(line);
  }

  lineEnd(line: number): number {
    return this.lineEnds[line] ?? this.edge(line);
  }

  /** Where a line out of range starts and ends: the first line's start before, the last line's end after. */
  private edge(line: number): number {
    return (line < 0 ? this.lineStarts[0] : this.lineEnds[this.lineEnds.length - 1]) ?? 0;
  }
}

/** Lines made of spans of a text: `starts[i]`, `ends[i]` bound line i (the two of one length). */
export function virtualLines(starts: number[], ends: number[]): Lines {
  return new VirtualLines(starts, ends);
}

/**
 * The text's lines, a line break inside masked markup (pandoc's `<span⏎style="…">`, source.ts) joining the lines
 * around it: it is no break of the text. Undefined when no break is masked.
 */
function joinedLines(masked: string, index: TextIndex): Lines | undefined {
  const starts: number[] = [];
  const ends: number[] = [];
  let joined = false;
  // the break after `l` is masked when its first character is no longer \n or \r
  const masksBreak = (l: number) => l + 1 < index.lineCount && !'\n\r'.includes(masked.charAt(index.lineEnd(l)));
  for (let l = 0; l < index.lineCount; l++) {
    starts.push(index.lineStart(l));
    while (masksBreak(l)) {
      l++;
      joined = true;
    }
    ends.push(index.lineEnd(l));
  }
  return joined ? new VirtualLines(starts, ends) : undefined;
}

/**
 * How long [s, e) is as text: its length, or in text with masked markup (source.ts) the length without the markup
 * and with each run of blanks one (a Markdown table's column padding is no text either).
 */
export function lengthAsText(masked: string, markup: Uint8Array | undefined, s: number, e: number): number {
  if (!markup) return e - s;
  let n = 0;
  let blank = false;
  for (let i = s; i < e; i++) {
    if (markup[i] === 1) continue;
    const b = isBlankChar(masked.charCodeAt(i));
    if (!(b && blank)) n++;
    blank = b;
  }
  return n;
}

/** Lines longer than this are read as running text with structure inside. */
export const LONG_LINE = 200;

interface Anchors {
  /** Row, group and caption labels of every format, normalised, longest first. */
  labels: string[];
  /** The labels by their first two characters as one number (first << 16 | second), longest first. */
  labelsByPrefix: Map<number, string[]>;
  /** 1 for a character some label starts with: one pass over a line finds every label. */
  firstChars: Uint8Array;
  /** Section headings: official titles and variants without their numeral, normalised. */
  headings: string[];
  /** Key-word groups of every section. */
  keys: string[][];
}

let ANCHORS: Anchors | undefined;

function anchors(): Anchors {
  if (ANCHORS) return ANCHORS;
  const labels = new Set<string>();
  const headings = new Set<string>();
  const keys: string[][] = [];
  for (const f of Object.values(FORMATS)) {
    for (const t of f.tables) {
      if (t.caption) labels.add(normalizeLabel(t.caption));
      if (t.labelless) continue;
      for (const r of t.rows) {
        labels.add(normalizeLabel(r.label));
        for (const v of r.variants ?? []) labels.add(normalizeLabel(v));
      }
    }
    for (const s of f.sections) {
      for (const h of [s.title, ...s.variants]) headings.add(normalizeLabel(h.replace(/^[一二三四五六]、/, '')));
      keys.push(...s.keys);
    }
  }
  const sorted = [...labels].filter((l) => l.length >= 2).sort((a, b) => b.length - a.length);
  const labelsByPrefix = new Map<number, string[]>();
  const firstChars = new Uint8Array(0x10000);
  for (const l of sorted) {
    const k = l.charCodeAt(0) * 0x10000 + l.charCodeAt(1);
    labelsByPrefix.set(k, [...(labelsByPrefix.get(k) ?? []), l]);
    firstChars[l.charCodeAt(0)] = 1;
  }
  ANCHORS = {
    labels: sorted,
    labelsByPrefix,
    firstChars,
    headings: [...headings].sort((a, b) => b.length - a.length),
    keys,
  };
  return ANCHORS;
}

/** The text's own lines, with each long line cut at the structure inside it. */
export function readingLines(masked: string, text: TextIndex, markup?: Uint8Array): Lines {
  const joined = joinedLines(masked, text) ?? text;
  const index = runTogetherBlocks(masked, joined) ?? joined;
  // a long line, or a short one of cells run together (docx2txt of a WPS file: `规章000行政规范性文件308`)
  const long = (s: number, e: number) => (e - s > LONG_LINE && lengthAsText(masked, markup, s, e) > LONG_LINE) || runTogether(masked, s, e);
  let cut = false;
  for (let l = 0; l < index.lineCount && !cut; l++) {
    const s = index.lineStart(l);
    const e = index.lineEnd(l);
    cut = long(s, e) || headingAfterSentence(masked, s, e) !== undefined || headingIntoText(masked, s, e) !== undefined;
  }
  if (!cut) return index;
  const starts: number[] = [];
  const ends: number[] = [];
  for (let l = 0; l < index.lineCount; l++) {
    const s = index.lineStart(l);
    const e = index.lineEnd(l);
    if (!long(s, e)) {
      // A short line is cut only where a section heading follows a sentence (`…报告如下。一、总体情况`).
      const heading = headingAfterSentence(masked, s, e) ?? headingIntoText(masked, s, e);
      if (heading) {
        const [at, end] = heading;
        if (at > s) {
          starts.push(s);
          ends.push(at);
        }
        starts.push(at);
        ends.push(end);
        if (end < e) {
          starts.push(end);
          ends.push(e);
        }
      } else {
        starts.push(s);
        ends.push(e);
      }
      continue;
    }
    let at = s;
    for (const cut of cutsOf(masked, s, e)) {
      if (cut <= at) continue;
      starts.push(at);
      ends.push(cut);
      at = cut;
    }
    starts.push(at);
    ends.push(e);
  }
  return new VirtualLines(starts, ends);
}

const NUMERALS = '一二三四五六';
const HEADING_MARKS = '、，,.．';
const UNIT_AFTER_NUMBER = /[件年月日号项个次人万元%％条部份家篇期批余多天名类]/;
const NUMERAL_CODES = new Set([...NUMERALS].map((ch) => ch.charCodeAt(0)));
const isSectionNumeral = (c: number) => NUMERAL_CODES.has(c);
// 、，,.． as codes: tested on every character of a long line.
const isHeadingMark = (c: number) => c === 0x3001 || c === 0xff0c || c === 44 || c === 46 || c === 0xff0e;
const isDigit = (c: number) => (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);

/** Offsets inside [s, e) where a virtual line should start, in order. */
function cutsOf(masked: string, s: number, e: number): number[] {
  const { labelsByPrefix, firstChars, headings, keys } = anchors();
  const norm = normalize(masked, s, e);
  const text = norm.text;
  const map = norm.map;
  const cuts = new Set<number>();

  // Table labels and captions; an occurrence inside a longer one (规范性文件 in 行政规范性文件) is not a start.
  const found: [number, number][] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    const c = text.charCodeAt(i);
    if (firstChars[c] === 0) continue;
    const group = labelsByPrefix.get(c * 0x10000 + text.charCodeAt(i + 1));
    if (group) for (const label of group) if (text.startsWith(label, i)) found.push([i, i + label.length]);
  }
  // One sweep by start (longest first at one start): an occurrence ending within one before it is inside it.
  found.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const taken: [number, number][] = [];
  let reach = -1;
  for (const occurrence of found) {
    if (occurrence[1] <= reach) continue;
    taken.push(occurrence);
    reach = occurrence[1];
  }
  for (const [i] of taken) cuts.add(map[i]!); // i indexes the normalised text, which map parallels
  // Kept occurrences start and end in increasing order: the last one starting at or before i is the only one that can hold it.
  const insideLabel = (i: number): boolean => {
    let lo = 0;
    let hi = taken.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (taken[mid]![0] <= i) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const last = taken[at];
    return last !== undefined && i < last[1];
  };

  // Section headings inside running text: a numeral and 、 introducing a heading's words.
  // Found from the marks (rarer than numerals in prose), one code test per character.
  for (let i = 1; i + 1 < text.length; i++) {
    if (!isHeadingMark(text.charCodeAt(i))) continue;
    const at = i - 1;
    if (!isSectionNumeral(text.charCodeAt(at))) continue;
    if (at > 0 && isSectionNumeral(text.charCodeAt(at - 1))) continue; // 一、二季度
    const end = headingEnd(text, at + 2, headings, keys);
    if (end < 0) continue;
    if (insideLabel(at)) continue; // 一、本年新收… is a table row
    cuts.add(map[at]!); // at < text.length, which map parallels
    if (end < text.length) cuts.add(map[end]!);
  }

  // Runs of values (digits and blanks) after text: the numbers of the row whose label precedes them.
  for (let i = s; i < e; i++) {
    if (!isDigit(masked.charCodeAt(i))) continue;
    // A signed change (本年增/减 −1) starts at its sign.
    if (i > s && (masked[i - 1] === '-' || masked[i - 1] === '－') && (i - 1 === s || isBlankChar(masked.charCodeAt(i - 2)))) i--;
    let j = i + 1;
    // A decimal point only between digits (6510.5); `1.属于…` is numbering.
    // A sign after a blank (`12 -1 95`), or a dash between digits (`12-195`: a sign or an empty cell — the run stays whole for the table reader to judge).
    const sign = (k: number) =>
      (masked[k] === '-' || masked[k] === '－') &&
      (isBlankChar(masked.charCodeAt(k - 1)) || isDigit(masked.charCodeAt(k - 1))) &&
      isDigit(masked.charCodeAt(k + 1));
    while (
      j < e &&
      (isDigit(masked.charCodeAt(j)) ||
        isBlankChar(masked.charCodeAt(j)) ||
        sign(j) ||
        (masked.charCodeAt(j) === 46 && isDigit(masked.charCodeAt(j + 1))))
    )
      j++;
    let runEnd = j;
    while (runEnd > i && isBlankChar(masked.charCodeAt(runEnd - 1))) runEnd--;
    const next = masked.charAt(j);
    const before = i > s ? masked.charCodeAt(i - 1) : 32;
    // 59件, 2023年: a quantity in prose, not a cell; (一) and 1. are numbering, not values.
    const prose = UNIT_AFTER_NUMBER.test(next) || next === '.' || next === '．' || next === '、';
    if (!prose && !isDigit(before) && before !== 46) {
      cuts.add(i);
      if (j < e) cuts.add(j);
    }
    i = j;
  }
  return [...cuts].sort((a, b) => a - b);
}

/**
 * docx2txt's lines of a WPS table run together break anywhere (`…只计这一情 形，不` ⏎ `计其他情形）9000009…`,
 * `…第三方合法权益` ⏎ `00000005.属于…`): a line of cells run together and the lines after it that go on with
 * them (after such a line, not ending a sentence, or starting with digits) are one line, cut at its structure.
 * Undefined when the text has no such line.
 */
function runTogetherBlocks(masked: string, index: Lines): Lines | undefined {
  const starts: number[] = [];
  const ends: number[] = [];
  let merged = false;
  const lineText = (l: number) => masked.slice(index.lineStart(l), index.lineEnd(l));
  for (let l = 0; l < index.lineCount; l++) {
    const s = index.lineStart(l);
    let last = l;
    if (runTogether(masked, s, index.lineEnd(l))) {
      let together = true;
      while (last + 1 < index.lineCount) {
        const next = lineText(last + 1).trimStart();
        if (next.length === 0) break;
        const goesOn = together && !/[。：]\s*$/.test(lineText(last));
        if (!goesOn && !/^[0-9０-９]{2}/.test(next)) break;
        last++;
        together = runTogether(masked, index.lineStart(last), index.lineEnd(last));
      }
    }
    merged ||= last > l;
    starts.push(s);
    ends.push(index.lineEnd(last));
    l = last;
  }
  return merged ? new VirtualLines(starts, ends) : undefined;
}

/**
 * A row label run into its numbers (`规章000`, `行政处罚1行政强制0`): a Han character or bracket, then digits
 * that no unit or numbering follows (`信息2428条`, `2024年` are prose).
 */
const LABEL_DIGITS = /[\u4e00-\u9fff）)][0-9０-９]+(?![0-9０-９件年月日号项个次人万元%％条部份家篇期批余多天名类.．、:：\-－])/g;

/**
 * A short line holding table cells run together with no separator, twice or more (docx2txt joins a WPS table's
 * cells: `…现行有效件数规章000行政规范性文件308第二十条…`), or once before a section heading: cut at its structure
 * like a long line.
 */
function runTogether(masked: string, s: number, e: number): boolean {
  if (e - s < 16) return false;
  const line = masked.slice(s, e);
  LABEL_DIGITS.lastIndex = 0;
  let n = 0;
  for (let m = LABEL_DIGITS.exec(line); m && n < 2; m = LABEL_DIGITS.exec(line)) {
    n++;
    // a row's numbers run into the next section's heading (`…总计000000001100000五、…`)
    const after = m.index + m[0].length;
    if (NUMERALS.includes(line.charAt(after)) && HEADING_MARKS.includes(line.charAt(after + 1)) && line.charAt(after + 1) !== '')
      return true;
  }
  return n >= 2;
}

/**
 * Start and end of a section heading that starts a line and runs into its first sentence with no blank
 * (docx2txt of a WPS file: `一、总体情况2024⇥年，…`): a digit or a Han character right after the heading, and
 * prose after it.
 */
function headingIntoText(masked: string, s: number, e: number): [number, number] | undefined {
  let j = s;
  while (j < e && isBlankChar(masked.charCodeAt(j))) j++;
  if (j + 8 >= e || NUMERALS.indexOf(masked.charAt(j)) < 0 || HEADING_MARKS.indexOf(masked.charAt(j + 1)) < 0) return undefined;
  const { headings, keys } = anchors();
  const rest = normalize(masked, j + 2, e);
  const end = headingEnd(rest.text, 0, headings, keys);
  if (end <= 0 || end >= rest.text.length) return undefined;
  const at = rest.map[end]!;
  if (at >= e || isBlankChar(masked.charCodeAt(at)) || !/[0-9０-９\u4e00-\u9fff]/.test(masked.charAt(at))) return undefined;
  return /[，。]/.test(masked.slice(at, e)) ? [j, at] : undefined;
}

/** Start and end of a section heading right after a sentence end inside a short prose line. */
function headingAfterSentence(masked: string, s: number, e: number): [number, number] | undefined {
  const line = masked.slice(s, e); // searched within the line only: a line without 。 costs its own length
  const stop = line.indexOf('。');
  if (stop < 0) return undefined;
  // a table row, unless the heading follows the 。 with no blank (docx2txt of a WPS file: `…邮编⇥：…）。一、总体情况`)
  const row = line.indexOf('\t') >= 0 || line.indexOf('|') >= 0;
  const { headings, keys } = anchors();
  for (let k = stop; k >= 0; k = line.indexOf('。', k + 1)) {
    const i = s + k;
    let j = i + 1;
    while (j < e && isBlankChar(masked.charCodeAt(j))) j++;
    if (row && j > i + 1) continue;
    if (j + 2 >= e || NUMERALS.indexOf(masked.charAt(j)) < 0 || HEADING_MARKS.indexOf(masked.charAt(j + 1)) < 0) continue;
    const rest = normalize(masked, j + 2, Math.min(e, j + 40));
    const end = headingEnd(rest.text, 0, headings, keys);
    if (end > 0) return [j, end < rest.text.length ? rest.map[end]! : Math.min(e, j + 40)];
  }
  return undefined;
}

/** End (in normalised text) of a section heading starting at `from`, or -1. */
function headingEnd(text: string, from: number, headings: string[], keys: string[][]): number {
  for (const h of headings) if (text.startsWith(h, from)) return from + h.length;
  // Key words of a section within a short heading that ends in 情况/事项/措施.
  const window = text.slice(from, from + 30);
  const stop = /情况|事项|措施/.exec(window);
  if (!stop) return -1;
  const head = window.slice(0, stop.index + 2);
  if (/[。；，：]/.test(head)) return -1;
  return keys.some((group) => group.every((k) => head.includes(k))) ? from + head.length : -1;
}
