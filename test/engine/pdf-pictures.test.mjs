// @ts-check
// Tables published as pictures in a PDF (a screenshot of the table pasted in, printed to PDF): the PDF reader writes
// a picture standing alone as a line `[图片]` where it is drawn, found from the operator list without decoding it, so
// each tabled section whose table is a picture reads as one unreadable-table — never missing-table. An icon among
// words, a small picture on its own, a large one beside words or behind them, a picture in a ruled table cell and the
// corpus PDFs read exactly as before. The PDFs are made at run time with Chromium (and LibreOffice, when installed),
// never kept; without them a test skips and says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertTablePictures, engine, reportFixtures } from './helpers.mjs';
import { readers, ROOT } from '../lib/bundles.mjs';
import { CHROMIUM, pdfFormsAvailable } from '../../scripts/pdf-forms.mjs';
import { findSoffice } from '../../scripts/lo-forms.mjs';
import { PDF_DIR } from '../../scripts/forms-lib.mjs';
/** @import { Analysis } from '../../server/src/engine/index.ts' */
/** @import { Page } from 'playwright-core' */

const chromium = pdfFormsAvailable();
const soffice = findSoffice();

/** @param {string} path @param {Uint8Array} bytes */
const readPdfFile = async (path, bytes) => (await readers.files.readFileBytes(path, bytes)).doc;
const picturesIn = (/** @type {string} */ text) => (text.match(/^\[图片\]$/gm) ?? []).length;

const reports = reportFixtures().filter((f) => f.path.endsWith('.txt') && f.name.startsWith('corpus/'));

/**
 * The report as parts: each line of sections 二, 三 and 四 after the heading (their tables) goes into that section's
 * `table`, the rest stays text. @param {string} text
 * @returns {{ lines: (string | { section: number, rows: string[] })[] }}
 */
function split(text) {
  const { sections } = engine.analyse(text).model;
  /** @type {(string | { section: number, rows: string[] })[]} */
  const lines = [];
  let at = 0;
  for (const s of sections) {
    if (s.id < 2 || s.id > 4) continue;
    const headingEnd = text.indexOf('\n', s.heading.span.end);
    lines.push(...text.slice(at, headingEnd < 0 ? text.length : headingEnd).split('\n'));
    const rows = text
      .slice(headingEnd + 1, s.span.end)
      .split('\n')
      .filter((l) => l.trim());
    lines.push({ section: s.id, rows });
    at = s.span.end;
  }
  lines.push(...text.slice(at).split('\n'));
  return { lines: lines.filter((l) => typeof l !== 'string' || l.trim()) };
}

/** @param {string} s */
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const PAGE_STYLE =
  '<style>body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;font-size:12pt}p{margin:6pt 0}' +
  'table{border-collapse:collapse}td{border:1px solid #000;padding:2px 4px;font-size:10pt}</style>';
