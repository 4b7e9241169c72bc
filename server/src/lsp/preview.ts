// The preview panel's content (xxgk/preview): every official table laid out
// as the form lays it out, built from the template, not from what the report
// happened to write — merged header cells, the row labels with group cells
// spanning their rows, every value cell (blank, unread, absent shown as
// such) — with the findings on each cell. Pure: analysis in, data out; the
// client turns it into HTML (client/src/previewHtml.ts).

import {
  FORMATS,
  normalizeLabel,
  type Analysis,
  type CellNode,
  type ColumnTemplate,
  type Finding,
  type LabelNode,
  type Locale,
  type Range,
  type RowKey,
  type RowNode,
  type RowTemplate,
  type Severity,
  type TableNode,
  type TableTemplate,
} from '../engine';
import { localize } from './locale';
import type { PreviewCell, PreviewResult, PreviewTable } from '../../../common/protocol';
import type { SourceView } from './sourceView';
import { brokenIn, tableSums, totalLabel, type TotalCheck } from './totals';

/**
 * Header cells above the column groups that the template's columns do not
 * name (the form's third header level). Source: shared/domain/report-format.md
 * §2.2 (申请人情况 over section 三's seven columns) and §2.3 (行政诉讼 over
 * its two groups in section 四).
 */
const OVER_GROUPS: Record<string, (column: ColumnTemplate) => string | undefined> = {
  S3: () => '申请人情况',
  S4: (c) => (c.group === '未经复议直接起诉' || c.group === '复议后起诉' ? '行政诉讼' : undefined),
};

/** A value column's header cells from the top: [over-group?, group?, label]. */
function headerPath(template: TableTemplate, column: ColumnTemplate): string[] {
  const over = OVER_GROUPS[template.id]?.(column);
  return [...(over ? [over] : []), ...(column.group ? [column.group] : []), column.label];
}

/**
 * The header rows. A column's last header cell (its label) reaches down to
 * the bottom row; the cells above it merge with their neighbours that share
 * the same path (法人或其他组织 over five columns, 行政诉讼 over ten).
 */
export function headerRows(template: TableTemplate, labelColumns: number): PreviewCell[][] {
  const paths = template.columns.map((c) => headerPath(template, c));
  const depth = Math.max(1, ...paths.map((p) => p.length));
  const rows: PreviewCell[][] = [];
  if (template.caption) rows.push([{ kind: 'caption', text: template.caption, colspan: labelColumns + template.columns.length }]);
  for (let level = 0; level < depth; level++) {
    const row: PreviewCell[] = [];
    if (level === 0 && labelColumns > 0) {
      row.push(spanned({ kind: 'corner', text: template.headerLabels[0] ?? '' }, labelColumns, depth));
    }
    // The header path of column i joined up to this level, or undefined past the columns or the path's end.
    const prefixOf = (i: number): string | undefined => {
      const p = paths[i];
      return p && p.length - 1 > level ? p.slice(0, level + 1).join('\u0000') : undefined;
    };
    for (let i = 0; i < paths.length;) {
      const path = paths[i];
      if (!path) break; // (i < paths.length)
      const leaf = path.length - 1;
      if (level > leaf) {
        i++;
        continue; // covered by the label cell above
      }
      if (level === leaf) {
        row.push(spanned({ kind: 'header', text: path[leaf] ?? '' }, 1, depth - leaf));
        i++;
        continue;
      }
      const prefix = prefixOf(i);
      let j = i + 1;
      while (prefixOf(j) === prefix) j++;
      row.push(spanned({ kind: 'header', text: path[level] ?? '' }, j - i, 1));
      i = j;
    }
    rows.push(row);
  }
  return rows;
}

// Cells are built by assignment, not by spreading: a few hundred per keystroke, and spreads cost several times more.
function spanned(cell: PreviewCell, colspan: number, rowspan: number): PreviewCell {
  if (colspan > 1) cell.colspan = colspan;
  if (rowspan > 1) cell.rowspan = rowspan;
  return cell;
}

/** Each row's group rows from the outermost down, per template (computed once: the template is constant). */
const chains = new WeakMap<TableTemplate, Map<RowKey, RowTemplate[]>>();

function ancestors(template: TableTemplate, row: RowTemplate): RowTemplate[] {
  let byKey = chains.get(template);
  if (!byKey) {
    byKey = new Map();
    const rows = new Map(template.rows.map((r) => [r.key, r] as const));
    for (const r of template.rows) {
      const out: RowTemplate[] = [];
      for (let key = r.parent; key !== undefined;) {
        const p = rows.get(key);
        if (!p) break;
        out.unshift(p);
        key = p.parent;
      }
      byKey.set(r.key, out);
    }
    chains.set(template, byKey);
  }
  return byKey.get(row.key) ?? [];
}

