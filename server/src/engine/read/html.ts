// The HTML reader: a published web page (a CMS page, a Word "save as web page")
// read into a reading text the line-based recognisers understand, with a map
// from every reading-text character back to the page's source.
//
// - Block elements end a line; a table row is ONE line, its cells separated by
//   a TAB, an empty cell an empty field, a merged cell one field whatever its
//   colspan (padding fields would be indistinguishable from blank cells: a
//   label spanning two columns followed by a blank 自然人 cell, a 2019 value
//   spanning two columns); rowspan: the cell is written once, in its first row,
//   as the HTML has it — the tab-separated layout the engine reads.
// - Text keeps what a browser shows: whitespace runs collapse to one space
//   (&nbsp; included), a line break between two Chinese characters vanishes
//   (CSS Text: segment breaks between wide characters are removed), blocks
//   inside a cell (a Word cell's several <p>s) join within the cell.
// - Map: a character of a text node maps to its exact source offset (an entity's
//   characters to the entity's start); an inserted space, TAB or line break to
//   the start of the element (or whitespace run) that caused it.
// - `textOutsideTablesAsIs` (a text or Markdown document holding HTML tables, as
//   MinerU, docling and marker write them): only the `<table>…</table>` blocks
//   are HTML (laid out as above, on lines of their own); every other character
//   is kept as the text reader keeps it (a Markdown autolink `<http://…>` or an
//   `&amp;` is text there, not markup).
//
// Pure: no file system, no node: modules — the engine bundle stays portable.

import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { imageLine, type ReadDocument } from './document';
import { htmlTableBlocks, type TableBlock } from './html-tables';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

export interface HtmlReadOptions {
  /** Text outside tables kept verbatim (lines stay lines), for a text or Markdown document holding HTML tables. */
  textOutsideTablesAsIs?: boolean;
}

export interface HtmlReading extends ReadDocument {
  form: 'html';
  /** How it was read: the HTML writer reads a rewritten source the same way. */
  options: HtmlReadOptions;
  /** Source offset for each reading-text offset (defined for 0 … text.length). */
  toSource: (offset: number) => number;
  /** Source offset just after the character before `offset`: where a range ending at `offset` ends in the source. */
  toSourceEnd: (offset: number) => number;
  isHtml: true;
}

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'head',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'select',
  'textarea',
  'button',
]);

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'title',
  'ul',
]);

/** Characters a browser collapses as white space (&nbsp; shows as a space, so it collapses here too). */
function isCollapsible(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xa0;
}

/** East Asian wide characters: Han, kana, CJK and full-width punctuation. A segment break between two of them vanishes. */
function isWide(c: number): boolean {
  return (
    (c >= 0x2e80 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6)
  );
}

