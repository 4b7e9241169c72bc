// Writing template pieces as text, in the layout a document already uses:
// a missing row, a missing table, a missing section, or a whole new report.
// (A table formatter would be the same functions over parsed values.)

import type { TableLayout } from './model';
import { FORMATS } from './template/formats';
import type { FormatVersion, RowTemplate, SectionTemplate, TableTemplate } from './template/types';

/** Lines of one table row. `labelColumns` pads Markdown rows to the table's label columns. */
export function renderRow(layout: TableLayout, label: string, values: string[], labelColumns = 1): string[] {
  switch (layout) {
    case 'markdown':
      return [
        `| ${[...new Array<string>(Math.max(0, labelColumns - 1)).fill(''), label, ...values].join(' | ')} |`.replace(/\|  \|/g, '| |'),
      ];
    case 'tab-separated':
      return [[label, ...values].join('\t')];
    case 'space-separated':
      return [[label, ...values].join(' ')];
    case 'cell-per-line':
      return [`\t${label}`, ...values.map((v) => `\t${v}`)];
  }
}

function zeros(table: TableTemplate): string[] {
  return table.columns.map(() => '0');
}

/** Rows in template order; group rows are written as label-only rows. */
function bodyRows(layout: TableLayout, table: TableTemplate): string[][] {
  const width = table.columns.length;
  return table.rows.map((row: RowTemplate) => {
    if (row.kind === 'group') return renderLabelOnly(layout, row.label, width);
    if (table.labelless) return renderValuesOnly(layout, zeros(table));
    return renderRow(layout, row.label, zeros(table));
  });
}

function renderLabelOnly(layout: TableLayout, label: string, width: number): string[] {
  if (layout === 'markdown') return [`| ${label} |${' |'.repeat(width)}`];
  if (layout === 'cell-per-line') return [`\t${label}`];
  return [label];
}

function renderValuesOnly(layout: TableLayout, values: string[]): string[] {
  switch (layout) {
    case 'markdown':
      return [`| ${values.join(' | ')} |`];
    case 'tab-separated':
      return [values.join('\t')];
    case 'space-separated':
      return [values.join(' ')];
    case 'cell-per-line':
      return values.map((v) => `\t${v}`);
  }
}

function headerRows(layout: TableLayout, table: TableTemplate): string[][] {
  if (table.labelless) {
    // Section 四: group names, then the outcome under each.
    const groups = table.columns.map((c, i, all) => (i === 0 || all[i - 1]?.group !== c.group ? (c.group ?? '') : ''));
    const labels = table.columns.map((c) => c.label);
    if (layout === 'markdown') {
      return [[`| ${groups.join(' | ')} |`.replace(/\|  \|/g, '| |'), `|${' --- |'.repeat(labels.length)}`], [`| ${labels.join(' | ')} |`]];
    }
    return [renderValuesOnly(layout, groups), renderValuesOnly(layout, labels)];
  }
  const first = table.headerLabels[0] === '信息内容' ? '信息内容' : (table.headerLabels[0] ?? '');
  const labels = table.columns.map((c) => c.label);
  const header = renderRow(layout, first, labels);
  if (layout === 'markdown') return [[...header, `|${' --- |'.repeat(labels.length + 1)}`]];
  return [header];
}

/** A whole table with zeros, as lines; rows separated as the layout needs. */
export function renderTable(layout: TableLayout, table: TableTemplate): string[] {
  const blocks: string[][] = [];
  if (table.caption) blocks.push(layout === 'cell-per-line' ? [`\t${table.caption}`] : [table.caption]);
  blocks.push(...headerRows(layout, table), ...bodyRows(layout, table));
  // Word's one-cell-per-line export ends every row with a blank line.
  return layout === 'cell-per-line' ? blocks.flatMap((b) => [...b, '']) : blocks.flat();
}

export function renderSection(layout: TableLayout, section: SectionTemplate, format: FormatVersion): string[] {
  const tables = FORMATS[format].tables.filter((t) => t.section === section.id);
  const lines = [layout === 'markdown' ? `## ${section.title}` : section.title];
  for (const t of tables) {
    if (layout === 'markdown' || layout === 'tab-separated') lines.push('');
    lines.push(...renderTable(layout, t));
  }
  return lines;
}

export interface NewReportOptions {
  agency?: string;
  year?: number;
  format?: FormatVersion;
  layout?: TableLayout;
  eol?: string;
}

/** A new report from the template: title, the six sections, every table with zeros. */
export function renderNewReport(options: NewReportOptions = {}): string {
  const format = options.format ?? '2021';
  const layout = options.layout ?? 'markdown';
  const year = options.year ?? new Date().getFullYear() - 1;
  const agency = options.agency ?? '（机关名称）';
  const title = `${agency}${year}年政府信息公开工作年度报告`;
  const lines = [layout === 'markdown' ? `# ${title}` : title, ''];
  lines.push(`本报告根据《中华人民共和国政府信息公开条例》第五十条编制，所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`, '');
  const prose: Record<number, string[]> = {
    1: [
      '（一）主动公开情况。',
      '（二）依申请公开情况。',
      '（三）政府信息管理情况。',
      '（四）政府信息公开平台建设情况。',
      '（五）监督保障情况。',
    ],
    5: ['（待填写）'],
    6: ['依据《政府信息公开信息处理费管理办法》收取信息处理费的情况：（待填写）'],
  };
  for (const section of FORMATS[format].sections) {
    lines.push(...renderSection(layout, section, format), '');
    for (const p of prose[section.id] ?? []) lines.push(p, '');
  }
  return lines.join(options.eol ?? '\n');
}
