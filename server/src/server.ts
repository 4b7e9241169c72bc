// The language server: wiring only. Each feature is one adapter in lsp/
// over the engine's cached analysis; every handler is guarded so one
// failure never stops the server answering the rest.
// Runs as `node server/out/server.js --stdio` or over IPC from the extension.

import { format } from 'node:util';
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache, type DocumentConfig } from './lsp/analyses';
import { WorkspaceChecker } from './lsp/checkFiles';
import { CODE_ACTION_KINDS, codeActions } from './lsp/codeActions';
import { EditedCells, trackingEdits } from './lsp/editedCells';
import { foldingRanges } from './lsp/folding';
import { FramingGuard } from './lsp/framing';
import { guarded } from './lsp/guard';
import { hoverAt } from './lsp/hover';
import { pickLocale } from './lsp/locale';
import { Logger } from './lsp/log';
import { newReport } from './lsp/newReport';
import {
  CHECK_FILES_REQUEST,
  NEW_REPORT_REQUEST,
  NOT_A_REPORT_REQUEST,
  type NotAReportParams,
  VIEW_REQUEST,
  type CheckFilesParams,
  type ViewParams,
  type InitializationOptions,
  type NewReportParams,
} from '../../common/protocol';
import { ConfigFiles } from './lsp/configFiles';
import { SettingsStore } from './lsp/settings';
import { mapCodeActions, mapFolding, mapHover, mapSymbols, viewOf } from './lsp/sourceView';
import { documentSymbols } from './lsp/symbols';
import { TABLE_FEATURE_CAPABILITIES, TableFeatures } from './lsp/tableFeatures';
import { Validator } from './lsp/validation';
import { isViewUri, Views } from './lsp/views';
import { attachWorkspaceIndex } from './lsp/workspaceIndex';

// Over stdio the input passes a framing guard, so a malformed header costs
// one message instead of every later one (see lsp/framing.ts). Other
// transports (node-ipc from VS Code, sockets, pipes) are set up by the library.
const stdio = process.argv.includes('--stdio');
let discards = 0;
function discarded(bytes: number, reason: string): void {
  // Logged through the connection, so only ever called once it is listening.
  if (++discards <= 20)
    logger.warn(
      `[xxgk] discarded ${bytes} byte(s) of malformed input: ${reason}${discards === 20 ? ' (further discards not logged)' : ''}`,
    );
}
const connection = stdio
  ? createConnection(ProposedFeatures.all, process.stdin.pipe(new FramingGuard(discarded)), process.stdout)
  : createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const logger = new Logger(connection.console);

if (stdio) {
  // stdout carries the protocol: a stray console.log from anywhere would corrupt it.
  // (The library does this itself when it picks stdio from argv; we passed the streams.)
  console.log = console.info = (...args: unknown[]) => connection.console.log(format(...args));
  console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
}

const cache = new AnalysisCache(logger);
const views = new Views();
const edited = new EditedCells();

// Last resort: a stray async error is logged, not fatal.
process.on('uncaughtException', (error) => logger.error('[xxgk] uncaught exception', error));
process.on('unhandledRejection', (error) => logger.error('[xxgk] unhandled rejection', error));

let locale = pickLocale();
let settings: SettingsStore;
let validator: Validator;
let workspace: WorkspaceChecker;
// The reports of the workspace, for the cross-report rules (built once initialized).
const crossIndex = attachWorkspaceIndex({
  connection,
  documents,
  cache,
  settings: () => settings,
  locale: () => locale,
  logger,
  // configFiles is made below; asked only once files are indexed.
  aliasesFor: (uri) => configFiles.forUri(uri)?.config.agencyAliases,
});
let initializeParams: InitializeParams | undefined;

function initializationOptions(params: InitializeParams): InitializationOptions {
  const raw: unknown = params.initializationOptions;
  if (typeof raw !== 'object' || raw === null) return {};
  const { locale: l, debounceMs } = raw as Record<string, unknown>;
  return {
    ...(typeof l === 'string' ? { locale: l } : {}),
    ...(typeof debounceMs === 'number' && Number.isFinite(debounceMs) && debounceMs >= 0 ? { debounceMs } : {}),
  };
}