/**
 * The rows of the form: every data row, or a group row in place of its
 * children when the report writes the group as one row with numbers.
 */
function formRows(template: TableTemplate, written: Map<RowKey, RowNode>): RowTemplate[] {
  const collapsed = new Set<RowKey>();
  for (const r of template.rows) {
    const node = written.get(r.key);
    const childrenWritten = template.rows.some((c) => c.parent === r.key && written.has(c.key));
    if (r.kind === 'group' && node && node.cells.length > 0 && !childrenWritten) collapsed.add(r.key);
  }
  return template.rows.filter((r) => {
    if (ancestors(template, r).some((a) => collapsed.has(a.key))) return false;
    return r.kind === 'data' || collapsed.has(r.key);
  });
}

interface Mark {
  severity?: Severity;
  suspect?: 'likely' | 'involved';
  messages: string[];
}

const RANK: Record<Severity, number> = { error: 4, warning: 3, info: 2, hint: 1 };

/** Findings placed on the cells and labels whose text holds their range (or a suspect range). */
class Marks {
  private readonly targets: { start: number; end: number; node: object }[] = [];
  private readonly marks = new Map<object, Mark>();

  constructor(
    private readonly analysis: Analysis,
    findings: { finding: Finding; severity: Severity }[],
    locale: Locale,
  ) {
    for (const table of analysis.model.tables) {
      for (const row of table.rows) {
        if (row.label) this.targets.push({ start: row.label.span.start, end: row.label.span.end, node: row.label });
        for (const cell of row.cells) if (cell.present) this.targets.push({ start: cell.span.start, end: cell.span.end, node: cell });
      }
      for (const g of table.groupLabels) this.targets.push({ start: g.label.span.start, end: g.label.span.end, node: g.label });
    }
    this.targets.sort((a, b) => a.start - b.start || a.end - b.end);
    for (const { finding, severity } of findings) {
      const message = localize(finding.message, locale);
      const own = this.at(finding.range);
      if (own) {
        const m = this.mark(own);
        if (!m.severity || RANK[severity] > RANK[m.severity]) m.severity = severity;
        if (!m.messages.includes(message)) m.messages.push(message);
      }
      const suspects = finding.suspects ?? [];
      const likely = suspects.length === 1;
      for (const range of suspects) {
        const node = this.at(range);
        if (!node || (node === own && !likely)) continue;
        const m = this.mark(node);
        if (likely || m.suspect === undefined) m.suspect = likely ? 'likely' : 'involved';
        if (!m.messages.includes(message)) m.messages.push(message);
      }
    }
  }

  get(node: object): Mark | undefined {
    return this.marks.get(node);
  }

  private mark(node: object): Mark {
    let m = this.marks.get(node);
    if (!m) this.marks.set(node, (m = { messages: [] }));
    return m;
  }

  /** The cell or label whose span contains the range. */
  private at(range: Range): object | undefined {
    const s = this.analysis.index.offsetAt(range.start);
    const e = this.analysis.index.offsetAt(range.end);
    let lo = 0;
    let hi = this.targets.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1; // lo ≤ mid ≤ hi < length
      if (this.targets[mid]!.start <= s) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let i = last; i >= 0 && i >= last - 2; i--) {
      const t = this.targets[i];
      if (t && t.start <= s && e <= t.end) return t.node;
    }
    return undefined;
  }
}

function withMark(cell: PreviewCell, mark: Mark | undefined): PreviewCell {
  if (!mark) return cell;
  if (mark.severity) cell.severity = mark.severity;
  if (mark.suspect) cell.suspect = mark.suspect;
  if (mark.messages.length > 0) cell.messages = mark.messages;
  return cell;
}

function valueCell(cell: CellNode | undefined, isTotal: boolean, check: TotalCheck | undefined): PreviewCell {
  const out: PreviewCell = { kind: 'value', text: '', state: 'absent' };
  if (isTotal) out.total = true;
  if (!cell || !cell.present) return out;
  out.range = cell.range;
  switch (cell.value.kind) {
    case 'number':
      out.state = 'number';
      out.text = String(cell.value.value);
      break;
    case 'blank':
      out.state = 'blank';
      break;
    case 'unread':
      out.state = 'unread';
      out.text = cell.raw || cell.value.run;
      return out;
    case 'text':
      out.state = 'text';
      out.text = cell.raw;
      return out;
  }
  if (check && !check.holds) out.computed = totalLabel(check);
  return out;
}

