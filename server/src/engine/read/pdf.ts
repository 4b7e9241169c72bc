// The PDF reader: a published report PDF read into the reading text the
// line-based recognisers understand — one line per text line, a table row as
// ONE line of TAB-separated cells — with every reading character anchored to
// the page and the top-left of the text item it came from. Built on WPS's
// PDFs and Chromium's (print to PDF: CID fonts, borders as filled
// rectangles or none, its own page header and footer).
//
// - Tables come from their borders (stroked lines and thin filled rectangles
//   in the operator list): an item belongs to the cell whose rules enclose it,
//   a cell's lines join, the cells starting on one rule form one row. So a
//   label wrapped inside its cell, numbers at another baseline and a vertical
//   merged label (written once, in its first row, as the HTML reader does)
//   never break a row. A wide box is a cell unless it is also tall with no
//   rule inside (a page frame).
// - Vertical group labels are their merged cell's text, in reading order:
//   text drawn with a rotated matrix (its box from the matrix, read along its
//   direction), and a column of single characters (one per line, or upright
//   in vertical writing: placed by their tops, as such a label may overflow
//   its cell's foot; vertical presentation forms ︵ ︶ as （ ）). The rest of
//   such a label a page break cut goes on in the cell it started in.
// - A row a page break cut (open at the page's foot, the next page's table
//   starting with no rule above) is one row again, piece by piece in its
//   columns — unless a column has text in both pieces and one is a number:
//   then two rows met at the break.
// - Text outside cells: lines by baseline (measured against a line's first
//   item, so nothing chains two lines), a gap wider than a character a TAB.
//   In a table without borders a narrower boundary is a TAB where the next
//   item starts at a column of the block (left edges, number centres), and
//   two numbers apart are two cells; a label wrapped over several lines joins
//   its row only where rows are set apart (padding: a pitch larger than the
//   line pitch) — else the lines stay as they are and the engine says what it
//   cannot read. Never a guess. Such a table a page break cuts keeps its
//   columns over the break (the next page's block aligns with the last's), the
//   page's edge stands for the rows going on (a label wrapped to the foot is
//   the table's; a browser's running head is not), and a label whose last
//   line is full at the foot goes on in the text-only lines at the next
//   page's head.
// - Page numbers (`- 3 -`, `第 3 页`, `Page 3`; a bare `3` or `3/5` only
//   standing apart in the top or bottom band) are dropped wherever they come
//   in content order; so are running heads and feet (a line in the band that,
//   page numbers aside, comes back on another page: a browser's date, title,
//   address).
// - A picture standing alone (a table published as a screenshot) is a line `[图片]` where it is drawn: found in the
//   operator list without decoding it (pagePictures), only on pages whose text leaves room for one. An icon, a
//   picture with text on its lines or in a ruled cell writes nothing.
// - Kangxi radicals and CJK radical look-alikes (browser-printed PDFs) become
//   the ideographs they imitate; spaces WPS puts between Han characters go.
// - Bad input never throws: each reason is one `problems` entry.
//
// Pure: no file system. What needs I/O (the CMaps) comes from the host.

import type { PDFDocumentProxy, PDFPageProxy, TextContent } from 'pdfjs-dist/types/src/display/api';
import { imageLine, type ReadDocument, type ReadProblem, type SourceAnchor } from './document';
import { isWide as isWideChar } from '../text';

type Pdfjs = typeof import('pdfjs-dist/types/src/pdf');

