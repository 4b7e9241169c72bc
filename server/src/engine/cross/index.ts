// The cross-report rules' entry point: one report's digest against the
// digests of the other reports checked with it (the CLI's files, the
// editor's workspace index). A report whose last year's report is absent
// gets no cross-year finding; one without an agency and year gets none.

import type { Finding } from '../model';
import type { Rule } from '../rule';
import { carryOverMismatch } from '../checks/carry-over-mismatch';
import { copiedText } from '../checks/copied-text';
import { duplicateReport } from '../checks/duplicate-report';
import type { Digest } from './digest';

export interface CrossContext {
  current: Digest;
  /** Last year's report of the same agency (the first by file name when there are several). */
  lastYear: Digest | undefined;
  /** The other files that are the same agency's report for the same year. */
  sameYear: readonly Digest[];
}

/** A rule that compares reports: registered in RULES (docs, SARIF, settings), checked here. */
export interface CrossRule extends Rule {
  cross(ctx: CrossContext): Finding[];
}

export const CROSS_RULES: readonly CrossRule[] = [carryOverMismatch, copiedText, duplicateReport];
export const CROSS_RULE_IDS: ReadonlySet<string> = new Set(CROSS_RULES.map((r) => r.id));

/** Digests by agency and year, for lookups in a folder of thousands. */
export class DigestSet {
  private readonly byFile = new Map<string, Digest>();
  private readonly byReport = new Map<string, Digest[]>();

  get size(): number {
    return this.byFile.size;
  }

  /** Adds or replaces the digest of a file. */
  set(d: Digest): void {
    this.delete(d.file);
    this.byFile.set(d.file, d);
    if (!d.identity) return;
    const k = slot(d.identity.key, d.identity.year);
    const list = this.byReport.get(k);
    if (list) {
      // Kept sorted by file name as digests arrive (a folder's come in path order: usually at the end).
      let at = list.length;
      while (at > 0 && (list[at - 1] as Digest).file > d.file) at--;
      list.splice(at, 0, d);
    } else this.byReport.set(k, [d]);
  }

  get(file: string): Digest | undefined {
    return this.byFile.get(file);
  }

  delete(file: string): boolean {
    const old = this.byFile.get(file);
    if (!old) return false;
    this.byFile.delete(file);
    if (old.identity) {
      const k = slot(old.identity.key, old.identity.year);
      const list = this.byReport.get(k)?.filter((x) => x.file !== file) ?? [];
      if (list.length > 0) this.byReport.set(k, list);
      else this.byReport.delete(k);
    }
    return true;
  }

  /** The reports of an agency (its key) for a year, by file name. */
  reports(key: string, year: number): readonly Digest[] {
    return this.byReport.get(slot(key, year)) ?? [];
  }

  all(): IterableIterator<Digest> {
    return this.byFile.values();
  }
}

const slot = (key: string, year: number) => `${year}\u0000${key}`;

/** Last year's report and this year's other copies of the report, among `others`. */
export function crossContext(current: Digest, others: DigestSet | readonly Digest[]): CrossContext {
  const set = others instanceof DigestSet ? others : fromList(others);
  const id = current.identity;
  if (!id) return { current, lastYear: undefined, sameYear: [] };
  const lastYear = set.reports(id.key, id.year - 1).find((d) => d.file !== current.file);
  const sameYear = set.reports(id.key, id.year).filter((d) => d.file !== current.file);
  return { current, lastYear, sameYear };
}

function fromList(list: readonly Digest[]): DigestSet {
  const set = new DigestSet();
  for (const d of list) set.set(d);
  return set;
}

export interface CrossOptions {
  disabledRules?: readonly string[];
}

/** The cross-report findings of one report, sorted like analyse() sorts its own. */
export function crossCheck(current: Digest, others: DigestSet | readonly Digest[], options: CrossOptions = {}): Finding[] {
  if (!current.identity) return [];
  const ctx = crossContext(current, others);
  if (!ctx.lastYear && ctx.sameYear.length === 0) return [];
  const disabled = new Set(options.disabledRules ?? []);
  const out: Finding[] = [];
  for (const rule of CROSS_RULES) {
    if (disabled.has(rule.id)) continue;
    try {
      out.push(...rule.cross(ctx));
    } catch {
      // A cross rule that throws loses its own findings only (as analyse() does for a check).
    }
  }
  return out.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}

export type { Digest, DigestCell, ProseSketch } from './digest';
export { digestOf, fileName, sharedShare, comparableProse, shingleHashes } from './digest';
export { agencyFromTitle, agencyKey, normaliseAgency, reportIdentity } from './identity';
export type { ReportIdentity } from './identity';
