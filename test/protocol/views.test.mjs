// @ts-check
// View documents over LSP: a PDF or Word file is read by the server
// (xxgk/view), shown by the editor as its reading text under the xxgk-view:
// scheme, and checked like any report — diagnostics, a hover that says where
// in the file (第 4 页, 表 3 第 4 行第 15 列), no edits (the view is
// read-only). A workspace check publishes a PDF's findings on its view.
// The real files of ../shared/corpus are read in place, never copied.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ROOT, startServer } from './harness.mjs';
import { defined } from '../lib/narrow.mjs';
import { word } from '../lib/word97.mjs';
/** @import { Client } from './harness.mjs' */

const SHARED = join(ROOT, '..', 'shared', 'corpus');
const PDF = join(SHARED, 'pdf', 'hongze-2023.pdf');
const DOCX = join(SHARED, 'docx', 'template-2021-blank.docx');
const skip = existsSync(PDF) && existsSync(DOCX) ? false : '../shared/corpus is not beside the repository';

describe('views of PDF and Word files', { skip }, () => {
  /** @type {Client} */
  let client;
  before(async () => {
    client = await startServer();
  });
  after(() => client.stop());

  test('a PDF: its view text, its findings, a hover naming the page, no edits', async () => {
    const fileUri = pathToFileURL(PDF).href;
    const view = await client.request('xxgk/view', { uri: fileUri }, 30000);
    assert.equal(view.form, 'pdf');
    assert.equal(view.viewUri, fileUri.replace(/^file:/, 'xxgk-view:'));
    assert.deepEqual(view.problems, []);
    assert.match(view.text, /一、总体情况/);
    const { diagnostics } = await client.open(view.viewUri, view.text, 'xxgk-report');
    // The real error of the published report: 行政复议 10, 1, 0, 0 with 总计 0.
    const wrong = diagnostics.find((d) => d.code === 'sum-mismatch' && /行政复议/.test(d.message));
    assert.ok(wrong, diagnostics.map((d) => d.message).join('\n'));
    const hover = await client.request('textDocument/hover', { textDocument: { uri: view.viewUri }, position: wrong.range.start });
    assert.match(defined(hover).contents.value, /原文位置：第 4 页/);
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri: view.viewUri },
      range: wrong.range,
      context: { diagnostics: [wrong] },
    });
    assert.deepEqual(actions, [], 'a read-only view offers no edits');
    await client.close(view.viewUri);
  });

  test('a Word file: the blank template reads with every section and table; a hover names the table cell', async () => {
    const view = await client.request('xxgk/view', { uri: pathToFileURL(DOCX).href }, 30000);
    assert.equal(view.form, 'docx');
    const { diagnostics } = await client.open(view.viewUri, view.text, 'xxgk-report');
    assert.ok(diagnostics.length > 0);
    // Errors and warnings: only the blank cells (a blank template lacks its numbers); hints about missing statements may follow.
    assert.deepEqual(
      [...new Set(diagnostics.filter((d) => (d.severity ?? 4) <= 2).map((d) => d.code))],
      ['blank-cell'],
      'a blank template only lacks its numbers',
    );
    // The row label （七）总计 of section 三: in the second table of the file, its own row and column.
    const lines = view.text.split('\n');
    const line = lines.findIndex((l) => l.includes('（七）总计'));
    const hover = await client.request('textDocument/hover', {
      textDocument: { uri: view.viewUri },
      position: { line, character: lines[line].indexOf('（七）总计') + 1 },
    });
    assert.match(defined(hover).contents.value, /总计/);
    assert.match(defined(hover).contents.value, /原文位置：表 2 第 \d+ 行第 \d+ 列/);
    await client.close(view.viewUri);
  });

  test('a Kingsoft WPS file (.wps): shown through a view like the Word 97 binary it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-views-'));
    const wps = join(dir, 'report.wps');
    writeFileSync(wps, word([['一、总体情况\r本机关2023年主动公开政府信息。\r', false]]));
    const view = await client.request('xxgk/view', { uri: pathToFileURL(wps).href }, 30000);
    assert.equal(view.form, 'docx');
    assert.deepEqual(view.problems, []);
    assert.match(view.text, /^一、总体情况$/m);
    // A workspace check reads a .wps through its view too (a link to the blank template: a Word file named .wps).
    const linked = join(dir, 'template.wps');
    symlinkSync(DOCX, linked);
    const linkedUri = pathToFileURL(linked).href;
    const published = client.nextDiagnostics(linkedUri.replace(/^file:/, 'xxgk-view:'), () => true, 30000);
    const result = await client.request('xxgk/checkFiles', { uris: [linkedUri] }, 60000);
    assert.equal(result.reports, 1, JSON.stringify(result.skipped));
    assert.ok((await published).diagnostics.some((d) => d.code === 'blank-cell'));
  });

  test('a web archive (.mht): shown through a view as the page it holds; a workspace check publishes its findings there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-views-'));
    const page = readFileSync(join(ROOT, 'test', 'fixtures', 'html', 'shuyang-fagaiju-2023.html'));
    const boundary = '----=_NextPart_000_0000_01DA0000.00000000';
    const mht = join(dir, 'report.mht');
    writeFileSync(
      mht,
      Buffer.concat([
        Buffer.from(
          `MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\tboundary="${boundary}"\r\n\r\n--${boundary}\r\n` +
            'Content-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n',
        ),
        Buffer.from(page.toString('base64').replace(/.{76}/g, '$&\r\n')),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    );
    const mhtUri = pathToFileURL(mht).href;
    const view = await client.request('xxgk/view', { uri: mhtUri }, 30000);
    assert.equal(view.form, 'html');
    assert.deepEqual(view.problems, []);
    assert.match(view.text, /^一、总体情况$/m);
    const published = client.nextDiagnostics(mhtUri.replace(/^file:/, 'xxgk-view:'), () => true, 30000);
    // A damaged one (no page part) is skipped with the reason.
    const bad = join(dir, 'bad.mhtml');
    writeFileSync(
      bad,
      `MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n--x\r\nContent-Type: image/png\r\n\r\n\r\n--x--\r\n`,
    );
    const result = await client.request('xxgk/checkFiles', { uris: [mhtUri, pathToFileURL(bad).href] }, 60000);
    assert.equal(result.reports, 1, JSON.stringify(result.skipped));
    assert.ok((await published).diagnostics.some((d) => d.code === 'blank-cell'));
    assert.equal(result.skipped.length, 1);
    assert.match(result.skipped[0].reason, /没有网页（text\/html）部分|no web page/);
  });

  test('a workspace check publishes a PDF’s findings on its view; a PDF without text is skipped with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-views-'));
    // A valid one-page PDF with no text at all: what a scan looks like to a reader.
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    ];
    let body = '%PDF-1.4\n';
    const offsets = objects.map((o, i) => {
      const at = body.length;
      body += `${i + 1} 0 obj\n${o}\nendobj\n`;
      return at;
    });
    const xref = body.length;
    body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    const scan = join(dir, 'scan.pdf');
    writeFileSync(scan, body, 'latin1');
    const pdfUri = pathToFileURL(PDF).href;
    const published = client.nextDiagnostics(pdfUri.replace(/^file:/, 'xxgk-view:'), () => true, 30000);
    const result = await client.request('xxgk/checkFiles', { uris: [pdfUri, pathToFileURL(scan).href] }, 60000);
    const { diagnostics } = await published;
    assert.ok(diagnostics.some((d) => d.code === 'sum-mismatch'));
    assert.equal(result.reports, 1);
    assert.equal(result.skipped.length, 1);
    assert.match(result.skipped[0].reason, /没有文字层|no text layer/);
  });
});
