// The language server soak: `npm run soak [-- --cycles 10000 --seed N --timeout 5000]`.
//
// One server process (default node flags, as shipped) takes open → random
// edits → requests → close cycles over every fixture and engine variant:
// typing, deletions, pasted chunks of other reports, digits changed in
// tables, quick-fixes and fix-all applied as an editor would apply them,
// hovers, outlines, folding and code actions at random places; every 50th
// cycle a malformed message is written onto the server's stdin (bad header,
// garbage body, invalid JSON …) and every 20th a request is cancelled
// ($/cancelRequest) right after it is sent. It counts
//   crashes       the server process exited (it is restarted and the soak goes on)
//   hangs         a response or a version's diagnostics did not arrive in time
//   wrong         published diagnostics differ from the engine's on the same text
//                 (checked every 10th cycle), or a fix pinned to a stale version
// and prints the server's resident memory at the start, after 1,000 cycles
// and at the end, its peak, and any error the server logged (a check that
// threw on a mutated document is logged by rule id — reported here).
// Exit code 0 only when crashes, hangs and wrong answers are all 0, the
// server logged no error of its own and wrote nothing to stderr.
//
// Needs a build (npm run build); uses the protocol tests' client.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { ROOT, comparable, documents, expectedDiagnostics, startServer, textDocumentEdits } from '../test/protocol/harness.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const CYCLES = arg('cycles', 10_000);
const SEED = arg('seed', 20240601);
const TIMEOUT = arg('timeout', 5000);

if (!existsSync(join(ROOT, 'server', 'out', 'server.js'))) {
  console.error('server/out/server.js is missing: run npm run build first');
  process.exit(2);
}

// mulberry32: small, seedable, good enough to pick edits.
let state = SEED >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(random() * n);
const pick = (list) => list[int(list.length)];

const counts = {
  documents: 0,
  requests: 0,
  notifications: 0,
  edits: 0,
  fixesApplied: 0,
  malformed: 0,
  cancelled: 0,
  correctnessChecks: 0,
  crashes: 0,
  hangs: 0,
  wrong: 0,
};

