// Documents whose text is not the text the engine reads (a web page opened
// as HTML): the analysis is of the page's reading text, and every position
// that crosses the protocol is mapped — requests from page to reading,
// answers from reading to page, fix edits through the HTML writer (refused
// when it cannot place them exactly). Text documents have no view: every
// adapter passes them through unchanged.

import { join } from 'node:path';
import type { CodeAction, Diagnostic, DocumentSymbol, FoldingRange, Hover, Position, Range, TextDocumentEdit } from 'vscode-languageserver';
import { TextIndex, type Analysis, type TextEdit } from '../engine';
import type { HtmlReading, HtmlReadOptions } from '../engine/read/html';
import type { OffsetEdit } from '../engine/write/html';

export interface HtmlModule {
  readHtml(source: string, options?: HtmlReadOptions): HtmlReading;
  htmlEdits(source: string, reading: HtmlReading, edits: TextEdit[], index?: TextIndex): OffsetEdit[] | undefined;
}

/** The HTML reader and writer, a bundle of their own beside server.js: loaded when the first web page is opened. */
let htmlModule: HtmlModule | undefined;
export function loadHtmlModule(): HtmlModule {
  htmlModule ??= require(join(__dirname, 'readers', 'html.js')) as HtmlModule;
  return htmlModule;
}

export class SourceView {
  private readonly sourceIndex: TextIndex;
  /** Reading offset of each source offset: the first reading character at or after it. */
  private readingStarts: Int32Array | undefined;

  constructor(
    readonly source: string,
    readonly reading: HtmlReading,
    private readonly readingIndex: TextIndex,
    private readonly html: HtmlModule,
  ) {
    this.sourceIndex = new TextIndex(source);
  }

  /** A reading range as a page range. */
  toSource(range: Range): Range {
    const start = this.readingIndex.offsetAt(range.start);
    const end = this.readingIndex.offsetAt(range.end);
    const s = this.reading.toSource(start);
    const e = end > start ? Math.max(s, this.reading.toSourceEnd(end)) : s;
    return { start: this.sourceIndex.positionAt(s), end: this.sourceIndex.positionAt(e) };
  }

  /** A page position as the reading position of the text shown there (markup between texts maps to the next text). */
  toReading(position: Position): Position {
    const offset = this.sourceIndex.offsetAt(position);
    if (!this.readingStarts) this.readingStarts = this.buildInverse();
    // (The inverse has an entry for every source offset and one past the end: the read is in range.)
    return this.readingIndex.positionAt(this.readingStarts[Math.min(offset, this.readingStarts.length - 1)] ?? 0);
  }

  /** Fix edits of the reading text as page edits, or undefined when the writer cannot place them exactly. */
  toSourceEdits(edits: TextEdit[]): TextEdit[] | undefined {
    const placed = this.html.htmlEdits(this.source, this.reading, edits, this.readingIndex);
    return placed?.map((e) => ({
      range: { start: this.sourceIndex.positionAt(e.start), end: this.sourceIndex.positionAt(e.end) },
      newText: e.newText,
    }));
  }

  private buildInverse(): Int32Array {
    const n = this.reading.text.length;
    const inverse = new Int32Array(this.source.length + 1);
    // The reading map is monotonic: one pass over both, each source offset taking the first reading offset mapped at or after it.
    let r = 0;
    for (let x = 0; x <= this.source.length; x++) {
      while (r < n && this.reading.toSource(r) < x) r++;
      inverse[x] = r;
    }
    return inverse;
  }
}

/** The view each analysis of a non-text document was made through. */
const views = new WeakMap<Analysis, SourceView>();

export function registerView(analysis: Analysis, view: SourceView): void {
  views.set(analysis, view);
}

export function viewOf(analysis: Analysis): SourceView | undefined {
  return views.get(analysis);
}

// ---------------------------------------------------------------- adapters: reading → page

export function mapDiagnostics(view: SourceView | undefined, diagnostics: Diagnostic[]): Diagnostic[] {
  if (!view) return diagnostics;
  return diagnostics.map((d) => ({
    ...d,
    range: view.toSource(d.range),
    ...(d.relatedInformation
      ? {
          relatedInformation: d.relatedInformation.map((r) => ({
            ...r,
            location: { ...r.location, range: view.toSource(r.location.range) },
          })),
        }
      : {}),
  }));
}

export function mapHover(view: SourceView | undefined, hover: Hover | null): Hover | null {
  if (!view || !hover?.range) return hover;
  return { ...hover, range: view.toSource(hover.range) };
}

export function mapSymbols(view: SourceView | undefined, symbols: DocumentSymbol[]): DocumentSymbol[] {
  if (!view) return symbols;
  const map = (s: DocumentSymbol): DocumentSymbol => {
    const range = view.toSource(s.range);
    const selection = view.toSource(s.selectionRange);
    // The selection must lie inside the range (the protocol requires it; a mapped heading can end past its section's first text).
    const inside = comparePositions(selection.start, range.start) >= 0 && comparePositions(selection.end, range.end) <= 0;
    return {
      ...s,
      range,
      selectionRange: inside ? selection : { start: range.start, end: range.start },
      ...(s.children ? { children: s.children.map(map) } : {}),
    };
  };
  return symbols.map(map);
}

export function mapFolding(view: SourceView | undefined, ranges: FoldingRange[]): FoldingRange[] {
  if (!view) return ranges;
  const line = (l: number) => view.toSource({ start: { line: l, character: 0 }, end: { line: l, character: 0 } }).start.line;
  return ranges.map((r) => ({ ...r, startLine: line(r.startLine), endLine: line(r.endLine) })).filter((r) => r.endLine > r.startLine);
}

/** Code actions with their edits placed in the page; an action whose edits cannot be placed is dropped (its finding is then advice only). */
export function mapCodeActions(view: SourceView | undefined, actions: CodeAction[]): CodeAction[] {
  if (!view) return actions;
  const out: CodeAction[] = [];
  for (const action of actions) {
    const changes = action.edit?.documentChanges;
    if (!changes) {
      out.push({ ...action, ...(action.diagnostics ? { diagnostics: mapDiagnostics(view, action.diagnostics) } : {}) });
      continue;
    }
    const mapped: TextDocumentEdit[] = [];
    let placed = true;
    for (const change of changes) {
      if (!('textDocument' in change)) {
        placed = false;
        break;
      }
      const edits = view.toSourceEdits(change.edits.filter((e): e is TextEdit => 'range' in e && 'newText' in e));
      if (!edits) {
        placed = false;
        break;
      }
      mapped.push({ ...change, edits });
    }
    if (placed)
      out.push({
        ...action,
        edit: { documentChanges: mapped },
        ...(action.diagnostics ? { diagnostics: mapDiagnostics(view, action.diagnostics) } : {}),
      });
  }
  return out;
}

function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