/** Cells that are totals by the template's declared sums (whether or not the report writes them). */
function isTotalCell(template: TableTemplate, row: RowKey, column: string): boolean {
  return template.sums.some((s) => (s.kind === 'across' && s.target === column) || (s.kind === 'down' && s.target === row));
}

function buildTable(
  template: TableTemplate,
  table: TableNode | undefined,
  checks: Map<CellNode, TotalCheck>,
  marks: Marks,
  place: (range: Range) => Range,
  broken: number,
  sectionTitle: string,
): PreviewTable {
  const labelColumns = template.labelless ? 0 : Math.max(...template.rows.map((r) => ancestors(template, r).length)) + 1;
  const written = new Map<RowKey, RowNode>();
  for (const r of table?.rows ?? []) if (!written.has(r.key)) written.set(r.key, r);
  const groupLabels = new Map<RowKey, LabelNode>((table?.groupLabels ?? []).map((g) => [g.key, g.label]));
  const rows = formRows(template, written);
  const body: PreviewCell[][] = [];
  const opened = new Set<RowKey>();
  // How many form rows each group cell spans.
  const spans = new Map<RowKey, number>();
  for (const r of rows) for (const a of ancestors(template, r)) spans.set(a.key, (spans.get(a.key) ?? 0) + 1);
  for (const row of rows) {
    const cells: PreviewCell[] = [];
    const node = written.get(row.key);
    if (labelColumns > 0) {
      const chain = ancestors(template, row);
      for (const a of chain) {
        if (opened.has(a.key)) continue;
        opened.add(a.key);
        const under = spans.get(a.key) ?? 1;
        const label = groupLabels.get(a.key);
        cells.push(
          withMark(spanned({ kind: 'group', text: a.label, ...labelPlace(label, a.label, place) }, 1, under), label && marks.get(label)),
        );
      }
      const label = node?.label;
      cells.push(
        withMark(
          spanned({ kind: 'label', text: row.label, ...labelPlace(label, row.label, place, node) }, labelColumns - chain.length, 1),
          label && marks.get(label),
        ),
      );
    }
    for (const column of template.columns) {
      const cell = node?.cells.find((c) => c.column === column.key);
      const preview = valueCell(cell, isTotalCell(template, row.key, column.key), cell && checks.get(cell));
      if (preview.range) preview.range = place(preview.range);
      cells.push(withMark(preview, cell && marks.get(cell)));
    }
    body.push(cells);
  }
  return {
    id: template.id,
    section: template.section,
    sectionTitle,
    name: template.name,
    hasSums: template.sums.length > 0,
    width: labelColumns + template.columns.length,
    ...(table ? { range: place(table.range) } : {}),
    header: headerRows(template, labelColumns),
    body,
    rowKeys: rows.map((r) => r.key),
    broken,
  };
}

function labelPlace(label: LabelNode | undefined, official: string, place: (r: Range) => Range, row?: RowNode): Partial<PreviewCell> {
  const range = label?.range ?? row?.range;
  const differs = label && label.normalized !== normalizeLabel(official);
  return { ...(range ? { range: place(range) } : {}), ...(differs ? { written: label.text } : {}) };
}

/**
 * The preview of one analysis. `severityOf`: the severity the user gave a
 * finding's rule, undefined when it is turned off (then it is not marked).
 * `view`: a web page's reading view; ranges are mapped into the markup.
 */
export function buildPreview(
  analysis: Analysis,
  uri: string,
  version: number,
  locale: Locale,
  severityOf: (finding: Finding) => Severity | undefined,
  view?: SourceView,
): PreviewResult {
  const format = FORMATS[analysis.model.format];
  const findings = analysis.findings.flatMap((finding) => {
    const severity = severityOf(finding);
    return severity ? [{ finding, severity }] : [];
  });
  const marks = new Marks(analysis, findings, locale);
  const checks = new Map<CellNode, TotalCheck>();
  for (const s of tableSums(analysis)) for (const c of s.totals) checks.set(c.cell, c);
  const place = view ? (r: Range) => view.toSource(r) : (r: Range) => r;
  const tables: PreviewTable[] = [];
  for (const template of format.tables) {
    const written = analysis.model.tables.filter((t) => t.id === template.id);
    const section = format.sections.find((s) => s.id === template.section)?.title ?? '';
    if (written.length === 0) tables.push(buildTable(template, undefined, checks, marks, place, 0, section));
    for (const table of written) tables.push(buildTable(template, table, checks, marks, place, brokenIn(analysis, table), section));
  }
  return {
    uri,
    version,
    title: analysis.model.title?.text.trim() ?? '',
    format: localize(format.name, locale),
    tables,
  };
}
