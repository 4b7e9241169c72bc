// The PDF reader: a published report PDF read into the reading text the
// line-based recognisers understand — one line per text line, a table row as
// ONE line of TAB-separated cells — with every reading character anchored to
// the page and the top-left of the text item it came from.
//
// - Tables come from their borders (stroked lines and thin filled rectangles
//   in the operator list): an item belongs to the cell whose rules enclose it,
//   a cell's lines join, the cells starting on one rule form one row. So a
//   label wrapped inside its cell, numbers at another baseline and a vertical
//   merged label (written once, in its first row, as the HTML reader does)
//   never break a row. Text outside cells: lines by baseline, a gap wider
//   than a character a TAB.
// - Page numbers (`- 3 -`, `第 3 页`, a lone number in the top or bottom band)
//   are dropped wherever they come in content order.
// - Kangxi radicals and CJK radical look-alikes (browser-printed PDFs) become
//   the ideographs they imitate; spaces WPS puts between Han characters go.
// - Bad input never throws: each reason is one `problems` entry.
//
// Pure: no file system. What needs I/O (the CMaps) comes from the host.

import type { PDFDocumentProxy, PDFPageProxy, TextContent, TextItem } from 'pdfjs-dist/types/src/display/api';
import type { ReadDocument, ReadProblem, SourceAnchor } from './document';

type Pdfjs = typeof import('pdfjs-dist/types/src/pdf');

/** What the reader needs from outside: CMap files (packed `.bcmap`), optionally standard font data. */
export interface PdfHost {
  /** The packed CMap named `name` (e.g. `UniGB-UCS2-H`): the bytes of `<name>.bcmap`. */
  loadCMap(name: string): Uint8Array | Promise<Uint8Array>;
  /** A standard font file (e.g. `FoxitSans.pfb`); without it pdf.js uses its built-in metrics. */
  loadStandardFont?(filename: string): Uint8Array | Promise<Uint8Array>;
}

export interface PdfReadOptions {
  /** Pages read at most; the rest is said in a problem. */
  maxPages?: number;
}

export interface PdfReading extends ReadDocument {
  form: 'pdf';
  editable: false;
  /** Pages in the file (0 when it could not be opened). */
  pageCount: number;
  /** Pages whose text was read. */
  pagesRead: number;
}

/** The problem codes this reader gives. */
export const PDF_PROBLEMS = {
  notPdf: 'not-a-pdf',
  corrupt: 'corrupt',
  encrypted: 'encrypted',
  noTextLayer: 'no-text-layer',
  noPages: 'no-pages',
  tooManyPages: 'too-many-pages',
  pagesUnreadable: 'pages-unreadable',
} as const;
export type PdfProblemCode = (typeof PDF_PROBLEMS)[keyof typeof PDF_PROBLEMS];

export const DEFAULT_MAX_PAGES = 300;

const problem = (code: PdfProblemCode, zh: string, en: string): ReadProblem => ({ code, message: { zh, en } });

// ------------------------------------------------------------------ pdf.js

let pdfjsLoading: Promise<Pdfjs> | undefined;

/** pdf.js and its worker, loaded once; the worker runs in this thread (pdf.js's "fake worker" finds it on `globalThis.pdfjsWorker`). */
function loadPdfjs(): Promise<Pdfjs> {
  pdfjsLoading ??= (async () => {
    // pdf.mjs builds a DOMMatrix at load time; text extraction never uses it (the native canvas package is not shipped).
    const g = globalThis as { DOMMatrix?: unknown };
    g.DOMMatrix ??= class DOMMatrix {};
    // Loading warns on stdout that canvas/Path2D cannot be polyfilled (rendering only): keep the CLI's output clean.
    const { log, warn } = console;
    console.log = console.warn = () => undefined;
    const natives = snapshotBuiltins();
    try {
      const lib = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as Pdfjs;
      // @ts-expect-error the worker build ships no types; importing it registers globalThis.pdfjsWorker
      await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      return lib;
    } finally {
      restoreBuiltins(natives);
      console.log = log;
      console.warn = warn;
    }
  })();
  return pdfjsLoading;
}

