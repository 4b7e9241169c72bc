// @ts-check
// The .docx reader (server/out/readers/docx.js): every generated .docx form of
// every report (scripts/docx-forms.mjs, made in memory at test time, never
// committed) reads like its text original; every table number is anchored to
// its own characters in word/document.xml; the real blank template reads as a
// report skeleton; bad input is a problem, never an exception.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { engine } from './helpers.mjs';
import { readers } from '../lib/bundles.mjs';
import { describeDifference, measure, score } from '../../scripts/forms-lib.mjs';
import { docxForms, TEMPLATE } from '../../scripts/docx-forms.mjs';
import { anchorOf, defined } from '../lib/narrow.mjs';

const { readDocx, DOCX_PROBLEMS, DOCX_PART } = readers.docx;
/** @import { Analysis, ReadDocument } from '../../server/src/engine/index.ts' */
/** @param {ReadDocument} d @param {number} k */
const docxAt = (d, k) => anchorOf(d.anchorAt(k), 'docx');
/** @param {ReadDocument} d @param {number} k */
const docxEnd = (d, k) => anchorOf(d.anchorEnd(k), 'docx');
const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
const haveShared = existsSync(SHARED) && existsSync(TEMPLATE);
const noShared = haveShared ? false : `../shared (${SHARED}) or the template is absent: the real template is not checked`;

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
/** @param {string} body @param {Record<string, string>} [extra] */
const docxOf = (body, extra = {}) =>
  zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>${body}</w:body></w:document>`,
    ),
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, strToU8(v)])),
  });
const p = (/** @type {string[]} */ ...runs) => `<w:p>${runs.join('')}</w:p>`;
const r = (/** @type {string} */ t) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;
const xmlOf = (/** @type {Uint8Array} */ bytes) =>
  new TextDecoder().decode(unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml']);

// ---------------------------------------------------------------- every form of every report

// written to a temporary directory and read back, as a user's file would be
const dir = mkdtempSync(join(tmpdir(), 'xxgk-docx-'));
const forms = docxForms(engine);
for (const f of forms) if (f.bytes) writeFileSync(join(dir, `${f.report}.${f.form}.docx`), f.bytes);
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** @type {Map<string, Analysis>} */
const originals = new Map();
const original = (/** @type {string} */ path) => {
  let a = originals.get(path);
  if (!a) originals.set(path, (a = engine.analyse(readFileSync(path, 'utf8'))));
  return a;
};

for (const f of forms) {
  const key = `${f.report}.${f.form}`;
  if (f.skipped) {
    test(`${key}.docx: not made`, { skip: f.skipped }, () => {});
    continue;
  }
  test(`${key}.docx reads like its original, every table number anchored to its characters`, () => {
    const bytes = new Uint8Array(readFileSync(join(dir, `${key}.docx`)));
    const reading = readDocx(bytes);
    assert.deepEqual(reading.problems, []);
    assert.equal(reading.form, 'docx');
    assert.equal(reading.editable, false);
    const analysis = engine.analyse(reading.text);
    const c = measure(engine, original(f.original), analysis, f.form);
    assert.ok(c.ok, `${key} (${score(c)}):\n${describeDifference(c)}`);

    const xml = xmlOf(bytes);
    let checked = 0;
    for (const t of analysis.model.tables) {
      if (![2, 3, 4].includes(t.section)) continue;
      const tpl = defined(engine.tableTemplate(analysis.model.format, t.id));
      for (const row of t.rows) {
        for (const cell of row.cells) {
          const col = tpl.columns.findIndex((x) => x.key === cell.column);
          const gridColumn = t.section === 3 ? 4 + col : t.section === 4 ? 1 + col : 2 + col;
          if (cell.value.kind === 'blank') {
            const a = docxAt(reading, cell.span.start);
            assert.equal(a.cell, gridColumn, `${key} ${t.id}/${row.key}/${cell.column}: a blank cell anchors to its own grid column`);
            continue;
          }
          for (let k = cell.span.start; k < cell.span.end; k++) {
            const a = docxAt(reading, k);
            assert.equal(a.kind, 'docx');
            assert.equal(a.part, DOCX_PART);
            assert.equal(xml[a.offset], reading.text[k], `${key} ${t.id}/${row.key}/${cell.column}: character ${k} → xml ${a.offset}`);
            assert.ok((a.table ?? 0) >= 1 && (a.row ?? 0) >= 1, `${key}: a table cell's anchor has its table and row`);
            assert.equal(a.cell, gridColumn, `${key} ${t.id}/${row.key}/${cell.column}: grid column`);
            checked++;
          }
          const end = docxEnd(reading, cell.span.end);
          assert.equal(end.offset, docxAt(reading, cell.span.end - 1).offset + 1, `${key}: a number's end is just after its last digit`);
        }
      }
    }
    assert.ok(checked > 20, `${key}: only ${checked} digits checked`);
  });
}

