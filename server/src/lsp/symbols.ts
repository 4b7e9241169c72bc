// The outline: the six sections under their official titles; inside 一 and
// the others their numbered sub-headings; inside 二/三/四 their tables, and in
// each table its rows, nested under their groups (（三）不予公开 › 1.属于国家秘密 …).
// Names are the official labels, on one line (a label wrapped over lines or
// written one character per line is joined); the report's own wording is the
// detail only where it differs. Markdown reports get the same outline: the
// report's structure, not only its Markdown headings.

import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import {
  FORMATS,
  normalizeLabel,
  tableTemplate,
  type Analysis,
  type Range,
  type RowNode,
  type SectionNode,
  type TableNode,
  type TableTemplate,
} from '../engine';
import { union } from './ranges';

/** A label on one line: line breaks (and the spaces around them) dropped, other runs of spaces made one. */
export function oneLine(text: string): string {
  return text
    .replace(/[ \t\u3000]*[\r\n\u2028\u2029]+[ \t\u3000]*/g, '')
    .replace(/[ \t\u3000]+/g, ' ')
    .trim();
}

/** The report's wording as a detail, only when it says something other than the official label. */
function differing(written: string | undefined, official: string): string | undefined {
  if (written === undefined) return undefined;
  const clean = oneLine(written);
  return clean === '' || normalizeLabel(clean) === normalizeLabel(official) ? undefined : clean;
}

function symbol(
  name: string,
  detail: string | undefined,
  kind: SymbolKind,
  range: Range,
  selection: Range,
  children: DocumentSymbol[] = [],
): DocumentSymbol {
  // The protocol requires selectionRange ⊆ range, and VS Code wants children inside their parent.
  const full = union(range, selection, ...children.map((c) => c.range));
  return { name: oneLine(name) || '—', ...(detail ? { detail } : {}), kind, range: full, selectionRange: selection, children };
}

function rowName(row: RowNode, template: TableTemplate | undefined): string {
  return template?.rows.find((r) => r.key === row.key)?.label ?? row.label?.text ?? row.key;
}

function rowSymbol(row: RowNode, template: TableTemplate | undefined): DocumentSymbol {
  const selection = row.label?.range ?? row.range;
  const name = rowName(row, template);
  return symbol(name, differing(row.label?.text, name), SymbolKind.Field, row.range, selection);
}

/** Rows nested by the template's parent links; group rows that the report does not write get a symbol from their label cell. */
function rowSymbols(table: TableNode, template: TableTemplate | undefined): DocumentSymbol[] {
  if (!template) return table.rows.map((r) => rowSymbol(r, undefined));
  const rowsByKey = new Map(table.rows.map((r) => [r.key, r] as const));
  const groupLabel = new Map(table.groupLabels.map((g) => [g.key, g.label] as const));
  const build = (parent: string | undefined): DocumentSymbol[] =>
    template.rows
      .filter((t) => t.parent === parent)
      .flatMap((t): DocumentSymbol[] => {
        const children = t.kind === 'group' ? build(t.key) : [];
        const row = rowsByKey.get(t.key);
        const label = groupLabel.get(t.key);
        if (row) {
          const own = rowSymbol(row, template);
          return [children.length > 0 ? symbol(own.name, own.detail, SymbolKind.Array, own.range, own.selectionRange, children) : own];
        }
        const first = children[0];
        if (!first) return [];
        const selection = label?.range ?? first.selectionRange;
        return [symbol(t.label, differing(label?.text, t.label), SymbolKind.Array, selection, selection, children)];
      });
  const nested = build(undefined);
  // Rows the template does not know (should not happen) still show up.
  const known = new Set(template.rows.map((r) => r.key));
  return [...nested, ...table.rows.filter((r) => !known.has(r.key)).map((r) => rowSymbol(r, template))];
}

function tableSymbol(table: TableNode, analysis: Analysis): DocumentSymbol {
  const template = tableTemplate(analysis.model.format, table.id);
  const selection = table.caption?.range ?? table.rows[0]?.label?.range ?? table.range;
  const name = template?.name ?? table.id;
  return symbol(name, differing(table.caption?.text, name), SymbolKind.Struct, table.range, selection, rowSymbols(table, template));
}

function sectionSymbol(section: SectionNode, analysis: Analysis): DocumentSymbol {
  const template = FORMATS[analysis.model.format].sections.find((s) => s.id === section.id);
  const children = [
    ...section.subHeadings.map((h) => symbol(h.text, undefined, SymbolKind.String, h.range, h.range)),
    ...section.tables.map((t) => tableSymbol(t, analysis)),
  ].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const name = template?.title ?? section.heading.text;
  return symbol(
    name,
    differing(section.heading.text.replace(/^#+\s*/, ''), name),
    SymbolKind.Namespace,
    section.range,
    section.heading.range,
    children,
  );
}

export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  return analysis.model.sections.map((s) => sectionSymbol(s, analysis));
}
