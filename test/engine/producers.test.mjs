// @ts-check
// Files of the reports as other producers write them (scripts/producer-forms.mjs, made at run time in a temporary
// directory, never committed) — pandoc, LibreOffice's other filters and PDF options, mutool's rewrites, Chromium's
// print of pandoc's HTML5, .docx files whose XML other writers lay out otherwise — read through the CLI's file
// readers: every 二/三/四 cell as the original's, the same sections and error ids; or, where the producer itself
// loses content, an honest reading (what is lost is missing or unreadable, never a wrong number or a sum error);
// or, where the file's text cannot be decoded, an honest "cannot read". A missing tool skips its producers and
// says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { engine, errorIds } from './helpers.mjs';
import { readers } from '../lib/bundles.mjs';
import { defined } from '../lib/narrow.mjs';
import { describeDifference, measure, score } from '../../scripts/forms-lib.mjs';
import { PRODUCERS, producerForms, producerTools } from '../../scripts/producer-forms.mjs';
/** @import { Analysis } from '../../server/src/engine/index.ts' */

const tools = producerTools();
for (const [name, t] of Object.entries(tools)) if ('why' in t) console.log(`# producers: ${name} skipped — ${t.why}`);

// the real page and two corpus reports (one 2023 report with an S4 sum error, one without): LibreOffice is slow
const made = await producerForms(engine, { only: ['hongze-2023', 'changchun-guodongban-2023'] });
console.log(`# producers: ${made.filter((f) => f.bytes).length} files made in ${Math.round(made.ms)} ms`);
/** @typedef {(typeof made)[number]} Made */

/**
 * What each producer's file must read as:
 * - `exact`: every cell, the sections and the error ids as the original's;
 * - `honest`: the producer loses content of the file (`why`): every cell is right or not read at all, every
 *   section found, and the only errors beyond the original's say a table is missing or unreadable;
 * - `unreadable`: the file's text cannot be decoded: no text, and the reader's problem `code`.
 * `inputs` limits an expectation to some inputs (the rest: `exact`); `todo` marks a known gap of the reader. An
 * honest reading with a `problem`: the reader says it (its only problem), and the cells `lost` names may read wrong.
 * @type {Record<string, { kind: 'honest' | 'unreadable', why: string, code?: string, inputs?: RegExp, todo?: string, problem?: string, lost?: RegExp }[]>}
 */
const EXPECT = {
  // pandoc's ODT writer drops <th> cells: the CMS pages' 二 labels and 四 header rows are not in the file
  'pandoc-odt-docx': [{ kind: 'honest', why: "pandoc's ODT writer drops header cells", inputs: /^(?!shuyang)/ }],
  'pandoc-odt-doc': [{ kind: 'honest', why: "pandoc's ODT writer drops header cells", inputs: /^(?!shuyang)/ }],
  // ... and its PDF's 三 table has label columns a few characters wide, wrapped on every line, with no borders
  'pandoc-odt-pdf': [{ kind: 'honest', why: "pandoc's ODT writer drops header cells; the 三 table's labels wrap every few characters" }],
  // mutool 1.21 writes glyph ids as the ToUnicode map's code points
  'mutool-convert': [{ kind: 'unreadable', why: "mutool convert's fonts map glyph ids, not characters", code: 'garbled-text' }],
  // the real page's 四 table is wider than the page: LibreOffice leaves its last 3 columns out of the PDF, the reader says
  // so, and the 四 row of 12 numbers for 15 columns is unreadable-table (no cell read)
  ...Object.fromEntries(
    ['lo-pdf', 'lo-pdf-tagged', 'lo-pdf-a2', 'mutool-clean-d', 'mutool-clean-g'].map((p) => [
      p,
      [
        {
          kind: /** @type {const} */ ('honest'),
          why: "LibreOffice cuts the 四 table's last columns off at the page edge",
          inputs: /^shuyang/,
          problem: 'table-cut-off',
        },
      ],
    ]),
  ),
  // the real page's 三 table, its label columns a few characters wide, is unreadable; the CMS pages' borderless
  // 三 tables (wrapped row labels, group labels on their lines of numbers or alone between rows) read exactly
  'chromium-html5': [
    {
      kind: 'honest',
      why: 'a borderless table: wrapped labels with a group label on the middle line',
      inputs: /^shuyang/,
    },
  ],
};