test('the word form holds what it claims: numbering, tracked changes, a field, a deleted row, a split table', () => {
  const f = defined(forms.find((x) => x.report === 'changchun-guodongban-2023' && x.form === 'word'));
  const xml = xmlOf(defined(f.bytes));
  for (const s of [
    '<w:numId w:val="1"/>',
    'w:pStyle w:val="HeadingCN"',
    '<w:delText>9</w:delText>',
    '<w:ins ',
    '<w:commentReference',
    'w:instrText',
    '<w:moveFrom ',
    '<w:trPr><w:del ',
    'w:vanish',
    'w:gridSpan',
    '<w:vMerge/>',
  ]) {
    assert.ok(xml.includes(s), `the word form has no ${s}`);
  }
  assert.ok((xml.match(/<w:tbl>/g) ?? []).length >= 4, 'section 三 is split over two tables');
  const text = readDocx(defined(f.bytes)).text;
  assert.match(text, /^一、总体情况$/m);
  assert.match(text, /^四、政府信息公开行政复议、行政诉讼情况$/m);
  for (const gone of ['999', '88 件', '77', '隐藏', '=SUM', '12345']) assert.ok(!text.includes(gone), `${gone} must not be read`);
});

// ---------------------------------------------------------------- the real template

test('the real blank template reads as a report skeleton: six sections, the tables, every cell blank', { skip: noShared }, () => {
  const reading = readDocx(new Uint8Array(readFileSync(TEMPLATE)));
  assert.deepEqual(reading.problems, []);
  assert.equal(reading.tables, 3);
  const a = engine.analyse(reading.text);
  assert.ok(a.model.isReport);
  assert.deepEqual(
    a.model.sections.map((s) => s.id),
    [1, 2, 3, 4, 5, 6],
  );
  const ids = a.model.tables.map((t) => t.id);
  for (const id of /** @type {const} */ (['S2_一', 'S2_五', 'S2_六', 'S2_八', 'S3', 'S4']))
    assert.ok(ids.includes(id), `table ${id} found`);
  const s3 = defined(a.model.tables.find((t) => t.id === 'S3'));
  assert.equal(s3.rows.length, 25);
  const cells = a.model.tables.flatMap((t) => t.rows.flatMap((r) => r.cells));
  assert.ok(cells.length >= 200);
  assert.ok(
    cells.every((c) => c.value.kind === 'blank'),
    'every cell of the blank template is blank',
  );
  // Section 四's one unlabelled data row, unfilled, is its table's row: 15 blank cells, each at its own grid column.
  const s4row = defined(defined(a.model.tables.find((t) => t.id === 'S4')).rows[0]);
  assert.equal(s4row.cells.length, 15);
  const columns = s4row.cells.map((c) => docxAt(reading, a.index.offsetAt(c.range.start)).cell);
  assert.deepEqual(
    columns,
    Array.from({ length: 15 }, (_, i) => i + 1),
  );
  // Nothing is missing and nothing fails to add up: every error or warning asks for a 0 in a blank cell
  // (hints about statements a blank template cannot have yet may come beside them).
  const serious = a.findings.filter((x) => x.severity === 'error' || x.severity === 'warning');
  assert.deepEqual([...new Set(serious.map((x) => x.rule))], ['blank-cell']);
  assert.equal(serious.length, 200);
  // WPS's full-width spaces in the section 二 cells are kept as the file has them
  assert.ok(reading.text.includes('规章\t　　\t　\t'));
});

