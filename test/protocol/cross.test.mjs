// @ts-check
// The workspace index in the server: two years of one agency in a workspace
// folder. Opening this year's report shows the cross findings against last
// year's file on disk (never opened); changing that file on disk (and saying
// so through workspace/didChangeWatchedFiles) updates them; the hover on
// 二、上年结转 names last year's value and file; and editing last year's report
// in the editor updates this year's diagnostics with no file read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { ROOT } from './harness.mjs';
import { defined } from '../lib/narrow.mjs';
/**
 * @import { ConfigurationParams, Hover, LogMessageParams, MarkupContent, Registration, RegistrationParams } from 'vscode-languageserver-protocol'
 * @import { Published } from './harness.mjs'
 */

const TIMEOUT_MS = 8000;

/**
 * A server on a workspace folder, with a client that claims watched-file registration.
 * @param {string} folder
 */
async function start(folder) {
  const child = spawn(process.execPath, [join(ROOT, 'server', 'out', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  /** @type {Set<{ test: (p: Published) => boolean, resolve: (p: Published) => void }>} */
  const waiters = new Set();
  /** @type {Registration[]} */
  const registrations = [];
  connection.onNotification('textDocument/publishDiagnostics', (/** @type {Published} */ p) => {
    if (process.env.XXGK_DEBUG) console.error('PUB', p.uri.slice(-20), p.version, p.diagnostics.map((d) => d.code).join(','));
    for (const w of [...waiters]) {
      if (!w.test(p)) continue;
      waiters.delete(w);
      w.resolve(p);
    }
  });
  connection.onNotification('window/logMessage', (/** @type {LogMessageParams} */ m) => {
    if (process.env.XXGK_DEBUG) console.error('LOG', m.message);
  });
  connection.onNotification('xxgk/checked', () => {});
  connection.onRequest('workspace/configuration', (/** @type {ConfigurationParams} */ p) => p.items.map(() => null));
  connection.onRequest(
    'client/registerCapability',
    (/** @type {RegistrationParams} */ p) => (registrations.push(...p.registrations), null),
  );
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'reports' }],
    locale: 'zh-cn',
    capabilities: {
      workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, hover: { contentFormat: ['markdown'] } },
    },
    initializationOptions: { debounceMs: 0, locale: 'zh-cn' },
  });
  await connection.sendNotification('initialized', {});
  /**
   * The next publishDiagnostics for `uri` that passes `test` (register before triggering).
   * @param {string} uri
   * @param {(p: Published) => boolean} test
   * @returns {Promise<Published>}
   */
  const next = (uri, test) =>
    new Promise((resolve, reject) => {
      const w = { test: (/** @type {Published} */ p) => p.uri === uri && test(p), resolve };
      waiters.add(w);
      setTimeout(() => (waiters.delete(w), reject(new Error(`no diagnostics for ${uri} in time`))), TIMEOUT_MS);
    });
  return { connection, child, next, registrations };
}

/** @param {Published} p */
const cross = (p) =>
  p.diagnostics.filter((d) => d.code === 'carry-over-mismatch').map((d) => `${d.range.start.line}:${d.range.start.character}`);

test('cross findings from the workspace index, kept current by the watcher and by open documents; hover', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-index-'));
  cpSync(join(ROOT, 'test/fixtures/cross/carry-differs'), dir, { recursive: true });
  const lastPath = join(dir, 'changchun-2023.txt');
  const thisUri = pathToFileURL(join(dir, 'changchun-2024.txt')).href;
  const lastUri = pathToFileURL(lastPath).href;
  const text = readFileSync(join(dir, 'changchun-2024.txt'), 'utf8');
  const s = await start(dir);
  try {
    // The index is built in the background: this year's report gets its cross findings once it is in.
    const found = s.next(thisUri, (p) => cross(p).length === 3);
    await s.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: thisUri, languageId: 'plaintext', version: 1, text },
    });
    const first = await found;
    const np = first.diagnostics.find((d) => d.message.includes('自然人列为 2') || /自然人」列为 2/.test(d.message));
    assert.ok(np, first.diagnostics.map((d) => d.message).join('\n'));
    assert.match(np.message, /changchun-2023\.txt/);
    const related = defined(np.relatedInformation, 'related information');
    assert.equal(related[0].location.uri, thisUri);
    assert.match(related[0].message, /changchun-2023\.txt.*= 3/);
    assert.ok(
      s.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'),
      'the server asks for a file watcher',
    );

    // Hover on the carried-over row names last year's value and file.
    /** @type {(Omit<Hover, 'contents'> & { contents: MarkupContent }) | null} */
    const hover = await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: thisUri }, position: np.range.start });
    assert.match(defined(hover, 'a hover').contents.value, /上年（2023年度）报告 changchun-2023\.txt「四、结转下年度继续办理」：自然人 3/);

    // Last year's file changes on disk to carry forward what this year carried in: the 自然人 and 总计 findings go.
    const disk = readFileSync(lastPath, 'utf8').replace(/(四、结转下年度继续办理\t+)3(\t4\t0\t0\t0\t0\t)7/, '$12$26');
    assert.notEqual(disk, readFileSync(lastPath, 'utf8'), 'the edit applies');
    writeFileSync(lastPath, disk);
    const updated = s.next(thisUri, (p) => cross(p).length === 1);
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: lastUri, type: 2 }] });
    assert.deepEqual(cross(await updated).length, 1); // 现行有效件数 hint stays

    // Last year's report opened and edited in the editor (not saved): this year's diagnostics follow the buffer.
    await s.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: lastUri, languageId: 'plaintext', version: 1, text: disk },
    });
    const back = s.next(thisUri, (p) => cross(p).length === 3);
    const edited = disk.replace(/(四、结转下年度继续办理\t+)2(\t4\t0\t0\t0\t0\t)6/, '$15$29');
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: lastUri, version: 2 },
      contentChanges: [{ text: edited }],
    });
    assert.equal(cross(await back).length, 3);
  } finally {
    try {
      await s.connection.sendRequest('shutdown');
      await s.connection.sendNotification('exit');
    } catch {
      // gone
    }
    s.connection.dispose();
    if (s.child.exitCode === null) s.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
