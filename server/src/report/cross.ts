// The CLI's cross-report pass: `check` over many files also compares them
// (carry-over-mismatch, copied-text, duplicate-report). Every file's result
// arrives with its digest; results wait on disk (one JSON line each, in path
// order) while only the digests stay in memory, and once every file is in,
// each result is given its cross findings and passed on — so every output
// (text, JSON, CSV, SARIF, the summary) sees one result per file, in order.

import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  crossCheck,
  DigestSet,
  type ColumnKey,
  type Digest,
  type DigestCell,
  type Finding,
  type Locale,
  type Range,
  type ReportIdentity,
  type Severity,
} from '../engine';
import { fileFixesOf, type DiagnosticDetail, type FileResult, type JsonDiagnostic, type NativeLocation } from './types';

/** Where a range of the reading text is in the file, worked out in the worker that read it. */
export interface Place {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  location?: NativeLocation;
  where?: string;
  detail?: Omit<DiagnosticDetail, 'fixes'>;
}

/** What a file's result carries for the cross pass (not in any output). */
export interface CrossPart {
  digest: Digest;
  /** By `placeKey` of each range the digest holds (where a cross finding can sit). */
  places: Record<string, Place>;
  /** SARIF of a text file: fixes as edits of the file. */
  withFixes: boolean;
  /** The file's rule settings (.xxgk.json): `off` drops a cross finding, a severity replaces its own. */
  rules: Readonly<Record<string, Severity | 'off'>>;
}

export type CheckResult = FileResult & { cross?: CrossPart };
/** As a result waits on disk: its digest is in memory, by file. */
type Waiting = FileResult & { cross?: Omit<CrossPart, 'digest'> & { file: string } };

export const placeKey = (r: Range): string => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

/** The ranges of a digest a cross finding can sit on. */
export function digestRanges(d: Digest): Range[] {
  return [
    d.titleRange,
    ...(d.prose ? [d.prose.range] : []),
    ...(d.carriedIn ?? []).map((c) => c.range),
    ...Object.values(d.rules ?? {}).flatMap((cells) => cells.filter((c) => c.column === 'XX').map((c) => c.range)),
  ];
}

// ---------------------------------------------------------------- digests as the CLI keeps them

/** Numbers a packed cell takes: value, kind (0 text, 1 number, 2 blank), present, start, end, and its range's four. */
const CELL = 9;

/**
 * A digest as the CLI keeps one for every file of a folder: its cells and
 * ranges in one Float64Array, unpacked into the engine's shape only when a
 * cross rule reads them (the current report and the few it is compared
 * with). About 2.5 KB a report instead of 6 KB of small objects; the live
 * set is what V8 sizes its heap by, so it sets the run's peak memory.
 */
class PackedDigest implements Digest {
  readonly file: string;
  readonly version?: number;
  readonly title?: string;
  readonly identity?: ReportIdentity;
  readonly format: Digest['format'];
  readonly textHash: number;
  readonly valuesHash: number;
  /** Cell groups in order: `in`, `out`, then a section 二 row key each; with their cells' columns. */
  private readonly groups: readonly string[];
  private readonly counts: readonly number[];
  private readonly columns: readonly ColumnKey[];
  private readonly cells: Float64Array;
  /** titleRange, then the prose's range: four numbers each. */
  private readonly ranges: Float64Array;
  private readonly proseSize: number | undefined;
  private readonly hashes: Uint32Array | undefined;

  constructor(d: Digest) {
    this.file = d.file;
    if (d.version !== undefined) this.version = d.version;
    if (d.title !== undefined) this.title = d.title;
    if (d.identity !== undefined) this.identity = d.identity;
    this.format = d.format;
    this.textHash = d.textHash;
    this.valuesHash = d.valuesHash;
    const groups: [string, readonly DigestCell[]][] = [];
    if (d.carriedIn) groups.push(['in', d.carriedIn]);
    if (d.carriedOut) groups.push(['out', d.carriedOut]);
    for (const [row, list] of Object.entries(d.rules ?? {})) groups.push([row, list]);
    this.groups = groups.map(([name]) => name);
    this.counts = groups.map(([, list]) => list.length);
    const all = groups.flatMap(([, list]) => list);
    this.columns = all.map((c) => c.column);
    this.cells = new Float64Array(all.length * CELL);
    all.forEach((c, i) => {
      const at = i * CELL;
      this.cells[at] = typeof c.value === 'number' ? c.value : 0;
      this.cells[at + 1] = c.value === undefined ? 0 : c.value === null ? 2 : 1;
      this.cells[at + 2] = c.present ? 1 : 0;
      this.cells[at + 3] = c.start;
      this.cells[at + 4] = c.end;
      putRange(this.cells, at + 5, c.range);
    });
    this.ranges = new Float64Array(d.prose ? 8 : 4);
    putRange(this.ranges, 0, d.titleRange);
    if (d.prose) putRange(this.ranges, 4, d.prose.range);
    this.proseSize = d.prose?.size;
    this.hashes = d.prose ? Uint32Array.from(d.prose.hashes) : undefined;
  }

  get titleRange(): Range {
    return unflat(this.ranges, 0);
  }
  get prose(): Digest['prose'] {
    return this.hashes && this.proseSize !== undefined
      ? { size: this.proseSize, hashes: this.hashes, range: unflat(this.ranges, 4) }
      : undefined;
  }
  get carriedIn(): DigestCell[] | undefined {
    return this.group('in');
  }
  get carriedOut(): DigestCell[] | undefined {
    return this.group('out');
  }
  get rules(): Record<string, DigestCell[]> | undefined {
    const rows = this.groups.filter((g) => g !== 'in' && g !== 'out');
    if (rows.length === 0) return undefined;
    return Object.fromEntries(rows.map((row) => [row, this.group(row) ?? []]));
  }