/** Malformed input that costs at most itself (a Content-Length longer than its body would swallow what follows, so is not sent). */
const frame = (body) => Buffer.concat([Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`), Buffer.from(body)]);
const MALFORMED = [
  () => frame(Buffer.from(Array.from({ length: 1 + int(200) }, () => int(256)))),
  () => frame('{"jsonrpc":"2.0","id":'),
  () => frame('null'),
  () => frame('[1,2,3]'),
  () =>
    frame(
      JSON.stringify({
        jsonrpc: '2.0',
        method: 'textDocument/didChange',
        params: { textDocument: { uri: 'file:///nowhere', version: 1 }, contentChanges: [{ text: 'x' }] },
      }),
    ),
  () => frame(JSON.stringify({ jsonrpc: '2.0', method: '$/cancelRequest', params: null })),
  () => Buffer.from('not a header\r\n\r\n'),
  () => Buffer.from('Content-Type: text/plain\r\n\r\n{"jsonrpc":"2.0","method":"x"}'),
  () => Buffer.from(`Content-Length: ${pick(['abc', '-1', '1.5', '99999999999'])}\r\n\r\n{}`),
  () => Buffer.from('Content-Length: 2\r\n\r\n{"jsonrpc":"2.0","method":"initialized","params":{}}'),
  () => Buffer.from('stray bytes without an end'),
];
const problems = [];
const serverErrors = new Map(); // first line of each error the server logged → times
let serverStderr = '';

const docs = await documents();
const SNIPPETS = [
  '0',
  '1',
  '59',
  '１２',
  '\t',
  '\t0',
  '\n',
  '\r\n',
  '（',
  '）',
  '|',
  ' | ',
  '一、',
  '二、主动公开政府信息情况',
  '(七)总计',
  '合计',
  '- 3 -',
  '[bookmark: _GoBack]',
  '—',
  '\u00a0',
  '𠀀',
  '🙂',
  '-1',
  '0.5',
  '1e9',
  '99999999999999999999',
];

/** A random edit on the client's copy: [{ range, newText }]. */
function randomEdit(doc) {
  const text = doc.getText();
  const at = int(text.length + 1);
  const pos = (offset) => doc.positionAt(Math.max(0, Math.min(text.length, offset)));
  switch (int(8)) {
    case 0: // type a few characters
      return [{ range: { start: pos(at), end: pos(at) }, newText: Array.from({ length: 1 + int(4) }, () => pick(SNIPPETS)).join('') }];
    case 1: // delete a little
      return [{ range: { start: pos(at), end: pos(at + 1 + int(30)) }, newText: '' }];
    case 2: {
      // delete whole lines
      const line = int(doc.lineCount);
      return [{ range: { start: { line, character: 0 }, end: { line: line + 1 + int(5), character: 0 } }, newText: '' }];
    }
    case 3: {
      // change a digit
      const digits = [...text.matchAll(/\d/g)];
      if (digits.length === 0) return [{ range: { start: pos(at), end: pos(at) }, newText: '7' }];
      const m = pick(digits);
      return [{ range: { start: pos(m.index), end: pos(m.index + 1) }, newText: String(int(10)) }];
    }
    case 4: {
      // paste a chunk of another document
      const other = pick(docs).text;
      const from = int(other.length);
      return [{ range: { start: pos(at), end: pos(at) }, newText: other.slice(from, from + 1 + int(400)) }];
    }
    case 5: {
      // duplicate a line
      const line = int(doc.lineCount);
      const start = doc.offsetAt({ line, character: 0 });
      const end = doc.offsetAt({ line: line + 1, character: 0 });
      return [{ range: { start: pos(start), end: pos(start) }, newText: text.slice(start, end) || '\n' }];
    }
    case 6: // two edits at once (a multi-cursor edit)
      return [...randomEdit(doc), ...randomEdit(doc)].filter((e, i, all) => i === 0 || !overlaps(doc, e, all[0]));
    default: // replace a span with spaces (a ragged paste)
      return [{ range: { start: pos(at), end: pos(at + int(10)) }, newText: ' '.repeat(int(6)) }];
  }
}

function overlaps(doc, a, b) {
  const [as, ae, bs, be] = [a.range.start, a.range.end, b.range.start, b.range.end].map((p) => doc.offsetAt(p));
  return as <= be && bs <= ae;
}

function rss(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { rss: Number(/^VmRSS:\s+(\d+)/m.exec(status)[1]) / 1024, peak: Number(/^VmHWM:\s+(\d+)/m.exec(status)[1]) / 1024 };
  } catch {
    return undefined;
  }
}

let client;
let exited = false;
async function start() {
  client = await startServer();
  exited = false;
  client.child.on('exit', () => (exited = true));
  client.connection.onNotification('window/logMessage', (p) => {
    if (p.type !== 1) return;
    const key = p.message.split('\n')[0].slice(0, 200);
    serverErrors.set(key, (serverErrors.get(key) ?? 0) + 1);
  });
}

/** Runs one step; a timeout counts as a hang and a dead process as a crash, and both restart the server. */
async function step(what, run) {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (exited || client.child.exitCode !== null) {
      counts.crashes++;
      problems.push(`crash during ${what}: exit ${client.child.exitCode}; stderr: ${client.stderr.slice(-500)}`);
    } else if (/timed out/.test(message)) {
      counts.hangs++;
      problems.push(`hang during ${what}: ${message}`);
    } else {
      counts.wrong++;
      problems.push(`${what}: ${message}`);
    }
    serverStderr += client.stderr;
    await client.stop().catch(() => {});
    await start();
    return { ok: false };
  }
}

const request = (method, params) => {
  counts.requests++;
  return client.request(method, params, TIMEOUT);
};

await start();
const started = Date.now();
const memory = { start: rss(client.child.pid), at1000: undefined, end: undefined };
console.log(
  `soak: ${CYCLES} cycles over ${docs.length} documents (fixtures and variants), seed ${SEED}, timeout ${TIMEOUT} ms; server pid ${client.child.pid}, RSS ${memory.start.rss.toFixed(1)} MiB`,
);

for (let cycle = 1; cycle <= CYCLES; cycle++) {
  const d = docs[int(docs.length)];
  const uri = `file:///xxgk-soak/${cycle}/${d.name.replace(/\//g, '_')}`;
  counts.documents++;
  const done = await step(`cycle ${cycle} (${d.name})`, async () => {
    counts.notifications++;
    let published = await client.open(uri, d.text, d.languageId);
    if (cycle % 50 === 0) {
      counts.malformed++;
      await new Promise((resolve, reject) => client.child.stdin.write(pick(MALFORMED)(), (e) => (e ? reject(e) : resolve())));
    }
    if (cycle % 20 === 0) {
      // Cancelled at once: either answered or refused with RequestCancelled, never left hanging.
      counts.requests++;
      counts.cancelled++;
      const source = new CancellationTokenSource();
      const pending = client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }, source.token);
      source.cancel();
      let timer;
      const outcome = await Promise.race([
        pending.then(
          () => 'answered',
          (e) => (e?.code === -32800 ? 'cancelled' : `error ${e?.code}: ${e?.message}`),
        ),
        new Promise((resolve) => (timer = setTimeout(() => resolve('timed out'), TIMEOUT))),
      ]).finally(() => clearTimeout(timer));
      if (outcome === 'timed out') throw new Error('cancelled request: timed out');
      if (outcome.startsWith('error')) throw new Error(`cancelled request: ${outcome}`);
    }
    const edits = 1 + int(5);
    for (let e = 0; e < edits; e++) {
      const doc = client.document(uri);
      const r = random();
      if (r < 0.15 && published.diagnostics.length > 0) {
        // Ask for the fixes of one diagnostic and apply one, as an editor would.
        const diagnostic = pick(published.diagnostics);
        const actions = await request('textDocument/codeAction', {
          textDocument: { uri },
          range: diagnostic.range,
          context: { diagnostics: [diagnostic] },
        });
        const withEdit = actions.filter((a) => a.edit);
        if (withEdit.length > 0) {
          const fixEdits = textDocumentEdits(pick(withEdit).edit, uri, doc.version);
          counts.notifications++;
          counts.fixesApplied++;
          published = await client.edit(uri, fixEdits);
          continue;
        }
      } else if (r < 0.2) {
        const actions = await request('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [], only: ['source.fixAll.xxgk'] },
        });
        if (actions.length > 0 && actions[0].edit) {
          const fixEdits = textDocumentEdits(actions[0].edit, uri, doc.version);
          if (fixEdits.length > 0) {
            counts.notifications++;
            counts.fixesApplied++;
            published = await client.edit(uri, fixEdits);
            continue;
          }
        }
      }
      counts.notifications++;
      counts.edits++;
      published = await client.edit(uri, randomEdit(doc));
    }
    const doc = client.document(uri);
    const position = { line: int(doc.lineCount + 2), character: int(60) };
    await request('textDocument/hover', { textDocument: { uri }, position });
    if (random() < 0.5) await request('textDocument/documentSymbol', { textDocument: { uri } });
    if (random() < 0.3) await request('textDocument/foldingRange', { textDocument: { uri } });
    if (cycle % 10 === 0) {
      counts.correctnessChecks++;
      const expected = expectedDiagnostics(doc.getText(), d.options);
      const actual = published.diagnostics.map(comparable);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        counts.wrong++;
        problems.push(
          `cycle ${cycle} (${d.name}): published diagnostics differ from the engine's (${actual.length} vs ${expected.length})`,
        );
      }
    }
    counts.notifications++;
    const closed = await client.close(uri);
    if (closed.diagnostics.length !== 0) throw new Error('diagnostics not cleared on close');
  });
  if (!done.ok) continue;
  if (cycle % 200 === 0) client.published.length = 0; // the test client keeps every message; not the server's memory
  if (cycle === 1000) memory.at1000 = rss(client.child.pid);
  if (cycle % 1000 === 0) {
    const m = rss(client.child.pid);
    console.log(
      `  ${cycle} cycles, ${counts.requests} requests, ${counts.crashes} crashes, ${counts.hangs} hangs, ${counts.wrong} wrong; RSS ${m?.rss.toFixed(1)} MiB; ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  }
}

memory.end = rss(client.child.pid);
serverStderr += client.stderr;
await client.stop();

const mib = (m) => (m ? `${m.rss.toFixed(1)} MiB` : '—');
console.log(`documents tried: ${counts.documents}`);
console.log(
  `requests sent: ${counts.requests} (${counts.cancelled} cancelled at once), plus ${counts.notifications} notifications (${counts.edits} random edits, ${counts.fixesApplied} fixes applied) and ${counts.malformed} malformed messages`,
);
console.log(
  `crashes: ${counts.crashes}, hangs: ${counts.hangs} (no response within ${TIMEOUT} ms), wrong answers: ${counts.wrong} (of ${counts.correctnessChecks} diagnostics compared with the engine)`,
);
console.log(
  `server RSS: start ${mib(memory.start)}, after 1,000 cycles ${mib(memory.at1000)}, end ${mib(memory.end)}, peak ${memory.end ? `${memory.end.peak.toFixed(1)} MiB` : '—'}`,
);
console.log(`server stderr: ${serverStderr ? JSON.stringify(serverStderr.slice(0, 500)) : 'empty'}`);
// vscode-jsonrpc's own words for a well-framed message that is not JSON-RPC: the injected malformed input.
const INJECTED = [/^Received message which is neither a response nor a notification/, /^Received empty message/];
const expected = [...serverErrors].filter(([line]) => INJECTED.some((re) => re.test(line)));
const unexpected = [...serverErrors].filter(([line]) => !INJECTED.some((re) => re.test(line)));
console.log(
  `errors logged by the server: ${unexpected.length === 0 ? 'none' : `${unexpected.length} distinct`}${expected.length ? ` (besides ${expected.reduce((n, [, k]) => n + k, 0)} answers to the injected malformed messages)` : ''}`,
);
for (const [line, n] of unexpected) console.log(`  ${n}× ${line}`);
for (const p of problems.slice(0, 20)) console.log(`PROBLEM: ${p}`);
console.log(`${((Date.now() - started) / 1000).toFixed(0)} s; reproduce with: npm run soak -- --cycles ${CYCLES} --seed ${SEED}`);
process.exitCode = counts.crashes + counts.hangs + counts.wrong + unexpected.length === 0 && !serverStderr ? 0 : 1;