/**
 * The legacy build's core-js replaces native methods Node 20 has but judges imperfect (Array.prototype.push,
 * JSON.parse/stringify, Function.prototype.toString) for the whole process: the server and the engine would
 * run on slow polyfills after the first PDF. Its additions (Promise.withResolvers, Uint8Array.prototype.toHex …)
 * are kept; replaced natives are put back.
 */
function snapshotBuiltins(): [object, PropertyKey, PropertyDescriptor][] {
  const typed = Object.getPrototypeOf(Uint8Array.prototype) as object;
  const targets: object[] = [Array, Array.prototype, Object, Object.prototype, Function.prototype, JSON, Math, Number, String, String.prototype, Promise, Promise.prototype, Map, Map.prototype, Set, Set.prototype, WeakMap.prototype, RegExp.prototype, Uint8Array, Uint8Array.prototype, typed, ArrayBuffer, ArrayBuffer.prototype, Reflect];
  const out: [object, PropertyKey, PropertyDescriptor][] = [];
  for (const t of targets) {
    for (const key of Reflect.ownKeys(t)) {
      const d = Object.getOwnPropertyDescriptor(t, key);
      if (d && typeof d.value === 'function') out.push([t, key, d]);
    }
  }
  return out;
}
function restoreBuiltins(saved: [object, PropertyKey, PropertyDescriptor][]): void {
  for (const [t, key, d] of saved) {
    const now = Object.getOwnPropertyDescriptor(t, key);
    if (now?.value !== d.value) {
      try {
        Object.defineProperty(t, key, d);
      } catch {
        // a property made read-only: leave it
      }
    }
  }
}

/** pdf.js's data factory, answered by the host: no network, no file paths inside the engine. */
function dataFactory(host: PdfHost) {
  return class HostDataFactory {
    async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
      if (kind === 'cMapUrl') return host.loadCMap(filename.replace(/\.bcmap$/, ''));
      if (kind === 'standardFontDataUrl' && host.loadStandardFont) return host.loadStandardFont(filename);
      throw new Error(`no ${kind} data for ${filename}`);
    }
  };
}

// ------------------------------------------------------------------ geometry

/** A text item in page coordinates (y down from the page top, PDF units). */
interface Item {
  text: string;
  x: number;
  right: number;
  top: number;
  bottom: number;
  size: number;
  vertical: boolean;
  /** Index into the anchor table. */
  anchor: number;
}

interface HRule { y: number; x0: number; x1: number }
interface VRule { x: number; y0: number; y1: number }

type Matrix = [number, number, number, number, number, number];
const mul = (m: Matrix, n: readonly number[]): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

const RULE_THICKNESS = 2.5;

