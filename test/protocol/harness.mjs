// A real LSP client for the protocol tests: spawns the built server over
// stdio and drives it with vscode-languageserver-protocol. Everything waits
// on events (publishDiagnostics, responses) with a timeout — never a sleep.

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..', '..');
const SERVER = join(ROOT, 'server', 'out', 'server.js');
const require = createRequire(import.meta.url);

/** The engine's own API (CommonJS bundle), to compare the server's output with. */
export const engine = require(join(ROOT, 'server', 'out', 'engine.js'));

const TIMEOUT_MS = 5000;

/** The corpus reports: the project's fixtures, or the shared corpus until they are copied. */
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

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]);
}

/**
 * Starts a server. `configuration`: settings returned for workspace/configuration
 * requests (the client then claims that capability); omitted → the server uses
 * defaults and didChangeConfiguration payloads. `server`: another build of the
 * server to run (robustness.test.mjs builds one with a check that throws);
 * `execArgv`: node options for the server process.
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
  const logs = [];
  const published = []; // every publishDiagnostics, in order
  const waiters = new Set();
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    published.push(params);
    for (const w of [...waiters]) {
      if (w.test(params)) {
        waiters.delete(w);
        w.resolve(params);
      }
    }
  });
  connection.onNotification('window/logMessage', (params) => logs.push(params));
  connection.onNotification('xxgk/checked', () => {});
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => configuration ?? null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();

  const init = await withTimeout(
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
    }),
    TIMEOUT_MS,
    'initialize',
  );
  await connection.sendNotification('initialized', {});

  const docs = new Map(); // uri → TextDocument (the client's copy)

  const client = {
    connection,
    child,
    init,
    logs,
    published,
    get stderr() {
      return stderr;
    },
    /** Resolves with the next publishDiagnostics for `uri` that passes `test` (register before triggering). */
    nextDiagnostics(uri, test = () => true, ms = TIMEOUT_MS) {
      let waiter;
      const promise = new Promise((resolve) => {
        waiter = { test: (p) => p.uri === uri && test(p), resolve };
        waiters.add(waiter);
      });
      return withTimeout(promise, ms, `diagnostics for ${uri}`).finally(() => waiters.delete(waiter));
    },
    request(method, params, ms = TIMEOUT_MS) {
      return withTimeout(connection.sendRequest(method, params), ms, method);
    },
    document(uri) {
      return docs.get(uri);
    },
    /** Opens a document and resolves with its first diagnostics. */
    async open(uri, text, languageId = 'plaintext', version = 1) {
      docs.set(uri, TextDocument.create(uri, languageId, version, text));
      const next = client.nextDiagnostics(uri, (p) => p.version === undefined || p.version === version);
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
      return next;
    },
    /** Applies LSP edits incrementally (as an editor would) and resolves with the new version's diagnostics. */
    async edit(uri, edits) {
      const doc = docs.get(uri);
      const version = doc.version + 1;
      // Send back to front so each range still refers to the text it was computed on.
      const ordered = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
      const contentChanges = ordered.map((e) => ({ range: e.range, text: e.newText }));
      docs.set(uri, TextDocument.update(doc, contentChanges, version));
      const next = client.nextDiagnostics(uri, (p) => p.version === version);
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
      return next;
    },
    async replaceAll(uri, text) {
      const doc = docs.get(uri);
      return client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, newText: text }]);
    },
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

/** 在此行停用 / 这不是年度报告 (suppressActions.ts): offered beside every diagnostic's fixes, not fixes themselves. */
export const isSuppression = (action) =>
  /^(在此行停用 |这不是年度报告|Disable [a-z-]+ for this line$|This is not an annual report)/.test(action.title);

/** Applies a WorkspaceEdit made of TextDocumentEdits to the client's copy, checking the version pin. */
export function textDocumentEdits(workspaceEdit, uri, version) {
  const changes = workspaceEdit.documentChanges ?? [];
  const mine = changes.filter((c) => c.textDocument?.uri === uri);
  if (mine.length !== changes.length || mine.length === 0) throw new Error('edit must be TextDocumentEdits for this document only');
  for (const c of mine) {
    if (c.textDocument.version !== version) throw new Error(`edit pinned to version ${c.textDocument.version}, document is at ${version}`);
  }
  return mine.flatMap((c) => c.edits);
}

/** Findings of the engine as the server should publish them (zh messages, default severities). */
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

/** The comparable part of a published diagnostic. */
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
