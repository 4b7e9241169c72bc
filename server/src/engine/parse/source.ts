// The document as the readers see it: lines, with the artefacts of Word and
// PDF export (`[bookmark: …]`, page markers `- 3 -`, a BOM) masked by spaces
// of the same length, so every offset still points into the original text.

import type { ArtefactNode } from '../model';
import type { TextIndex } from '../text';
import { findDirectives, withoutLines } from '../suppress';
import { readingLines, type Lines } from './lines';

export interface Source {
  text: string;
  index: TextIndex;
  /** The text with artefacts replaced by spaces; same length as `text`. */
  masked: string;
  /** The lines recognisers walk: the text's own, with long lines cut at their structure (lines.ts). */
  lines: Lines;
  artefacts: ArtefactNode[];
}

const BOOKMARK = '[bookmark:';

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
  blanks.sort((a, b) => a[0] - b[0]);
  artefacts.sort((a, b) => a.span.start - b.span.start);
  let masked = text;
  if (blanks.length > 0 || text.charCodeAt(0) === 0xfeff) {
    const parts: string[] = [];
    let at = 0;
    for (const [s, e] of blanks) {
      parts.push(text.slice(at, s), ' '.repeat(e - s));
      at = e;
    }
    parts.push(text.slice(at));
    masked = parts.join('');
    if (masked.charCodeAt(0) === 0xfeff) masked = ' ' + masked.slice(1);
  }
  return { text, index, masked, lines: withoutLines(readingLines(masked, index), index, directives), artefacts };
}

/** `- 3 -`, `— 3 —`, `-3-`: a page number a PDF copy leaves between lines. */
function isPageMarker(text: string, start: number, end: number): boolean {
  if (end - start > 16) return false;
  const t = text.slice(start, end).trim();
  if (t.length < 3) return false;
  const dash = (c: string) => c === '-' || c === '—' || c === '－' || c === '–';
  if (!dash(t.charAt(0)) || !dash(t.charAt(t.length - 1))) return false;
  const inner = t.slice(1, -1).trim();
  return inner.length > 0 && inner.length <= 4 && /^[0-9]+$/.test(inner);
}
