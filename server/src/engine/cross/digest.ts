// A report's digest: what the cross-report rules need from it, and nothing
// else — its identity (agency, year), the section-三 carried-over rows, the
// section-二 counts of rules in force, a small sketch of the prose of
// sections 一 and 五, a hash of its text, and the ranges findings sit on.
// Plain data (crosses worker threads, fits in memory for 10,000 reports).

import type { Analysis } from '../analyse';
import type { CellNode, Range, ReportModel, TableNode } from '../model';
import { detached, normalizedText } from '../text';
import type { ColumnKey, FormatVersion, RowKey } from '../template/types';
import { reportIdentity, type ReportIdentity } from './identity';

/** One table cell as the rules compare it. */
export interface DigestCell {
  column: ColumnKey;
  /** The number; null for a blank cell (counted as 0, as the sums count it); absent when the cell is not a number. */
  value?: number | null;
  range: Range;
  /** False when the row ends before the cell: a fix cannot write it in place. */
  present: boolean;
  /** The cell's offsets in the reading text (for a fix's `replace` intent). */
  start: number;
  end: number;
}

/** A bottom-k sketch of a text's character shingles: estimates how much two texts share. */
export interface ProseSketch {
  /** Distinct shingles in the text. */
  size: number;
  /** The k smallest shingle hashes, ascending (an array, or a Uint32Array where many digests are kept). */
  hashes: ArrayLike<number>;
  /** Where a copy finding sits: the heading of section 一 (else the title). */
  range: Range;
}

export interface Digest {
  /** Path (CLI) or URI (editor) of the file. */
  file: string;
  /** Editor: the document version the digest was made from. */
  version?: number;
  title?: string;
  identity?: ReportIdentity;
  format: FormatVersion;
  /** Where report-level findings sit (the title, else the first line). */
  titleRange: Range;
  /** Section 三 二、上年结转 (R2) and 四、结转下年度继续办理 (R4), by column. */
  carriedIn?: DigestCell[] | undefined;
  carriedOut?: DigestCell[] | undefined;
  /** Section 二 第二十条第（一）项, by row (规章 GZ, 行政规范性文件 GF): 制发 ZF, 废止 FZ, 现行有效 XX. */
  rules?: Record<string, DigestCell[]> | undefined;
  prose?: ProseSketch | undefined;
  /** FNV-1a of the whole reading text without white space: equal for two copies of one report. */
  textHash: number;
  /** FNV-1a of every table cell (table, row, column, value): equal for one report in two forms (.txt and .pdf). */
  valuesHash: number;
}