/** What the reader needs from outside: CMap files (packed `.bcmap`), optionally standard font data. */
export interface PdfHost {
  /** The packed CMap named `name` (e.g. `UniGB-UCS2-H`): the bytes of `<name>.bcmap`. */
  loadCMap(name: string): Uint8Array | Promise<Uint8Array>;
  /** A standard font file (e.g. `FoxitSans.pfb`); without it pdf.js uses its built-in metrics. */
  loadStandardFont?(filename: string): Uint8Array | Promise<Uint8Array>;
  /**
   * Decompresses a whole stream at once (`deflate`, `brotli`; undefined for a format it does not know); throws on
   * bad data. Without it pdf.js uses the platform's DecompressionStream (see syncDecompression).
   */
  inflate?(data: Uint8Array, format: string): Uint8Array | undefined;
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
  garbledText: 'garbled-text',
  tableCutOff: 'table-cut-off',
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
    const g = globalThis as { DOMMatrix?: unknown; FontFace?: unknown };
    g.DOMMatrix ??= class DOMMatrix {};
    // See documentParams: fonts are "loaded" into a document of our own, which needs a FontFace to hold them.
    g.FontFace ??= class FontFace {
      readonly loaded: Promise<this>;
      constructor(readonly family: string) {
        this.loaded = Promise.resolve(this);
      }
    };
    // Loading warns on stdout that canvas/Path2D cannot be polyfilled (rendering only): keep the CLI's output clean.
    const { log, warn } = console;
    console.log = console.warn = () => undefined;
    const natives = snapshotBuiltins();
    try {
      const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
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
  const targets: object[] = [
    Array,
    Array.prototype,
    Object,
    Object.prototype,
    Function.prototype,
    JSON,
    Math,
    Number,
    String,
    String.prototype,
    Promise,
    Promise.prototype,
    Map,
    Map.prototype,
    Set,
    Set.prototype,
    WeakMap.prototype,
    RegExp.prototype,
    Uint8Array,
    Uint8Array.prototype,
    typed,
    ArrayBuffer,
    ArrayBuffer.prototype,
    Reflect,
  ];
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

let decompressing = 0;
let platformDecompression: unknown;

/**
 * pdf.js inflates every content stream, font and CMap through `DecompressionStream`, asynchronously. In Node that is
 * a round trip through the thread pool and web streams per stream — hundreds per report, a quarter of the reading
 * time, mostly spent waiting. While a PDF is being read (counted, so reads may overlap) the global is a
 * DecompressionStream of the same shape that inflates the whole stream at once with the host's `inflate`; a format
 * the host does not know, or none given, goes to the platform's. Bad data fails the stream as the platform's does,
 * and pdf.js then falls back to its own inflate, as before. Returns what puts the platform's back.
 */
function syncDecompression(host: PdfHost): () => void {
  if (!host.inflate || typeof TransformStream !== 'function') return () => undefined;
  const inflate = host.inflate.bind(host);
  const g = globalThis as { DecompressionStream?: unknown };
  if (decompressing++ === 0) {
    platformDecompression = g.DecompressionStream;
    const platform = platformDecompression as (new (format: string) => object) | undefined;
    g.DecompressionStream = class DecompressionStream {
      readonly readable!: ReadableStream<Uint8Array>;
      readonly writable!: WritableStream<Uint8Array>;
      constructor(format: string) {
        if (format !== 'deflate' && format !== 'brotli' && platform) return new platform(format) as DecompressionStream;
        const chunks: Uint8Array[] = [];
        const t = new TransformStream<Uint8Array, Uint8Array>({
          transform: (chunk) => void chunks.push(chunk),
          flush: (controller) => {
            let n = 0;
            for (const c of chunks) n += c.length;
            const all = new Uint8Array(n);
            n = 0;
            for (const c of chunks) {
              all.set(c, n);
              n += c.length;
            }
            const out = inflate(all, format);
            if (!out) throw new TypeError(`unsupported format ${format}`);
            controller.enqueue(out);
          },
        });
        this.readable = t.readable;
        this.writable = t.writable;
      }
    };
  }
  return () => {
    if (--decompressing === 0) g.DecompressionStream = platformDecompression;
  };
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

/**
 * What every getDocument call passes. Fonts: with `disableFontFace: true` pdf.js compiles every glyph shown into a
 * path and posts each one to the main thread while it builds an operator list (the borders come from it) — half the
 * reading time of a report PDF. With font faces on, the worker sends each font once; the main thread "loads" it into
 * `ownerDocument.fonts` through `FontFace` (a stand-in in Node, set in loadPdfjs), never drawn. Without a document
 * with `fonts`, loading fails in Node and pdf.js falls back to compiling every glyph of the font: slower still.
 * What the text layer gives is the same either way (test/engine/pdf*.test.mjs).
 */
function documentParams(lib: Pdfjs, bytes: Uint8Array, host: PdfHost) {
  return {
    data: new Uint8Array(bytes), // a copy pdf.js may take over; a plain Uint8Array (it refuses a Buffer)
    verbosity: lib.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: false,
    ownerDocument: { fonts: new Set<unknown>() },
    useSystemFonts: false,
    useWorkerFetch: false,
    useWasm: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    cMapPacked: true,
    maxImageSize: 1, // images are never decoded: only where one is drawn is read (pagePictures)
    stopAtErrors: false,
    BinaryDataFactory: dataFactory(host),
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
  /** Not a horizontal line of text: a vertical-writing item, or one drawn with a rotated matrix (`flow` says which way it reads). */
  vertical: boolean;
  /** A rotated item's reading direction on the page (sideways text: `up` reads bottom to top). */
  flow?: 'up' | 'down';
  /** Index into the anchor table. */
  anchor: number;
}

interface HRule {
  y: number;
  x0: number;
  x1: number;
}
interface VRule {
  x: number;
  y0: number;
  y1: number;
}

type Matrix = [number, number, number, number, number, number];
const mul = (m: Matrix, n: Readonly<Matrix>): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
/** pdf.js's matrix (an array or a typed array of six numbers), or undefined for anything else (null: none given). */
function toMatrix(a: unknown): Matrix | undefined {
  if (!Array.isArray(a) && !ArrayBuffer.isView(a)) return undefined;
  const [a0, a1, a2, a3, a4, a5, ...rest] = Array.from(a as ArrayLike<unknown>);
  if (rest.length > 0) return undefined;
  if (typeof a0 !== 'number' || typeof a1 !== 'number' || typeof a2 !== 'number') return undefined;
  if (typeof a3 !== 'number' || typeof a4 !== 'number' || typeof a5 !== 'number') return undefined;
  return [a0, a1, a2, a3, a4, a5];
}

const RULE_THICKNESS = 2.5;

/** Table borders from the page's drawing: axis-aligned stroked segments and thin filled rectangles, in page coordinates. */
function pageRules(ops: { fnArray: number[]; argsArray: unknown[] }, OPS: Pdfjs['OPS'], base: Matrix): { h: HRule[]; v: VRule[] } {
  const h: HRule[] = [];
  const v: VRule[] = [];
  const stack: Matrix[] = [];
  let ctm = base;
  const addSegment = (a: [number, number], b: [number, number]) => {
    if (Math.abs(a[1] - b[1]) < 0.5 && Math.abs(a[0] - b[0]) > 2)
      h.push({ y: (a[1] + b[1]) / 2, x0: Math.min(a[0], b[0]), x1: Math.max(a[0], b[0]) });
    else if (Math.abs(a[0] - b[0]) < 0.5 && Math.abs(a[1] - b[1]) > 2)
      v.push({ x: (a[0] + b[0]) / 2, y0: Math.min(a[1], b[1]), y1: Math.max(a[1], b[1]) });
  };
  const strokeOps = new Set<number>([
    OPS.stroke,
    OPS.closeStroke,
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
  ]);
  const fillOps = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? base;
    else if (fn === OPS.transform) {
      const m = toMatrix(args);
      if (m) ctm = mul(ctm, m);
    } else if (fn === OPS.paintFormXObjectBegin && Array.isArray(args)) {
      stack.push(ctm);
      const m = toMatrix(args[0]);
      if (m) ctm = mul(ctm, m);
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
          const x0 = Math.min(...xs),
            x1 = Math.max(...xs),
            y0 = Math.min(...ys),
            y1 = Math.max(...ys);
          if (y1 - y0 <= RULE_THICKNESS && x1 - x0 > 4) h.push({ y: (y0 + y1) / 2, x0, x1 });
          else if (x1 - x0 <= RULE_THICKNESS && y1 - y0 > 4) v.push({ x: (x0 + x1) / 2, y0, y1 });
        }
        sub = [];
      };
      // the point at d[i], d[i + 1]; undefined when the data ends before it (a truncated path)
      const point = (i: number): [number, number] | undefined => {
        const x = d[i],
          y = d[i + 1];
        return x === undefined || y === undefined ? undefined : apply(ctm, x, y);
      };
      for (let k = 0; k < d.length;) {
        const code = d[k];
        if (code === 0) {
          endSub();
          const p = point(k + 1);
          if (!p) break;
          cur = start = p;
          sub.push(cur);
          k += 3;
        } else if (code === 1) {
          const p = point(k + 1);
          if (!p) break;
          if (stroke && cur) addSegment(cur, p);
          cur = p;
          sub.push(p);
          k += 3;
        } else if (code === 2) {
          const p = point(k + 5);
          if (!p) break;
          cur = p;
          sub.push(cur);
          k += 7;
        } else if (code === 3) {
          const p = point(k + 3);
          if (!p) break;
          cur = p;
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

/**
 * Where pictures are drawn, in page coordinates: a `Do` of an image (or an inline image) is `q <cm> /Im Do Q`, and
 * with `maxImageSize: 1` pdf.js drops the image operator before decoding anything — what is left is a save, the
 * picture's matrix and a restore with nothing painted between (state only: colours, graphics state, clips, marked
 * content). Such a group's box is the unit square through its matrix. A form XObject, text, a path, a shading or an
 * image pdf.js kept paints something, so never counts.
 */
function pagePictures(ops: { fnArray: number[]; argsArray: unknown[] }, OPS: Pdfjs['OPS'], base: Matrix): Box[] {
  const stateOps = new Set<number>([
    OPS.dependency,
    OPS.setLineWidth,
    OPS.setLineCap,
    OPS.setLineJoin,
    OPS.setMiterLimit,
    OPS.setDash,
    OPS.setRenderingIntent,
    OPS.setFlatness,
    OPS.setGState,
    OPS.transform,
    OPS.clip,
    OPS.eoClip,
    OPS.endPath,
    OPS.setStrokeColorSpace,
    OPS.setFillColorSpace,
    OPS.setStrokeColor,
    OPS.setStrokeColorN,
    OPS.setFillColor,
    OPS.setFillColorN,
    OPS.setStrokeGray,
    OPS.setFillGray,
    OPS.setStrokeRGBColor,
    OPS.setFillRGBColor,
    OPS.setStrokeCMYKColor,
    OPS.setFillCMYKColor,
    OPS.setStrokeTransparent,
    OPS.setFillTransparent,
    OPS.beginMarkedContent,
    OPS.beginMarkedContentProps,
    OPS.endMarkedContent,
    OPS.markPoint,
    OPS.markPointProps,
    OPS.beginCompat,
    OPS.endCompat,
  ]);
  const out: Box[] = [];
  // per open group: the matrix at its save, and whether anything was painted or transformed inside it
  const stack: { ctm: Matrix; painted: boolean; moved: boolean }[] = [];
  let ctm = base;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i];
    const top = stack[stack.length - 1];
    if (fn === OPS.save) stack.push({ ctm, painted: false, moved: false });
    else if (fn === OPS.restore) {
      const g = stack.pop();
      if (!g) continue;
      if (g.moved && !g.painted) {
        const corners = [apply(ctm, 0, 0), apply(ctm, 1, 0), apply(ctm, 0, 1), apply(ctm, 1, 1)];
        const xs = corners.map((c) => c[0]),
          ys = corners.map((c) => c[1]);
        const box = { l: Math.min(...xs), t: Math.min(...ys), r: Math.max(...xs), b: Math.max(...ys) };
        if ([box.l, box.t, box.r, box.b].every(Number.isFinite)) out.push(box);
      }
      // a group holding a picture or a painting has painted, for the group around it
      const outer = stack[stack.length - 1];
      if (outer && (g.painted || g.moved)) outer.painted = true;
      ctm = g.ctm;
    } else if (fn === OPS.transform) {
      const m = toMatrix(args);
      if (m) ctm = mul(ctm, m);
      if (top) top.moved = true;
    } else if (fn === OPS.constructPath && Array.isArray(args) && args[0] === OPS.endPath) {
      // a clip's path, not painted
    } else if (fn !== undefined && !stateOps.has(fn)) {
      for (const g of stack) g.painted = true;
      // a form XObject has a matrix of its own: what it draws is not a dropped picture's group
      if (fn === OPS.paintFormXObjectBegin && Array.isArray(args)) {
        stack.push({ ctm, painted: true, moved: false });
        const m = toMatrix(args[0]);
        if (m) ctm = mul(ctm, m);
      } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop()?.ctm ?? base;
    }
  }
  return out;
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

interface Box {
  l: number;
  t: number;
  r: number;
  b: number;
}

/** The cell whose rules enclose a point, or undefined outside a table. */
function cellAt(rules: { h: HRule[]; v: VRule[] }, x: number, y: number, maxWidth: { width: number; height: number }): Box | undefined {
  let left: VRule | undefined, right: VRule | undefined;
  for (const v of rules.v) {
    if (y < v.y0 - 1 || y > v.y1 + 1) continue;
    if (v.x <= x && (!left || v.x > left.x)) left = v;
    if (v.x >= x && (!right || v.x < right.x)) right = v;
  }
  if (!left || !right) return undefined;
  const l = left,
    r = right;
  let t = -Infinity,
    b = Infinity;
  for (const h of rules.h) {
    if (x < h.x0 - 1 || x > h.x1 + 1) continue;
    if (h.y <= y && h.y > t) t = h.y;
    if (h.y >= y && h.y < b) b = h.y;
  }
  // A table crossing a page is often left open at the page's edge: the cell then ends where its column's rules end.
  if (!Number.isFinite(t)) t = Math.max(left.y0, right.y0);
  if (!Number.isFinite(b)) b = Math.min(left.y1, right.y1);
  // A page frame (or a box around a block of prose) is not a table cell: wide and tall, with no rule inside it.
  // A wide cell of a table (a merged cell, a two-column table on a small page) is not tall, or has columns above or below it.
  if (r.x - l.x > maxWidth.width && b - t > maxWidth.height) {
    const y0 = Math.min(l.y0, r.y0),
      y1 = Math.max(l.y1, r.y1);
    if (!rules.v.some((v) => v.x > l.x + 2 && v.x < r.x - 2 && v.y0 < y1 && v.y1 > y0)) return undefined;
  }
  return { l: left.x, t, r: right.x, b };
}

// ------------------------------------------------------------------ text

/** CJK Radicals Supplement look-alikes NFKC leaves alone (browser-printed PDFs use them for the simplified ideograph). */
const RADICALS: Record<string, string> = {
  '⺠': '民',
  '⻓': '长',
  '⻅': '见',
  '⻔': '门',
  '⻋': '车',
  '⻢': '马',
  '⻛': '风',
  '⻜': '飞',
  '⻩': '黄',
  '⻚': '页',
  '⻘': '青',
  '⻝': '食',
  '⻮': '齿',
  '⻰': '龙',
  '⻉': '贝',
  '⻆': '角',
  '⻨': '麦',
  '⻬': '齐',
  '⻦': '鸟',
  '⻥': '鱼',
  '⻤': '鬼',
  '⻣': '骨',
  '⻄': '西',
  '⻊': '足',
  '⻧': '卤',
  '⺁': '厂',
  '⺇': '几',
  '⺊': '卜',
  '⺬': '示',
  '⺼': '肉',
};

/** Vertical presentation forms (a font's glyphs for vertical writing, named by their own code points): the marks they stand for. */
const VERTICAL_FORMS: Record<string, string> = {
  '︐': '，',
  '︑': '、',
  '︒': '。',
  '︓': '：',
  '︔': '；',
  '︕': '！',
  '︖': '？',
  '︗': '〖',
  '︘': '〗',
  '︙': '…',
  '︰': '‥',
  '︱': '—',
  '︲': '–',
  '︵': '（',
  '︶': '）',
  '︷': '｛',
  '︸': '｝',
  '︹': '〔',
  '︺': '〕',
  '︻': '【',
  '︼': '】',
  '︽': '《',
  '︾': '》',
  '︿': '〈',
  '﹀': '〉',
  '﹁': '「',
  '﹂': '」',
  '﹃': '『',
  '﹄': '』',
  '﹇': '［',
  '﹈': '］',
};

/** Kangxi radicals and compatibility ideographs (NFKC), radical look-alikes (the map), vertical forms, odd spaces as spaces. */
function normaliseChars(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c >= 0x2f00 && c <= 0x2fdf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x2f800 && c <= 0x2fa1f)) out += ch.normalize('NFKC');
    else if (c >= 0x2e80 && c <= 0x2eff) out += RADICALS[ch] ?? ch.normalize('NFKC');
    else if ((c >= 0xfe10 && c <= 0xfe19) || (c >= 0xfe30 && c <= 0xfe48)) out += VERTICAL_FORMS[ch] ?? ch;
    else if (c === 0x3000 || c === 0xa0 || c === 0x09 || (c >= 0x2000 && c <= 0x200b)) out += ' ';
    else if (c < 0x20 || c === 0xfffd || c === 0xfeff)
      continue; // control characters and undecodable glyphs carry nothing
    else out += ch;
  }
  return out;
}

/** East Asian wide characters: Han, kana, CJK and full-width punctuation. A space between two of them is WPS's, not the author's. */
function isWide(c: number): boolean {
  // Curly quotes are set full-width in Chinese fonts; the ideographic space is a space here, not a wide character.
  return (isWideChar(c) && c !== 0x3000) || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019;
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

/**
 * Items grouped into lines by baseline: vertical extents that overlap by half the smaller height. An item is
 * measured against the line's first item, not against everything the line has gathered: a number centred between
 * the two lines of a wrapped label (a table without borders) must not chain them into one line.
 */
function groupLines(items: Item[]): Item[][] {
  const sorted = [...items].sort((a, b) => (a.top + a.bottom) / 2 - (b.top + b.bottom) / 2 || a.x - b.x);
  const lines: { top: number; bottom: number; items: Item[] }[] = [];
  for (const it of sorted) {
    const h = it.bottom - it.top;
    let target: (typeof lines)[number] | undefined;
    for (let k = lines.length - 1; k >= 0 && k >= lines.length - 3; k--) {
      const line = lines[k]!;
      const overlap = Math.min(line.bottom, it.bottom) - Math.max(line.top, it.top);
      if (overlap >= 0.5 * Math.min(h, line.bottom - line.top)) {
        target = line;
        break;
      }
    }
    if (target) target.items.push(it);
    else lines.push({ top: it.top, bottom: it.bottom, items: [it] });
  }
  for (const l of lines) l.items.sort((a, b) => a.x - b.x);
  return lines.map((l) => l.items);
}

/** A single wide character (a glyph of a label set one character per line or in vertical writing). */
const isGlyph = (it: Item) => !it.vertical && it.text.length === 1 && isWide(it.text.charCodeAt(0));

/**
 * The items of a page that stack into a column of single characters (two or more, one below the other at one x, less
 * than a character apart): a label written top to bottom. Such text starts in its cell and may run on past the cell's
 * foot (Chromium lets a vertical label overflow its merged cell), so it is placed by its top, not its centre.
 */
function glyphColumns(items: Item[]): Set<Item> {
  const out = new Set<Item>();
  const glyphs = items.filter(isGlyph).sort((a, b) => a.x - b.x || a.top - b.top);
  let start = 0;
  for (let k = 1; k <= glyphs.length; k++) {
    const a = glyphs[start]!,
      b = glyphs[k];
    if (b && Math.abs(b.x - a.x) <= 0.5 * a.size) continue;
    const col = glyphs.slice(start, k).sort((p, q) => p.top - q.top);
    for (let n = 1; n < col.length; n++) {
      const p = col[n - 1]!,
        q = col[n]!;
      if (q.top - p.bottom < p.size) out.add(p).add(q);
    }
    start = k;
  }
  return out;
}

/**
 * A cell's lines in reading order. Rotated items read along their flow (`up`: lines left to right, each bottom to top;
 * `down`: right to left, top to bottom); a column of single characters top to bottom, a mark drawn over its
 * neighbour's square (a vertical `、`) in the order written; anything else by baseline (groupLines).
 */
function cellLines(items: Item[]): Item[][] {
  const flow = items[0]?.flow;
  if (flow && items.every((it) => it.flow === flow)) {
    const apart = (a: Item, b: Item) => Math.abs(a.x - b.x) > 0.5 * Math.min(a.size, b.size);
    const sorted = [...items].sort((a, b) =>
      flow === 'up' ? (apart(a, b) ? a.x - b.x : b.bottom - a.bottom) : apart(a, b) ? b.x - a.x : a.top - b.top,
    );
    return sorted.map((it) => [it]);
  }
  const first = items[0];
  if (first && items.length > 1 && items.every((it) => isGlyph(it) && Math.abs(it.x - first.x) <= 0.5 * first.size)) {
    const col = [...items].sort((a, b) => a.top - b.top);
    for (let n = 1; n < col.length; n++) {
      const p = col[n - 1]!,
        q = col[n]!;
      if (q.top - p.top < 0.5 * p.size && q.anchor < p.anchor) [col[n - 1], col[n]] = [q, p];
    }
    return col.map((it) => [it]);
  }
  return groupLines(items);
}

/** One piece of reading text: characters and, per character, the anchor index (-1 for an inserted separator). */
interface Piece {
  text: string;
  refs: number[];
}

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
  let prev: Item | undefined;
  for (const it of items) {
    if (prev) putSep(p, joint(prev, it, inCell));
    putItem(p, it);
    prev = it;
  }
  return p;
}

/**
 * A cell's text: its lines (groupLines) joined (nothing between wide characters, else a space). A number a cell too
 * narrow for it wrapped (its line of digits leaves no room for another digit, the next line digits too) is one number.
 */
function cellText(lines: Item[][], box?: Box): Piece {
  const p = piece();
  let prev: Item[] | undefined;
  for (const line of lines) {
    const q = lineText(line, true);
    if (p.text && q.text) {
      const wide = isWide(p.text.charCodeAt(p.text.length - 1)) && isWide(q.text.charCodeAt(0));
      putSep(p, wide || (prev && box && brokenNumber(prev, line, box)) ? '' : ' ');
    }
    putPiece(p, q);
    prev = line;
  }
  return p;
}

const DIGITS = /^\d+$/;

/** Whether a line of digits fills its cell's width and the next line is digits: one number broken where the cell ends. */
function brokenNumber(line: Item[], next: Item[], box: Box): boolean {
  const text = (l: Item[]) => l.map((it) => it.text).join('');
  if (!DIGITS.test(text(line)) || !DIGITS.test(text(next))) return false;
  const first = line[0];
  const last = line[line.length - 1];
  if (!first || !last) return false;
  const digit = (last.right - first.x) / text(line).length;
  // the cell's padding: as much on the right as on the left
  const pad = Math.max(0, first.x - box.l);
  return box.r - pad - last.right < digit;
}

/**
 * A page number's shape: `framed` (`- 3 -`, `— 3 —`, `第 3 页`, `第3页 共5页`, `Page 3 of 5`), which says what it is,
 * or `bare` (`3`, `3/5`), which only standing apart in the page's top or bottom band does.
 */
function pageNumberShape(text: string): 'framed' | 'bare' | undefined {
  const t = text.replace(/\s+/g, '');
  if (t.length > 16) return undefined;
  if (/^[-—–－―_]+\d{1,4}[-—–－―_]+$/.test(t) || /^第\d{1,4}页(共\d{1,4}页)?$/.test(t) || /^page\d{1,4}(of\d{1,4})?$/i.test(t))
    return 'framed';
  if (/^\d{1,4}(\/\d{1,4})?$/.test(t)) return 'bare';
  return undefined;
}
const inBand = (top: number, bottom: number, height: number) => bottom < height * 0.12 || top > height * 0.85;

/** A table row's cells, kept until the document is joined: a row split by a page break continues on the next page. */
interface RowCells {
  fields: Field[];
  /** No horizontal rule above the row: it may continue a row the page before left open. */
  openTop: boolean;
  /** No horizontal rule below the row: it may continue on the next page. */
  openBottom: boolean;
}

interface Unit {
  top: number;
  bottom: number;
  x: number;
  piece: Piece;
  /** Set for a table row (cells from borders). */
  row?: RowCells;
  /** Set for a line of a table drawn without borders: its cells, left to right. */
  cells?: FreeCell[];
  /** Set for a line outside bordered cells: where its text ends on the right. */
  right?: number;
  /** Set for a picture's line. */
  picture?: boolean;
}

const ruleAt = (rules: HRule[], y: number, x: number, tol = 1.5) =>
  rules.some((h) => Math.abs(h.y - y) <= tol && h.x0 - 1 <= x && h.x1 + 1 >= x);

/** A cell of a table row: its rules left and right, its text. */
interface Field {
  l: number;
  r: number;
  /** The cell's bottom rule (a merged cell's reaches below its row); undefined for an empty field. */
  b?: number;
  piece: Piece;
  /**
   * Its text may run on past the cell's foot: the last line is full (no room for two more characters) and no other
   * line fits below it. Only such a cell can be the first part of a cell a page break cut in two.
   */
  full?: boolean;
  /** No rule at the cell's top (bottom): at a page's head (foot), it may be a merged cell a page break cut. */
  openTop?: boolean;
  openBottom?: boolean;
}

/** Whether a cell's text fills its last line and its height (see Field.full). */
function fillsCell(lines: Item[][], box: Box): boolean {
  const last = lines[lines.length - 1];
  if (!last || last.some((it) => it.vertical)) return false;
  const size = Math.max(...last.map((it) => it.size));
  const right = Math.max(...last.map((it) => it.right));
  const bottom = Math.max(...last.map((it) => it.bottom));
  // the cell's padding: as much on the right as on the left (the smallest indent of its lines)
  const pad = Math.max(0, Math.min(...lines.map((l) => (l[0]?.x ?? box.l) - box.l)));
  // below it, no room for another line (a row may be taller than its text: a minimum height)
  return box.r - pad - right < 2 * size && box.b - bottom < 1.5 * size;
}

/** A row's text: its fields, TAB-separated. */
function rowPiece(fields: { piece: Piece }[]): Piece {
  const p = piece();
  fields.forEach((f, k) => {
    if (k > 0) putSep(p, '\t');
    putPiece(p, f.piece);
  });
  return p;
}

/** A borderless table block's columns: where its cells start, and where its numbers are centred. */
interface BlockColumns {
  starts: number[];
  centres: number[];
}
/**
 * The columns of the borderless tables at a page's edges: `head`, of the table block the page starts with; `foot`,
 * of the one it ends with (none where the page's text starts or ends otherwise).
 */
interface EdgeColumns {
  head?: BlockColumns;
  foot?: BlockColumns;
}
const NO_EDGE_COLUMNS: EdgeColumns = {};

/**
 * Whether two blocks a page break parts are one table's: most columns of numbers of either are the other's too
 * (the same table goes on in the same columns; the next section's table has columns of its own).
 */
function sameColumns(a: BlockColumns, b: BlockColumns): boolean {
  const distinct = (xs: number[]) => [...xs].sort((p, q) => p - q).filter((x, k, all) => k === 0 || x - (all[k - 1] ?? -Infinity) > 1.5);
  const ca = distinct(a.centres),
    cb = distinct(b.centres);
  const shared = ca.filter((x) => cb.some((y) => Math.abs(x - y) <= 1.5)).length;
  return shared >= 2 && shared >= 0.5 * Math.max(ca.length, cb.length);
}

/**
 * One page's lines, top to bottom, and the columns of the borderless tables at its edges. `across`: the columns of
 * the tables the neighbouring pages' edges hold (`head`: the previous page's foot; `foot`: the next page's head).
 */
function pageUnits(
  items: Item[],
  rules: { h: HRule[]; v: VRule[] },
  width: number,
  height: number,
  across: EdgeColumns = NO_EDGE_COLUMNS,
  pictures: Picture[] = [],
): { units: Unit[]; edges: EdgeColumns } {
  const units: Unit[] = [];
  const cells = new Map<string, { box: Box; items: Item[] }>();
  const free: Item[] = [];
  const maxCell = { width: width * 0.6, height: height * 0.3 }; // beyond both, a box is a page frame, not a table cell
  const column = rules.v.length > 0 ? glyphColumns(items) : new Set<Item>();
  for (const it of rules.v.length > 0 ? items.flatMap((x) => splitAtRules(x, rules.v)) : items) {
    // a column's character by its top (a little inside: a glyph box may start just above its cell's rule)
    const y = column.has(it) ? it.top + 0.2 * (it.bottom - it.top) : (it.top + it.bottom) / 2;
    const box = rules.v.length > 0 ? cellAt(rules, (it.x + it.right) / 2, y, maxCell) : undefined;
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
  const rows: [(typeof sortedCells)[number], ...typeof sortedCells][] = []; // never empty
  for (const c of sortedCells) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0].box.t - c.box.t) <= 1.5) row.push(c);
    else rows.push([c]);
  }
  for (const row of rows) {
    const t = row[0].box.t;
    row.sort((a, b) => a.box.l - b.box.l);
    const l0 = row[0].box.l;
    const r1 = Math.max(...row.map((c) => c.box.r));
    const openTop = !row.some((c) => ruleAt(rules.h, c.box.t, (c.box.l + c.box.r) / 2));
    const openBottom = !row.some((c) => ruleAt(rules.h, c.box.b, (c.box.l + c.box.r) / 2));
    // Empty cells of the row: the column intervals between vertical rules crossing just below the row's top rule,
    // on the stretch of that rule the row's cells lie on; an interval the rule does not cover continues a merged cell above.
    // A row with no rule above (the part of a row a page break carried over) takes every interval its rules make.
    const topRule = rules.h.find((h) => Math.abs(h.y - t) <= 1.5 && h.x0 - 1 <= l0 + 1 && h.x1 + 1 >= l0 + 1);
    const fields: Field[] = row.map((c) => {
      const lines = cellLines(c.items);
      const mid = (c.box.l + c.box.r) / 2;
      return {
        l: c.box.l,
        r: c.box.r,
        b: c.box.b,
        piece: cellText(lines, c.box),
        full: fillsCell(lines, c.box),
        openTop: !ruleAt(rules.h, c.box.t, mid),
        openBottom: !ruleAt(rules.h, c.box.b, mid),
      };
    });
    const span = topRule ? { x0: topRule.x0, x1: topRule.x1 } : openTop ? tableSpan(rules.v, t + 1.5, l0, r1) : undefined;
    if (span) {
      const y = t + 1.5;
      const xs = rules.v
        .filter((v) => v.x >= span.x0 - 1 && v.x <= span.x1 + 1 && v.y0 <= y + 1 && v.y1 >= y)
        .map((v) => v.x)
        .sort((a, b) => a - b);
      for (const [k, l] of xs.entries()) {
        const r = xs[k + 1];
        if (r === undefined) break;
        const mid = (l + r) / 2;
        if (r - l < 2) continue;
        if (row.some((c) => mid > c.box.l && mid < c.box.r)) continue;
        if (topRule ? ruleAt(rules.h, t, mid) : true) fields.push({ l, r, piece: piece() });
      }
      fields.sort((a, b) => a.l - b.l);
    }
    units.push({
      top: t,
      bottom: Math.max(...row.map((c) => c.box.b)),
      x: l0,
      piece: rowPiece(fields),
      row: { fields, openTop, openBottom },
    });
  }

  // Text outside tables: lines by baseline; a vertical item is a line of its own.
  const flowing = free.filter((it) => !it.vertical);
  for (const it of free) if (it.vertical) units.push({ top: it.top, bottom: it.bottom, x: it.x, piece: lineText([it], false) });
  const numbers: Unit[] = [];
  const freeLines = columnTabs(groupLines(flowing), height, across);
  for (const line of freeLines.lines) {
    const { top, bottom, piece: p } = line;
    const shape = pageNumberShape(p.text);
    if (shape === 'framed' && inBand(top, bottom, height)) continue;
    const x = line.items[0]?.x;
    if (x === undefined) continue; // a line has an item (groupLines)
    const right = Math.max(...line.items.map((it) => it.right));
    const u: Unit = { top, bottom, x, right, piece: p, ...(line.cells ? { cells: line.cells } : {}) };
    if (shape === 'bare' && inBand(top, bottom, height)) numbers.push(u);
    units.push(u);
  }
  // A bare number (`3`, `3/5`) in the band is a page number only standing apart: not next to a table row or a line
  // (a page printed without margins starts and ends with the report's own lines and cells).
  const apart = (u: Unit) => {
    const h = u.bottom - u.top;
    return !units.some((o) => o !== u && o.top < u.bottom + h && o.bottom > u.top - h);
  };
  const drop = new Set(numbers.filter(apart));
  const kept = units.filter((u) => !drop.has(u));
  // a picture standing alone is a line of its own where it is drawn (no text shares its lines: standalonePictures)
  for (const b of pictures) {
    const p = piece();
    for (const ch of imageLine()) {
      p.text += ch;
      p.refs.push(b.anchor);
    }
    kept.push({ top: b.t, bottom: b.b, x: b.l, right: b.r, piece: p, picture: true });
  }
  kept.sort((a, b) => a.top - b.top || a.x - b.x);
  return { units: kept, edges: freeLines.edges };
}

