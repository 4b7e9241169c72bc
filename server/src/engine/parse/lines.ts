// The lines the recognisers walk. For ordinary text they are the text's own
// lines; a very long line (a web crawler's one-line body, a few huge lines
// out of a converter) is cut into virtual lines where the report's own
// structure starts: a section heading, a table row label, a caption, a run of
// values. Virtual lines are spans of the source, so every offset still points
// into the document and nothing is copied or rewritten.

import { FORMATS } from '../template/formats';
import { isBlankChar, normalizeInto, normalizeLabel, type TextIndex } from '../text';

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
  let first = 0;
  while (first < index.lineCount && !masksBreak(masked, index, first)) first++;
  if (first === index.lineCount) return undefined;
  // the lines before the first masked break are the text's own
  const starts = index.lineStarts.slice(0, first);
  const ends = index.lineEnds.slice(0, first);
  for (let l = first; l < index.lineCount; l++) {
    starts.push(index.lineStart(l));
    while (masksBreak(masked, index, l)) l++;
    ends.push(index.lineEnd(l));
  }
  return new VirtualLines(starts, ends);
}

/** Whether the break after line `l` is masked: its first character is no longer \n or \r. */
function masksBreak(masked: string, index: TextIndex, l: number): boolean {
  if (l + 1 >= index.lineCount) return false;
  const c = masked.charCodeAt(index.lineEnd(l));
  return c !== 10 && c !== 13;
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
  /**
   * For a character some label starts with, 1 + the index in `labelsBySecond` of the labels starting with it;
   * 0 for any other: one pass over a line finds every label.
   */
  firstCharSlots: Uint16Array;
  /** The labels of one first character by their second character, longest first (small integer keys, unboxed). */
  labelsBySecond: Map<number, string[]>[];
  /** Section headings (official titles and variants without their numeral, normalised) by first character, longest first. */
  headingsByFirst: Map<number, string[]>;
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
  const firstCharSlots = new Uint16Array(0x10000);
  const labelsBySecond: Map<number, string[]>[] = [];
  for (const l of sorted) {
    const first = l.charCodeAt(0);
    if (firstCharSlots[first] === 0) firstCharSlots[first] = labelsBySecond.push(new Map());
    const bySecond = labelsBySecond[firstCharSlots[first]! - 1]!;
    const second = l.charCodeAt(1);
    bySecond.set(second, [...(bySecond.get(second) ?? []), l]);
  }
  ANCHORS = {
    labels: sorted,
    firstCharSlots,
    labelsBySecond,
    headingsByFirst: byFirstChar([...headings].sort((a, b) => b.length - a.length)),
    keys,
  };
  return ANCHORS;
}

/** `words` grouped by their first character, each group in the order of `words`. */
function byFirstChar(words: string[]): Map<number, string[]> {
  const groups = new Map<number, string[]>();
  for (const w of words) {
    const group = groups.get(w.charCodeAt(0));
    if (group) group.push(w);
    else groups.set(w.charCodeAt(0), [w]);
  }
  return groups;
}