class Writer {
  private readonly parts: string[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  private last = -1; // char code of the last character written; -1 at the start
  /** A collapsed space waiting for the next visible character: its source offset, and whether it vanishes between wide characters. */
  private pending: { src: number; soft: boolean } | undefined;
  /** The furthest source offset reached: where a separator with no element location maps. */
  cursor = 0;

  private put(ch: string, start: number, end: number): void {
    this.parts.push(ch);
    this.starts.push(start);
    this.ends.push(end);
    this.last = ch.charCodeAt(0);
  }

  /** A visible character (not collapsible white space). */
  char(ch: string, start: number, end: number): void {
    const p = this.pending;
    if (p) {
      this.pending = undefined;
      if (!(p.soft && isWide(this.last) && isWide(ch.charCodeAt(0)))) this.put(' ', p.src, p.src);
    }
    this.put(ch, start, end);
    if (end > this.cursor) this.cursor = end;
  }

  /** White space: one space, unless at the start of a line or field, or before a break. A run holding a segment break (`soft`) vanishes between wide characters. */
  space(src: number, soft: boolean): void {
    if (this.last === -1 || this.last === 10 || this.last === 9) return;
    if (this.pending) this.pending.soft ||= soft;
    else this.pending = { src, soft };
  }

  /** Ends the line (at most one break in a row: no blank lines). */
  lineBreak(src: number): void {
    this.pending = undefined;
    if (this.last === -1 || this.last === 10) return;
    this.put('\n', src, src);
  }

  /** Ends the line, the break mapping to `src` (a row's first cell: where an empty first field of the row is shown). */
  lineBreakAt(src: number): void {
    this.lineBreak(src);
    if (this.last === 10) {
      this.starts[this.starts.length - 1] = src;
      this.ends[this.ends.length - 1] = src;
    }
  }

  /** A character kept as it is (verbatim text): no collapse, no pending space. */
  raw(ch: string, start: number, end: number): void {
    this.pending = undefined;
    this.put(ch, start, end);
    if (end > this.cursor) this.cursor = end;
  }

  /** Drops spaces and TABs written since the last line break (verbatim indentation before a table: not a line of its own). */
  trimLineEnd(): void {
    let k = this.parts.length;
    while (k > 0 && (this.parts[k - 1] === ' ' || this.parts[k - 1] === '\t')) k--;
    if (k === this.parts.length) return;
    this.parts.length = this.starts.length = this.ends.length = k;
    this.last = k > 0 ? (this.parts[k - 1] as string).charCodeAt(0) : -1;
  }

  /** Nothing visible written since the last line break. */
  atLineStart(): boolean {
    return this.last === -1 || this.last === 10;
  }

  tab(src: number): void {
    this.pending = undefined;
    this.put('\t', src, src);
  }

  text(): string {
    return this.parts.join('');
  }
}

function attribute(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** Whether words follow the element on its line: text after it before the block (or a line break, a table) ends. */
function textFollows(el: Element): boolean {
  for (let node: Node = el; ;) {
    const parent: ParentNode | null = 'parentNode' in node ? node.parentNode : null;
    if (!parent) return false;
    const siblings = parent.childNodes;
    for (let k = siblings.indexOf(node) + 1; k < siblings.length; k++) {
      const next = siblings[k] as Node;
      if (next.nodeName === '#text') {
        if ((next as DefaultTreeAdapterMap['textNode']).value.trim() !== '') return true;
      } else if ('tagName' in next) {
        if (next.tagName === 'br' || next.tagName === 'table' || BLOCK.has(next.tagName)) return false;
        if (!SKIP.has(next.tagName) && hasWords(next)) return true;
      }
    }
    if (!('tagName' in parent) || BLOCK.has(parent.tagName) || parent.tagName === 'td' || parent.tagName === 'th') return false;
    node = parent;
  }
}

/** Visible words inside an inline element. */
function hasWords(el: Element): boolean {
  const stack: Node[] = [el];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if (n.nodeName === '#text' && (n as DefaultTreeAdapterMap['textNode']).value.trim() !== '') return true;
    if ('tagName' in n && !SKIP.has(n.tagName)) stack.push(...n.childNodes);
  }
  return false;
}

/** An image drawn small (a bullet, a logo in a line of text): `width`/`height` or their style under 64 pixels. */
function isIcon(el: Element): boolean {
  const style = attribute(el, 'style') ?? '';
  for (const name of ['width', 'height']) {
    const given = attribute(el, name) ?? new RegExp(`(?:^|;)\\s*${name}\\s*:\\s*([0-9.]+)px`, 'i').exec(style)?.[1];
    const px = given === undefined ? NaN : Number.parseFloat(given);
    if (px > 0 && px < 64) return true;
  }
  return false;
}

/** Start of an element in the source, or where the walk has reached when the parser made it up (an implied <tbody>). */
function startOf(el: Element, w: Writer): number {
  return el.sourceCodeLocation?.startOffset ?? w.cursor;
}

function childElements(el: ParentNode): Element[] {
  return el.childNodes.filter((n): n is Element => 'tagName' in n);
}

function hasTable(el: Element): boolean {
  // Iterative: a page may nest elements deeper than the call stack goes.
  const todo: Element[] = [el];
  for (let e = todo.pop(); e; e = todo.pop()) {
    for (const c of childElements(e)) {
      if (c.tagName === 'table') return true;
      todo.push(c);
    }
  }
  return false;
}

/** The source with everything outside the blocks a space: the parser reads the tables alone, at their own offsets. */
function masked(source: string, blocks: readonly TableBlock[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const b of blocks) {
    parts.push(' '.repeat(b.start - at), source.slice(b.start, b.end));
    at = b.end;
  }
  parts.push(' '.repeat(source.length - at));
  return parts.join('');
}

/** A unit of the walk: a node to visit, or an action to run when the walk gets back to it (an element's end). */
type Step = Node | (() => void);

export function readHtml(source: string, options: HtmlReadOptions = {}): HtmlReading {
  const asIs = options.textOutsideTablesAsIs === true;
  const blocks = asIs ? htmlTableBlocks(source) : [];
  // Outside the table blocks the parser sees only spaces (same length: its offsets stay the source's); that text is copied as it is.
  const doc = parse(asIs ? masked(source, blocks) : source, { sourceCodeLocationInfo: true });
  const w = new Writer();
  /** Inside a table cell: blocks join within the cell instead of ending the line. */
  let inCell = 0;
  /** Inside a table (verbatim text is only outside any). */
  let inTable = 0;
  /** Just after a table, verbatim: the rest of its source line (blanks, one line break) is the table's line end, already written. */
  let afterTable = false;

  const breakAt = (src: number) => {
    if (inCell > 0) w.space(src, true);
    else w.lineBreak(src);
  };

  /** The source copied up to here (text outside the table blocks). */
  let copied = 0;
  let nextBlock = 0;
  /** The source up to `end` as it is, from where the copy stopped; right after a table, the rest of its line is its line end, already written. */
  const copyUpTo = (end: number) => {
    for (let k = copied; k < end; k++) {
      const c = source.charCodeAt(k);
      if (afterTable) {
        if (c === 32 || c === 9) continue;
        afterTable = false;
        if (c === 10) continue;
        if (c === 13 && source.charCodeAt(k + 1) === 10) {
          k++;
          continue;
        }
      }
      w.raw(source.charAt(k), k, k + 1);
    }
    copied = Math.max(copied, end);
  };

  const textNode = (value: string, loc: { startOffset: number; endOffset: number } | null | undefined) => {
    const raw = loc ? source.slice(loc.startOffset, loc.endOffset) : '';
    const base = loc?.startOffset ?? w.cursor;
    const first = w.starts.length;
    /** The text does not line up with its source slice (the parser rebuilt broken markup): no character is a copy. */
    let inexact = false;
    // Align the decoded text with its raw source: plain characters one to one,
    // a character reference (&nbsp; &#20013; …) to the reference's start, CR LF to one LF.
    let i = 0;
    for (let j = 0; j < value.length; j++) {
      const c = value.charCodeAt(j);
      let start = base + Math.min(i, raw.length);
      let end = start + 1;
      if (i < raw.length && raw.charCodeAt(i) === c && c !== 38 /* & */) {
        i++;
      } else if (c === 10 && raw.charCodeAt(i) === 13) {
        i += raw.charCodeAt(i + 1) === 10 ? 2 : 1;
        end = base + i;
      } else if (raw.charCodeAt(i) === 38) {
        const m = /^&(?:#[xX][0-9a-fA-F]+;?|#[0-9]+;?|[A-Za-z][A-Za-z0-9]*;?)/.exec(raw.slice(i, i + 40));
        i += m ? m[0].length : 1;
        end = base + Math.min(i, raw.length);
        // An entity that decodes to two UTF-16 units (an astral character, a few named ones): both map to its start.
        const next = value.charCodeAt(j + 1);
        if (j + 1 < value.length && next !== raw.charCodeAt(i) && !(next === 10 && raw.charCodeAt(i) === 13) && raw.charCodeAt(i) !== 38) {
          emit(value.charAt(j), c, start, end, false);
          j++;
          emit(value.charAt(j), next, start, end, false);
          continue;
        }
      } else if (i < raw.length) {
        // Anything else the parser changed (NUL → U+FFFD): one for one, so the map stays monotonic.
        if (c !== 0xfffd) inexact = true;
        i++;
      } else {
        start = end = base + raw.length;
      }
      emit(value.charAt(j), c, start, end, c === 10 || c === 13);
    }
    if (inexact) {
      // Every character of the node points at the node's start, as an inserted one does: never taken for a copy.
      for (let k = first; k < w.starts.length; k++) w.starts[k] = w.ends[k] = base;
    }
  };

  const emit = (ch: string, c: number, start: number, end: number, segmentBreak: boolean) => {
    if (isCollapsible(c)) w.space(start, segmentBreak);
    else w.char(ch, start, end);
  };

  // The walk runs on an explicit stack (steps pushed in reverse), not by recursion: a page nested
  // 100,000 elements deep is read like any other.
  const stack: Step[] = [];
  const pushInOrder = (steps: Step[]) => {
    for (let i = steps.length - 1; i >= 0; i--) stack.push(steps[i] as Step);
  };

  const row = (tr: Element): Step[] => {
    const cells = childElements(tr).filter((c) => c.tagName === 'td' || c.tagName === 'th');
    if (cells.some(hasTable)) {
      // A layout row holding a table: its cells are containers, not fields.
      return [...tr.childNodes, () => w.lineBreak(w.cursor)];
    }
    const firstCell = cells[0];
    const steps: Step[] = [() => w.lineBreakAt(startOf(firstCell ?? tr, w))];
    cells.forEach((cell, k) => {
      steps.push(() => {
        if (k > 0) w.tab(startOf(cell, w));
        inCell++;
      });
      steps.push(...cell.childNodes);
      steps.push(() => {
        inCell--;
      });
    });
    steps.push(() => w.lineBreak(tr.sourceCodeLocation?.endOffset ?? w.cursor));
    return steps;
  };

  const table = (el: Element): Step[] => {
    let saved = 0;
    const steps: Step[] = [
      () => {
        saved = inCell;
        inCell = 0; // a nested table's rows are lines of their own
        if (asIs && inTable === 0) {
          copyUpTo(startOf(el, w));
          w.trimLineEnd();
        }
        afterTable = false;
        inTable++;
        w.lineBreak(startOf(el, w));
      },
    ];
    const rowsOf = (parent: Element) => {
      for (const c of childElements(parent)) {
        if (c.tagName === 'tr') steps.push(() => pushInOrder(row(c)));
        else if (c.tagName === 'thead' || c.tagName === 'tbody' || c.tagName === 'tfoot') rowsOf(c);
        else if (c.tagName === 'caption') steps.push(c, () => w.lineBreak(w.cursor));
      }
    };
    rowsOf(el);
    steps.push(() => {
      w.lineBreak(el.sourceCodeLocation?.endOffset ?? w.cursor);
      inCell = saved;
      inTable--;
      if (asIs && inTable === 0) {
        // Past the block this table opened (the parser may have ended it elsewhere in broken markup).
        const at = startOf(el, w);
        while (nextBlock < blocks.length && (blocks[nextBlock] as TableBlock).end <= at) nextBlock++;
        const block = blocks[nextBlock];
        if (block && block.start <= at) copied = Math.max(copied, block.end);
        afterTable = true;
      }
    });
    return steps;
  };

  /** The picture's line (imageLine): inserted characters, mapped to where the tag starts. */
  const picture = (el: Element) => {
    const start = startOf(el, w);
    w.lineBreak(start);
    for (const ch of imageLine(attribute(el, 'alt') ?? '')) w.char(ch, start, start);
    w.lineBreak(el.sourceCodeLocation?.endOffset ?? start);
  };

  const visit = (node: Node) => {
    if (node.nodeName === '#text') {
      if (asIs && inTable === 0) return; // the masked spaces outside the blocks: the source is copied instead
      const t = node as DefaultTreeAdapterMap['textNode'];
      textNode(t.value, t.sourceCodeLocation);
      return;
    }
    if (!('tagName' in node)) {
      if ('childNodes' in node) pushInOrder((node as ParentNode).childNodes); // the document, a fragment
      return;
    }
    const el = node;
    const tag = el.tagName;
    if (SKIP.has(tag)) return;
    if (tag === 'table') return pushInOrder(table(el));
    if (tag === 'br') return breakAt(startOf(el, w));
    if (tag === 'img') {
      // A picture outside the tables, on a line of its own: a table published as an image is seen where it stands
      // (parse/placeholders.ts). In a cell, an icon, or verbatim text (its `<img>` is copied as it is): nothing.
      if (inCell === 0 && !(asIs && inTable === 0) && !isIcon(el) && w.atLineStart() && !textFollows(el)) picture(el);
      return;
    }
    const block = BLOCK.has(tag) || tag === 'td' || tag === 'th';
    if (block) breakAt(startOf(el, w));
    pushInOrder(block ? [...el.childNodes, () => breakAt(el.sourceCodeLocation?.endTag?.startOffset ?? w.cursor)] : el.childNodes);
  };

  stack.push(doc);
  for (let step = stack.pop(); step !== undefined; step = stack.pop()) {
    if (typeof step === 'function') step();
    else visit(step);
  }
  if (asIs) copyUpTo(source.length);
  w.lineBreak(source.length);
  const text = w.text();
  const starts = Int32Array.from(w.starts);
  const ends = Int32Array.from(w.ends);
  const n = text.length;
  // starts and ends have one entry per character of the text (n of them): every read below is in 0..n-1.
  const toSource = (offset: number): number => {
    if (offset <= 0) return n > 0 ? starts[0]! : 0;
    if (offset >= n) return source.length;
    // An empty field (a blank cell): its offset is the separator after it; it belongs to the cell the separator
    // before it opened (a TAB, or the line break that starts a row, which maps to the row's first cell).
    const c = text.charCodeAt(offset);
    const before = text.charCodeAt(offset - 1);
    if ((c === 9 || c === 10) && (before === 9 || (c === 9 && before === 10))) return starts[offset - 1]!;
    return starts[offset]!;
  };
  const toSourceEnd = (offset: number): number => {
    if (offset <= 0) return toSource(0);
    const k = Math.min(offset, n) - 1;
    return Math.max(ends[k]!, starts[k]!);
  };
  return {
    form: 'html',
    text,
    toSource,
    toSourceEnd,
    anchorAt: (offset) => ({ kind: 'offset', offset: toSource(offset) }),
    anchorEnd: (offset) => ({ kind: 'offset', offset: toSourceEnd(offset) }),
    problems: [],
    // The page is not its reading text: a fix needs the HTML writer.
    editable: false,
    isHtml: true,
    options,
  };
}
