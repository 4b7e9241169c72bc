// One reader per table layout, all producing the same thing: physical rows
// of cells (tokens) with exact spans. The table reader (tables.ts) never
// needs to know which layout the cells came from, except for `slots`.

import type { TableLayout } from '../model';
import { hasHan, isBlankChar } from '../text';
import { isMarkup, type Source } from './source';
import { UNIT } from './values';

export interface Token {
  /** The cell's text, trimmed (artefacts masked). */
  text: string;
  start: number;
  end: number;
  line: number;
  /** True when the token could be a value: empty, or no Han characters. */
  valueLike: boolean;
  /**
   * An empty cell of a run of `|` (`|||||||` on a line of its own, or `0 | ||||||||` after a row's cells): a crawler's
   * padding to the widest row, or cells.
   */
  run?: boolean;
}

export interface PhysicalRow {
  tokens: Token[];
  firstLine: number;
  lastLine: number;
  /** Offset where a missing trailing cell of this row would be written. */
  end: number;
}

export function detectLayout(src: Source, firstLine: number, lastLine: number): TableLayout | undefined {
  let pipe = 0;
  /** Pipes on the one Markdown row seen (a table of one row, `| 一、本年新收… | 3746 | … |`). */
  let pipeCells = 0;
  let tabLines = 0;
  let singleCellTabLines = 0;
  let spaceNumbers = 0;
  /** Lines of one short number: a web table's text with every cell a line of its own (no TAB). */
  let loneNumbers = 0;
  for (let l = firstLine; l <= lastLine; l++) {
    const s = src.lines.lineStart(l);
    const e = src.lines.lineEnd(l);
    // Only a line with a digit, a TAB or a pipe counts below: prose lines are passed over without a copy.
    if (!layoutCharIn(src.masked, s, e)) continue;
    const line = src.masked.slice(s, e);
    const trimmed = line.trim();
    if (trimmed.length === 0) continue;
    if (trimmed.startsWith('|') && trimmed.length > 1 && trimmed.indexOf('|', 1) > 0) {
      pipe++;
      pipeCells = Math.max(pipeCells, trimmed.split('|').length - 1);
    }
    const tab = line.indexOf('\t');
    if (tab >= 0) {
      tabLines++;
      if (line.charCodeAt(0) === 9 && line.indexOf('\t', 1) < 0) singleCellTabLines++;
    } else if (
      /[0-9０-９]\s+[0-9０-９]/.test(trimmed) ||
      /[\u4e00-\u9fff”）)][0-9０-９]{3,}$/.test(trimmed) ||
      /^[0-9０-９]{3,}$/.test(trimmed)
    )
      spaceNumbers++;
    else if (/^[-+]?[0-9０-９]{1,2}$/.test(trimmed)) loneNumbers++;
  }
  if (pipe >= 2 || pipeCells >= 5 || pipeTerminated(src, firstLine, lastLine) || isGrid(src, firstLine, lastLine)) return 'markdown';
  if (tabLines >= 3 && singleCellTabLines >= tabLines * 0.6) return 'cell-per-line';
  if (tabLines >= 2) return 'tab-separated';
  if (spaceNumbers >= 1 || loneNumbers >= 3) return 'space-separated';
  return undefined;
}

/** A digit (ASCII or full-width), TAB or `|` in [s, e). */
function layoutCharIn(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 9 || c === 124 || (c >= 0xff10 && c <= 0xff19)) return true;
  }
  return false;
}

function makeToken(src: Source, start: number, end: number, line: number): Token {
  let s = start;
  let e = end;
  while (s < e && isBlankChar(src.masked.charCodeAt(s))) s++;
  while (e > s && isBlankChar(src.masked.charCodeAt(e - 1))) e--;
  const text = tokenText(src, s, e);
  if (s === e) {
    // An empty cell sits where its text would go: just after the separator.
    s = e = start;
  }
  return { text, start: s, end: e, line, valueLike: isValueLike(text) };
}

/**
 * The masked text of [s, e) without its markup: a label split by pandoc's spans reads whole, and a number with
 * markup inside (`5**50**`, `[2]{…}[1]{…}`) one number; a blank of the text stays a blank.
 */
