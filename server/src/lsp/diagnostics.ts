// Findings → LSP diagnostics: rule id as `code`, "xxgk" as `source`, the
// engine's exact range, related locations (the addends of a broken sum),
// the severity the user chose for the rule, and in `data` everything a
// code action needs to apply the finding's fixes later.

import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { Analysis, Finding, Fix, Locale, Severity } from '../engine';
import { localize } from './locale';
import type { Settings } from './settings';

export const SOURCE = 'xxgk';

/** What travels in `Diagnostic.data`. */
export interface DiagnosticData {
  rule: string;
  /** Document version the fixes' ranges refer to; null for a file that is not open. */
  version: number | null;
  fixes: Fix[];
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<DiagnosticData>;
  return typeof v.rule === 'string' && (typeof v.version === 'number' || v.version === null) && Array.isArray(v.fixes);
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
  return analysis.findings.filter((f) => effectiveSeverity(f, settings) !== undefined);
}

export function toDiagnostics(analysis: Analysis, uri: string, version: number | null, settings: Settings, locale: Locale): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const finding of analysis.findings) {
    const severity = effectiveSeverity(finding, settings);
    if (severity === undefined) continue;
    const relatedInformation: DiagnosticRelatedInformation[] = finding.related.map((r) => ({
      location: { uri, range: r.range },
      message: localize(r.message, locale),
    }));
    const data: DiagnosticData = { rule: finding.rule, version, fixes: finding.fixes };
    diagnostics.push({
      range: finding.range,
      severity: SEVERITY[severity],
      code: finding.rule,
      source: SOURCE,
      message: localize(finding.message, locale),
      ...(relatedInformation.length > 0 ? { relatedInformation } : {}),
      data,
    });
  }
  return diagnostics;
}
