// @ts-check
// A real LSP client for the protocol tests: spawns the built server over
// stdio and drives it with vscode-languageserver-protocol. Everything waits
// on events (publishDiagnostics, responses) with a timeout — never a sleep.

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { engine } from '../lib/bundles.mjs';
/**
 * @import { ChildProcessWithoutNullStreams } from 'node:child_process'
 * @import { CodeAction, CodeActionParams, CodeLens, CodeLensParams, Diagnostic, DocumentSymbol, DocumentSymbolParams, ExecuteCommandParams, FoldingRange, FoldingRangeParams, Hover, HoverParams, MarkupContent, PublishDiagnosticsParams, InitializeResult, InlayHint, InlayHintParams, LogMessageParams, ProtocolConnection, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol'
 * @import { AnalyseOptions } from '../../server/src/engine/index.ts'
 * @import * as Xxgk from '../../common/protocol.ts'
 * @import { ExpectedFinding } from '../engine/helpers.mjs'
 */

/**
 * A diagnostic as this client gets it: its message a string (the client claims no markup message support).
 * @typedef {Omit<Diagnostic, 'message'> & { message: string }} PlainDiagnostic
 */
/**
 * A publishDiagnostics notification with such diagnostics.
 * @typedef {Omit<PublishDiagnosticsParams, 'diagnostics'> & { diagnostics: PlainDiagnostic[] }} Published
 */

/**
 * The requests the suites send, by method: `[params, result]`. Results are what this client is answered, given
 * the capabilities it claims (hierarchical symbols, code action literals, Markdown hovers); the custom ones are
 * common/protocol.ts's.
 * @typedef {{
 *   'textDocument/codeAction': [CodeActionParams, CodeAction[] | null],
 *   'textDocument/codeLens': [CodeLensParams, CodeLens[] | null],
 *   'textDocument/documentSymbol': [DocumentSymbolParams, DocumentSymbol[] | null],
 *   'textDocument/foldingRange': [FoldingRangeParams, FoldingRange[] | null],
 *   'textDocument/hover': [HoverParams, (Omit<Hover, 'contents'> & { contents: MarkupContent }) | null],
 *   'textDocument/inlayHint': [InlayHintParams, InlayHint[] | null],
 *   'workspace/executeCommand': [ExecuteCommandParams, unknown],
 *   'xxgk/checkFiles': [Xxgk.CheckFilesParams, Xxgk.CheckFilesResult],
 *   'xxgk/newReport': [Xxgk.NewReportParams, Xxgk.NewReportResult],
 *   'xxgk/notAReport': [Xxgk.NotAReportParams, unknown],
 *   'xxgk/preview': [Xxgk.PreviewParams, Xxgk.PreviewResult | null],
 *   'xxgk/view': [Xxgk.ViewParams, Xxgk.ViewResult],
 * }} Requests
 */

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..', '..');
const SERVER = join(ROOT, 'server', 'out', 'server.js');

/** The engine's own API (CommonJS bundle), to compare the server's output with. */
export { engine };

const TIMEOUT_MS = 5000;

/**
 * The corpus reports: the project's fixtures, or the shared corpus until they are copied.
 * @returns {{ name: string, path: string, uri: string, text: string, expected: ExpectedFinding[] | undefined }[]}
 */
export function corpus() {
  const own = join(ROOT, 'test', 'fixtures', 'corpus');
  const dir = existsSync(own) && readdirSync(own).some((f) => f.endsWith('.txt')) ? own : '/work/shared/corpus';
  return readdirSync(dir)
    .filter((f) => /\.(txt|md|xxgk)$/.test(f))
    .sort()
    .map((name) => {
      const expectedPath = join(dir, name.replace(/\.[^.]+$/, '.expected.json'));
      return {
        name,
        path: join(dir, name),
        uri: pathToFileURL(join(dir, name)).href,
        text: readFileSync(join(dir, name), 'utf8'),
        expected: existsSync(expectedPath) ? JSON.parse(readFileSync(expectedPath, 'utf8')) : undefined,
      };
    });
}

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} what
 * @returns {Promise<T>}
 */
function withTimeout(promise, ms, what) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    /** @type {Promise<never>} */ (
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
      })
    ),
  ]);
}

/**
 * Starts a server. `configuration`: settings returned for workspace/configuration
 * requests (the client then claims that capability); omitted → the server uses
 * defaults and didChangeConfiguration payloads. `server`: another build of the
 * server to run (robustness.test.mjs builds one with a check that throws);
 * `execArgv`: node options for the server process; `workspaceFolders`: their `file:` URIs.
 * @param {{
 *   initializationOptions?: Xxgk.InitializationOptions,
 *   configuration?: Record<string, unknown>,
 *   server?: string,
 *   execArgv?: string[],
 *   workspaceFolders?: string[],
 * }} [options]
 */
