// @ts-check
// The PDF reader (server/out/readers/pdf.js): the real published PDFs read
// like their hand-copied text (every cell of 二, 三, 四, the same sections,
// the same errors, the known section-四 error on the right page), and bad
// input — not a PDF, truncated, flipped bytes, no text layer, no pages, a
// password, too many pages — gives one problem and never throws.
//
// The corpus PDFs are read in place from ../shared/corpus/pdf/ and never
// copied into the project; without them those tests skip and say why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { engine } from './helpers.mjs';
import { readers } from '../lib/bundles.mjs';
import { describeDifference, findPdftotext, measure, score } from '../../scripts/forms-lib.mjs';
import { anchorOf, defined } from '../lib/narrow.mjs';

const { readPdf, PDF_PROBLEMS } = readers.pdf;
const { nodePdfHost } = readers.pdfHost;
/** @import { ReadDocument } from '../../server/src/engine/index.ts' */
/** @param {ReadDocument} d @param {number} k */
const pdfAt = (d, k) => anchorOf(d.anchorAt(k), 'pdf');
/** @param {ReadDocument} d @param {number} k */
const pdfEnd = (d, k) => anchorOf(d.anchorEnd(k), 'pdf');

const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
const PDF_DIR = `${SHARED}corpus/pdf/`;
const FIXTURES = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));
/** The CMaps as shipped: the build copies them beside the bundles. */
const host = nodePdfHost(fileURLToPath(new URL('../../server/out/cmaps/', import.meta.url)));

const REPORTS = ['hongze-2023', 'hongze-2024'];
const havePdfs = REPORTS.every((r) => existsSync(`${PDF_DIR}${r}.pdf`));
const skipPdfs = havePdfs ? false : `${PDF_DIR} (the real PDFs, read in place) is absent`;
const pdfBytes = (/** @type {string} */ r) => new Uint8Array(readFileSync(`${PDF_DIR}${r}.pdf`));

/** A reading text never has a blank line, a TAB at a line's end is a blank last cell, and every offset has a pdf anchor. */
/** @param {ReadDocument} doc */
function assertWellFormed(doc) {
  assert.equal(doc.form, 'pdf');
  assert.equal(doc.editable, false);
  assert.ok(Array.isArray(doc.problems));
  for (const off of [0, Math.floor(doc.text.length / 2), doc.text.length]) {
    for (const a of [pdfAt(doc, off), pdfEnd(doc, off)]) {
      assert.equal(a.kind, 'pdf');
      assert.ok(Number.isInteger(a.page) && a.page >= 1, `page ${a.page}`);
      assert.ok(Number.isFinite(a.x) && Number.isFinite(a.y));
    }
  }
}

const codes = (/** @type {ReadDocument} */ doc) => doc.problems.map((p) => p.code);

// ---------------------------------------------------------------- the real PDFs

for (const report of REPORTS) {
  test(`${report}.pdf reads like ${report}.txt: every cell of 二, 三, 四, the same sections and errors`, { skip: skipPdfs }, async () => {
    const doc = await readPdf(pdfBytes(report), host);
    assertWellFormed(doc);
    assert.deepEqual(doc.problems, []);
    assert.equal(doc.pageCount, 5);
    assert.equal(doc.pagesRead, 5);
    const original = engine.analyse(readFileSync(`${FIXTURES}${report}.txt`, 'utf8'));
    const form = engine.analyse(doc.text);
    const c = measure(engine, original, form, 'pdf');
    assert.ok(c.ok, `${report}.pdf (${score(c)}):\n${describeDifference(c)}`);
    for (const section of [3, 4]) {
      const cells = [...form.model.tables].filter((t) => t.section === section).flatMap((t) => t.rows.flatMap((r) => r.cells));
      assert.ok(cells.length > 0, `section ${section} has cells`);
      assert.ok(
        cells.every((cell) => cell.value.kind === 'number'),
        `every section-${section} cell is a number`,
      );
    }
  });
}