/** Table borders from the page's drawing: axis-aligned stroked segments and thin filled rectangles, in page coordinates. */
function pageRules(ops: { fnArray: number[]; argsArray: unknown[] }, OPS: Pdfjs['OPS'], base: Matrix): { h: HRule[]; v: VRule[] } {
  const h: HRule[] = [];
  const v: VRule[] = [];
  const stack: Matrix[] = [];
  let ctm = base;
  const addSegment = (a: [number, number], b: [number, number]) => {
    if (Math.abs(a[1] - b[1]) < 0.5 && Math.abs(a[0] - b[0]) > 2) h.push({ y: (a[1] + b[1]) / 2, x0: Math.min(a[0], b[0]), x1: Math.max(a[0], b[0]) });
    else if (Math.abs(a[0] - b[0]) < 0.5 && Math.abs(a[1] - b[1]) > 2) v.push({ x: (a[0] + b[0]) / 2, y0: Math.min(a[1], b[1]), y1: Math.max(a[1], b[1]) });
  };
  const strokeOps = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fillOps = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? base;
    else if (fn === OPS.transform && Array.isArray(args) && args.length === 6) ctm = mul(ctm, args as number[]);
    else if (fn === OPS.paintFormXObjectBegin && Array.isArray(args)) {
      stack.push(ctm);
      const m = args[0];
      if (Array.isArray(m) || ArrayBuffer.isView(m)) ctm = mul(ctm, Array.from(m as ArrayLike<number>));
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? base;
    else if (fn === OPS.constructPath && Array.isArray(args)) {
      const op = args[0] as number;
      const stroke = strokeOps.has(op);
      const fill = fillOps.has(op);
      if (!stroke && !fill) continue; // a clip or an unpainted path
      const data = (args[1] as unknown[] | undefined)?.[0];
      if (!data || !(ArrayBuffer.isView(data) || Array.isArray(data))) continue;
      const d = data as ArrayLike<number>;
      let start: [number, number] | undefined;
      let cur: [number, number] | undefined;
      let sub: [number, number][] = [];
      const endSub = () => {
        if (fill && sub.length >= 3) {
          const xs = sub.map((p) => p[0]);
          const ys = sub.map((p) => p[1]);
          const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
          if (y1 - y0 <= RULE_THICKNESS && x1 - x0 > 4) h.push({ y: (y0 + y1) / 2, x0, x1 });
          else if (x1 - x0 <= RULE_THICKNESS && y1 - y0 > 4) v.push({ x: (x0 + x1) / 2, y0, y1 });
        }
        sub = [];
      };
      for (let k = 0; k < d.length; ) {
        const code = d[k];
        if (code === 0) {
          endSub();
          cur = start = apply(ctm, d[k + 1], d[k + 2]);
          sub.push(cur);
          k += 3;
        } else if (code === 1) {
          const p = apply(ctm, d[k + 1], d[k + 2]);
          if (stroke && cur) addSegment(cur, p);
          cur = p;
          sub.push(p);
          k += 3;
        } else if (code === 2) {
          cur = apply(ctm, d[k + 5], d[k + 6]);
          sub.push(cur);
          k += 7;
        } else if (code === 3) {
          cur = apply(ctm, d[k + 3], d[k + 4]);
          sub.push(cur);
          k += 5;
        } else if (code === 4) {
          if (stroke && cur && start) addSegment(cur, start);
          cur = start;
          k += 1;
        } else break; // unknown drawing code: stop reading this path
      }
      endSub();
    }
  }
  return { h: mergeH(h), v: mergeV(v) };
}

function mergeH(rules: HRule[]): HRule[] {
  rules.sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const out: HRule[] = [];
  for (const r of rules) {
    const same = out.find((o) => Math.abs(o.y - r.y) <= 1 && r.x0 <= o.x1 + 2 && r.x1 >= o.x0 - 2);
    if (same) {
      same.x0 = Math.min(same.x0, r.x0);
      same.x1 = Math.max(same.x1, r.x1);
    } else out.push({ ...r });
  }
  return out;
}

function mergeV(rules: VRule[]): VRule[] {
  rules.sort((a, b) => a.x - b.x || a.y0 - b.y0);
  const out: VRule[] = [];
  for (const r of rules) {
    const same = out.find((o) => Math.abs(o.x - r.x) <= 1 && r.y0 <= o.y1 + 2 && r.y1 >= o.y0 - 2);
    if (same) {
      same.y0 = Math.min(same.y0, r.y0);
      same.y1 = Math.max(same.y1, r.y1);
    } else out.push({ ...r });
  }
  return out;
}

interface Box { l: number; t: number; r: number; b: number }

