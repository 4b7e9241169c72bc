// The table features over the cached analysis, registered on the connection
// in one place so server.ts only wires them: inlay hints beside totals, the
// code lens above each table and its recompute command, and the preview
// panel's request (xxgk/preview).

import type { ClientCapabilities, Connection, ServerCapabilities } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Locale } from '../engine';
import { codeLenses, parseRecomputeArguments, recomputeEdit } from './codeLens';
import { effectiveSeverity } from './diagnostics';
import { guarded } from './guard';
import { inlayHints } from './inlayHints';
import type { Logger } from './log';
import { buildPreview } from './preview';
import { PREVIEW_REQUEST, RECOMPUTE_TOTALS_COMMAND, type PreviewParams, type PreviewResult } from '../../../common/protocol';
import type { SettingsStore } from './settings';
import { viewOf } from './sourceView';
import { isViewUri } from './views';

export const TABLE_FEATURE_CAPABILITIES: ServerCapabilities = {
  inlayHintProvider: true,
  codeLensProvider: { resolveProvider: false },
  executeCommandProvider: { commands: [RECOMPUTE_TOTALS_COMMAND] },
};

/**
 * Yields once to the timers: a check already due (the validator's debounce
 * has run out) publishes its diagnostics before these decorations are
 * computed, so asking for them right behind a keystroke never delays the
 * diagnostics. The analysis is shared, so nothing is computed twice.
 */
const afterDueChecks = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface TableFeatureHost {
  connection: Connection;
  logger: Logger;
  /** The open document and its current analysis (undefined: not a report). */
  analysisOf(uri: string): { document: TextDocument; analysis: Analysis | undefined } | undefined;
  settings(): SettingsStore;
  locale(): Locale;
}

export class TableFeatures {
  private canRefreshHints = false;
  private canRefreshLenses = false;

  constructor(private readonly host: TableFeatureHost) {
    const { connection, logger } = host;
    connection.languages.inlayHint.on(
      guarded(logger, 'inlayHint', [], async (params) => {
        await afterDueChecks();
        const open = host.analysisOf(params.textDocument.uri);
        if (!open?.analysis) return [];
        const settings = await host.settings().get(params.textDocument.uri);
        return inlayHints(open.analysis, params.range, settings.inlayHintsTotals ?? 'mismatched', host.locale(), viewOf(open.analysis));
      }),
    );
    connection.onCodeLens(
      guarded(logger, 'codeLens', [], async (params) => {
        await afterDueChecks();
        const uri = params.textDocument.uri;
        const open = host.analysisOf(uri);
        if (!open?.analysis) return [];
        if ((await host.settings().get(uri)).codeLens === false) return [];
        return codeLenses(open.analysis, uri, open.document.version, host.locale(), {
          view: viewOf(open.analysis),
          // A view of a PDF or Word file is read-only: the count, nothing to click.
          readOnly: isViewUri(uri),
        });
      }),
    );
    connection.onExecuteCommand(
      guarded(logger, 'executeCommand', null, async (params) => {
        if (params.command !== RECOMPUTE_TOTALS_COMMAND) return null;
        const args = parseRecomputeArguments(params.arguments);
        const open = args && !isViewUri(args.uri) ? host.analysisOf(args.uri) : undefined;
        if (!args || !open?.analysis) return null;
        // From the analysis current now, not the one the lens was made from.
        const edit = recomputeEdit(open.analysis, args.uri, open.document.version, args.table, args.id, viewOf(open.analysis));
        if (!edit) return null;
        const label = host.locale() === 'zh' ? '重算合计' : 'Recompute totals';
        const applied = await connection.workspace.applyEdit({ label, edit });
        return applied.applied;
      }),
    );
    connection.onRequest(
      PREVIEW_REQUEST,
      guarded(logger, PREVIEW_REQUEST, null, async (params: PreviewParams): Promise<PreviewResult | null> => {
        if (typeof params?.uri !== 'string') return null;
        await afterDueChecks();
        const open = host.analysisOf(params.uri);
        if (!open?.analysis) return null;
        const settings = await host.settings().get(params.uri);
        return buildPreview(
          open.analysis,
          params.uri,
          open.document.version,
          host.locale(),
          (f) => effectiveSeverity(f, settings),
          viewOf(open.analysis),
        );
      }),
    );
  }

  /** Call from onInitialize: whether the client can be asked to re-request hints and lenses. */
  initialize(capabilities: ClientCapabilities): void {
    this.canRefreshHints = capabilities.workspace?.inlayHint?.refreshSupport === true;
    this.canRefreshLenses = capabilities.workspace?.codeLens?.refreshSupport === true;
  }

  /** Settings changed: hints and lenses depend on them. */
  refresh(): void {
    if (this.canRefreshHints) void this.host.connection.languages.inlayHint.refresh().catch(() => {});
    if (this.canRefreshLenses) void this.host.connection.sendRequest('workspace/codeLens/refresh').catch(() => {});
  }
}
