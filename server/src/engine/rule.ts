// What every check declares and receives. One check per file in checks/,
// named after its rule id; checks/index.ts lists them.

import type { Equation, EquationResult } from './arithmetic';
import type { CheckFinding, LocalizedText, Range, ReportModel, Severity, Span, TableNode } from './model';
import type { FormatTemplate, TableTemplate } from './template/types';

/**
 * What a check sees: the model and the template, nothing of the document's
 * form. Fixes are stated as intents; writers turn them into edits.
 */
export interface RuleContext {
  model: ReportModel;
  template: FormatTemplate;
  /** A table's declared sums, expanded and evaluated once per analysis (several checks read them). */
  sums(table: TableNode, template: TableTemplate): { equations: Equation[]; results: EquationResult[] };
  /** Where a span of the reading text is, for a finding on prose the model has no node for. */
  rangeOf(span: Span): Range;
  /** The line of the reading text holding an offset, without its line break. */
  lineSpanOf(offset: number): Span;
}

export interface Rule {
  id: string;
  defaultSeverity: Severity;
  /** True exactly when the check offers fixes (a registry test holds us to it). */
  fixable: boolean;
  title: LocalizedText;
  description: LocalizedText;
  /**
   * Structural fixes (inserting or moving whole sections, tables, rows) are
   * re-checked on the fixed text before they are offered: a fix that would
   * not remove its finding, or would add an error, is dropped.
   */
  verifyFixes?: boolean;
  check(ctx: RuleContext): CheckFinding[];
}
