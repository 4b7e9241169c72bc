// @ts-check
// What common converters write from a report's web page and Word files (scripts/converter-forms.mjs, made at
// run time in a temporary directory, never committed), read as the CLI reads a .txt/.md: every 二/三/四 cell
// like the original's (blank where it is blank), the same sections and error ids — or, where the converter
// broke the table (html2text 1.3.2a cuts Chinese characters' bytes), one unreadable-table per section and no
// other error. A converter not installed is skipped, with why. Pairs the reader does not read yet are `todo`:
// they run and print their score, and fail nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { engine } from './helpers.mjs';
import { readers } from '../lib/bundles.mjs';
import { describeDifference, measure, score } from '../../scripts/forms-lib.mjs';
import { converterForms, CONVERTERS } from '../../scripts/converter-forms.mjs';
import { TEMPLATE } from '../../scripts/docx-forms.mjs';
/** @import { Analysis } from '../../server/src/engine/index.ts' */

const made = await converterForms(engine);
console.log(`# converters: ${made.items.length} outputs made in ${Math.round(made.ms)} ms`);
for (const s of made.skipped) console.log(`# converters: ${s.converter} skipped — ${s.why}`);
/** @typedef {(typeof made.items)[number]} Item */

/** The kind of input an item was made from: `html` (the real page), `html-cms`, `docx-word`, `lo-doc`, `docx`, `doc`. */
const kindOf = (/** @type {Item} */ i) => i.input.slice(i.input.indexOf('.') + 1);

/** Every table section lost by the converter. */
const LOST_ALL = { lost: [2, 3, 4] };
/**
 * pandoc drops a number a WPS file writes inside `mc:AlternateContent` (its `mc:Fallback` too): the converter's text
 * has that cell empty, so it reads blank and its row's and column's sums are wrong in that text — rightly.
 */
const WPS_DROPPED = { dropped: ['S3/R1/NP'] };
/**
 * What each converter × input must give: `exact` every cell and error id as the original's; `{ lost }` the honest
 * "cannot read" of the tables of those sections, the converter having lost them (html2text's broken characters,
 * pandoc's `[TABLE]`), everything else exact; `{ dropped }` those cells blank (the converter wrote nothing there),
 * everything else exact; `{ unread: true }` every cell exact or not read (a run of digits the sums do not split:
 * docx2txt runs a WPS table's cells together), no error the original lacks; else a `todo` naming what is not read
 * yet.
 * @typedef {'exact' | { lost: number[] } | { dropped: string[] } | { unread: true }} Want
 * @type {Record<string, Record<string, Want | string>>}
 */
const EXPECTED = {
  w3m: { html: 'exact', 'html-cms': 'exact', 'html-word': 'exact' },
  // lynx lays the real page's wide 三 out one cell a line, and an empty cell leaves no line: its columns are lost
  lynx: { html: { lost: [3] }, 'html-cms': 'exact', 'html-word': 'exact' },
  html2text: { html: LOST_ALL, 'html-cms': LOST_ALL, 'html-word': LOST_ALL },
  // pandoc's `[text]{style=…}` spans and raw `<span>`s (split over lines) are masked: headings and numbers read whole
  'pandoc-html-markdown': { html: 'exact', 'html-cms': 'exact', 'html-word': 'exact' },
  'pandoc-html-gfm': { html: 'exact', 'html-cms': 'exact', 'html-word': 'exact' },
  'pandoc-html-commonmark': { html: 'exact', 'html-cms': 'exact', 'html-word': 'exact' },
  // the real page's 三 (rowspans) is `[TABLE]`: pandoc did not write it
  'pandoc-html-plain': { html: { lost: [3] }, 'html-cms': 'exact', 'html-word': 'exact' },
  // `**bold**` inside numbers (`5**50**`) is masked markup: one number
  // a blank 四 is a simple table of header words alone (`结果\` ⏎ `纠正`): its row, every cell blank
  'pandoc-docx-markdown': { 'docx-wps': WPS_DROPPED, docx: 'exact', 'lo-html-cms': 'exact' },
  'pandoc-docx-gfm': { 'docx-wps': WPS_DROPPED, docx: 'exact', 'lo-html-cms': 'exact' },
  'pandoc-docx-commonmark': { 'docx-wps': WPS_DROPPED, docx: 'exact', 'lo-html-cms': 'exact' },
  'pandoc-docx-plain': {
    // the WPS file's 三 (merged cells) is `[TABLE]`
    'docx-wps': { lost: [3] },
    // the blank template's 三 (merged cells) is `[TABLE]`; its 四 the header words alone
    docx: { lost: [3] },
    'lo-html-cms': 'exact',
  },
  // docx2txt runs a WPS file's paragraphs and cells together: the lines are cut at their structure (lines.ts)
  docx2txt: { 'docx-wps': { unread: true }, docx: 'exact', 'lo-html-cms': 'exact' },
  'soffice-txt': { 'docx-wps': 'exact', docx: 'exact', 'lo-html-cms': 'exact' },
  antiword: { 'lo-doc': "antiword drops LibreOffice's 三 rows and the 四/五 headings", doc: 'antiword drops the 三 rows' },
  // the template's 二 reads (`行政许可` alone on its TAB line); its 三 is one label a line with empty lines for cells, its 四 garbled
  catdoc: { 'lo-doc': 'exact', doc: 'catdoc writes the template’s 三 one label a line and garbles its 四' },
};