// ---------------------------------------------------------------- the constructs, one by one

test('paragraphs, breaks and tabs: a line each; a tab is a space, never a cell', () => {
  const d = readDocx(docxOf(p(r('一、'), '<w:r><w:tab/><w:t>总体</w:t><w:br/><w:t>情况</w:t></w:r>') + p(r('第二段'))));
  assert.equal(d.text, '一、 总体\n情况\n第二段\n');
  assert.equal(docxAt(d, 0).paragraph, 1);
  assert.equal(docxAt(d, d.text.indexOf('第二段')).paragraph, 2);
});

test('a table row is one line: gridSpan gives empty fields, vMerge continuation an empty field, cell paragraphs join, gridBefore shifts', () => {
  const tc = (/** @type {string} */ content, pr = '') => `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ''}${content}</w:tc>`;
  const body =
    '<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>' +
    `<w:tr>${tc(p(r('商业')) + p(r('企业')), '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>')}${tc(p(r('12')))}</w:tr>` +
    `<w:tr>${tc(p(r('ignored')), '<w:gridSpan w:val="2"/><w:vMerge/>')}${tc(p(''))}</w:tr>` +
    `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc(p(r('a')) + p(r('b')))}${tc(p(r('7')))}</w:tr>` +
    '</w:tbl>';
  const d = readDocx(docxOf(body));
  assert.equal(d.text, '商业企业\t\t12\n\t\t\n\ta b\t7\n');
  const blank = d.text.indexOf('\t\t\n') + 2; // the empty third cell of row 2
  assert.deepEqual({ ...docxAt(d, blank), offset: 0 }, { kind: 'docx', part: DOCX_PART, offset: 0, table: 1, row: 2, cell: 3 });
  const seven = docxAt(d, d.text.indexOf('7'));
  assert.equal(seven.cell, 3);
  assert.equal(seven.row, 3);
});

test('list numbering from numbering.xml: formats, start, restart of lower levels, via the paragraph style, bullets silent', () => {
  const numbering = `<w:numbering xmlns:w="${W}">
    <w:abstractNum w:abstractNumId="5">
      <w:lvl w:ilvl="0"><w:start w:val="10"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/></w:lvl>
      <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3"/></w:lvl>
    </w:abstractNum>
    <w:abstractNum w:abstractNumId="6"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
    <w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>
    <w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="5"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="6"/></w:num>
    <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num><w:num w:numId="4"><w:abstractNumId w:val="8"/></w:num></w:numbering>`;
  const styles = `<w:styles xmlns:w="${W}"><w:style w:type="paragraph" w:styleId="H"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="H"/></w:style></w:styles>`;
  const np = (/** @type {number} */ id, /** @type {number} */ lvl, /** @type {string} */ t) =>
    `<w:p><w:pPr><w:numPr><w:ilvl w:val="${lvl}"/><w:numId w:val="${id}"/></w:numPr></w:pPr>${r(t)}</w:p>`;
  const body = [
    np(1, 0, '甲'),
    np(1, 1, 'a'),
    np(1, 1, 'b'),
    np(1, 2, 'c'),
    np(1, 0, '乙'),
    np(1, 1, 'd'),
    `<w:p><w:pPr><w:pStyle w:val="H2"/></w:pPr>${r('x')}</w:p>`,
    `<w:p><w:pPr><w:pStyle w:val="H"/></w:pPr>${r('y')}</w:p>`,
    np(3, 0, '点'),
    np(4, 0, '圈'),
    np(0, 0, '无'),
  ].join('');
  const d = readDocx(docxOf(body, { 'word/numbering.xml': numbering, 'word/styles.xml': styles }));
  assert.equal(d.text, '十、甲\n（一）a\n（二）b\n二.1 c\n十一、乙\n（一）d\n甲. x\n乙. y\n点\n③ 圈\n无\n');
  // %2.%3 without isLgl: each level in its own format (Word's rule). The number maps to its paragraph's start
  assert.equal(docxAt(d, 0).paragraph, 1);
});

