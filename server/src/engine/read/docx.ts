// The .docx reader: a Word file (the draft agencies write) read into the
// reading text the line-based recognisers understand, with an exact map from
// every reading character back to `word/document.xml`.
//
// - A body paragraph is one line; a table row is ONE line, cells separated by a
//   TAB, a cell with gridSpan n followed by n−1 empty fields, a vMerge
//   continuation an empty field (the layout the HTML reader gives a page).
//   Paragraphs and breaks inside a cell join within the cell: nothing between
//   two wide characters, else one space (as a browser joins a Word cell's <p>s).
//   A cell holding a table is a layout box (a web page saved as .docx keeps its
//   one-cell layout table; a boxed part): its paragraphs and the nested
//   table's rows are lines of their own.
// - w:tab is a space, never a TAB: a TAB is the reader's cell separator, while a
//   tab in Word is only alignment (after 一、 or inside a label).
// - Automatic list numbering (numbering.xml, direct or through the paragraph
//   style) is rendered, so a heading numbered by Word reads "一、总体情况".
// - Final text of tracked changes: w:ins / w:moveTo kept, w:del / w:moveFrom
//   dropped (deleted rows too). Field codes dropped, field results kept; one
//   mc:AlternateContent branch (the Choice); w:sdt content; hidden (w:vanish)
//   runs dropped; text boxes as their own lines after the paragraph (or the
//   table row) they are anchored in. Headers, footers, notes, comments unread.
// - Characters are kept as the file has them (full-width spaces included): the
//   engine normalises.
//
// Pure: no file system, no node: modules — the engine bundle stays portable.
// Never throws: bad input becomes a `problems` entry with an empty or partial text.

import { unzipSync, type UnzipFileInfo } from 'fflate';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { imageLine, type ReadDocument, type ReadProblem, type SourceAnchor } from './document';
import { ENCRYPTED_MESSAGE, readDoc, type DocProblemCode } from './doc';
import { isWide } from '../text';

export { readDoc, DOC_PROBLEMS } from './doc';

/** The part every anchor points into. */
export const DOCX_PART = 'word/document.xml';

/** Problem codes of this reader. */
export const DOCX_PROBLEMS = {
  /** Neither a zip package nor an OLE file. */
  notAZip: 'not-a-docx',
  /** An OLE compound file that is neither an encrypted package nor a Word document (an .xls, a .ppt renamed). */
  legacyDoc: 'legacy-doc',
  /** An OLE compound file holding an encrypted package: a password-protected .docx. */
  encrypted: 'encrypted',
  /** A zip that cannot be read: truncated or damaged. */
  corrupt: 'corrupt',
  /** A zip without word/document.xml (an .xlsx, a .pptx, another zip). */
  noDocument: 'no-document',
  /** More entries or more inflated bytes than a report can have (a zip bomb). */
  tooLarge: 'too-large',
  /** An XML part that is not well formed: what was read before the fault is kept. */
  malformedXml: 'malformed-xml',
  /** A well-formed document with no text at all. */
  noText: 'no-text',
} as const;
export type DocxProblemCode = (typeof DOCX_PROBLEMS)[keyof typeof DOCX_PROBLEMS] | DocProblemCode;

export interface DocxOptions {
  /** Cap on the inflated size of the parts read (bytes). Default 50 MB. */
  maxInflatedBytes?: number;
  /** Cap on the number of zip entries. Default 10 000. */
  maxEntries?: number;
}

export interface DocxReading extends ReadDocument {
  form: 'docx';
  problems: (ReadProblem & { code: DocxProblemCode })[];
  /** Body paragraphs (outside tables) and tables (nested ones included) seen, as the anchors number them. */
  paragraphs: number;
  tables: number;
}

type DocxAnchor = Extract<SourceAnchor, { kind: 'docx' }>;
type Loc = { paragraph?: number | undefined; table?: number | undefined; row?: number | undefined; cell?: number | undefined };

const W_NS = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
/** DrawingML, transitional and strict. */
const A_NS = new Set(['http://schemas.openxmlformats.org/drawingml/2006/main', 'http://purl.oclc.org/ooxml/drawingml/main']);
const VML_NS = 'urn:schemas-microsoft-com:vml';

/** W elements whose whole content is never text of the document. */
const SKIP = new Set([
  'pPrChange',
  'rPrChange',
  'sectPr',
  'sectPrChange',
  'tblPr',
  'tblPrChange',
  'tblGrid',
  'tblGridChange',
  'tblPrEx',
  'tcPrChange',
  'trPrChange',
  'sdtPr',
  'sdtEndPr',
  'numberingChange',
  'smartTagPr',
  'customXmlPr',
  'footnoteReference',
  'endnoteReference',
  'commentReference',
  'annotationRef',
  'delText',
  'delInstrText',
  'instrText',
  'fldData',
  'ffData',
  'tabs',
  'framePr',
  'background',
  'object',
  'sym',
]);

const problem = (code: DocxProblemCode, zh: string, en: string) => ({ code, message: { zh, en } });

// ---------------------------------------------------------------- output

/** The reading text being written: one character per entry with its source range and location. */
class Out {
  chars: string[] = [];
  starts: number[] = [];
  ends: number[] = [];
  locs: number[] = [];
  /** Empty fields (a blank cell): reading offset, where the cell starts, its location. */
  empty: number[] = [];
  private last = -1;
  private pending: { src: number; loc: number } | undefined;
  /** Soft joins made (a space put, or nothing between wide characters): made lines again when their cell turns out to hold a table. */
  private joins: { at: number; put: boolean; src: number; loc: number }[] = [];

  get length(): number {
    return this.chars.length;
  }

  /** Whether anything but blanks was written from `from` on. */
  visibleSince(from: number): boolean {
    for (let k = from; k < this.chars.length; k++) if (this.chars[k]!.trim() !== '') return true;
    return false;
  }

  private put(ch: string, start: number, end: number, loc: number): void {
    this.chars.push(ch);
    this.starts.push(start);
    this.ends.push(end);
    this.locs.push(loc);
    this.last = ch.charCodeAt(0);
  }

