// Quick-fixes of the finding each diagnostic names in `data` (its id, looked
// up in the analysis of the version it was published for), "fix all of this
// rule", and `source.fixAll.xxgk` (safe fixes only). Every edit is a
// TextDocumentEdit pinned to the version the fix was computed for, so the
// client refuses a stale fix instead of misapplying it.

import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextDocumentEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleById, verifiedFixes, type Analysis, type CellNode, type Finding, type Fix, type Locale, type TextEdit } from '../engine';
import { isDiagnosticData, SOURCE, visibleFindings } from './diagnostics';
import { both, localize } from './locale';
import type { Settings } from './settings';
import { disableLineAction, notReportAction, type ActionScope } from './suppressActions';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

/**
 * Whether `kind` was asked for. Without `only` the client wants quick-fixes
 * (the light bulb); source actions are given only when requested by kind.
 */
export function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return !kind.startsWith(CodeActionKind.Source);
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function versionedEdit(uri: string, version: number, edits: TextEdit[]): WorkspaceEdit {
  const change: TextDocumentEdit = { textDocument: { uri, version }, edits };
  return { documentChanges: [change] };
}

/**
 * The fix a bulk action applies for one finding: the preferred one, else the
 * first — unless the finding was typed in this session, or none of its fixes
 * is preferred on purpose (prose-table-mismatch: which side is wrong is for a
 * person to say), when only a preferred or a safe fix is applied.
 */
function chosenFix(ranked: Ranked, safeOnly: boolean): Fix | undefined {
  const usable = ranked.fixes.filter((f) => f.edits.length > 0 && (!safeOnly || f.safe));
  const preferred = usable.find((f) => f.preferred);
  if (preferred) return preferred;
  if (ranked.drafting) return undefined;
  return ranked.fixes.some((f) => f.preferred) || usable.every((f) => f.safe) ? usable[0] : undefined;
}

interface Ranked {
  fixes: Fix[];
  /** A cell the finding suspects was typed in this session. */
  drafting: boolean;
}

/**
 * The engine prefers the fix that mends a finished report. A finding whose
 * suspect cell the user just typed is a report being filled in: the typed
 * number is meant, the totals are behind. Then the preferred fix is the
 * smallest one that only updates totals and writes no typed cell; when there
 * is none (a total typed before its addends), no fix is preferred — never one
 * that undoes the typing, zeroes an addend or invents applications.
 */
export function rankForDrafting(document: TextDocument, finding: Finding, fixes: Fix[], edited: ReadonlySet<CellNode>): Ranked {
  if (edited.size === 0 || !finding.suspects) return { fixes, drafting: false };
  const typed = [...edited].map((c) => c.span);
  const touches = (start: number, end: number) => typed.some((s) => start <= s.end && s.start <= end);
  const at = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
    [document.offsetAt(r.start), document.offsetAt(r.end)] as const;
  if (!finding.suspects.some((r) => touches(...at(r)))) return { fixes, drafting: false };
  const writesTyped = (fix: Fix) => fix.edits.some((e) => touches(...at(e.range)));
  const best = fixes
    .filter((f) => f.kind === 'totals' && f.edits.length > 0 && !writesTyped(f))
    .reduce<Fix | undefined>((b, f) => (!b || f.edits.length < b.edits.length ? f : b), undefined);
  return { fixes: fixes.map((f) => (f.preferred === (f === best) ? f : { ...f, preferred: f === best })), drafting: true };
}

/** Takes fixes in order, skipping any whose edits touch an edit already taken. */
function nonOverlapping(document: TextDocument, fixes: Fix[]): TextEdit[] {
  const taken: { start: number; end: number }[] = [];
  const edits: TextEdit[] = [];
  for (const fix of fixes) {
    const spans = fix.edits.map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end) }));
    const clashes = spans.some((s) => taken.some((t) => (s.start < t.end && t.start < s.end) || s.start === t.start));
    const selfClash = spans.some((s, i) => spans.some((t, j) => i < j && ((s.start < t.end && t.start < s.end) || s.start === t.start)));
    if (clashes || selfClash) continue;
    taken.push(...spans);
    edits.push(...fix.edits);
  }
  return edits;
}

// Structural fixes (inserting sections, tables, rows) are re-checked on the
// fixed text before they are shown — lazily, here, not on every keystroke.
const verified = new WeakMap<Finding, Fix[]>();

function fixesOf(analysis: Analysis, finding: Finding): Fix[] {
  if (!ruleById(finding.rule)?.verifyFixes || finding.fixes.length === 0) return finding.fixes;
  let fixes = verified.get(finding);
  if (!fixes) {
    fixes = verifiedFixes(analysis, finding);
    verified.set(finding, fixes);
  }
  return fixes;
}

