// The HTML writer: a fix stated as edits of the reading text, rewritten as
// edits of the page's own markup — the text of a cell changed inside its text
// node, a number put into an empty cell inside the cell's innermost element, a
// missing row inserted as a <tr> after the row before it. An edit it cannot
// place exactly is refused (undefined): the fix is then advice only.
//
// Every rewrite is proven before it is offered: the new page is read again
// and must read as the reading text with the fix applied.
//
// Pure: no file system.

import { applyEdits } from '../edits';
import type { TextEdit } from '../model';
import { readHtml, type HtmlReading } from '../read/html';
import { TextIndex } from '../text';

/** An edit by offsets. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Whether the page's source between two offsets is exactly the reading text given (no tags, entities or collapsed spaces in between). */
function sameText(source: string, start: number, end: number, reading: string): boolean {
  return end - start === reading.length && source.slice(start, end) === reading;
}

/** Past the start tags that open at `at` (`<td …><p …><span …>`): where text put into an empty cell belongs. */
function insideStartTags(source: string, at: number): number {
  let i = at;
  for (let guard = 0; guard < 32; guard++) {
    const m = /^<([A-Za-z][\w:-]*)\b[^<>]*>/.exec(source.slice(i, i + 2000));
    if (!m || /^(br|img|hr|input|meta|link|col|wbr)$/i.test(m[1] ?? '')) break;
    if (m[0].endsWith('/>')) break;
    i += m[0].length;
    // Whitespace between start tags is not the cell's text.
    while (i < source.length && /\s/.test(source.charAt(i)) && source[i + 1] === '<' && source[i + 2] !== '/') i++;
  }
  return i;
}

/** A place between two table rows near `at` (a line break maps to the end of the row before it or to the next row's first cell), or undefined. */
function rowBoundary(source: string, at: number): number | undefined {
  if (/<\/t[rdh]\s*>$/i.test(source.slice(Math.max(0, at - 8), at))) return at;
  if (/^<tr\b/i.test(source.slice(at, at + 4))) return at;
  if (/^<t[dh]\b/i.test(source.slice(at, at + 4))) {
    const tr = source.lastIndexOf('<tr', at);
    if (tr >= 0 && /^<tr\b[^<>]*>\s*$/i.test(source.slice(tr, at))) return tr;
  }
  return undefined;
}

/** A reading line (TAB-separated cells) as a table row of the page. */
function rowMarkup(line: string): string {
  return `<tr>${line
    .split('\t')
    .map((cell) => `<td>${escapeText(cell)}</td>`)
    .join('')}</tr>`;
}

/**
 * The source runs of reading text [from, to): maximal stretches copied one for one from the source, or
 * undefined when a character is not (an entity, a collapsed space, a line break the reader made).
 */
function textRuns(source: string, reading: HtmlReading, from: number, to: number): { start: number; end: number }[] | undefined {
  const runs: { start: number; end: number }[] = [];
  for (let r = from; r < to; r++) {
    const at = reading.toSource(r);
    if (source[at] !== reading.text[r] || reading.toSourceEnd(r + 1) !== at + 1) return undefined;
    const last = runs[runs.length - 1];
    if (last && last.end === at) last.end = at + 1;
    else runs.push({ start: at, end: at + 1 });
  }
  return runs;
}

/** One reading edit as page edits, or undefined when it cannot be placed exactly. */
function placeEdit(source: string, reading: HtmlReading, e: OffsetEdit): OffsetEdit[] | undefined {
  const text = reading.text;
  const removed = text.slice(e.start, e.end);
  if (removed.includes('\n') || removed.includes('\t')) return undefined; // across cells or lines: no single place in the markup
  if (e.newText.includes('\n')) {
    // Whole rows inserted between lines: after the markup of the row before them.
    if (e.start !== e.end) return undefined;
    let rows: string;
    let at: number;
    if ((e.start === 0 || text[e.start - 1] === '\n') && e.newText.endsWith('\n')) {
      rows = e.newText.slice(0, -1);
      at = reading.toSource(e.start - 1);
    } else if ((e.start === text.length || text[e.start] === '\n') && e.newText.startsWith('\n')) {
      rows = e.newText.slice(1);
      at = reading.toSource(e.start);
    } else return undefined;
    const boundary = rowBoundary(source, at);
    if (boundary === undefined) return undefined;
    return [{ start: boundary, end: boundary, newText: rows.split('\n').map(rowMarkup).join('') }];
  }
  if (e.newText.includes('\t')) return undefined;
  if (e.start < e.end) {
    const start = reading.toSource(e.start);
    const end = reading.toSourceEnd(e.end);
    if (sameText(source, start, end, removed)) return [{ start, end, newText: escapeText(e.newText) }];
    // Text split over several elements (a Word label in three <span>s): the new text goes where the old
    // began, the rest of the old is taken out of the nodes it sits in; the markup between stays.
    const runs = textRuns(source, reading, e.start, e.end);
    if (!runs) return undefined;
    return runs.map((r, i) => ({ start: r.start, end: r.end, newText: i === 0 ? escapeText(e.newText) : '' }));
  }
  // An insertion: into a text run, or into an empty cell.
  const prev = e.start > 0 ? text[e.start - 1] : '\n';
  const next = e.start < text.length ? text[e.start] : '\n';
  const emptyCell = (prev === '\t' || prev === '\n') && (next === '\t' || next === '\n');
  if (emptyCell) {
    const cellStart = reading.toSource(e.start);
    if (!/^<t[dh]\b/i.test(source.slice(cellStart, cellStart + 3))) return undefined;
    const inside = insideStartTags(source, cellStart);
    return [{ start: inside, end: inside, newText: escapeText(e.newText) }];
  }
  const at = next !== '\t' && next !== '\n' ? reading.toSource(e.start) : reading.toSourceEnd(e.start);
  return [{ start: at, end: at, newText: escapeText(e.newText) }];
}

/**
 * The page edits that make the page read as `reading.text` with `edits`
 * applied, or undefined when any edit cannot be placed exactly or the
 * rewritten page does not read as intended.
 */
export function htmlEdits(
  source: string,
  reading: HtmlReading,
  edits: TextEdit[],
  index: TextIndex = new TextIndex(reading.text),
): OffsetEdit[] | undefined {
  const placed: OffsetEdit[] = [];
  for (const edit of edits) {
    const e = { start: index.offsetAt(edit.range.start), end: index.offsetAt(edit.range.end), newText: edit.newText };
    const p = placeEdit(source, reading, e);
    if (!p) return undefined;
    placed.push(...p);
  }
  placed.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < placed.length; i++) {
    const a = placed[i - 1]!; // 1 ≤ i < placed.length
    const b = placed[i]!;
    if (b.start < a.end || (b.start === a.start && b.newText && a.newText)) return undefined;
  }
  const rewritten = applyOffsetEdits(source, placed);
  const expected = applyEdits(reading.text, edits, index);
  if (normalizeReading(readHtml(rewritten, reading.options).text) !== normalizeReading(expected)) return undefined;
  return placed;
}

/** Line ends and blank lines are layout in the reading text: compared without them. */
function normalizeReading(text: string): string {
  return text
    .replace(/[ \u00a0]+(?=\t|\n|$)/g, '')
    .replace(/\n+/g, '\n')
    .trim();
}

export function applyOffsetEdits(text: string, edits: OffsetEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
