// Custom messages between the extension and the server, and the options the
// client may pass at start-up. Plain types with no imports, so the VS Code
// client can share them without pulling server code into its bundle.

/** `xxgk/newReport`: the text of a new, zero-filled report from the 2021 template. */
export const NEW_REPORT_REQUEST = 'xxgk/newReport';

export interface NewReportParams {
  /** Report year; defaults to last calendar year (reports are written in January for the year before). */
  year?: number;
  /** The agency's name for the title; a placeholder when absent. */
  agency?: string;
  /** How tables are written; Markdown pipe tables when absent. */
  layout?: 'markdown' | 'tab-separated' | 'cell-per-line' | 'space-separated';
}

export interface NewReportResult {
  text: string;
}

/**
 * `xxgk/checkFiles`: the server reads each file (UTF-8), analyses it and
 * publishes its diagnostics, so a whole workspace lands in the Problems panel.
 */
export const CHECK_FILES_REQUEST = 'xxgk/checkFiles';

export interface CheckFilesParams {
  /** `file:` URIs. Documents open in the editor are checked from the editor's text instead. */
  uris: string[];
}

export interface CheckFilesResult {
  /** Files read (or open documents used). */
  checked: number;
  /** Of those, how many are annual reports. */
  reports: number;
  /** Diagnostics published for them in total (after per-rule settings). */
  problems: number;
  /** Files that could not be checked, with the reason. */
  skipped: { uri: string; reason: string }[];
}

/** `xxgk/checked` (server → client): a document was just checked; drives the language status item. */
export const CHECKED_NOTIFICATION = 'xxgk/checked';

export interface CheckedParams {
  uri: string;
  /** ISO time of the check. */
  time: string;
  isReport: boolean;
  problems: number;
  /** The document was over the size limit and not analysed; its one diagnostic says so. */
  tooLarge?: boolean;
  /** Not a report: a page giving its report as this attached file (详见附件). */
  attachment?: string;
}

/** `initializationOptions` the server understands; all optional. */
export interface InitializationOptions {
  /** Display language, e.g. `zh-cn` or `en`; overrides InitializeParams.locale. */
  locale?: string;
  /** Delay between a change and its check, in ms; wins over the `xxgk.debounceMs` setting (0 for benchmarks). */
  debounceMs?: number;
}

/**
 * `xxgk/view`: the reading text of a file the editor cannot show as text (a
 * PDF, a Word file), for a read-only view document. The view's URI is the
 * file's with the scheme `xxgk-view` (`xxgk-view:///a/报告.pdf`); the server
 * checks the view like any report and publishes its diagnostics there.
 */
export const VIEW_REQUEST = 'xxgk/view';
export const VIEW_SCHEME = 'xxgk-view';

export interface ViewParams {
  /** The `file:` URI of the PDF or Word file, or its view's `xxgk-view:` URI. */
  uri: string;
}

export interface ViewResult {
  /** The view document's URI. */
  viewUri: string;
  /** The reading text; empty when nothing could be read (then `problems` says why). */
  text: string;
  /** `pdf` or `docx`. */
  form: string;
  /** Whole-file problems in the display language: a scan without text, an encrypted or damaged file. */
  problems: string[];
}

/**
 * `xxgk/preview`: the report's tables laid out as the official form (merged
 * header cells, row labels, every cell), with the cells that break a sum
 * marked, for the preview panel. Null when the document is not a report.
 */
export const PREVIEW_REQUEST = 'xxgk/preview';

export interface PreviewParams {
  uri: string;
}

export interface PreviewRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface PreviewCell {
  /** caption: the sub-table's caption row; corner: the header cell over the row labels. */
  kind: 'caption' | 'corner' | 'header' | 'group' | 'label' | 'value';
  text: string;
  colspan?: number;
  rowspan?: number;
  /** Value cells: what the report has there (`absent`: the row or the cell is not in the report). */
  state?: 'number' | 'blank' | 'unread' | 'text' | 'absent';
  /** The cell is the total of a declared sum. */
  total?: boolean;
  /** A total that does not hold: what its parts add up to (e.g. `≠ 58`). */
  computed?: string;
  /** The worst severity of the findings on this cell. */
  severity?: 'error' | 'warning' | 'info' | 'hint';
  /** `likely`: named as the most likely wrong cell; `involved`: a cell of a broken sum. */
  suspect?: 'likely' | 'involved';
  /** The messages of those findings, in the display language. */
  messages?: string[];
  /** Labels: the report's own wording where it differs from the official label. */
  written?: string;
  /** Where the cell is in the document (reveal on click); absent when the report lacks it. */
  range?: PreviewRange;
}

export interface PreviewTable {
  id: string;
  section: number;
  /** The section's official heading, e.g. 三、收到和处理政府信息公开申请情况. */
  sectionTitle: string;
  name: string;
  /** The table has declared sums (its count of broken ones means something). */
  hasSums: boolean;
  /** Grid columns: row-label columns plus one per value column. */
  width: number;
  /** Where the table is in the document; absent when the report lacks the table. */
  range?: PreviewRange;
  header: PreviewCell[][];
  body: PreviewCell[][];
  /** The template row key of each body row. */
  rowKeys: string[];
  /** Sum findings in this table. */
  broken: number;
}

export interface PreviewResult {
  uri: string;
  /** Document version the preview was built from (the client drops older answers). */
  version: number;
  title: string;
  /** The format's name, e.g. 2021 年格式（国办公开办函〔2021〕30号）. */
  format: string;
  tables: PreviewTable[];
}

/** `workspace/executeCommand` command of the code lens above a table: recompute every total of one table. */
export const RECOMPUTE_TOTALS_COMMAND = 'xxgk.recomputeTableTotals';

/**
 * `xxgk/notAReport`: the file is not an annual report; skip it for the rest of
 * the session (the 这不是年度报告 action also adds it to `.xxgk.json`, which
 * takes over once saved). Sent by the client command `xxgk.notAReport`.
 */
export const NOT_A_REPORT_REQUEST = 'xxgk/notAReport';
export const NOT_A_REPORT_COMMAND = 'xxgk.notAReport';

export interface NotAReportParams {
  uri: string;
}