function tokenText(src: Source, s: number, e: number): string {
  if (!src.markup) return src.masked.slice(s, e);
  let out = '';
  let at = s;
  for (let i = s; i < e; i++) {
    if (!isMarkup(src, i)) continue;
    out += src.masked.slice(at, i);
    at = i + 1;
  }
  // a Markdown table's column padding (hundreds of spaces where the page's cells were wide) is one blank
  return (out + src.masked.slice(at, e)).replace(/ {2,}/g, ' ');
}

/**
 * Where a run of markup starting at `i` ends when it lies between two digits (`**` in `5**50**`), else `i`. Only
 * markup joins: a blank of the text (spaces, a TAB, `|`) between two digit runs is a cell boundary.
 */
function markupJoin(src: Source, i: number, e: number): number {
  if (i === 0 || !isMarkup(src, i)) return i;
  const before = src.masked.charCodeAt(i - 1);
  if (!isDigitCode(before) && !NUMBER_MARK.includes(src.masked.charAt(i - 1))) return i;
  let j = i;
  while (j < e && isMarkup(src, j)) j++;
  if (j >= e) return i;
  const after = src.masked.charCodeAt(j);
  // a digit on one side at least: `[-]{…}[1]{…}` is -1, `[3160]{…}[.5964]{…}` 3160.5964
  const joins = isDigitCode(before) ? isDigitCode(after) || after === 46 : isDigitCode(after);
  return joins ? j : i;
}

/** A sign or decimal point a number's markup may follow. */
const NUMBER_MARK = '-－+.';

const isValueLike = (text: string) => shortAscii(text) || !hasHan(text) || CHINESE_NUMBER.test(text) || UNIT.test(text);

/** A short cell of ASCII only (most cells are plain numbers): no Han, known without the pattern. */
function shortAscii(text: string): boolean {
  if (text.length > 24) return false;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

// A count written in Chinese numerals (十五) sits in a value cell; it is read as text and reported.
const CHINESE_NUMBER = /^[零〇一二两三四五六七八九十百千万]{1,6}$/;

export function physicalRows(src: Source, layout: TableLayout, firstLine: number, lastLine: number): PhysicalRow[] {
  switch (layout) {
    case 'cell-per-line':
      return cellPerLineRows(src, firstLine, lastLine);
    case 'markdown':
      if (isGrid(src, firstLine, lastLine)) return gridRows(src, firstLine, lastLine);
      return pipeTerminated(src, firstLine, lastLine)
        ? pipeCellRows(src, firstLine, lastLine)
        : splitLineRows(src, firstLine, lastLine, '|');
    case 'tab-separated':
      return splitLineRows(src, firstLine, lastLine, '\t');
    case 'space-separated':
      return spaceRows(src, firstLine, lastLine);
  }
}

/** Tab-separated and Markdown: one row per line, cells between separators. */
function splitLineRows(src: Source, firstLine: number, lastLine: number, sep: '\t' | '|'): PhysicalRow[] {
  const rows: PhysicalRow[] = [];
  const { masked, lines: index } = src;
  for (let l = firstLine; l <= lastLine; l++) {
    let s = index.lineStart(l);
    let e = index.lineEnd(l);
    const line = masked.slice(s, e);
    // A line of TABs alone is a row of empty cells (a blank template's data row); other blank lines are nothing.
    if (line.trim().length === 0 && !(sep === '\t' && line.includes('\t'))) continue;
    const tokens: Token[] = [];
    if (sep === '|') {
      const t = line.trim();
      if (!t.startsWith('|')) {
        rows.push({ tokens: [proseToken(src, s, e, l)], firstLine: l, lastLine: l, end: e });
        continue;
      }
      if (/^\|[\s:|-]*$/.test(t)) continue; // the |---|---| separator
      s += line.indexOf('|') + 1;
      const lastPipe = line.lastIndexOf('|');
      if (lastPipe > line.indexOf('|')) e = index.lineStart(l) + lastPipe;
    }
    let cellStart = s;
    for (let i = s; i <= e; i++) {
      if (i === e || masked[i] === sep) {
        tokens.push(makeToken(src, cellStart, i, l));
        cellStart = i + 1;
      }
    }
    const row = { tokens, firstLine: l, lastLine: l, end: e };
    const prev = rows[rows.length - 1];
    const untabbed = masked.charCodeAt(index.lineStart(l)) !== 9;
    if (sep === '\t' && prev && (continuesLabel(prev, row, untabbed) || continuesValues(prev, row, untabbed))) {
      const [head, ...rest] = tokens as [Token, ...Token[]];
      prev.tokens.push({ ...head, valueLike: head.valueLike && !continuesLabel(prev, row, untabbed) }, ...rest);
      prev.lastLine = l;
      prev.end = e;
      continue;
    }
    rows.push(row);
  }
  return rows;
}

/**
 * A row's label wrapped onto the next line (catdoc breaks long lines: `\t（二）部分公开（…只计这一情形，不` ⏎
 * `计其他情形）\t4\t0…`): a line of labels alone, its last field written, then a line that does not start with a
 * TAB, its first field the label's rest (text, or the closing bracket alone) and numbers after it.
 */
function continuesLabel(prev: PhysicalRow, row: PhysicalRow, untabbed: boolean): boolean {
  const last = prev.tokens[prev.tokens.length - 1];
  const head = row.tokens[0];
  if (!untabbed || !last || !head || last.text.length === 0 || last.valueLike || head.text.length === 0) return false;
  if (prev.tokens.some((t) => t.valueLike && t.text.length > 0)) return false;
  if (head.valueLike && !/^[）)」”]+$/.test(head.text)) return false;
  return row.tokens.slice(1).some((t) => t.valueLike && t.text.length > 0);
}