/** The cell whose rules enclose a point, or undefined outside a table. */
function cellAt(rules: { h: HRule[]; v: VRule[] }, x: number, y: number, maxWidth: number): Box | undefined {
  let left: VRule | undefined, right: VRule | undefined;
  for (const v of rules.v) {
    if (y < v.y0 - 1 || y > v.y1 + 1) continue;
    if (v.x <= x && (!left || v.x > left.x)) left = v;
    if (v.x >= x && (!right || v.x < right.x)) right = v;
  }
  if (!left || !right || right.x - left.x > maxWidth) return undefined;
  let t = -Infinity, b = Infinity;
  for (const h of rules.h) {
    if (x < h.x0 - 1 || x > h.x1 + 1) continue;
    if (h.y <= y && h.y > t) t = h.y;
    if (h.y >= y && h.y < b) b = h.y;
  }
  // A table crossing a page is often left open at the page's edge: the cell then ends where its column's rules end.
  if (!Number.isFinite(t)) t = Math.max(left.y0, right.y0);
  if (!Number.isFinite(b)) b = Math.min(left.y1, right.y1);
  return { l: left.x, t, r: right.x, b };
}

// ------------------------------------------------------------------ text

/** CJK Radicals Supplement look-alikes NFKC leaves alone (browser-printed PDFs use them for the simplified ideograph). */
const RADICALS: Record<string, string> = {
  '⺠': '民', '⻓': '长', '⻅': '见', '⻔': '门', '⻋': '车', '⻢': '马', '⻛': '风', '⻜': '飞', '⻩': '黄', '⻚': '页',
  '⻘': '青', '⻝': '食', '⻮': '齿', '⻰': '龙', '⻉': '贝', '⻆': '角', '⻨': '麦', '⻬': '齐', '⻦': '鸟', '⻥': '鱼',
  '⻤': '鬼', '⻣': '骨', '⻄': '西', '⻊': '足', '⻧': '卤', '⺁': '厂', '⺇': '几', '⺊': '卜', '⺬': '示', '⺼': '肉',
};

/** Kangxi radicals and compatibility ideographs (NFKC), radical look-alikes (the map), odd spaces as spaces. */
function normaliseChars(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c >= 0x2f00 && c <= 0x2fdf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x2f800 && c <= 0x2fa1f)) out += ch.normalize('NFKC');
    else if (c >= 0x2e80 && c <= 0x2eff) out += RADICALS[ch] ?? ch.normalize('NFKC');
    else if (c === 0x3000 || c === 0xa0 || c === 0x09 || (c >= 0x2000 && c <= 0x200b)) out += ' ';
    else if (c < 0x20 || c === 0xfffd || c === 0xfeff) continue; // control characters and undecodable glyphs carry nothing
    else out += ch;
  }
  return out;
}

/** East Asian wide characters: Han, kana, CJK and full-width punctuation. A space between two of them is WPS's, not the author's. */
function isWide(c: number): boolean {
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019;
}
const isDigit = (c: number) => c >= 48 && c <= 57;

/** An item's text: normalised, spaces between wide characters removed, runs of spaces collapsed. */
function cleanText(s: string): string {
  const t = normaliseChars(s).replace(/ {2,}/g, ' ');
  let out = '';
  for (let i = 0; i < t.length; i++) {
    if (t[i] === ' ' && i > 0 && i + 1 < t.length && isWide(out.charCodeAt(out.length - 1)) && isWide(t.charCodeAt(i + 1))) continue;
    out += t[i];
  }
  return out.trim();
}

/** The joint between two items of one line: nothing, a space, or a TAB (a cell boundary; never inside a table cell). */
function joint(a: Item, b: Item, inCell: boolean): string {
  const gap = b.x - a.right;
  const size = Math.max(a.size, b.size, 1);
  const last = a.text.charCodeAt(a.text.length - 1);
  const first = b.text.charCodeAt(0);
  if (isDigit(last) && isDigit(first) && gap < 0.5 * size) return ''; // digits of one number are never split
  if (!inCell && gap > 1.1 * size) return '\t';
  if (gap > 0.25 * size && !(isWide(last) && isWide(first))) return ' ';
  return '';
}

