// Hover on the report's structure: a section heading (what the section must
// contain and why), a table caption, a column header (what it counts), a
// row label (what it counts, its legal basis, its numbers and whether its
// sums hold) or a single cell (the same for that cell's sums).

import { MarkupKind, type Hover } from 'vscode-languageserver';
import {
  FORMATS,
  tableTemplate,
  type Analysis,
  type CellNode,
  type HeaderCellNode,
  type LabelNode,
  type Locale,
  type RowNode,
  type SectionNode,
  type TableNode,
  type TableTemplate,
  type Position,
  type EquationResult,
  type Digest,
} from '../engine';
import { fileName } from '../engine/cross/digest';
import { columnLabel, describeEquation, equationsOfCell, equationsOfRow, sumName } from './equations';
import { localize } from './locale';
import { spanContains } from './ranges';

const MD_SPECIAL = /[\\`*_{}[\]<>|#]/g;
function md(text: string): string {
  return text.replace(MD_SPECIAL, (c) => `\\${c}`);
}

function words(locale: Locale) {
  return locale === 'zh'
    ? {
        basis: '依据',
        written: '本报告写作',
        expects: '本节应包含的表格',
        equations: '勾稽关系',
        format: '格式',
        year: '报告年度',
        allHold: (n: number) => `${n} 列均成立 ✓`,
      }
    : {
        basis: 'Basis',
        written: 'This report writes',
        expects: 'Tables this section must contain',
        equations: 'Sums',
        format: 'Format',
        year: 'Report year',
        allHold: (n: number) => `holds in all ${n} columns ✓`,
      };
}

function hover(lines: string[], range: LabelNode['range']): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range };
}

function cellText(cell: CellNode | undefined, locale: Locale): string {
  if (!cell) return '—';
  if (cell.value.kind === 'number') return String(cell.value.value);
  if (cell.value.kind === 'blank') return locale === 'zh' ? '（空）' : '(blank)';
  return md(cell.raw);
}

function equationList(results: EquationResult[], template: TableTemplate, locale: Locale): string {
  return results.map((r) => `- ${md(describeEquation(r, template, locale))}`).join('\n');
}

function sectionHover(section: SectionNode, analysis: Analysis, locale: Locale): Hover | undefined {
  const template = FORMATS[analysis.model.format].sections.find((s) => s.id === section.id);
  if (!template) return undefined;
  const w = words(locale);
  const tables = FORMATS[analysis.model.format].tables.filter((t) => t.section === section.id).map((t) => t.name);
  return hover(
    [
      `**${md(template.title)}**`,
      ...(section.heading.normalized !== template.title ? [`${w.written}：${md(section.heading.text.trim())}`] : []),
      md(localize(template.explanation, locale)),
      ...(tables.length > 0 ? [`${w.expects}：${md(tables.join('、'))}`] : []),
      `${w.basis}：${md(template.basis)}`,
    ],
    section.heading.range,
  );
}

function tableCaptionHover(table: TableNode, template: TableTemplate, locale: Locale): Hover | undefined {
  if (!table.caption) return undefined;
  const w = words(locale);
  return hover(
    [`**${md(template.name)}**`, md(localize(template.explanation, locale)), `${w.basis}：${md(template.basis)}`],
    table.caption.range,
  );
}

function headerHover(header: HeaderCellNode, template: TableTemplate, locale: Locale): Hover {
  const w = words(locale);
  const column = header.column ? template.columns.find((c) => c.key === header.column) : undefined;
  if (column) {
    return hover(
      [`**${md(column.group ? `${column.group} · ${column.label}` : column.label)}**`, md(localize(column.explanation, locale))],
      header.range,
    );
  }
  // A group header (法人或其他组织, 复议后起诉…) or the balance note.
  const text = header.text.replace(/\s+/g, '');
  const members = template.columns.filter((c) => c.group === text).map((c) => c.label);
  const balance = template.sums.find((s) => s.kind === 'balance');
  const lines = [`**${md(header.text.trim())}**`];
  if (members.length > 0) lines.push(md(members.join('、')));
  else if (balance && text.includes('勾稽')) lines.push(`${w.equations}：${md(localize(balance.description, locale))}`);
  else lines.push(md(localize(template.explanation, locale)));
  return hover(lines, header.range);
}

function rowHeading(row: RowNode, template: TableTemplate, locale: Locale): string[] {
  const w = words(locale);
  const t = template.rows.find((r) => r.key === row.key);
  const label = row.label?.text ?? t?.label ?? row.key;
  return [`**${md(label.trim())}**`, ...(t ? [md(localize(t.explanation, locale)), `${w.basis}：${md(t.basis)}`] : [])];
}

function rowHover(row: RowNode, table: TableNode, template: TableTemplate, range: LabelNode['range'], locale: Locale): Hover {
  const w = words(locale);
  const lines = rowHeading(row, template, locale);
  if (row.cells.length > 0) {
    const header = `| ${row.cells.map((c) => md(columnLabel(template, c.column))).join(' | ')} |`;
    const rule = `|${row.cells.map(() => ' ---: |').join('')}`;
    const values = `| ${row.cells.map((c) => cellText(c, locale)).join(' | ')} |`;
    lines.push([header, rule, values].join('\n'));
  }
  // Sums this row totals (or that run along it) in full; sums it is only an
  // addend of (a column each) in full when they fail, else one line per sum.
  const results = equationsOfRow(table, template, row.key);
  const own = results.filter((r) => r.equation.kind === 'across' || r.equation.row === row.key);
  const elsewhere = results.filter((r) => !own.includes(r));
  const failing = elsewhere.filter((r) => !r.holds || !r.assessable);
  const shown = [...own, ...failing];
  if (shown.length > 0) lines.push(equationList(shown, template, locale));
  const quiet = new Map<string, number>();
  for (const r of elsewhere) {
    if (failing.includes(r)) continue;
    const name = sumName(r, template, locale);
    quiet.set(name, (quiet.get(name) ?? 0) + 1);
  }
  if (quiet.size > 0) lines.push([...quiet].map(([name, n]) => `- ${md(name)}：${w.allHold(n)}`).join('\n'));
  return hover(lines, range);
}

function cellHover(cell: CellNode, row: RowNode, table: TableNode, template: TableTemplate, locale: Locale): Hover {
  const w = words(locale);
  const column = template.columns.find((c) => c.key === cell.column);
  const lines = [
    `**${md(columnLabel(template, cell.column))} · ${md((row.label?.text ?? template.rows.find((r) => r.key === row.key)?.label ?? row.key).trim())}** = ${cellText(cell, locale)}`,
    ...(column ? [md(localize(column.explanation, locale))] : []),
    ...rowHeading(row, template, locale).slice(1),
  ];
  const results = equationsOfCell(table, template, cell);
  if (results.length > 0) lines.push(`${w.equations}：\n\n${equationList(results, template, locale)}`);
  return hover(lines, cell.range);
}

function titleHover(analysis: Analysis, locale: Locale): Hover | undefined {
  const title = analysis.model.title;
  if (!title) return undefined;
  const w = words(locale);
  return hover(
    [
      `**${md(title.text.trim())}**`,
      ...(analysis.model.year !== undefined ? [`${w.year}：${analysis.model.year}`] : []),
      `${w.format}：${md(localize(FORMATS[analysis.model.format].name, locale))}`,
    ],
    title.range,
  );
}

function tableHover(table: TableNode, offset: number, analysis: Analysis, locale: Locale): Hover | undefined {
  const template = tableTemplate(analysis.model.format, table.id);
  if (!template) return undefined;
  if (table.caption && spanContains(table.caption.span, offset)) return tableCaptionHover(table, template, locale);
  for (const row of table.rows) {
    if (!spanContains(row.span, offset)) continue;
    const cell = row.cells.find((c) => c.raw.length > 0 && spanContains(c.span, offset));
    if (cell) return cellHover(cell, row, table, template, locale);
    if (row.label && spanContains(row.label.span, offset)) return rowHover(row, table, template, row.label.range, locale);
  }
  const header = table.headerCells.find((h) => spanContains(h.span, offset));
  if (header) return headerHover(header, template, locale);
  const group = table.groupLabels.find((g) => spanContains(g.label.span, offset));
  if (group) {
    const groupRow: RowNode = table.rows.find((r) => r.key === group.key) ?? {
      table: table.id,
      key: group.key,
      label: group.label,
      labelMatch: 'exact',
      cells: [],
      isGroup: true,
      span: group.label.span,
      range: group.label.range,
    };
    return rowHover(groupRow, table, template, group.label.range, locale);
  }
  return undefined;
}

/**
 * On 二、上年结转 (its label or a cell): what last year's report of the same
 * agency (from the workspace index) carried forward, and which file that is.
 */
function withLastYear(found: Hover, table: TableNode, offset: number, analysis: Analysis, lastYear: Digest, locale: Locale): Hover {
  const row = table.id === 'S3' ? table.rows.find((r) => r.key === 'R2' && spanContains(r.span, offset)) : undefined;
  if (!row || !lastYear.carriedOut || typeof found.contents !== 'object' || !('kind' in found.contents)) return found;
  const cell = row.cells.find((c) => c.raw.length > 0 && spanContains(c.span, offset));
  const template = tableTemplate(analysis.model.format, 'S3');
  const shown = lastYear.carriedOut.filter((c) => !cell || c.column === cell.column);
  const value = (v: number | null | undefined) =>
    v === undefined ? '—' : v === null ? (locale === 'zh' ? '（空）' : '(blank)') : String(v);
  const parts = shown.map((c) => `${template ? md(columnLabel(template, c.column)) : c.column} ${value(c.value)}`).join('，');
  const file = md(fileName(lastYear.file));
  const year = lastYear.identity?.year ?? '';
  const line =
    locale === 'zh'
      ? `上年（${year}年度）报告 ${file}「四、结转下年度继续办理」：${parts}`
      : `Last year’s (${year}) report ${file}, 四、结转下年度继续办理: ${parts}`;
  return { ...found, contents: { ...found.contents, value: `${found.contents.value}\n\n${line}` } };
}

export function hoverAt(analysis: Analysis, position: Position, locale: Locale, lastYear?: Digest): Hover | undefined {
  const offset = analysis.index.offsetAt(position);
  const model = analysis.model;
  for (const section of model.sections) {
    if (spanContains(section.heading.span, offset)) return sectionHover(section, analysis, locale);
  }
  for (const table of model.tables) {
    const inside = spanContains(table.span, offset) || (table.caption !== undefined && spanContains(table.caption.span, offset));
    if (!inside) continue;
    const found = tableHover(table, offset, analysis, locale);
    if (found) return lastYear ? withLastYear(found, table, offset, analysis, lastYear, locale) : found;
  }
  if (model.title && spanContains(model.title.span, offset)) return titleHover(analysis, locale);
  return undefined;
}