/**
 * A row's numbers wrapped onto the next line (catdoc: `\t（四）无法提供\t1.本机关不掌握…\t10\t0\t0\t0\t0` ⏎
 * `0\t10`): after a row with numbers, a line not starting with a TAB that is numbers alone.
 */
function continuesValues(prev: PhysicalRow, row: PhysicalRow, untabbed: boolean): boolean {
  if (!untabbed || !prev.tokens.some((t) => t.valueLike && t.text.length > 0)) return false;
  return row.tokens.every((t) => t.text.length > 0 && PLAIN_NUMBER.test(t.text));
}

/**
 * A web table as crawlers write it out (html2text and the like): every cell ends with `|`, not starts with it.
 * Two or more lines that end with `|` without starting with one (`规章 | 0 | 0 | 0 |`, `规章 |`), or are a lone
 * `|`, say so.
 */
function pipeTerminated(src: Source, firstLine: number, lastLine: number): boolean {
  let n = 0;
  for (let l = firstLine; l <= lastLine && n < 2; l++) {
    const t = src.masked.slice(src.lines.lineStart(l), src.lines.lineEnd(l)).trim();
    // A lone `|` (a cell's end on the line after its text) is no Markdown row either.
    if (t === '|' || (t.length > 1 && t.endsWith('|') && !t.startsWith('|'))) n++;
  }
  return n >= 2;
}

/** Prose between a crawled table's cells (a paragraph before the table): a sentence, never a cell. */
const isProseLine = (t: string) => t.length > 80 || /[。；]/.test(t);

/**
 * Crawler text of a web table: each cell ends with `|` — several cells a line (`规章 | 0 | 0 | 0 |`), one a
 * line (`规章 |` ⏎ `0 |`), or the cell's text on one line and its `|` on the next; a bare `|` is an empty
 * cell, `||` two; a line starting with `|` starts with an empty cell (under a rowspan). Rows are not
 * marked: a row starts at a label that follows a value (the merged cells' empty fields end the row before).
 */