/** Items grouped into lines by baseline: vertical extents that overlap by half the smaller height. */
function groupLines(items: Item[]): Item[][] {
  const sorted = [...items].sort((a, b) => (a.top + a.bottom) / 2 - (b.top + b.bottom) / 2 || a.x - b.x);
  const lines: { top: number; bottom: number; items: Item[] }[] = [];
  for (const it of sorted) {
    const h = it.bottom - it.top;
    let target: (typeof lines)[number] | undefined;
    for (let k = lines.length - 1; k >= 0 && k >= lines.length - 3; k--) {
      const line = lines[k];
      const overlap = Math.min(line.bottom, it.bottom) - Math.max(line.top, it.top);
      if (overlap >= 0.5 * Math.min(h, line.bottom - line.top)) {
        target = line;
        break;
      }
    }
    if (target) {
      target.items.push(it);
      target.top = Math.min(target.top, it.top);
      target.bottom = Math.max(target.bottom, it.bottom);
    } else lines.push({ top: it.top, bottom: it.bottom, items: [it] });
  }
  for (const l of lines) l.items.sort((a, b) => a.x - b.x);
  return lines.map((l) => l.items);
}

/** One piece of reading text: characters and, per character, the anchor index (-1 for an inserted separator). */
interface Piece { text: string; refs: number[] }

function piece(): Piece {
  return { text: '', refs: [] };
}
function putItem(p: Piece, it: Item): void {
  p.text += it.text;
  for (let i = 0; i < it.text.length; i++) p.refs.push(it.anchor);
}
function putSep(p: Piece, s: string): void {
  p.text += s;
  for (let i = 0; i < s.length; i++) p.refs.push(-1);
}
function putPiece(p: Piece, q: Piece): void {
  p.text += q.text;
  p.refs.push(...q.refs);
}

/** A line's items joined; `inCell` joins with spaces only. */
function lineText(items: Item[], inCell: boolean): Piece {
  const p = piece();
  items.forEach((it, k) => {
    if (k > 0) putSep(p, joint(items[k - 1], it, inCell));
    putItem(p, it);
  });
  return p;
}

/** A cell's text: its lines joined (nothing between wide characters, else a space). */
function cellText(items: Item[]): Piece {
  const p = piece();
  for (const line of groupLines(items)) {
    const q = lineText(line, true);
    if (p.text && q.text) putSep(p, isWide(p.text.charCodeAt(p.text.length - 1)) && isWide(q.text.charCodeAt(0)) ? '' : ' ');
    putPiece(p, q);
  }
  return p;
}

/** `- 3 -`, `— 3 —`, `第 3 页`, `第3页 共5页`, `3/5`, `3`: a page number, when it also sits in the page's top or bottom band. */
function isPageNumber(text: string, top: number, bottom: number, height: number): boolean {
  const t = text.replace(/\s+/g, '');
  if (t.length > 16) return false;
  const shaped = /^[-—–－―_]+\d{1,4}[-—–－―_]+$/.test(t) || /^第\d{1,4}页(共\d{1,4}页)?$/.test(t) || /^\d{1,4}(\/\d{1,4})?$/.test(t) || /^page\d{1,4}(of\d{1,4})?$/i.test(t);
  return shaped && (bottom < height * 0.12 || top > height * 0.85);
}

interface Unit { top: number; x: number; piece: Piece }

