// The text writer: fix intents (model.ts `FixIntent`) written as edits of the
// reading text, in the layout the document already uses — a number into its
// cell, an official row between its neighbours, a heading on the line where
// its content starts. The checks say what should change; only this file knows
// lines, line breaks and layouts. (write/html.ts carries these edits into a
// web page's markup.)
//
// Pure: no file system.

import type { CellNode, FixIntent, ReportModel, RowNode, SectionNode, Span, TableNode, TextEdit } from '../model';
import { formatNumber } from '../parse/values';
import { presentNeighbours } from '../rows';
import { renderRow, renderSection, renderTable } from '../render';
import { childRows, FORMATS, sectionTemplate, tableTemplate } from '../template/formats';
import type { RowKey, SectionId, TableId } from '../template/types';
import { normalize, type TextIndex } from '../text';

/** What the writer reads: the reading text, its line index and the model over it. */
export interface TextDocumentView {
  text: string;
  index: TextIndex;
  model: ReportModel;
}

/** The edits that carry out these intents, in order. */
export function writeIntents(doc: TextDocumentView, intents: readonly FixIntent[]): TextEdit[] {
  return intents.flatMap((intent) => write(doc, intent));
}

function write(doc: TextDocumentView, intent: FixIntent): TextEdit[] {
  switch (intent.kind) {
    case 'set-cells':
      return setCells(doc, intent.cells);
    case 'replace':
      return [edit(doc, intent.span, intent.text)];
    case 'delete-line': {
      const line = doc.index.lineOf(intent.span.start);
      const end = line + 1 < doc.index.lineCount ? doc.index.lineStart(line + 1) : intent.span.end;
      return [edit(doc, { start: doc.index.lineStart(line), end }, '')];
    }
    case 'relabel':
      return relabel(doc, intent.label.span, intent.official);
    case 'insert-row':
      return insertRow(doc, intent.table, intent.row, intent.values);
    case 'split-row':
      return splitRow(doc, intent.table, intent.row);
    case 'insert-heading': {
      const at = lineStartOf(doc.text, intent.at.start);
      const title = sectionTemplate(FORMATS[doc.model.format], intent.section).title;
      const eol = doc.model.eol;
      return [edit(doc, { start: at, end: at }, title + eol + (intent.blankLineAfter ? eol : ''))];
    }
    case 'insert-section': {
      const offset = sectionInsertionOffset(doc, intent.section);
      const template = sectionTemplate(FORMATS[doc.model.format], intent.section);
      return [
        edit(
          doc,
          { start: offset, end: offset },
          insertionText(doc, offset, renderSection(doc.model.preferredLayout, template, doc.model.format)),
        ),
      ];
    }
    case 'insert-table':
      return insertTable(doc, intent.table);
    case 'move-section':
      return moveSection(doc, intent.section, intent.before);
  }
}

function edit(doc: TextDocumentView, span: Span, newText: string): TextEdit {
  return { range: doc.index.rangeOf(span), newText };
}

// ------------------------------------------------------------------ cells

const rowsOfCells = new WeakMap<ReportModel, Map<CellNode, { row: RowNode; table: TableNode }>>();

function placeOf(model: ReportModel, cell: CellNode): { row: RowNode; table: TableNode } | undefined {
  let map = rowsOfCells.get(model);
  if (!map) {
    map = new Map();
    for (const table of model.tables) for (const row of table.rows) for (const c of row.cells) map.set(c, { row, table });
    rowsOfCells.set(model, map);
  }
  return map.get(cell);
}

/**
 * Numbers into cells. Absent cells of one short row share one insertion
 * point, so they are written by one edit (the absent cells before the last
 * one as 0, which the sums already counted them as).
 */
