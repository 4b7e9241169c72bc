// The .doc reader: an old binary Word file (Word 97–2003) read into the same
// reading text the .docx reader gives, with every reading character anchored
// to its character position (CP) in the document.
//
// - MS-CFB: the compound file (header, DIFAT, FAT, mini FAT and mini stream,
//   the directory tree) is read far enough to find the WordDocument stream and
//   the table stream (0Table / 1Table, as the FIB's fWhichTblStm says).
// - MS-DOC: the FIB (nFib, fEncrypted, the CLX and PlcBtePapx locations), the
//   piece table (PlcPcd: 8-bit or UTF-16LE pieces) and the paragraph
//   properties in the PAPX FKPs that say what is a table: sprmPFInTable,
//   sprmPItap (depth), sprmPFTtp / sprmPFInnerTtp (row end), sprmPFInnerTableCell,
//   and sprmTDefTable (cell edges and merges) on the row-end mark.
// - The layout is the .docx reader's: a body paragraph one line; a table row
//   one line, cells separated by TAB, a cell spanning n grid columns followed
//   by n−1 empty fields, a vertically merged continuation an empty field;
//   paragraphs and breaks inside a cell joined (nothing between wide
//   characters, else one space); a cell holding a table a layout box whose
//   paragraphs and rows are lines of their own.
// - Field codes dropped, field results kept (what Word shows). Not read:
//   headers, footers, notes, comments, text boxes, automatic list numbering
//   (LST/LFO), hidden or tracked-deleted runs (CHPX), fast-saved property
//   changes in the piece's Prm.
//
// Pure: no file system, no node: modules. Never throws: bad input becomes a
// `problems` entry with an empty or partial text.

import { imageLine, type ReadDocument, type ReadProblem, type SourceAnchor } from './document';
import { isWide } from '../text';

/** Problem codes of this reader (the shared ones spelled as the .docx reader spells them). */
export const DOC_PROBLEMS = {
  /** An OLE file without a WordDocument stream: an .xls, a .ppt, another compound file. */
  notWord: 'legacy-doc',
  encrypted: 'encrypted',
  /** The compound file or the Word structures inside it are damaged or cut short. */
  corrupt: 'corrupt',
  /** A Word 6 / Word 95 file (nFib < 0x00C1): another format. */
  tooOld: 'too-old',
  tooLarge: 'too-large',
  noText: 'no-text',
} as const;
export type DocProblemCode = (typeof DOC_PROBLEMS)[keyof typeof DOC_PROBLEMS];

/** The message for a password-protected Word file (also the .docx reader's, for an encrypted package). */
export const ENCRYPTED_MESSAGE = {
  zh: '这是加密（设有打开密码）的 Word 文件，无法读取：请在 Word 或 WPS 中取消密码后另存为 .docx',
  en: 'this is an encrypted (password-protected) Word file and cannot be read: remove the password in Word or WPS and save it again as .docx',
} as const;

export interface DocOptions {
  /** Cap on the bytes of the streams read (bytes). Default 50 MB. */
  maxStreamBytes?: number;
}

export interface DocReading extends ReadDocument {
  form: 'docx';
  problems: (ReadProblem & { code: DocProblemCode })[];
  /** Body paragraphs (outside tables) and tables (nested ones included), as the anchors number them. */
  paragraphs: number;
  tables: number;
}

type DocAnchor = Extract<SourceAnchor, { kind: 'doc' }>;
type Loc = { paragraph?: number; table?: number; row?: number; cell?: number };

