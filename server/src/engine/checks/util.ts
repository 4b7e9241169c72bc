// Small shared helpers for checks: building findings and fixes, naming
// cells in messages, and simulating arithmetic fixes before offering them.

import { equationHolds, type CellValues, type Equation, type EquationResult, type Term } from '../arithmetic';
import type { CellNode, CheckFinding, FixIntent, LocalizedText, ProposedFix, Range, RelatedLocation } from '../model';
import { formatNumber } from '../parse/values';
import type { RuleContext } from '../rule';
import { tableTemplate } from '../template/formats';
import type { ColumnKey, RowKey, TableTemplate } from '../template/types';
import type { ReportModel, TableNode } from '../model';

export const t = (zh: string, en: string): LocalizedText => ({ zh, en });

/** A fix as intents (model.ts `FixIntent`); analyse has them written as edits. */
export function fix(title: LocalizedText, intents: FixIntent[], options: { safe?: boolean; preferred?: boolean } = {}): ProposedFix {
  return { title, intents, safe: options.safe ?? false, preferred: options.preferred ?? false };
}

/** The intent that writes numbers into cells. */
export function setCells(...cells: { cell: CellNode; value: number }[]): FixIntent {
  return { kind: 'set-cells', cells };
}

/**
 * A finding's structural key, the part of its id after the rule: parts
 * joined by `/` — a section `4`, a table `S2_一`, a column `S3/NP`, a row
 * `S3/R3_2`, a cell `S3/R1/BE`. Never a line or an offset, so the id stays
 * the same when the document changes elsewhere.
 */
export const key = (...parts: (string | number)[]): string => parts.join('/');

export function finding(
  rule: { id: string; defaultSeverity: CheckFinding['severity'] },
  /** Structural key (see `key`); analyse() suffixes `#2`, `#3` … should two findings share one. */
  structuralKey: string,
  range: Range,
  message: LocalizedText,
  fixes: ProposedFix[] = [],
  related: RelatedLocation[] = [],
  severity: CheckFinding['severity'] = rule.defaultSeverity,
): CheckFinding {
  // Exactly one preferred fix when there are any: the first marked, else none.
  let seen = false;
  for (const f of fixes) {
    if (f.preferred && seen) f.preferred = false;
    if (f.preferred) seen = true;
  }
  return { id: `${rule.id}:${structuralKey}`, rule: rule.id, severity, message, range, fixes, related };
}

function short(label: string, max = 16): string {
  return label.length > max ? `${label.slice(0, max)}…` : label;
}

// Messages name cells over and over (every addend of every broken sum): each template's names are made once.
const ROW_NAMES = new WeakMap<TableTemplate, Map<RowKey, string>>();
const COLUMN_NAMES = new WeakMap<TableTemplate, Map<ColumnKey, string>>();

export function rowName(table: TableTemplate, key: RowKey): string {
  let names = ROW_NAMES.get(table);
  if (!names) ROW_NAMES.set(table, (names = new Map<RowKey, string>()));
  let name = names.get(key);
  if (name === undefined) {
    const row = table.rows.find((r) => r.key === key);
    name = !row ? key : table.labelless ? table.name : short(row.label);
    names.set(key, name);
  }
  return name;
}

export function columnName(table: TableTemplate, key: ColumnKey): string {
  let names = COLUMN_NAMES.get(table);
  if (!names) COLUMN_NAMES.set(table, (names = new Map<ColumnKey, string>()));
  let name = names.get(key);
  if (name === undefined) {
    const col = table.columns.find((c) => c.key === key);
    name = !col ? key : table.labelless && col.group ? `${col.group}·${col.label}` : col.label;
    names.set(key, name);
  }
  return name;
}

export function cellName(table: TableTemplate, row: RowKey, column: ColumnKey): LocalizedText {
  if (table.labelless) return t(`「${columnName(table, column)}」`, `“${columnName(table, column)}”`);
  if (table.columns.length === 1) return t(`「${rowName(table, row)}」`, `“${rowName(table, row)}”`);
  return t(
    `「${rowName(table, row)}」行「${columnName(table, column)}」列`,
    `row “${rowName(table, row)}”, column “${columnName(table, column)}”`,
  );
}

/** How a term reads inside a sum in a message: its number, or 空白 / 缺行. */
export function termText(term: Term, overrides?: CellValues): LocalizedText {
  const cell = term.cell;
  if (!cell) return t('缺行', 'missing row');
  const o = overrides?.get(cell);
  if (o !== undefined) return t(formatNumber(o), formatNumber(o));
  if (cell.value.kind === 'number') return t(formatNumber(cell.value.value), formatNumber(cell.value.value));
  return t('空白', 'blank');
}

/** `50+9+0` — or, for long sums, only the non-zero terms and “其余为 0”. */
export function sumText(terms: Term[]): LocalizedText {
  const parts = terms.map((x) => termText(x));
  if (terms.length <= 8) return t(parts.map((p) => p.zh).join('+'), parts.map((p) => p.en).join(' + '));
  const shown = parts.filter((p) => p.zh !== '0');
  if (shown.length === 0) return t('各项均为 0', 'all terms 0');
  return t(`${shown.map((p) => p.zh).join('+')}，其余为 0`, `${shown.map((p) => p.en).join(' + ')}, the rest 0`);
}

