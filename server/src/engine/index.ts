// The engine's front door: text in, report model and findings out.
// The CLI and the language server are thin shells over `analyse`.

export * from './model';
export { TextIndex, normalizeLabel } from './text';
export { TRADITIONAL_TO_SIMPLIFIED } from './traditional';
export type { Rule, RuleContext } from './rule';
export { FORMATS, tableTemplate, rowTemplate, childRows } from './template/formats';
export type * from './template/types';
export { RULES, ruleById } from './checks';
export { analyse, verifiedFixes } from './analyse';
export type { AnalyseOptions, Analysis } from './analyse';
export { equationsForTable, evaluateEquation } from './arithmetic';
export type { Equation, EquationResult, Term } from './arithmetic';
export { recomputeTotalsEdits } from './fixes/recompute-totals';
export { renderNewReport } from './render';
export type { NewReportOptions } from './render';
export { applyEdits, editsOverlap } from './edits';
export { applySafeFixes, compatibleFixes } from './fix-all';
export type { FixAllResult } from './fix-all';
export { readText, describeAnchor } from './read/document';
export type { ReadDocument, ReadForm, ReadProblem, SourceAnchor } from './read/document';
export {
  crossCheck,
  crossContext,
  CROSS_RULES,
  CROSS_RULE_IDS,
  DigestSet,
  digestOf,
  fileName,
  reportIdentity,
  agencyKey,
  sharedShare,
  comparableProse,
} from './cross';
export type { CrossContext, CrossOptions, CrossRule, Digest, DigestCell, ProseSketch, ReportIdentity } from './cross';