function pipeCellRows(src: Source, firstLine: number, lastLine: number): PhysicalRow[] {
  const rows: PhysicalRow[] = [];
  const { masked, lines: index } = src;
  let current: PhysicalRow | undefined;
  /** A line of text whose `|` comes on a later line. */
  let pending: Token | undefined;
  const flush = () => {
    if (current && current.tokens.length > 0) rows.push(current);
    current = undefined;
  };
  const push = (t: Token) => {
    const prev = current?.tokens[current.tokens.length - 1];
    if (prev?.valueLike && !t.valueLike && t.text.length > 0) flush();
    current ??= { tokens: [], firstLine: t.line, lastLine: t.line, end: t.end };
    current.tokens.push(t);
    current.lastLine = t.line;
    current.end = t.end;
  };
  for (let l = firstLine; l <= lastLine; l++) {
    const s = index.lineStart(l);
    const e = index.lineEnd(l);
    const line = masked.slice(s, e);
    const trimmed = line.trim();
    if (trimmed.length === 0) continue;
    if (!line.includes('|')) {
      if (pending) push(pending);
      pending = undefined;
      if (isProseLine(trimmed)) {
        flush();
        rows.push({ tokens: [proseToken(src, s, e, l)], firstLine: l, lastLine: l, end: e });
      } else pending = makeToken(src, s, e, l);
      continue;
    }
    let cellStart = s;
    const run = trimmed.length >= 2 && /^\|+$/.test(trimmed);
    for (let i = s; i < e; i++) {
      if (masked[i] !== '|') continue;
      let token = makeToken(src, cellStart, i, l);
      // (a lone `|` on its line is one empty cell, never a run)
      if (run || (cellStart === i && cellStart > s && masked[i - 1] === '|')) token.run = true;
      if (pending) {
        // The text a line before is this cell's, unless the cell has text of its own.
        if (token.text.length === 0 && cellStart === s) token = pending;
        else push(pending);
        pending = undefined;
      }
      push(token);
      cellStart = i + 1;
    }
    const rest = makeToken(src, cellStart, e, l);
    if (rest.text.length > 0) pending = rest;
  }
  if (pending) push(pending);
  flush();
  return rows;
}

/**
 * Word's plain-text export: a cell is a line starting with TAB; a line
 * without TAB continues the previous cell (a wrapped label); a blank line
 * ends the row.
 */
function cellPerLineRows(src: Source, firstLine: number, lastLine: number): PhysicalRow[] {
  const rows: PhysicalRow[] = [];
  const { masked, lines: index } = src;
  let current: PhysicalRow | undefined;
  const flush = () => {
    if (current && current.tokens.length > 0) rows.push(current);
    current = undefined;
  };
  for (let l = firstLine; l <= lastLine; l++) {
    const s = index.lineStart(l);
    const e = index.lineEnd(l);
    const line = masked.slice(s, e);
    if (line.trim().length === 0 && line.indexOf('\t') < 0) {
      flush();
      continue;
    }
    // The row's last cell so far: what a line without TAB may continue.
    const prev = current?.tokens[current.tokens.length - 1];
    if (line.charCodeAt(0) === 9) {
      current ??= { tokens: [], firstLine: l, lastLine: l, end: e };
      // Several tabs on one line: each is a cell of its own.
      let cellStart = s + 1;
      for (let i = s + 1; i <= e; i++) {
        if (i === e || masked[i] === '\t') {
          current.tokens.push(makeToken(src, cellStart, i, l));
          cellStart = i + 1;
        }
      }
      current.lastLine = l;
      current.end = e;
    } else if (current && current.tokens.length > 0 && PLAIN_NUMBER.test(line.trim()) && valueDue(current, rows)) {
      // A number that lost its leading TAB (typed over, pasted): still a cell of its own, never part of the label.
      const token = makeToken(src, s, e, l);
      current.tokens.push(token);
      if (!src.artefacts.some((a) => a.kind === 'missing-tab' && a.span.start === s)) {
        src.artefacts.push({ kind: 'missing-tab', span: { start: s, end: s }, range: src.index.rangeOf({ start: s, end: s }) });
        src.artefacts.sort((a, b) => a.span.start - b.span.start);
      }
      current.lastLine = l;
      current.end = e;
    } else if (current && prev && !prev.valueLike) {
      // Continuation of a wrapped label (numbers do not wrap).
      const cont = makeToken(src, s, e, l);
      if (cont.text.length > 0) {
        prev.text += cont.text;
        prev.end = cont.end;
        prev.valueLike = prev.valueLike && cont.valueLike;
      }
      current.lastLine = l;
      current.end = e;
    } else {
      flush();
      rows.push({ tokens: [proseToken(src, s, e, l)], firstLine: l, lastLine: l, end: e });
    }
  }
  flush();
  return rows;
}