  char(ch: string, start: number, end: number, loc: number): void {
    const p = this.pending;
    if (p) {
      this.pending = undefined;
      const l = this.last;
      if (l !== -1 && l !== 10 && l !== 9) {
        const put = l !== 32 && l !== 0x3000 && !(isWide(l) && isWide(ch.charCodeAt(0))) && ch !== ' ';
        this.joins.push({ at: this.length, put, src: p.src, loc: p.loc });
        if (put) this.put(' ', p.src, p.src, p.loc);
      }
    }
    this.put(ch, start, end, loc);
  }

  /** A join inside a cell (a second paragraph, a break): a space, unless between wide characters or at the field's start. */
  soft(src: number, loc: number): void {
    if (!this.pending) this.pending = { src, loc };
  }

  lineBreak(src: number, loc: number): void {
    this.pending = undefined;
    if (this.last === -1 || this.last === 10) return;
    this.put('\n', src, src, loc);
  }

  tab(src: number, loc: number): void {
    this.pending = undefined;
    this.put('\t', src, src, loc);
  }

  /**
   * The soft joins made since `from` become line breaks: a cell holding a table is a layout box (a page laid out in a
   * one-cell table, a boxed part), whose paragraphs are lines of the body, not one cell's text.
   */
  harden(from: number): void {
    this.pending = undefined;
    for (let k = this.joins.length - 1; k >= 0; k--) {
      const j = this.joins[k];
      if (!j || j.at < from) break;
      if (j.put) this.chars[j.at] = '\n';
      else {
        this.chars.splice(j.at, 0, '\n');
        this.starts.splice(j.at, 0, j.src);
        this.ends.splice(j.at, 0, j.src);
        this.locs.splice(j.at, 0, j.loc);
        for (let e = 0; e < this.empty.length; e += 3) {
          const at = this.empty[e];
          if (at !== undefined && at >= j.at) this.empty[e] = at + 1;
        }
      }
    }
    this.joins = this.joins.filter((j) => j.at < from);
    const lastChar = this.chars.at(-1);
    if (lastChar !== undefined) this.last = lastChar.charCodeAt(0);
  }

  /** Drops a pending join (a cell ends). */
  settle(): void {
    this.pending = undefined;
  }

  emptyField(src: number, loc: number): void {
    this.empty.push(this.length, src, loc);
  }

  truncate(n: number): void {
    this.chars.length = this.starts.length = this.ends.length = this.locs.length = n;
    for (let at = this.empty.at(-3); at !== undefined && at >= n; at = this.empty.at(-3)) this.empty.length -= 3;
    this.last = this.chars[n - 1]?.charCodeAt(0) ?? -1;
    this.pending = undefined;
    for (let j = this.joins.at(-1); j !== undefined && j.at >= n; j = this.joins.at(-1)) this.joins.pop();
  }

  /** Appends a text box's lines as lines of their own. */
  append(o: Out, src: number, loc: number): void {
    if (o.length === 0) return;
    this.lineBreak(src, loc);
    const base = this.length;
    // empty: triples of (reading offset, source, location); only the offset moves
    for (const [k, v] of o.empty.entries()) this.empty.push(k % 3 === 0 ? v + base : v);
    // chars, starts, ends and locs are parallel: one entry each per character
    for (let k = 0; k < o.length; k++) this.put(o.chars[k]!, o.starts[k]!, o.ends[k]!, o.locs[k]!);
    this.lineBreak(src, loc);
  }
}

// ---------------------------------------------------------------- numbering

interface Level {
  start: number;
  fmt: string;
  text: string;
  suff: string;
  restart: number | undefined;
  isLgl: boolean;
  pStyle: string | undefined;
}

interface Numbering {
  abstracts: Map<string, { levels: (Level | undefined)[]; numStyleLink: string | undefined }>;
  nums: Map<string, { abstractId: string; starts: Map<number, number>; levels: Map<number, Level> }>;
  styles: Map<string, { basedOn: string | undefined; numId: string | undefined; ilvl: number | undefined }>;
  defaultStyle: string | undefined;
}

/**
 * Namespace prefixes resolved here rather than by saxes: its `xmlns` mode costs
 * twice the parse time, and a package declares its prefixes once, on the root.
 */
class Namespaces {
  private scopes: Map<string, string>[] = [new Map([['xml', 'http://www.w3.org/XML/1998/namespace']])];
  private declared: boolean[] = [];
  private cache = new Map<string, { uri: string; local: string }>();

  open(tag: SaxesTagPlain): { uri: string; local: string } {
    let scope: Map<string, string> | undefined;
    for (const k in tag.attributes) {
      if (k === 'xmlns' || k.startsWith('xmlns:')) {
        scope ??= new Map(this.scopes[this.scopes.length - 1]);
        scope.set(k === 'xmlns' ? '' : k.slice(6), tag.attributes[k] ?? '');
      }
    }
    this.declared.push(scope !== undefined);
    if (scope) {
      this.scopes.push(scope);
      this.cache = new Map();
    }
    return this.resolve(tag.name);
  }

  close(): void {
    if (this.declared.pop()) {
      this.scopes.pop();
      this.cache = new Map();
    }
  }

  private resolve(qname: string): { uri: string; local: string } {
    let r = this.cache.get(qname);
    if (!r) {
      const colon = qname.indexOf(':');
      const prefix = colon < 0 ? '' : qname.slice(0, colon);
      r = { uri: this.scopes.at(-1)?.get(prefix) ?? '', local: colon < 0 ? qname : qname.slice(colon + 1) };
      this.cache.set(qname, r);
    }
    return r;
  }
}

/** An attribute by its local name, whatever its prefix. */
function attr(tag: SaxesTagPlain, local: string): string | undefined {
  const a = tag.attributes;
  for (const k in a) {
    if (k === local || (k.length > local.length && k.endsWith(local) && k.charCodeAt(k.length - local.length - 1) === 58)) return a[k];
  }
  return undefined;
}