/** The text's own lines, with each long line cut at the structure inside it. */
export function readingLines(masked: string, text: TextIndex, markup?: Uint8Array): Lines {
  const joined = joinedLines(masked, text) ?? text;
  const runs = new LabelDigits(masked);
  const together = runTogetherLines(masked, runs, joined);
  const merged = runTogetherBlocks(masked, joined, together);
  const index = merged ?? joined;
  const stops = new SentenceStops(masked);
  // One pass, each line judged once; the lines are copied only from the first one that is cut.
  let starts: number[] | undefined;
  let ends: number[] | undefined;
  for (let l = 0; l < index.lineCount; l++) {
    const s = index.lineStart(l);
    const e = index.lineEnd(l);
    // a long line, or a short one of cells run together (docx2txt of a WPS file: `规章000行政规范性文件308`)
    const long =
      (e - s > LONG_LINE && lengthAsText(masked, markup, s, e) > LONG_LINE) ||
      (merged ? runTogether(masked, runs, s, e) : together[l] === 1);
    // A short line is cut only where a section heading follows a sentence (`…报告如下。一、总体情况`).
    const heading = long ? undefined : (headingAfterSentence(masked, s, e, stops) ?? headingIntoText(masked, s, e));
    if (!starts || !ends) {
      if (!long && !heading) continue;
      starts = index.lineStarts.slice(0, l);
      ends = index.lineEnds.slice(0, l);
    }
    if (!long) {
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
  return starts && ends ? new VirtualLines(starts, ends) : index;
}

/** 1 for each line of `lines` that is `runTogether`: each line is tested once, for both its uses. */
function runTogetherLines(masked: string, runs: LabelDigits, lines: Lines): Uint8Array {
  const together = new Uint8Array(lines.lineCount);
  for (let l = 0; l < lines.lineCount; l++) if (runTogether(masked, runs, lines.lineStart(l), lines.lineEnd(l))) together[l] = 1;
  return together;
}

const codeSet = (chars: string) => new Set([...chars].map((ch) => ch.charCodeAt(0)));
// 一二三四五六 as codes: tested at every heading mark of a long line.
const isSectionNumeral = (c: number) => c === 0x4e00 || c === 0x4e8c || c === 0x4e09 || c === 0x56db || c === 0x4e94 || c === 0x516d;
// 、，,.． as codes: tested on every character of a long line.
const isHeadingMark = (c: number) => c === 0x3001 || c === 0xff0c || c === 44 || c === 46 || c === 0xff0e;
const isDigit = (c: number) => (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
const isHan = (c: number) => c >= 0x4e00 && c <= 0x9fff;
const isDash = (c: number) => c === 45 /* - */ || c === 0xff0d; /* － */
/** Units that make a number a quantity in prose (59件, 2023年), not a cell. */
const UNITS = '件年月日号项个次人万元%％条部份家篇期批余多天名类';
const UNIT_CODES = codeSet(UNITS);

/**
 * A line normalised (text.ts `normalize`) into typed buffers: `codes[0, length)` is the text, `offsets[k]` the
 * source offset code k came from. Lines are scanned as codes in place, so normalising one builds no string.
 */
class NormalizedLine {
  readonly codes: Uint16Array;
  readonly offsets: Int32Array;
  length = 0;

  constructor(size: number) {
    this.codes = new Uint16Array(size);
    this.offsets = new Int32Array(size);
  }

  /** Whether `word` is in the text at `at`. */
  startsWith(word: string, at: number): boolean {
    if (at + word.length > this.length) return false;
    for (let k = 0; k < word.length; k++) if (this.codes[at + k] !== word.charCodeAt(k)) return false;
    return true;
  }

  /** The text of [from, to) as a string. */
  slice(from: number, to: number): string {
    return String.fromCharCode(...this.codes.subarray(from, Math.min(to, this.length)));
  }
}

/** One line's buffers serve every line up to this length; a longer (rare) line gets its own. */
const SCRATCH_SIZE = 8192;
let scratch: NormalizedLine | undefined;

/**
 * [s, e) of `masked` normalised, in the shared buffers when it fits: valid until the next call.
 * (Labels, headings and key words hold no lone surrogate, which `normalize` turns into U+FFFD in a long text
 * only: kept as it is here, it matches none of them either way.)
 */
function normalizedLine(masked: string, s: number, e: number): NormalizedLine {
  const line = e - s <= SCRATCH_SIZE ? (scratch ??= new NormalizedLine(SCRATCH_SIZE)) : new NormalizedLine(e - s);
  line.length = normalizeInto(masked, s, e, line.codes, line.offsets);
  return line;
}

/** The table labels and captions kept in a line, by start: `starts[k]` to `ends[k]`, both increasing. */
interface LabelSpans {
  starts: number[];
  ends: number[];
}

/** Offsets inside [s, e) where a virtual line should start, in order. */
function cutsOf(masked: string, s: number, e: number): number[] {
  const line = normalizedLine(masked, s, e);
  const cuts: number[] = [];

  const labels = labelsIn(line);
  for (const i of labels.starts) cuts.push(line.offsets[i]!);

  // Section headings inside running text: a numeral and 、 introducing a heading's words.
  // Found from the marks (rarer than numerals in prose), one code test per character.
  const codes = line.codes;
  for (let i = 1; i + 1 < line.length; i++) {
    if (!isHeadingMark(codes[i]!)) continue;
    const at = i - 1;
    if (!isSectionNumeral(codes[at]!)) continue;
    if (at > 0 && isSectionNumeral(codes[at - 1]!)) continue; // 一、二季度
    const end = headingEnd(line, at + 2);
    if (end < 0) continue;
    if (insideLabel(labels, at)) continue; // 一、本年新收… is a table row
    cuts.push(line.offsets[at]!);
    if (end < line.length) cuts.push(line.offsets[end]!);
  }

  valueRunCuts(masked, s, e, cuts);
  return sortedWithoutRepeats(cuts);
}

/**
 * `cuts` in increasing order, each once (a label and a heading may start at one offset), in place. A line has a
 * few, mostly in order already: an insertion sort costs less there than `sort`'s comparator calls; many are
 * sorted natively.
 */
function sortedWithoutRepeats(cuts: number[]): number[] {
  if (cuts.length > 32) {
    const sorted = Int32Array.from(cuts).sort(); // offsets in a string fit in 32 bits
    for (let k = 0; k < sorted.length; k++) cuts[k] = sorted[k]!;
  } else {
    for (let k = 1; k < cuts.length; k++) {
      const cut = cuts[k]!;
      let j = k - 1;
      for (; j >= 0 && cuts[j]! > cut; j--) cuts[j + 1] = cuts[j]!;
      cuts[j + 1] = cut;
    }
  }
  let kept = 0;
  for (let k = 0; k < cuts.length; k++) if (k === 0 || cuts[k] !== cuts[k - 1]) cuts[kept++] = cuts[k]!;
  cuts.length = kept;
  return cuts;
}

/**
 * Table labels and captions in a normalised line; an occurrence inside a longer one (规范性文件 in 行政规范性文件)
 * is not a start. Found by start, longest first at one start, so only the first label found at a start can end
 * past the ones kept before it.
 */
function labelsIn(line: NormalizedLine): LabelSpans {
  const { firstCharSlots, labelsBySecond } = anchors();
  const codes = line.codes;
  const starts: number[] = [];
  const ends: number[] = [];
  let reach = -1;
  for (let i = 0; i + 1 < line.length; i++) {
    const slot = firstCharSlots[codes[i]!]!;
    if (slot === 0) continue;
    const group = labelsBySecond[slot - 1]!.get(codes[i + 1]!);
    if (!group) continue;
    for (const label of group) {
      if (!line.startsWith(label, i)) continue;
      if (i + label.length > reach) {
        starts.push(i);
        ends.push(i + label.length);
        reach = i + label.length;
      }
      break;
    }
  }
  return { starts, ends };
}

/** Whether normalised offset `i` is inside a kept label: only the last one starting at or before `i` can hold it. */
function insideLabel(labels: LabelSpans, i: number): boolean {
  const { starts, ends } = labels;
  let lo = 0;
  let hi = starts.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= i) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return at >= 0 && i < ends[at]!;
}

/** Adds to `cuts` the runs of values (digits and blanks) after text in [s, e): the numbers of the row whose label precedes them. */
function valueRunCuts(masked: string, s: number, e: number, cuts: number[]): void {
  for (let i = s; i < e; i++) {
    if (!isDigit(masked.charCodeAt(i))) continue;
    // A signed change (本年增/减 −1) starts at its sign.
    if (i > s && isDash(masked.charCodeAt(i - 1)) && (i - 1 === s || isBlankChar(masked.charCodeAt(i - 2)))) i--;
    let j = i + 1;
    // A decimal point only between digits (6510.5); `1.属于…` is numbering.
    while (
      j < e &&
      (isDigit(masked.charCodeAt(j)) ||
        isBlankChar(masked.charCodeAt(j)) ||
        isSignInRun(masked, j) ||
        (masked.charCodeAt(j) === 46 && isDigit(masked.charCodeAt(j + 1))) ||
        isGroupSeparator(masked, j, e))
    )
      j++;
    const next = masked.charCodeAt(j); // NaN at the end of the text
    const before = i > s ? masked.charCodeAt(i - 1) : 32;
    // 59件, 2023年: a quantity in prose, not a cell; (一) and 1. are numbering, not values.
    const prose = UNIT_CODES.has(next) || next === 46 || next === 0xff0e || next === 0x3001;
    if (!prose && !isDigit(before) && before !== 46) {
      cuts.push(i);
      if (j < e) cuts.push(j);
    }
    i = j;
  }
}

/**
 * A thousands separator inside a number (`1,095`, `12，345`): a comma after one to three digits (not more: the
 * group before it), followed by exactly three, so the number stays one piece for parseCellValue to read.
 */
function isGroupSeparator(masked: string, k: number, e: number): boolean {
  const c = masked.charCodeAt(k);
  if (c !== 44 && c !== 0xff0c) return false;
  let before = 0;
  while (before < 4 && k - before - 1 >= 0 && isDigit(masked.charCodeAt(k - before - 1))) before++;
  if (before === 0 || before > 3) return false;
  for (let d = 1; d <= 3; d++) if (k + d >= e || !isDigit(masked.charCodeAt(k + d))) return false;
  return k + 4 >= e || !isDigit(masked.charCodeAt(k + 4));
}

/**
 * A sign inside a run of values: after a blank (`12 -1 95`), or a dash between digits (`12-195`: a sign or an
 * empty cell — the run stays whole for the table reader to judge).
 */
function isSignInRun(masked: string, k: number): boolean {
  return (
    isDash(masked.charCodeAt(k)) &&
    (isBlankChar(masked.charCodeAt(k - 1)) || isDigit(masked.charCodeAt(k - 1))) &&
    isDigit(masked.charCodeAt(k + 1))
  );
}

/**
 * docx2txt's lines of a WPS table run together break anywhere (`…只计这一情 形，不` ⏎ `计其他情形）9000009…`,
 * `…第三方合法权益` ⏎ `00000005.属于…`): a line of cells run together and the lines after it that go on with
 * them (after such a line, not ending a sentence, or starting with digits) are one line, cut at its structure.
 * Undefined when the text has no such line.
 */
function runTogetherBlocks(masked: string, index: Lines, together: Uint8Array): Lines | undefined {
  let starts: number[] | undefined;
  let ends: number[] | undefined;
  const lineText = (l: number) => masked.slice(index.lineStart(l), index.lineEnd(l));
  for (let l = 0; l < index.lineCount; l++) {
    const s = index.lineStart(l);
    let last = l;
    if (together[l] === 1) {
      while (last + 1 < index.lineCount) {
        const next = lineText(last + 1).trimStart();
        if (next.length === 0) break;
        const goesOn = together[last] === 1 && !/[。：]\s*$/.test(lineText(last));
        if (!goesOn && !/^[0-9０-９]{2}/.test(next)) break;
        last++;
      }
    }
    if (!starts || !ends) {
      if (last === l) continue;
      // the lines before the first merged one are as they were
      starts = index.lineStarts.slice(0, l);
      ends = index.lineEnds.slice(0, l);
    }
    starts.push(s);
    ends.push(index.lineEnd(last));
    l = last;
  }
  return starts && ends ? new VirtualLines(starts, ends) : undefined;
}

/**
 * A row label run into its numbers (`规章000`, `行政处罚1行政强制0`): a Han character or bracket, then digits
 * that no unit or numbering follows (`信息2428条`, `2024年` are prose).
 */
const LABEL_DIGITS = /[\u4e00-\u9fff）)][0-9０-９]+(?![0-9０-９件年月日号项个次人万元%％条部份家篇期批余多天名类.．、:：\-－])/g;

/**
 * Every LABEL_DIGITS of the text, found in one pass of the regex (rare, and the regex finds them faster than a
 * scan of the characters), in order: `starts[k]` where one starts, `ends[k]` where it ends. A match holds no line
 * break, and a reading line starts after a break and ends at one (a masked break is inside a line, never at its
 * ends), so the matches inside a line are the ones the regex finds in the line alone.
 */
class LabelDigits {
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  constructor(masked: string) {
    LABEL_DIGITS.lastIndex = 0;
    for (let m = LABEL_DIGITS.exec(masked); m; m = LABEL_DIGITS.exec(masked)) {
      this.starts.push(m.index);
      this.ends.push(m.index + m[0].length);
    }
  }

  /** The first match starting at or after `offset` (`starts.length`: none). */
  firstFrom(offset: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * A short line holding table cells run together with no separator, twice or more (docx2txt joins a WPS table's
 * cells: `…现行有效件数规章000行政规范性文件308第二十条…`), or once before a section heading: cut at its structure
 * like a long line.
 */
function runTogether(masked: string, runs: LabelDigits, s: number, e: number): boolean {
  if (e - s < 16) return false;
  let n = 0;
  for (let k = runs.firstFrom(s); k < runs.starts.length && runs.starts[k]! < e && n < 2; k++) {
    n++;
    // a row's numbers run into the next section's heading (`…总计000000001100000五、…`)
    const after = runs.ends[k]!;
    if (after + 1 < e && isSectionNumeral(masked.charCodeAt(after)) && isHeadingMark(masked.charCodeAt(after + 1))) return true;
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
  if (j + 8 >= e || !isSectionNumeral(masked.charCodeAt(j)) || !isHeadingMark(masked.charCodeAt(j + 1))) return undefined;
  const rest = normalizedLine(masked, j + 2, e);
  const end = headingEnd(rest, 0);
  if (end <= 0 || end >= rest.length) return undefined;
  const at = rest.offsets[end]!;
  const first = masked.charCodeAt(at);
  if (at >= e || isBlankChar(first) || !(isDigit(first) || isHan(first))) return undefined;
  for (let k = at; k < e; k++) {
    const c = masked.charCodeAt(k);
    if (c === 0xff0c /* ， */ || c === 0x3002 /* 。 */) return [j, at];
  }
  return undefined;
}

/**
 * Where the next 。 of a text is. The lines are read in order, so one search forward answers every line up to
 * the 。 it found: the text is searched once, not line by line.
 */
class SentenceStops {
  /** The search last made: from `from`, the first 。 found at `at` (-1: none after `from`). */
  private from = -1;
  private at = -1;

  constructor(private readonly text: string) {}

  /** The first 。 at or after `from`, or -1. */
  next(from: number): number {
    const known = this.from >= 0 && from >= this.from && (this.at < 0 || from <= this.at);
    if (!known) {
      this.from = from;
      this.at = this.text.indexOf('。', from);
    }
    return this.at;
  }
}

/** Start and end of a section heading right after a sentence end inside a short prose line. */
function headingAfterSentence(masked: string, s: number, e: number, stops: SentenceStops): [number, number] | undefined {
  let row: boolean | undefined;
  for (let i = stops.next(s); i >= 0 && i < e; i = stops.next(i + 1)) {
    let j = i + 1;
    while (j < e && isBlankChar(masked.charCodeAt(j))) j++;
    if (j + 2 >= e || !isSectionNumeral(masked.charCodeAt(j)) || !isHeadingMark(masked.charCodeAt(j + 1))) continue;
    // a table row, unless the heading follows the 。 with no blank (docx2txt of a WPS file: `…邮编⇥：…）。一、总体情况`)
    if (j > i + 1 && (row ??= isTableRow(masked, s, e))) continue;
    const rest = normalizedLine(masked, j + 2, Math.min(e, j + 40));
    const end = headingEnd(rest, 0);
    if (end > 0) return [j, end < rest.length ? rest.offsets[end]! : Math.min(e, j + 40)];
  }
  return undefined;
}

/** Whether [s, e) has a tab or a `|`: a row of table cells. */
function isTableRow(masked: string, s: number, e: number): boolean {
  for (let k = s; k < e; k++) {
    const c = masked.charCodeAt(k);
    if (c === 9 || c === 124) return true;
  }
  return false;
}

/** End (in the normalised line) of a section heading starting at `from`, or -1. */
function headingEnd(line: NormalizedLine, from: number): number {
  const { headingsByFirst, keys } = anchors();
  const headings = from < line.length ? headingsByFirst.get(line.codes[from]!) : undefined;
  if (headings) for (const h of headings) if (line.startsWith(h, from)) return from + h.length;
  // Key words of a section within a short heading that ends in 情况/事项/措施 (within 30 characters).
  // Tested on the codes: most numbered lines have no such ending, and need no string.
  const windowEnd = Math.min(line.length, from + 30);
  let headEnd = -1;
  for (let k = from; k + 1 < windowEnd && headEnd < 0; k++) if (isHeadingEnd(line.codes[k]!, line.codes[k + 1]!)) headEnd = k + 2;
  if (headEnd < 0) return -1;
  for (let k = from; k < headEnd; k++) if (CLAUSE_MARKS.has(line.codes[k]!)) return -1;
  const head = line.slice(from, headEnd);
  return keys.some((group) => group.every((k) => head.includes(k))) ? headEnd : -1;
}

// 情况, 事项, 措施 as codes: tested at each character of the window.
const isHeadingEnd = (a: number, b: number) =>
  (a === 0x60c5 && b === 0x51b5) || (a === 0x4e8b && b === 0x9879) || (a === 0x63aa && b === 0x65bd);
const CLAUSE_MARKS = codeSet('。；，：');