const trailingValues = (row: PhysicalRow) => {
  let n = 0;
  for (let i = row.tokens.length - 1; i >= 0 && row.tokens[i]?.valueLike; i--) n++;
  return n;
};

/** A value is still due in this row: right after its label, or fewer values than the rows before had. */
function valueDue(current: PhysicalRow, rows: PhysicalRow[]): boolean {
  const have = trailingValues(current);
  if (have === 0) return true;
  let most = 0;
  for (const r of rows) most = Math.max(most, trailingValues(r));
  return have < most;
}

/** A line outside the table's cells (prose, a broken separator): never a value. */
function proseToken(src: Source, start: number, end: number, line: number): Token {
  const token = makeToken(src, start, end, line);
  token.valueLike = false;
  return token;
}

const PLAIN_NUMBER = /^[0-9０-９]+(\.[0-9０-９]+)?$/;
const isDigitCode = (c: number) => (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);

/** A Han character (the ranges of text.ts hasHan) in [s, e), read in place: the words of every line of a region pass here. */
function hasHanIn(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) return true;
  }
  return false;
}

/** A value cell in text copied out of a PDF (the word [s, e)): no Han characters, and a digit or a dash-like placeholder. */
function isSpaceValue(text: string, s: number, e: number): boolean {
  let digit = false;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    // (a number with its unit, `152790元`, `3件`, is a value as in the other layouts; other Han make a label)
    // (only after digits: a label's first Han ends the test without a copy of the word)
    if ((c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff))
      return digit && withUnit(text.slice(s, e));
    if (isDigitCode(c)) digit = true;
  }
  if (digit) return true;
  if (e - s !== 1) return false;
  const c = text.charCodeAt(s);
  return c === 45 || c === 0x2014 || c === 0xff0d || c === 47; // - — － /
}

/** Digits with a unit after them and nothing else (`152790元`, `1.5万元`). */
const withUnit = (word: string): boolean => UNIT.test(word) && /^[-+]?[0-9０-９][0-9０-９.,，]*$/.test(word.replace(UNIT, ''));

/**
 * Text out of a PDF: a label (which may itself contain spaces, `（四）无法 提供`)
 * followed by values separated by spaces. Values are the trailing run of
 * space-separated tokens that look like numbers.
 */
function spaceRows(src: Source, firstLine: number, lastLine: number): PhysicalRow[] {
  const rows: PhysicalRow[] = [];
  const { masked, lines: index } = src;
  for (let l = firstLine; l <= lastLine; l++) {
    const s = index.lineStart(l);
    const e = index.lineEnd(l);
    // Words of the line, as [start, end) pairs one after another.
    const words: number[] = [];
    let i = s;
    while (i < e) {
      while (i < e && isBlankChar(masked.charCodeAt(i))) i++;
      if (i >= e) break;
      const ws = i;
      // a number with markup inside (`**1**2`) is one word
      for (let j = i; ; i = j) {
        while (i < e && !isBlankChar(masked.charCodeAt(i))) i++;
        j = markupJoin(src, i, e);
        if (j === i) break;
      }
      // A label with its numbers run on (`…申请数量801000081`, text without cell separators): two words.
      let d = i;
      while (d > ws && isDigitCode(masked.charCodeAt(d - 1))) d--;
      if (d < i && d > ws && hasHanIn(masked, ws, d) && masked.charCodeAt(d - 1) !== 46 && masked.charCodeAt(d - 1) !== 0xff0e) {
        words.push(ws, d, d, i);
      } else words.push(ws, i);
    }
    if (words.length === 0) continue;
    // the trailing words that are values; the ones before them, the label
    let firstValue = words.length;
    while (firstValue > 0 && isSpaceValue(masked, words[firstValue - 2]!, words[firstValue - 1]!)) firstValue -= 2;
    const tokens: Token[] = [];
    if (firstValue > 0) {
      const label = makeToken(src, words[0]!, words[firstValue - 1]!, l);
      label.valueLike = false;
      tokens.push(label);
    }
    for (let w = firstValue; w < words.length; w += 2) tokens.push(makeToken(src, words[w]!, words[w + 1]!, l));
    rows.push({ tokens, firstLine: l, lastLine: l, end: e });
  }
  return rows;
}