test('final text of tracked changes; fields, hidden runs, comments, smart tags, sdt, alternate content and text boxes', () => {
  const body =
    p(
      r('1'),
      '<w:del w:id="1" w:author="a"><w:r><w:delText>9</w:delText></w:r></w:del>',
      '<w:ins w:id="2" w:author="a"><w:r><w:t>2</w:t></w:r></w:ins>',
      '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>X</w:t></w:r></w:moveFrom>',
      '<w:moveTo w:id="4" w:author="a"><w:r><w:t>3</w:t></w:r></w:moveTo>',
      '<w:commentRangeStart w:id="0"/><w:r><w:t>4</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>',
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> =1+4 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>5</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
      '<w:r><w:rPr><w:vanish/></w:rPr><w:t>H</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>6</w:t></w:r>',
      '<w:smartTag w:element="x"><w:r><w:t>7</w:t></w:r></w:smartTag>',
      '<w:sdt><w:sdtPr><w:alias w:val="Z"/></w:sdtPr><w:sdtContent><w:r><w:t>8</w:t></w:r></w:sdtContent></w:sdt>',
      '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>' +
        '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>',
      r('9'),
    ) + p(r('后段'));
  const bytes = docxOf(body, {
    'word/comments.xml': `<w:comments xmlns:w="${W}"><w:comment w:id="0"><w:p><w:r><w:t>批注</w:t></w:r></w:p></w:comment></w:comments>`,
  });
  const d = readDocx(bytes);
  assert.equal(d.text, '123456789\n框内\n后段\n');
  // each digit at its own place in the XML, though every one sits in another construct
  const xml = xmlOf(bytes);
  for (let k = 0; k < 9; k++) assert.equal(xml[docxAt(d, k).offset], d.text[k]);
  assert.equal(docxAt(d, d.text.indexOf('框')).paragraph, 1, 'a text box belongs to the paragraph it is anchored in');
});

test('entities, astral characters and CR LF map to their source', () => {
  const bytes = docxOf(p('<w:r><w:t>a&amp;b&#x4E00;&#x1F600;c</w:t></w:r>'));
  const d = readDocx(bytes);
  assert.equal(d.text, 'a&b一😀c\n');
  const xml = xmlOf(bytes);
  assert.equal(xml.slice(docxAt(d, 1).offset, docxEnd(d, 2).offset), '&amp;');
  assert.equal(xml.slice(docxAt(d, 3).offset, docxEnd(d, 4).offset), '&#x4E00;');
  assert.equal(xml.slice(docxAt(d, 4).offset, docxEnd(d, 6).offset), '&#x1F600;');
  assert.equal(xml[docxAt(d, 6).offset], 'c');
});

test('another prefix for the main namespace is the same document', () => {
  const xml = `<?xml version="1.0"?><ns0:document xmlns:ns0="${W}"><ns0:body><ns0:p><ns0:r><ns0:t>一、总体情况</ns0:t></ns0:r></ns0:p><x:p xmlns:x="urn:other"><x:t>不读</x:t></x:p></ns0:body></ns0:document>`;
  const d = readDocx(zipSync({ 'word/document.xml': strToU8(xml) }));
  assert.equal(d.text, '一、总体情况\n');
});

// ---------------------------------------------------------------- bad input

const codes = (/** @type {ReadDocument} */ d) => d.problems.map((x) => x.code);
const ole = (/** @type {string} */ name) => {
  const b = new Uint8Array(2048);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  for (let k = 0; k < name.length; k++) b[1024 + 2 * k] = name.charCodeAt(k);
  return b;
};

