// @ts-check
// Form independence for PDFs the reader was not built on: every report
// fixture's web pages (scripts/html-forms.mjs) printed to PDF by Chromium
// (scripts/pdf-forms.mjs: borders from Word's CSS, from border="1", from a CSS
// border on every cell, no borders at all; A4 and A5; Chromium's header and
// footer; the group labels set vertically, rotated or one character per line;
// the text layer a radical-sharing CJK font gives), read through the
// same file readers the CLI uses, must read like the original — every cell of
// 二, 三, 四, the sections, the error rules — and give the same error ids.
// Each variant is checked to be what it claims (no rules where there are no
// borders, the 三 table across pages, the running header, the look-alikes, the
// vertical labels).
//
// The PDFs are made at run time in a temporary directory (never in the
// repository), each page printed once by one browser. Without /usr/bin/chromium
// (scripts/setup-tools.sh installs it) the tests skip and say why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engine, errorIds } from './helpers.mjs';
import { readers } from '../lib/bundles.mjs';
import { anchorOf, defined } from '../lib/narrow.mjs';
import { PDF_VARIANTS, pdfForms, pdfFormsAvailable } from '../../scripts/pdf-forms.mjs';
import { describeDifference, findPdftotext, measure, reports, ROOT, score } from '../../scripts/forms-lib.mjs';

/** @import { Analysis, ReadDocument } from '../../server/src/engine/index.ts' */
const files = readers.files;
const { inspectPdf } = readers.pdf;
const { nodePdfHost } = readers.pdfHost;
const host = nodePdfHost(join(ROOT, 'server/out/cmaps'));

const LOOK_ALIKE = /[\u2e80-\u2fdf]/u;

const available = pdfFormsAvailable();
const skip = available.available ? false : `no PDFs can be printed here: ${available.why}`;
if (skip) console.log(`# pdf-forms: skipped — ${skip}`);

const t0 = performance.now();
const forms = skip ? [] : await pdfForms(engine);
const printMs = performance.now() - t0;
/** @typedef {(typeof forms)[number]} PdfForm */
/** @param {string} form */
const byForm = (form) => forms.filter((f) => f.form === form);

/** Every form's reading, once (the tests below look at them from several sides). */
/** @type {Map<string, Promise<{ doc: ReadDocument, analysis: Analysis }>>} */
const readings = new Map();
/** @param {PdfForm} f */
async function reading(f) {
  const key = `${f.report}.${f.form}`;
  if (!readings.has(key)) {
    readings.set(
      key,
      (async () => {
        const read = await files.readFileBytes(`${key}.pdf`, f.bytes);
        return { doc: read.doc, analysis: engine.analyse(read.doc.text) };
      })(),
    );
  }
  return defined(readings.get(key));
}

test('every report is printed in every PDF variant', { skip }, () => {
  console.log(
    `# pdf-forms: ${forms.length} PDFs (${reports().length} reports × ${PDF_VARIANTS.length} variants) made in ${Math.round(printMs)} ms`,
  );
  assert.equal(forms.length, reports().length * PDF_VARIANTS.length);
  for (const f of forms) {
    assert.equal(Buffer.from(f.bytes.subarray(0, 5)).toString('latin1'), '%PDF-', `${f.report}.${f.form}`);
  }
});