  private group(name: string): DigestCell[] | undefined {
    const at = this.groups.indexOf(name);
    if (at < 0) return undefined;
    let first = 0;
    for (let g = 0; g < at; g++) first += this.counts[g] ?? 0;
    const out: DigestCell[] = [];
    for (let i = first; i < first + (this.counts[at] ?? 0); i++) {
      const n = this.cells.subarray(i * CELL, (i + 1) * CELL);
      const kind = n[1];
      out.push({
        column: this.columns[i] as ColumnKey,
        ...(kind === 1 ? { value: n[0] as number } : kind === 2 ? { value: null } : {}),
        present: n[2] === 1,
        start: n[3] as number,
        end: n[4] as number,
        range: unflat(n, 5),
      });
    }
    return out;
  }
}

function putRange(n: Float64Array, at: number, r: Range): void {
  n[at] = r.start.line;
  n[at + 1] = r.start.character;
  n[at + 2] = r.end.line;
  n[at + 3] = r.end.character;
}
const unflat = (n: Float64Array, at: number): Range => ({
  start: { line: n[at] ?? 0, character: n[at + 1] ?? 0 },
  end: { line: n[at + 2] ?? 0, character: n[at + 3] ?? 0 },
});

export class CrossCollector {
  private readonly digests = new DigestSet();
  private dir: string | undefined;
  private fd: number | undefined;
  private first: Waiting | undefined;
  private count = 0;

  constructor(
    private readonly locale: Locale,
    private readonly disabledRules: readonly string[] = [],
  ) {}

  add(result: CheckResult): void {
    const { cross, ...rest } = result;
    const r: Waiting = cross
      ? { ...rest, cross: { file: cross.digest.file, places: cross.places, withFixes: cross.withFixes, rules: cross.rules } }
      : rest;
    if (cross) this.digests.set(new PackedDigest(cross.digest));
    this.count++;
    // One file alone has nothing to be compared with: kept in memory, no spool.
    if (this.count === 1) {
      this.first = r;
      return;
    }
    if (this.fd === undefined) {
      this.dir = mkdtempSync(join(tmpdir(), 'xxgk-cross-'));
      this.fd = openSync(join(this.dir, 'results.jsonl'), 'w+');
      // `check … | head` exits early: the spool goes with the process.
      process.once('exit', () => this.dispose());
      if (this.first) this.spool(this.first);
      this.first = undefined;
    }
    this.spool(r);
  }

  private spool(r: Waiting): void {
    writeSync(this.fd as number, `${JSON.stringify(r)}\n`);
  }

  /** Every result, in the order added, with its cross findings after its own. */
  *results(): Generator<FileResult> {
    try {
      if (this.first) {
        yield this.finish(this.first);
        return;
      }
      if (this.fd === undefined) return;
      for (const line of lines(this.fd)) yield this.finish(JSON.parse(line) as Waiting);
    } finally {
      this.dispose();
    }
  }

  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  private finish(r: Waiting): FileResult {
    const { cross, ...result } = r;
    if (!cross || !result.diagnostics) return result;
    const digest = this.digests.get(cross.file);
    if (!digest) return result;
    const findings = crossCheck(digest, this.digests, { disabledRules: this.disabledRules });
    if (findings.length === 0) return result;
    const diagnostics = [...result.diagnostics];
    const details = result.details ? [...result.details] : undefined;
    for (const found of findings) {
      const chosen = cross.rules[found.rule];
      if (chosen === 'off') continue;
      const f = chosen && chosen !== found.severity ? { ...found, severity: chosen } : found;
      const place = cross.places[placeKey(f.range)];
      if (!place) continue;
      diagnostics.push(diagnosticOf(f, place, this.locale));
      if (details && place.detail)
        details.push({ ...place.detail, ...(cross.withFixes ? { fixes: fileFixesOf(f.fixes, this.locale) } : {}) });
    }
    return { ...result, diagnostics, ...(details ? { details } : {}) };
  }
}

function diagnosticOf(f: Finding, p: Place, locale: Locale): JsonDiagnostic {
  return {
    id: f.id,
    rule: f.rule,
    severity: f.severity,
    message: f.message[locale],
    line: p.line,
    column: p.column,
    endLine: p.endLine,
    endColumn: p.endColumn,
    ...(p.location ? { location: p.location } : {}),
    ...(p.where ? { where: p.where } : {}),
  };
}

/** The lines of a file written through `fd`, read back from the start in chunks. */
function* lines(fd: number): Generator<string> {
  const chunk = Buffer.alloc(1 << 20);
  let position = 0;
  let rest = Buffer.alloc(0);
  for (;;) {
    const n = readSync(fd, chunk, 0, chunk.length, position);
    if (n <= 0) break;
    position += n;
    let data = Buffer.concat([rest, chunk.subarray(0, n)]);
    let at = data.indexOf(10);
    while (at >= 0) {
      yield data.subarray(0, at).toString('utf8');
      data = data.subarray(at + 1);
      at = data.indexOf(10);
    }
    rest = Buffer.from(data);
  }
  if (rest.length > 0) yield rest.toString('utf8');
}