/** A small element tree of a W part (styles.xml, numbering.xml): W elements only, attributes by local name. */
interface Node {
  name: string;
  attrs: Map<string, string>;
  children: Node[];
}

function parseTree(xml: string): { root: Node; error: string | undefined } {
  const root: Node = { name: '#root', attrs: new Map(), children: [] };
  const stack: (Node | undefined)[] = [root];
  let error: string | undefined;
  const parser = new SaxesParser({ xmlns: false });
  const ns = new Namespaces();
  parser.on('error', (e) => {
    error ??= e.message;
    throw STOP;
  });
  parser.on('opentag', (tag) => {
    const parent = stack[stack.length - 1];
    const { uri, local } = ns.open(tag);
    if (!parent || !W_NS.has(uri)) {
      stack.push(undefined);
      return;
    }
    const attrs = new Map<string, string>();
    for (const [k, v] of Object.entries(tag.attributes)) attrs.set(k.slice(k.indexOf(':') + 1), v);
    const node: Node = { name: local, attrs, children: [] };
    parent.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => {
    ns.close();
    stack.pop();
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    if (e !== STOP) error ??= String(e);
  }
  return { root, error };
}

const STOP = new Error('stop');

function child(n: Node | undefined, name: string): Node | undefined {
  return n?.children.find((c) => c.name === name);
}
const val = (n: Node | undefined): string | undefined => n?.attrs.get('val');
function intVal(n: Node | undefined): number | undefined {
  const v = val(n);
  if (v === undefined) return undefined;
  const k = parseInt(v, 10);
  return Number.isFinite(k) ? k : undefined;
}
/** An on/off property: present and not "0"/"false"/"off". */
function onOff(n: Node | undefined): boolean {
  if (!n) return false;
  const v = val(n);
  return v === undefined || !(v === '0' || v === 'false' || v === 'off');
}

function readLevel(l: Node): Level {
  return {
    start: intVal(child(l, 'start')) ?? 0,
    fmt: val(child(l, 'numFmt')) ?? 'decimal',
    text: val(child(l, 'lvlText')) ?? '',
    suff: val(child(l, 'suff')) ?? 'tab',
    restart: intVal(child(l, 'lvlRestart')),
    isLgl: onOff(child(l, 'isLgl')),
    pStyle: val(child(l, 'pStyle')),
  };
}

function readNumbering(numberingXml: string | undefined, stylesXml: string | undefined, problems: DocxReading['problems']): Numbering {
  const out: Numbering = { abstracts: new Map(), nums: new Map(), styles: new Map(), defaultStyle: undefined };
  const parse = (xml: string, part: string) => {
    const { root, error } = parseTree(xml);
    if (error)
      problems.push(
        problem(
          DOCX_PROBLEMS.malformedXml,
          `${part} 不是规范的 XML（${error}），自动编号可能缺失`,
          `${part} is not well-formed XML (${error}); automatic numbering may be missing`,
        ),
      );
    return root;
  };
  if (stylesXml) {
    const root = parse(stylesXml, 'word/styles.xml');
    for (const s of child(root, 'styles')?.children ?? []) {
      if (s.name !== 'style') continue;
      const id = s.attrs.get('styleId');
      if (id === undefined) continue;
      const type = s.attrs.get('type') ?? 'paragraph';
      if (type !== 'paragraph' && type !== 'numbering') continue;
      const numPr = child(child(s, 'pPr'), 'numPr');
      out.styles.set(id, { basedOn: val(child(s, 'basedOn')), numId: val(child(numPr, 'numId')), ilvl: intVal(child(numPr, 'ilvl')) });
      const d = s.attrs.get('default');
      if (type === 'paragraph' && (d === '1' || d === 'true' || d === 'on')) out.defaultStyle = id;
    }
  }
  if (numberingXml) {
    const root = parse(numberingXml, 'word/numbering.xml');
    for (const n of child(root, 'numbering')?.children ?? []) {
      if (n.name === 'abstractNum') {
        const id = n.attrs.get('abstractNumId');
        if (id === undefined) continue;
        const levels: (Level | undefined)[] = [];
        for (const l of n.children) {
          const k = l.name === 'lvl' ? parseInt(l.attrs.get('ilvl') ?? '', 10) : NaN;
          if (k >= 0 && k < 9) levels[k] = readLevel(l);
        }
        out.abstracts.set(id, { levels, numStyleLink: val(child(n, 'numStyleLink')) });
      } else if (n.name === 'num') {
        const id = n.attrs.get('numId');
        const abstractId = val(child(n, 'abstractNumId'));
        if (id === undefined || abstractId === undefined) continue;
        const starts = new Map<number, number>();
        const levels = new Map<number, Level>();
        for (const o of n.children) {
          if (o.name !== 'lvlOverride') continue;
          const k = parseInt(o.attrs.get('ilvl') ?? '', 10);
          if (!(k >= 0 && k < 9)) continue;
          const s = intVal(child(o, 'startOverride'));
          if (s !== undefined) starts.set(k, s);
          const l = child(o, 'lvl');
          if (l) levels.set(k, readLevel(l));
        }
        out.nums.set(id, { abstractId, starts, levels });
      }
    }
  }
  return out;
}

const CN_DIGITS = '〇一二三四五六七八九';
const CN_LEGAL = '零壹贰叁肆伍陆柒捌玖';

/** 1 一, 10 十, 11 十一, 21 二十一, 101 一百零一 … (Word's chineseCounting / chineseCountingThousand). */
function chinese(n: number, digits: string, units: [string, string, string]): string {
  if (n <= 0 || n >= 10000) return String(n);
  const parts: string[] = [];
  // each place: its digit and its unit
  const places: [number, string][] = [
    [Math.floor(n / 1000), units[2]],
    [Math.floor(n / 100) % 10, units[1]],
    [Math.floor(n / 10) % 10, units[0]],
    [n % 10, ''],
  ];
  let zero = false;
  let started = false;
  for (const [k, [d, u]] of places.entries()) {
    if (d === 0) {
      if (started) zero = true;
      continue;
    }
    if (zero) parts.push(digits.charAt(0));
    zero = false;
    // 十一, not 一十一, when ten is the highest place
    if (!(k === 2 && !started && d === 1 && digits === CN_DIGITS)) parts.push(digits.charAt(d));
    parts.push(u);
    started = true;
  }
  return parts.join('');
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let s = '';
  for (const [v, r] of table) {
    while (n >= v) {
      s += r;
      n -= v;
    }
  }
  return s;
}

function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'none':
      return '';
    case 'decimalZero':
      return n >= 0 && n < 10 ? `0${n}` : String(n);
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperLetter':
    case 'lowerLetter': {
      if (n <= 0) return String(n);
      const ch = String.fromCharCode((fmt === 'upperLetter' ? 65 : 97) + ((n - 1) % 26));
      return ch.repeat(Math.min(Math.floor((n - 1) / 26) + 1, 100));
    }
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'japaneseCounting':
      return chinese(n, CN_DIGITS, ['十', '百', '千']);
    case 'chineseLegalSimplified':
      return chinese(n, CN_LEGAL, ['拾', '佰', '仟']);
    case 'ideographDigital':
    case 'taiwaneseDigital':
      return n >= 0 ? [...String(n)].map((c) => CN_DIGITS[c.charCodeAt(0) - 48]).join('') : String(n);
    case 'ideographTraditional':
      return n > 0 ? '甲乙丙丁戊己庚辛壬癸'.charAt((n - 1) % 10) : String(n);
    case 'ideographZodiac':
      return n > 0 ? '子丑寅卯辰巳午未申酉戌亥'.charAt((n - 1) % 12) : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return [...String(n)].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'decimalEnclosedFullstop':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2488 + n - 1) : String(n);
    case 'decimalEnclosedParen':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2474 + n - 1) : String(n);
    default:
      return String(n);
  }
}

