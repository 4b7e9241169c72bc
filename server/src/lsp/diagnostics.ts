// Findings → LSP diagnostics: rule id as `code`, "xxgk" as `source`, the
// engine's exact range, related locations (the addends of a broken sum),
// the severity the user chose for the rule, and in `data` the finding's id
// and the document version, by which a code action finds it again.

import { mapDiagnostics, viewOf } from './sourceView';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleById, tableTemplate, type Analysis, type Finding, type Locale, type Severity } from '../engine';
import { both, localize } from './locale';
import type { Settings } from './settings';

export const SOURCE = 'xxgk';

/** What travels in `Diagnostic.data`. */
export interface DiagnosticData {
  /** The finding's id (`Finding.id`), unique within the analysis of `version`. */
  id: string;
  /** Document version the finding was found in; null for a file that is not open. */
  version: number | null;
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<DiagnosticData>;
  return typeof v.id === 'string' && (typeof v.version === 'number' || v.version === null);
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The severity a finding is shown with, or undefined when its rule is turned off. */
export function effectiveSeverity(finding: Finding, settings: Settings): Severity | undefined {
  const chosen = settings.rules[finding.rule];
  if (chosen === 'off') return undefined;
  return chosen ?? finding.severity;
}

/** The findings the user wants to see (rules not turned off). */
export function visibleFindings(analysis: Analysis, settings: Settings): Finding[] {
  if (settings.excluded) return [];
  return analysis.findings.filter((f) => effectiveSeverity(f, settings) !== undefined);
}

export function toDiagnostics(
  analysis: Analysis,
  uri: string,
  version: number | null,
  settings: Settings,
  serverLocale: Locale,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  // An excluded file (`exclude`, or 这不是年度报告) is not a report: nothing to show.
  if (settings.excluded) return diagnostics;
  const locale = settings.messageLocale ?? serverLocale;
  for (const finding of analysis.findings) {
    const severity = effectiveSeverity(finding, settings);
    if (severity === undefined) continue;
    // A cross-report finding relates to a place in another report (last year's, the other copy): its own URI.
    const relatedInformation: DiagnosticRelatedInformation[] = finding.related.map((r) => ({
      location: { uri: r.file ?? uri, range: r.range },
      message: localize(r.message, locale),
    }));
    const data: DiagnosticData = { id: finding.id, version };
    diagnostics.push({
      range: finding.range,
      severity: SEVERITY[severity],
      code: finding.rule,
      ...codeDescriptionOf(finding.rule, settings),
      source: SOURCE,
      message: localize(finding.message, locale),
      ...(relatedInformation.length > 0 ? { relatedInformation } : {}),
      data,
    });
    const likely = likelyCellDiagnostic(analysis, finding, uri, locale, data);
    if (likely) diagnostics.push(likely);
  }
  // A web page's findings are on its reading text: shown where that text is in the markup.
  return mapDiagnostics(viewOf(analysis), diagnostics);
}

/** Code of the mark on the cell a finding names as most likely wrong (not a rule: it follows its finding's). */
export const LIKELY_CELL_CODE = 'likely-wrong-cell';

/**
 * When a finding names one cell elsewhere as the most likely wrong one (a
 * crossing of two broken sums), that cell gets a mark of its own: an
 * information diagnostic on it — a blue squiggle where the eye needs to go, a
 * row of its own in Problems, the finding's fixes in its light bulb (same
 * `data`) — its message naming the cell and pointing back at the finding.
 * Information, so it never counts as another error.
 */
function likelyCellDiagnostic(
  analysis: Analysis,
  finding: Finding,
  uri: string,
  locale: Locale,
  data: DiagnosticData,
): Diagnostic | undefined {
  const suspect = finding.suspects?.length === 1 ? finding.suspects[0] : undefined;
  if (!suspect || sameRange(suspect, finding.range)) return undefined;
  const name = cellNameAt(analysis, suspect);
  if (!name) return undefined;
  // The finding's message starts with the cell it is on: `「（一）予以公开」行「总计」列：总计应为 …`.
  const message = both(
    `最可能有误的单元格：${name.zh}（见${finding.message.zh.split('：')[0]}的合计不符）`,
    `Most likely the wrong cell: ${name.en} (see the sum that fails at ${finding.message.en.split(':')[0]})`,
  );
  return {
    range: suspect,
    severity: DiagnosticSeverity.Information,
    code: LIKELY_CELL_CODE,
    source: SOURCE,
    message: localize(message, locale),
    relatedInformation: [{ location: { uri, range: finding.range }, message: localize(finding.message, locale) }],
    data,
  };
}

function sameRange(a: Finding['range'], b: Finding['range']): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** `「（一）予以公开」行「自然人」列` for the cell at a range, from the model and the template's labels. */
function cellNameAt(analysis: Analysis, range: Finding['range']): { zh: string; en: string } | undefined {
  for (const table of analysis.model.tables) {
    for (const row of table.rows) {
      const cell = row.cells.find((c) => sameRange(c.range, range));
      if (!cell) continue;
      const template = tableTemplate(analysis.model.format, table.id);
      const rowLabel = template?.rows.find((r) => r.key === row.key)?.label ?? row.label?.text ?? row.key;
      const column = template?.columns.find((c) => c.key === cell.column);
      const columnLabel = column ? (template?.labelless && column.group ? `${column.group}·${column.label}` : column.label) : cell.column;
      if (template?.labelless) return { zh: `「${columnLabel}」`, en: `“${columnLabel}”` };
      return { zh: `「${rowLabel}」行「${columnLabel}」列`, en: `row “${rowLabel}”, column “${columnLabel}”` };
    }
  }
  return undefined;
}

/**
 * The link from a diagnostic's code to its rule's page: `xxgk.docsBaseUrl`
 * when set (the package has no repository URL to derive one from), else the
 * page shipped with the extension (docs/rules/<id>.md beside server/out/).
 */
export function docsHref(rule: string, settings: Pick<Settings, 'docsBaseUrl'>): string | undefined {
  if (!ruleById(rule)) return undefined;
  if (settings.docsBaseUrl) return `${settings.docsBaseUrl.replace(/\/+$/, '')}/${rule}.md`;
  // Every diagnostic of every keystroke asks: the file URL is built once per rule.
  let href = localDocs.get(rule);
  if (href === undefined) {
    href = pathToFileURL(resolve(__dirname, '..', '..', 'docs', 'rules', `${rule}.md`)).href;
    localDocs.set(rule, href);
  }
  return href;
}

/** The bundled rule pages' file URLs, by rule id (a few dozen). */
const localDocs = new Map<string, string>();

function codeDescriptionOf(rule: string, settings: Settings): Pick<Diagnostic, 'codeDescription'> {
  const href = docsHref(rule, settings);
  return href ? { codeDescription: { href } } : {};
}

/** Code of the notice published instead of findings for a document over the size limit. */
export const TOO_LARGE_CODE = 'document-too-large';

/**
 * One information diagnostic on the first line of a document too large to
 * check, saying what was skipped and why, instead of silence. Only for
 * documents that could be a report: the report language, or text that
 * mentions 信息公开 (every report's title does); a huge log file opened as
 * plain text gets nothing. `xxgk.rules: { "document-too-large": "off" }`
 * hides it; another severity there replaces "info".
 */
export function tooLargeDiagnostic(
  text: string,
  limit: number,
  languageId: string,
  settings: Settings,
  locale: Locale,
): Diagnostic | undefined {
  if (typeof text !== 'string' || text.length <= limit || settings.excluded) return undefined;
  if (languageId !== 'xxgk-report' && languageId !== 'xxgk' && !text.includes('信息公开')) return undefined;
  const chosen = settings.rules[TOO_LARGE_CODE];
  if (chosen === 'off') return undefined;
  const newline = text.indexOf('\n');
  let end = newline === -1 ? text.length : newline;
  if (end > 0 && text.charCodeAt(end - 1) === 13) end--;
  const n = text.length.toLocaleString('en-US');
  const max = limit.toLocaleString('en-US');
  const message = both(
    `文档过大，未检查：共 ${n} 个字符，超过 ${max} 个字符的检查上限，因此没有检查格式和勾稽关系，也不提供悬停说明、大纲和修复。请把年度报告单独保存为一个文件后再检查。`,
    `Document too large, not checked: ${n} characters, more than the limit of ${max}, so its format and sums were not checked and there are no hovers, outline or fixes. Save the annual report in a file of its own to check it.`,
  );
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: end } },
    severity: SEVERITY[chosen ?? 'info'],
    code: TOO_LARGE_CODE,
    source: SOURCE,
    message: localize(message, settings.messageLocale ?? locale),
  };
}