// ---------------------------------------------------------------- grid tables

/**
 * A rule of a drawn table: w3m's box lines (`├──┼──┤`, also under a rowspan: `│   ├──┤`) and Markdown grid
 * tables' (`+----+----+`, `+====+`). A rule ends the row of every cell it draws under.
 */
const isGridRule = (t: string) => t.includes('─') || /^\+[-=:+]+\+$/.test(t);
/** A line of a drawn table's cells: `│a│b│` (w3m) or `| a | b |` between grid rules. */
const isGridCells = (t: string) => /^[│|].*[│|]$/.test(t);

/** A table drawn with rules (w3m's boxes, Markdown grid tables): two rules or more, one of them a full one. */
function isGrid(src: Source, firstLine: number, lastLine: number): boolean {
  let rules = 0;
  for (let l = firstLine; l <= lastLine && rules < 2; l++) {
    const t = src.masked.slice(src.lines.lineStart(l), src.lines.lineEnd(l)).trim();
    if (/^[┌├└+]/.test(t) && isGridRule(t)) rules++;
  }
  return rules >= 2;
}

/**
 * A drawn table's rows: the cell lines between two rules are one row, each cell's text the lines of its column
 * joined (a label the converter wrapped); a line outside the table is prose.
 */
function gridRows(src: Source, firstLine: number, lastLine: number): PhysicalRow[] {
  const rows: PhysicalRow[] = [];
  const { masked, lines: index } = src;
  let band: number[] = [];
  const flush = () => {
    if (band.length > 0) rows.push(gridRow(src, band));
    band = [];
  };
  for (let l = firstLine; l <= lastLine; l++) {
    const t = masked.slice(index.lineStart(l), index.lineEnd(l)).trim();
    if (t.length === 0) continue;
    if (isGridRule(t)) flush();
    else if (isGridCells(t)) band.push(l);
    else {
      flush();
      rows.push({ tokens: [proseToken(src, index.lineStart(l), index.lineEnd(l), l)], firstLine: l, lastLine: l, end: index.lineEnd(l) });
    }
  }
  flush();
  return rows;
}

/**
 * One row of a drawn table from its cell lines: cell k is the k-th field of every line. A label the converter
 * wrapped stays its pieces, in order (the row reader joins the labels before the values, by their spans); a
 * value is the one piece it is.
 */
function gridRow(src: Source, band: number[]): PhysicalRow {
  const fields = band.map((l) => gridFields(src, l));
  const width = Math.max(...fields.map((f) => f.length));
  const tokens: Token[] = [];
  for (let k = 0; k < width; k++) {
    const parts = fields.map((f) => f[k]).filter((t): t is Token => t !== undefined);
    const written = parts.filter((t) => t.text.length > 0);
    const first = written[0] ?? parts[0];
    if (!first) continue;
    const last = written[written.length - 1] ?? first;
    const text = written.map((t) => t.text).join('');
    if (written.length <= 1) tokens.push(first);
    else if (!isValueLike(text)) tokens.push(...written.map((t) => ({ ...t, valueLike: false })));
    // a number wrapped over lines (`77` ⏎ `30.28`) is all its pieces, never the first alone: its span covers them
    else tokens.push({ ...first, text, end: last.end });
  }
  const lastLine = band[band.length - 1] as number;
  return { tokens, firstLine: band[0] as number, lastLine, end: src.lines.lineEnd(lastLine) };
}

/** The fields of one cell line between its separators (`│` or `|`). */
function gridFields(src: Source, l: number): Token[] {
  const s = src.lines.lineStart(l);
  const e = src.lines.lineEnd(l);
  const line = src.masked.slice(s, e);
  const open = line.search(/[│|]/);
  const tokens: Token[] = [];
  let cellStart = s + open + 1;
  for (let i = cellStart; i < e; i++) {
    const c = src.masked[i];
    if (c !== '│' && c !== '|') continue;
    tokens.push(makeToken(src, cellStart, i, l));
    cellStart = i + 1;
  }
  return tokens;
}