/**
 * pdf.js joins glyphs less than a few tenths of a character apart into one item, across a cell's border when the
 * cells are narrow (LibreOffice: `以公开 0`, the label and the number of the next column). An item a vertical rule
 * crosses is cut at the space nearest the rule (characters placed by their widths: a wide one an em, others half),
 * so each part goes to its own cell. An item with no space near the rule stays whole.
 */
function splitAtRules(it: Item, v: VRule[]): Item[] {
  if (it.vertical || !it.text.includes(' ')) return [it];
  const rule = v.find((q) => q.x > it.x + 1 && q.x < it.right - 1 && q.y0 <= it.top + 1 && q.y1 >= it.bottom - 1);
  if (!rule) return [it];
  const em = [...it.text].map((ch) => (isWide(ch.charCodeAt(0)) ? 1 : 0.5));
  const total = em.reduce((a, b) => a + b, 0);
  const scale = (it.right - it.x) / total;
  let best: { at: number; x: number } | undefined;
  let pos = 0;
  [...it.text].forEach((ch, n) => {
    const x0 = it.x + pos * scale;
    pos += em[n] ?? 0;
    if (ch === ' ' && (!best || Math.abs(x0 - rule.x) < Math.abs(best.x - rule.x))) best = { at: n, x: x0 };
  });
  // a space far from the rule is not where the item crosses it (text running over its cell): left whole
  if (!best || Math.abs(best.x - rule.x) > 1.5 * it.size) return [it];
  const chars = [...it.text];
  const left = chars.slice(0, best.at).join('').trimEnd();
  const right = chars
    .slice(best.at + 1)
    .join('')
    .trimStart();
  if (!left || !right) return [it];
  // each part on its own side of the rule, whatever the estimate said
  const cut = Math.min(Math.max(best.x, it.x + 1), it.right - 1);
  return [
    { ...it, text: left, right: Math.min(cut, rule.x - 0.5) },
    { ...it, text: right, x: Math.max(cut + 0.5 * scale, rule.x + 0.5) },
  ].flatMap((x) => splitAtRules(x, v));
}

