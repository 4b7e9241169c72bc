// The workspace index and the cross-report rules in the editor (issue 11):
// - index build: a workspace folder of 1,000 text reports (the corpus
//   reports under 250 agency names, four years each), from `initialized` to
//   the server's "workspace index: N report(s)" log line. Target: a few seconds.
// - keystroke → diagnostics with the cross rules on: one report open whose
//   last year is in the index; a cell typed in its section-三 table, the time
//   to the publishDiagnostics of that version (median of many), beside the
//   same keystroke in a workspace without folders (no index).

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { ROOT, summary } from './lib/util.mjs';

const BASES = ['changchun-guodongban-2023', 'shandong-guodongban-2023', 'hongze-2023', 'hongze-2024'];

/** 1,000 reports: agency i's reports for four years (each a corpus report with its title's agency and years changed). */
function makeWorkspace(n) {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-bench-index-'));
  const texts = BASES.map((b) => readFileSync(join(ROOT, 'test', 'fixtures', 'corpus', `${b}.txt`), 'utf8'));
  for (let i = 0; i < n; i++) {
    const agency = Math.floor(i / 4);
    const year = 2021 + (i % 4);
    const text = texts[i % texts.length]
      .replace(/(淮安市洪泽区人民政府|长春市国动办|山东省国防动员办公室|洪泽区人民政府)(\s*)(20\d\d)/, `测试${agency}县交通运输局$2${year}`)
      .replace(/20(2[0-9])(?=\s*年\s*1\s*月\s*1\s*日)/g, String(year));
    writeFileSync(join(dir, `agency-${agency}-${year}.txt`), text);
  }
  return dir;
}

async function start(folder) {
  const child = spawn(process.execPath, [join(ROOT, 'server', 'out', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = new Set();
  let indexed;
  const built = new Promise((resolve) => (indexed = resolve));
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    for (const w of [...waiters]) {
      if (!w.test(p)) continue;
      waiters.delete(w);
      w.resolve(p);
    }
  });
  connection.onNotification('window/logMessage', (m) => {
    const hit = /workspace index: (\d+) report/.exec(m.message);
    if (hit) indexed({ at: performance.now(), reports: Number(hit[1]) });
  });
  connection.onNotification('xxgk/checked', () => {});
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const uri = folder ? pathToFileURL(folder).href : null;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: uri ? [{ uri, name: 'bench' }] : null,
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    initializationOptions: { debounceMs: 0, locale: 'zh-cn' },
  });
  const t0 = performance.now();
  await connection.sendNotification('initialized', {});
  const next = (u, test) =>
    new Promise((resolve) => {
      waiters.add({ test: (p) => p.uri === u && test(p), resolve });
    });
  return { connection, child, next, built, t0 };
}

async function keystrokes(s, uri, text, n) {
  let version = 1;
  const first = s.next(uri, () => true);
  await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version, text } });
  await first;
  const at = text.indexOf('二、上年结转');
  const line = text.slice(0, at).split('\n').length - 1;
  const times = [];
  let crossSeen = 0;
  for (let i = 0; i < n; i++) {
    version++;
    const done = s.next(uri, (p) => p.version === version);
    const t = performance.now();
    // Type a space at the row's start and take it away again, alternately.
    const change =
      i % 2 === 0
        ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ' ' }
        : { range: { start: { line, character: 0 }, end: { line, character: 1 } }, text: '' };
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const p = await done;
    times.push(performance.now() - t);
    if (p.diagnostics.some((d) => d.code === 'copied-text' || d.code === 'carry-over-mismatch' || d.code === 'duplicate-report'))
      crossSeen++;
  }
  return { ...summary(times), crossSeen };
}

async function stop(s) {
  try {
    await s.connection.sendRequest('shutdown');
    await s.connection.sendNotification('exit');
  } catch {
    // gone
  }
  s.connection.dispose();
  if (s.child.exitCode === null) s.child.kill();
}

export async function benchCross({ quick = false, log = () => {} } = {}) {
  const n = 1000;
  const dir = makeWorkspace(n);
  try {
    const s = await start(dir);
    const built = await s.built;
    const build = { reports: built.reports, files: n, ms: built.at - s.t0 };
    log(`index: ${build.reports} reports of ${n} files in ${build.ms.toFixed(0)} ms`);
    // agency 0's 2022 report (its 2021 report is in the index, and both are the same corpus text with other years: copied).
    const uri = pathToFileURL(join(dir, 'agency-0-2022.txt')).href;
    const text = readFileSync(join(dir, 'agency-0-2022.txt'), 'utf8');
    const k = quick ? 20 : 100;
    const withIndex = await keystrokes(s, uri, text, k);
    await stop(s);
    const bare = await start(undefined);
    const withoutIndex = await keystrokes(bare, uri, text, k);
    await stop(bare);
    log(`keystroke: ${withIndex.median.toFixed(1)} ms with the index, ${withoutIndex.median.toFixed(1)} ms without`);
    return { build, keystroke: { withIndex, withoutIndex } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