test('hongze-2023.pdf: the real section-四 errors are found, on page 4', { skip: skipPdfs }, async () => {
  const doc = await readPdf(pdfBytes('hongze-2023'), host);
  const a = engine.analyse(doc.text);
  const index = new engine.TextIndex(doc.text);
  const ids = a.findings
    .filter((f) => f.severity === 'error')
    .map((f) => f.id)
    .sort();
  assert.deepEqual(ids, ['sum-mismatch:S4/R/FS.ZJ', 'sum-mismatch:S4/R/FY.ZJ']);
  const fy = defined(a.findings.find((f) => f.id === 'sum-mismatch:S4/R/FY.ZJ'));
  assert.match(fy.message.zh, /总计应为 11（10\+1\+0\+0），现为 0/);
  const start = index.offsetAt(fy.range.start);
  const anchor = pdfAt(doc, start);
  assert.equal(anchor.page, 4, `the 行政复议 总计 cell is on page 4, anchored ${JSON.stringify(anchor)}`);
  assert.equal(doc.text.slice(start, index.offsetAt(fy.range.end)), '0');
  assert.equal(engine.describeAnchor(anchor, 'zh'), '第 4 页');
  // The anchor is the cell's item: near the section-四 table's last row, left half of the page.
  assert.ok(anchor.x > 150 && anchor.x < 300 && anchor.y > 100 && anchor.y < 700, JSON.stringify(anchor));
});

test('hongze-2023.pdf: lines as the recognisers expect them', { skip: skipPdfs }, async () => {
  const { text } = await readPdf(pdfBytes('hongze-2023'), host);
  const lines = text.split('\n');
  assert.ok(!lines.some((l) => /^\s*[-—]\s*\d+\s*[-—]\s*$/.test(l)), 'no page footer');
  assert.ok(!lines.some((l) => l.trim() === ''), 'no blank line');
  // a wrapped label joins inside its cell; its numbers stay in the row
  assert.ok(lines.includes('（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t4\t0\t0\t0\t0\t0\t4'));
  assert.ok(lines.includes('5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0'));
  // a merged group label is written once, in its group's first row (the table crosses from page 3 to page 4)
  assert.ok(lines.includes('（四）无法提供\t1.本机关不掌握相关政府信息\t10\t0\t0\t0\t0\t0\t10'));
  assert.ok(lines.includes('3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0'));
  assert.ok(lines.includes('10\t1\t0\t0\t0\t0\t0\t0\t0\t0\t5\t0\t0\t0\t0'));
  // WPS's spaces between Han characters and full-width punctuation are gone; digits and Han keep theirs
  assert.ok(lines.includes('号，邮编：223100，电话：0517-87222589，电子邮箱：'));
  assert.ok(lines.some((l) => l.startsWith('2023 年，洪泽区政府信息公开工作')));
});

test('the reading text anchors every character to its item: separators to the next item', { skip: skipPdfs }, async () => {
  const doc = await readPdf(pdfBytes('hongze-2024'), host);
  let lastPage = 1;
  for (let i = 0; i < doc.text.length; i++) {
    const a = pdfAt(doc, i);
    assert.ok(a.page >= lastPage, `pages never go back (offset ${i})`);
    lastPage = a.page;
  }
  const tab = doc.text.indexOf('\t');
  assert.deepEqual(pdfAt(doc, tab), pdfAt(doc, tab + 1));
  assert.deepEqual(pdfEnd(doc, tab + 1), pdfAt(doc, tab + 1));
});

test('a Node Buffer is read like a Uint8Array (the CLI reads files into Buffers)', { skip: skipPdfs }, async () => {
  const doc = await readPdf(readFileSync(`${PDF_DIR}hongze-2024.pdf`), host);
  assert.deepEqual(doc.problems, []);
  assert.ok(doc.text.includes('四、政府信息公开行政复议、行政诉讼情况'));
});

test('maxPages caps the pages read and says so', { skip: skipPdfs }, async () => {
  const doc = await readPdf(pdfBytes('hongze-2023'), host, { maxPages: 2 });
  assert.deepEqual(codes(doc), [PDF_PROBLEMS.tooManyPages]);
  assert.equal(doc.pagesRead, 2);
  assert.match(doc.problems[0].message.zh, /有 5 页，只读取了前 2 页/);
  assert.ok(doc.text.includes('二、主动公开政府信息情况') && !doc.text.includes('六、其他需要报告的事项'));
});

