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