/** The stretch of the table at height y around [l, r]: from the leftmost to the rightmost vertical rule joined to it by rules crossing y. */
function tableSpan(v: VRule[], y: number, l: number, r: number): { x0: number; x1: number } | undefined {
  const xs = v
    .filter((q) => q.y0 <= y + 1 && q.y1 >= y)
    .map((q) => q.x)
    .sort((a, b) => a - b);
  const first = xs[0],
    last = xs[xs.length - 1];
  if (xs.length < 2 || first === undefined || last === undefined) return undefined;
  return { x0: Math.min(first, l), x1: Math.max(last, r) };
}

/** A cell of a table line drawn without borders: its items' extent and text. */
interface FreeCell {
  x: number;
  right: number;
  top: number;
  piece: Piece;
  /**
   * A row's label whose last line reaches as far right as any text of its column in the table: it may run on past
   * a page break (set on the lines `borderlessRows` gives back).
   */
  full?: boolean;
}
/** A line of text outside bordered cells: its items, its text, and (in a table block) its cells. */
interface FreeLine {
  items: Item[];
  top: number;
  bottom: number;
  piece: Piece;
  cells?: FreeCell[];
}

const NUMBER = /^-?\d+(\.\d+)?%?$/;
/** A report's section heading: 一、 to 十、 then words, no number. */
const SECTION_HEADING = /^[一二三四五六七八九十]、[^\d]{4,}$/;

/**
 * Lines of text outside bordered cells, joined. In a table drawn without borders:
 * - a cell boundary narrower than the TAB gap (a label followed closely by its number) still becomes a TAB where the
 *   next item starts at a column: where, in the same block of table lines, another line has an item starting at the
 *   same x at its start, after a TAB or as a number (left-aligned cells), or a number centred at the same x (centred
 *   numbers);
 * - rows are put together again (see `borderlessRows`).
 * A table a page break cut goes on in the same columns: the block a page starts (ends) with also takes the columns
 * of the one the page before ends (the page after starts) with, `across` — where a row at the break has no other
 * line of its page to align with (`三、本 (一) 予以公开  25` at a page's foot, a narrow gap after the group label).
 * Their own columns are given back (`edges`), for the neighbouring pages.
 */
function columnTabs(lines: Item[][], height: number, across: EdgeColumns): { lines: FreeLine[]; edges: EdgeColumns } {
  const rows = lines.map((items) => ({ items, joints: lineJoints(items) }));
  const out: FreeLine[] = [];
  const edges: EdgeColumns = {};
  const extent = (line: Item[]) => ({ top: Math.min(...line.map((it) => it.top)), bottom: Math.max(...line.map((it) => it.bottom)) });
  // A line in the page's top (bottom) band set apart from the page's text below (above) it by more than two lines
  // is a running head (foot) — a browser's `12/1/26, 10:10 PM    report` — never a line of the table next to it.
  const running = rows.map((r, k) => {
    const e = extent(r.items);
    const h = e.bottom - e.top;
    const below = rows[k + 1],
      above = rows[k - 1];
    if (e.bottom < height * BAND) return !below || extent(below.items).top - e.bottom > 2 * h;
    if (e.top > height * (1 - BAND)) return !above || e.top - extent(above.items).bottom > 2 * h;
    return false;
  });
  const tabular = rows.map((r, k) => !running[k] && r.joints.includes('\t'));
  // Blocks: runs of lines with a TAB, with the lines right next to them (a row whose only boundary is narrow) and
  // the few lines between two of them (a label wrapped over several lines).
  const SANDWICH = 6;
  /** The nearest line with a TAB (and numbers) a few lines from line i towards `step`, or -1. */
  const nearest = (i: number, step: number, numbers = false) => {
    for (let k = i + step, n = 0; k >= 0 && k < tabular.length && n < SANDWICH; k += step, n++)
      if (tabular[k] && (!numbers || rows[k]?.items.some((it) => NUMBER.test(it.text)))) return k;
    return -1;
  };
  const near = (i: number, step: number) => nearest(i, step) >= 0;
  // A table a page break cuts: from its last (first) line with numbers to the page's foot (head) — running lines
  // aside — lines all ending left of that line's numbers are a label wrapped on (`2.申请人逾期  0 0 0` /
  // `未按收费通知` / `要求缴纳费` at the foot): the page's edge stands for the table's next line.
  // A section heading right above or below a borderless table is not a row of it: never split at the table's columns.
  const heading = rows.map((r, i) => !tabular[i] && SECTION_HEADING.test(r.items.map((it) => it.text).join('')));
  const right = (k: number) => Math.max(...(rows[k]?.items ?? []).map((it) => it.right));
  const wrapsToEdge = (i: number) =>
    [-1, 1].some((step) => {
      const k = nearest(i, -step, true);
      const numbersAt = rows[k]?.items.find((it) => NUMBER.test(it.text))?.x;
      if (numbersAt === undefined) return false;
      for (let m = k + step; m >= 0 && m < rows.length; m += step)
        if (!running[m] && (heading[m] || right(m) > numbersAt + 0.5)) return false; // text on, another section's table
      return true;
    });
  const inBlock = tabular.map(
    (t, i) =>
      t ||
      (!heading[i] &&
        !running[i] &&
        ((i > 0 && tabular[i - 1]) || (i + 1 < tabular.length && tabular[i + 1]) || (near(i, -1) && near(i, 1)) || wrapsToEdge(i))),
  );
  let i = 0;
  while (i < rows.length) {
    const row = rows[i];
    if (!row) break;
    if (!inBlock[i]) {
      out.push({ items: row.items, ...extent(row.items), piece: joinLine(row.items, row.joints) });
      i++;
      continue;
    }
    let j = i;
    while (j < rows.length && inBlock[j]) j++;
    const blockRows = rows.slice(i, j);
    // Column marks of the block: where cells start, and where numbers are centred, at a line start or after a TAB.
    const starts: number[][] = [];
    const centres: number[][] = [];
    for (const { items, joints } of blockRows) {
      const s: number[] = [];
      const c: number[] = [];
      items.forEach((it, n) => {
        // a number's own item starts its cell wherever it is (a column of left-aligned numbers)
        if (n === 0 || joints[n] === '\t' || isDigit(it.text.charCodeAt(0))) s.push(it.x);
        if (NUMBER.test(it.text)) c.push((it.x + it.right) / 2);
      });
      starts.push(s);
      centres.push(c);
    }
    // The block the page starts (ends) with: nothing before (after) it but the band of running heads (feet), never a
    // section heading (the next section's table follows it).
    const aside = (r: (typeof rows)[number], k: number, inBand: (e: { top: number; bottom: number }) => boolean) =>
      inBand(extent(r.items)) && !heading[k];
    const atHead = rows.slice(0, i).every((r, k) => aside(r, k, (e) => e.bottom < height * BAND));
    const atFoot = rows.slice(j).every((r, k) => aside(r, j + k, (e) => e.top > height * (1 - BAND)));
    const own: BlockColumns = { starts: starts.flat(), centres: centres.flat() };
    if (atHead) edges.head = own;
    if (atFoot) edges.foot = own;
    // the columns of the table's part across the break, as a line of its own (never the line at hand)
    for (const other of [atHead ? across.head : undefined, atFoot ? across.foot : undefined])
      if (other && sameColumns(own, other)) starts.push(other.starts);
    const block: FreeLine[] = [];
    for (const [k, { items, joints }] of blockRows.entries()) {
      const line = splitAtColumn(items, starts.filter((_, o) => o !== k).flat());
      const js = line === items ? [...joints] : lineJoints(line);
      for (const [n, it] of line.entries()) {
        const prev = line[n - 1];
        if (!prev) continue;
        const gap = it.x - prev.right;
        const prevDigit = isDigit(prev.text.charCodeAt(prev.text.length - 1));
        // a number right after a label may touch it (a narrow column): aligned, it still starts a cell
        const numberAfterText = isDigit(it.text.charCodeAt(0)) && !prevDigit;
        if (js[n] === '\t' || gap < (numberAfterText ? -0.05 * it.size : 0)) continue;
        if (prevDigit && isDigit(it.text.charCodeAt(0))) {
          // two numbers apart in a table line are two cells (the digits of one number are never half a character apart)
          if (js[n] === ' ') js[n] = '\t';
          continue;
        }
        const tol = Math.max(1.5, 0.15 * it.size);
        const aligned = (marks: number[][], x: number) => marks.some((xs, o) => o !== k && xs.some((q) => Math.abs(q - x) <= tol));
        if (aligned(starts, it.x) || (NUMBER.test(it.text) && aligned(centres, (it.x + it.right) / 2))) js[n] = '\t';
      }
      block.push({ items: line, ...extent(line), piece: joinLine(line, js, true), cells: lineCells(line, js) });
    }
    out.push(...borderlessRows(block));
    i = j;
  }
  return { lines: out, edges };
}

/** The joints between a line's items: `joints[k]` goes before item k (none before the first). */
function lineJoints(line: Item[]): string[] {
  return line.map((it, k) => {
    const prev = line[k - 1];
    return prev ? joint(prev, it, false) : '';
  });
}

/**
 * pdf.js joins a label and the number right after it into one item when they are less than 0.6 character apart
 * (`Label 7`), so the number's own place is lost. Where the block has a column starting inside such an item, at its
 * end, within the width the number takes, the item is two: the label, and the number at the column.
 */
