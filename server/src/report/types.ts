// What `check` knows about one file, as the output writers (text, JSON, CSV,
// SARIF, the HTML summary) receive it from the main thread or a worker.
// Plain data: it crosses the worker boundary by structured clone.

import type { Finding, Fix, Locale, ReadForm, SectionId } from '../engine';

/** A place in a Word file or a PDF a person can find: JSON's `location`. */
export type NativeLocation = { page: number } | { table: number; row?: number; column?: number } | { paragraph: number };

export interface JsonDiagnostic {
  id: string;
  rule: string;
  severity: Finding['severity'];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Word files and PDFs: the place in the file (line and column above are the reading text's, the view's). */
  location?: NativeLocation;
  /** The same place in words: 第 3 页, 表 2 第 5 行第 7 列. */
  where?: string;
}

/** A fix in the file's own coordinates (1-based lines and UTF-16 columns, end exclusive). */
export interface FileFix {
  title: string;
  safe: boolean;
  preferred: boolean;
  edits: { startLine: number; startColumn: number; endLine: number; endColumn: number; newText: string }[];
}

/** What CSV, SARIF and the summary need beyond JSON's diagnostic; computed only for them. */
export interface DiagnosticDetail {
  /** The section the finding is in; 0 before the first section heading (the title). */
  section: SectionId | 0;
  /** The reading text's line at the finding, cut to a window, and the finding's span in it (UTF-16 offsets). */
  excerpt: { text: string; start: number; end: number; cutStart: boolean; cutEnd: boolean };
  /** Text and Markdown files only: fixes as edits of the file. */
  fixes?: FileFix[];
}

export interface ReportInfo {
  form: ReadForm;
  title?: string;
  year?: number;
  agency?: string;
}

export interface FileResult {
  file: string;
  diagnostics?: JsonDiagnostic[];
  skipped?: string;
  /** Skipped because `.xxgk.json` excludes it (`skipped` says so too); counted in the summary line. */
  excluded?: boolean;
  error?: string;
  fixed?: number;
  /** --fix was refused (a Word file or a PDF): `error` says why; the findings are still listed. */
  refused?: boolean;
  /** Rule ids whose check threw on this file: its findings are missing, the others are complete. */
  internalErrors?: string[];
  /** Not in JSON output: for CSV, SARIF and the summary. */
  report?: ReportInfo;
  /** Not in JSON output: one per diagnostic, in the same order. */
  details?: DiagnosticDetail[];
}

/** A finding's fixes as the JSON and SARIF outputs carry them (1-based positions). */
export function fileFixesOf(fixes: readonly Fix[], locale: Locale): FileFix[] {
  return fixes.map((fix) => ({
    title: fix.title[locale],
    safe: fix.safe,
    preferred: fix.preferred,
    edits: fix.edits.map((e) => ({
      startLine: e.range.start.line + 1,
      startColumn: e.range.start.character + 1,
      endLine: e.range.end.line + 1,
      endColumn: e.range.end.character + 1,
      newText: e.newText,
    })),
  }));
}