// ---------------------------------------------------------------- PDFs written by hand

/** A PDF from its objects' bodies (object n is `objects[n - 1]`), with a correct xref table. */
/** @param {string[]} objects */
function makePdf(objects, trailer = '') {
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  /** @type {number[]} */
  const offsets = [];
  objects.forEach((body, k) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${k + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
const stream = (/** @type {string} */ content, dict = '') =>
  `<< /Length ${Buffer.byteLength(content, 'latin1')} ${dict}>>\nstream\n${content}\nendstream`;

/** One A4 page whose content stream is `content` (a rectangle, no text: what a scan's page looks like without the image). */
const onePage = (content = '0 0 0 rg 100 100 200 200 re f', resources = '<< >>') =>
  makePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources ${resources} /Contents 4 0 R >>`,
    stream(content),
  ]);

test('a valid PDF with one page and no text: one clear problem, no-text-layer', async () => {
  const doc = await readPdf(onePage(), host);
  assertWellFormed(doc);
  assert.equal(doc.text, '');
  assert.deepEqual(codes(doc), [PDF_PROBLEMS.noTextLayer]);
  assert.equal(doc.problems[0].message.zh, '此 PDF 没有文字层（可能是扫描件），无法检查；请先做文字识别（OCR）');
  assert.match(doc.problems[0].message.en, /no text layer.*OCR/);
  assert.equal(doc.pageCount, 1);
});

test('a hand-written PDF with text: read, with its page anchor', async () => {
  const doc = await readPdf(
    onePage('BT /F1 12 Tf 72 700 Td (Hello 2023) Tj ET', '<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>'),
    host,
  );
  assert.deepEqual(doc.problems, []);
  assert.equal(doc.text, 'Hello 2023');
  const a = pdfAt(doc, 0);
  assert.equal(a.page, 1);
  assert.ok(Math.abs(a.x - 72) < 0.5 && a.y > 120 && a.y < 142, JSON.stringify(a)); // 842 − 700 − ascent
});

test('without borders: a gap wider than a character is a TAB; digits drawn one by one stay one number', async () => {
  const helv = '<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>';
  // "7" then "2" as two text objects 6.7 pt apart (Helvetica's 7 is 6.67 pt wide at 12 pt): one number, 72.
  const doc = await readPdf(
    onePage(
      'BT /F1 12 Tf 72 700 Td (Total) Tj ET BT /F1 12 Tf 300 700 Td (7) Tj ET BT /F1 12 Tf 306.7 700 Td (2) Tj ET BT /F1 12 Tf 72 600 Td (next line) Tj ET',
      helv,
    ),
    host,
  );
  assert.equal(doc.text, 'Total\t72\nnext line');
  assert.equal(pdfAt(doc, doc.text.indexOf('\t')).x, 300); // an inserted separator maps to the next item
});

const HELV = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
/** A PDF of A4 pages, one content stream each, all with Helvetica (or `font`) as /F1. */
/** @param {string[]} contents */
function pagesPdf(contents, font = HELV) {
  const n = contents.length;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${contents.map((_, k) => `${4 + 2 * k} 0 R`).join(' ')}] /Count ${n} >>`,
    font,
  ];
  contents.forEach((c, k) =>
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * k} 0 R >>`,
      stream(c),
    ),
  );
  return makePdf(objects);
}
/** @param {number} x @param {number} y @param {string} s */
const text = (x, y, s, size = 10) => `BT /F1 ${size} Tf ${x} ${y} Td (${s}) Tj ET `;
/** @param {number} x0 @param {number} y0 @param {number} x1 @param {number} y1 */
const line = (x0, y0, x1, y1) => `0 0 0 RG 0.5 w ${x0} ${y0} m ${x1} ${y1} l S `;

test("a browser's running head and foot (date, title, address, page x/y) are dropped; a bare number is a page number only standing apart", async () => {
  const head = (/** @type {number} */ k) =>
    text(40, 830, '12/1/26, 10:32 AM', 9) +
    text(250, 830, 'Annual report', 9) +
    text(40, 12, 'file:///tmp/report.html', 9) +
    text(540, 12, `${k}/2`, 9);
  const doc = await readPdf(
    pagesPdf([
      head(1) + text(72, 700, 'Body of page one', 12),
      head(2) + text(72, 812, 'Fee', 12) + text(72, 798, '7545', 12) + text(72, 700, 'Body of page two', 12) + text(297, 60, '3', 12),
    ]),
    host,
  );
  assert.deepEqual(doc.problems, []);
  assert.equal(doc.text, 'Body of page one\nFee\n7545\nBody of page two');
});

test('a bordered row a page break cut is one row again; two rows that met at the break stay two', async () => {
  // Page 1: a table from y 700 to the page's foot, its last row open there; page 2: the table from the page's head.
  const grid1 = line(72, 700, 500, 700) + [72, 300, 500].map((x) => line(x, 700, x, 0)).join('');
  const grid2 = [72, 300, 500].map((x) => line(x, 842, x, 650)).join('') + line(72, 700, 500, 700) + line(72, 650, 500, 650);
  const page1 = grid1 + text(80, 680, 'Part one') + text(310, 680, '5');
  const rowTwo = text(80, 670, 'Row two') + text(310, 670, '8');
  const cut = await readPdf(pagesPdf([page1, grid2 + text(80, 800, 'and two') + rowTwo]), host);
  assert.equal(cut.text, 'Part one and two\t5\nRow two\t8');
  const met = await readPdf(pagesPdf([page1, grid2 + text(80, 800, 'Next') + text(310, 800, '7') + rowTwo]), host);
  assert.equal(met.text, 'Part one\t5\nNext\t7\nRow two\t8');
});

test('a row a page break cut with a rule on each side (LibreOffice, Word) is one row where its label runs on, not otherwise', async () => {
  // Columns 72–130–500. Page 1: a header row, then a row at the page's foot (rule at y 60); page 2: rows from the head.
  const cols = (/** @type {number} */ top, /** @type {number} */ bottom) => [72, 130, 500].map((x) => line(x, top, x, bottom)).join('');
  const rows = (/** @type {number[]} */ ys) => ys.map((y) => line(72, y, 500, y)).join('');
  const foot = (/** @type {string} */ label, number = '5') =>
    cols(120, 60) + rows([120, 100, 60]) + text(76, 106, 'Item') + text(140, 106, 'Count') + text(76, 66, label) + text(140, 66, number);
  const head = (/** @type {string} */ first, header = false) => {
    const top = header ? [800, 780] : [800];
    const y = top[top.length - 1];
    return (
      cols(800, y - 40) +
      rows([...top, y - 20, y - 40]) +
      (header ? text(76, 786, 'Item') + text(140, 786, 'Count') : '') +
      text(76, y - 14, first) +
      text(76, y - 34, 'Row two') +
      text(140, y - 34, '8')
    );
  };
  const read = async (/** @type {string[]} */ pages) => (await readPdf(pagesPdf(pages), host)).text;
  // 'Part one' fills its cell's line (Helvetica 10 pt: 38 pt of 58): the label runs on, the numbers came before the cut
  assert.equal(await read([foot('Part one'), head('and two')]), 'Item\tCount\nPart one and two\t5\nRow two\t8');
  // after the header rows the writer repeats on the new page
  assert.equal(await read([foot('Part one'), head('and two', true)]), 'Item\tCount\nPart one and two\t5\nItem\tCount\nRow two\t8');
  // a row of its own: it has a number, or starts with an item number
  assert.equal(await read([foot('Part one'), head('Next') + text(140, 786, '7')]), 'Item\tCount\nPart one\t5\nNext\t7\nRow two\t8');
  assert.equal(await read([foot('Part one'), head('2. Next')]), 'Item\tCount\nPart one\t5\n2. Next\t\nRow two\t8');
  // a row of text with room left on its line and no numbers does not run on
  assert.equal(await read([foot('Part', 'N'), head('and two')]), 'Item\tCount\nPart\tN\nand two\t\nRow two\t8');
});

test("a text item a cell border crosses (a label and the next cell's number joined by pdf.js) is cut at its space", async () => {
  const grid = [72, 102.5, 200].map((x) => line(x, 740, x, 680)).join('') + [740, 720, 680].map((y) => line(72, y, 200, y)).join('');
  // 'Label' ends at 100.5, the '7' starts 4 pt after it (less than 0.6 em): pdf.js gives one item 'Label 7'
  const doc = await readPdf(
    pagesPdf([grid + text(76, 726, 'Item') + text(110, 726, 'N') + 'BT /F1 10 Tf 76 696 Td [(Label) -400 (7)] TJ ET ']),
    host,
  );
  assert.equal(doc.text, 'Item\tN\nLabel\t7');
  assert.equal(pdfAt(doc, doc.text.indexOf('7')).x, 76); // both parts keep the item's anchor
});

test('without borders: a number touching its label at a column is a cell; two numbers in one item are two cells', async () => {
  const doc = await readPdf(
    pagesPdf([
      text(72, 700, 'Other') +
        text(300, 700, '5') +
        text(274, 680, 'Label') +
        text(300, 680, '7') +
        text(72, 660, 'Both') +
        text(300, 660, '21 0'),
    ]),
    host,
  );
  assert.equal(doc.text, 'Other\t5\nLabel\t7\nBoth\t21\t0');
});

test('without borders: a wrapped label joins its row where rows are set apart, and stays as it is where they are not', async () => {
  // Row 1: a label on two lines 12 pt apart, its number centred between them; row 2 15 pt below (padding) or 12 pt (none).
  const table = (/** @type {number} */ second) =>
    text(72, 740, 'Item') +
    text(300, 740, 'Count') +
    text(72, 720, 'First label') +
    text(300, 714, '3') +
    text(72, 708, 'wraps') +
    text(72, second, 'Second') +
    text(300, second, '4');
  const apart = await readPdf(pagesPdf([table(693)]), host);
  assert.equal(apart.text, 'Item\tCount\nFirst label wraps\t3\nSecond\t4');
  const tight = await readPdf(pagesPdf([table(696)]), host);
  assert.equal(tight.text, 'Item\tCount\nFirst label\n3\nwraps\nSecond\t4');
});

test('loading pdf.js leaves the natives its polyfills replace as they were (JSON, Array.prototype.push)', async () => {
  await readPdf(onePage(), host);
  for (const [name, fn] of [
    ['JSON.parse', JSON.parse],
    ['JSON.stringify', JSON.stringify],
    ['Array.prototype.push', Array.prototype.push],
    ['Function.prototype.toString', Function.prototype.toString],
  ]) {
    assert.match(Function.prototype.toString.call(fn), /\[native code\]/, `${name} is native`);
  }
});

test('a non-embedded Chinese font (UniGB-UCS2-H) is read through the CMaps the host ships', async () => {
  const font =
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> /DW 1000 >>] >>';
  const bytes = onePage('BT /F1 12 Tf 72 700 Td <672C5E74> Tj ET', `<< /Font << /F1 ${font} >> >>`); // 本年
  /** @type {string[]} */
  const loaded = [];
  const doc = await readPdf(bytes, { loadCMap: (name) => (loaded.push(name), host.loadCMap(name)) });
  assert.equal(doc.text, '本年');
  assert.ok(loaded.includes('UniGB-UCS2-H'), `CMaps asked for: ${loaded.join(', ')}`);
});

/** STSong-Light through UniGB-UCS2-H (not embedded, one em per character): `hex` writes text for it as UCS-2 hex. */
const SONG =
  '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> /DW 1000 >>] >>';
const songPage = (/** @type {string} */ content) => pagesPdf([content], SONG);
const hex = (/** @type {string} */ s) => `<${[...s].map((c) => (c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')).join('')}>`;
/** @param {number} x @param {number} y @param {string} s */
const song = (x, y, s) => `BT /F1 10 Tf ${x} ${y} Td ${hex(s)} Tj ET `;

test('a group label drawn rotated, or one character per line, is its merged cell’s label: read in order, no row of its own', async () => {
  // Columns 72–100 (the group), 100–250 (row labels), 250–320 (numbers); rows 20 pt from y 700. Group A: rows 1–3,
  // its label drawn with a rotated matrix (reading upwards); group B: rows 4–7, its label one character per line,
  // the last character running over the cell's foot (as Chromium lets a vertical label overflow); then a total row.
  const ys = [700, 680, 660, 640, 620, 600, 580, 560, 540];
  const rules =
    [72, 100, 250, 320].map((x) => line(x, 700, x, 560)).join('') +
    [72, 250, 320].map((x) => line(x, 560, x, 540)).join('') +
    ys.map((y) => line([700, 640, 560, 540].includes(y) ? 72 : 100, y, 320, y)).join('');
  const rowsText = ['甲', '乙', '丙', '丁', '戊', '己', '庚']
    .map((label, k) => song(110, ys[k] - 14, label) + song(260, ys[k] - 14, String.fromCharCode(0xff11 + k)))
    .join('');
  const rotated = `BT /F1 10 Tf 0 1 -1 0 90 645 Tm ${hex('办理结果')} Tj ET `;
  const column = [...'（四）无法提供'].map((c, k) => song(80, 627.2 - 12 * k, c)).join('');
  const total = song(80, 546, '总计') + song(260, 546, '９');
  const doc = await readPdf(songPage(rules + rowsText + rotated + column + total), host);
  assert.deepEqual(doc.problems, []);
  assert.equal(doc.text, '办理结果\t甲\t１\n乙\t２\n丙\t３\n（四）无法提供\t丁\t４\n戊\t５\n己\t６\n庚\t７\n总计\t９');
  // the rotated label is anchored at its box's top left, in the group column
  const a = pdfAt(doc, 0);
  assert.ok(a.x > 72 && a.x < 100 && a.y > 842 - 700 && a.y < 842 - 640, JSON.stringify(a));
});

test('a vertical label in a vertical-writing font: its presentation forms (︵ ︶) read as the marks they stand for', async () => {
  const rules = [72, 100, 250].map((x) => line(x, 700, x, 620)).join('') + [700, 660, 620].map((y) => line(72, y, 250, y)).join('');
  const label = [...'︵三︶'].map((c, k) => song(80, 686 - 12 * k, c)).join('');
  const doc = await readPdf(songPage(rules + label + song(110, 686, '甲') + song(110, 646, '乙')), host);
  assert.equal(doc.text, '（三）\t甲\n\t乙');
});

test('a group label a page break cut goes on in its merged cell; the new page’s row is a row of its own', async () => {
  // Columns 72–100 (the group, no rule at its foot on page 1 nor at its head on page 2), 100–250, 250–320.
  const cols = (/** @type {number} */ top, /** @type {number} */ bottom) =>
    [72, 100, 250, 320].map((x) => line(x, top, x, bottom)).join('');
  const page1 =
    cols(700, 620) +
    line(72, 700, 320, 700) +
    [660, 620].map((y) => line(100, y, 320, y)).join('') +
    song(80, 686, '不') +
    song(80, 674, '予') +
    song(110, 686, '1.甲') +
    song(260, 686, '1') +
    song(110, 646, '2.乙') +
    song(260, 646, '2');
  const page2 =
    cols(842, 760) +
    line(100, 800, 320, 800) +
    line(72, 760, 320, 760) +
    song(80, 826, '公') +
    song(80, 814, '开') +
    song(110, 826, '3.丙') +
    song(260, 826, '3') +
    song(110, 786, '4.丁') +
    song(260, 786, '4');
  const doc = await readPdf(pagesPdf([page1, page2], SONG), host);
  assert.deepEqual(doc.problems, []);
  assert.equal(doc.text, '不予公开\t1.甲\t1\n2.乙\t2\n\t3.丙\t3\n4.丁\t4');
  assert.equal(pdfAt(doc, doc.text.indexOf('公')).page, 2);
});

test('Kangxi radicals and radical look-alikes read as the ideographs they imitate', async () => {
  // ⼀ (U+2F00) and ⺠ (U+2EA0) as a browser's print-to-PDF writes them, through a ToUnicode CMap.
  const cmap =
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T def 1 begincodespacerange <00> <FF> endcodespacerange 2 beginbfchar <41> <2F00> <42> <2EA0> endbfchar endcmap CMapName currentdict /CMap defineresource pop end end';
  const bytes = makePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    stream('BT /F1 12 Tf 72 700 Td (AB) Tj ET'),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>',
    stream(cmap),
  ]);
  const doc = await readPdf(bytes, host);
  assert.equal(doc.text, '一民');
});

test('a PDF with zero pages: no-pages', async () => {
  const doc = await readPdf(makePdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']), host);
  assertWellFormed(doc);
  assert.equal(doc.text, '');
  assert.deepEqual(codes(doc), [PDF_PROBLEMS.noPages]);
});

test('an encrypted PDF (a user password, hand-written Standard security handler): encrypted', async () => {
  // O and U that no empty password matches: pdf.js must ask for the password, which the reader never has.
  const hex = (/** @type {number} */ n) => Buffer.alloc(32, n).toString('hex');
  const pages = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    stream('xxxx'),
    `<< /Filter /Standard /V 1 /R 2 /O <${hex(0x41)}> /U <${hex(0x42)}> /P -44 >>`,
  ];
  const doc = await readPdf(
    makePdf(pages, '/Encrypt 5 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] '),
    host,
  );
  assertWellFormed(doc);
  assert.deepEqual(codes(doc), [PDF_PROBLEMS.encrypted]);
  assert.match(doc.problems[0].message.zh, /加密/);
});

test('a huge page count is capped and said', async () => {
  const kids = Array.from({ length: 400 }, (_, k) => `${k + 3} 0 R`).join(' ');
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count 400 >>`];
  for (let k = 0; k < 400; k++)
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${403} 0 R /Resources << /Font << /F1 404 0 R >> >> >>`);
  objects.push(stream('BT /F1 12 Tf 72 700 Td (page) Tj ET'), '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const doc = await readPdf(makePdf(objects), host, { maxPages: 50 });
  assertWellFormed(doc);
  assert.deepEqual(codes(doc), [PDF_PROBLEMS.tooManyPages]);
  assert.equal(doc.pageCount, 400);
  assert.equal(doc.pagesRead, 50);
  assert.equal(doc.text.split('\n').length, 50);
});

test('not a PDF: not-a-pdf, for text, an empty file and a zip', async () => {
  for (const bytes of [new TextEncoder().encode('一、总体情况\n'), new Uint8Array(0), new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])]) {
    const doc = await readPdf(bytes, host);
    assertWellFormed(doc);
    assert.deepEqual(codes(doc), [PDF_PROBLEMS.notPdf]);
  }
});

test('a bare %PDF- header with nothing else: corrupt, not a throw', async () => {
  for (const s of ['%PDF-', '%PDF-1.7\n', '%PDF-1.4\n1 0 obj\n<< /Type /Catalog']) {
    const doc = await readPdf(new Uint8Array(Buffer.from(s, 'latin1')), host);
    assertWellFormed(doc);
    assert.equal(doc.text, '');
    assert.equal(doc.problems.length, 1, `${JSON.stringify(s)}: ${codes(doc)}`);
    assert.ok(
      /** @type {string[]} */ ([PDF_PROBLEMS.corrupt, PDF_PROBLEMS.noPages]).includes(defined(doc.problems[0]).code),
      `${JSON.stringify(s)}: ${codes(doc)}`,
    );
  }
});

test('the real PDFs truncated at several points: a problem or a partial reading, never a throw', { skip: skipPdfs }, async () => {
  const full = pdfBytes('hongze-2023');
  for (const cut of [16, 200, 0.05, 0.25, 0.5, 0.75, 0.9, 0.99, full.length - 20]) {
    const n = cut < 1 ? Math.floor(full.length * cut) : cut;
    const doc = await readPdf(full.slice(0, n), host);
    assertWellFormed(doc);
    assert.ok(doc.problems.length > 0 || doc.text.length > 0, `cut at ${n}: neither text nor a problem`);
    if (doc.text === '') assert.ok(doc.problems.length >= 1, `cut at ${n}`);
  }
});

test('the real PDFs with bytes flipped: a problem or a reading, never a throw', { skip: skipPdfs }, async () => {
  const full = pdfBytes('hongze-2024');
  for (const at of [0.01, 0.1, 0.3, 0.6, 0.95]) {
    const bytes = full.slice();
    const start = Math.floor(bytes.length * at);
    for (let i = start; i < Math.min(bytes.length, start + 64); i++) bytes[i] ^= 0xff;
    const doc = await readPdf(bytes, host);
    assertWellFormed(doc);
    assert.ok(doc.problems.length > 0 || doc.text.length > 0);
  }
});

test(
  'property: any mutation of the real PDFs is read or refused within seconds, never thrown',
  { skip: skipPdfs, timeout: 300_000 },
  async () => {
    const sources = REPORTS.map(pdfBytes);
    const mutation = fc.record({
      source: fc.integer({ min: 0, max: sources.length - 1 }),
      flips: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 0, max: 255 })), {
        maxLength: 40,
      }),
      cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
      insert: fc.option(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.uint8Array({ maxLength: 64 })), { nil: undefined }),
    });
    let slowest = 0;
    await fc.assert(
      fc.asyncProperty(mutation, async ({ source, flips, cut, insert }) => {
        let bytes = sources[source].slice();
        for (const [where, value] of flips) bytes[Math.floor(where * bytes.length)] = value;
        if (insert) {
          const at = Math.floor(insert[0] * bytes.length);
          bytes = new Uint8Array([...bytes.subarray(0, at), ...insert[1], ...bytes.subarray(at)]);
        }
        if (cut !== undefined) bytes = bytes.slice(0, Math.floor(cut * bytes.length));
        const t0 = performance.now();
        const doc = await readPdf(bytes, host);
        const ms = performance.now() - t0;
        slowest = Math.max(slowest, ms);
        assertWellFormed(doc);
        assert.ok(doc.problems.length > 0 || doc.text.length > 0);
        assert.ok(ms < 5000, `took ${Math.round(ms)} ms`);
        engine.analyse(doc.text); // whatever was read, the engine takes it
      }),
      { numRuns: 30, seed: 20240501 },
    );
    console.log(`# mutated PDFs: slowest read ${Math.round(slowest)} ms`);
  },
);