/** @type {Map<string, Analysis>} */
const originals = new Map();
/** The reading the converter's output is held to: the report's text, the real page itself, the blank template. @param {Item} i */
async function original(i) {
  const key = JSON.stringify(i.original);
  let a = originals.get(key);
  if (a) return a;
  const o = /** @type {{ text?: string, html?: string, template?: boolean }} */ (i.original);
  if (o.text) a = engine.analyse(readFileSync(o.text, 'utf8'));
  else {
    const path = o.html ?? TEMPLATE;
    a = engine.analyse((await readers.files.readFileBytes(path, new Uint8Array(readFileSync(path)))).doc.text);
  }
  originals.set(key, a);
  return a;
}
/**
 * The text the CLI analyses for the output saved as .md or .txt: Markdown or text holding HTML tables (pandoc's
 * commonmark, and its markdown for merged cells) is read as a page whose text outside tables is kept as it is.
 * @param {Item} i
 */
async function reading(i) {
  if (/<table[\s>]/i.test(i.text)) return readers.html.readHtml(i.text, { textOutsideTablesAsIs: true }).text;
  return (await readers.files.readFileBytes(`${i.input}.${i.ext}`, new TextEncoder().encode(i.text))).doc.text;
}
/** @param {Analysis} a */
const errorIds = (a) => [...new Set(a.findings.filter((f) => f.severity === 'error').map((f) => f.id))].sort();

/** The table a cell or an error id names: `S3/R1/NP` → S3, `sum-mismatch:S4/R/FS.ZJ` → S4. @param {string} id */
const tableOf = (id) => /(S[234][^/]*)\//.exec(id)?.[1];

/**
 * What is wrong with an item's reading, or undefined.
 * @param {Item} i @param {Want} want
 */