/** @type {Map<string, Analysis>} */
const originals = new Map();
/** @param {string} path */
const original = async (path) => {
  let a = originals.get(path);
  if (!a) {
    const read = await readers.files.readFileBytes(path, new Uint8Array(readFileSync(path)));
    originals.set(path, (a = engine.analyse(read.doc.text)));
  }
  return a;
};
const LOSS_RULES = /^(missing-table|unreadable-table):/;

/**
 * What is wrong with a file's reading, or undefined.
 * @param {Made} f @param {{ kind: string, code?: string, problem?: string, lost?: RegExp } | undefined} e
 */
async function judge(f, e) {
  const bytes = defined(f.bytes, `${f.input}.${f.producer}'s bytes`);
  const read = await readers.files.readFileBytes(`${f.input}.${f.producer}.${f.ext}`, bytes);
  const name = `${f.input}.${f.producer}`;
  if (e?.kind === 'unreadable') {
    const codes = read.doc.problems.map((p) => p.code);
    if (read.doc.text.trim() !== '' || !codes.includes(e.code ?? ''))
      return `${name}: not an honest "cannot read" (problems ${codes.join(', ') || 'none'})`;
    return undefined;
  }
  const problems = read.doc.problems.map((p) => p.code).join();
  if (problems !== (e?.problem ?? '')) return `${name}: problems ${problems || 'none'}, expected ${e?.problem ?? 'none'}`;
  const o = await original(f.original);
  const a = engine.analyse(read.doc.text);
  const c = measure(engine, o, a, f.producer);
  if (!e) {
    const same = errorIds(a).join() === errorIds(o).join();
    if (c.ok && same && !c.falseErrors.length && !c.missingErrors.length) return undefined;
    return `${name} (${score(c)}${same ? '' : `; error ids ${errorIds(a).join(', ')} ≠ ${errorIds(o).join(', ')}`}):\n${describeDifference(c)}`;
  }
  // honest: nothing read wrong, only unread; every section; no error but a lost table's
  const misread = c.wrongCells.filter((w) => w.read !== '(no cell)' && !e.lost?.test(w.where));
  const sections = c.sectionsFound.join() === c.sectionsExpected.join();
  const extra = c.falseErrors.filter((k) => !LOSS_RULES.test(k));
  if (!misread.length && sections && !extra.length) return undefined;
  return `${name} (${score(c)}): ${misread.length} cells misread (${misread
    .slice(0, 6)
    .map((w) => `${w.where}: ${w.read} ≠ ${w.expected}`)
    .join('; ')})${sections ? '' : `; sections ${c.sectionsFound.join(',')}`}${extra.length ? `; errors ${extra.join(', ')}` : ''}`;
}

for (const p of PRODUCERS) {
  const files = made.filter((f) => f.producer === p.producer);
  const skipped = files.find((f) => f.skipped && !/wrote nothing/.test(f.skipped))?.skipped;
  const expects = EXPECT[p.producer] ?? [];
  const expectOf = (/** @type {string} */ input) => expects.find((e) => !e.inputs || e.inputs.test(input));
  // one test per expectation: the inputs it covers
  const groups = [...new Set(files.map((f) => expectOf(f.input)))];
  for (const e of groups) {
    const mine = files.filter((f) => expectOf(f.input) === e);
    const how = e
      ? `${e.kind === 'honest' ? 'an honest reading' : 'an honest "cannot read"'} (${e.why})`
      : 'every cell, section and error id';
    test(
      `${p.producer} (${p.what}) of ${mine.map((f) => f.input).join(', ')}: ${how}`,
      { skip: skipped ?? false, todo: e?.todo },
      async () => {
        assert.ok(mine.length > 0);
        const failures = [];
        for (const f of mine) {
          if (f.skipped) failures.push(`${f.input}.${f.producer}: ${f.skipped}`);
          else {
            const failure = await judge(f, expectOf(f.input));
            if (failure) failures.push(failure);
          }
        }
        assert.deepEqual(failures, []);
      },
    );
  }
}

