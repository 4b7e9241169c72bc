// @ts-check
// Tables published as pictures (a web page's <img>, a Word file's drawing, an image line a converter wrote): every
// report of the fixtures with the tables of 二, 三 and 四 replaced by a picture reads with one unreadable-table per
// section, saying the table is a picture — never missing-table, missing-row, blank-cell or a sum against it. The
// readers write a picture standing on its own as a line (`[图片]`); an icon in a line of text, or a picture in a
// table cell, changes nothing of what is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { assertTablePictures, engine, reportFixtures } from './helpers.mjs';
import { readers } from '../lib/bundles.mjs';
import { word } from '../lib/word97.mjs';
/** @import { Analysis } from '../../server/src/engine/index.ts' */

const { readHtml } = readers.html;
const { readDocx } = readers.docx;

/**
 * The report with the content of sections 二, 三 and 四 (their tables) replaced by `picture`, headings kept.
 * @param {string} text @param {string} picture
 */
function pictured(text, picture) {
  const { sections } = engine.analyse(text).model;
  let out = '';
  let at = 0;
  for (const s of sections) {
    if (s.id < 2 || s.id > 4) continue;
    const headingEnd = text.indexOf('\n', s.heading.span.end);
    out += `${text.slice(at, headingEnd < 0 ? text.length : headingEnd)}\n${picture}\n`;
    at = s.span.end;
  }
  return out + text.slice(at);
}

const reports = reportFixtures().filter((f) => engine.analyse(f.text).model.tables.length >= 3);

test('the fixtures hold reports with their three tabled sections, for the forms below', () => {
  assert.ok(reports.length >= 5, reports.map((r) => r.name).join(', '));
});

const LINES = [
  '![](media/image1.png)',
  '![表格](media/image2.png){width="6.2in" height="3in"}',
  '<img src="/u/cms/2024/table.png" alt="">',
  '[图片]',
  '[图片：政府信息公开情况统计表]',
  '[IMG]',
  '[image: 表格]',
  '[INLINE]',
  '\uFFFC',
  '![](a.png) ![](b.png)',
];

for (const line of LINES) {
  test(`a text whose tables are the image line ${JSON.stringify(line)}: unreadable, never missing`, () => {
    for (const r of reports) {
      const md = r.path.endsWith('.md');
      assertTablePictures(engine.analyse(pictured(r.text, line), md ? { layoutHint: 'markdown' } : {}), `${r.name} with ${line}`);
    }
  });
}

test('a line that only names a picture among words is prose, not a placeholder', () => {
  const [r] = reports;
  const analysis = engine.analyse(pictured(defined(r).text, '详见下图 ![](a.png) 所示'));
  assert.ok(
    analysis.findings.some((f) => f.rule === 'missing-table'),
    'the tables are missing: a sentence is no picture',
  );
});

/** @param {string} text a report as lines, each a paragraph; `picture` lines become images */
function htmlPage(text, picture = '[[picture]]') {
  const body = text
    .split('\n')
    .map((l) => (l === picture ? '<p style="text-align:center"><img src="/u/t.png" width="640" alt="统计表"></p>' : `<p>${escape(l)}</p>`))
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>年度报告</title></head><body>${body}</body></html>`;
}
/** @param {string} s */
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

test('a web page whose tables are pictures: each <img> a line of its own, each section unreadable', () => {
  for (const r of reports.filter((x) => !x.path.endsWith('.md'))) {
    const page = htmlPage(pictured(r.text, '[[picture]]'));
    const doc = readHtml(page);
    assert.equal((doc.text.match(/^\[图片：统计表\]$/gm) ?? []).length, 3, r.name);
    assertTablePictures(engine.analyse(doc.text), `${r.name} as a page`);
  }
});

test('an icon, a picture among words and a picture in a table cell change nothing of what a page reads', () => {
  const page = readFileSync(new URL('../../../shared/corpus/html/shuyang-fagaiju-2023.html', import.meta.url), 'utf8');
  const before = readHtml(page).text;
  // before the text of every paragraph that has some, an icon (drawn small) or a picture of no given size; a picture
  // in every table cell (a picture alone in an empty paragraph is a picture line: the next test)
  for (const img of ['<img src="dot.gif" width="12" height="12">', '<img src="x.png">', '<a href="#"><img src="x.png"></a>']) {
    const after = readHtml(
      page
        .replace(/<p(\s[^>]*)?>(?=(?:<(?!\/p>)[^>]+>|\s)*[^<\s])/g, (m) => `${m}${img}`)
        .replace(/<td([^>]*)>/g, '<td$1><img src="x.png">'),
    ).text;
    assert.equal(after, before, img);
  }
});

const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
/** @param {string} body */
const docx = (body) =>
  zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}" xmlns:a="${A}" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>${body}</w:body></w:document>`,
    ),
  });