export async function startServer({
  initializationOptions = { debounceMs: 0, locale: 'zh-cn' },
  configuration,
  server = SERVER,
  execArgv = [],
  workspaceFolders = undefined,
} = {}) {
  const child = spawn(process.execPath, [...execArgv, server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  /** @type {LogMessageParams[]} */
  const logs = [];
  /** @type {Published[]} */
  const published = []; // every publishDiagnostics, in order
  /** @type {Set<{ test: (p: Published) => boolean, resolve: (p: Published) => void }>} */
  const waiters = new Set();
  connection.onNotification('textDocument/publishDiagnostics', (/** @type {Published} */ params) => {
    published.push(params);
    for (const w of [...waiters]) {
      if (w.test(params)) {
        waiters.delete(w);
        w.resolve(params);
      }
    }
  });
  connection.onNotification('window/logMessage', (/** @type {LogMessageParams} */ params) => {
    logs.push(params);
  });
  /** @type {Xxgk.CheckedParams[]} */
  const checked = []; // every xxgk/checked, in order (the language status item's input)
  connection.onNotification('xxgk/checked', (/** @type {Xxgk.CheckedParams} */ params) => {
    checked.push(params);
  });
  connection.onRequest('workspace/configuration', (/** @type {{ items: unknown[] }} */ params) =>
    params.items.map(() => configuration ?? null),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();

  const init = await withTimeout(
    /** @type {Promise<InitializeResult>} */ (
      connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        ...(workspaceFolders ? { workspaceFolders: workspaceFolders.map((uri) => ({ uri, name: uri.split('/').pop() })) } : {}),
        locale: 'zh-cn',
        capabilities: {
          workspace: { configuration: configuration !== undefined },
          textDocument: {
            publishDiagnostics: { relatedInformation: true, versionSupport: true },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            documentSymbol: { hierarchicalDocumentSymbolSupport: true },
            codeAction: {
              codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
              isPreferredSupport: true,
              dataSupport: true,
            },
            foldingRange: {},
          },
        },
        initializationOptions,
      })
    ),
    TIMEOUT_MS,
    'initialize',
  );
  await connection.sendNotification('initialized', {});

  /** @type {Map<string, TextDocument>} */
  const docs = new Map(); // uri → TextDocument (the client's copy)
  /** @param {string} uri */
  const doc = (uri) => {
    const d = docs.get(uri);
    if (!d) throw new Error(`${uri} is not open`);
    return d;
  };

  const client = {
    connection,
    child,
    init,
    logs,
    published,
    checked,
    get stderr() {
      return stderr;
    },
    /**
     * Resolves with the next publishDiagnostics for `uri` that passes `test` (register before triggering).
     * @param {string} uri
     * @param {(p: Published) => boolean} [test]
     * @returns {Promise<Published>}
     */
    nextDiagnostics(uri, test = () => true, ms = TIMEOUT_MS) {
      /** @type {{ test: (p: Published) => boolean, resolve: (p: Published) => void }} */
      let waiter = { test: () => false, resolve: () => {} };
      /** @type {Promise<Published>} */
      const promise = new Promise((resolve) => {
        waiter = { test: (p) => p.uri === uri && test(p), resolve };
        waiters.add(waiter);
      });
      return withTimeout(promise, ms, `diagnostics for ${uri}`).finally(() => waiters.delete(waiter));
    },
    /**
     * @template {keyof Requests} M
     * @param {M} method
     * @param {Requests[M][0]} params
     * @returns {Promise<Requests[M][1]>}
     */
    request(method, params, ms = TIMEOUT_MS) {
      return withTimeout(connection.sendRequest(method, params), ms, method);
    },
    /** The client's copy of an open document. @param {string} uri */
    document(uri) {
      return docs.get(uri);
    },
    /**
     * Opens a document and resolves with its first diagnostics.
     * @param {string} uri
     * @param {string} text
     */
    async open(uri, text, languageId = 'plaintext', version = 1) {
      docs.set(uri, TextDocument.create(uri, languageId, version, text));
      const next = client.nextDiagnostics(uri, (p) => p.version === undefined || p.version === version);
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
      return next;
    },
    /**
     * Applies LSP edits incrementally (as an editor would) and resolves with the new version's diagnostics.
     * @param {string} uri
     * @param {readonly TextEdit[]} edits
     */
    async edit(uri, edits) {
      const current = doc(uri);
      const version = current.version + 1;
      // Send back to front so each range still refers to the text it was computed on.
      const ordered = [...edits].sort((a, b) => current.offsetAt(b.range.start) - current.offsetAt(a.range.start));
      const contentChanges = ordered.map((e) => ({ range: e.range, text: e.newText }));
      docs.set(uri, TextDocument.update(current, contentChanges, version));
      const next = client.nextDiagnostics(uri, (p) => p.version === version);
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
      return next;
    },
    /** @param {string} uri @param {string} text */
    async replaceAll(uri, text) {
      const current = doc(uri);
      return client.edit(uri, [
        { range: { start: { line: 0, character: 0 }, end: current.positionAt(current.getText().length) }, newText: text },
      ]);
    },
    /** @param {string} uri */
    async close(uri) {
      docs.delete(uri);
      const next = client.nextDiagnostics(uri);
      await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      return next;
    },
    async stop() {
      try {
        await withTimeout(connection.sendRequest('shutdown'), 2000, 'shutdown');
        await connection.sendNotification('exit');
      } catch {
        // already gone
      }
      connection.dispose();
      if (child.exitCode === null) child.kill();
    },
  };
  return client;
}

/** A started server and the client driving it. @typedef {Awaited<ReturnType<typeof startServer>>} Client */

/** 在此行停用 / 这不是年度报告 (suppressActions.ts): offered beside every diagnostic's fixes, not fixes themselves. */
export const isSuppression = (/** @type {{ title: string }} */ action) =>
  /^(在此行停用 |这不是年度报告|Disable [a-z-]+ for this line$|This is not an annual report)/.test(action.title);

/**
 * A document change asserted to be a TextDocumentEdit (not a file create, rename or delete).
 * @param {import('vscode-languageserver-protocol').WorkspaceEdit['documentChanges'] extends (infer C)[] | undefined ? C | undefined : never} change
 * @returns {Omit<import('vscode-languageserver-protocol').TextDocumentEdit, 'edits'> & { edits: TextEdit[] }} its edits plain TextEdits (not snippets)
 */
export function asTextDocumentEdit(change) {
  if (!change || !('textDocument' in change)) throw new Error(`not a TextDocumentEdit: ${JSON.stringify(change)}`);
  const edits = change.edits.map((e) => {
    if (!('newText' in e)) throw new Error('edit must be plain TextEdits, not snippets');
    return e;
  });
  return { ...change, edits };
}

/**
 * The edits of a WorkspaceEdit made of TextDocumentEdits for one document, checking the version pin.
 * @param {WorkspaceEdit | undefined} workspaceEdit
 * @param {string} uri
 * @param {number} version
 * @returns {TextEdit[]}
 */
export function textDocumentEdits(workspaceEdit, uri, version) {
  const changes = workspaceEdit?.documentChanges ?? [];
  const mine = changes
    .filter((c) => 'textDocument' in c && c.textDocument.uri === uri)
    .map((c) => /** @type {import('vscode-languageserver-protocol').TextDocumentEdit} */ (c));
  if (mine.length !== changes.length || mine.length === 0) throw new Error('edit must be TextDocumentEdits for this document only');
  for (const c of mine) {
    if (c.textDocument.version !== version) throw new Error(`edit pinned to version ${c.textDocument.version}, document is at ${version}`);
  }
  return mine.flatMap((c) =>
    c.edits.map((e) => {
      if (!('newText' in e)) throw new Error('edit must be plain TextEdits, not snippets');
      return e;
    }),
  );
}

/**
 * Findings of the engine as the server should publish them (zh messages, default severities).
 * @param {string} text
 * @param {AnalyseOptions} [options]
 */
export function expectedDiagnostics(text, options = {}) {
  const analysis = engine.analyse(text, options);
  if (!analysis.model.isReport) return [];
  const severity = { error: 1, warning: 2, info: 3, hint: 4 };
  return analysis.findings.map((f) => ({
    code: f.rule,
    range: f.range,
    severity: severity[f.severity],
    message: f.message.zh,
    related: f.related.map((r) => ({ range: r.range, message: r.message.zh })),
  }));
}

/**
 * The comparable part of a published diagnostic.
 * @param {PlainDiagnostic} d
 */
export function comparable(d) {
  return {
    code: d.code,
    range: d.range,
    severity: d.severity,
    message: d.message,
    related: (d.relatedInformation ?? []).map((r) => ({ range: r.location.range, message: r.message })),
  };
}

/**
 * Every document the suites run over: the corpus, the made fixtures, and the
 * engine suite's variants (each a real report changed in one way). Markdown
 * ones are opened as Markdown, the rest as plain text.
 */
/**
 * @returns {Promise<{ name: string, text: string, uri: string, languageId: string, options: AnalyseOptions, expected?: ExpectedFinding[], notReport?: boolean }[]>}
 */
export async function documents() {
  const { VARIANTS, baseText, BASES } = await import('../engine/variants.mjs');
  const made = join(ROOT, 'test', 'fixtures', 'made');
  const madeDocs = existsSync(made)
    ? readdirSync(made)
        .filter((f) => /\.(txt|md|xxgk)$/.test(f))
        .map((name) => ({ name: `made/${name}`, text: readFileSync(join(made, name), 'utf8') }))
    : [];
  const variants = VARIANTS.map((v) => ({
    name: `variant/${v.name}${BASES[v.base].endsWith('.md') ? '.md' : '.txt'}`,
    text: v.edit(baseText(v.base)),
    notReport: v.notReport === true,
  }));
  return [...corpus().map((c) => ({ name: `corpus/${c.name}`, text: c.text, expected: c.expected })), ...madeDocs, ...variants].map(
    (d) => ({
      ...d,
      uri: `file:///xxgk-test/${d.name}`,
      languageId: d.name.endsWith('.md') ? 'markdown' : 'plaintext',
      options: d.name.endsWith('.md') ? { layoutHint: 'markdown' } : {},
    }),
  );
}
