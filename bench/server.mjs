// Sections 3 and 5: the built language server over stdio, driven by a
// plain LSP client. Keystroke → diagnostics latency (closed loop: one edit,
// wait for the diagnostics of that version, next edit), request round trips
// on an unchanged document, and resident memory with 50 reports open.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { loadEngine } from './engine.mjs';
import { loadFixtures, SEED, variedCopy } from './lib/fixtures.mjs';
import { msSince, percentile, median, procMemory, ROOT, track, withTimeout } from './lib/util.mjs';

const SERVER = join(ROOT, 'server', 'out', 'server.js');
const REPLY_TIMEOUT_MS = 10_000;

/** Starts the server, initialises it with debounce 0, and returns a small client. */
async function startServer({ profileDir } = {}) {
  const args = [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), SERVER, '--stdio'];
  const child = track(spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] }));
  let stderr = '';
  child.stderr.on('data', (d) => {
    if (stderr.length < 4000) stderr += d.toString();
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));

  // Diagnostics: resolve waiters by (uri, version), else in order of arrival.
  const waiters = new Map(); // uri → [{ version, resolve }]
  const lastDiagnostics = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const t = process.hrtime.bigint();
    lastDiagnostics.set(params.uri, params.diagnostics);
    const list = waiters.get(params.uri);
    if (!list || list.length === 0) return;
    let i = params.version === undefined || params.version === null ? 0 : list.findIndex((w) => w.version === params.version);
    if (i < 0) return;
    const [w] = list.splice(i, 1);
    w.resolve({ at: t, params });
  });
  connection.onNotification(() => {}); // window/logMessage, xxgk/checked: not measured
  connection.onRequest(() => null); // client/registerCapability, workspace/configuration (not advertised)
  connection.listen();
  const died = exited.then(({ code, signal }) => {
    throw new Error(`language server exited (code ${code}, signal ${signal})${stderr ? `:\n${stderr}` : ''}`);
  });
  died.catch(() => {});
  const guard = (p, what) => withTimeout(Promise.race([p, died]), REPLY_TIMEOUT_MS, `language server: ${what}`);

  await guard(
    connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        textDocument: {
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          synchronization: { didSave: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
            isPreferredSupport: true,
          },
        },
      },
      initializationOptions: { debounceMs: 0 },
    }),
    'initialize',
  );
  await connection.sendNotification('initialized', {});

  const diagnosticsFor = (uri, version) =>
    guard(
      new Promise((resolve) => {
        const list = waiters.get(uri) ?? [];
        list.push({ version, resolve });
        waiters.set(uri, list);
      }),
      `no publishDiagnostics for ${uri} version ${version}`,
    );

  const stop = async () => {
    try {
      await withTimeout(connection.sendRequest('shutdown'), 3000, 'shutdown');
      await connection.sendNotification('exit');
      await withTimeout(exited, 3000, 'server exit');
    } catch {
      child.kill('SIGKILL');
    }
    connection.dispose();
  };
  return { child, connection, guard, diagnosticsFor, lastDiagnostics, stop };
}

/**
 * Edit targets: the first prose line of section 一, and the first number of
 * the section 三 table (本年新收…), so a table edit breaks its sums and the
 * server computes the arithmetic findings and their fixes.
 */
function editTargets(text) {
  const lines = text.split('\n');
  const heading = lines.findIndex((l) => /^\s*一、/.test(l));
  const prose = lines.findIndex((l, i) => i > heading && l.length >= 40 && !l.includes('\t'));
  const newRequests = lines.findIndex((l) => l.includes('本年新收'));
  const cell = lines.findIndex((l, i) => i > newRequests && /^\t[0-9]+\s*$/.test(l));
  if (heading < 0 || prose < 0 || newRequests < 0 || cell < 0)
    throw new Error('seed report: could not find a prose line and a section 三 table cell to edit');
  return {
    prose: { line: prose, character: 10 },
    cell: { line: cell, character: 1 },
    label: { line: newRequests, character: 3 },
    heading: { line: heading, character: 1 },
  };
}

/**
 * Time the server's JavaScript thread spent running and waiting for a CPU
 * (Linux /proc/<pid>/schedstat, in ns), or undefined where unavailable.
 * Waiting time is what other processes on the machine add to the latency.
 */