// ---------------------------------------------------------------- measurement (not an assertion on time)

test(
  'measure: read + analyse per PDF against pdftotext -layout',
  { skip: skipPdfs || (findPdftotext() ? false : 'pdftotext is not on PATH') },
  async () => {
    const tool = defined(findPdftotext(), 'pdftotext');
    const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    for (const report of REPORTS) {
      const bytes = pdfBytes(report);
      const read = [];
      const total = [];
      for (let k = 0; k < 5; k++) {
        const t0 = performance.now();
        const doc = await readPdf(bytes, host);
        const t1 = performance.now();
        engine.analyse(doc.text);
        read.push(t1 - t0);
        total.push(performance.now() - t0);
      }
      const poppler = [];
      for (let k = 0; k < 5; k++) {
        const t0 = performance.now();
        execFileSync(tool, ['-layout', '-enc', 'UTF-8', `${PDF_DIR}${report}.pdf`, '-'], { stdio: ['ignore', 'pipe', 'ignore'] });
        poppler.push(performance.now() - t0);
      }
      console.log(
        `# ${report}.pdf: readPdf ${Math.round(median(read))} ms, read + analyse ${Math.round(median(total))} ms (median of 5, first run ${Math.round(total[0])} ms); pdftotext -layout ${Math.round(median(poppler))} ms (process included)`,
      );
    }
  },
);
