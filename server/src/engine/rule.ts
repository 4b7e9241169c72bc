// What every check declares and receives. One check per file in checks/,
// named after its rule id; checks/index.ts lists them.

import type { Equation, EquationResult } from './arithmetic';
import type { Finding, LocalizedText, ReportModel, Severity, TableNode } from './model';
import type { TextIndex } from './text';
import type { FormatTemplate, TableTemplate } from './template/types';

export interface RuleContext {
  text: string;
  index: TextIndex;
  model: ReportModel;
  template: FormatTemplate;
  /** A table's declared sums, expanded and evaluated once per analysis (several checks read them). */
  sums(table: TableNode, template: TableTemplate): { equations: Equation[]; results: EquationResult[] };
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
  check(ctx: RuleContext): Finding[];
}