/** @param {string} t */
const para = (t) => `<w:p><w:r><w:t xml:space="preserve">${escape(t)}</w:t></w:r></w:p>`;
const DRAWING =
  '<w:p><w:r><w:drawing><a:graphic><a:graphicData><a:blip r:embed="rId5"/></a:graphicData></a:graphic></w:drawing></w:r></w:p>';
const VML = '<w:p><w:r><w:pict><v:shape><v:imagedata r:id="rId6"/></v:shape></w:pict></w:r></w:p>';

test('a picture alone in its paragraph or block is a line; one before a line break or a block ends its line first', () => {
  assert.equal(
    readHtml('<p>一、总体情况</p><p><span><img src="t.png"></span> </p><p>二、主动公开</p>').text,
    '一、总体情况\n[图片]\n二、主动公开\n',
  );
  assert.equal(readHtml('<div>文字<br><img src="t.png" alt="表 1"><br>更多</div>').text, '文字\n[图片：表 1]\n更多\n');
  assert.equal(readHtml('<div><img src="t.png"><p>正文</p></div>').text, '[图片]\n正文\n');
  assert.equal(readHtml('<p>见图 <img src="t.png"> 所示</p>').text, '见图 所示\n');
});

test('a Word file whose tables are pictures (a DrawingML picture, a VML one): a line each, each section unreadable', () => {
  for (const picture of [DRAWING, VML]) {
    for (const r of reports.filter((x) => !x.path.endsWith('.md'))) {
      const body = pictured(r.text, '[[picture]]')
        .split('\n')
        .map((l) => (l === '[[picture]]' ? picture : para(l)))
        .join('');
      const doc = readDocx(docx(body));
      assert.equal((doc.text.match(/^\[图片\]$/gm) ?? []).length, 3, r.name);
      assertTablePictures(engine.analyse(doc.text), `${r.name} as a Word file`);
    }
  }
  // in a table cell: no line, the cell's text alone
  const cell = readDocx(docx(`<w:tbl><w:tr><w:tc>${para('规章')}</w:tc><w:tc>${DRAWING}${para('0')}</w:tc></w:tr></w:tbl>`));
  assert.equal(cell.text.trim(), '规章\t0');
});

test('an old binary Word file: an object mark (0x01, 0x08) in a paragraph is a picture line; in a cell, nothing', () => {
  const body = readDocx(word([['二、主动公开政府信息情况\r\x01\r三、收到和处理政府信息公开申请情况\r\x08\r', false]]));
  assert.equal(body.text, '二、主动公开政府信息情况\n[图片]\n三、收到和处理政府信息公开申请情况\n[图片]\n');
  const cell = readDocx(word([['规章\x07\x010\x07\x07', false]]));
  assert.doesNotMatch(cell.text, /图片/);
});

/** @template T @param {T | undefined} x @returns {T} */
function defined(x) {
  assert.ok(x !== undefined);
  return x;
}