class Fault extends Error {
  constructor(
    readonly code: DocProblemCode,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}
const corrupt = (zh: string, en: string) =>
  new Fault(
    DOC_PROBLEMS.corrupt,
    `这个旧版二进制 Word 文件（.doc）已损坏或不完整（${zh}），无法读取：请在 Word 或 WPS 中打开后另存为 .docx 再检查`,
    `this old binary Word file (.doc) is damaged or incomplete (${en}) and cannot be read: open it in Word or WPS, save it as .docx and check again`,
  );

const u16 = (b: Uint8Array, o: number): number => (o + 2 <= b.length ? b[o]! | (b[o + 1]! << 8) : 0);
const u32 = (b: Uint8Array, o: number): number =>
  o + 4 <= b.length ? (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0 : 0;
const i16 = (b: Uint8Array, o: number): number => (u16(b, o) << 16) >> 16;

// ---------------------------------------------------------------- MS-CFB

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
const FREE_SECT = 0xffffffff;
const NO_STREAM = 0xffffffff;

interface DirEntry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

/** A compound file: its root storage's streams by (upper-case) name. */
class Cfb {
  private readonly sectorSize: number;
  private readonly fat: Uint32Array;
  private readonly dir: DirEntry[];
  private miniFat: Uint32Array | undefined;
  private miniStream: Uint8Array | undefined;
  private readonly cutoff: number;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly maxBytes: number,
  ) {
    if (bytes.length < 512 || !OLE.every((b, k) => bytes[k] === b)) throw corrupt('文件头不完整', 'the file header is incomplete');
    if (u16(bytes, 28) !== 0xfffe) throw corrupt('字节序标记不对', 'the byte order mark is wrong');
    const shift = u16(bytes, 30);
    // MS-CFB: version 3 files have 512-byte sectors, version 4 files 4096-byte ones
    if (shift !== 9 && shift !== 12) throw corrupt(`扇区大小 2^${shift}`, `sector size 2^${shift}`);
    if (u16(bytes, 32) !== 6) throw corrupt('迷你扇区大小不对', 'the mini sector size is wrong');
    this.sectorSize = 1 << shift;
    this.cutoff = u32(bytes, 56) || 4096;
    const sectors = Math.ceil((bytes.length - this.sectorSize) / this.sectorSize);
    const perSector = this.sectorSize / 4;

    // DIFAT: 109 FAT sector numbers in the header, the rest in a chain of DIFAT sectors (the last entry of each the next)
    const fatCount = u32(bytes, 44);
    if (fatCount > sectors) throw corrupt('FAT 扇区数超出文件', 'more FAT sectors than the file holds');
    const fatSectors: number[] = [];
    for (let k = 0; k < 109 && fatSectors.length < fatCount; k++) fatSectors.push(u32(bytes, 76 + 4 * k));
    let difat = u32(bytes, 68);
    for (let seen = 0; fatSectors.length < fatCount; seen++) {
      if (difat >= sectors || seen > sectors) throw corrupt('DIFAT 链断了或成环', 'the DIFAT chain is broken or loops');
      const at = this.offsetOf(difat);
      for (let k = 0; k < perSector - 1 && fatSectors.length < fatCount; k++) fatSectors.push(u32(bytes, at + 4 * k));
      difat = u32(bytes, at + 4 * (perSector - 1));
    }
    this.fat = new Uint32Array(fatCount * perSector);
    for (const [k, s] of fatSectors.entries()) {
      if (s >= sectors) throw corrupt(`FAT 扇区 ${s} 超出文件`, `FAT sector ${s} is beyond the end of the file`);
      const at = this.offsetOf(s);
      for (let e = 0; e < perSector; e++) this.fat[k * perSector + e] = u32(bytes, at + 4 * e);
    }

    // the directory: 128-byte entries in its own chain
    const dirBytes = this.chain(u32(bytes, 48), this.fat, this.sectorSize, (s) => this.sector(s), 'directory');
    this.dir = [];
    for (let at = 0; at + 128 <= dirBytes.length; at += 128) {
      const len = Math.min(u16(dirBytes, at + 64), 64);
      let name = '';
      for (let k = 0; k + 2 < len; k += 2) name += String.fromCharCode(u16(dirBytes, at + k));
      this.dir.push({
        name,
        type: dirBytes[at + 66] ?? 0,
        left: u32(dirBytes, at + 68),
        right: u32(dirBytes, at + 72),
        child: u32(dirBytes, at + 76),
        start: u32(dirBytes, at + 116),
        // version 3 files may leave garbage in the high 32 bits of the size: the low ones are the size
        size: shift === 9 ? u32(dirBytes, at + 120) : u32(dirBytes, at + 124) === 0 ? u32(dirBytes, at + 120) : Number.MAX_SAFE_INTEGER,
      });
    }
    if (this.dir[0]?.type !== 5) throw corrupt('没有根目录项', 'no root directory entry');
  }

  private offsetOf(s: number): number {
    return (s + 1) * this.sectorSize;
  }

  private sector(s: number): Uint8Array {
    const at = this.offsetOf(s);
    if (at + this.sectorSize > this.bytes.length) {
      if (at >= this.bytes.length) throw corrupt(`扇区 ${s} 超出文件`, `sector ${s} is beyond the end of the file`);
      // a last sector cut short: what is there, padded
      const out = new Uint8Array(this.sectorSize);
      out.set(this.bytes.subarray(at));
      return out;
    }
    return this.bytes.subarray(at, at + this.sectorSize);
  }

  /** The bytes of a sector chain (FAT or mini FAT), every index checked, a loop an error. */
  private chain(start: number, fat: Uint32Array, unit: number, read: (s: number) => Uint8Array, what: string, size?: number): Uint8Array {
    const parts: Uint8Array[] = [];
    const seen = new Uint8Array(fat.length);
    let total = 0;
    for (let s = start; s !== END_OF_CHAIN; s = fat[s] ?? FREE_SECT) {
      if (size !== undefined && total >= size) break;
      if (s >= fat.length) throw corrupt(`${what}的扇区号 ${s} 超出范围`, `the ${what} chain points at sector ${s}, out of range`);
      if (seen[s]) throw corrupt(`${what}的扇区链成环`, `the ${what} sector chain loops`);
      seen[s] = 1;
      parts.push(read(s));
      total += unit;
      if (total > this.maxBytes + unit) throw tooLarge(this.maxBytes);
    }
    if (size !== undefined && total < size) throw corrupt(`${what}比声明的短`, `the ${what} is shorter than declared`);
    const out = new Uint8Array(size ?? total);
    let at = 0;
    for (const p of parts) {
      if (at >= out.length) break;
      const n = Math.min(p.length, out.length - at);
      out.set(p.subarray(0, n), at);
      at += n;
    }
    return out;
  }

  /** A stream of the root storage by name (case-insensitive), or undefined. */
  stream(name: string): Uint8Array | undefined {
    const want = name.toUpperCase();
    // the root's children: a red-black tree through left/right siblings
    const stack = [this.dir[0]?.child ?? NO_STREAM];
    const seen = new Set<number>();
    while (stack.length > 0) {
      const k = stack.pop() ?? NO_STREAM;
      const e = this.dir[k];
      if (k === NO_STREAM || !e || seen.has(k)) continue;
      seen.add(k);
      if (e.type === 2 && e.name.toUpperCase() === want) return this.read(e, name);
      stack.push(e.left, e.right);
    }
    return undefined;
  }

  private read(e: DirEntry, name: string): Uint8Array {
    if (e.size > this.maxBytes) throw tooLarge(this.maxBytes);
    if (e.size >= this.cutoff) return this.chain(e.start, this.fat, this.sectorSize, (s) => this.sector(s), name, e.size);
    // a small stream lives in the mini stream (the root entry's chain), in 64-byte mini sectors
    if (!this.miniStream || !this.miniFat) {
      const root = this.dir[0]!;
      if (root.size > this.maxBytes) throw tooLarge(this.maxBytes);
      this.miniStream = this.chain(root.start, this.fat, this.sectorSize, (s) => this.sector(s), 'mini stream', root.size);
      const mf = this.chain(u32(this.bytes, 60), this.fat, this.sectorSize, (s) => this.sector(s), 'mini FAT');
      this.miniFat = new Uint32Array(mf.length / 4);
      for (let k = 0; k < this.miniFat.length; k++) this.miniFat[k] = u32(mf, 4 * k);
    }
    const mini = this.miniStream;
    return this.chain(
      e.start,
      this.miniFat,
      64,
      (s) => {
        if ((s + 1) * 64 > mini.length) throw corrupt(`迷你扇区 ${s} 超出迷你流`, `mini sector ${s} is beyond the mini stream`);
        return mini.subarray(s * 64, s * 64 + 64);
      },
      name,
      e.size,
    );
  }
}

const tooLarge = (max: number) =>
  new Fault(
    DOC_PROBLEMS.tooLarge,
    `文件内容过大（上限 ${Math.round(max / 1048576)} MB），不像一份年度报告，未读取`,
    `the file's content is too large (limit ${Math.round(max / 1048576)} MB); not read`,
  );

// ---------------------------------------------------------------- MS-DOC: FIB, pieces, paragraph properties

interface Fib {
  nFib: number;
  encrypted: boolean;
  tableName: string;
  ccpText: number;
  fcClx: number;
  lcbClx: number;
  fcPlcfBtePapx: number;
  lcbPlcfBtePapx: number;
}

function readFib(w: Uint8Array): Fib {
  if (w.length < 32 || u16(w, 0) !== 0xa5ec) throw corrupt('WordDocument 流中没有 FIB', 'the WordDocument stream has no FIB');
  const nFib = u16(w, 2);
  const flags = u16(w, 10);
  // FibBase, then csw + FibRgW97, cslw + FibRgLw97, cbRgFcLcb + FibRgFcLcb97
  const csw = u16(w, 32);
  const lw = 34 + 2 * csw;
  const cslw = u16(w, lw);
  const rgLw = lw + 2;
  const fcLcb = rgLw + 4 * cslw + 2;
  const cbRgFcLcb = u16(w, rgLw + 4 * cslw);
  const pair = (k: number): [number, number] => (k < cbRgFcLcb ? [u32(w, fcLcb + 8 * k), u32(w, fcLcb + 8 * k + 4)] : [0, 0]);
  const [fcClx, lcbClx] = pair(33); // FibRgFcLcb97.fcClx
  const [fcPlcfBtePapx, lcbPlcfBtePapx] = pair(13); // FibRgFcLcb97.fcPlcfBtePapx
  return {
    nFib,
    encrypted: (flags & 0x0100) !== 0,
    tableName: flags & 0x0200 ? '1Table' : '0Table',
    ccpText: cslw > 3 ? u32(w, rgLw + 12) : 0, // FibRgLw97.ccpText
    fcClx,
    lcbClx,
    fcPlcfBtePapx,
    lcbPlcfBtePapx,
  };
}

interface Piece {
  cp: number;
  cpEnd: number;
  /** Byte offset of the piece's first character in the WordDocument stream. */
  fc: number;
  compressed: boolean;
}

function readPieces(t: Uint8Array, fib: Fib): Piece[] {
  if (fib.lcbClx === 0 || fib.fcClx + fib.lcbClx > t.length) throw corrupt('没有片段表（CLX）', 'no piece table (CLX)');
  const clx = t.subarray(fib.fcClx, fib.fcClx + fib.lcbClx);
  let at = 0;
  // Clx: Prc entries (clxt 0x01, cbGrpprl, grpprl) before the Pcdt (clxt 0x02, lcb, PlcPcd)
  while (clx[at] === 0x01) at += 3 + Math.max(0, i16(clx, at + 1));
  if (clx[at] !== 0x02) throw corrupt('片段表（Pcdt）缺失', 'the piece table (Pcdt) is missing');
  const lcb = u32(clx, at + 1);
  const plc = clx.subarray(at + 5, at + 5 + lcb);
  if (plc.length < lcb || lcb < 16) throw corrupt('片段表被截断', 'the piece table is cut short');
  const n = Math.floor((lcb - 4) / 12);
  const pieces: Piece[] = [];
  for (let k = 0; k < n; k++) {
    const cp = u32(plc, 4 * k);
    const cpEnd = u32(plc, 4 * k + 4);
    const raw = u32(plc, 4 * (n + 1) + 8 * k + 2); // Pcd.fc: FcCompressed
    const compressed = (raw & 0x40000000) !== 0;
    const fc = raw & 0x3fffffff;
    if (cpEnd < cp) throw corrupt('片段表的字符位置倒序', 'the piece table runs backwards');
    pieces.push({ cp, cpEnd, fc: compressed ? fc / 2 : fc, compressed });
  }
  return pieces;
}

/** MS-DOC 2.4.1: the 8-bit characters 0x82…0x9F of a compressed piece that are not their Latin-1 code points. */
const COMPRESSED: Record<number, number> = {
  0x82: 0x201a,
  0x83: 0x0192,
  0x84: 0x201e,
  0x85: 0x2026,
  0x86: 0x2020,
  0x87: 0x2021,
  0x88: 0x02c6,
  0x89: 0x2030,
  0x8a: 0x0160,
  0x8b: 0x2039,
  0x8c: 0x0152,
  0x91: 0x2018,
  0x92: 0x2019,
  0x93: 0x201c,
  0x94: 0x201d,
  0x95: 0x2022,
  0x96: 0x2013,
  0x97: 0x2014,
  0x98: 0x02dc,
  0x99: 0x2122,
  0x9a: 0x0161,
  0x9b: 0x203a,
  0x9c: 0x0153,
  0x9f: 0x0178,
};

/** The main document's characters (CP 0 … ccpText) and the byte offset (FC) of each in WordDocument. */
function readChars(w: Uint8Array, pieces: Piece[], ccpText: number): { codes: Uint16Array; fcs: Float64Array; truncated: boolean } {
  const n = Math.min(ccpText, pieces.at(-1)?.cpEnd ?? 0);
  const codes = new Uint16Array(n);
  const fcs = new Float64Array(n);
  let truncated = false;
  let filled = 0;
  for (const p of pieces) {
    for (let cp = Math.max(p.cp, 0); cp < p.cpEnd && cp < n; cp++) {
      const fc = p.compressed ? p.fc + (cp - p.cp) : p.fc + 2 * (cp - p.cp);
      if (fc + (p.compressed ? 1 : 2) > w.length) {
        truncated = true;
        break;
      }
      const b = w[fc]!;
      codes[cp] = p.compressed ? (COMPRESSED[b] ?? b) : u16(w, fc);
      fcs[cp] = fc;
      filled = Math.max(filled, cp + 1);
    }
  }
  return { codes: filled < n ? codes.subarray(0, filled) : codes, fcs, truncated: truncated || filled < n };
}

/** What a paragraph's PAPX says of tables. */
interface Para {
  inTable: boolean;
  itap: number | undefined;
  ttp: boolean;
  innerCell: boolean;
  innerTtp: boolean;
  /** sprmTDefTable: the cells' edges (rgdxaCenter) and merge flags (TC80.tcgrf). */
  centers?: number[];
  tcgrf?: number[];
}

/** Paragraph properties by the FC of a paragraph mark: PlcBtePapx → PapxFkp → PapxInFkp → grpprl. */
class Papx {
  private readonly fcs: number[] = [];
  private readonly pns: number[] = [];
  private readonly pages = new Map<number, { rgfc: number[]; offsets: number[] } | undefined>();
  readonly ok: boolean;

