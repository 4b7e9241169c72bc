// Shapes of the official format, declared once as data (sections.ts,
// tables2.ts, tables34.ts, put together in formats.ts). Checks, hovers, the
// outline and the table generator all read these declarations; nothing else
// knows a row label or a sum.

import type { LocalizedText } from '../model';
import type { PROACTIVE_2019, PROACTIVE_2021 } from './tables2';
import type { APPLICATIONS_2021, LITIGATION } from './tables34';

export type FormatVersion = '2021' | '2019';
export type SectionId = 1 | 2 | 3 | 4 | 5 | 6;

// The keys are the literal types of the declarations themselves, so a misspelt
// table id, row or column key anywhere is a compile error. (The declarations
// are typed by their generic shapes below, never by these unions, which would
// make the derivation circular; formats.ts then checks them against the unions:
// a parent or a sum naming a key no table declares fails there.)
type Declared =
  | (typeof PROACTIVE_2021)[number]
  | (typeof PROACTIVE_2019)[number]
  | typeof APPLICATIONS_2021 // (APPLICATIONS_2019 has the same type: only its （六） rows differ)
  | typeof LITIGATION;
export type TableId = Declared['id'];
export type RowKey = Declared['rows'][number]['key'];
export type ColumnKey = Declared['columns'][number]['key'];

/** What a cell may hold: a count (integer ≥ 0), an amount (decimal ≥ 0), or a signed change. */
export type ValueKind = 'count' | 'amount' | 'delta';

export interface SectionTemplate {
  id: SectionId;
  numeral: string;
  /** The official heading, e.g. `一、总体情况`. */
  title: string;
  /** Wordings seen in real reports; accepted with a hint. */
  variants: string[];
  /** The heading matches when, after its numeral, every word of one group appears. */
  keys: string[][];
  /** What the section must contain (hover). */
  explanation: LocalizedText;
  basis: string;
}

export interface ColumnTemplate<K extends string = ColumnKey> {
  key: K;
  label: string;
  /** The header cell above this column's group, e.g. 法人或其他组织 or 复议后起诉. */
  group?: string;
  valueKind: ValueKind;
  explanation: LocalizedText;
}

export interface RowTemplate<K extends string = RowKey, P extends string = RowKey> {
  key: K;
  label: string;
  /** Wordings and known typos seen in real reports; matched and reported as nonstandard. */
  variants?: string[];
  /** Group rows are label cells spanning their children; they carry no numbers officially. */
  kind: 'data' | 'group';
  parent?: P;
  explanation: LocalizedText;
  basis: string;
}

/**
 * A sum that must hold, declared over keys. `across`: in every data row the
 * target column equals the sum of the part columns. `down`: in every column
 * the target row equals the sum of the part rows (a group key stands for its
 * children, or for itself when a report collapses the group into one row).
 * `balance`: in every column the left rows add up to the right rows.
 */
export type SumDeclaration<C extends string = ColumnKey, R extends string = RowKey> =
  | { kind: 'across'; target: C; parts: C[]; description: LocalizedText }
  | { kind: 'down'; target: R; parts: R[]; description: LocalizedText }
  | { kind: 'balance'; left: R[]; right: R[]; description: LocalizedText };

/** A table; the parameters are for the declarations (their literal keys), the defaults for everyone else. */
export interface TableTemplate<
  Id extends string = TableId,
  C extends ColumnTemplate<string> = ColumnTemplate,
  R extends RowTemplate<string, string> = RowTemplate,
  S extends SumDeclaration<string, string> = SumDeclaration,
> {
  id: Id;
  section: SectionId;
  /** Short name for messages and the outline, e.g. 第二十条第（一）项 or 收到和处理政府信息公开申请情况. */
  name: string;
  /** A caption line that opens the table (section 二 sub-tables). */
  caption?: string;
  /** Header cell texts; used to recognise a table that has no caption and for hovers. */
  headerLabels: string[];
  columns: C[];
  rows: R[];
  /** Section 四 has one data row and no row label. */
  labelless?: boolean;
  sums: S[];
  explanation: LocalizedText;
  basis: string;
}

export interface FormatTemplate {
  version: FormatVersion;
  name: LocalizedText;
  sections: SectionTemplate[];
  tables: TableTemplate[];
  /** Labels whose presence means a report uses this format. */
  evidence: string[];
}
