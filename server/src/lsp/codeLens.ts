// textDocument/codeLens: above each table that has sums, how many do not
// hold and a click that recomputes every total of the table ("3 处不符 ·
// 重算合计"), or "合计均相符". The click is a server command
// (workspace/executeCommand → workspace/applyEdit): the edit is computed from
// the analysis current when it is clicked, pinned to that version, and any
// LSP client (not only VS Code) can run it.

import type { CodeLens, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import { recomputeTotalsEdits, type Analysis, type Locale, type TableNode, type TextEdit } from '../engine';
import { RECOMPUTE_TOTALS_COMMAND } from '../../../common/protocol';
import type { SourceView } from './sourceView';
import { brokenIn, tableSums } from './totals';

function title(broken: number, fixable: boolean, locale: Locale): string {
  if (broken === 0) return locale === 'zh' ? '合计均相符' : 'All sums hold';
  const count = locale === 'zh' ? `${broken} 处不符` : `${broken} sum${broken === 1 ? '' : 's'} do${broken === 1 ? 'es' : ''} not hold`;
  if (!fixable) return count;
  return locale === 'zh' ? `${count} · 重算合计` : `${count} · Recompute totals`;
}

/** The edits of one table's recomputation in document coordinates, or undefined when they cannot be placed (a web page's markup). */
export function tableTotalsEdits(analysis: Analysis, table: TableNode, view: SourceView | undefined): TextEdit[] | undefined {
  const edits = recomputeTotalsEdits(analysis, table);
  if (edits.length === 0 || !view) return edits;
  return view.toSourceEdits(edits);
}

/**
 * One lens per table with declared sums. `readOnly`: the view of a PDF or
 * Word file, where the count is shown and nothing can be clicked.
 */
export function codeLenses(
  analysis: Analysis,
  uri: string,
  version: number,
  locale: Locale,
  options: { view?: SourceView | undefined; readOnly?: boolean } = {},
): CodeLens[] {
  const lenses: CodeLens[] = [];
  const tables = analysis.model.tables;
  for (const { table } of tableSums(analysis)) {
    const broken = brokenIn(analysis, table);
    const edits = broken > 0 && !options.readOnly ? tableTotalsEdits(analysis, table, options.view) : undefined;
    const fixable = edits !== undefined && edits.length > 0;
    const at = options.view ? options.view.toSource(table.range).start : table.range.start;
    lenses.push({
      range: { start: at, end: at },
      // A lens without a command id is shown as plain text.
      command: fixable
        ? {
            title: title(broken, true, locale),
            command: RECOMPUTE_TOTALS_COMMAND,
            arguments: [uri, version, tables.indexOf(table), table.id],
          }
        : { title: title(broken, false, locale), command: '' },
    });
  }
  return lenses;
}

/** The arguments of RECOMPUTE_TOTALS_COMMAND, checked (they come back from the client). */
export function parseRecomputeArguments(args: unknown[] | undefined): { uri: string; table: number; id: string } | undefined {
  const [uri, , table, id] = args ?? [];
  if (typeof uri !== 'string' || typeof table !== 'number' || !Number.isInteger(table) || typeof id !== 'string') return undefined;
  return { uri, table, id };
}

/** The workspace edit that recomputes table `index` (if it is still the table `id`) of the current analysis. */
export function recomputeEdit(
  analysis: Analysis,
  uri: string,
  version: number,
  index: number,
  id: string,
  view: SourceView | undefined,
): WorkspaceEdit | undefined {
  const table = analysis.model.tables[index];
  if (!table || table.id !== id) return undefined;
  const edits = tableTotalsEdits(analysis, table, view);
  if (!edits || edits.length === 0) return undefined;
  const change: TextDocumentEdit = { textDocument: { uri, version }, edits };
  return { documentChanges: [change] };
}