  constructor(
    private readonly w: Uint8Array,
    t: Uint8Array,
    fib: Fib,
    private readonly data: Uint8Array | undefined,
  ) {
    const { fcPlcfBtePapx: fc, lcbPlcfBtePapx: lcb } = fib;
    this.ok = lcb >= 12 && fc + lcb <= t.length;
    if (!this.ok) return;
    const n = Math.floor((lcb - 4) / 8);
    for (let k = 0; k <= n; k++) this.fcs.push(u32(t, fc + 4 * k));
    for (let k = 0; k < n; k++) this.pns.push(u32(t, fc + 4 * (n + 1) + 4 * k) & 0x3fffff);
  }

  private page(pn: number) {
    if (!this.pages.has(pn)) {
      const at = pn * 512;
      if (at + 512 > this.w.length) this.pages.set(pn, undefined);
      else {
        const fkp = this.w.subarray(at, at + 512);
        const crun = fkp[511]!;
        const rgfc: number[] = [];
        const offsets: number[] = [];
        for (let k = 0; k <= crun; k++) rgfc.push(u32(fkp, 4 * k));
        for (let k = 0; k < crun; k++) offsets.push((fkp[4 * (crun + 1) + 13 * k] ?? 0) * 2);
        this.pages.set(pn, { rgfc, offsets });
      }
    }
    return this.pages.get(pn);
  }