/** @param {string} body */
const page = (body) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>年度报告</title>${PAGE_STYLE}</head><body>${body}</body></html>`;
/** A section's rows as a bordered table. @param {string[]} rows @param {string} [firstCell] what goes before the first cell's text */
const tableHtml = (rows, firstCell = '') =>
  `<table>${rows
    .map(
      (r, k) =>
        `<tr>${r
          .split('\t')
          .map((c, j) => `<td>${k === 0 && j === 0 ? firstCell : ''}${escape(c)}</td>`)
          .join('')}</tr>`,
    )
    .join('')}</table>`;

/**
 * A picture of each section's table: Chromium's screenshot of the table drawn (PNG for 二 and 三, JPEG for 四, as
 * published pictures come), as a data URL.
 * @param {Page} tab @param {string[]} rows @param {number} section
 */
async function tablePicture(tab, rows, section) {
  await tab.setContent(page(tableHtml(rows)));
  const type = section === 4 ? 'jpeg' : 'png';
  const shot = await tab.locator('table').screenshot({ type, ...(type === 'jpeg' ? { quality: 80 } : {}) });
  return `data:image/${type};base64,${Buffer.from(shot).toString('base64')}`;
}

/** @param {Page} tab @param {string} html */
async function print(tab, html) {
  await tab.setContent(html, { waitUntil: 'load' });
  return new Uint8Array(await tab.pdf({ format: 'A4', printBackground: true }));
}

/** @param {(tab: Page) => Promise<void>} body */
async function withChromium(body) {
  const { chromium: browser } = await import('playwright-core');
  const b = await browser.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    await body(await b.newPage({ viewport: { width: 900, height: 1200 } }));
  } finally {
    await b.close();
  }
}

test(
  "Chromium's print of a report whose tables are screenshots: a picture line each, each section unreadable, never missing",
  { skip: chromium.available ? false : chromium.why },
  async () => {
    await withChromium(async (tab) => {
      for (const r of reports) {
        const parts = [];
        for (const l of split(r.text).lines) {
          if (typeof l === 'string') parts.push(`<p>${escape(l)}</p>`);
          else
            parts.push(`<p style="text-align:center"><img src="${await tablePicture(tab, l.rows, l.section)}" style="max-width:100%"></p>`);
        }
        const doc = await readPdfFile(`${r.name}.pdf`, await print(tab, page(parts.join('\n'))));
        assert.equal(picturesIn(doc.text), 3, `${r.name}: ${doc.text.slice(0, 400)}`);
        // where each is drawn: after its section's heading, before the next (a picture a page break cut is one line)
        const order = doc.text.split('\n').filter((l) => /^(?:[二三四五]、|\[图片\]$)/.test(l));
        assert.deepEqual(
          order.map((l) => l.slice(0, 2)),
          ['二、', '[图', '三、', '[图', '四、', '[图', '五、'],
          r.name,
        );
        assertTablePictures(engine.analyse(doc.text), `${r.name} printed with its tables as pictures`);
      }
    });
  },
);

test(
  'icons among words, a small picture alone, a large one beside words or behind them, a picture in a ruled cell: nothing changes',
  { skip: chromium.available ? false : chromium.why },
  async () => {
    await withChromium(async (tab) => {
      await tab.setContent(page(tableHtml(['规章\t0\t5\t5', '行政规范性文件\t1\t2\t3'])));
      const shot = (/** @type {number} */ width, /** @type {number} */ height) =>
        tab.screenshot({ type: 'png', clip: { x: 0, y: 0, width, height } });
      const icon = await shot(16, 16);
      const large = await shot(200, 80);
      const url = (/** @type {Uint8Array} */ b) => `data:image/png;base64,${Buffer.from(b).toString('base64')}`;
      // the same page twice: once with pictures, once with blank boxes of their size in their place (the same layout)
      /** @param {boolean} pictures @param {string} text */
      const html = (pictures, text) => {
        /** @param {Uint8Array} b @param {number} w @param {number} h @param {string} [style] */
        const box = (b, w, h, style = '') =>
          pictures
            ? `<img src="${url(b)}" style="width:${w}px;height:${h}px;${style}">`
            : `<span style="display:inline-block;width:${w}px;height:${h}px;${style}"></span>`;
        const parts = split(text).lines.map((l, k) => {
          // a large picture in the first cell of each table, above its words
          if (typeof l !== 'string') return tableHtml(l.rows, box(large, 200, 80, 'display:block'));
          // an icon before every third line's words, a large picture beside every seventh line's words
          const before = k % 3 === 0 ? `${box(icon, 16, 16)} ` : k % 7 === 1 ? `${box(large, 200, 80, 'vertical-align:middle')} ` : '';
          // a small picture (40 by 40) alone after every fifth line
          return `<p>${before}${escape(l)}</p>${k % 5 === 0 ? `<p>${box(icon, 40, 40)}</p>` : ''}`;
        });
        // a large picture behind the words at the page's head (a background: it takes no room)
        const behind = pictures
          ? `<img src="${url(large)}" style="position:absolute;left:40px;top:20px;width:600px;height:240px;z-index:-1">`
          : '';
        return page(behind + parts.join('\n'));
      };
      for (const r of reports) {
        const plain = await readPdfFile(`${r.name}.pdf`, await print(tab, html(false, r.text)));
        const pictured = await readPdfFile(`${r.name}.pdf`, await print(tab, html(true, r.text)));
        assert.equal(picturesIn(plain.text), 0, r.name);
        assert.equal(pictured.text, plain.text, r.name);
      }
    });
  },
);

test(
  'the corpus PDFs (no pictures) read as before: no picture line, nothing unreadable',
  { skip: !existsSync(PDF_DIR) && `${PDF_DIR} is absent` },
  async () => {
    const { inspectPdf } = readers.pdf;
    const { nodePdfHost } = readers.pdfHost;
    const host = nodePdfHost(join(ROOT, 'server/out/cmaps'));
    for (const name of readdirSync(PDF_DIR).filter((n) => n.endsWith('.pdf'))) {
      const bytes = new Uint8Array(readFileSync(join(PDF_DIR, name)));
      const doc = await readPdfFile(name, bytes);
      assert.equal(picturesIn(doc.text), 0, name);
      assert.ok(!engine.analyse(doc.text).findings.some((f) => f.rule === 'unreadable-table'), name);
      const pages = await inspectPdf(bytes, host);
      assert.deepEqual(
        pages.map((p) => p.pictures),
        pages.map(() => []),
        name,
      );
    }
  },
);

test(
  "LibreOffice's PDF of a Word file whose tables are pictures: a picture line each, each section unreadable",
  {
    skip: !soffice
      ? 'soffice is not on PATH (Debian: apt-get install libreoffice-writer-nogui)'
      : chromium.available
        ? false
        : chromium.why,
  },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-pdf-pictures-'));
    const [r] = reports;
    assert.ok(r);
    try {
      await withChromium(async (tab) => {
        const parts = [];
        for (const l of split(r.text).lines) {
          if (typeof l === 'string') parts.push(`<p>${escape(l)}</p>`);
          else parts.push(`<p align="center"><img src="${await tablePicture(tab, l.rows, l.section)}" width="560"></p>`);
        }
        writeFileSync(join(dir, 'report.html'), page(parts.join('\n')));
      });
      // the page as a Word file, then that Word file as a PDF: LibreOffice's own pictures, as a published .docx has them
      const run = (/** @type {string[]} */ args) =>
        execFileSync(soffice ?? 'soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, ...args], {
          cwd: dir,
          stdio: ['ignore', 'pipe', 'pipe'],
          timeout: 180_000,
        });
      run(['--infilter=HTML (StarWriter)', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', dir, join(dir, 'report.html')]);
      run(['--convert-to', 'pdf', '--outdir', join(dir, 'pdf'), join(dir, 'report.docx')]);
      const docx = await readers.files.readFileBytes('report.docx', new Uint8Array(readFileSync(join(dir, 'report.docx'))));
      assert.equal(picturesIn(docx.doc.text), 3, 'the Word file has the three pictures');
      const doc = await readPdfFile('report.pdf', new Uint8Array(readFileSync(join(dir, 'pdf', 'report.pdf'))));
      assert.equal(picturesIn(doc.text), 3, doc.text.slice(0, 400));
      assertTablePictures(engine.analyse(doc.text), `${r.name} as LibreOffice's PDF of a Word file`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