function setCells(doc: TextDocumentView, cells: readonly { cell: CellNode; value: number }[]): TextEdit[] {
  const edits: TextEdit[] = [];
  const shortRows = new Map<RowNode, TableNode>();
  const values = new Map(cells.map((c) => [c.cell, c.value]));
  for (const { cell, value } of cells) {
    const place = placeOf(doc.model, cell);
    if (cell.present) {
      edits.push(edit(doc, cell.span, presentCellText(cell, place, formatNumber(value))));
    } else if (place) shortRows.set(place.row, place.table);
  }
  for (const [row, table] of shortRows) {
    const absent = row.cells.filter((c) => !c.present);
    const last = absent.reduce((n, c, i) => (values.has(c) ? i : n), -1);
    const upTo = absent.slice(0, last + 1);
    const at = upTo[upTo.length - 1];
    if (!at) continue; // (the row is here for an absent cell it holds, so upTo is never empty)
    const text = upTo.map((c) => absentCellText(doc.model, table, formatNumber(values.get(c) ?? 0))).join('');
    edits.push(edit(doc, at.span, text));
  }
  return edits;
}

/**
 * A number for a written cell. In text whose cells are split by spaces, a blank
 * has no place of its own (a web table's empty cell that vanished): the number
 * goes beside its neighbour, with a space between.
 */
function presentCellText(cell: CellNode, place: { row: RowNode; table: TableNode } | undefined, value: string): string {
  if (!place || place.table.layout !== 'space-separated' || cell.value.kind !== 'blank' || cell.span.start !== cell.span.end) return value;
  const i = place.row.cells.indexOf(cell);
  return place.row.cells.slice(0, i).some((c) => c.value.kind !== 'blank') ? ` ${value}` : `${value} `;
}

/** Text that adds one more cell at the end of a short row, in the table's layout. */
function absentCellText(model: ReportModel, table: TableNode, value: string): string {
  switch (table.layout) {
    case 'cell-per-line':
      return `${model.eol}\t${value}`;
    case 'markdown':
      return `| ${value} `;
    case 'space-separated':
      return ` ${value}`;
    default:
      return `\t${value}`;
  }
}

// ----------------------------------------------------------------- labels

/** The smallest edit that turns the written label into the official one, leaving spacing and line breaks alone. */
function relabel(doc: TextDocumentView, labelSpan: Span, official: string): TextEdit[] {
  const found = normalize(doc.text, labelSpan.start, labelSpan.end);
  const want = normalize(official);
  let p = 0;
  while (p < found.text.length && p < want.text.length && found.text[p] === want.text[p]) p++;
  let q = 0;
  while (
    q < found.text.length - p &&
    q < want.text.length - p &&
    found.text[found.text.length - 1 - q] === want.text[want.text.length - 1 - q]
  )
    q++;
  if (p === found.text.length && p === want.text.length) return [];
  const foundEnd = found.text.length - q;
  // p ≤ foundEnd ≤ found.text.length and p ≤ wantEnd ≤ want.text.length: every map read below is in range.
  const at = p > 0 ? found.map[p - 1]! + 1 : labelSpan.start;
  const span: Span = p < foundEnd ? { start: found.map[p]!, end: found.map[foundEnd - 1]! + 1 } : { start: at, end: at };
  const wantEnd = want.text.length - q;
  const replacement = p < wantEnd ? official.slice(want.map[p], want.map[wantEnd - 1]! + 1) : '';
  return [edit(doc, span, replacement)];
}

// ------------------------------------------------------------------- rows