connection.onInitialize((params): InitializeResult => {
  const options = initializationOptions(params);
  locale = pickLocale(options.locale, params.locale);
  settings = new SettingsStore(connection, params.capabilities.workspace?.configuration === true);
  // .xxgk.json: the nearest one up to the workspace folder's root, merged into each document's settings.
  configFiles.setFolders([...(params.workspaceFolders ?? []).map((f) => f.uri), ...(params.rootUri ? [params.rootUri] : [])]);
  settings.useConfigFiles(configFiles);
  cache.configure = documentConfig;
  validator = new Validator({ connection, documents, cache, settings, logger, locale, debounceOverride: options.debounceMs });
  workspace = new WorkspaceChecker({ connection, documents, cache, settings, locale, views });
  tables.initialize(params.capabilities);
  initializeParams = params;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      documentSymbolProvider: { label: locale === 'zh' ? '政府信息公开工作年度报告' : 'Annual disclosure report' },
      foldingRangeProvider: true,
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS },
      ...TABLE_FEATURE_CAPABILITIES,
    },
    serverInfo: { name: 'xxgk-report-server', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  logger.info(`[xxgk] server ready: node ${process.version}, pid ${process.pid}, locale ${locale}`);
  if (initializeParams) crossIndex.initialized(initializeParams);
  if (initializeParams) workspace.watchBinaries(initializeParams.capabilities);
});

documents.onDidOpen(guarded(logger, 'didOpen', undefined, (e) => validator.opened(e.document)));
documents.onDidChangeContent(guarded(logger, 'didChange', undefined, (e) => validator.changed(e.document)));
documents.onDidSave(guarded(logger, 'didSave', undefined, (e) => validator.saved(e.document)));
documents.onDidClose(
  guarded(logger, 'didClose', undefined, (e) => {
    edited.forget(e.document.uri);
    validator.closed(e.document.uri);
    workspace.closed(e.document.uri); // a file the workspace check knows: its results from disk again
  }),
);

connection.onDidChangeConfiguration(
  guarded(logger, 'didChangeConfiguration', undefined, (params) => {
    settings.changed(params.settings);
    validator.revalidateAll();
    workspace.configurationChanged(); // closed files of the workspace check, from disk
    tables.refresh();
  }),
);

// ------------------------------------------------------------ .xxgk.json, 这不是年度报告, the message language

const configFiles = new ConfigFiles(connection, () => locale);
/** Files marked 这不是年度报告 in this session, skipped before the edited .xxgk.json is saved and seen. */
const notReports = new Set<string>();

/** What the settings last read for a document say about its analysis (the cache asks without waiting). */
function documentConfig(uri: string): DocumentConfig | undefined {
  const s = settings.peek(uri);
  const excluded = notReports.has(uri) || s?.excluded === true;
  if (!s && !excluded) return undefined;
  return { key: `${excluded ? 'x' : ''}:${s?.issuerType ?? ''}`, excluded, options: s?.issuerType ? { issuerType: s.issuerType } : {} };
}

/** The language of a document's messages: `xxgk.locale` or its .xxgk.json, else the display language. */
function localeFor(uri: string) {
  return settings.peek(uri)?.messageLocale ?? locale;
}

connection.onDidChangeWatchedFiles(
  guarded(logger, 'didChangeWatchedFiles', undefined, (params) => {
    crossIndex.filesChanged(params.changes); // reports: the workspace index (lsp/workspaceIndex.ts)
    workspace.filesChanged(params.changes); // closed files of the workspace check (lsp/checkFiles.ts)
    const changed = params.changes.filter((c) => ConfigFiles.isConfigUri(c.uri));
    if (changed.length === 0) return;
    configFiles.changed();
    for (const c of changed) configFiles.reload(c.uri);
    notReports.clear(); // the files now say what is excluded
    settings.configChanged();
    validator.revalidateAll();
    workspace.configurationChanged();
  }),
);

// 这不是年度报告's command (a client command, so it never competes with the server's executeCommand handler) asks this.
connection.onRequest(
  NOT_A_REPORT_REQUEST,
  guarded(logger, NOT_A_REPORT_REQUEST, null, (params: NotAReportParams) => {
    if (typeof params?.uri !== 'string') return null;
    notReports.add(params.uri);
    validator.revalidateAll();
    return null;
  }),
);

/** The current analysis of an open document, or undefined (closed, not a report, or too large). */
function analysisOf(uri: string) {
  const document = documents.get(uri);
  return document ? { document, analysis: cache.forDocument(document) } : undefined;
}