function splitAtColumn(line: Item[], marks: number[]): Item[] {
  let out: Item[] | undefined;
  line.forEach((it, n) => {
    const m = /^(.*[^\d\s.]) (-?\d+(?:\.\d+)?%?)$/u.exec(it.text);
    const label = m?.[1];
    const num = m?.[2];
    const col =
      label !== undefined && num !== undefined
        ? marks.find((q) => q > it.x + 0.5 * it.size && q < it.right && it.right - q <= 0.7 * it.size * num.length + 2)
        : undefined;
    if (label === undefined || num === undefined || col === undefined) {
      out?.push(it);
      return;
    }
    out ??= line.slice(0, n);
    out.push({ ...it, text: label, right: col - 0.25 * it.size }, { ...it, text: num, x: col });
  });
  return out ?? line;
}

/** A table line's cells: its items between TABs (a TAB pdf.js's space between two digits made splits an item's text only). */
function lineCells(items: Item[], joints: string[]): FreeCell[] {
  const cells: FreeCell[] = [];
  let cur: { items: Item[]; joints: string[] } | undefined;
  const flush = () => {
    if (!cur) return;
    const p = joinLine(cur.items, cur.joints, true);
    const first = cur.items[0];
    const last = cur.items[cur.items.length - 1];
    if (!first || !last) {
      cur = undefined; // never: a cell starts with an item
      return;
    }
    // an item holding two numbers: its parts share its extent, in order
    const parts = p.text.split('\t');
    const top = Math.min(...cur.items.map((it) => it.top));
    if (parts.length === 1) cells.push({ x: first.x, right: last.right, top, piece: p });
    else {
      let off = 0;
      const w = (last.right - first.x) / parts.length;
      parts.forEach((t, n) => {
        cells.push({ x: first.x + n * w, right: first.x + (n + 1) * w, top, piece: { text: t, refs: p.refs.slice(off, off + t.length) } });
        off += t.length + 1;
      });
    }
    cur = undefined;
  };
  items.forEach((it, n) => {
    if (n > 0 && joints[n] === '\t') flush();
    if (!cur) cur = { items: [it], joints: [''] };
    else {
      cur.items.push(it);
      cur.joints.push(joints[n] ?? '');
    }
  });
  flush();
  return cells;
}

/**
 * Rows of a table drawn without borders. A label wrapped over several lines leaves lines with no number (the
 * numbers, centred in their cells, sit on one line of the label or between two): such a line belongs to the row
 * whose text lines are one line pitch apart — rows are set apart by their cells' padding, a larger pitch. Pitches
 * are taken between text cells one above the other (numbers are centred, their pitch says nothing about padding).
 * A run of text lines one pitch apart is one row when it is set apart clearly above and below (by at least a point
 * more than the line pitch), and, with the line of numbers only that lies within it, holds exactly one line with
 * numbers, its other lines having text only left of that line's first number. Its cells are then joined column by
 * column. Anything else stays as its lines (a table without padding between rows, say): the engine then says what
 * it cannot read, never a guess. The text lines here are the rows' own labels: a group label merged over several
 * rows, left of theirs, is beside them (its lines go with the row they lie within or run on from).
 */
function borderlessRows(block: FreeLine[]): FreeLine[] {
  if (block.length < 2) return block;
  const isText = (c: FreeCell) => !NUMBER.test(c.piece.text);
  const hasNumber = (l: FreeLine) => (l.cells ?? []).some((c) => !isText(c));
  // A group label merged over several rows sits left of their own labels, its lines set at the line pitch
  // wherever its cell's middle falls: `3.要求提供公开出` / `(五)  0 0 0` / `版物` / `不予` / `处理  4.无正当理由大量`
  // / `0 0 0` / `反复申请`. Its lines say nothing of where a row ends (they would chain two rows into one run). A
  // text cell is such a label's when a text cell starts after a gap right of it, ends before the numbers' column
  // (numbers one above another: a lone number is a value of a form's field) and lies less than a line from it.
  // A label cell right beside the next line's (`3.其他` over `(七) 总计`, no padding between) is a line away.
  const numberCells = block.flatMap((l) => (l.cells ?? []).filter((c) => !isText(c)));
  const columnStarts = numberCells.filter((c) => numberCells.some((d) => d.top !== c.top && Math.abs(d.x - c.x) <= 1.5)).map((c) => c.x);
  const numbersLeft = Math.min(...columnStarts); // Infinity without a column of numbers: then no group label
  const heights = block.flatMap((l) => l.items.map((it) => it.bottom - it.top)).sort((a, b) => a - b);
  const textHeight = heights[heights.length >> 1] ?? 0; // the median: a header's smaller type, a lone mark, aside
  const groupCells = new Set<FreeCell>();
  for (const l of block)
    for (const c of (l.cells ?? []).filter(isText)) {
      const rightOf = (d: FreeCell) =>
        isText(d) && d.x > c.right + 0.5 && d.right <= numbersLeft + 0.5 && Math.abs(d.top - c.top) < 0.8 * textHeight;
      if (Number.isFinite(numbersLeft) && block.some((m) => (m.cells ?? []).some(rightOf))) groupCells.add(c);
    }
  const isOwn = (c: FreeCell) => isText(c) && !groupCells.has(c);
  const textual = block.filter((l) => (l.cells ?? []).some(isOwn));
  // lines that go to the run they lie within: numbers (beside a group label's line, maybe), a group label's line
  const withoutLabel = block.filter((l) => !(l.cells ?? []).some(isOwn) && (l.cells ?? []).length > 0);
  const pitch = (a: FreeLine, b: FreeLine) => {
    let most = -Infinity;
    for (const c of (b.cells ?? []).filter(isOwn))
      for (const d of (a.cells ?? []).filter(isOwn))
        if (Math.min(c.right, d.right) - Math.max(c.x, d.x) > 0) most = Math.max(most, c.top - d.top);
    return most;
  };
  // Between a text line and the one above it: the pitch to the nearest text line above with a text cell over one of
  // its own (the line right above may be beside it: a merged label's line); none within a few lines: unknown.
  const pitches = textual.slice(1).map((l, k) => {
    // textual[k] is the line right above l: it and up to three more above it, nearest first
    for (const above of textual.slice(Math.max(0, k - 3), k + 1).reverse()) {
      const p = pitch(above, l);
      if (Number.isFinite(p)) return p;
    }
    return NaN;
  });
  // The line pitch: the smallest pitch that is a whole line (0.8–1.6 text heights; header lines half a line apart are not).
  const height = (l: FreeLine) => l.bottom - l.top;
  const candidates = pitches.filter((p, k) => {
    const a = textual[k],
      b = textual[k + 1]; // the lines the pitch is between
    if (!a || !b || !Number.isFinite(p)) return false;
    const h = Math.max(height(a), height(b));
    return p >= 0.8 * h && p <= 1.6 * h;
  });
  if (candidates.length === 0) return block;
  const line = Math.min(...candidates);
  const near = (p: number) => p >= line - 0.4 && p <= line + 0.4;
  const apart = (p: number) => p >= line + 1; // false for an unknown pitch: such a row is not set apart
  // The pitch below text line e: to the next text line with a known pitch, past lines beside the run (a merged
  // group label's line, which lies over no cell of the run) — a few at most. Only such lines to the block's end: the
  // run ends the block (a group label's last piece below it at a page's foot, `(四)` / `无法` / `提供`).
  const pitchBelow = (e: number) => {
    for (let j = e; j < Math.min(pitches.length, e + 3); j++) if (Number.isFinite(pitches[j])) return pitches[j] ?? NaN;
    return e + 3 >= pitches.length ? Infinity : NaN;
  };
  // Runs of text lines; each line without a label of its own goes to the run it lies within (its middle inside the
  // run's lines).
  const runs: { lines: FreeLine[]; clear: boolean }[] = [];
  for (let k = 0; k < textual.length;) {
    let e = k;
    // pitches[e] is between textual[e] and textual[e + 1]; NaN (unknown) where there is none
    while (e + 1 < textual.length && near(pitches[e] ?? NaN)) e++;
    runs.push({
      lines: textual.slice(k, e + 1),
      clear: (k === 0 || apart(pitches[k - 1] ?? NaN)) && (e + 1 === textual.length || apart(pitchBelow(e))),
    });
    k = e + 1;
  }
  const rows: { lines: FreeLine[]; base: FreeLine }[] = [];
  const within = (l: FreeLine, r: FreeLine[]) => {
    const mid = (l.top + l.bottom) / 2;
    const first = r[0],
      last = r[r.length - 1];
    return first !== undefined && last !== undefined && mid > first.top && mid < last.bottom;
  };
  for (const run of runs) {
    const extra = withoutLabel.filter((l) => within(l, run.lines));
    if (extra.some((l) => runs.some((o) => o !== run && within(l, o.lines)))) continue; // not one row's
    const lines = [...run.lines, ...extra].sort((a, b) => a.top - b.top);
    const numbered = lines.filter(hasNumber);
    const base = numbered[0];
    if (!run.clear || lines.length < 2 || numbered.length !== 1 || !base?.cells) continue;
    const firstNumber = base.cells.find((c) => !isText(c))?.x ?? -Infinity;
    if (!lines.every((l) => l === base || (l.cells ?? []).every((c) => c.right <= firstNumber + 0.5))) continue;
    rows.push({ lines, base });
  }
  // A group label's line outside every row (`(四)` above the row whose numbers line holds `无法`, `提供` below
  // it) goes to the row holding the group label's line a line pitch above or below it: to none when both rows
  // do (`不予` between `(五)` and `处理`; the engine reads a group label's pieces wherever they are).
  const rowOf = new Map<FreeLine, (typeof rows)[number]>();
  for (const r of rows) for (const l of r.lines) rowOf.set(l, r);
  const loose = block.filter((l) => !rowOf.has(l) && (l.cells ?? []).length > 0 && (l.cells ?? []).every((c) => groupCells.has(c)));
  const nextGroupLine = (c: FreeCell, d: FreeCell) =>
    groupCells.has(d) && near(Math.abs(d.top - c.top)) && Math.min(c.right, d.right) - Math.max(c.x, d.x) > 0;
  for (let found = true; found;) {
    found = false;
    for (const l of loose) {
      if (rowOf.has(l)) continue;
      const next = new Set<(typeof rows)[number]>();
      for (const m of block) {
        const r = rowOf.get(m);
        if (r && (l.cells ?? []).some((c) => (m.cells ?? []).some((d) => nextGroupLine(c, d)))) next.add(r);
      }
      const [r] = next;
      if (next.size !== 1 || !r) continue;
      r.lines.push(l);
      r.lines.sort((a, b) => a.top - b.top);
      rowOf.set(l, r);
      found = true;
    }
  }
  // A label cell is full when its last line reaches as far right as the column's text anywhere in the block (less
  // than a character or two short: a character that may not start a line took one more down with it).
  const ownCells = block.flatMap((l) => (l.cells ?? []).filter(isOwn));
  // A column with no label of a row's own (a group label's) is never full.
  const full = (x: number, lastRight: number) => {
    const column = ownCells.filter((d) => Math.abs(d.x - x) <= 1.5);
    return column.length > 0 && lastRight >= Math.max(...column.map((d) => d.right)) - 1.5 * textHeight;
  };
  const joined = new Map<FreeLine, FreeLine | null>(); // a line → its row (at the row's first line), or null (taken into a row)
  for (const { lines, base } of rows) lines.forEach((l, n) => joined.set(l, n === 0 ? joinRun(lines, base, full) : null));
  const out: FreeLine[] = [];
  for (const l of block) {
    const j = joined.get(l);
    if (j === undefined) out.push({ ...l, cells: (l.cells ?? []).map((c) => (isOwn(c) && full(c.x, c.right) ? { ...c, full: true } : c)) });
    else if (j) out.push(j);
  }
  return out;
}

/**
 * The lines of one borderless row as one line: each cell's pieces, top to bottom, joined column by column.
 * `full(x, lastRight)`: whether a text column whose last line ends at `lastRight` is full (FreeCell.full).
 */