  at(fc: number): Para {
    const para: Para = { inTable: false, itap: undefined, ttp: false, innerCell: false, innerTtp: false };
    const k = upperBound(this.fcs, fc) - 1;
    const pn = this.pns[k];
    if (pn === undefined) return para;
    const page = this.page(pn);
    if (!page) return para;
    const j = upperBound(page.rgfc, fc) - 1;
    const off = page.offsets[j];
    if (off === undefined || off === 0 || j >= page.rgfc.length - 1) return para;
    const fkp = this.w.subarray(pn * 512, pn * 512 + 512);
    // PapxInFkp: cb; 0 means the next byte holds cb' and the grpprl is 2·cb' bytes, else 2·cb − 1
    let cb = fkp[off] ?? 0;
    let start = off + 1;
    if (cb === 0) {
      cb = (fkp[off + 1] ?? 0) * 2;
      start = off + 2;
    } else cb = cb * 2 - 1;
    const g = fkp.subarray(start, Math.min(start + cb, 512));
    readSprms(g.subarray(2), para, this.data); // after the istd
    return para;
  }
}

function upperBound(a: number[], v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function readSprms(g: Uint8Array, para: Para, data: Uint8Array | undefined): void {
  let at = 0;
  while (at + 2 <= g.length) {
    const sprm = u16(g, at);
    const spra = sprm >> 13;
    let op = at + 2;
    let len: number;
    if (spra === 0 || spra === 1) len = 1;
    else if (spra === 2 || spra === 4 || spra === 5) len = 2;
    else if (spra === 3) len = 4;
    else if (spra === 7) len = 3;
    else if (sprm === 0xd608 || sprm === 0xd606) {
      // sprmTDefTable: a 2-byte cb counting itself as one
      len = Math.max(0, u16(g, op) - 1);
      op += 2;
    } else {
      len = g[op] ?? 0;
      op += 1;
    }
    switch (sprm) {
      case 0x2416: // sprmPFInTable
        para.inTable = g[op] !== 0;
        break;
      case 0x2417: // sprmPFTtp
        para.ttp = g[op] !== 0;
        break;
      case 0x244b: // sprmPFInnerTableCell
        para.innerCell = g[op] !== 0;
        break;
      case 0x244c: // sprmPFInnerTtp
        para.innerTtp = g[op] !== 0;
        break;
      case 0x6649: // sprmPItap
        para.itap = u32(g, op);
        break;
      case 0x664a: // sprmPDtap
        para.itap = (para.itap ?? (para.inTable ? 1 : 0)) + (u32(g, op) | 0);
        break;
      case 0x6646: {
        // sprmPHugePapx: the properties too large for the FKP, in the Data stream as a PrcData (cbGrpprl, grpprl)
        const at = u32(g, op);
        if (data && data !== g && at + 2 <= data.length)
          readSprms(data.subarray(at + 2, Math.min(data.length, at + 2 + u16(data, at))), para, undefined);
        break;
      }
      case 0xd608: {
        // TDefTableOperand: itcMac, rgdxaCenter[itcMac + 1], rgTc80[≤ itcMac]
        const d = g.subarray(op, op + len);
        const n = Math.min(d[0] ?? 0, 64);
        const centers: number[] = [];
        for (let k = 0; k <= n && 1 + 2 * k + 2 <= d.length; k++) centers.push(i16(d, 1 + 2 * k));
        const tcgrf: number[] = [];
        const tc = 1 + 2 * (n + 1);
        for (let k = 0; k < n && tc + 20 * k + 20 <= d.length; k++) tcgrf.push(u16(d, tc + 20 * k));
        para.centers = centers;
        para.tcgrf = tcgrf;
        break;
      }
    }
    at = op + len;
  }
}

// ---------------------------------------------------------------- structure

/** `picture`: an object's place (0x01, an inline picture; 0x08, a drawn object): shown only as a paragraph of its own. */
type Item = { kind: 'char'; ch: string; cp: number } | { kind: 'break'; cp: number } | { kind: 'picture'; cp: number };
interface Paragraph {
  kind: 'p';
  items: Item[];
  cp: number;
}
interface Cell {
  blocks: Block[];
  cp: number;
  end: number;
}
interface Row {
  cells: Cell[];
  cp: number;
  centers: number[] | undefined;
  tcgrf: number[] | undefined;
}
interface Table {
  kind: 'tbl';
  rows: Row[];
  cp: number;
}
type Block = Paragraph | Table;

/** The document's paragraphs in their tables: depth from sprmPItap / sprmPFInTable, cells and rows by their marks. */
function structure(codes: Uint16Array, fcs: Float64Array, papx: Papx): Block[] {
  const body: Block[] = [];
  type Level = { table: Table; row: Cell[]; cell: Cell };
  const levels: Level[] = [];
  const newCell = (cp: number): Cell => ({ blocks: [], cp, end: cp });
  let items: Item[] = [];
  let start = 0;
  // fields: for each open one, whether its separator was met (its result is shown, its code is not)
  const fields: boolean[] = [];
  let inCode = 0;
  let prevCellEnd = false;
  let inRow = false;

  const paragraph = (mark: number, cp: number) => {
    const props = papx.ok ? papx.at(fcs[cp] ?? 0) : undefined;
    let depth: number;
    let cellEnd: boolean;
    let rowEnd: boolean;
    if (props) {
      depth = props.itap ?? (props.inTable ? 1 : 0);
      if (mark === 7 && depth === 0) depth = 1;
      rowEnd = depth === 1 ? props.ttp : props.innerTtp || (props.ttp && mark === 7);
      cellEnd = !rowEnd && (mark === 7 || (depth > 1 && props.innerCell));
    } else {
      // no PAPX to say: a cell mark ends a cell, a lone one right after a cell mark ends the row
      rowEnd = mark === 7 && prevCellEnd && items.length === 0;
      cellEnd = mark === 7 && !rowEnd;
      depth = mark === 7 || inRow ? 1 : 0;
    }
    prevCellEnd = cellEnd;
    inRow = cellEnd || (inRow && !rowEnd && mark !== 7);
    depth = Math.min(depth, 16);
    while (levels.length > depth) {
      const l = levels.pop()!;
      if (l.row.length > 0 || l.cell.blocks.length > 0) {
        if (l.cell.blocks.length > 0) l.row.push(l.cell);
        l.table.rows.push({ cells: l.row, cp, centers: undefined, tcgrf: undefined });
      }
    }
    while (levels.length < depth) {
      const table: Table = { kind: 'tbl', rows: [], cp: start };
      const parent = levels.at(-1);
      (parent ? parent.cell.blocks : body).push(table);
      levels.push({ table, row: [], cell: newCell(start) });
    }
    const p: Paragraph = { kind: 'p', items, cp: start };
    items = [];
    const l = levels.at(-1);
    if (!l) body.push(p);
    else if (rowEnd) {
      if (l.cell.blocks.length > 0) l.row.push(l.cell);
      l.table.rows.push({ cells: l.row, cp, centers: props?.centers, tcgrf: props?.tcgrf });
      l.row = [];
      l.cell = newCell(cp + 1);
    } else {
      l.cell.blocks.push(p);
      if (cellEnd) {
        l.cell.end = cp;
        l.row.push(l.cell);
        l.cell = newCell(cp + 1);
      }
    }
    start = cp + 1;
  };

  for (let cp = 0; cp < codes.length; cp++) {
    const c = codes[cp]!;
    if (c === 0x13) {
      fields.push(false);
      inCode++;
      continue;
    }
    if (c === 0x14) {
      if (fields.length > 0 && !fields[fields.length - 1]) {
        fields[fields.length - 1] = true;
        inCode--;
      }
      continue;
    }
    if (c === 0x15) {
      if (fields.length > 0 && !fields.pop()) inCode--;
      continue;
    }
    if (c === 0x0d || c === 0x07) {
      // a paragraph mark inside a field's code still ends the paragraph: the code is dropped, the structure kept
      paragraph(c, cp);
      continue;
    }
    if (inCode > 0) continue;
    if (c === 0x0b || c === 0x0c || c === 0x0e) items.push({ kind: 'break', cp });
    else if (c === 0x09 || c === 0xa0) items.push({ kind: 'char', ch: ' ', cp });
    else if (c === 0x1e) items.push({ kind: 'char', ch: '-', cp });
    else if (c >= 0x20) items.push({ kind: 'char', ch: String.fromCharCode(c), cp });
    else if (c === 0x01 || c === 0x08) items.push({ kind: 'picture', cp });
    // 0x02, 0x05 (note and comment marks), 0x1F (soft hyphen) and other controls: not text
  }
  if (items.length > 0) paragraph(0x0d, codes.length);
  while (levels.length > 0) paragraph(0x0d, codes.length);
  return body;
}

// ---------------------------------------------------------------- layout

class Out {
  chars: string[] = [];
  cps: number[] = [];
  locs: number[] = [];
  private last = -1;
  private pending: { cp: number; loc: number } | undefined;

  private put(ch: string, cp: number, loc: number): void {
    this.chars.push(ch);
    this.cps.push(cp);
    this.locs.push(loc);
    this.last = ch.charCodeAt(0);
  }
  char(ch: string, cp: number, loc: number): void {
    const p = this.pending;
    if (p) {
      this.pending = undefined;
      const l = this.last;
      if (l !== -1 && l !== 10 && l !== 9) {
        if (l !== 32 && l !== 0x3000 && !(isWide(l) && isWide(ch.charCodeAt(0))) && ch !== ' ') this.put(' ', p.cp, p.loc);
      }
    }
    this.put(ch, cp, loc);
  }
  soft(cp: number, loc: number): void {
    if (!this.pending) this.pending = { cp, loc };
  }
  lineBreak(cp: number, loc: number): void {
    this.pending = undefined;
    if (this.last === -1 || this.last === 10) return;
    this.put('\n', cp, loc);
  }
  tab(cp: number, loc: number): void {
    this.pending = undefined;
    this.put('\t', cp, loc);
  }
  settle(): void {
    this.pending = undefined;
  }
}

/** The grid columns each cell of a row spans, and the grid columns before its first cell, from the rows' cell edges. */
function grid(t: Table): { before: number; spans: number[] }[] {
  const edges: number[] = [];
  for (const r of t.rows) for (const c of r.centers ?? []) edges.push(c);
  edges.sort((a, b) => a - b);
  // edges a few twips apart are one grid line
  const lines: number[] = [];
  for (const e of edges) if (lines.length === 0 || e - lines[lines.length - 1]! > 4) lines.push(e);
  const index = (x: number) => {
    let best = 0;
    for (let k = 0; k < lines.length; k++) if (Math.abs(lines[k]! - x) < Math.abs(lines[best]! - x)) best = k;
    return best;
  };
  return t.rows.map((r) => {
    const c = r.centers;
    if (!c || c.length !== r.cells.length + 1) return { before: 0, spans: r.cells.map(() => 1) };
    return { before: index(c[0]!), spans: r.cells.map((_, k) => Math.max(1, index(c[k + 1]!) - index(c[k]!))) };
  });
}

function layout(body: Block[]): { out: Out; locs: Loc[]; paragraphs: number; tables: number } {
  const out = new Out();
  const locs: Loc[] = [{}];
  let paragraphs = 0;
  let tables = 0;

  const items = (p: Paragraph, loc: number, inCell: boolean) => {
    for (const it of p.items) {
      if (it.kind === 'char') out.char(it.ch, it.cp, loc);
      else if (it.kind === 'picture') continue;
      else if (inCell) out.soft(it.cp, loc);
      else out.lineBreak(it.cp, loc);
    }
  };
  const blocks = (bs: Block[], loc: number | undefined) => {
    for (const b of bs) {
      if (b.kind === 'tbl') table(b);
      else {
        let l = loc;
        if (l === undefined) {
          locs.push({ paragraph: ++paragraphs });
          l = locs.length - 1;
        }
        out.lineBreak(b.cp, l);
        // A paragraph of pictures alone (a table published as a picture): a line saying so (parse/placeholders.ts).
        const first = b.items.find((it) => it.kind === 'picture');
        if (first && b.items.every((it) => it.kind === 'picture' || (it.kind === 'char' && it.ch.trim() === '')))
          for (const ch of imageLine()) out.char(ch, first.cp, l);
        items(b, l, false);
        out.lineBreak(b.cp, l);
      }
    }
  };
  const table = (t: Table) => {
    const no = ++tables;
    locs.push({ table: no });
    out.lineBreak(t.cp, locs.length - 1);
    const g = grid(t);
    t.rows.forEach((r, ri) => {
      const { before, spans } = g[ri] ?? { before: 0, spans: [] };
      let col = 0;
      const field = (cp: number) => {
        locs.push({ table: no, row: ri + 1, cell: col + 1 });
        if (col > 0) out.tab(cp, locs.length - 1);
        col++;
        return locs.length - 1;
      };
      for (let k = 0; k < before; k++) field(r.cp);
      r.cells.forEach((c, ci) => {
        const loc = field(c.cp);
        const flags = r.tcgrf?.[ci] ?? 0;
        // TC80.tcgrf: fVertMerge without fVertRestart is a merged continuation (an empty field, as in .docx)
        const continuation = (flags & 0x20) !== 0 && (flags & 0x40) === 0;
        if (!continuation) {
          if (c.blocks.some((b) => b.kind === 'tbl')) blocks(c.blocks, loc);
          else {
            c.blocks.forEach((b, k) => {
              if (b.kind !== 'p') return;
              if (k > 0) out.soft(b.cp, loc);
              items(b, loc, true);
            });
          }
        }
        out.settle();
        const span = spans[ci] ?? 1;
        for (let n = 1; n < span; n++) field(c.end);
      });
      out.lineBreak(r.cp, locs.length - 1);
    });
    out.lineBreak(t.cp, locs.length - 1);
  };
  blocks(body, undefined);
  out.lineBreak(Number.MAX_SAFE_INTEGER, 0);
  return { out, locs, paragraphs, tables };
}

// ---------------------------------------------------------------- the file

/** Reads an old binary Word file (an OLE compound file holding a WordDocument stream). */
export function readDoc(bytes: Uint8Array, options: DocOptions = {}): DocReading {
  const maxBytes = options.maxStreamBytes ?? 50 * 1024 * 1024;
  const problems: DocReading['problems'] = [];
  const fail = (code: DocProblemCode, zh: string, en: string) => finish('', [], [], [{}], 0, 0, 0, [{ code, message: { zh, en } }]);
  try {
    const cfb = new Cfb(bytes, maxBytes);
    const w = cfb.stream('WordDocument');
    // A .wps of Microsoft Works (its text in CONTENTS or MN0) is no Word file; a .wps of Kingsoft WPS Writer is
    // Word's binary with WPS's own additions, read as the .doc it is.
    if (!w && (cfb.stream('CONTENTS') || cfb.stream('MN0')))
      return fail(
        DOC_PROBLEMS.notWord,
        '这是 Microsoft Works 的文字处理文件（.wps，不是金山 WPS 文字的文件），无法读取：请用 Word 或 LibreOffice 打开后另存为 .docx 再检查',
        'this is a Microsoft Works word-processor file (.wps, not a Kingsoft WPS Writer file) and cannot be read: open it in Word or LibreOffice, save it as .docx and check again',
      );
    if (!w)
      return fail(
        DOC_PROBLEMS.notWord,
        '这是 OLE 复合文件，但不是 Word 文档（没有 WordDocument 流，可能是 Excel、PowerPoint 等旧版 Office 文件）：无法读取',
        'this is an OLE compound file but not a Word document (no WordDocument stream; perhaps an old Excel or PowerPoint file): cannot be read',
      );
    const fib = readFib(w);
    if (fib.nFib < 0x00c1)
      return fail(
        DOC_PROBLEMS.tooOld,
        '这是 Word 6.0/95 或更早版本的文件，格式过旧，无法读取：请在 Word 或 WPS 中打开后另存为 .docx 再检查',
        'this is a Word 6.0/95 (or older) file, too old a format to read: open it in Word or WPS, save it as .docx and check again',
      );
    if (fib.encrypted) return fail(DOC_PROBLEMS.encrypted, ENCRYPTED_MESSAGE.zh, ENCRYPTED_MESSAGE.en);
    const t = cfb.stream(fib.tableName);
    if (!t) throw corrupt(`没有 ${fib.tableName} 流`, `no ${fib.tableName} stream`);
    if (w.length + t.length > maxBytes) throw tooLarge(maxBytes);
    const data = cfb.stream('Data');
    if (w.length + t.length + (data?.length ?? 0) > maxBytes) throw tooLarge(maxBytes);
    const pieces = readPieces(t, fib);
    const { codes, fcs, truncated } = readChars(w, pieces, fib.ccpText);
    if (truncated) {
      const f = corrupt('正文被截断', 'the text is cut short');
      problems.push({ code: f.code, message: { zh: `${f.zh}；只读出了前面的部分`, en: `${f.en}; only the part before the cut was read` } });
    }
    const papx = new Papx(w, t, fib, data);
    const { out, locs, paragraphs, tables } = layout(structure(codes, fcs, papx));
    const text = out.chars.join('');
    if (!/\S/.test(text) && problems.length === 0)
      problems.push({ code: DOC_PROBLEMS.noText, message: { zh: '文档中没有文字', en: 'the document has no text' } });
    return finish(text, out.cps, out.locs, locs, codes.length, paragraphs, tables, problems);
  } catch (e) {
    if (e instanceof Fault) return fail(e.code, e.zh, e.en);
    return fail(DOC_PROBLEMS.corrupt, `.doc 文件无法读取（${String(e)}）`, `the .doc file cannot be read (${String(e)})`);
  }
}

function finish(
  text: string,
  cpsList: number[],
  locsList: number[],
  locs: Loc[],
  cpEnd: number,
  paragraphs: number,
  tables: number,
  problems: DocReading['problems'],
): DocReading {
  const cps = Float64Array.from(cpsList, (c) => Math.min(c, cpEnd));
  const at = Int32Array.from(locsList);
  const n = text.length;
  const anchor = (cp: number, loc: number): DocAnchor => {
    const l = locs[loc] ?? {};
    const a: DocAnchor = { kind: 'doc', cp };
    if (l.paragraph !== undefined) a.paragraph = l.paragraph;
    if (l.table !== undefined) a.table = l.table;
    if (l.row !== undefined) a.row = l.row;
    if (l.cell !== undefined) a.cell = l.cell;
    return a;
  };
  const anchorAt = (offset: number): DocAnchor => {
    const o = Math.max(0, Math.min(Math.floor(offset) || 0, n));
    const cp = cps[o];
    const loc = at[o];
    if (o >= n || cp === undefined || loc === undefined) return anchor(cpEnd, 0);
    return anchor(cp, loc);
  };
  const anchorEnd = (offset: number): DocAnchor => {
    const o = Math.max(0, Math.min(Math.floor(offset) || 0, n));
    if (o === 0) return anchorAt(0);
    const cp = cps[o - 1];
    const loc = at[o - 1];
    if (cp === undefined || loc === undefined) return anchor(cpEnd, 0);
    const ch = text.charCodeAt(o - 1);
    // a character ends one CP later; an inserted separator ends where it stands
    return anchor(ch === 9 || ch === 10 ? cp : Math.min(cp + 1, cpEnd), loc);
  };
  return { form: 'docx', text, anchorAt, anchorEnd, problems, editable: false, paragraphs, tables };
}