/** One page's lines, top to bottom. */
function pageUnits(items: Item[], rules: { h: HRule[]; v: VRule[] }, width: number, height: number): Unit[] {
  const units: Unit[] = [];
  const cells = new Map<string, { box: Box; items: Item[] }>();
  const free: Item[] = [];
  const maxCell = width * 0.6; // a page frame is not a table cell
  for (const it of items) {
    const box = rules.v.length > 0 ? cellAt(rules, (it.x + it.right) / 2, (it.top + it.bottom) / 2, maxCell) : undefined;
    if (!box) {
      free.push(it);
      continue;
    }
    const key = `${box.l.toFixed(1)},${box.t.toFixed(1)},${box.r.toFixed(1)},${box.b.toFixed(1)}`;
    const cell = cells.get(key);
    if (cell) cell.items.push(it);
    else cells.set(key, { box, items: [it] });
  }

  // Rows: the cells that start on one horizontal rule.
  const sortedCells = [...cells.values()].sort((a, b) => a.box.t - b.box.t || a.box.l - b.box.l);
  const rows: (typeof sortedCells)[] = [];
  for (const c of sortedCells) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0].box.t - c.box.t) <= 1.5) row.push(c);
    else rows.push([c]);
  }
  for (const row of rows) {
    const t = row[0].box.t;
    row.sort((a, b) => a.box.l - b.box.l);
    // Empty cells of the row: the column intervals between vertical rules crossing just below the row's top rule,
    // on the stretch of that rule the row's cells lie on; an interval the rule does not cover continues a merged cell above.
    const topRule = rules.h.find((h) => Math.abs(h.y - t) <= 1.5 && h.x0 - 1 <= row[0].box.l + 1 && h.x1 + 1 >= row[0].box.l + 1);
    const fields: { l: number; piece: Piece }[] = row.map((c) => ({ l: c.box.l, piece: cellText(c.items) }));
    if (topRule) {
      const y = t + 1.5;
      const xs = rules.v.filter((v) => v.x >= topRule.x0 - 1 && v.x <= topRule.x1 + 1 && v.y0 <= y + 1 && v.y1 >= y).map((v) => v.x).sort((a, b) => a - b);
      for (let k = 0; k + 1 < xs.length; k++) {
        const mid = (xs[k] + xs[k + 1]) / 2;
        if (xs[k + 1] - xs[k] < 2) continue;
        if (row.some((c) => mid > c.box.l && mid < c.box.r)) continue;
        const starts = rules.h.some((h) => Math.abs(h.y - t) <= 1.5 && h.x0 - 1 <= mid && h.x1 + 1 >= mid);
        if (starts) fields.push({ l: xs[k], piece: piece() });
      }
      fields.sort((a, b) => a.l - b.l);
    }
    const p = piece();
    fields.forEach((f, k) => {
      if (k > 0) putSep(p, '\t');
      putPiece(p, f.piece);
    });
    // Anchor an empty first field (a blank cell) to the row's first item, as separators are.
    units.push({ top: t, x: row[0].box.l, piece: p });
  }

  // Text outside tables: lines by baseline; a vertical item is a line of its own.
  const flowing = free.filter((it) => !it.vertical);
  for (const it of free) if (it.vertical) units.push({ top: it.top, x: it.x, piece: lineText([it], false) });
  for (const line of groupLines(flowing)) {
    const top = Math.min(...line.map((i) => i.top));
    const bottom = Math.max(...line.map((i) => i.bottom));
    const p = lineText(line, false);
    if (isPageNumber(p.text, top, bottom, height)) continue;
    units.push({ top, x: line[0].x, piece: p });
  }
  units.sort((a, b) => a.top - b.top || a.x - b.x);
  return units;
}

/** A page's text items in page coordinates. */
function pageItems(content: TextContent, viewport: Matrix, anchors: SourceAnchor[], page: number): Item[] {
  const out: Item[] = [];
  for (const raw of content.items) {
    if (!('str' in raw)) continue;
    const it = raw as TextItem;
    const text = cleanText(it.str);
    if (!text) continue;
    const tf = it.transform as number[];
    if (tf.length !== 6 || !tf.every(Number.isFinite)) continue;
    const m = mul(viewport, tf);
    const style = content.styles[it.fontName];
    const vertical = it.dir === 'ttb' || style?.vertical === true;
    const size = Math.hypot(m[2], m[3]) || it.height || 1;
    let x: number, right: number, top: number, bottom: number;
    if (vertical) {
      const w = it.width || size;
      x = m[4] - w / 2;
      right = m[4] + w / 2;
      top = m[5];
      bottom = m[5] + (it.height || size);
    } else {
      const ascent = style && Number.isFinite(style.ascent) && style.ascent > 0 ? style.ascent : 0.8;
      const descent = style && Number.isFinite(style.descent) && style.descent < 0 ? -style.descent : 0.2;
      x = m[4];
      right = m[4] + Math.max(it.width, 0);
      top = m[5] - size * ascent;
      bottom = m[5] + size * descent;
    }
    if (![x, right, top, bottom].every(Number.isFinite)) continue;
    anchors.push({ kind: 'pdf', page, x: Math.round(x * 100) / 100, y: Math.round(top * 100) / 100 });
    out.push({ text, x, right, top, bottom, size, vertical, anchor: anchors.length - 1 });
  }
  return out;
}

