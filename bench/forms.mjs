// The published forms, each beside its floor in the same run:
// - PDF: our read + check of each real PDF (../shared/corpus/pdf, read in
//   place) vs `pdftotext -layout` on it (poppler, a process per file, as a
//   reviewer's shell loop would run it). Target ≤ 10×.
// - HTML: read + check of a page vs parse5 parsing it alone (with source
//   locations, as the reader does). Target ≤ 3×.
// - .docx: read + check of Word files vs unzipping them and streaming their
//   XML through saxes with no handlers (the libraries' own floor).
// - What the editor loads for a text report: server.js's size and the time
//   from spawning the server to its first diagnostics on a text report; the
//   form readers are bundles of their own, loaded only when met.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { htmlForms } from '../scripts/html-forms.mjs';
import { docxForms } from '../scripts/docx-forms.mjs';
import { findPdftotext } from '../scripts/forms-lib.mjs';
import { msSince, ROOT, summary } from './lib/util.mjs';

const require = createRequire(import.meta.url);

/** Median of `n` timed runs of an async function (after one warm-up). */
async function timed(n, fn) {
  await fn();
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(msSince(t0));
  }
  return summary(times);
}

export async function benchForms({ quick, log }) {
  const engine = require(join(ROOT, 'server/out/engine.js'));
  const files = require(join(ROOT, 'server/out/readers/files.js'));
  const parse5 = require('parse5');
  const { unzipSync } = require('fflate');
  const { SaxesParser } = require('saxes');
  const n = quick ? 5 : 20;
  const out = { pdf: [], html: [], docx: [], editor: {} };

  const pdfDir = join(ROOT, '..', 'shared', 'corpus', 'pdf');
  const pdftotext = findPdftotext();
  for (const name of existsSync(pdfDir) ? ['hongze-2023.pdf', 'hongze-2024.pdf'] : []) {
    const path = join(pdfDir, name);
    const bytes = readFileSync(path);
    log(`pdf ${name}`);
    const ours = await timed(n, async () => engine.analyse((await files.readFileBytes(path, bytes)).doc.text));
    const floor = pdftotext ? await timed(n, async () => spawnSync(pdftotext, ['-layout', path, '-'], { encoding: 'utf8' })) : undefined;
    out.pdf.push({ file: name, bytes: bytes.length, ours, pdftotext: floor, ratio: floor ? ours.median / floor.median : NaN });
  }

  const pages = [{ name: 'shuyang-fagaiju-2023.html', bytes: readFileSync(join(ROOT, 'test/fixtures/html/shuyang-fagaiju-2023.html')) }];
  for (const f of htmlForms(engine).filter((f) => f.report === 'hongze-2023'))
    pages.push({ name: `hongze-2023.${f.form}.html`, bytes: f.bytes });
  for (const p of pages) {
    log(`html ${p.name}`);
    const read = await files.readFileBytes(p.name, p.bytes);
    const source = read.decoded.text;
    const ours = await timed(n * 2, async () => engine.analyse((await files.readFileBytes(p.name, p.bytes)).doc.text));
    const floor = await timed(n * 2, async () => parse5.parse(source, { sourceCodeLocationInfo: true }));
    out.html.push({ file: p.name, bytes: p.bytes.length, ours, parse5: floor, ratio: ours.median / floor.median });
  }

  for (const f of docxForms(engine).filter((f) => f.bytes && f.report === 'shandong-guodongban-2023')) {
    log(`docx ${f.report}.${f.form}`);
    const ours = await timed(n * 2, async () => engine.analyse((await files.readFileBytes('x.docx', f.bytes)).doc.text));
    const floor = await timed(n * 2, async () => {
      const parts = unzipSync(f.bytes, { filter: (e) => e.name === 'word/document.xml' });
      const parser = new SaxesParser();
      parser.write(new TextDecoder().decode(parts['word/document.xml'])).close();
    });
    out.docx.push({ file: `${f.report}.${f.form}.docx`, bytes: f.bytes.length, ours, floor, ratio: ours.median / floor.median });
  }

  // The editor on a text report: what it loads, and how soon a report's diagnostics come.
  const size = (p) => (existsSync(join(ROOT, p)) ? statSync(join(ROOT, p)).size : 0);
  out.editor.bundles = Object.fromEntries(
    [
      'server/out/server.js',
      'client/out/extension.js',
      'server/out/readers/html.js',
      'server/out/readers/docx.js',
      'server/out/readers/pdf.js',
      'server/out/readers/files.js',
    ].map((p) => [p, size(p)]),
  );
  log('editor: spawn → first diagnostics on a text report');
  const text = readFileSync(join(ROOT, 'test/fixtures/corpus/shandong-guodongban-2023.txt'), 'utf8');
  const starts = [];
  for (let i = 0; i < (quick ? 3 : 10); i++) starts.push(await firstDiagnostics(text));
  out.editor.firstDiagnostics = summary(starts);
  return out;
}

/** Milliseconds from spawning the server to the diagnostics of a report opened right after initialize. */
async function firstDiagnostics(text) {
  const { spawn } = await import('node:child_process');
  const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, [join(ROOT, 'server/out/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Promise((resolve) =>
    connection.onNotification('textDocument/publishDiagnostics', (p) => p.diagnostics.length > 0 && resolve()),
  );
  connection.onNotification(() => {});
  connection.onRequest(() => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    initializationOptions: { debounceMs: 0 },
  });
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: 'file:///bench/report.txt', languageId: 'plaintext', version: 1, text },
  });
  await published;
  const ms = msSince(t0);
  connection.dispose();
  child.kill();
  return ms;
}
