// Section 7 (the table features): keystroke → diagnostics on the seed report
// while the editor also asks, after every change, for the inlay hints, the
// code lenses and an open preview panel's structure (as VS Code does with all
// three on) — the worst case: each request right behind its didChange, so
// the analysis they need is on the typing path. Also the round trip of each
// of those requests on its own, on the changed and on the unchanged document.

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { loadFixtures, SEED } from './lib/fixtures.mjs';
import { median, msSince, percentile, ROOT, track, withTimeout } from './lib/util.mjs';

const SERVER = join(ROOT, 'server', 'out', 'server.js');
const TIMEOUT_MS = 10_000;
const stat = (s) => ({ n: s.length, median: median(s), p99: percentile(s, 99), max: Math.max(...s) });

async function start() {
  const child = track(spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] }));
  child.stderr.resume();
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = new Map(); // `${uri}@${version}` → resolve
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const t = process.hrtime.bigint();
    const key = `${params.uri}@${params.version}`;
    const resolve = waiters.get(key);
    if (resolve) {
      waiters.delete(key);
      resolve(t);
    }
  });
  connection.onNotification(() => {});
  connection.onRequest(() => null);
  connection.listen();
  await withTimeout(
    connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        textDocument: {
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          inlayHint: {},
          codeLens: {},
        },
      },
      initializationOptions: { debounceMs: 0 },
    }),
    TIMEOUT_MS,
    'initialize',
  );
  await connection.sendNotification('initialized', {});
  const diagnosticsAt = (uri, version) =>
    withTimeout(new Promise((resolve) => waiters.set(`${uri}@${version}`, resolve)), TIMEOUT_MS, `diagnostics of version ${version}`);
  const stop = async () => {
    try {
      await withTimeout(connection.sendRequest('shutdown'), 3000, 'shutdown');
      await connection.sendNotification('exit');
    } catch {
      child.kill('SIGKILL');
    }
    connection.dispose();
  };
  return { connection, diagnosticsAt, stop };
}

/** A prose spot in section 一 and the first number of the section 三 table (its sums change). */
function targets(text) {
  const lines = text.split('\n');
  const heading = lines.findIndex((l) => /^\s*一、/.test(l));
  const prose = lines.findIndex((l, i) => i > heading && l.length >= 40 && !l.includes('\t'));
  const label = lines.findIndex((l) => l.includes('本年新收'));
  const cell = lines.findIndex((l, i) => i > label && /^\t[0-9]+\s*$/.test(l));
  if (prose < 0 || cell < 0) throw new Error('seed report: no prose line or section 三 cell to edit');
  return { prose: { line: prose, character: 10 }, cell: { line: cell, character: 1 } };
}

export async function benchTables({ quick, log }) {
  const seed = loadFixtures().find((f) => f.path === SEED);
  const server = await start();
  try {
    const { connection, diagnosticsAt } = server;
    const uri = pathToFileURL(join(ROOT, SEED)).href;
    const lineCount = seed.text.split('\n').length;
    const whole = { start: { line: 0, character: 0 }, end: { line: lineCount, character: 0 } };
    const opened = diagnosticsAt(uri, 1);
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'xxgk-report', version: 1, text: seed.text },
    });
    await opened;
    const at = targets(seed.text);
    const requests = {
      inlayHint: () => connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: whole }),
      codeLens: () => connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }),
      preview: () => connection.sendRequest('xxgk/preview', { uri }),
    };

    // Keystrokes: a digit typed and deleted, every fifth pair in the table cell; all three requests behind each change.
    const edits = quick ? 300 : 1000;
    log(`tables: ${edits} keystrokes with inlay hints, code lens and preview requested after each`);
    const keystroke = { all: [], prose: [], table: [] };
    const afterChange = { inlayHint: [], codeLens: [], preview: [] };
    let version = 1;
    for (let k = 0; k < edits; k++) {
      const pair = k >> 1;
      const where = pair % 5 === 4 ? 'table' : 'prose';
      const p = at[where === 'table' ? 'cell' : 'prose'];
      const change =
        k % 2 === 0
          ? { range: { start: p, end: p }, text: String((pair % 9) + 1) }
          : { range: { start: p, end: { line: p.line, character: p.character + 1 } }, text: '' };
      version++;
      const published = diagnosticsAt(uri, version);
      const t0 = process.hrtime.bigint();
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      const answered = Object.entries(requests).map(([name, send]) => send().then(() => afterChange[name].push(msSince(t0))));
      const t1 = await published;
      await withTimeout(Promise.all(answered), TIMEOUT_MS, 'inlay hints, code lens and preview');
      const ms = Number(t1 - t0) / 1e6;
      keystroke.all.push(ms);
      keystroke[where].push(ms);
    }

    // Each request alone on the unchanged document (the analysis cached: only the feature's own work).
    const calls = quick ? 100 : 300;
    const unchanged = {};
    for (const [name, send] of Object.entries(requests)) {
      log(`tables: ${calls} × ${name} on the unchanged document`);
      for (let i = 0; i < 10; i++) await send();
      const s = [];
      for (let i = 0; i < calls; i++) {
        const t0 = process.hrtime.bigint();
        await send();
        s.push(msSince(t0));
      }
      unchanged[name] = stat(s);
    }
    const preview = await requests.preview();
    return {
      document: SEED,
      chars: seed.text.length,
      keystrokes: { all: stat(keystroke.all), prose: stat(keystroke.prose), table: stat(keystroke.table) },
      afterChange: Object.fromEntries(Object.entries(afterChange).map(([k, v]) => [k, stat(v)])),
      unchanged,
      previewCells: preview.tables.reduce((n, t) => n + t.body.flat().length + t.header.flat().length, 0),
      previewBytes: JSON.stringify(preview).length,
    };
  } finally {
    await server.stop();
  }
}