function joinRun(run: FreeLine[], base: FreeLine, full: (x: number, lastRight: number) => boolean): FreeLine {
  const cols = (base.cells ?? []).map((c) => ({ x: c.x, right: c.right, top: c.top, lastRight: c.right, pieces: [] as Piece[] }));
  for (const l of run) {
    for (const c of l.cells ?? []) {
      if (l === base) {
        const col = cols.find((q) => q.x === c.x && q.right === c.right);
        if (col) col.lastRight = c.right;
        col?.pieces.push(c.piece);
        continue;
      }
      // the base cell it overlaps most, or a cell of its own (a merged label's line beside the row)
      let best: (typeof cols)[number] | undefined;
      let most = 0;
      for (const q of cols) {
        const o = Math.min(q.right, c.right) - Math.max(q.x, c.x);
        if (o > most) {
          most = o;
          best = q;
        }
      }
      if (best) {
        best.pieces.push(c.piece);
        best.lastRight = c.right;
      } else cols.push({ x: c.x, right: c.right, top: c.top, lastRight: c.right, pieces: [c.piece] });
    }
  }
  cols.sort((a, b) => a.x - b.x);
  const cells = cols.map((q): FreeCell => {
    const p = piece();
    for (const t of q.pieces) appendText(p, t);
    return { x: q.x, right: q.right, top: q.top, piece: p, ...(!NUMBER.test(p.text) && full(q.x, q.lastRight) ? { full: true } : {}) };
  });
  return {
    items: run.flatMap((l) => l.items),
    top: Math.min(...run.map((l) => l.top)),
    bottom: Math.max(...run.map((l) => l.bottom)),
    piece: cellsPiece(cells),
    cells,
  };
}

/** Appends `t` to `p`, with a space between them unless both sides are wide characters (a label wrapped in CJK). */
function appendText(p: Piece, t: Piece): void {
  if (p.text && t.text) putSep(p, isWide(p.text.charCodeAt(p.text.length - 1)) && isWide(t.text.charCodeAt(0)) ? '' : ' ');
  putPiece(p, t);
}

/** A borderless line's text: its cells, TAB-separated. */
function cellsPiece(cells: FreeCell[]): Piece {
  const p = piece();
  cells.forEach((c, k) => {
    if (k > 0) putSep(p, '\t');
    putPiece(p, c.piece);
  });
  return p;
}

/**
 * A line's items with their joints. In a table line (`tabular`), a space pdf.js put between two digits inside one
 * item (glyphs more than a tenth of a character apart, too close for an item of their own) separates two numbers
 * of adjacent columns: it becomes a TAB. The digits of one number are never spaced.
 */
function joinLine(items: Item[], joints: string[], tabular = false): Piece {
  const p = piece();
  items.forEach((it, k) => {
    if (k > 0) putSep(p, joints[k] ?? '');
    putItem(p, tabular && /\d \d/.test(it.text) ? { ...it, text: it.text.replace(/(?<=\d) (?=\d)/g, '\t') } : it);
  });
  return p;
}

