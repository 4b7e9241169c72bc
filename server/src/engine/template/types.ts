// Shapes of the official format, declared once as data (see format2021.ts,
// format2019.ts). Checks, hovers, the outline and the table generator all
// read these declarations; nothing else knows a row label or a sum.

import type { LocalizedText } from '../model';

export type FormatVersion = '2021' | '2019';
export type SectionId = 1 | 2 | 3 | 4 | 5 | 6;
export type TableId = string;
export type RowKey = string;
export type ColumnKey = string;

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

export interface ColumnTemplate {
  key: ColumnKey;
  label: string;
  /** The header cell above this column's group, e.g. 法人或其他组织 or 复议后起诉. */
  group?: string;
  valueKind: ValueKind;
  explanation: LocalizedText;
}

export interface RowTemplate {
  key: RowKey;
  label: string;
  /** Wordings and known typos seen in real reports; matched and reported as nonstandard. */
  variants?: string[];
  /** Group rows are label cells spanning their children; they carry no numbers officially. */
  kind: 'data' | 'group';
  parent?: RowKey;
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
export type SumDeclaration =
  | { kind: 'across'; target: ColumnKey; parts: ColumnKey[]; description: LocalizedText }
  | { kind: 'down'; target: RowKey; parts: RowKey[]; description: LocalizedText }
  | { kind: 'balance'; left: RowKey[]; right: RowKey[]; description: LocalizedText };

export interface TableTemplate {
  id: TableId;
  section: SectionId;
  /** Short name for messages and the outline, e.g. 第二十条第（一）项 or 收到和处理政府信息公开申请情况. */
  name: string;
  /** A caption line that opens the table (section 二 sub-tables). */
  caption?: string;
  /** Header cell texts; used to recognise a table that has no caption and for hovers. */
  headerLabels: string[];
  columns: ColumnTemplate[];
  rows: RowTemplate[];
  /** Section 四 has one data row and no row label. */
  labelless?: boolean;
  sums: SumDeclaration[];
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
