// @ts-check
// Word files and PDFs as LibreOffice writes them (scripts/lo-forms.mjs, made
// with soffice at run time in a temporary directory, never committed), read
// through the same file readers the CLI uses: every .docx form reads like its
// text original — every 二/三/四 value, the sections, the same error ids; so
// does every old binary .doc form (Word 97, read by the .doc reader) and the
// real template saved as .doc; the real template survives a LibreOffice round trip; the PDF exports read like their originals too. Without soffice
// (scripts/setup-tools.sh installs it) these tests skip and say why; the
// construct tests at the end need no soffice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { engine, errorIds } from './helpers.mjs';
import { readers } from '../lib/bundles.mjs';
import { anchorOf, defined } from '../lib/narrow.mjs';
import { describeDifference, measure, score } from '../../scripts/forms-lib.mjs';
import { LO_FORMS, loForms, loFormsAvailable, templateDoc, templateRoundTrip } from '../../scripts/lo-forms.mjs';
import { TEMPLATE } from '../../scripts/docx-forms.mjs';
/** @import { Analysis } from '../../server/src/engine/index.ts' */

const files = readers.files;

const available = loFormsAvailable();
const skip = available.available ? false : `LibreOffice is not here: ${available.why}`;
if (skip) console.log(`# lo-forms: skipped — ${skip}`);

/** The forms, with `ms`, the conversion time, that loForms sets on the list. */
const made = skip ? undefined : /** @type {ReturnType<typeof loForms> & { ms: number }} */ (loForms(engine));
const forms = made ?? [];
/** @typedef {ReturnType<typeof loForms>[number]} LoForm */
if (made) console.log(`# lo-forms: ${made.filter((f) => f.bytes).length} files converted by soffice in ${Math.round(made.ms)} ms`);

/**
 * What is wrong with a form's reading against its original, or undefined: every cell exact, the same error ids,
 * no false or missing error — or, for a form with a known limit of the reader, every cell exact and no other
 * error than the limit's rule.
 * @param {LoForm} f @param {{ limit?: string }} v @param {Analysis} o @param {Analysis} analysis
 * @param {ReturnType<typeof measure>} c
 * @returns {string | undefined}
 */
function judged(f, v, o, analysis, c) {
  if (v.limit) {
    const extra = errorIds(analysis).filter((id) => !errorIds(o).includes(id));
    if (c.cellsRight !== c.cellsExpected || !extra.every((id) => id.startsWith(`${v.limit}:`)))
      return `${f.report}.${f.form} (${score(c)}; beyond its limit: ${extra.join(', ')})`;
    return undefined;
  }
  const same = errorIds(analysis).join() === errorIds(o).join();
  if (!c.ok || !same || c.falseErrors.length || c.missingErrors.length)
    return `${f.report}.${f.form} (${score(c)}${same ? '' : `; error ids ${errorIds(analysis).join(', ')} ≠ ${errorIds(o).join(', ')}`}):\n${describeDifference(c)}`;
  return undefined;
}
/** @type {Map<string, Analysis>} */
const originals = new Map();
/** @param {string} path */
const original = (path) => {
  let a = originals.get(path);
  if (!a) originals.set(path, (a = engine.analyse(readFileSync(path, 'utf8'))));
  return a;
};
/** @param {LoForm} f */
const readAs = async (f) => {
  const read = await files.readFileBytes(`${f.report}.${f.form}.${f.ext}`, defined(f.bytes, `${f.report}.${f.form}'s bytes`));
  return { doc: read.doc, analysis: engine.analyse(read.doc.text) };
};
/** @param {Uint8Array} bytes @param {string} [part] */
const xmlOf = (bytes, part = 'word/document.xml') => {
  const got = unzipSync(bytes, { filter: (e) => e.name === part })[part];
  return got ? new TextDecoder().decode(got) : '';
};

for (const v of LO_FORMS.filter((x) => x.ext === 'docx' || x.ext === 'doc')) {
  test(`${v.form} (${v.what}): every report reads like its original, with the same error ids`, { skip }, async () => {
    const made = forms.filter((f) => f.form === v.form);
    assert.ok(made.length > 0);
    const failures = [];
    for (const f of made) {
      if (f.skipped) {
        // docx-forms makes the template form only where the report fits the template's rows
        assert.match(f.skipped, /^no docx-template source$/, `${f.report}.${f.form}: ${f.skipped}`);
        continue;
      }
      const { doc, analysis } = await readAs(f);
      assert.equal(doc.form, 'docx');
      assert.deepEqual(doc.problems, [], `${f.report}.${f.form}`);
      if (v.ext === 'doc') assert.equal(doc.anchorAt(0).kind, 'doc', `${f.report}.${f.form}: anchored to character positions`);
      const o = original(f.original);
      const c = measure(engine, o, analysis, f.form);
      const failure = judged(f, v, o, analysis, c);
      if (failure) failures.push(failure);
    }
    assert.deepEqual(failures, []);
  });
}