test('bad input is a problem with a message in both languages, never an exception', () => {
  const good = defined(forms.find((f) => f.bytes)?.bytes);
  /** @type {[string, Uint8Array, string][]} */
  const cases = [
    ['not a zip', strToU8('一、总体情况\n这不是 docx'), DOCX_PROBLEMS.notAZip],
    ['empty', new Uint8Array(0), DOCX_PROBLEMS.notAZip],
    ['a truncated zip', good.slice(0, Math.floor(good.length / 2)), DOCX_PROBLEMS.corrupt],
    ['a zip without word/document.xml', zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') }), DOCX_PROBLEMS.noDocument],
    ['a damaged old binary .doc (an OLE header, no compound file behind it)', ole('WordDocument'), DOCX_PROBLEMS.corrupt],
    ['an encrypted .docx', ole('EncryptedPackage'), DOCX_PROBLEMS.encrypted],
    [
      'malformed XML',
      zipSync({
        'word/document.xml': strToU8(
          `<w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p><w:p><w:r><w:t>二、</w:r>`,
        ),
      }),
      DOCX_PROBLEMS.malformedXml,
    ],
    ['no text', docxOf('<w:p/><w:sectPr/>'), DOCX_PROBLEMS.noText],
  ];
  for (const [what, bytes, code] of cases) {
    /** @type {ReadDocument | undefined} */
    let d;
    assert.doesNotThrow(() => (d = readDocx(bytes)), what);
    assert.ok(d, what);
    assert.deepEqual(codes(d), [code], what);
    const problem = defined(d.problems[0], what);
    assert.ok(problem.message.zh && problem.message.en, what);
    assert.equal(typeof d.text, 'string');
    const read = d;
    assert.doesNotThrow(() => read.anchorAt(0) && read.anchorEnd(read.text.length));
  }
  assert.match(defined(readDocx(ole('WordDocument')).problems[0]).message.zh, /另存为 \.docx/);
  assert.equal(readDocx(defined(cases[6])[1]).text, '一、总体情况\n二、\n', 'what comes before the fault is kept');
});

test('a zip bomb is refused before it is inflated: the inflated size and the entry count are capped', () => {
  const t0 = performance.now();
  const bomb = zipSync({ 'word/document.xml': new Uint8Array(51 * 1024 * 1024).fill(32) }, { level: 1 });
  assert.ok(bomb.length < 1024 * 1024);
  const t1 = performance.now();
  assert.deepEqual(codes(readDocx(bomb)), [DOCX_PROBLEMS.tooLarge]);
  assert.ok(performance.now() - t1 < 200, 'refused without inflating');
  /** @type {Record<string, Uint8Array>} */
  const many = {};
  for (let k = 0; k < 10001; k++) many[`f${k}`] = new Uint8Array(0);
  assert.deepEqual(codes(readDocx(zipSync(many))), [DOCX_PROBLEMS.tooLarge]);
  assert.deepEqual(codes(readDocx(defined(forms.find((f) => f.bytes)?.bytes), { maxInflatedBytes: 1000 })), [DOCX_PROBLEMS.tooLarge]);
  assert.ok(performance.now() - t0 < 20000);
});

test('fast-check: mutated bytes of a generated .docx and of the real template never throw and finish quickly', () => {
  const seeds = [defined(forms.find((f) => f.bytes && f.form === 'word')?.bytes)];
  if (haveShared) seeds.push(new Uint8Array(readFileSync(TEMPLATE)));
  for (const seed of seeds) {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(seed.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(seed.length), { nil: undefined }),
        (edits, cut) => {
          const b = seed.slice(0, cut ?? seed.length);
          for (const [at, v] of edits) if (at < b.length) b[at] = v;
          const t = performance.now();
          const d = readDocx(b);
          assert.equal(typeof d.text, 'string');
          d.anchorAt(Math.floor(d.text.length / 2));
          d.anchorEnd(d.text.length);
          assert.ok(performance.now() - t < 2000);
        },
      ),
      { numRuns: 150 },
    );
  }
});

test('fast-check: mutated XML of a generated document never throws, anchors stay inside the part', () => {
  const seed = defined(forms.find((f) => f.bytes && f.form === 'wps')?.bytes);
  const xml = xmlOf(seed);
  fc.assert(
    fc.property(
      fc.nat(xml.length - 1),
      fc.nat(200),
      fc.constantFrom('', '<', '>', '&', '</w:p>', '<w:tc>', '"', '<w:p/>', '<w:t>'),
      (at, drop, insert) => {
        const mutated = xml.slice(0, at) + insert + xml.slice(at + drop);
        const d = readDocx(zipSync({ 'word/document.xml': strToU8(mutated) }));
        for (const k of [0, Math.floor(d.text.length / 3), d.text.length]) {
          const a = docxAt(d, k);
          assert.ok(a.offset >= 0 && a.offset <= mutated.length);
        }
      },
    ),
    { numRuns: 200 },
  );
});