/** Counters of Word's lists, in document order. */
class Counters {
  private readonly state = new Map<string, (number | undefined)[]>();
  constructor(private readonly numbering: Numbering) {}

  /** The label of a paragraph with this numbering (direct numPr, else its style's), or '' . */
  label(numId: string | undefined, ilvl: number | undefined, pStyle: string | undefined): string {
    const nb = this.numbering;
    let styleNumId: string | undefined;
    let styleIlvl: number | undefined;
    const seen = new Set<string>();
    for (let s = pStyle ?? nb.defaultStyle; s !== undefined && !seen.has(s) && seen.size < 32; s = nb.styles.get(s)?.basedOn) {
      seen.add(s);
      const st = nb.styles.get(s);
      styleNumId ??= st?.numId;
      styleIlvl ??= st?.ilvl;
    }
    const id = numId ?? styleNumId;
    if (id === undefined || id === '0') return '';
    let num = nb.nums.get(id);
    let abs = num ? nb.abstracts.get(num.abstractId) : undefined;
    if (abs?.numStyleLink !== undefined) {
      // a list style: its numbering is the style's num
      const linked = nb.styles.get(abs.numStyleLink)?.numId;
      const ln = linked !== undefined ? nb.nums.get(linked) : undefined;
      const la = ln ? nb.abstracts.get(ln.abstractId) : undefined;
      if (ln && la) {
        num = { ...ln, starts: num?.starts ?? ln.starts, levels: num?.levels ?? ln.levels };
        abs = la;
      }
    }
    if (!num || !abs) return '';
    let level = ilvl ?? styleIlvl;
    if (level === undefined && pStyle !== undefined) {
      const k = abs.levels.findIndex((l) => l?.pStyle === pStyle);
      if (k >= 0) level = k;
    }
    level = Math.min(Math.max(level ?? 0, 0), 8);
    const lvl = (k: number): Level | undefined => num.levels.get(k) ?? abs.levels[k];
    const def = lvl(level);
    if (!def) return '';
    // Word continues one list across nums of one abstractNum unless a num restarts it.
    const key = num.starts.size > 0 || num.levels.size > 0 ? `n${id}` : `a${num.abstractId}`;
    let counts = this.state.get(key);
    if (!counts) this.state.set(key, (counts = []));
    const startOf = (k: number) => num.starts.get(k) ?? lvl(k)?.start ?? 0;
    const cur = counts[level];
    counts[level] = cur === undefined ? startOf(level) : cur + 1;
    for (let k = level + 1; k < 9; k++) {
      const r = lvl(k)?.restart;
      if (r === undefined || (r !== 0 && level < r)) counts[k] = undefined;
    }
    if (def.fmt === 'bullet') return ''; // a bullet carries no content, and its glyph is often a private-use symbol
    const text = def.text.replace(/%([1-9])/g, (_m, d: string) => {
      const k = Number(d) - 1;
      const value = counts[k] ?? startOf(k);
      return formatNumber(value, def.isLgl && k !== level ? 'decimal' : (lvl(k)?.fmt ?? 'decimal'));
    });
    if (text === '') return '';
    // the tab or space Word puts after the number: none after a Chinese mark (一、 （一）), one space after 1. or 1)
    const last = text.charCodeAt(text.length - 1);
    return def.suff === 'nothing' || isWide(last) ? text : `${text} `;
  }
}

// ---------------------------------------------------------------- the document

