// @ts-check
// Web pages in the editor: a real published page (沭阳县发改局 2023) opened as
// HTML over LSP. Its findings sit on the page's own markup (the number inside
// its <td>), hover and outline work from page positions, and a quick-fix edits
// the HTML — a changed cell's text node, a missing row as a <tr> — after which
// the re-check is clean of that finding. A page that is not a report gets nothing.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { engine, ROOT, startServer, textDocumentEdits } from './harness.mjs';
import { defined } from '../lib/narrow.mjs';
import { readers } from '../lib/bundles.mjs';
import { mixedForms } from '../../scripts/mixed-forms.mjs';
/** @import { Client } from './harness.mjs' */

const PAGE = readFileSync(join(ROOT, 'test/fixtures/html/shuyang-fagaiju-2023.html'), 'utf8');
const html = engine; // the engine's findings, to compare with (read through the CLI's own reader bundle below)
const reader = readers.html;

/** The source text a diagnostic's range covers. */
/** @param {string} text @param {import('vscode-languageserver-protocol').Range} range */
const covered = (text, range) => {
  const doc = TextDocument.create('x', 'html', 1, text);
  return text.slice(doc.offsetAt(range.start), doc.offsetAt(range.end));
};

describe('HTML documents', () => {
  /** @type {Client} */
  let client;
  before(async () => {
    client = await startServer();
  });
  after(() => client.stop());

  test('diagnostics of a web page: the engine findings of its reading text, each on the source text it names', async () => {
    const uri = 'file:///page/shuyang.html';
    const { diagnostics } = await client.open(uri, PAGE, 'html');
    const reading = reader.readHtml(PAGE);
    const expected = html.analyse(reading.text).findings;
    assert.deepEqual(diagnostics.map((d) => d.data.id).sort(), expected.map((f) => f.id).sort());
    // Each diagnostic covers, in the page, exactly the text its finding covers in the reading text.
    const index = html.analyse(reading.text).index;
    for (const f of expected) {
      const d = defined(
        diagnostics.find((x) => x.data.id === f.id),
        f.id,
      );
      const readingText = reading.text.slice(index.offsetAt(f.range.start), index.offsetAt(f.range.end));
      // The page's text there, without the markup a label may be split by (<span>s of a Word export).
      const pageText = covered(PAGE, d.range).replace(/<[^>]*>/g, '');
      if (readingText.trim() && /^[^\t\n<>&]+$/.test(readingText))
        assert.equal(pageText, readingText, `${f.id}: covers ${JSON.stringify(pageText)}`);
      // A blank cell's diagnostic is inside its <td>: at the element, not in another cell's text.
      if (f.rule === 'blank-cell') assert.match(PAGE.slice(TextDocument.create('x', 'html', 1, PAGE).offsetAt(d.range.start)), /^<td\b/);
    }
    await client.close(uri);
  });

  test('hover on a number in the page names its row and column; the outline lists the six sections at their headings', async () => {
    const uri = 'file:///page/hover.html';
    await client.open(uri, PAGE, 'html');
    const doc = TextDocument.create(uri, 'html', 1, PAGE);
    // The 26 of 一、本年新收 × 自然人: the first table cell holding exactly 26.
    const at = PAGE.indexOf('微软雅黑;">26</span>') + '微软雅黑;">'.length;
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: doc.positionAt(at + 1) });
    assert.ok(hover, 'a hover');
    assert.match(defined(hover).contents.value, /本年新收/);
    assert.match(defined(hover).contents.value, /自然人/);
    assert.equal(covered(PAGE, defined(hover.range)), '26');
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    const sections = defined(symbols)
      .flatMap((s) => [s, ...(s.children ?? [])])
      .filter((s) => /^[一二三四五六]、/.test(s.name));
    assert.ok(sections.length >= 6, `six sections in the outline, got ${sections.map((s) => s.name)}`);
    for (const s of sections.slice(0, 6)) assert.ok(covered(PAGE, s.selectionRange).length > 0);
    await client.close(uri);
  });

  test('quick-fixes edit the HTML: a wrong total set in its text node, a deleted row inserted as a <tr>; the re-check loses the finding', async () => {
    // Break a total: 一、本年新收 × 总计 26 → 27 (the seventh cell holding 26 on its row is its total; take the one the engine names).
    const broken = PAGE.replace('微软雅黑;">26</span>', '微软雅黑;">27</span>');
    const i = broken.indexOf('属于国家秘密');
    const without = broken.slice(0, broken.lastIndexOf('<tr', i)) + broken.slice(broken.indexOf('</tr>', i) + 5);
    const uri = 'file:///page/fix.html';
    let current = (await client.open(uri, without, 'html')).diagnostics;
    let doc = defined(client.document(uri));
    for (const rule of ['sum-mismatch', 'missing-row']) {
      const d = current.find((x) => x.code === rule);
      assert.ok(d, `a ${rule} diagnostic`);
      const actions = await client.request('textDocument/codeAction', {
        textDocument: { uri },
        range: d.range,
        context: { diagnostics: [d] },
      });
      const action = defined(actions).find(
        (a) => a.kind === 'quickfix' && a.edit && (a.diagnostics ?? []).some((x) => x.data?.id === d.data.id),
      );
      assert.ok(
        action,
        `${rule}: a quick-fix with an edit (${defined(actions)
          .map((a) => a.title)
          .join(' | ')})`,
      );
      const edits = textDocumentEdits(action.edit, uri, doc.version);
      if (rule === 'missing-row') assert.match(edits.map((e) => e.newText).join(''), /^<tr><td>1\.属于国家秘密<\/td>(<td>0<\/td>)+<\/tr>$/);
      else for (const e of edits) assert.doesNotMatch(e.newText, /[<>]/, 'a number, not markup');
      current = (await client.edit(uri, edits)).diagnostics;
      assert.ok(!current.some((x) => x.data.id === d.data.id), `${rule}: the finding is gone after the fix`);
      doc = defined(client.document(uri));
    }
    // Only the two fixed places changed: the page is the original with its row back (as our own markup) and 26 restored.
    assert.equal(
      doc.getText().replace(/<tr><td>1\.属于国家秘密<\/td>(<td>0<\/td>)+<\/tr>/, ''),
      without.replace('微软雅黑;">27</span>', '微软雅黑;">26</span>'),
    );
    await client.close(uri);
  });

  test('a web page that is not a report gets no diagnostics', async () => {
    const uri = 'file:///page/other.html';
    const { diagnostics } = await client.open(
      uri,
      '<!doctype html><html><body><h1>关于我们</h1><table><tr><td>1</td><td>2</td></tr></table></body></html>',
      'html',
    );
    assert.deepEqual(diagnostics, []);
    await client.close(uri);
  });

  /** The status notification that follows a document's diagnostics (sent just after them). */
  const checkedOf = async (/** @type {string} */ uri) => {
    for (let i = 0; i < 200; i++) {
      const c = client.checked.findLast((x) => x.uri === uri);
      if (c) return c;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no xxgk/checked for ${uri}`);
  };

  test('a page that gives its report as an attachment: no diagnostics, and the status names the attached file', async () => {
    const uri = 'file:///page/attached.html';
    const name = '沭阳县发展和改革局2023年政府信息公开年度报告.pdf';
    const page = PAGE.replace(
      /<ucapcontent>[\s\S]*<\/ucapcontent>/,
      `<ucapcontent><p>详见附件。</p><p>附件：<a href="/r.pdf">${name}</a></p></ucapcontent>`,
    );
    const { diagnostics } = await client.open(uri, page, 'html');
    assert.deepEqual(diagnostics, []);
    const status = await checkedOf(uri);
    assert.equal(status.isReport, false);
    assert.equal(status.attachment, name);
    await client.close(uri);
    // the real page, a report: no attachment in its status
    const real = 'file:///page/real.html';
    await client.open(real, PAGE, 'html');
    const own = await checkedOf(real);
    assert.equal(own.isReport, true);
    assert.equal(own.attachment, undefined);
    await client.close(real);
  });

  test('Markdown with HTML tables (MinerU, docling, marker) gets the diagnostics the CLI gives, at the same places', async () => {
    const form = defined(mixedForms(html, reader).find((f) => f.report === 'shuyang-fagaiju-2023'));
    const md = form.bytes.toString('utf8');
    const uri = 'file:///page/shuyang.md';
    const { diagnostics } = await client.open(uri, md, 'markdown');
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-mixed-'));
    try {
      writeFileSync(join(dir, 'shuyang.md'), md);
      const out = spawnSync(process.execPath, [join(ROOT, 'server/out/cli.js'), 'check', '--format', 'json', join(dir, 'shuyang.md')], {
        encoding: 'utf8',
      });
      /** @type {{ id: string, line: number, column: number }[]} */
      const cli = defined(JSON.parse(out.stdout)[0]?.diagnostics, out.stderr);
      assert.ok(cli.length > 100 && !cli.some((d) => d.id.startsWith('unreadable-table')));
      assert.deepEqual(
        diagnostics.map((d) => `${d.data.id}@${d.range.start.line + 1}:${d.range.start.character + 1}`).sort(),
        cli.map((d) => `${d.id}@${d.line}:${d.column}`).sort(),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await client.close(uri);
  });
});

describe('HTML pages in a workspace check', () => {
  /** @type {Client} */
  let client;
  before(async () => {
    client = await startServer();
  });
  after(() => client.stop());

  test('a GBK page on disk (declared by its <meta charset>) is decoded, read and its findings published at page positions', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { pathToFileURL } = await import('node:url');
    const iconv = (await import('node:module')).createRequire(import.meta.url)('iconv-lite');
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-ws-html-'));
    const gbkPage = PAGE.replace('<meta charset="utf-8" />', '<meta charset="gb2312" />');
    const file = join(dir, 'page.html');
    writeFileSync(file, iconv.encode(gbkPage, 'gbk'));
    const uri = pathToFileURL(file).href;
    const next = client.nextDiagnostics(uri);
    const result = await client.request('xxgk/checkFiles', { uris: [uri] });
    assert.deepEqual(result.skipped, []);
    assert.equal(result.reports, 1);
    const { diagnostics } = await next;
    const reading = reader.readHtml(PAGE);
    assert.deepEqual(
      diagnostics.map((d) => d.data.id).sort(),
      html
        .analyse(reading.text)
        .findings.map((f) => f.id)
        .sort(),
    );
    const label = diagnostics.find((d) => d.data.id.startsWith('nonstandard-label:') && covered(gbkPage, d.range) === '规范性文件');
    assert.ok(label, 'the 规范性文件 label finding, on the label in the page');
  });
});