export interface DigestOptions {
  /** Old → current agency names (`xxgk.agencyAliases`, `.xxgk.json` agencyAliases). */
  aliases?: Readonly<Record<string, string>>;
  version?: number;
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function cells(table: TableNode | undefined, row: RowKey): DigestCell[] | undefined {
  const r = table?.rows.find((x) => x.key === row);
  if (!r || r.cells.length === 0) return undefined;
  return r.cells.map((c: CellNode) => ({
    column: c.column,
    ...(c.value.kind === 'number' ? { value: c.value.value } : c.value.kind === 'blank' ? { value: null } : {}),
    range: c.range,
    present: c.present,
    start: c.span.start,
    end: c.span.end,
  }));
}

/** The digest of one analysed report (undefined when the text is not a report). */
export function digestOf(analysis: Pick<Analysis, 'model' | 'index'>, file: string, options: DigestOptions = {}): Digest | undefined {
  const { model } = analysis;
  if (!model.isReport) return undefined;
  // Digests outlive the analysis (a whole folder's, in the CLI and the workspace index).
  const title = model.title === undefined ? undefined : detached(model.title.text.trim());
  const identity = reportIdentity(title, model.year, options.aliases);
  const s3 = model.tables.find((t) => t.id === 'S3');
  const s2 = model.tables.find((t) => t.id === 'S2_一');
  const rules: Record<string, DigestCell[]> = {};
  for (const row of ['GZ', 'GF'] as const) {
    const c = cells(s2, row);
    if (c) rules[row] = c;
  }
  const carriedIn = cells(s3, 'R2');
  const carriedOut = cells(s3, 'R4');
  const prose = proseSketch(analysis);
  return {
    file,
    ...(options.version !== undefined ? { version: options.version } : {}),
    ...(title !== undefined ? { title } : {}),
    ...(identity ? { identity } : {}),
    format: model.format,
    titleRange: model.title?.range ?? ZERO,
    ...(carriedIn ? { carriedIn } : {}),
    ...(carriedOut ? { carriedOut } : {}),
    ...(Object.keys(rules).length > 0 ? { rules } : {}),
    ...(prose ? { prose } : {}),
    textHash: textHash(model.text),
    valuesHash: valuesHash(model),
  };
}

// ---------------------------------------------------------------- the prose sketch

/** Shingle length in characters (Chinese prose without punctuation; see docs/rules/copied-text.md). */
export const SHINGLE = 8;
/** Hashes kept per sketch: the share is estimated to about ±3 points. */
export const SKETCH_SIZE = 256;
/** Less prose than this (characters) is not compared: a table-only report. */
export const MIN_PROSE = 200;

/** The prose of sections 一 and 五, folded, without punctuation, every run of digits one `#`. */
export function comparableProse(model: ReportModel): string {
  const holes = [...model.tables.map((t) => t.span), ...model.artefacts.map((a) => a.span)].sort((a, b) => a.start - b.start);
  let text = '';
  for (const section of model.sections) {
    if (section.id !== 1 && section.id !== 5) continue;
    let at = section.heading.span.end;
    for (const h of holes) {
      if (h.end <= at || h.start >= section.span.end) continue;
      if (h.start > at) text += normalizedText(model.text, at, h.start);
      at = Math.max(at, h.end);
    }
    if (at < section.span.end) text += normalizedText(model.text, at, section.span.end);
  }
  // Numbers change every year; the words around them are what a copy keeps.
  return text
    .replace(/[0-9]+(\.[0-9]+)?/g, '#')
    .replace(/[〇零一二三四五六七八九十百千万]+(?=[年月日件个项条次万])/g, '#')
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

// Sketches by the raw text of sections 一 and 五: a keystroke in a table (the usual edit) reuses the sketch.
const SKETCHES = new Map<string, ProseSketch | undefined>();
const MAX_SKETCHES = 64;

function proseSketch(analysis: Pick<Analysis, 'model' | 'index'>): ProseSketch | undefined {
  const { model } = analysis;
  const raw = model.sections
    .filter((x) => x.id === 1 || x.id === 5)
    .map((x) => model.text.slice(x.span.start, x.span.end))
    .join('\u0000');
  if (SKETCHES.has(raw)) {
    const hit = SKETCHES.get(raw);
    const one = model.sections.find((x) => x.id === 1);
    // The same prose may sit elsewhere in this version of the text: its range is this version's.
    return hit && { ...hit, range: one?.heading.range ?? model.title?.range ?? ZERO };
  }
  const sketch = computeSketch(model);
  if (SKETCHES.size >= MAX_SKETCHES) SKETCHES.delete(SKETCHES.keys().next().value as string);
  SKETCHES.set(raw, sketch);
  return sketch;
}

function computeSketch(model: ReportModel): ProseSketch | undefined {
  const text = comparableProse(model);
  if (text.length < MIN_PROSE) return undefined;
  const all = shingleHashes(text);
  const one = model.sections.find((s) => s.id === 1);
  return {
    size: all.length,
    hashes: Array.from(all.subarray(0, SKETCH_SIZE)),
    range: one?.heading.range ?? model.title?.range ?? ZERO,
  };
}

/** The distinct hashes of a text's shingles, ascending. */
export function shingleHashes(text: string, n = SHINGLE): Uint32Array {
  const count = Math.max(0, text.length - n + 1);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + n; j++) {
      h ^= text.charCodeAt(j);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    // A final mix: FNV's low bits are weak, and the sketch keeps the smallest values.
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    out[i] = h >>> 0;
  }
  out.sort();
  let k = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[k++] = out[i]!; // i < length
  return out.subarray(0, k);
}

/**
 * The share of `a`'s shingles that `b` also has (containment), estimated from
 * the two sketches: the Jaccard index over the k smallest hashes of the union,
 * turned into containment with the two set sizes. Exact when both texts have
 * fewer than k shingles.
 */
export function sharedShare(a: Pick<ProseSketch, 'size' | 'hashes'>, b: Pick<ProseSketch, 'size' | 'hashes'>): number {
  const x = a.hashes;
  const y = b.hashes;
  const k = Math.min(SKETCH_SIZE, Math.max(x.length, y.length));
  if (k === 0 || a.size === 0) return 0;
  // Walk the two ascending sketches as one: the k smallest of the union, and how many are in both.
  let i = 0;
  let j = 0;
  let taken = 0;
  let both = 0;
  // Each read is behind its own bounds test (i < x.length, j < y.length).
  while (taken < k && (i < x.length || j < y.length)) {
    if (j >= y.length || (i < x.length && x[i]! < y[j]!)) i++;
    else if (i >= x.length || y[j]! < x[i]!) j++;
    else {
      both++;
      i++;
      j++;
    }
    taken++;
  }
  const jaccard = both / taken;
  return Math.max(0, Math.min(1, (jaccard * (a.size + b.size)) / ((1 + jaccard) * a.size)));
}

/** FNV-1a over the text without white space (line endings and wrapping do not make two copies differ). */
export function textHash(text: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0x3000) continue;
    h ^= c;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * FNV-1a of every cell as `table/row/column=value;`, hashed piece by piece: the
 * same number as hashing the joined text, without building a string per cell.
 */
function valuesHash(model: ReportModel): number {
  let h = 0x811c9dc5;
  for (const t of model.tables)
    for (const r of t.rows)
      for (const c of r.cells) {
        h = textHash(t.id, h);
        h = textHash('/', h);
        h = textHash(r.key, h);
        h = textHash('/', h);
        h = textHash(c.column, h);
        h = textHash('=', h);
        if (c.value.kind === 'number') h = textHash(String(c.value.value), h);
        h = textHash(';', h);
      }
  return h;
}

/** A file's name for messages: the last part of a path or URI, decoded. */
export function fileName(file: string): string {
  const last = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  if (!last.includes('%')) return last;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