/** One open element; every field set in the constructor so all frames share one shape (the handlers stay fast). */
class Frame {
  // paragraph
  numId: string | undefined = undefined;
  ilvl: number | undefined = undefined;
  pStyle: string | undefined = undefined;
  labelled: boolean | undefined = undefined;
  markDeleted: boolean | undefined = undefined;
  deferred: Out[] | undefined = undefined;
  /** Holds a picture; with no text, it is a picture line (outside the tables). */
  picture: boolean | undefined = undefined;
  /** Where its text starts in the output (a body paragraph). */
  textStart: number | undefined = undefined;
  // run
  hidden: boolean | undefined = undefined;
  // text: whether its characters are read
  emit: boolean | undefined = undefined;
  // table / row / cell
  table: number | undefined = undefined;
  rows: number | undefined = undefined;
  row: number | undefined = undefined;
  col: number | undefined = undefined;
  gridBefore: number | undefined = undefined;
  deleted: boolean | undefined = undefined;
  rowStartLength: number | undefined = undefined;
  cellCol: number | undefined = undefined;
  span: number | undefined = undefined;
  continuation: boolean | undefined = undefined;
  suppress: boolean | undefined = undefined;
  fieldStart: number | undefined = undefined;
  paragraphsInCell: number | undefined = undefined;
  /** A cell holding a table: its paragraphs are lines (see Out.harden). */
  container: boolean | undefined = undefined;
  // alternate content
  chosen: boolean | undefined = undefined;
  // text box: the Out being written outside it
  outer: Out | undefined = undefined;
  constructor(
    readonly name: string, // W local name, 'mc:' + local for markup compatibility, '' for anything else
    readonly start: number,
    public loc: number,
  ) {}
}

function tagOnOff(tag: SaxesTagPlain): boolean {
  const v = attr(tag, 'val');
  return v === undefined || !(v === '0' || v === 'false' || v === 'off');
}