/** An official row between the nearest present rows before and after it in template order. */
function insertRow(doc: TextDocumentView, table: TableNode, key: RowKey, values: readonly number[]): TextEdit[] {
  const template = tableTemplate(doc.model.format, table.id);
  const i = template?.rows.findIndex((r) => r.key === key) ?? -1;
  const official = template?.rows[i];
  if (!template || !official) return [];
  const { before, after } = presentNeighbours(table, template, i);
  const eol = doc.model.eol;
  const layout = table.layout;
  const pipe =
    layout === 'markdown' && pipeText(doc, table) ? pipeTextRow(doc, before ?? after, official.label, values.map(formatNumber)) : undefined;
  if (pipe && before) return [edit(doc, { start: pipe.end, end: pipe.end }, eol + pipe.text)];
  if (pipe) return [edit(doc, { start: pipe.start, end: pipe.start }, pipe.text + eol)];
  const labelColumns = layout === 'markdown' && before ? markdownLabelColumns(doc, before, template.columns.length) : 1;
  const lines = renderRow(layout, official.label, values.map(formatNumber), labelColumns);
  const gap = layout === 'cell-per-line' ? eol : '';
  if (before) {
    const offset = doc.index.lineEnd(doc.index.lineOf(before.span.end));
    return [edit(doc, { start: offset, end: offset }, eol + gap + lines.join(eol))];
  }
  const offset = lineStartOf(doc.text, (after ?? table).span.start);
  return [edit(doc, { start: offset, end: offset }, lines.join(eol) + eol + gap)];
}

/** Crawler pipe text, not Markdown, as the reader tells them (parse/layout.ts): lines ending with `|` but not starting with one, or a lone `|`. */
function pipeText(doc: TextDocumentView, table: TableNode): boolean {
  const { text, index } = doc;
  let n = 0;
  for (let l = index.lineOf(table.span.start); l <= index.lineOf(table.span.end) && n < 2; l++) {
    const t = text.slice(index.lineStart(l), index.lineEnd(l)).trim();
    if (t === '|' || (t.length > 1 && t.endsWith('|') && !t.startsWith('|'))) n++;
  }
  return n >= 2;
}

/**
 * Crawler pipe text (read as `markdown`: every cell ends with `|`, a row on one line or over several): a new row
 * written as its neighbour is, with the label and numbers in the neighbour's places, and where that row's text
 * starts and ends; undefined for a neighbour with an empty cell.
 */
function pipeTextRow(
  doc: TextDocumentView,
  row: RowNode | undefined,
  label: string,
  values: string[],
): { text: string; start: number; end: number } | undefined {
  const name = row?.label;
  if (!row || !name || row.cells.length !== values.length || row.cells.some((c) => !c.present || c.raw.length === 0)) return undefined;
  const { text, index } = doc;
  const line = index.lineOf(name.span.start);
  const start = index.lineStart(line);
  const last = row.cells[row.cells.length - 1] as CellNode;
  const lastLine = index.lineOf(last.span.end);
  // The row ends after its last cell with the lines of bare `|` after it (the cell's own `|` when its text and
  // its `|` are split, a merged cell's empty fields): the reader gives them to this row, not the next.
  let end = index.lineEnd(lastLine);
  const bare = (l: number) => (l < index.lineCount ? text.slice(index.lineStart(l), index.lineEnd(l)).trim() : '');
  for (let next = lastLine + 1; /^\|+$/.test(bare(next)); next++) end = index.lineEnd(next);
  // A group's label cell before the row's (`（三）不予公开 | 1.属于国家秘密 |`) is the group's, not the new row's;
  // an empty cell there (`| （二）…`, under a rowspan) is the new row's too.
  const before = text.slice(start, name.span.start).split('|');
  before.pop();
  const lead = before
    .filter((c) => c.trim().length === 0)
    .map(() => '|')
    .join('');
  let out = (lead ? `${lead} ` : '') + label;
  let at = name.span.end;
  for (const [i, c] of row.cells.entries()) {
    out += text.slice(at, c.span.start) + (values[i] as string);
    at = c.span.end;
  }
  return { text: out + text.slice(at, end), start, end };
}

/** How many label columns a Markdown row has (converters split a label over several). */
function markdownLabelColumns(doc: TextDocumentView, row: RowNode, valueColumns: number): number {
  const line = doc.index.lineText(doc.index.lineOf(row.span.start)).trim();
  const cells = line.split('|').length - 2;
  return Math.max(1, cells - valueColumns);
}

