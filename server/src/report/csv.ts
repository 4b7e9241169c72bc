// CSV as spreadsheets read it (RFC 4180): shared by `extract --format csv`
// (values) and `check --format csv` (findings).

import type { FileResult } from './types';

/** A byte-order mark first, so that Excel reads the Chinese as UTF-8 rather than the ANSI code page. */
export const CSV_BOM = '\uFEFF';
export const CSV_EOL = '\r\n';

/** RFC 4180: a field holding a comma, a quote, CR or LF is quoted, its quotes doubled. */
export function csvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  return fields.map((f) => (f === null || f === undefined ? '' : csvField(String(f)))).join(',') + CSV_EOL;
}

export const CHECK_CSV_HEADER = csvLine(['file', 'agency', 'year', 'rule', 'severity', 'line', 'column', 'message', 'where']);

/** One line per finding of a checked file; nothing for a file without findings. */
export function checkCsvRows(r: FileResult): string {
  let out = '';
  for (const d of r.diagnostics ?? []) {
    out += csvLine([r.file, r.report?.agency, r.report?.year, d.rule, d.severity, d.line, d.column, d.message, d.where]);
  }
  return out;
}