test("LibreOffice's files hold what they are made for", { skip }, () => {
  /** The bytes of hongze-2023's form. @param {string} form */
  const one = (form) => defined(forms.find((f) => f.form === form && f.bytes && f.report === 'hongze-2023')?.bytes, form);
  const odt = one('lo-odt');
  const xml = xmlOf(odt);
  for (const s of ['<w:tblHeader', '<w:softHyphen/>', '<w:sdt>', '<w:br/>', '<w:numPr>', 'w:val="Heading1"'])
    assert.ok(xml.includes(s), `lo-odt has no ${s}`);
  // the outline numbering lives in numbering.xml, reached through the heading style (no numPr on the paragraph)
  assert.match(xmlOf(odt, 'word/numbering.xml'), /w:numFmt w:val="(taiwaneseCountingThousand|chineseCounting\w*)"/);
  /** @param {string} x */
  const nested = (x) => /<w:tc>(?:(?!<\/w:tc>)[\s\S])*<w:tbl>/.test(x);
  assert.ok(nested(xml), 'lo-odt: the 二 tables nested in a frame table');
  assert.ok(nested(xmlOf(one('lo-html-layout'))), 'lo-html-layout: the tables nested in the layout cell');
  for (const f of ['lo-html-word', 'lo-wps-rt'])
    assert.match(xmlOf(one(f)), /<w:tblGrid>[\s\S]*<w:vMerge w:val="restart"\/>/, `${f}: LibreOffice's own tables`);
});

test('a layout table is read as the page it lays out: its paragraphs are lines, its tables rows', { skip }, async () => {
  const f = defined(
    forms.find((x) => x.form === 'lo-html-layout' && x.bytes),
    'the lo-html-layout form',
  );
  const { doc } = await readAs(f);
  assert.match(doc.text, /^一、总体情况$/m);
  assert.match(doc.text, /^二、主动公开政府信息情况$/m);
});

test('an old binary .doc reads as the .docx LibreOffice writes from the same source, character for character', { skip }, async () => {
  // the same web page saved by LibreOffice both ways: the two readers lay the text out alike
  const pairs = [
    ['lo-doc', 'lo-html-omitted'],
    ['lo-doc-word', 'lo-html-word'],
  ];
  for (const [d, x] of pairs) {
    for (const f of forms.filter((y) => y.form === d && y.bytes)) {
      const g = forms.find((y) => y.form === x && y.report === f.report && y.bytes);
      if (!g) continue;
      const [a, b] = [(await readAs(f)).doc.text, (await readAs(g)).doc.text];
      assert.equal(a, b, `${f.report}: ${d} reads as ${x}`);
    }
  }
});

test(
  'the real blank template saved as .doc by LibreOffice reads as the template: the same sections, rows and findings',
  { skip: skip || (existsSync(TEMPLATE) ? false : `${TEMPLATE} is absent`) },
  async () => {
    const before = (await files.readFileBytes('t.docx', new Uint8Array(readFileSync(TEMPLATE)))).doc;
    const bytes = templateDoc();
    assert.ok(bytes, 'soffice wrote the .doc');
    const after = (await files.readFileBytes('t.doc', bytes)).doc;
    assert.deepEqual(after.problems, []);
    assert.equal(after.text, before.text);
    const [a, b] = [engine.analyse(before.text), engine.analyse(after.text)];
    assert.deepEqual(
      b.model.sections.map((s) => s.id),
      a.model.sections.map((s) => s.id),
    );
    assert.deepEqual(b.findings.map((x) => x.id).sort(), a.findings.map((x) => x.id).sort());
    const k = after.text.indexOf('行政许可');
    assert.ok(k > 0);
    const at = after.anchorAt(k);
    assert.equal(at.kind, 'doc');
    assert.match(engine.describeAnchor(at, 'zh'), /^表 \d+ 第 \d+ 行第 1 列$/);
  },
);

test(
  'the real blank template, opened and saved again by LibreOffice, still reads as the template',
  { skip: skip || (existsSync(TEMPLATE) ? false : `${TEMPLATE} is absent`) },
  async () => {
    const before = (await files.readFileBytes('t.docx', new Uint8Array(readFileSync(TEMPLATE)))).doc;
    const bytes = templateRoundTrip();
    assert.ok(bytes, 'soffice wrote the round trip');
    const after = (await files.readFileBytes('t.docx', bytes)).doc;
    assert.deepEqual(after.problems, []);
    const [a, b] = [engine.analyse(before.text), engine.analyse(after.text)];
    assert.deepEqual(
      b.model.sections.map((s) => s.id),
      a.model.sections.map((s) => s.id),
    );
    /** @param {Analysis['model']} m */
    const shape = (m) => m.tables.map((t) => `${t.id}:${t.rows.map((r) => `${r.key}×${r.cells.length}`).join(',')}`);
    assert.deepEqual(shape(b.model), shape(a.model));
    assert.ok(b.model.tables.flatMap((t) => t.rows.flatMap((r) => r.cells)).every((c) => c.value.kind === 'blank'));
    assert.deepEqual(b.findings.map((x) => x.id).sort(), a.findings.map((x) => x.id).sort());
  },
);