test('the rewritten .docx files hold what they are made for', { skip: 'why' in tools.soffice ? tools.soffice.why : false }, () => {
  /** @param {string} producer */
  const xml = (producer) => {
    const f = defined(
      made.find((x) => x.producer === producer && x.input === 'hongze-2023' && x.bytes),
      producer,
    );
    return new TextDecoder().decode(
      unzipSync(defined(f.bytes, producer), { filter: (e) => e.name === 'word/document.xml' })['word/document.xml'],
    );
  };
  const has = {
    'xml-prefix': ['<ns0:tbl>', '<ns0:t'],
    'xml-altcontent': ['<mc:AlternateContent><mc:Choice', '<mc:Fallback>'],
    'xml-sdt': ['<w:sdt><w:sdtPr><w:id w:val="1"/></w:sdtPr><w:sdtContent><w:tr', '<w:sdtContent><w:tc>'],
    'xml-customxml': ['<w:customXml w:element="cell"><w:tc>', '<w:customXml w:element="n"><w:r>'],
    'xml-smarttag': ['<w:smartTag '],
    'xml-tracked': ['<w:del ', '<w:delText>', '<w:moveFrom ', '<w:ins '],
    'xml-fldsimple': ['<w:fldSimple '],
    'xml-hyperlink': ['<w:hyperlink w:anchor="n"><w:r>'],
  };
  for (const [producer, parts] of Object.entries(has)) {
    const x = xml(producer);
    for (const s of parts) assert.ok(x.includes(s), `${producer} has no ${s}`);
  }
  assert.ok(!xml('xml-prefix').includes('<w:'), 'xml-prefix: no w: element left');
  // the data-descriptor zip: flag bit 3 set in its local headers, sizes there left 0
  const z = Buffer.from(defined(made.find((x) => x.producer === 'zip-descriptor' && x.bytes)?.bytes, 'zip-descriptor'));
  assert.equal(z.readUInt16LE(6) & 0x08, 0x08);
  assert.equal(z.readUInt32LE(18), 0);
});

test(
  'a number a narrow PDF cell wraps over two lines reads as one number',
  { skip: 'why' in tools.soffice ? tools.soffice.why : false },
  async () => {
    // the real page's 三 total column is narrow in LibreOffice's PDF: 26 is printed as 2 over 6
    for (const producer of ['lo-pdf', 'lo-pdf-tagged', 'lo-pdf-a2']) {
      const f = defined(
        made.find((x) => x.producer === producer && x.input === 'shuyang-fagaiju-2023' && x.bytes),
        producer,
      );
      const read = await readers.files.readFileBytes(`x.${f.ext}`, defined(f.bytes, producer));
      const c = measure(engine, await original(f.original), engine.analyse(read.doc.text), producer);
      const wrong = c.wrongCells.filter((w) => !w.where.startsWith('S4/'));
      assert.deepEqual(wrong, [], `${producer}: every 二 and 三 cell`);
      assert.deepEqual(
        c.falseErrors.filter((k) => k.startsWith('invalid-number')),
        [],
      );
    }
  },
);

test(
  'a borderless row whose label wraps above a group label’s line (（四） beside 无法提供) is one row',
  { skip: 'why' in tools.chromium ? tools.chromium.why : 'why' in tools.pandoc ? tools.pandoc.why : false },
  async () => {
    // pandoc's HTML5 printed by Chromium: no borders; 1.本机关不掌握相 / 关政府信息 over two lines, its numbers between,
    // and the group label （四） on a line of its own just below
    const f = defined(
      made.find((x) => x.producer === 'chromium-html5' && x.input === 'changchun-guodongban-2023' && x.bytes),
      'chromium-html5 of changchun-guodongban-2023',
    );
    const read = await readers.files.readFileBytes('x.pdf', defined(f.bytes, 'bytes'));
    const c = measure(engine, await original(f.original), engine.analyse(read.doc.text), f.producer);
    assert.deepEqual(
      c.wrongCells.filter((w) => w.where.startsWith('S3/R3_4_')),
      [],
    );
    assert.ok(!c.falseErrors.some((k) => k.includes('S3/R3_4_')));
  },
);