function readBody(xml: string, numbering: Numbering, problems: DocxReading['problems']) {
  const counters = new Counters(numbering);
  const locs: Loc[] = [{}];
  const stack: Frame[] = [];
  let out = new Out();
  let skip = 0;
  let markEnd = 0;
  let tagStart = 0;
  let fieldCode = 0; // fields in their code part (between begin and separate)
  const fields: boolean[] = []; // per open field: in its result part
  let paragraphs = 0;
  let tables = 0;
  let joinNext = false; // the last paragraph's mark was deleted: the next one continues its line
  let error: string | undefined;

  const top = (): Frame | undefined => stack[stack.length - 1];
  const nearest = (name: string): Frame | undefined => {
    let found: Frame | undefined;
    for (const f of stack) if (f.name === name) found = f;
    return found;
  };
  /** Nearest paragraph, stopping at a text box boundary. */
  const paragraph = (): Frame | undefined => {
    let p: Frame | undefined;
    for (const f of stack) {
      if (f.name === 'p') p = f;
      else if (f.name === 'txbxContent') p = undefined;
    }
    return p;
  };

  const ensureLabel = (p: Frame) => {
    if (p.labelled) return;
    p.labelled = true;
    if (p.markDeleted) return;
    const label = counters.label(p.numId, p.ilvl, p.pStyle);
    // one entry per UTF-16 code unit, as the reading text is indexed (an astral character in lvlText is two)
    for (let k = 0; k < label.length; k++) out.char(label.charAt(k), p.start, p.start, p.loc);
  };

  /** Where a text box's lines go: after the row it sits in, else after its paragraph. */
  const deferTarget = (): Frame | undefined => {
    let tr: Frame | undefined;
    let p: Frame | undefined;
    for (const f of stack) {
      if (f.name === 'txbxContent') tr = p = undefined;
      else if (f.name === 'tr') tr = f;
      else if (f.name === 'p') p = f;
    }
    return tr ?? p;
  };
  const flushDeferred = (f: Frame) => {
    for (const o of f.deferred ?? []) out.append(o, f.start, f.loc);
    f.deferred = undefined;
  };

  const open = (tag: SaxesTagPlain, uri: string, local: string) => {
    const parent = top();
    if (parent?.suppress && parent.name === 'tc') {
      // content of a merged-cell continuation: not shown by Word once merged
      skip = 1;
      return;
    }
    const isW = W_NS.has(uri);
    const name = isW ? local : uri === MC_NS ? `mc:${local}` : '';
    const start = tagStart;
    const frame = new Frame(name, start, parent?.loc ?? 0);
    // A picture (DrawingML's blip, VML's imagedata): its paragraph, if it holds nothing else, is a picture line.
    if ((local === 'blip' && A_NS.has(uri)) || (local === 'imagedata' && uri === VML_NS)) {
      const p = paragraph();
      if (p) p.picture = true;
    }
    if (isW) {
      if (SKIP.has(name)) {
        skip = 1;
        return;
      }
      const pn = parent?.name;
      // an open element inside a paragraph other than its properties: the number comes first
      if (pn === 'p' && name !== 'pPr' && parent) ensureLabel(parent);
      switch (name) {
        case 'p': {
          const cell = nearestCellOrBox();
          if (cell?.name === 'tc') {
            frame.loc = cell.loc;
            if ((cell.paragraphsInCell = (cell.paragraphsInCell ?? 0) + 1) > 1) {
              if (cell.container) out.lineBreak(start, frame.loc);
              else out.soft(start, frame.loc);
            }
          } else if (cell?.name === 'txbxContent') {
            frame.loc = cell.loc;
            out.lineBreak(start, frame.loc);
          } else {
            locs.push({ paragraph: ++paragraphs });
            frame.loc = locs.length - 1;
            if (!joinNext) out.lineBreak(start, frame.loc);
            frame.textStart = out.length;
          }
          joinNext = false;
          break;
        }
        case 'pStyle':
          if (pn === 'pPr') setOnParagraph((p) => (p.pStyle = attr(tag, 'val')));
          break;
        case 'ilvl':
        case 'numId':
          if (pn === 'numPr' && stack[stack.length - 2]?.name === 'pPr') {
            const v = attr(tag, 'val');
            setOnParagraph((p) => (name === 'numId' ? (p.numId = v) : (p.ilvl = v !== undefined ? parseInt(v, 10) || 0 : undefined)));
          }
          break;
        case 'del':
        case 'moveFrom':
          if (pn === 'rPr' && stack[stack.length - 2]?.name === 'pPr') setOnParagraph((p) => (p.markDeleted = true));
          else if (pn === 'trPr') {
            const r = nearest('tr');
            if (r) r.deleted = true;
          } else if (pn !== 'rPr' && pn !== 'tcPr') {
            skip = 1;
            return;
          }
          break;
        case 'vanish':
          if (pn === 'rPr') {
            const r = stack.at(-2);
            if (r?.name === 'r' && tagOnOff(tag)) r.hidden = true;
          }
          break;
        case 't': {
          const r = parent?.name === 'r' ? parent : undefined;
          frame.emit = fieldCode === 0 && !(r?.hidden ?? false) && paragraph() !== undefined;
          break;
        }
        case 'tab':
        case 'ptab':
        case 'br':
        case 'cr':
        case 'noBreakHyphen':
          if (pn === 'r' && parent && !parent.hidden && fieldCode === 0) {
            const p = paragraph();
            if (p) {
              const end = parser.position; // after the tag's '>'
              if (name === 'noBreakHyphen') out.char('-', start, end, p.loc);
              else if (name === 'tab' || name === 'ptab') out.char(' ', start, end, p.loc);
              else if (nearestCellOrBox()?.name === 'tc' && !nearestCellOrBox()?.container) out.soft(start, p.loc);
              else out.lineBreak(start, p.loc);
            }
          }
          break;
        case 'fldChar': {
          const type = attr(tag, 'fldCharType');
          if (type === 'begin') {
            fields.push(false);
            fieldCode++;
          } else if (type === 'separate' && fields.length > 0 && !fields[fields.length - 1]) {
            fields[fields.length - 1] = true;
            fieldCode--;
          } else if (type === 'end' && fields.length > 0) {
            if (!fields.pop()) fieldCode--;
          }
          break;
        }
        case 'tbl': {
          joinNext = false;
          const box = nearestCellOrBox();
          if (box?.name === 'tc' && !box.container) {
            box.container = true;
            out.harden(box.fieldStart ?? out.length);
          }
          locs.push({ table: ++tables });
          frame.table = tables;
          frame.rows = 0;
          frame.loc = locs.length - 1;
          out.lineBreak(start, frame.loc);
          break;
        }
        case 'tr': {
          const t = nearest('tbl');
          if (t) {
            frame.table = t.table;
            frame.row = t.rows = (t.rows ?? 0) + 1;
          }
          frame.col = 0;
          frame.gridBefore = 0;
          locs.push({ table: frame.table, row: frame.row });
          frame.loc = locs.length - 1;
          out.lineBreak(start, frame.loc);
          frame.rowStartLength = out.length;
          break;
        }
        case 'gridBefore':
          if (pn === 'trPr') {
            const r = nearest('tr');
            if (r) r.gridBefore = Math.min(Math.max(parseInt(attr(tag, 'val') ?? '0', 10) || 0, 0), 64);
          }
          break;
        case 'tc': {
          const r = nearest('tr');
          if (r) {
            // grid columns the row skips before its first cell: empty fields
            for (; (r.gridBefore ?? 0) > 0; r.gridBefore = (r.gridBefore ?? 1) - 1) {
              locs.push({ table: r.table, row: r.row, cell: (r.col ?? 0) + 1 });
              if ((r.col ?? 0) > 0) out.tab(start, locs.length - 1);
              out.emptyField(r.start, locs.length - 1);
              r.col = (r.col ?? 0) + 1;
            }
            frame.cellCol = (r.col ?? 0) + 1;
            locs.push({ table: r.table, row: r.row, cell: frame.cellCol });
            frame.loc = locs.length - 1;
            if ((r.col ?? 0) > 0) out.tab(start, frame.loc);
          }
          frame.span = 1;
          frame.fieldStart = out.length;
          frame.paragraphsInCell = 0;
          break;
        }
        case 'gridSpan':
          if (pn === 'tcPr') {
            const c = nearest('tc');
            if (c) c.span = Math.min(Math.max(parseInt(attr(tag, 'val') ?? '1', 10) || 1, 1), 64);
          }
          break;
        case 'vMerge':
        case 'hMerge':
          if (pn === 'tcPr') {
            const c = nearest('tc');
            const v = attr(tag, 'val');
            if (c && (v === undefined || v === 'continue')) c.continuation = true;
          }
          break;
        case 'txbxContent': {
          frame.outer = out;
          frame.loc = paragraph()?.loc ?? parent?.loc ?? 0;
          out = new Out();
          break;
        }
      }
    } else if (name === 'mc:Choice' || name === 'mc:Fallback') {
      const ac = parent?.name === 'mc:AlternateContent' ? parent : undefined;
      if (ac) {
        if (ac.chosen) {
          skip = 1;
          return;
        }
        ac.chosen = true;
      }
    }
    stack.push(frame);
  };

  // the nearest cell or text box: a paragraph inside it joins the cell or starts a text-box line
  function nearestCellOrBox(): Frame | undefined {
    let found: Frame | undefined;
    for (const f of stack) if (f.name === 'tc' || f.name === 'txbxContent') found = f;
    return found;
  }
  function setOnParagraph(f: (p: Frame) => void) {
    const p = nearest('p');
    if (p) f(p);
  }

  const close = () => {
    const f = stack.pop();
    if (!f) return;
    switch (f.name) {
      case 'p':
        ensureLabel(f);
        // A body paragraph of pictures alone (a table published as a picture): a line saying so, seen where it stands
        // (parse/placeholders.ts). A picture among words, or in a cell, is not shown.
        if (f.picture && f.textStart !== undefined && !f.markDeleted && !out.visibleSince(f.textStart))
          for (const ch of imageLine()) out.char(ch, f.start, f.start, f.loc);
        if (nearestCellOrBox()?.name === 'tc') {
          // paragraphs in a cell join within the cell
        } else if (f.markDeleted) joinNext = true;
        else out.lineBreak(f.start, f.loc);
        flushDeferred(f);
        break;
      case 'tcPr': {
        const c = top();
        if (c?.name === 'tc' && c.continuation) c.suppress = true;
        break;
      }
      case 'tc': {
        out.settle();
        if (out.length === f.fieldStart) out.emptyField(f.start, f.loc);
        const r = nearest('tr');
        for (let n = 1; n < (f.span ?? 1); n++) {
          out.tab(f.start, f.loc);
          out.emptyField(f.start, f.loc);
        }
        if (r) r.col = (r.col ?? 0) + (f.span ?? 1);
        break;
      }
      case 'tr': {
        if (f.deleted) {
          // a deleted row is not in the final text, and not counted
          out.truncate(f.rowStartLength ?? out.length);
          const t = nearest('tbl');
          if (t) t.rows = (t.rows ?? 1) - 1;
          f.deferred = undefined;
          break;
        }
        out.lineBreak(f.start, f.loc);
        flushDeferred(f);
        break;
      }
      case 'tbl':
        out.lineBreak(f.start, f.loc);
        break;
      case 'txbxContent': {
        const box = out;
        out = f.outer ?? out;
        const target = deferTarget();
        if (target) (target.deferred ??= []).push(box);
        else out.append(box, f.start, f.loc);
        break;
      }
    }
  };

  const text = (t: string) => {
    const f = top();
    if (!f || f.name !== 't' || !f.emit) return;
    const p = paragraph();
    if (!p) return;
    ensureLabel(p);
    let rawEnd = parser.position - 1;
    if (xml.charCodeAt(rawEnd) !== 60 /* < */) rawEnd = Math.min(parser.position, xml.length);
    // markup no handler saw (a processing instruction, CDATA) ends where this text starts
    let rawStart = markEnd;
    const lt = xml.indexOf('<', rawStart);
    if (lt >= 0 && lt < rawEnd) rawStart = xml.lastIndexOf('>', rawEnd - 1) + 1;
    alignText(t, rawStart, rawEnd, p.loc);
  };

  /** Each decoded character at its own place in the raw XML: plain characters one to one, an entity to its range, CR LF to one. */
  const alignText = (t: string, rawStart: number, rawEnd: number, loc: number) => {
    let i = rawStart;
    for (let j = 0; j < t.length; j++) {
      let c = t.charCodeAt(j);
      let start = Math.min(i, rawEnd);
      let end = start + 1;
      const r = xml.charCodeAt(i);
      if (i >= rawEnd) {
        start = end = rawEnd;
      } else if (r === 38 /* & */) {
        const semi = xml.indexOf(';', i);
        end = semi >= 0 && semi < rawEnd && semi - i < 40 ? semi + 1 : i + 1;
        i = end;
        // an entity for an astral character gives two code units: both at the entity
        if (c >= 0xd800 && c <= 0xdbff && j + 1 < t.length) {
          emitChar(t.charAt(j), start, end, loc);
          j++;
          c = t.charCodeAt(j);
        }
      } else if (r === 13) {
        i += xml.charCodeAt(i + 1) === 10 ? 2 : 1;
        end = i;
      } else {
        i++;
      }
      emitChar(t.charAt(j), start, end, loc);
    }
  };
  const emitChar = (ch: string, start: number, end: number, loc: number) => {
    const c = ch.charCodeAt(0);
    // a literal TAB or line break inside w:t is not a cell or a line of the reading
    out.char(c === 9 || c === 10 || c === 13 ? ' ' : ch, start, end, loc);
  };

  const parser = new SaxesParser({ xmlns: false, position: true });
  const ns = new Namespaces();
  parser.on('opentag', (tag) => {
    // '<' cannot occur inside a tag (not even in an attribute value): the last one before '>' starts it
    tagStart = xml.lastIndexOf('<', parser.position - 1);
    const { uri, local } = ns.open(tag);
    if (skip > 0) skip++;
    else open(tag, uri, local);
    markEnd = parser.position;
  });
  parser.on('closetag', () => {
    ns.close();
    if (skip > 0) skip--;
    else close();
    markEnd = parser.position;
  });
  parser.on('text', (t) => {
    if (skip === 0) text(t);
  });
  // Only the handlers needed: each one more set on the parser slows its whole loop
  // (measured: five more handlers made it 4× slower). CDATA in w:t (never written by Word) is not read.
  parser.on('comment', () => {
    markEnd = parser.position;
  });
  parser.on('error', (e) => {
    error ??= e.message;
    throw STOP;
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    if (e !== STOP) error ??= String(e);
  }
  if (error !== undefined) {
    problems.push(
      problem(
        DOCX_PROBLEMS.malformedXml,
        `word/document.xml 不是规范的 XML（${error}）：只读出了出错之前的内容`,
        `word/document.xml is not well-formed XML (${error}): only what comes before the fault was read`,
      ),
    );
  }
  // what a stop left open: its text boxes still belong to the reading
  for (let f = stack.at(-1); f !== undefined; f = stack.at(-1)) {
    if (f.name === 'txbxContent' || f.name === 'p' || f.name === 'tr') close();
    else stack.pop();
  }
  out.lineBreak(xml.length, 0);
  return { out, locs, paragraphs, tables };
}

// ---------------------------------------------------------------- the package

function decode(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Whether the bytes hold this name as UTF-16LE (an OLE directory entry). */
function holdsUtf16(bytes: Uint8Array, name: string): boolean {
  const first = name.charCodeAt(0);
  outer: for (let i = 0; i + name.length * 2 <= bytes.length; i++) {
    if (bytes[i] !== first || bytes[i + 1] !== 0) continue;
    for (let k = 1; k < name.length; k++) if (bytes[i + 2 * k] !== name.charCodeAt(k) || bytes[i + 2 * k + 1] !== 0) continue outer;
    return true;
  }
  return false;
}

const TOO_LARGE = new Error('too large');

export function readDocx(bytes: Uint8Array, options: DocxOptions = {}): DocxReading {
  const problems: DocxReading['problems'] = [];
  const fail = (p: DocxReading['problems'][number]) => finish('', [], [], [], [], [{}], '', 0, 0, [...problems, p]);
  const maxBytes = options.maxInflatedBytes ?? 50 * 1024 * 1024;
  const maxEntries = options.maxEntries ?? 10000;

  if (bytes.length >= 8 && OLE.every((b, k) => bytes[k] === b)) {
    if (holdsUtf16(bytes, 'EncryptedPackage')) {
      return fail(problem(DOCX_PROBLEMS.encrypted, ENCRYPTED_MESSAGE.zh, ENCRYPTED_MESSAGE.en));
    }
    // an old binary .doc (Word 97–2003); an OLE file that is no Word document is `legacy-doc`, saying so
    return readDoc(bytes, { maxStreamBytes: maxBytes });
  }
  if (!(bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    return fail(problem(DOCX_PROBLEMS.notAZip, '不是 .docx 文件（不是 zip 压缩包）', 'not a .docx file (not a zip package)'));
  }

  // Only the parts read are inflated; their declared sizes bound the memory (fflate inflates into a buffer of that size).
  const wanted = new Map<string, string>([
    ['word/document.xml', 'document'],
    ['word/numbering.xml', 'numbering'],
    ['word/styles.xml', 'styles'],
  ]);
  const nameOf = new Map<string, string>();
  let entries = 0;
  let inflated = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f: UnzipFileInfo) => {
        if (++entries > maxEntries) throw TOO_LARGE;
        const role = wanted.get(f.name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase());
        if (role === undefined || nameOf.has(role)) return false;
        inflated += f.originalSize;
        if (inflated > maxBytes || f.originalSize < 0) throw TOO_LARGE;
        nameOf.set(role, f.name);
        return true;
      },
    });
  } catch (e) {
    if (e === TOO_LARGE) {
      return fail(
        problem(
          DOCX_PROBLEMS.tooLarge,
          `文件内容过大或条目过多（解压上限 ${Math.round(maxBytes / 1048576)} MB、${maxEntries} 个条目），不像一份年度报告，未读取`,
          `the package is too large or has too many entries (limits: ${Math.round(maxBytes / 1048576)} MB inflated, ${maxEntries} entries); not read`,
        ),
      );
    }
    return fail(
      problem(
        DOCX_PROBLEMS.corrupt,
        `.docx 文件已损坏或不完整，无法解压（${e instanceof Error ? e.message : String(e)}）`,
        `the .docx file is damaged or incomplete and cannot be unzipped (${e instanceof Error ? e.message : String(e)})`,
      ),
    );
  }
  const part = (role: string): Uint8Array | undefined => {
    const n = nameOf.get(role);
    return n !== undefined ? files[n] : undefined;
  };
  const doc = part('document');
  if (!doc) {
    return fail(
      problem(
        DOCX_PROBLEMS.noDocument,
        '压缩包中没有 word/document.xml：不是 Word 文档（可能是 Excel、PowerPoint 或其他压缩包）',
        'the package has no word/document.xml: not a Word document (perhaps an Excel or PowerPoint file, or another zip)',
      ),
    );
  }
  let xml: string;
  let numbering: Numbering;
  try {
    xml = decode(doc);
    const n = part('numbering');
    const s = part('styles');
    numbering = readNumbering(n ? decode(n) : undefined, s ? decode(s) : undefined, problems);
  } catch (e) {
    return fail(
      problem(DOCX_PROBLEMS.corrupt, `.docx 文件的内容无法解码（${String(e)}）`, `the .docx content cannot be decoded (${String(e)})`),
    );
  }
  const body = readBody(xml, numbering, problems);
  const o = body.out;
  const text = o.chars.join('');
  if (!/\S/.test(text) && !problems.some((p) => p.code === DOCX_PROBLEMS.malformedXml)) {
    problems.push(problem(DOCX_PROBLEMS.noText, '文档中没有文字', 'the document has no text'));
  }
  return finish(text, o.starts, o.ends, o.locs, o.empty, body.locs, xml, body.paragraphs, body.tables, problems);
}