/** A page's text items in page coordinates. */
function pageItems(content: TextContent, viewport: Matrix, anchors: SourceAnchor[], page: number): Item[] {
  const out: Item[] = [];
  for (const raw of content.items) {
    if (!('str' in raw)) continue;
    const it = raw;
    const text = cleanText(it.str);
    if (!text) continue;
    const tf = toMatrix(it.transform);
    if (!tf?.every(Number.isFinite)) continue;
    const m = mul(viewport, tf);
    const style = content.styles[it.fontName];
    const vertical = it.dir === 'ttb' || style?.vertical === true;
    const size = Math.hypot(m[2], m[3]) || it.height || 1;
    const along = Math.hypot(m[0], m[1]);
    // A baseline not along the page's x axis (text drawn rotated, e.g. a sideways group label): its box from the matrix.
    const rotated = !vertical && along > 0 && Math.abs(m[1]) > 0.1 * along;
    let x: number, right: number, top: number, bottom: number;
    let flow: Item['flow'];
    if (rotated) {
      const ascent = style && Number.isFinite(style.ascent) && style.ascent > 0 ? style.ascent : 0.8;
      const descent = style && Number.isFinite(style.descent) && style.descent < 0 ? -style.descent : 0.2;
      const w = Math.max(it.width, 0);
      const [ux, uy] = [m[0] / along, m[1] / along]; // along the baseline
      const [vx, vy] = [m[2], m[3]]; // the glyphs' up, one size long
      const xs: number[] = [],
        ys: number[] = [];
      for (const t of [0, w])
        for (const h of [ascent, -descent]) {
          xs.push(m[4] + ux * t + vx * h);
          ys.push(m[5] + uy * t + vy * h);
        }
      x = Math.min(...xs);
      right = Math.max(...xs);
      top = Math.min(...ys);
      bottom = Math.max(...ys);
      flow = uy < 0 ? 'up' : 'down';
    } else if (vertical) {
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
    const item: Item = { text, x, right, top, bottom, size, vertical: vertical || rotated, anchor: anchors.length - 1 };
    if (flow) item.flow = flow;
    out.push(item);
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
  return (m.split('\n')[0] ?? '').slice(0, 200);
}

function reading(
  text: string,
  refs: number[],
  anchors: SourceAnchor[],
  problems: ReadProblem[],
  pageCount: number,
  pagesRead: number,
): PdfReading {
  // An inserted separator maps to the next item (the last ones to the item before them).
  const ref = Int32Array.from(refs);
  let next = -1;
  for (let i = ref.length - 1; i >= 0; i--) {
    const r = ref[i]!;
    if (r >= 0) next = r;
    else ref[i] = next;
  }
  let prev = -1;
  for (let i = 0; i < ref.length; i++) {
    const r = ref[i]!;
    if (r >= 0) prev = r;
    else ref[i] = prev;
  }
  const none: SourceAnchor = { kind: 'pdf', page: 1, x: 0, y: 0 };
  const at = (k: number | undefined): SourceAnchor => (k === undefined ? none : (anchors[k] ?? none)); // -1: none
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

/** Scripts and blocks a Chinese report never has much of: what glyph ids read as code points land in. */
const FOREIGN = /[\u0370-\u1fff\u2300-\u23ff\u2800-\u28ff\u2c00-\u2dff\u3400-\u4dbf\ua000-\uabff\uac00-\ud7af\ue000-\uf8ff]/u;

/**
 * Whether a text layer is gibberish: a font whose ToUnicode map is wrong (mutool convert writes glyph ids as code
 * points) reads as ASCII punctuation and control characters with hardly any Chinese, or as letters of scripts
 * scattered over the whole of Unicode — which no report is.
 */
function garbled(text: string): boolean {
  let chars = 0;
  let han = 0;
  let symbols = 0;
  let foreign = 0;
  for (const c of text) {
    if (/\s/u.test(c)) continue;
    chars++;
    if (FOREIGN.test(c)) foreign++;
    else if (/\p{Script=Han}/u.test(c)) han++;
    else if (c.charCodeAt(0) < 0x100 && /[\p{P}\p{S}\p{Cc}]/u.test(c)) symbols++;
  }
  return chars >= 200 && ((han < 0.01 * chars && symbols > 0.3 * chars) || foreign > 0.2 * chars);
}

/** Reads a PDF's text layer into a reading text. Never throws: what cannot be read is in `problems`. */
export async function readPdf(bytes: Uint8Array, host: PdfHost, options: PdfReadOptions = {}): Promise<PdfReading> {
  const restore = syncDecompression(host);
  try {
    return await readPdfUnsafe(bytes, host, options);
  } catch (e) {
    return failed(problem(PDF_PROBLEMS.corrupt, `此 PDF 无法读取（${errorMessage(e)}）`, `this PDF cannot be read (${errorMessage(e)})`));
  } finally {
    restore();
  }
}

async function readPdfUnsafe(bytes: Uint8Array, host: PdfHost, options: PdfReadOptions): Promise<PdfReading> {
  if (!looksLikePdf(bytes)) {
    return failed(
      problem(
        PDF_PROBLEMS.notPdf,
        '这不是 PDF 文件（开头没有 %PDF- 标记），无法读取',
        'this is not a PDF file (no %PDF- header), so it cannot be read',
      ),
    );
  }
  const lib = await loadPdfjs();
  const task = lib.getDocument(documentParams(lib, bytes, host));
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    if (errorName(e) === 'PasswordException') {
      return failed(
        problem(
          PDF_PROBLEMS.encrypted,
          '此 PDF 已加密（需要密码才能打开），无法检查；请提供未加密的文件',
          'this PDF is encrypted (it needs a password to open) and cannot be checked; provide an unencrypted copy',
        ),
      );
    }
    return failed(
      problem(
        PDF_PROBLEMS.corrupt,
        `此 PDF 已损坏或不完整，无法读取（${errorMessage(e)}）`,
        `this PDF is damaged or incomplete and cannot be read (${errorMessage(e)})`,
      ),
    );
  }
  try {
    const problems: ReadProblem[] = [];
    const pageCount = doc.numPages;
    if (!(pageCount > 0)) return failed(problem(PDF_PROBLEMS.noPages, '此 PDF 没有页面', 'this PDF has no pages'));
    const max = Math.max(1, Math.floor(options.maxPages ?? DEFAULT_MAX_PAGES));
    const last = Math.min(pageCount, max);
    if (pageCount > max) {
      problems.push(
        problem(
          PDF_PROBLEMS.tooManyPages,
          `此 PDF 有 ${pageCount} 页，只读取了前 ${max} 页`,
          `this PDF has ${pageCount} pages; only the first ${max} were read`,
        ),
      );
    }
    const anchors: SourceAnchor[] = [];
    const out = piece();
    // numbers: the page number of each layout
    const { layouts, numbers, badPages } = await readLayouts(doc, lib, last, anchors);
    const pages = readPages(layouts, numbers);
    const cut = numbers.filter((_, k) => pages[k]?.cutOff); // pages with a table cut off at the right edge
    const pagesRead = pages.length;
    for (const u of joinPages(pages)) {
      if (!u.piece.text) continue;
      if (out.text) putSep(out, '\n');
      putPiece(out, u.piece);
    }
    if (cut.length > 0) {
      problems.push(
        problem(
          PDF_PROBLEMS.tableCutOff,
          `第 ${cut.join('、')} 页的表格超出页面右边缘，被截去的列不在文件中，无法读取；请调整表格宽度后重新导出 PDF`,
          `a table on page${cut.length > 1 ? 's' : ''} ${cut.join(', ')} runs past the page's right edge: the columns cut off are not in the file and cannot be read; fit the table to the page and export the PDF again`,
        ),
      );
    }
    if (badPages.length > 0) {
      const list = badPages.length > 10 ? `${badPages.slice(0, 10).join('、')} 等 ${badPages.length} 页` : badPages.join('、');
      const listEn = badPages.length > 10 ? `${badPages.slice(0, 10).join(', ')} and ${badPages.length - 10} more` : badPages.join(', ');
      problems.push(
        problem(
          PDF_PROBLEMS.pagesUnreadable,
          `第 ${list} 页无法读取（文件可能已损坏），只检查了其余页面`,
          `page${badPages.length > 1 ? 's' : ''} ${listEn} could not be read (the file may be damaged); only the other pages were checked`,
        ),
      );
    }
    if (!out.text.trim()) {
      if (pagesRead === 0)
        return failed(
          problem(
            PDF_PROBLEMS.corrupt,
            '此 PDF 已损坏或不完整，没有一页能读取',
            'this PDF is damaged or incomplete: no page could be read',
          ),
          pageCount,
        );
      problems.push(
        problem(
          PDF_PROBLEMS.noTextLayer,
          '此 PDF 没有文字层（可能是扫描件），无法检查；请先做文字识别（OCR）',
          'this PDF has no text layer (it may be a scan) and cannot be checked; run text recognition (OCR) on it first',
        ),
      );
      return reading('', [], [], problems, pageCount, pagesRead);
    }
    if (garbled(out.text)) {
      problems.push(
        problem(
          PDF_PROBLEMS.garbledText,
          '此 PDF 的文字层无法解码（字体的字符映射有误，读出的是乱码），无法检查；请用原文件重新导出 PDF',
          "this PDF's text layer cannot be decoded (its fonts map characters wrongly: the text reads as gibberish) and cannot be checked; export the PDF again from the source file",
        ),
      );
      return reading('', [], [], problems, pageCount, pagesRead);
    }
    return reading(out.text, out.refs, anchors, problems, pageCount, pagesRead);
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

interface PageLayout {
  items: Item[];
  rules: { h: HRule[]; v: VRule[] };
  width: number;
  height: number;
  /** Pictures standing alone (standalonePictures), each with its anchor. */
  pictures: Picture[];
}

interface Picture extends Box {
  anchor: number;
}

/** A page's text, read before its drawing (which is read only where it may hold rules or a picture). */
interface PageText {
  page: PDFPageProxy;
  number: number;
  items: Item[];
  vt: Matrix;
  width: number;
  height: number;
}

/** Text outside the top and bottom bands (page numbers, running heads and feet). */
const inBody = (it: Item, height: number) => it.bottom >= height * BAND && it.top <= height * (1 - BAND);

/** The top of the highest text and the bottom of the lowest on any page (bands aside): where the document's body is. */
interface TextArea {
  top: number;
  bottom: number;
}

/** Below this a picture is an icon, a rule or a signature, never a table: PDF units, and a share of the page's width. */
const PICTURE_MIN_WIDTH = 64;
const PICTURE_MIN_SHARE = 0.15;
const PICTURE_MIN_HEIGHT = 36;

async function pageText(page: PDFPageProxy, anchors: SourceAnchor[], pageNumber: number): Promise<PageText> {
  const viewport = page.getViewport({ scale: 1 });
  const vt = viewport.transform as Matrix;
  const items = pageItems(await page.getTextContent(), vt, anchors, pageNumber);
  return { page, number: pageNumber, items, vt, width: viewport.width, height: viewport.height };
}

/**
 * Whether a page leaves room for a picture of a table: no text, or a stretch of the text area (`area`, the whole
 * document's) with no text across it at least a picture high, and twice as high as the text above it (the space
 * under a title is not a picture). A table's picture has text after it — a section follows — so the space after
 * the text of the document's last page does not count. Page numbers, running heads and feet (the bands) aside. Only
 * such pages, and those with table-like text, are worth their operator list.
 */
function roomForPicture(items: Item[], area: TextArea, height: number, lastPage: boolean): boolean {
  if (items.length === 0) return true;
  const sorted = items.filter((it) => inBody(it, height)).sort((a, b) => a.top - b.top);
  let reached = area.top;
  let above = 0; // the size of the text that reaches lowest so far
  for (const it of sorted) {
    if (it.top - reached >= Math.max(PICTURE_MIN_HEIGHT, 2 * above)) return true;
    if (it.bottom > reached) {
      reached = it.bottom;
      above = it.size;
    }
  }
  return !lastPage && area.bottom - reached >= Math.max(PICTURE_MIN_HEIGHT, 2 * above);
}

/**
 * The pictures (pagePictures) that stand alone, as a line of their own: large enough (not an icon), on the page, no
 * text on their lines (beside them, or over them: a background, a scan's text layer) and in no ruled table cell.
 * Pictures side by side or overlapping are one.
 */
function standalonePictures(boxes: Box[], items: Item[], rules: { h: HRule[]; v: VRule[] }, width: number, height: number): Box[] {
  const maxCell = { width: width * 0.6, height: height * 0.3 }; // as pageUnits judges a page frame
  const seen = boxes
    .map((b) => ({ l: Math.max(b.l, 0), t: Math.max(b.t, 0), r: Math.min(b.r, width), b: Math.min(b.b, height) }))
    .filter((b) => b.r - b.l >= Math.max(PICTURE_MIN_WIDTH, PICTURE_MIN_SHARE * width) && b.b - b.t >= PICTURE_MIN_HEIGHT);
  const alone = seen.filter((b) => {
    const onLine = (it: Item) => Math.min(it.bottom, b.b) - Math.max(it.top, b.t) > 0.5 * (it.bottom - it.top);
    return !items.some(onLine) && !cellAt(rules, (b.l + b.r) / 2, (b.t + b.b) / 2, maxCell);
  });
  alone.sort((a, b) => a.t - b.t);
  const out: Box[] = [];
  for (const b of alone) {
    const last = out[out.length - 1];
    if (last && b.t < last.b) {
      last.l = Math.min(last.l, b.l);
      last.r = Math.max(last.r, b.r);
      last.b = Math.max(last.b, b.b);
    } else out.push({ ...b });
  }
  return out;
}

/** A page's rules and pictures from its operator list, where worth it (`area` undefined: no text anywhere, no pictures). */
async function pageLayout(
  text: PageText,
  lib: Pdfjs,
  anchors: SourceAnchor[],
  area: TextArea | undefined,
  lastPage: boolean,
): Promise<PageLayout> {
  const { page, items, vt, width, height } = text;
  // Borders are only worth the operator list (it costs as much as the text) where cells may be; pictures where
  // the text leaves room for one.
  const tabular = items.length > 0 && looksTabular(items);
  const pictured = area !== undefined && roomForPicture(items, area, height, lastPage);
  let rules: PageLayout['rules'] = { h: [], v: [] };
  const pictures: Picture[] = [];
  if (tabular || pictured) {
    const ops = await page.getOperatorList({ intent: 'print' });
    const drawn = pageRules(ops, lib.OPS, vt);
    // the text reads by the rules only where it looks tabular (as before pictures were looked for); a picture is
    // judged by every rule drawn
    if (tabular) rules = drawn;
    if (pictured) {
      for (const b of standalonePictures(pagePictures(ops, lib.OPS, vt), items, drawn, width, height)) {
        anchors.push({ kind: 'pdf', page: text.number, x: Math.round(b.l * 100) / 100, y: Math.round(b.t * 100) / 100 });
        pictures.push({ ...b, anchor: anchors.length - 1 });
      }
    }
  }
  page.cleanup();
  return { items, rules, width, height, pictures };
}

/** Every page's layout (at most `last` pages): the text of all, then the drawing where worth it. */
async function readLayouts(
  doc: PDFDocumentProxy,
  lib: Pdfjs,
  last: number,
  anchors: SourceAnchor[],
): Promise<{ layouts: PageLayout[]; numbers: number[]; badPages: number[] }> {
  const texts: PageText[] = [];
  const bad = new Set<number>();
  for (let p = 1; p <= last; p++) {
    try {
      texts.push(await pageText(await doc.getPage(p), anchors, p));
    } catch {
      bad.add(p);
    }
  }
  let area: TextArea | undefined;
  for (const t of texts) {
    for (const it of t.items) {
      if (!inBody(it, t.height)) continue;
      area = { top: Math.min(area?.top ?? Infinity, it.top), bottom: Math.max(area?.bottom ?? -Infinity, it.bottom) };
    }
  }
  const layouts: PageLayout[] = [];
  const numbers: number[] = [];
  for (const t of texts) {
    try {
      layouts.push(await pageLayout(t, lib, anchors, area, t.number === doc.numPages));
      numbers.push(t.number);
    } catch {
      bad.add(t.number);
    }
  }
  return { layouts, numbers, badPages: [...bad].sort((a, b) => a - b) };
}

interface PageUnits {
  units: Unit[];
  height: number;
  /** A table on the page runs past its right edge: the columns beyond it are not in the file. */
  cutOff: boolean;
}

/**
 * The pages' lines, each page's borderless tables at its edges read with the columns of the neighbouring page's
 * (see `columnTabs`): `layouts[k]` is page `numbers[k]`; only consecutive pages are neighbours.
 */
function readPages(layouts: PageLayout[], numbers: number[]): PageUnits[] {
  const read = (l: PageLayout, across?: EdgeColumns) =>
    l.items.length === 0 && l.pictures.length === 0
      ? { units: [], edges: NO_EDGE_COLUMNS }
      : pageUnits(l.items, l.rules, l.width, l.height, across, l.pictures);
  const first = layouts.map((l) => read(l));
  return layouts.map((l, k) => {
    const prev = numbers[k - 1] === (numbers[k] ?? 0) - 1 ? first[k - 1] : undefined;
    const next = numbers[k + 1] === (numbers[k] ?? 0) + 1 ? first[k + 1] : undefined;
    const own = first[k];
    const across: EdgeColumns = {
      ...(prev?.edges.foot ? { head: prev.edges.foot } : {}),
      ...(next?.edges.head ? { foot: next.edges.head } : {}),
    };
    // read again only where a table goes on over the page's edge
    const goesOn = (a?: BlockColumns, b?: BlockColumns) => a !== undefined && b !== undefined && sameColumns(a, b);
    const again = own && (goesOn(own.edges.head, across.head) || goesOn(own.edges.foot, across.foot));
    const units = (again ? read(l, across) : own)?.units ?? [];
    return { units, height: l.height, cutOff: tableCutOff(l.rules, l.width) };
  });
}

/**
 * Whether a table's rules run into the page's right edge: a rule that starts inside the page (not a page frame) and
 * ends at the edge, crossed by column rules — a table wider than the page, its last columns cut off (LibreOffice
 * lays a wide table past the margin and the page clips it).
 */
function tableCutOff(rules: { h: HRule[]; v: VRule[] }, width: number): boolean {
  return rules.h.some(
    (h) =>
      h.x0 > 0.05 * width && h.x1 >= width - 1 && rules.v.filter((v) => v.x > h.x0 - 1 && v.y0 <= h.y + 1 && v.y1 >= h.y - 1).length >= 3,
  );
}

/** Top and bottom bands of a page, where running heads and feet are printed. */
const BAND = 0.08;

/** A running head's or foot's identity: its text without page numbers (`1/4`, `第 2 页`, `- 3 -`, `Page 2`) and spaces. */
function runningKey(text: string): string {
  const pageNo =
    /^([-—–－―_]*\s*\d{1,4}\s*[-—–－―_]*|\d{1,4}\s*\/\s*\d{1,4}|第\s*\d{1,4}\s*页(\s*共\s*\d{1,4}\s*页)?|page\s*\d{1,4}(\s*of\s*\d{1,4})?)$/i;
  const parts = text
    .split('\t')
    .map((part) => part.trim())
    .filter(Boolean);
  // the page number is the head's or foot's first or last part; a number inside it (a year in a title) is its own
  const lastPart = parts[parts.length - 1];
  if (parts.length > 1 && lastPart !== undefined && pageNo.test(lastPart)) parts.pop();
  const firstPart = parts[0];
  if (parts.length > 1 && firstPart !== undefined && pageNo.test(firstPart)) parts.shift();
  return parts.join('').replace(/\s+/g, ''); // how its parts were joined depends on what is next to it
}

/**
 * The pages' lines as one sequence:
 * - a running head or foot (a line outside tables in the top or bottom band whose text, page numbers aside,
 *   comes back on another page: a browser's date, title and address) is dropped;
 * - a table row a page break cut (left open at the page's foot, and the next page's table starting with a row
 *   with no rule above it) is one row again, each piece appended to the cell of the same column. When the
 *   columns do not line up the pieces stay as they are;
 * - a borderless row's label a page break cut goes on at the next page's head (see `continueLabel`).
 */
function joinPages(pages: PageUnits[]): Unit[] {
  const band = (u: Unit, h: number) => !u.row && (u.bottom < h * BAND || u.top > h * (1 - BAND));
  const seen = new Map<string, Set<number>>();
  pages.forEach((p, n) => {
    for (const u of p.units) {
      if (!band(u, p.height)) continue;
      const key = runningKey(u.piece.text);
      if (!/[\p{L}]{2}/u.test(key.replace(/[\d\s]/g, ''))) continue; // a bare number row is never a running head
      const set = seen.get(key) ?? new Set<number>();
      set.add(n);
      seen.set(key, set);
    }
  });
  const running = (u: Unit, h: number) => {
    if (!band(u, h)) return false;
    const key = runningKey(u.piece.text);
    return key !== '' && (seen.get(key)?.size ?? 0) >= 2;
  };
  const out: Unit[] = [];
  let lastRow: Unit | undefined; // the previous page's last unit, when it is a table row
  let pageStart = 0; // where the previous page's units start in `out`
  for (const p of pages) {
    const units = p.units.filter((u) => !running(u, p.height));
    // the row a break cut goes on after the table's header rows, when the writer repeats them on each page
    const k = lastRow?.row ? repeatedHeader(out, units) : 0;
    const next = units[k];
    if (lastRow?.row && next?.row) {
      // Left open at the break (Chromium): one row unless the pieces say otherwise. Closed by rules on both sides
      // (LibreOffice, Word draw the cut as borders): one row only where the text says it runs on (appendRow).
      const open = lastRow.row.openBottom && next.row.openTop;
      if (appendRow(lastRow, next, !open, tableRows(out))) units.splice(k, 1);
      else continueMerged(lastRow, next, tableRows(out));
    }
    // a picture taller than the rest of the page goes on at the next page's head (Chromium draws it on both): one
    if (out[out.length - 1]?.picture && units[0]?.picture) units.shift();
    continueLabel(out.slice(pageStart), units);
    pageStart = out.length;
    out.push(...units);
    const last = units[units.length - 1];
    lastRow = last?.row ? last : undefined;
  }
  return out;
}

/** A line's cells; a line outside the table's block (nothing of the table beside it on its page) is one cell. */
function lineCellsOf(u: Unit): FreeCell[] {
  if (u.cells) return u.cells;
  if (u.right === undefined || u.row) return [];
  const tabs = u.piece.text.includes('\t');
  return [{ x: u.x, right: tabs ? Infinity : u.right, top: u.top, piece: u.piece }];
}

/**
 * The rest of a borderless row's label a page break cut: the row ends the page (`before`, the page's units; group
 * label pieces left of the label may come after it) with its numbers and a label whose
 * last line is full (`5.要求行政机  0 0 0` / `关确认或重新`), and the next page starts with lines of text only,
 * inside that label's column, at the line pitch (`出具已获取信` / `息`), then something else (the next row,
 * `1.申请人无正`). Those lines are put on the label and taken out of `units` (the next page's); whether any were.
 * A line starting with an item number is a row of its own, never the rest of a label; text reaching past the
 * label's column (a header the writer repeats) is not the label's either, nor is what follows if it has numbers
 * without an item number before them.
 */
function continueLabel(before: Unit[], units: Unit[]): boolean {
  const numbered = (u: Unit) => (u.cells ?? []).some((c) => NUMBER.test(c.piece.text));
  let r = before.length - 1;
  for (; r >= 0; r--) {
    const u = before[r];
    if (u && numbered(u)) break;
  }
  const row = before[r];
  const cells = row?.cells ?? [];
  const firstNumber = cells.findIndex((c) => NUMBER.test(c.piece.text));
  const label = cells[firstNumber - 1];
  const numbersLeft = cells[firstNumber]?.x;
  if (!row || !label?.full || numbersLeft === undefined) return false;
  // a group label's piece left of the label's column (`理  补正、行政机`) is not the label's: it stays, a line of its own
  const beside = (c: FreeCell) => c.right <= label.x + 0.5;
  // the row ends its page, but for such pieces below it (`（四）` / `无法提` / `供`)
  const besideOnly = (u: Unit) => lineCellsOf(u).length > 0 && lineCellsOf(u).every(beside);
  if (!before.slice(r + 1).every(besideOnly)) return false;
  let n = 0;
  for (let prev: Unit | undefined; n < units.length; n++) {
    const u = units[n];
    const own = u ? lineCellsOf(u) : [];
    const inside = own.filter((c) => !beside(c));
    if (!u || inside.length === 0) break;
    const height = u.bottom - u.top;
    const inLabel =
      own.every((c) => !NUMBER.test(c.piece.text)) && inside.every((c) => c.x >= label.x - 1.5 && c.right <= numbersLeft + 0.5);
    const newRow = ITEM_NUMBER.test(u.piece.text) || ITEM_NUMBER.test(inside[0]?.piece.text ?? '');
    if (!inLabel || (prev && u.top - prev.top > 1.6 * height) || newRow) break;
    prev = u;
  }
  // what follows must start a row: numbers there with no item number before them are the numbers of a row those
  // lines begin (`行政事业性收` / `0` / `费` at the page's head)
  const after = units[n];
  const afterNumbered = after !== undefined && after.piece.text.split('\t').some((t) => NUMBER.test(t.trim()));
  if (n === 0 || (afterNumbered && !ITEM_NUMBER.test(after.piece.text))) return false;
  const kept: Unit[] = [];
  for (const u of units.slice(0, n)) {
    const own = lineCellsOf(u);
    for (const c of own) if (!beside(c)) appendText(label.piece, c.piece);
    const left = own.filter(beside);
    const last = left[left.length - 1];
    if (last) kept.push({ top: u.top, bottom: u.bottom, x: u.x, right: last.right, piece: cellsPiece(left), cells: left });
  }
  units.splice(0, n, ...kept);
  row.piece = cellsPiece(cells);
  return true;
}

/** The rows of the table the text so far ends in, last first. */
function tableRows(out: Unit[]): Unit[] {
  const rows: Unit[] = [];
  for (let i = out.length - 1; i >= 0 && out[i]?.row; i--) rows.push(out[i]!);
  return rows;
}

/**
 * How many rows at the top of a page (`units`) repeat the first rows of the table the text so far (`out`) ends in,
 * text for text: the header rows a writer repeats on each page. The table: the run of rows `out` ends with.
 */
function repeatedHeader(out: Unit[], units: Unit[]): number {
  let s = out.length;
  while (s > 0 && out[s - 1]?.row) s--;
  let k = 0;
  // at most a few header rows, never the whole table, and a row must follow them
  while (k < 5 && s + k < out.length - 1 && k + 1 < units.length) {
    const a = out[s + k],
      b = units[k];
    if (!a?.row || !b?.row || a.piece.text !== b.piece.text) break;
    k++;
  }
  return k;
}

/** Whether field `f` lies in `g`'s column (at least half its width). */
const inColumn = (f: Field, g: Field) => f.l >= g.l - 2 && f.r <= g.r + 2 && f.r - f.l >= 0.5 * (g.r - g.l);
/** A number is one line: text of digits and their marks. */
const numeric = (t: string) => /^[\d\s.,，%-]+$/.test(t);

/** An item number that starts a label (`（一）`, `1.`, `一、`, `(2)`): text after it starts a row, it never wraps on. */
const ITEM_NUMBER = /^([（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*[、.．]|\d{1,3}\s*[、.．](?!\d))/;

/**
 * Appends the continuation `next` of a row cut by a page break to `row`, column by column; false when they do not
 * line up. `closed`: the cut is drawn as rules, as between two rows, so the text must say the row runs on: every
 * piece of `next` is text going on a text cell of `row`, never starting with an item number, and either those cells
 * are full (Field.full) or `row` has numbers and `next` none (a row is never its numbers without its label: `next`
 * is the rest of the label, not a row of its own left blank).
 */
function appendRow(row: Unit, next: Unit, closed: boolean, above: Unit[] = []): boolean {
  if (!row.row || !next.row) return false;
  const copy = (fields: Field[]) => fields.map((g) => ({ ...g, piece: { text: g.piece.text, refs: [...g.piece.refs] } }));
  const joined = copy(row.row.fields);
  // Rows above whose merged cell (started in them, reaching down to the cut) a piece of `next` goes on in, copied.
  const merged = new Map<Unit, Field[]>();
  // Each non-empty piece of `next` with the cell of `row` (its copy in `joined`) it goes on in.
  const target: { field: Field; cell: Field }[] = [];
  for (const f of next.row.fields) {
    if (f.piece.text === '') continue;
    let cell = joined.find((g) => inColumn(f, g));
    if (!cell) {
      // a column `row` does not have: a cell merged down from a row above, open to the cut with `row`
      const u = above.find((a) => a !== row && a.row?.fields.some((g) => inColumn(f, g) && (g.b ?? -Infinity) >= row.bottom - 1.5));
      if (u?.row && !merged.has(u)) merged.set(u, copy(u.row.fields));
      cell = u && merged.get(u)?.find((g) => inColumn(f, g));
    }
    if (!cell) return false;
    target.push({ field: f, cell });
  }
  // A number is one line: a column with text in both pieces where either is a number means two rows met at the break.
  for (const { field: f, cell: g } of target) if (g.piece.text && (numeric(g.piece.text) || numeric(f.piece.text))) return false;
  if (closed) {
    if (target.length === 0) return false;
    for (const { field: f, cell: g } of target) if (!g.piece.text || ITEM_NUMBER.test(f.piece.text)) return false;
    // the cells go on where they are full, or the row's numbers all came before the cut (a label broken by the writer)
    const numbered = row.row.fields.some((g) => numeric(g.piece.text));
    if (!target.every(({ cell: g }) => g.full) && !numbered) return false;
  }
  for (const { field: f, cell: g } of target) {
    const a = g.piece;
    if (a.text && f.piece.text) putSep(a, isWide(a.text.charCodeAt(a.text.length - 1)) && isWide(f.piece.text.charCodeAt(0)) ? '' : ' ');
    putPiece(a, f.piece);
    g.full = f.full === true; // a row may run on over another break
    g.openBottom = f.openBottom === true;
  }
  row.row = { fields: joined, openTop: row.row.openTop, openBottom: next.row.openBottom };
  row.piece = rowPiece(joined);
  for (const [u, fields] of merged) {
    if (!u.row) continue;
    u.row = { ...u.row, fields };
    u.piece = rowPiece(fields);
  }
  return true;
}

/**
 * The rest of a merged cell a page break cut (a group label beside the rows: `（三）不予` at the foot, `公开` at the
 * head of the next page's first row, which is a row of its own): put on the label in the row the cell started in,
 * leaving the new page's row an empty cell there. Only text going on text, in a column the last row before the break
 * does not have, the cell open on both sides of the break (no rule), never an item number (a label of its own).
 */
function continueMerged(row: Unit, next: Unit, above: Unit[]): void {
  if (!row.row || !next.row) return;
  let moved = false;
  for (const f of next.row.fields) {
    const t = f.piece.text;
    if (!t || !f.openTop || numeric(t) || ITEM_NUMBER.test(t) || row.row.fields.some((g) => inColumn(f, g))) continue;
    const reaches = (g: Field) => inColumn(f, g) && g.openBottom === true && (g.b ?? -Infinity) >= row.bottom - 1.5;
    const u = above.find((a) => a !== row && a.row?.fields.some(reaches));
    const g = u?.row?.fields.find(reaches);
    if (!u?.row || !g?.piece.text || numeric(g.piece.text)) continue;
    const a = g.piece;
    putSep(a, isWide(a.text.charCodeAt(a.text.length - 1)) && isWide(t.charCodeAt(0)) ? '' : ' ');
    putPiece(a, f.piece);
    u.piece = rowPiece(u.row.fields);
    f.piece = piece();
    moved = true;
  }
  if (moved) next.piece = rowPiece(next.row.fields);
}

/** What the reader sees on each page, for tests and diagnosis: the text items and the table rules (page coordinates, y down). */
export interface PdfPageLayout {
  width: number;
  height: number;
  items: { text: string; x: number; right: number; top: number; bottom: number; size: number; vertical: boolean }[];
  hRules: HRule[];
  vRules: VRule[];
  /** The pictures standing alone, each read as a line `[图片]` (page coordinates, y down). */
  pictures: Box[];
}

/** The layout of every page (at most `maxPages`); throws on a file pdf.js cannot open. */
export async function inspectPdf(bytes: Uint8Array, host: PdfHost, options: PdfReadOptions = {}): Promise<PdfPageLayout[]> {
  const lib = await loadPdfjs();
  const restore = syncDecompression(host);
  const task = lib.getDocument(documentParams(lib, bytes, host));
  try {
    const doc = await task.promise;
    const out: PdfPageLayout[] = [];
    const last = Math.min(doc.numPages, Math.max(1, Math.floor(options.maxPages ?? DEFAULT_MAX_PAGES)));
    const { layouts, badPages } = await readLayouts(doc, lib, last, []);
    if (badPages.length > 0) throw new Error(`page ${badPages[0]} cannot be read`);
    for (const l of layouts) {
      out.push({
        width: l.width,
        height: l.height,
        items: l.items.map(({ anchor: _a, ...rest }) => rest),
        hRules: l.rules.h,
        vRules: l.rules.v,
        pictures: l.pictures.map(({ anchor: _a, ...box }) => box),
      });
    }
    return out;
  } finally {
    await task.destroy().catch(() => undefined);
    restore();
  }
}

/** Whether the page may hold a table: a vertical label, or a line with a gap wider than a character (a TAB). */
function looksTabular(items: Item[]): boolean {
  if (items.some((it) => it.vertical)) return true;
  return groupLines(items).some((line) => lineJoints(line).includes('\t'));
}
