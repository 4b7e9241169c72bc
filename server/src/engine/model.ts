// The report model and the findings: the engine's whole public vocabulary.
// Pure data — no LSP, no VS Code, no file system. Positions follow LSP:
// zero-based lines and characters counted in UTF-16 code units, which is
// exactly how JavaScript strings index, so offsets need no conversion.

import type { FormatVersion, SectionId, TableId, RowKey, ColumnKey } from './template/types';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Half-open span of UTF-16 offsets into the document text. */
export interface Span {
  start: number;
  end: number;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A message in both languages the extension ships; the shells pick one. */
export interface LocalizedText {
  zh: string;
  en: string;
}

export type Locale = 'zh' | 'en';

/**
 * What a fix means, stated on the model: the checks say *what* should change
 * (write these numbers into these cells, insert this official row) and a
 * writer for the document's form turns it into edits (write/text.ts for the
 * reading text; write/html.ts carries those into a web page's markup).
 */
export type FixIntent =
  /** Write numbers into cells. An absent cell (the row ends before it) is reached by writing the absent cells before it as 0. */
  | { kind: 'set-cells'; cells: { cell: CellNode; value: number }[] }
  /** Replace a span of the reading text as it stands (a prose number, an export artefact). */
  | { kind: 'replace'; span: Span; text: string }
  /** Remove the whole line a span lies on, with its line break (a PDF page-number line). */
  | { kind: 'delete-line'; span: Span }
  /** Put the official wording in place of a label or heading, changing only the characters that differ. */
  | { kind: 'relabel'; label: LabelNode; official: string }
  /** Insert an official row holding these values (one per template column) between its neighbours, in the table's layout. */
  | { kind: 'insert-row'; table: TableNode; row: RowKey; values: number[] }
  /** Write a group row that carries numbers as its official sub-rows, the numbers under the last one. */
  | { kind: 'split-row'; table: TableNode; row: RowNode }
  /** Insert a section's heading on the line where its content (`at`) starts. */
  | { kind: 'insert-heading'; section: SectionId; at: Span; blankLineAfter: boolean }
  /** Insert a whole section, its heading and empty tables, where the order puts it. */
  | { kind: 'insert-section'; section: SectionId }
  /** Insert an official table, empty, where the order puts it in its section. */
  | { kind: 'insert-table'; table: TableId }
  /** Move a section (its heading up to the next heading) to just before another. */
  | { kind: 'move-section'; section: SectionNode; before: SectionNode };

/** A fix as a check proposes it: a title and intents, no text. */
export interface ProposedFix {
  title: LocalizedText;
  intents: FixIntent[];
  /** Safe fixes may be applied without a person looking (fix-all, `--fix`). */
  safe: boolean;
  /** The most likely correct fix for its finding (at most one per finding). */
  preferred: boolean;
  /**
   * What an arithmetic fix writes, so an editor can rank it by what the user
   * just typed: `totals` — only totals, each set to the sum of its parts;
   * `derivation` — also a row the balance determines (四 = 一 + 二 − （七）).
   */
  kind?: 'totals' | 'derivation';
}

/** A fix with its intents written as edits of the reading text. */
export interface Fix extends ProposedFix {
  edits: TextEdit[];
}

export interface RelatedLocation {
  range: Range;
  message: LocalizedText;
  /** Set when the place is in another report (a cross-report finding): its path or URI; `range` is in that file. */
  file?: string;
}

export interface Finding {
  /**
   * Stable within one analysis and across edits elsewhere: the rule and a
   * structural key, e.g. `sum-mismatch:S3/R3_7/TOT` or `missing-section:4`.
   */
  id: string;
  rule: string;
  severity: Severity;
  message: LocalizedText;
  range: Range;
  fixes: Fix[];
  related: RelatedLocation[];
  /**
   * Arithmetic findings: the cells suspected of being wrong — the one the
   * message names as most likely wrong, else every cell of the broken sum.
   */
  suspects?: Range[];
}

/** A finding as a check returns it: its fixes are intents, written as edits by analyse. */
export interface CheckFinding extends Omit<Finding, 'fixes'> {
  fixes: ProposedFix[];
}

// ---------------------------------------------------------------- the model

/** How a table's cells are laid out in the text. */
export type TableLayout =
  | 'cell-per-line' // Word plain-text export: one TAB-prefixed cell per line, blank line ends a row
  | 'tab-separated' // pasted from Word/Excel: one row per line, cells split by TAB
  | 'space-separated' // copied out of a PDF: cells split by spaces
  | 'markdown'; // Markdown pipe table

export type CellValue =
  | {
      kind: 'number';
      value: number;
      /** digits were full-width (e.g. ５９) */
      fullWidth: boolean;
      /** written with thousands separators (1,095) */
      grouped?: true;
    }
  | { kind: 'blank' }
  | { kind: 'text'; text: string }
  /** Part of a run of fused digits that could not be split unambiguously (see FusedRunNode). */
  | { kind: 'unread'; run: string };

export interface CellNode {
  column: ColumnKey;
  /** The cell's text as written (for a blank cell: empty). */
  raw: string;
  /** Where the cell's text is; for a blank cell, an empty span where a number belongs. */
  span: Span;
  range: Range;
  value: CellValue;
  /** False when the row ends before this cell (nothing written, not even a separator). */
  present: boolean;
  /**
   * Set when the cell was split out of a run of fused digits (`801000081`):
   * the sums left exactly one reading. The sums that chose it are not reported against it.
   */
  segmented?: true;
}

export interface LabelNode {
  /** The label as written, joined across wrapped lines. */
  text: string;
  /** Whitespace-free, width-folded form used for matching. */
  normalized: string;
  span: Span;
  range: Range;
}

export interface RowNode {
  table: TableId;
  key: RowKey;
  /** Absent for rows that have no label of their own (the section 四 data row). */
  label: LabelNode | undefined;
  /** The official label this row matched, exactly or as a known variant/typo. */
  labelMatch: 'exact' | 'variant' | 'fuzzy' | 'none';
  cells: CellNode[];
  /** Group rows (（三）不予公开 …) carry no numbers unless a report collapses the group into one row. */
  isGroup: boolean;
  span: Span;
  range: Range;
}

export interface HeaderCellNode {
  column: ColumnKey | undefined;
  text: string;
  span: Span;
  range: Range;
}

export interface TableNode {
  id: TableId;
  section: SectionId;
  layout: TableLayout;
  caption: LabelNode | undefined;
  headerCells: HeaderCellNode[];
  rows: RowNode[];
  span: Span;
  range: Range;
  /** Rows whose group label was seen, for outline and hover (e.g. （三）不予公开). */
  groupLabels: { key: RowKey; label: LabelNode }[];
}

export interface SubHeadingNode {
  text: string;
  span: Span;
  range: Range;
}

export interface SectionNode {
  id: SectionId;
  /** The heading line as the report writes it. */
  heading: LabelNode;
  /** How the heading matched: the official text, a known/keyword variant, or only by its numeral. */
  headingMatch: 'exact' | 'variant' | 'numeral';
  /** From the heading to just before the next section heading (or the end of the text). */
  span: Span;
  range: Range;
  subHeadings: SubHeadingNode[];
  tables: TableNode[];
}

/** A section whose heading is missing while its content is there: where the content starts. */
export interface HeadlessSection {
  id: SectionId;
  /** The first line of the content. */
  span: Span;
  range: Range;
}

/** A region that looks like a table but could not be read; reported once. */
export interface UnreadableTable {
  section: SectionId;
  /** The table read and then found untrustworthy, when it is known which. */
  table?: TableId;
  span: Span;
  range: Range;
  reason: LocalizedText;
}

/**
 * A row whose numbers arrived as one run of digits with no separators. `split`:
 * the sums left exactly one reading (its cells are marked segmented); otherwise
 * the row is not read: no split satisfies the row's sums (`impossible`),
 * several do (`ambiguous`), or too many to try (`too-many`).
 */
export interface FusedRunNode {
  table: TableId;
  row: RowKey;
  /** fused: one run of digits; short: fewer numbers than columns, with no separators to say where the blanks were. */
  kind: 'fused' | 'short';
  run: string;
  span: Span;
  range: Range;
  state: 'split' | 'impossible' | 'ambiguous' | 'too-many';
}

export interface ArtefactNode {
  /** missing-tab: a cell line of Word's cell-per-line export without its leading TAB (an empty span at the line start). */
  kind: 'bookmark' | 'page-marker' | 'missing-tab';
  span: Span;
  range: Range;
}

export interface ReportModel {
  /** The reading text every span indexes into (the prose checks read what it says). */
  text: string;
  /** False when the text does not look like an annual report at all. */
  isReport: boolean;
  /** A page that gives the report as an attached file (详见附件): the file's name; such a page is not a report. */
  attachment?: string;
  /** Who issued the report when a configuration says so (AnalyseOptions.issuerType); else read from the title. */
  issuer?: 'government' | 'department';
  format: FormatVersion;
  /** Why the format was chosen (labels that gave it away). */
  formatEvidence: string[];
  title: LabelNode | undefined;
  /** The year the report is for, read from the title (e.g. 2023). */
  year: number | undefined;
  eol: '\n' | '\r\n' | '\r';
  sections: SectionNode[];
  tables: TableNode[];
  unreadableTables: UnreadableTable[];
  /** Rows read from fused digit runs, split or not. */
  fusedRuns: FusedRunNode[];
  /** Sections whose content is there without their heading. */
  headlessSections: HeadlessSection[];
  artefacts: ArtefactNode[];
  /** The dominant table layout, used when inserting a missing table or row. */
  preferredLayout: TableLayout;
}