// ------------------------------------------------------------------ reading

function looksLikePdf(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1024) - 5;
  for (let i = 0; i <= n; i++) {
    if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46 && bytes[i + 4] === 0x2d) return true;
  }
  return false;
}

function errorName(e: unknown): string {
  return e && typeof e === 'object' && 'name' in e && typeof e.name === 'string' ? e.name : '';
}
function errorMessage(e: unknown): string {
  const m = e && typeof e === 'object' && 'message' in e && typeof e.message === 'string' ? e.message : String(e);
  return m.split('\n')[0].slice(0, 200);
}

function reading(text: string, refs: number[], anchors: SourceAnchor[], problems: ReadProblem[], pageCount: number, pagesRead: number): PdfReading {
  // An inserted separator maps to the next item (the last ones to the item before them).
  const ref = Int32Array.from(refs);
  let next = -1;
  for (let i = ref.length - 1; i >= 0; i--) {
    if (ref[i] >= 0) next = ref[i];
    else ref[i] = next;
  }
  let prev = -1;
  for (let i = 0; i < ref.length; i++) {
    if (ref[i] >= 0) prev = ref[i];
    else ref[i] = prev;
  }
  const none: SourceAnchor = { kind: 'pdf', page: 1, x: 0, y: 0 };
  const at = (k: number): SourceAnchor => (k >= 0 && k < anchors.length ? anchors[k] : none);
  const n = text.length;
  return {
    form: 'pdf',
    text,
    anchorAt: (offset) => (n === 0 ? none : at(ref[Math.max(0, Math.min(Math.trunc(offset) || 0, n - 1))])),
    anchorEnd: (offset) => (n === 0 ? none : at(ref[Math.max(0, Math.min((Math.trunc(offset) || 0) - 1, n - 1))])),
    problems,
    editable: false,
    pageCount,
    pagesRead,
  };
}

const failed = (p: ReadProblem, pageCount = 0): PdfReading => reading('', [], [], [p], pageCount, 0);

/** Reads a PDF's text layer into a reading text. Never throws: what cannot be read is in `problems`. */
export async function readPdf(bytes: Uint8Array, host: PdfHost, options: PdfReadOptions = {}): Promise<PdfReading> {
  try {
    return await readPdfUnsafe(bytes, host, options);
  } catch (e) {
    return failed(problem(PDF_PROBLEMS.corrupt, `此 PDF 无法读取（${errorMessage(e)}）`, `this PDF cannot be read (${errorMessage(e)})`));
  }
}