test(
  'every made PDF is a good PDF: pdftotext shows its text',
  { skip: skip || (findPdftotext() ? false : 'pdftotext is not on PATH') },
  () => {
    const tool = defined(findPdftotext(), 'pdftotext');
    for (const f of forms) {
      const text = execFileSync(tool, ['-enc', 'UTF-8', '-', '-'], { input: f.bytes, stdio: ['pipe', 'pipe', 'pipe'] }).toString('utf8');
      assert.match(text, /政府信息公开/, `${f.report}.${f.form}`);
      if (f.form === 'pdf-cms-header') assert.match(text, /file:\/\//, `${f.report}.${f.form}: Chromium's footer shows the page's address`);
      if (f.form === 'pdf-omitted-radicals') assert.match(text, LOOK_ALIKE, `${f.report}.${f.form}: the text layer has look-alikes`);
      else assert.doesNotMatch(text, LOOK_ALIKE, `${f.report}.${f.form}`);
    }
  },
);

test('the variants are what they say: borders or none, the 三 table across pages', { skip }, async () => {
  for (const f of forms) {
    const v = defined(
      PDF_VARIANTS.find((x) => x.form === f.form),
      `the variant ${f.form}`,
    );
    const pages = await inspectPdf(f.bytes, host);
    // (horizontal rules there are: link underlines)
    const rules = pages.reduce((n, p) => n + p.vRules.length, 0);
    if (v.borders === false) assert.equal(rules, 0, `${f.report}.${f.form}: no vertical rule on any page`);
    else assert.ok(rules > 20, `${f.report}.${f.form}: ${rules} vertical rules`);
    // The 三 table's first and last rows are on different pages where the page is small.
    const { doc, analysis } = await reading(f);
    const s3 = analysis.model.tables.find((t) => t.id === 'S3');
    assert.ok(s3, `${f.report}.${f.form}: a 三 table`);
    /** @param {Analysis['model']['tables'][number]['rows'][number]} row */
    const pageOf = (row) => anchorOf(doc.anchorAt(row.cells[0].span.start), 'pdf').page;
    const first = pageOf(s3.rows[0]);
    const last = pageOf(s3.rows[s3.rows.length - 1]);
    if (v.crossesPages) assert.ok(last > first, `${f.report}.${f.form}: 三 from page ${first} to page ${last}`);
    // Vertical group labels: drawn rotated (one vertical item), or character by character (no item holds the label).
    const items = pages.flatMap((p) => p.items);
    const label = items.filter((it) => /本年度办理结果/.test(it.text));
    if (v.labels === 'rotated') assert.ok(label.length > 0 && label.every((it) => it.vertical), `${f.report}.${f.form}: a rotated label`);
    if (v.labels === 'glyphs') {
      assert.equal(label.length, 0, `${f.report}.${f.form}: 三、本年度办理结果 is not one item`);
      assert.ok(
        items.some((it) => it.text === '办'),
        `${f.report}.${f.form}: 办 drawn as a character of its own`,
      );
    }
  }
});

/**
 * Where a layout leaves rows no reader can put together (`honest` variants): nothing is read wrong. Every cell is
 * read right or not at all (no cell, or a value the engine calls unreadable) — never another number, never blank;
 * the errors the original does not have are only the engine saying so (a missing row, an unreadable number); the
 * original's errors are all found but those on rows not read; the sections are the same.
 */
const HONEST_RULES = new Set(['missing-row', 'invalid-number']);
/**
 * @param {PdfForm} f
 * @param {Analysis} original
 * @param {Analysis} analysis
 * @param {ReturnType<typeof measure>} c
 */
function honestReading(f, original, analysis, c) {
  const out = [];
  const where = `${f.report}.${f.form}`;
  /** @type {Set<string>} */
  const notRead = new Set();
  for (const w of c.wrongCells) {
    if (w.read === '(no cell)' || /^(invalid|unreadable|unknown|fused)/.test(w.read))
      notRead.add(w.where.slice(0, w.where.lastIndexOf('/')));
    else out.push(`${where}: ${w.where} read ${w.read}, expected ${w.expected}`);
  }
  const origKeys = new Set(original.findings.filter((x) => x.severity === 'error').map((x) => x.id));
  for (const x of analysis.findings.filter((y) => y.severity === 'error' && !origKeys.has(y.id))) {
    if (!HONEST_RULES.has(x.rule)) out.push(`${where}: a false ${x.rule} error ${x.id}`);
  }
  const formKeys = new Set(errorIds(analysis));
  for (const id of origKeys)
    if (!formKeys.has(id) && ![...notRead].some((row) => id.includes(`:${row}/`) || id.endsWith(`:${row}`)))
      out.push(`${where}: the error ${id} is not found`);
  if (c.sectionsFound.join() !== c.sectionsExpected.join())
    out.push(`${where}: sections ${c.sectionsFound.join(',')}, expected ${c.sectionsExpected.join(',')}`);
  if (notRead.size) console.log(`# pdf-forms: ${where}: ${notRead.size} rows not read (${[...notRead].join(', ')}), the rest right`);
  return out;
}

for (const v of PDF_VARIANTS) {
  const claim = v.honest
    ? 'nothing is read wrong: rows it cannot put together are reported, never read as other numbers'
    : 'every report reads like its original, with the same error ids';
  test(`${v.form} (${v.what}): ${claim}`, { skip }, async () => {
    const failures = [];
    for (const f of byForm(v.form)) {
      const { doc, analysis } = await reading(f);
      assert.equal(doc.form, 'pdf');
      assert.deepEqual(doc.problems, [], `${f.report}.${f.form}`);
      // What Chromium adds and what the font names wrongly never reach the reading text.
      assert.doesNotMatch(doc.text, /file:\/\/|\d+\/\d+\/\d+, \d+:\d+/, `${f.report}.${f.form}: a running header or footer`);
      assert.doesNotMatch(doc.text, LOOK_ALIKE, `${f.report}.${f.form}: a radical look-alike`);
      const original = engine.analyse(readFileSync(f.original, 'utf8'));
      const c = measure(engine, original, analysis, f.form);
      if (v.honest) {
        failures.push(...honestReading(f, original, analysis, c));
        continue;
      }
      const same = errorIds(analysis).join() === errorIds(original).join();
      if (!c.ok || !same)
        failures.push(
          `${f.report}.${f.form} (${score(c)}${same ? '' : `; error ids ${errorIds(analysis).join(', ')} ≠ ${errorIds(original).join(', ')}`}):\n${describeDifference(c)}`,
        );
    }
    assert.deepEqual(failures, []);
  });
}

test('reading the made PDFs is quick', { skip }, async () => {
  const ms = [];
  for (const f of forms) {
    const t = performance.now();
    await files.readFileBytes(`${f.report}.${f.form}.pdf`, f.bytes);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(
    `# pdf-forms: readPdf median ${Math.round(ms[Math.floor(ms.length / 2)])} ms, slowest ${Math.round(ms[ms.length - 1])} ms over ${ms.length} PDFs`,
  );
  assert.ok(ms[ms.length - 1] < 5000);
});