async function judged(i, want) {
  const o = await original(i);
  const a = engine.analyse(await reading(i));
  const c = measure(engine, o, a, i.converter);
  const where = `${i.input} via ${i.converter} (${score(c)})`;
  if (typeof want === 'object' && 'dropped' in want) {
    // the dropped cells blank, every other cell right; the errors the blank makes name its row or its column only
    const wrong = c.wrongCells.filter((w) => !want.dropped.includes(w.where) || w.read !== 'blank');
    if (wrong.length) return `${where}: ${wrong.map((w) => `${w.where} read ${w.read}, expected ${w.expected}`).join('; ')}`;
    const near = (/** @type {string} */ id) =>
      want.dropped.some((cell) => {
        const [table, row, column] = cell.split('/');
        return id.includes(`:${table}/${row}/`) || id.endsWith(`:${table}/${column}`);
      });
    const extra = c.falseErrors.filter((id) => !near(id));
    if (extra.length || c.missingErrors.length) return `${where}:\n${describeDifference(c)}`;
    return undefined;
  }
  if (typeof want === 'object' && 'unread' in want) {
    // a cell wrong only as not read (`unread`, reported), never a wrong number; no false error; an error missed
    // only in a table with a cell not read
    const wrong = c.wrongCells.filter((w) => !w.read.startsWith('unread'));
    if (wrong.length) return `${where}: ${wrong.map((w) => `${w.where} read ${w.read}, expected ${w.expected}`).join('; ')}`;
    const unread = new Set(c.wrongCells.map((w) => tableOf(w.where)));
    const missed = c.missingErrors.filter((id) => !unread.has(tableOf(id)));
    if (c.falseErrors.length || missed.length) return `${where}:\n${describeDifference(c)}`;
    if (c.sectionsFound.join() !== c.sectionsExpected.join())
      return `${where}: sections ${c.sectionsFound.join()} ≠ ${c.sectionsExpected.join()}`;
    return undefined;
  }
  if (want === 'exact' || typeof want === 'string') {
    const same = errorIds(a).join() === errorIds(o).join();
    if (c.ok && same && !c.falseErrors.length && !c.missingErrors.length) return undefined;
    return `${where}${same ? '' : `; errors ${errorIds(a).join(', ')} ≠ ${errorIds(o).join(', ')}`}:\n${describeDifference(c)}`;
  }
  // the honest result: the tables of the `lost` sections not read (one unreadable-table each, no number), every
  // other cell exact; the original's errors but those in the lost sections; every section found
  const lost = want.lost;
  const sectionOf = (/** @type {string} */ where) => (where.startsWith('S2_') ? 2 : where.startsWith('S3') ? 3 : 4);
  const unreadable = a.findings
    .filter((f) => f.rule === 'unreadable-table')
    .map((f) => Number(/^unreadable-table:(\d)/.exec(f.id)?.[1]))
    .sort();
  if (!a.model.isReport) return `${where}: not read as a report`;
  if (unreadable.join() !== lost.join()) return `${where}: unreadable-table in sections ${unreadable.join(', ')}`;
  const wrong = c.wrongCells.filter((w) => !lost.includes(sectionOf(w.where)) || !/^\(no cell\)|^blank$/.test(w.read));
  if (wrong.length) return `${where}: ${wrong.map((w) => `${w.where} read ${w.read}, expected ${w.expected}`).join('; ')}`;
  const kept = (/** @type {Analysis} */ x) =>
    errorIds(x).filter((id) => !id.startsWith('unreadable-table:') && !lost.some((n) => new RegExp(`:S${n}[_/]`).test(id)));
  if (kept(a).join() !== kept(o).join()) return `${where}: errors ${kept(a).join(', ')} ≠ ${kept(o).join(', ')}`;
  if (c.sectionsFound.join() !== c.sectionsExpected.join())
    return `${where}: sections ${c.sectionsFound.join()} ≠ ${c.sectionsExpected.join()}`;
  return undefined;
}

for (const c of CONVERTERS) {
  const skipped = made.skipped.find((s) => s.converter === c.name);
  for (const [kind, want] of Object.entries(EXPECTED[c.name] ?? {})) {
    const todo = typeof want === 'string' && want !== 'exact' ? want : undefined;
    const says =
      typeof want !== 'object'
        ? 'every cell, section and error id as the original'
        : 'lost' in want
          ? `one unreadable-table for each of sections ${want.lost.join(', ')}, every other cell and error as the original`
          : 'dropped' in want
            ? `${want.dropped.join(', ')} blank (the converter dropped it), every other cell as the original`
            : 'every cell as the original or not read (reported), no false error';
    test(`${c.name} × ${kind}: ${says}`, { skip: skipped?.why, todo }, async () => {
      const items = made.items.filter((i) => i.converter === c.name && kindOf(i) === kind);
      assert.ok(items.length > 0, `no ${kind} output of ${c.name}`);
      const failures = [];
      for (const i of items) {
        const f = await judged(i, typeof want === 'object' ? want : 'exact');
        if (f) failures.push(f);
      }
      assert.deepEqual(failures, []);
    });
  }
}

// ---------------------------------------------------------------- the drawn and broken tables themselves (no tool needed)

test('a w3m box table: a row is the lines between two rules, a wrapped label joined, under a rowspan too', () => {
  const text = [
    '三、收到和处理政府信息公开申请情况',
    '┌────┬────┬──┐',
    '│    │（一）予以公开    │26│',
    '│    ├────────┼──┤',
    '│    │（二）部分公开（区分处理的，只计这一情形│3 │',
    '│    │，不计其他情形）  │  │',
    '└────┴────────┴──┘',
  ].join('\n');
  const rows = engine.analyse(text).model.tables.flatMap((t) => t.rows.map((r) => `${r.key}:${r.cells[0]?.raw.trim()}`));
  assert.deepEqual(rows, ['R3_1:26', 'R3_2:3']);
});

