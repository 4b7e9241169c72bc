// The two code actions every diagnostic of ours offers besides its fixes:
// "在此行停用 rule-id" (a disable-next-line comment above the finding's line)
// and "这不是年度报告" (the file added to `exclude` of the workspace's
// `.xxgk.json`, or, with no workspace folder, a disable-file comment at the
// top). Neither is preferred or safe, so no fix-all and no `--fix` applies them.

import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TextIndex, type Locale } from '../engine';
import { DISABLE_FILE_COMMENT, disableNextLineComment } from '../engine/suppress';
import { isDiagnosticData, SOURCE } from './diagnostics';
import { both, localize } from './locale';
import { NOT_A_REPORT_COMMAND } from '../../../common/protocol';

/** Where 这不是年度报告 records its decision. */
export type NotReportTarget =
  /** `.xxgk.json` to create (`text` undefined) or to rewrite with `entry` added to `exclude`. */
  | { kind: 'config'; configUri: string; text: string | undefined; entry: string }
  /** No workspace folder: `<!-- xxgk-disable-file -->` at the top of the document. */
  | { kind: 'comment' };

export interface ActionScope {
  /** Inline comments are read in this document (not a web page's markup, not a read-only view). */
  inlineSuppression?: boolean;
  notReport?: NotReportTarget;
}

const NEXT_LINE = /^([ \t\u3000]*)<!--[ \t]*xxgk-disable-next-line((?:[ \t,]+[a-z][a-z0-9-]*)*)[ \t,]*-->[ \t\u3000]*$/;

function ours(diagnostic: Diagnostic, document: TextDocument): diagnostic is Diagnostic & { code: string } {
  return (
    diagnostic.source === SOURCE &&
    typeof diagnostic.code === 'string' &&
    isDiagnosticData(diagnostic.data) &&
    // A stale diagnostic's line may have moved: no comment is placed by it.
    (diagnostic.data.version === null || diagnostic.data.version === document.version)
  );
}

function eolOf(document: TextDocument): string {
  return new TextIndex(document.getText()).eol;
}

/** 在此行停用 rule-id: one per diagnostic; joins an existing disable-next-line comment on the line above. */
export function disableLineAction(diagnostic: Diagnostic, document: TextDocument, locale: Locale): CodeAction | undefined {
  if (!ours(diagnostic, document)) return undefined;
  const rule = diagnostic.code;
  const line = diagnostic.range.start.line;
  const above = line > 0 ? document.getText({ start: { line: line - 1, character: 0 }, end: { line: line - 1, character: 100_000 } }) : '';
  const existing = NEXT_LINE.exec(above.replace(/\r?\n$|\r$/, ''));
  let edit;
  if (existing) {
    const rules = (existing[2] ?? '').split(/[ \t,]+/).filter((r) => r.length > 0);
    if (rules.length === 0 || rules.includes(rule)) return undefined; // already disabled there
    const end = above.replace(/\r?\n$|\r$/, '').length;
    edit = {
      range: { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: end } },
      newText: `${existing[1] ?? ''}${disableNextLineComment([...rules, rule])}`,
    };
  } else {
    edit = {
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      newText: disableNextLineComment([rule]) + eolOf(document),
    };
  }
  return {
    title: localize(both(`在此行停用 ${rule}`, `Disable ${rule} for this line`), locale),
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: false,
    edit: { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: [edit] }] },
  };
}

/** `.xxgk.json`'s text with `entry` added to `exclude`; undefined when the text is not a JSON object. */
export function withExcluded(text: string | undefined, entry: string): string | undefined {
  let config: Record<string, unknown> = {};
  if (text !== undefined && text.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
      config = parsed as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  const exclude = Array.isArray(config.exclude) ? config.exclude.slice() : [];
  if (!exclude.includes(entry)) exclude.push(entry);
  return JSON.stringify({ ...config, exclude }, null, 2) + '\n';
}

/** 这不是年度报告（不再检查此文件）: one action for all our diagnostics in the request. */
export function notReportAction(
  diagnostics: readonly Diagnostic[],
  document: TextDocument,
  target: NotReportTarget | undefined,
  locale: Locale,
): CodeAction | undefined {
  const own = diagnostics.filter((d) => ours(d, document));
  if (own.length === 0 || !target) return undefined;
  let edit: WorkspaceEdit;
  if (target.kind === 'comment') {
    const at = { line: 0, character: 0 };
    edit = {
      documentChanges: [
        {
          textDocument: { uri: document.uri, version: document.version },
          edits: [{ range: { start: at, end: at }, newText: DISABLE_FILE_COMMENT + eolOf(document) }],
        },
      ],
    };
  } else {
    const next = withExcluded(target.text, target.entry);
    if (next === undefined) return undefined;
    const start = { line: 0, character: 0 };
    const old = target.text ?? '';
    const end = new TextIndex(old).positionAt(old.length);
    edit = {
      documentChanges: [
        ...(target.text === undefined ? [{ kind: 'create' as const, uri: target.configUri, options: { ignoreIfExists: true } }] : []),
        { textDocument: { uri: target.configUri, version: null }, edits: [{ range: { start, end }, newText: next }] },
      ],
    };
  }
  return {
    title: localize(both('这不是年度报告（不再检查此文件）', 'This is not an annual report (stop checking this file)'), locale),
    kind: CodeActionKind.QuickFix,
    diagnostics: own,
    isPreferred: false,
    edit,
    // The file is skipped at once (the client command sends xxgk/notAReport), not only once the edited .xxgk.json is saved and seen.
    ...(target.kind === 'config' ? { command: { title: '', command: NOT_A_REPORT_COMMAND, arguments: [{ uri: document.uri }] } } : {}),
  };
}
