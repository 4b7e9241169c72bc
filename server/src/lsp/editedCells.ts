// Which table cells the user changed in this editing session, per open
// document: the `didChange` ranges are kept as spans of the current text
// (moved along by later edits) and laid over the current analysis's cells
// when a code action asks. A clerk who just typed an addend wants the totals
// updated, not the number undone (codeActions.ts ranks fixes by this).

import type {
  Connection,
  DidChangeTextDocumentParams,
  NotificationHandler,
  TextDocumentContentChangeEvent,
  TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, CellNode, Span } from '../engine';

/** A change touching more cells than this is a paste or a rewrite, not typing. */
const MAX_CELLS_PER_CHANGE = 16;
/** Spans kept per document; the oldest go first (a long session forgets its first edits). */
const MAX_SPANS = 1000;

export class EditedCells {
  private readonly spans = new Map<string, Span[]>();

  /** Records one didChange against the document as it was before it. */
  changed(before: TextDocument, changes: readonly TextDocumentContentChangeEvent[]): void {
    let doc = before;
    let spans = this.spans.get(before.uri) ?? [];
    for (const [i, change] of changes.entries()) {
      if (!('range' in change)) {
        spans = []; // the whole text replaced: a reload, not typing
      } else {
        const a = doc.offsetAt(change.range.start);
        const b = doc.offsetAt(change.range.end);
        if (a === 0 && b >= doc.getText().length && doc.getText().length > 0) spans = [];
        else spans = moved(spans, a, b, change.text.length);
      }
      // Later changes of one event refer to the text after the earlier ones.
      if (i < changes.length - 1) {
        if (doc === before) doc = TextDocument.create(before.uri, before.languageId, before.version, before.getText());
        doc = TextDocument.update(doc, [change], doc.version + 1);
      }
    }
    if (spans.length > MAX_SPANS) spans = spans.slice(spans.length - MAX_SPANS);
    this.spans.set(before.uri, spans);
  }

  forget(uri: string): void {
    this.spans.delete(uri);
  }

  /** The cells of `analysis` (the document's current version) that edits of this session touched. */
  cells(uri: string, analysis: Analysis): Set<CellNode> {
    const out = new Set<CellNode>();
    const spans = this.spans.get(uri);
    if (!spans || spans.length === 0) return out;
    const cells = analysis.model.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.filter((c) => c.present)));
    for (const s of spans) {
      const hit = cells.filter((c) => s.start <= c.span.end && c.span.start <= s.end);
      if (hit.length <= MAX_CELLS_PER_CHANGE) for (const c of hit) out.add(c);
    }
    return out;
  }
}

/** The spans after [a, b) was replaced by `length` characters, with the new text as one more span. */
function moved(spans: Span[], a: number, b: number, length: number): Span[] {
  const delta = length - (b - a);
  const out: Span[] = [];
  let merged: Span = { start: a, end: a + length };
  for (const s of spans) {
    if (s.end < a) out.push(s);
    else if (s.start > b) out.push({ start: s.start + delta, end: s.end + delta });
    else merged = { start: Math.min(merged.start, s.start), end: Math.max(merged.end, s.end > b ? s.end + delta : a + length) };
  }
  out.push(merged);
  return out.sort((x, y) => x.start - y.start);
}

/**
 * The connection as `documents.listen` should see it: every didChange is
 * recorded against the document before TextDocuments applies it.
 */
export function trackingEdits(connection: Connection, documents: TextDocuments<TextDocument>, edited: EditedCells): Connection {
  return new Proxy(connection, {
    get(target, property) {
      if (property !== 'onDidChangeTextDocument') return Reflect.get(target, property, target) as unknown;
      return (handler: NotificationHandler<DidChangeTextDocumentParams>) =>
        target.onDidChangeTextDocument((params) => {
          const before = documents.get(params.textDocument.uri);
          try {
            if (before) edited.changed(before, params.contentChanges);
          } catch {
            edited.forget(params.textDocument.uri); // never let tracking cost the edit itself
          }
          return handler(params);
        });
    },
  });
}