export function blankNote(result: EquationResult): LocalizedText {
  if (result.blankTerms.length === 0) return t('', '');
  return t('（空白按 0 计，请填写）', ' (blanks counted as 0; please fill them in)');
}

/**
 * A related place per addend. A long sum (more than 8 terms, as in `sumText`)
 * lists only the addends that are not 0, then one line saying how many zeros
 * were left out (placed on the first of them).
 */
export function relatedTerms(table: TableTemplate, terms: Term[], role: LocalizedText): RelatedLocation[] {
  const isZero = (term: Term) => term.cell?.value.kind === 'number' && term.cell.value.value === 0;
  const shown = terms.length > 8 ? terms.filter((term) => !isZero(term)) : terms;
  // In a long sum the zeros are what `shown` leaves out (a short sum shows every term).
  const zeros = terms.length > 8 ? terms.filter(isZero) : [];
  const listed: RelatedLocation[] = [];
  for (const term of shown) {
    if (!term.cell) continue;
    const name = cellName(table, term.row, term.column);
    const value = termText(term);
    listed.push({ range: term.cell.range, message: t(`${role.zh}：${name.zh} = ${value.zh}`, `${role.en}: ${name.en} = ${value.en}`) });
  }
  const first = zeros[0]?.cell;
  if (!first) return listed;
  const more = t(
    `另有 ${zeros.length} 个${role.zh}为 0，未列出`,
    `${zeros.length} more ${role.en} ${zeros.length === 1 ? 'cell is' : 'cells are'} 0 (not listed)`,
  );
  return [...listed, { range: first.range, message: more }];
}

/**
 * An arithmetic fix is offered only if, applied, it makes its own equation
 * hold and breaks none that held — so applying it never adds an error.
 */
export function fixKeepsOthers(equations: Equation[], baseline: EquationResult[], target: Equation, overrides: CellValues): boolean {
  // baseline[i] is equations[i]'s result before the fix; only a sum with a changed cell can change.
  if (!equationHolds(target, overrides)) return false;
  const byCell = equationsByCell(equations);
  for (const cell of overrides.keys()) {
    for (const i of byCell.get(cell) ?? []) {
      const eq = equations[i];
      if (eq && baseline[i]?.holds && !equationHolds(eq, overrides)) return false;
    }
  }
  return true;
}

// A table's equations are asked about again for every fix a check proposes: the index is made once per list.
const BY_CELL = new WeakMap<Equation[], Map<CellNode, number[]>>();

/** For each cell, the indices of the equations it is a term of. */
function equationsByCell(equations: Equation[]): Map<CellNode, number[]> {
  let byCell = BY_CELL.get(equations);
  if (byCell) return byCell;
  byCell = new Map();
  for (const [i, eq] of equations.entries()) {
    for (const side of [eq.left, eq.right])
      for (const term of side) {
        if (!term.cell) continue;
        const list = byCell.get(term.cell);
        if (!list) byCell.set(term.cell, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
  }
  BY_CELL.set(equations, byCell);
  return byCell;
}

/** The ranges of the terms that have a cell (a loop: flatMap is many times slower, and this runs per finding). */
export function cellRanges(terms: Term[]): Range[] {
  const out: Range[] = [];
  for (const x of terms) if (x.cell) out.push(x.cell.range);
  return out;
}

const SUM_TARGETS = new WeakMap<TableTemplate, { columns: ReadonlySet<ColumnKey>; rows: ReadonlySet<RowKey> }>();

/** The columns a template's across sums total and the rows its down sums total (once per template). */
function sumTargets(template: TableTemplate): { columns: ReadonlySet<ColumnKey>; rows: ReadonlySet<RowKey> } {
  let out = SUM_TARGETS.get(template);
  if (!out) {
    const columns = new Set<ColumnKey>();
    const rows = new Set<RowKey>();
    for (const s of template.sums) {
      if (s.kind === 'across') columns.add(s.target);
      else if (s.kind === 'down') rows.add(s.target);
    }
    SUM_TARGETS.set(template, (out = { columns, rows }));
  }
  return out;
}

/** The columns a template's across sums total. */
export const totalColumns = (template: TableTemplate): ReadonlySet<ColumnKey> => sumTargets(template).columns;

/** The rows a template's down sums total. */
export const totalRows = (template: TableTemplate): ReadonlySet<RowKey> => sumTargets(template).rows;

/** Whether a fix may write `value` into a cell of this column (counts are whole and ≥ 0). */
export function validValue(table: TableTemplate, column: ColumnKey, value: number): boolean {
  const kind = table.columns.find((c) => c.key === column)?.valueKind ?? 'count';
  if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) return false;
  if (kind === 'delta') return Number.isInteger(value);
  return value >= 0 && (kind === 'amount' || Number.isInteger(value));
}

type TableWithTemplate = { table: TableNode; template: TableTemplate };
const WITH_TEMPLATES = new WeakMap<ReportModel, readonly TableWithTemplate[]>();

/** Every parsed table with its template declaration (several checks ask: paired once per analysis). */
export function tablesWithTemplates(ctx: RuleContext): readonly TableWithTemplate[] {
  let out = WITH_TEMPLATES.get(ctx.model);
  if (!out) {
    const pairs: TableWithTemplate[] = [];
    for (const table of ctx.model.tables) {
      const template = tableTemplate(ctx.model.format, table.id);
      if (template) pairs.push({ table, template });
    }
    WITH_TEMPLATES.set(ctx.model, (out = pairs));
  }
  return out;
}