function finish(
  text: string,
  startsList: number[],
  endsList: number[],
  locsList: number[],
  empty: number[],
  locs: Loc[],
  xml: string,
  paragraphs: number,
  tables: number,
  problems: DocxReading['problems'],
): DocxReading {
  const starts = Int32Array.from(startsList);
  const ends = Int32Array.from(endsList);
  const at = Int32Array.from(locsList);
  const n = text.length;
  // a blank cell sits at the separator after it; later entries win (an empty one-cell row collapses into the next)
  const emptyAt = new Map<number, number>();
  for (const [k, v] of empty.entries()) if (k % 3 === 0) emptyAt.set(v, k);
  const anchor = (offset: number, loc: number): DocxAnchor => {
    const l = locs[loc] ?? {};
    const a: DocxAnchor = { kind: 'docx', part: DOCX_PART, offset };
    if (l.paragraph !== undefined) a.paragraph = l.paragraph;
    if (l.table !== undefined) a.table = l.table;
    if (l.row !== undefined) a.row = l.row;
    if (l.cell !== undefined) a.cell = l.cell;
    return a;
  };
  const anchorAt = (offset: number): DocxAnchor => {
    const o = Math.max(0, Math.min(Math.floor(offset) || 0, n));
    const e = emptyAt.get(o);
    if (e !== undefined && (o === n || text.charCodeAt(o) === 9 || text.charCodeAt(o) === 10)) {
      const src = empty[e + 1];
      const loc = empty[e + 2];
      if (src !== undefined && loc !== undefined) return anchor(src, loc);
    }
    const start = starts[o];
    const loc = at[o];
    if (o >= n || start === undefined || loc === undefined) return anchor(xml.length, 0);
    return anchor(start, loc);
  };
  const anchorEnd = (offset: number): DocxAnchor => {
    const o = Math.max(0, Math.min(Math.floor(offset) || 0, n));
    if (o === 0) return anchorAt(0);
    const start = starts[o - 1];
    const end = ends[o - 1];
    const loc = at[o - 1];
    if (start === undefined || end === undefined || loc === undefined) return anchor(xml.length, 0);
    return anchor(Math.max(end, start), loc);
  };
  return { form: 'docx', text, anchorAt, anchorEnd, problems, editable: false, paragraphs, tables };
}