connection.onHover(
  guarded(logger, 'hover', null, (params) => {
    const analysis = analysisOf(params.textDocument.uri)?.analysis;
    if (!analysis) return null;
    const view = viewOf(analysis);
    const hover = mapHover(
      view,
      hoverAt(
        analysis,
        view ? view.toReading(params.position) : params.position,
        localeFor(params.textDocument.uri),
        crossIndex.index.lastYearOf(params.textDocument.uri),
      ) ?? null,
    );
    // In the view of a PDF or Word file: where this is in the file.
    const place = hover && isViewUri(params.textDocument.uri) ? views.placeOf(params.textDocument.uri, params.position, locale) : undefined;
    if (!hover || !place || typeof hover.contents !== 'object' || !('kind' in hover.contents)) return hover;
    return {
      ...hover,
      contents: { ...hover.contents, value: `${hover.contents.value}\n\n${locale === 'zh' ? '原文位置' : 'In the file'}：${place}` },
    };
  }),
);

connection.onDocumentSymbol(
  guarded(logger, 'documentSymbol', [], (params) => {
    const analysis = analysisOf(params.textDocument.uri)?.analysis;
    return analysis ? mapSymbols(viewOf(analysis), documentSymbols(analysis)) : [];
  }),
);

connection.onFoldingRanges(
  guarded(logger, 'foldingRange', [], (params) => {
    const analysis = analysisOf(params.textDocument.uri)?.analysis;
    return analysis ? mapFolding(viewOf(analysis), foldingRanges(analysis)) : [];
  }),
);

connection.onCodeAction(
  guarded(logger, 'codeAction', [], async (params) => {
    const open = analysisOf(params.textDocument.uri);
    if (!open) return [];
    const uri = open.document.uri;
    const docSettings = await settings.get(uri);
    const docLocale = localeFor(uri);
    const notReport = configFiles.notReportTarget(uri);
    // A view of a PDF or Word file is read-only: its findings are advice, fixed in the file itself (only 这不是年度报告, in .xxgk.json).
    if (isViewUri(uri))
      return codeActions(params, open.document, undefined, docSettings, docLocale, undefined, { ...(notReport ? { notReport } : {}) });
    const view = open.analysis && viewOf(open.analysis);
    // Cells typed in this session rank the fixes (a web page's cells are in its reading text, so not there).
    const typed = !view && open.analysis ? edited.cells(uri, open.analysis) : undefined;
    if (!view)
      return codeActions(params, open.document, open.analysis, docSettings, docLocale, typed, {
        inlineSuppression: true,
        ...(notReport ? { notReport } : {}),
      });
    // A web page: the actions are computed on its reading text, their edits placed in the markup by the HTML writer;
    // an HTML comment there is not in the reading text, so no inline suppression, and 这不是年度报告 only through .xxgk.json.
    const range = { start: view.toReading(params.range.start), end: view.toReading(params.range.end) };
    const reading = TextDocument.create(uri, 'xxgk-report', open.document.version, view.reading.text);
    const inFile =
      notReport?.kind === 'config' ? codeActions(params, open.document, undefined, docSettings, docLocale, undefined, { notReport }) : [];
    return [...mapCodeActions(view, codeActions({ ...params, range }, reading, open.analysis, docSettings, docLocale)), ...inFile];
  }),
);

// Inlay hints beside totals, the code lens above each table, the preview panel's request.
const tables = new TableFeatures({ connection, logger, analysisOf, settings: () => settings, locale: () => locale });

connection.onRequest(
  VIEW_REQUEST,
  guarded(logger, VIEW_REQUEST, null, (params: ViewParams) => views.read(params, locale)),
);

connection.onRequest(
  NEW_REPORT_REQUEST,
  guarded(logger, NEW_REPORT_REQUEST, null, (params: NewReportParams | undefined) => newReport(params)),
);

connection.onRequest(
  CHECK_FILES_REQUEST,
  guarded(
    logger,
    CHECK_FILES_REQUEST,
    { checked: 0, reports: 0, problems: 0, skipped: [] },
    (params: CheckFilesParams, token: CancellationToken) => workspace.check(params, token),
  ),
);

// The documents see didChange through the edit tracker, which records what the user typed.
documents.listen(trackingEdits(connection, documents, edited));
connection.listen();