/**
 * LibreOffice's PDF exports read like their originals: every 二/三/四 value, the sections, the same error ids. What
 * they hold that Chromium's PDFs do not: rows a page break cuts in two with a rule drawn on each side of the cut
 * (the label's lines on both pages, the numbers on the first; with the 三 header rows repeated between them in the
 * Flat ODT's export), and a label and the next column's number that pdf.js joins into one text item. The counts
 * are printed; a cell read as another number is named first.
 */
for (const v of LO_FORMS.filter((x) => x.ext === 'pdf')) {
  test(`${v.form} (${v.what}): every report reads like its original, with the same error ids`, { skip }, async () => {
    let right = 0;
    let expected = 0;
    let wrong = 0;
    let unread = 0;
    const bad = [];
    const failures = [];
    const made = forms.filter((x) => x.form === v.form && x.bytes);
    assert.ok(made.length > 0);
    for (const f of made) {
      const { doc, analysis } = await readAs(f);
      assert.equal(doc.form, 'pdf');
      assert.deepEqual(doc.problems, [], `${f.report}.${f.form}`);
      const o = original(f.original);
      const c = measure(engine, o, analysis, f.form);
      right += c.cellsRight;
      expected += c.cellsExpected;
      for (const w of c.wrongCells) {
        if (w.read === '(no cell)' || /^(invalid|unreadable|unknown|fused)/.test(w.read)) unread++;
        else {
          wrong++;
          if (bad.length < 6) bad.push(`${f.report} ${w.where}: read ${w.read}, expected ${w.expected}`);
        }
      }
      const failure = judged(f, v, o, analysis, c);
      if (failure) failures.push(failure);
    }
    console.log(`# lo-forms: ${v.form}: ${right}/${expected} cells exact, ${unread} not read, ${wrong} read wrong`);
    assert.deepEqual(bad, []);
    assert.deepEqual(failures, []);
    assert.equal(right, expected);
  });
}

// ---------------------------------------------------------------- constructs LibreOffice writes (no soffice needed)

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
/** @param {string} body */
const docxOf = (body) =>
  zipSync({ 'word/document.xml': strToU8(`<?xml version="1.0"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`) });
/** @param {string} t */
const p = (t) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;
const { readDocx } = readers.docx;

test('a cell holding a table is a layout box: its paragraphs are lines, the nested rows rows, cell joins elsewhere unchanged', () => {
  const inner = `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr><w:tc>${p('规章')}</w:tc><w:tc>${p('3')}</w:tc></w:tr></w:tbl>`;
  const body =
    `<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>${p('标题')}${p('一、总体情况')}${p('正文 a')}${p('b')}${inner}${p('三、其他')}</w:tc></w:tr></w:tbl>` +
    `<w:tbl><w:tr><w:tc>${p('商业')}${p('企业')}</w:tc><w:tc>${p('7')}</w:tc></w:tr></w:tbl>`;
  const d = readDocx(docxOf(body));
  assert.equal(d.text, '标题\n一、总体情况\n正文 a\nb\n规章\t3\n三、其他\n商业企业\t7\n');
  // every character still maps to its own place
  const xml = new TextDecoder().decode(unzipSync(docxOf(body))['word/document.xml']);
  for (const ch of ['总', 'a', 'b', '3', '其'])
    assert.equal(xml[anchorOf(d.anchorAt(d.text.indexOf(ch)), 'docx').offset], ch, `${ch} anchored to its character`);
  assert.equal(anchorOf(d.anchorAt(d.text.indexOf('3')), 'docx').table, 2);
});

test('soft hyphens, header-row repeat and a content control around a number read as the text they show', () => {
  const body =
    `<w:tbl><w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr><w:tc>${p('信息内容')}</w:tc></w:tr>` +
    `<w:tr><w:tc><w:p><w:r><w:t>行政</w:t></w:r><w:r><w:softHyphen/></w:r><w:r><w:t>许可</w:t></w:r></w:p></w:tc>` +
    '<w:tc><w:p><w:sdt><w:sdtPr><w:showingPlcHdr w:val="false"/></w:sdtPr><w:sdtContent><w:r><w:t>550</w:t></w:r></w:sdtContent></w:sdt></w:p></w:tc></w:tr></w:tbl>';
  assert.equal(readDocx(docxOf(body)).text, '信息内容\n行政许可\t550\n');
});
