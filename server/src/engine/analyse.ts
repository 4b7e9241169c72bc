import { RULES } from './checks';
import type { Finding, ReportModel, TableLayout } from './model';
import { parseReport } from './parse';
import { FORMATS } from './template/formats';
import type { FormatVersion } from './template/types';
import { TextIndex } from './text';

export interface AnalyseOptions {
  /** Force a format instead of detecting it from the tables. */
  format?: FormatVersion;
  /** Rule ids to skip entirely. */
  disabledRules?: readonly string[];
  /** Layout for inserted tables when the document has none yet (e.g. markdown for .md files). */
  layoutHint?: TableLayout;
}

export interface Analysis {
  text: string;
  index: TextIndex;
  model: ReportModel;
  findings: Finding[];
  /** A check that threw: its findings are missing, the others are complete. */
  ruleErrors: { rule: string; error: unknown }[];
}

export function analyse(text: string, options: AnalyseOptions = {}): Analysis {
  const index = new TextIndex(text);
  const model = parseReport(text, index, options);
  const findings: Finding[] = [];
  const ruleErrors: Analysis['ruleErrors'] = [];
  if (model.isReport) {
    const ctx = { text, index, model, template: FORMATS[model.format] };
    const disabled = new Set(options.disabledRules ?? []);
    for (const rule of RULES) {
      if (disabled.has(rule.id)) continue;
      try {
        findings.push(...rule.check(ctx));
      } catch (error) {
        ruleErrors.push({ rule: rule.id, error });
      }
    }
  }
  findings.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.rule.localeCompare(b.rule),
  );
  return { text, index, model, findings, ruleErrors };
}
