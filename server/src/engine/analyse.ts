import { RULES } from './checks';
import { applyEdits } from './edits';
import { equationsForTable, evaluateEquation, type Equation, type EquationResult } from './arithmetic';
import type { CheckFinding, Finding, Fix, ReportModel, TableLayout, TableNode, TextEdit } from './model';
import type { RuleContext } from './rule';
import { parseReport } from './parse';
import { applySuppressions, findDirectives } from './suppress';
import { FORMATS } from './template/formats';
import type { FormatVersion } from './template/types';
import { TextIndex } from './text';
import { writeIntents, type TextDocumentView } from './write/text';

export interface AnalyseOptions {
  /** Force a format instead of detecting it from the tables. */
  format?: FormatVersion;
  /** Rule ids to skip entirely. */
  disabledRules?: readonly string[];
  /** Layout for inserted tables when the document has none yet (e.g. markdown for .md files). */
  layoutHint?: TableLayout;
  /** Re-check structural fixes before offering them (default: off — see verifiedFixes). */
  verifyFixes?: boolean;
  /** Who issues the report (`.xxgk.json` issuerType), instead of reading it from the title. */
  issuerType?: '部门' | '人民政府';
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
  if (options.issuerType) model.issuer = options.issuerType === '人民政府' ? 'government' : 'department';
  const findings: Finding[] = [];
  const ruleErrors: Analysis['ruleErrors'] = [];
  if (model.isReport) {
    const sums = new Map<TableNode, { equations: Equation[]; results: EquationResult[] }>();
    const doc: TextDocumentView = { text, index, model };
    const ctx: RuleContext = {
      model,
      rangeOf: (span) => index.rangeOf(span),
      lineSpanOf: (offset) => {
        const line = index.lineOf(offset);
        return { start: index.lineStart(line), end: index.lineEnd(line) };
      },
      template: FORMATS[model.format],
      sums(table, template) {
        let hit = sums.get(table);
        if (!hit) {
          const equations = equationsForTable(table, template);
          hit = { equations, results: equations.map((e) => evaluateEquation(e)) };
          sums.set(table, hit);
        }
        return hit;
      },
    };
    const disabled = new Set(options.disabledRules ?? []);
    // Verifying re-analyses the document once per structural fix: too dear per keystroke.
    // Callers that show or apply fixes ask for it (verifiedFixes below, or verifyFixes: true).
    const verify = options.verifyFixes ?? false;
    const toVerify: Finding[] = [];
    for (const rule of RULES) {
      if (disabled.has(rule.id)) continue;
      try {
        const own = capped(rule.id, rule.check(ctx)).map((f) => written(doc, f));
        findings.push(...own);
        if (verify && rule.verifyFixes) toVerify.push(...own.filter((f) => f.fixes.length > 0));
      } catch (error) {
        ruleErrors.push({ rule: rule.id, error });
      }
    }
    // Findings the text's own comments turn off (suppress.ts) are gone before any fix is verified.
    const kept = applySuppressions(findings, findDirectives(text, index), index.lineCount);
    if (kept !== findings) findings.splice(0, findings.length, ...kept);
    for (const f of toVerify) if (kept === findings || findings.includes(f)) verifyFixes(text, index, options, findings, f);
  }
  findings.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
  uniqueIds(findings);
  return { text, index, model, findings, ruleErrors };
}

/**
 * A check's finding with its fix intents written as edits of the reading text
 * — when first asked: a keystroke publishes diagnostics and reads no edits.
 */
function written(doc: TextDocumentView, finding: CheckFinding): Finding {
  return {
    ...finding,
    fixes: finding.fixes.map((proposed) => {
      let edits: TextEdit[] | undefined;
      return Object.defineProperty({ ...proposed }, 'edits', {
        get: () => (edits ??= writeIntents(doc, proposed.intents)),
        enumerable: true,
      }) as Fix;
    }),
  };
}

/**
 * Two findings with one id (a table or a row written twice): in document
 * order the first keeps it, the next get `#2`, `#3` … — so an id names
 * exactly one finding of its analysis.
 */
function uniqueIds(findings: Finding[]): void {
  const used = new Set<string>();
  const next = new Map<string, number>();
  for (const f of findings) {
    const base = f.id;
    let n = next.get(base) ?? 2;
    while (used.has(f.id)) f.id = `${base}#${n++}`;
    next.set(base, n);
    used.add(f.id);
  }
}

function errorCounts(findings: Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) if (f.severity === 'error') m.set(f.rule, (m.get(f.rule) ?? 0) + 1);
  return m;
}

/** Keeps only the fixes that, applied, remove their finding and add no error. */
function verifyFixes(text: string, index: TextIndex, options: AnalyseOptions, findings: Finding[], finding: Finding): void {
  const before = errorCounts(findings);
  const same = (f: Finding) => f.rule === finding.rule && f.message.zh === finding.message.zh;
  const count = findings.filter(same).length;
  finding.fixes = finding.fixes.filter((fix) => {
    let after: Analysis;
    try {
      after = analyse(applyEdits(text, fix.edits, index), { ...options, verifyFixes: false });
    } catch {
      return false;
    }
    if (after.findings.filter(same).length >= count) return false;
    for (const [rule, n] of errorCounts(after.findings)) if (n > (before.get(rule) ?? 0)) return false;
    return true;
  });
  const firstFix = finding.fixes[0];
  if (firstFix && !finding.fixes.some((f) => f.preferred)) firstFix.preferred = true;
}

/**
 * The fixes of one finding that, applied, remove it and add no error — for
 * a code action or a fix-all, computed when asked rather than on every check.
 */
export function verifiedFixes(analysis: Analysis, finding: Finding, options: AnalyseOptions = {}): Finding['fixes'] {
  const copy = { ...finding, fixes: finding.fixes.slice() };
  verifyFixes(analysis.text, analysis.index, options, analysis.findings, copy);
  return copy.fixes;
}

// A pasted-together document can repeat one problem thousands of times;
// beyond this many, one more finding says how many were not listed.
const MAX_PER_RULE = 500;

function capped(rule: string, own: CheckFinding[]): CheckFinding[] {
  const first = own[MAX_PER_RULE];
  if (!first) return own; // no more than MAX_PER_RULE
  const omitted = own.length - MAX_PER_RULE;
  return [
    ...own.slice(0, MAX_PER_RULE),
    {
      id: `${rule}:more`,
      rule,
      severity: first.severity,
      message: { zh: `另有 ${omitted} 处同类问题（${rule}）未逐一列出`, en: `${omitted} more ${rule} findings not listed` },
      range: first.range,
      fixes: [],
      related: [],
    },
  ];
}