test("catdoc's wrapped lines: a label's rest and a row's last numbers on the next line stay in their row", () => {
  const text = [
    '三、收到和处理政府信息公开申请情况',
    '\t（一）予以公开\t3\t0\t0\t0\t0\t0\t3 ',
    '\t（二）部分公开（区分处理的，只计这一情 形，不',
    '计其他情形）\t4\t0\t0\t0\t0\t0\t4 ',
    '\t（四）无法提供\t1.本机关不掌握相关政府信息\t10\t0\t0\t0\t0',
    '0\t10 ',
    '2.没有现成信息需要另行制作\t3\t0\t0\t0\t0\t0\t3 ',
  ].join('\n');
  const s3 = engine.analyse(text).model.tables.find((t) => t.id === 'S3');
  assert.deepEqual(
    s3?.rows.map((r) => `${r.key}:${r.cells.map((c) => c.raw.trim()).join(',')}`),
    ['R3_1:3,0,0,0,0,0,3', 'R3_2:4,0,0,0,0,0,4', 'R3_4_1:10,0,0,0,0,0,10', 'R3_4_2:3,0,0,0,0,0,3'],
  );
});

test('a table whose characters html2text broke (U+FFFD) is one unreadable-table, never numbers read from it', () => {
  const text = [
    '****** 2023 年某局政府信息公开工作年度报告 ******',
    '一、总体情况',
    '本年度工作情况。',
    '二、主动公开政府信息情况',
    '|第二十条第（一）项_|',
    '|信息\uFFFD|本年|本年|现行|\uFFFD\uFFFD效件数',
    '|规章_|0_____|0_____|0_____|',
    '|行政\uFFFD|0范\uFFFD|5\uFFFD\uFFFD件|5_____|',
  ].join('\n');
  const a = engine.analyse(text);
  assert.equal(a.model.isReport, true);
  assert.equal(a.model.title?.text, '2023 年某局政府信息公开工作年度报告');
  assert.deepEqual(
    a.model.tables.filter((t) => t.section === 2),
    [],
  );
  assert.deepEqual(
    // (the text stops after 二: the sections after it are missing, rightly)
    a.findings.filter((f) => f.severity === 'error' && f.rule !== 'missing-section').map((f) => f.id),
    ['unreadable-table:2'],
  );
});

test('a Markdown grid table (+---+): a row between rules, a wrapped label joined, a number wrapped over lines read whole', () => {
  const text = [
    '二、主动公开政府信息情况',
    '+----------+------+------+------+',
    '| 第二十条第（一）项              |',
    '+----------+------+------+------+',
    '| 信息内容 | 本年 | 本年 | 现行 |',
    '|          | 制发 | 废止 | 有效 |',
    '+==========+======+======+======+',
    '| 规章     | 1    | 0    | 1    |',
    '+----------+------+------+------+',
    '| 行政规范 | 0    | 5    | 5    |',
    '| 性文件   |      |      |      |',
    '+----------+------+------+------+',
    '| 第二十条第（八）项              |',
    '+----------+----------------------+',
    '| 行政事业 | 77                   |',
    '| 性收费   | 30.28                |',
    '+----------+----------------------+',
  ].join('\n');
  const m = engine.analyse(text).model;
  const cells = (/** @type {string} */ id) =>
    m.tables
      .find((t) => t.id === id)
      ?.rows.map((r) => `${r.key}:${r.cells.map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind)).join(',')}`);
  assert.deepEqual(cells('S2_一'), ['GZ:1,0,1', 'GF:0,5,5']);
  assert.deepEqual(cells('S2_八'), ['SF:7730.28']);
});

test("pandoc's [TABLE] (a table plain text could not draw) is an unreadable table, not a missing one", () => {
  const text = [
    '2023年某局政府信息公开工作年度报告',
    '三、收到和处理政府信息公开申请情况',
    '',
    '[TABLE]',
    '',
    '四、政府信息公开行政复议、行政诉讼情况',
  ].join('\n');
  const ids = engine.analyse(text).findings.map((f) => f.id);
  assert.ok(ids.includes('unreadable-table:3'), ids.join());
  assert.ok(!ids.some((id) => id.startsWith('missing-table:S3')), ids.join());
});