/** A group row written with numbers, rewritten as its label and official sub-rows, the numbers under the last. */
function splitRow(doc: TextDocumentView, table: TableNode, row: RowNode): TextEdit[] {
  const template = tableTemplate(doc.model.format, table.id);
  const children = template ? childRows(template, row.key) : [];
  if (!row.label || children.length === 0) return [];
  const eol = doc.model.eol;
  const values = row.cells.map((c) => (c.present ? c.raw || '0' : '0'));
  const zero = values.map(() => '0');
  const blocks = children.map((c, i) => renderRow(table.layout, c.label, i === children.length - 1 ? values : zero));
  const groupLine =
    table.layout === 'cell-per-line'
      ? `\t${row.label.text}`
      : table.layout === 'markdown'
        ? `| ${row.label.text} |${' |'.repeat(values.length)}`
        : row.label.text;
  const sep = table.layout === 'cell-per-line' ? eol + eol : eol;
  const text = [groupLine, blocks.map((b) => b.join(eol)).join(sep)].join(eol);
  const start = lineStartOf(doc.text, row.span.start);
  const end = doc.index.lineEnd(doc.index.lineOf(row.span.end));
  return [edit(doc, { start, end }, text)];
}

// --------------------------------------------------------- sections, tables

/** An official table before the next present table of its section, else after the last one, else at the section's end. */
function insertTable(doc: TextDocumentView, id: TableId): TextEdit[] {
  const template = FORMATS[doc.model.format];
  const table = template.tables.find((tb) => tb.id === id);
  if (!table) return [];
  const wanted = template.tables.filter((tb) => tb.section === table.section);
  const present = wanted.map((w) => doc.model.tables.find((tb) => tb.id === w.id));
  const i = wanted.indexOf(table);
  const section = doc.model.sections.find((s) => s.id === table.section);
  const next = present.slice(i + 1).find((tb) => tb);
  const previous = present
    .slice(0, i)
    .reverse()
    .find((tb) => tb);
  const offset = next
    ? lineStartOf(doc.text, next.span.start)
    : previous
      ? lineStartAfter(doc, previous.span.end)
      : (section?.span.end ?? doc.text.length);
  return [edit(doc, { start: offset, end: offset }, insertionText(doc, offset, renderTable(doc.model.preferredLayout, table)))];
}

/** A section (heading to the next heading) cut and put just before another. */
function moveSection(doc: TextDocumentView, section: SectionNode, before: SectionNode): TextEdit[] {
  let body = doc.text.slice(section.span.start, section.span.end);
  if (!/[\r\n]$/.test(body)) body += doc.model.eol;
  return [edit(doc, { start: before.span.start, end: before.span.start }, body), edit(doc, section.span, '')];
}

/** Offset where text for section `id` belongs: before the first later section, else at the end. */
function sectionInsertionOffset(doc: TextDocumentView, id: SectionId): number {
  const next = doc.model.sections.find((s) => s.id > id);
  return next ? next.span.start : doc.text.length;
}

/** Wraps lines for insertion at `offset`: starts on a fresh line and leaves a blank line after. */
function insertionText(doc: TextDocumentView, offset: number, lines: string[]): string {
  const eol = doc.model.eol;
  const atEnd = offset >= doc.text.length;
  const needsBreak = atEnd && doc.text.length > 0 && !/[\r\n]$/.test(doc.text);
  return (needsBreak ? eol : '') + lines.join(eol) + eol + (atEnd ? '' : eol);
}

/** Start of the line after the one holding `offset`. */
function lineStartAfter(doc: TextDocumentView, offset: number): number {
  const line = doc.index.lineOf(Math.max(0, offset - 1));
  return line + 1 < doc.index.lineCount ? doc.index.lineStart(line + 1) : doc.text.length;
}

export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}