function schedstat(pid) {
  try {
    const [runNs, waitNs] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return Number.isFinite(runNs) && Number.isFinite(waitNs) ? { runNs, waitNs } : undefined;
  } catch {
    return undefined;
  }
}

const stat = (s) => ({ n: s.length, median: median(s), p99: percentile(s, 99), max: Math.max(...s) });

const FORM_DOCUMENTS = [
  { form: 'oneline', suffix: '.oneline.txt', languageId: 'xxgk-report' },
  { form: 'fused', suffix: '.fused.txt', languageId: 'xxgk-report' },
  { form: 'md-split', suffix: '.md-split.md', languageId: 'markdown' },
];

/** Line and character of a string offset. */
function positionOf(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/**
 * Edit targets in any form of the seed report: a prose spot (just after
 * the first sentence of section 一) and the first digit after 本年新收 (in a
 * fused run, typing there changes the run and its split).
 */
function formTargets(text) {
  const heading = text.search(/一、\s*总体情况/);
  const stop = heading < 0 ? -1 : text.indexOf('。', heading);
  const label = text.indexOf('本年新收');
  const digit = label < 0 ? -1 : label + text.slice(label).search(/[0-9]/);
  if (stop < 0 || label < 0 || digit < label)
    throw new Error('form of the seed report: could not find a prose spot and the first section 三 number to edit');
  return { prose: positionOf(text, stop + 1), cell: positionOf(text, digit) };
}

/**
 * Closed loop: type a digit and delete it again, each edit waiting for the
 * diagnostics of its version; every fifth pair in the table cell.
 * `version` is the document's current version.
 */
async function typeKeystrokes({ connection, diagnosticsFor }, uri, targets, edits, version) {
  const samples = { all: [], prose: [], table: [] };
  const diagnosticCounts = new Set();
  for (let k = 0; k < edits; k++) {
    const pair = k >> 1;
    const where = pair % 5 === 4 ? 'table' : 'prose';
    const at = targets[where === 'table' ? 'cell' : 'prose'];
    const typing = k % 2 === 0;
    const change = typing
      ? { range: { start: at, end: at }, text: String((pair % 9) + 1) }
      : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
    version++;
    const published = diagnosticsFor(uri, version);
    const t0 = process.hrtime.bigint();
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const { at: t1, params } = await published;
    const ms = Number(t1 - t0) / 1e6;
    samples.all.push(ms);
    samples[where].push(ms);
    diagnosticCounts.add(params.diagnostics.length);
  }
  return { samples, diagnosticCounts, version };
}

export async function benchServer({ quick, log, profileDir }) {
  const seed = loadFixtures().find((f) => f.path === SEED);
  if (!seed) throw new Error(`seed report ${SEED} not found`);
  const server = await startServer({ profileDir });
  try {
    const { connection, guard, diagnosticsFor } = server;
    const uri = pathToFileURL(join(ROOT, SEED)).href;
    log('server: open seed report');
    const opened = diagnosticsFor(uri, 1);
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'xxgk-report', version: 1, text: seed.text },
    });
    await opened;

    // Keystrokes: type a digit and delete it again; every fifth pair in a table cell (its sums change).
    const targets = editTargets(seed.text);
    const edits = quick ? 300 : 1000;
    log(`server: ${edits} keystrokes`);
    const schedBefore = schedstat(server.child.pid);
    const { samples, diagnosticCounts } = await typeKeystrokes(server, uri, targets, edits, 1);
    const schedAfter = schedstat(server.child.pid);
    const perKeystroke =
      schedBefore && schedAfter
        ? { cpuMs: (schedAfter.runNs - schedBefore.runNs) / 1e6 / edits, waitMs: (schedAfter.waitNs - schedBefore.waitNs) / 1e6 / edits }
        : undefined;

    // Requests on the unchanged document (served from the cached analysis).
    const calls = quick ? 100 : 300;
    const diagnostics = server.lastDiagnostics.get(uri) ?? [];
    const fixable = new Set(
      loadEngine()
        .RULES.filter((r) => r.fixable)
        .map((r) => r.id),
    );
    const withFix = diagnostics.find((d) => fixable.has(d.code)) ?? diagnostics[0];
    const cellPos = targets.cell;
    const hoverAt = [cellPos, targets.label, targets.heading];
    const requests = {
      documentSymbol: () => connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }),
      hover: (i) => connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: hoverAt[i % hoverAt.length] }),
      codeAction: () =>
        connection.sendRequest('textDocument/codeAction', {
          textDocument: { uri },
          range: withFix?.range ?? { start: cellPos, end: cellPos },
          context: { diagnostics: withFix ? [withFix] : [] },
        }),
    };
    const requestStats = {};
    for (const [name, send] of Object.entries(requests)) {
      log(`server: ${calls} × ${name}`);
      for (let i = 0; i < 10; i++) await guard(send(i), name);
      const s = [];
      let empty = 0;
      for (let i = 0; i < calls; i++) {
        const t0 = process.hrtime.bigint();
        const result = await guard(send(i), name);
        s.push(msSince(t0));
        if (result === null || (Array.isArray(result) && result.length === 0)) empty++;
      }
      requestStats[name] = { n: s.length, median: median(s), p99: percentile(s, 99), emptyResults: empty };
    }

    const rssAfter = procMemory(server.child.pid);

    // The same keystrokes in the seed's one-line, fused and split-Markdown forms (as the editor opens them).
    const forms = [];
    for (const form of FORM_DOCUMENTS) {
      const path = SEED.replace('test/fixtures/corpus/', 'test/fixtures/forms/').replace(/\.txt$/, form.suffix);
      let text;
      try {
        text = readFileSync(join(ROOT, path), 'utf8');
      } catch {
        log(`server: ${path} not found, skipped`);
        continue;
      }
      const formUri = pathToFileURL(join(ROOT, path)).href;
      const opened = diagnosticsFor(formUri, 1);
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: formUri, languageId: form.languageId, version: 1, text },
      });
      await opened;
      const n = quick ? 100 : 300;
      log(`server: ${n} keystrokes in ${path.split('/').pop()}`);
      const typed = await typeKeystrokes(server, formUri, formTargets(text), n, 1);
      await connection.sendNotification('textDocument/didClose', { textDocument: { uri: formUri } });
      forms.push({
        document: path,
        form: form.form,
        chars: text.length,
        longestLine: Math.max(...text.split('\n').map((l) => l.length)),
        keystrokes: {
          all: stat(typed.samples.all),
          prose: stat(typed.samples.prose),
          table: stat(typed.samples.table),
          diagnosticCounts: [...typed.diagnosticCounts].sort((a, b) => a - b),
        },
      });
    }
    return {
      forms,
      document: SEED,
      chars: seed.text.length,
      keystrokes: {
        all: stat(samples.all),
        warm: stat(samples.all.slice(100)),
        prose: stat(samples.prose),
        table: stat(samples.table),
        diagnosticCounts: [...diagnosticCounts].sort((a, b) => a - b),
        serverThread: perKeystroke,
      },
      requests: requestStats,
      rssAfter,
    };
  } finally {
    await server.stop();
  }
}

export async function benchMemory({ log, count = 50 }) {
  const fixtures = loadFixtures();
  const server = await startServer();
  try {
    const { connection, guard, diagnosticsFor, child } = server;
    await new Promise((r) => setTimeout(r, 200));
    const baseline = procMemory(child.pid);
    log(`memory: open ${count} reports`);
    let chars = 0;
    const pending = [];
    for (let i = 0; i < count; i++) {
      const f = fixtures[i % fixtures.length];
      const text = variedCopy(f.text, Math.floor(i / fixtures.length));
      chars += text.length;
      const uri = `file:///bench/reports/${String(i).padStart(2, '0')}-${f.name}`;
      pending.push(diagnosticsFor(uri, 1));
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: f.ext === '.md' ? 'markdown' : 'xxgk-report', version: 1, text },
      });
    }
    await guard(Promise.all(pending), `diagnostics for all ${count} opened reports`);
    // Let the server settle (no forced GC: this is what the user's machine sees).
    await new Promise((r) => setTimeout(r, 500));
    const after = procMemory(child.pid);
    return { reports: count, chars, baseline, after };
  } finally {
    await server.stop();
  }
}
