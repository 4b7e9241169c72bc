// Applying text edits to a string (for the CLI's --fix, tests and the fix
// simulator). Edits must not overlap; they are applied back to front.

import type { TextEdit } from './model';
import { TextIndex } from './text';

export function applyEdits(text: string, edits: TextEdit[], index: TextIndex = new TextIndex(text)): string {
  const resolved = edits
    .map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const e of resolved) {
    if (e.end > limit) throw new Error(`overlapping edits at offset ${e.start}`);
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

/** True when two edit lists touch overlapping ranges (so they cannot be applied together). */
export function editsOverlap(a: TextEdit[], b: TextEdit[], index: TextIndex): boolean {
  for (const x of a) {
    const xs = index.offsetAt(x.range.start);
    const xe = index.offsetAt(x.range.end);
    for (const y of b) {
      const ys = index.offsetAt(y.range.start);
      const ye = index.offsetAt(y.range.end);
      if (xs < ye && ys < xe) return true;
      if (xs === ys) return true; // two inserts at one point: order would be ambiguous
    }
  }
  return false;
}