async function readPdfUnsafe(bytes: Uint8Array, host: PdfHost, options: PdfReadOptions): Promise<PdfReading> {
  if (!looksLikePdf(bytes)) {
    return failed(problem(PDF_PROBLEMS.notPdf, '这不是 PDF 文件（开头没有 %PDF- 标记），无法读取', 'this is not a PDF file (no %PDF- header), so it cannot be read'));
  }
  const lib = await loadPdfjs();
  const task = lib.getDocument({
    data: new Uint8Array(bytes), // a copy pdf.js may take over; a plain Uint8Array (it refuses a Buffer)
    verbosity: lib.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    useWasm: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    cMapPacked: true,
    maxImageSize: 1, // images are never looked at: do not decode them
    stopAtErrors: false,
    BinaryDataFactory: dataFactory(host),
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    if (errorName(e) === 'PasswordException') {
      return failed(problem(PDF_PROBLEMS.encrypted, '此 PDF 已加密（需要密码才能打开），无法检查；请提供未加密的文件', 'this PDF is encrypted (it needs a password to open) and cannot be checked; provide an unencrypted copy'));
    }
    return failed(problem(PDF_PROBLEMS.corrupt, `此 PDF 已损坏或不完整，无法读取（${errorMessage(e)}）`, `this PDF is damaged or incomplete and cannot be read (${errorMessage(e)})`));
  }
  try {
    const problems: ReadProblem[] = [];
    const pageCount = doc.numPages;
    if (!(pageCount > 0)) return failed(problem(PDF_PROBLEMS.noPages, '此 PDF 没有页面', 'this PDF has no pages'));
    const max = Math.max(1, Math.floor(options.maxPages ?? DEFAULT_MAX_PAGES));
    const last = Math.min(pageCount, max);
    if (pageCount > max) {
      problems.push(problem(PDF_PROBLEMS.tooManyPages, `此 PDF 有 ${pageCount} 页，只读取了前 ${max} 页`, `this PDF has ${pageCount} pages; only the first ${max} were read`));
    }
    const anchors: SourceAnchor[] = [];
    const out = piece();
    const badPages: number[] = [];
    let pagesRead = 0;
    for (let p = 1; p <= last; p++) {
      try {
        const units = await readPage(await doc.getPage(p), lib, anchors, p);
        for (const u of units) {
          if (!u.piece.text) continue;
          if (out.text) putSep(out, '\n');
          putPiece(out, u.piece);
        }
        pagesRead++;
      } catch {
        badPages.push(p);
      }
    }
    if (badPages.length > 0) {
      const list = badPages.length > 10 ? `${badPages.slice(0, 10).join('、')} 等 ${badPages.length} 页` : badPages.join('、');
      const listEn = badPages.length > 10 ? `${badPages.slice(0, 10).join(', ')} and ${badPages.length - 10} more` : badPages.join(', ');
      problems.push(problem(PDF_PROBLEMS.pagesUnreadable, `第 ${list} 页无法读取（文件可能已损坏），只检查了其余页面`, `page${badPages.length > 1 ? 's' : ''} ${listEn} could not be read (the file may be damaged); only the other pages were checked`));
    }
    if (!out.text.trim()) {
      if (pagesRead === 0) return failed(problem(PDF_PROBLEMS.corrupt, '此 PDF 已损坏或不完整，没有一页能读取', 'this PDF is damaged or incomplete: no page could be read'), pageCount);
      problems.push(problem(PDF_PROBLEMS.noTextLayer, '此 PDF 没有文字层（可能是扫描件），无法检查；请先做文字识别（OCR）', 'this PDF has no text layer (it may be a scan) and cannot be checked; run text recognition (OCR) on it first'));
      return reading('', [], [], problems, pageCount, pagesRead);
    }
    return reading(out.text, out.refs, anchors, problems, pageCount, pagesRead);
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

async function readPage(page: PDFPageProxy, lib: Pdfjs, anchors: SourceAnchor[], pageNumber: number): Promise<Unit[]> {
  const viewport = page.getViewport({ scale: 1 });
  const vt = viewport.transform as Matrix;
  const content = await page.getTextContent();
  const items = pageItems(content, vt, anchors, pageNumber);
  if (items.length === 0) return [];
  // Borders are only worth the operator list (it costs as much as the text) where cells may be.
  const rules = looksTabular(items) ? pageRules(await page.getOperatorList({ intent: 'print' }), lib.OPS, vt) : { h: [], v: [] };
  page.cleanup();
  return pageUnits(items, rules, viewport.width, viewport.height);
}

/** Whether the page may hold a table: a vertical label, or a line with a gap wider than a character (a TAB). */
function looksTabular(items: Item[]): boolean {
  if (items.some((it) => it.vertical)) return true;
  return groupLines(items).some((line) => line.some((it, k) => k > 0 && joint(line[k - 1], it, false) === '\t'));
}