// Each analysis's findings by id (ids are unique within one analysis).
const byId = new WeakMap<Analysis, Map<string, Finding>>();

function findingById(analysis: Analysis, id: string): Finding | undefined {
  let findings = byId.get(analysis);
  if (!findings) {
    findings = new Map(analysis.findings.map((f) => [f.id, f]));
    byId.set(analysis, findings);
  }
  return findings.get(id);
}

function quickFixes(
  diagnostic: Diagnostic,
  document: TextDocument,
  analysis: Analysis | undefined,
  locale: Locale,
  edited: ReadonlySet<CellNode>,
): CodeAction[] {
  const data: unknown = diagnostic.data;
  // A diagnostic of another version names a finding of another analysis: its fixes would land in the wrong place.
  if (diagnostic.source !== SOURCE || !isDiagnosticData(data) || data.version !== document.version || !analysis) return [];
  const finding = findingById(analysis, data.id);
  if (!finding) return [];
  return rankForDrafting(document, finding, fixesOf(analysis, finding), edited)
    .fixes.filter((fix) => fix.edits.length > 0)
    .map((fix) => ({
      title: localize(fix.title, locale),
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: fix.preferred,
      edit: versionedEdit(document.uri, document.version, fix.edits),
    }));
}

function fixAllOfRule(
  rule: string,
  findings: Finding[],
  analysis: Analysis,
  document: TextDocument,
  locale: Locale,
  edited: ReadonlySet<CellNode>,
): CodeAction | undefined {
  const fixes = findings
    .filter((f) => f.rule === rule)
    .flatMap((f) => chosenFix(rankForDrafting(document, f, fixesOf(analysis, f), edited), false) ?? []);
  if (fixes.length < 2) return undefined; // one finding: its own quick-fix says it all
  const edits = nonOverlapping(document, fixes);
  const title = both(`修复本文档中所有 ${rule} 问题（${fixes.length} 处）`, `Fix all ${rule} problems in this document (${fixes.length})`);
  return { title: localize(title, locale), kind: CodeActionKind.QuickFix, edit: versionedEdit(document.uri, document.version, edits) };
}

function fixAllSafe(findings: Finding[], document: TextDocument, locale: Locale): CodeAction | undefined {
  // Safe fixes only; no arithmetic fix is safe (which number is wrong is for a person to say), so drafting changes nothing here.
  const fixes = findings.flatMap((f) => chosenFix({ fixes: f.fixes, drafting: false }, true) ?? []);
  if (fixes.length === 0) return undefined;
  const title = both('修复所有可安全自动修复的问题（xxgk）', 'Fix all safely fixable problems (xxgk)');
  return {
    title: localize(title, locale),
    kind: FIX_ALL_KIND,
    edit: versionedEdit(document.uri, document.version, nonOverlapping(document, fixes)),
  };
}

/**
 * `analysis` must be the analysis of `document`'s current version (the
 * cache guarantees it); bulk fixes are computed from it, not from the
 * possibly older diagnostics in the request.
 */
export function codeActions(
  params: CodeActionParams,
  document: TextDocument,
  analysis: Analysis | undefined,
  settings: Settings,
  locale: Locale,
  /** Cells of `analysis` the user edited in this session (editedCells.ts). */
  edited: ReadonlySet<CellNode> = new Set(),
  /** 在此行停用 and 这不是年度报告 (suppressActions.ts): where they may go. */
  scope: ActionScope = {},
): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const findings = analysis ? visibleFindings(analysis, settings) : [];
  if (wants(only, CodeActionKind.QuickFix)) {
    const rules = new Set<string>();
    const disables: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      actions.push(...quickFixes(diagnostic, document, analysis, locale, edited));
      const disable = scope.inlineSuppression ? disableLineAction(diagnostic, document, locale) : undefined;
      if (disable) disables.push(disable);
      // The rule is the id's prefix; a stale diagnostic still names it, and the bulk fix comes from the current analysis.
      if (diagnostic.source === SOURCE && isDiagnosticData(diagnostic.data))
        rules.add(diagnostic.data.id.split(':', 1)[0] ?? diagnostic.data.id);
    }
    for (const rule of rules) {
      const action = analysis && fixAllOfRule(rule, findings, analysis, document, locale, edited);
      if (action) actions.push(action);
    }
    // Last: turning a rule off here, or the whole file, comes after every fix.
    actions.push(...disables);
    const notReport = notReportAction(params.context.diagnostics, document, scope.notReport, locale);
    if (notReport) actions.push(notReport);
  }
  if (wants(only, FIX_ALL_KIND)) {
    const action = fixAllSafe(findings, document, locale);
    if (action) actions.push(action);
  }
  return actions;
}
