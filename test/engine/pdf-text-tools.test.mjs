// @ts-check
// The text PDF tools write (scripts/pdf-text-forms.mjs, made at test time in a temporary directory, never committed),
// read as a clerk pastes it: every tool × every input PDF is either read exactly — every 二/三/四 cell, the sections,
// the same error ids as the original — or honestly not read: each table whose numbers the text no longer ties to
// their rows named by one unreadable-table finding, none of its cells given a number, every other cell exact, and no
// error beyond the original's but unreadable-table (no sum-mismatch, balance-mismatch, missing-row, blank-cell or
// fused-digits from a misreading). EXPECT says which each is; a combination the reader still gets wrong is listed in
// KNOWN_WRONG (a todo, so it is seen, with what goes wrong) — any other wrong number fails.
//
// Inputs: the two real corpus PDFs (read in place), the end-tag-less web page printed by Chromium with a border on
// every cell (scripts/pdf-forms.mjs `pdf-omitted-css`), the CMS page printed with Chromium's header and footer
// (`pdf-cms-header`), Word's web page exported by LibreOffice
// (scripts/lo-forms.mjs `lo-pdf-word`). A tool, Chromium or soffice that is absent skips its tests and says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engine } from './helpers.mjs';
import { FIXTURES } from '../../scripts/forms-lib.mjs';
import { PDF_TEXT_TOOLS, corpusPdfs, judge, pdfTextForms, toolsAvailable, writePdfs } from '../../scripts/pdf-text-forms.mjs';
import { PDF_VARIANTS, pdfForms, pdfFormsAvailable } from '../../scripts/pdf-forms.mjs';
import { loForms, loFormsAvailable } from '../../scripts/lo-forms.mjs';

/**
 * What each tool's text of each input reads as. `pdftotext` (default mode) writes a table's cells as paragraphs,
 * column after column, labels before numbers; pdfminer groups the cells of a column into one text box; both lose
 * which number is in which row: honest. `-layout`, `-raw` and mutool keep the rows.
 * @type {Record<string, Record<string, 'exact' | 'honest'>>}
 */
const EXPECT = {
  corpus: {
    pdftotext: 'honest',
    'pdftotext-layout': 'exact',
    'pdftotext-raw': 'exact',
    'mutool-txt': 'exact',
    'mutool-text': 'exact',
    pdf2txt: 'honest',
    'pdf2txt-A': 'honest',
    'pdf2txt-L0.3': 'honest',
    'pdf2txt-V': 'honest',
  },
  'pdf-omitted-css': {
    pdftotext: 'honest',
    'pdftotext-layout': 'exact',
    'pdftotext-raw': 'exact',
    'mutool-txt': 'exact',
    'mutool-text': 'exact',
    pdf2txt: 'honest',
    'pdf2txt-A': 'honest',
    'pdf2txt-L0.3': 'honest',
    'pdf2txt-V': 'honest',
  },
  // the CMS page with Chromium's header and footer: pdftotext's default mode and pdfminer write every label of 二
  // before its numbers; mutool splits the 二 (一) table's cells
  'pdf-cms-header': {
    pdftotext: 'honest',
    'pdftotext-layout': 'exact',
    'pdftotext-raw': 'exact',
    'mutool-txt': 'honest',
    'mutool-text': 'honest',
    pdf2txt: 'honest',
    'pdf2txt-A': 'honest',
    'pdf2txt-L0.3': 'honest',
    'pdf2txt-V': 'honest',
  },
  // LibreOffice's export draws every label of a table before its numbers in each tool's reading order
  'lo-pdf-word': {
    pdftotext: 'honest',
    'pdftotext-layout': 'honest',
    'pdftotext-raw': 'honest',
    'mutool-txt': 'honest',
    'mutool-text': 'honest',
    pdf2txt: 'honest',
    'pdf2txt-A': 'honest',
    'pdf2txt-L0.3': 'honest',
    'pdf2txt-V': 'honest',
  },
};

/** The made PDFs are of the reports the corpus PDFs are not (hongze's are read from its real PDFs): 2019 and 2021 formats. */
const MADE_FROM = ['changchun-2019-format', 'changchun-guodongban-2023', 'shandong-guodongban-2023'];

/** `input tool report` → what the reader still gets wrong there. */
const KNOWN_WRONG = new Map(
  /** @type {[string, string][]} */ ([
    ['pdf-omitted-css pdf2txt-L0.3 shandong-guodongban-2023', 'S3 found nowhere: its labels and numbers apart from its header'],
    ['pdf-omitted-css pdf2txt-V shandong-guodongban-2023', 'S2 single-cell rows lose their numbers'],
  ]),
);

/** @typedef {{ report: string, original: string, bytes?: Uint8Array }} MadePdf */
// (their options are destructured defaults, which the checker does not see as optional fields)
const printPdfs = /** @type {(e: typeof engine, o: { reports: string[], variants: typeof PDF_VARIANTS }) => Promise<MadePdf[]>} */ (
  /** @type {unknown} */ (pdfForms)
);
const exportPdfs = /** @type {(e: typeof engine, o: { only: string[], forms: string[] }) => MadePdf[]} */ (
  /** @type {unknown} */ (loForms)
);

const tools = toolsAvailable();
const dir = mkdtempSync(join(tmpdir(), 'xxgk-pdf-text-test-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/**
 * The reports printed by Chromium in one of scripts/pdf-forms.mjs's variants, written under `sub`.
 * @param {string} form @param {string} sub
 * @returns {{ input: string, skip: string | false, pdfs: () => Promise<{ report: string, input: string, original: string, pdf: string }[]> }}
 */
function chromiumInput(form, sub) {
  return {
    input: form,
    skip: pdfFormsAvailable().available ? false : `Chromium cannot print here: ${pdfFormsAvailable().why}`,
    pdfs: async () =>
      writePdfs(
        join(dir, sub),
        await printPdfs(engine, { reports: MADE_FROM, variants: PDF_VARIANTS.filter((v) => v.form === form) }),
        form,
      ),
  };
}

/** @type {{ input: string, skip: string | false, pdfs: () => Promise<{ report: string, input: string, original: string, pdf: string }[]> }[]} */
const INPUTS = [
  {
    input: 'corpus',
    skip: corpusPdfs().length ? false : 'the corpus PDFs (../shared/corpus/pdf) are absent',
    pdfs: async () => corpusPdfs(),
  },
  chromiumInput('pdf-omitted-css', 'chromium'),
  chromiumInput('pdf-cms-header', 'chromium-cms'),
  {
    input: 'lo-pdf-word',
    skip: loFormsAvailable().available ? false : `LibreOffice is not here: ${loFormsAvailable().why}`,
    pdfs: async () => writePdfs(join(dir, 'lo'), exportPdfs(engine, { only: MADE_FROM, forms: ['lo-pdf-word'] }), 'lo-pdf-word'),
  },
];

/** @type {Map<string, import('../../server/src/engine/index.ts').Analysis>} */
const originals = new Map();
/** @param {string} path */
const original = (path) => {
  let a = originals.get(path);
  if (!a) originals.set(path, (a = engine.analyse(readFileSync(path, 'utf8'))));
  return a;
};

for (const { input, skip, pdfs } of INPUTS) {
  if (skip) console.log(`# pdf-text-tools: ${input} skipped — ${skip}`);
  /** @type {Promise<Awaited<ReturnType<typeof pdfTextForms>>> | undefined} */
  let texts;
  const made = () => (texts ??= pdfs().then((list) => pdfTextForms(list, { dir: join(dir, input) })));
  for (const t of PDF_TEXT_TOOLS) {
    const expected = EXPECT[input]?.[t.tool];
    const a = tools.get(t.tool);
    const toolSkip = skip || (a && !a.available ? a.why : false);
    if (toolSkip && !skip) console.log(`# pdf-text-tools: ${t.tool} skipped — ${toolSkip}`);
    test(
      `${t.tool} × ${input}: every report read ${expected === 'exact' ? 'exactly' : 'exactly or honestly not read'}`,
      { skip: toolSkip },
      async (ctx) => {
        const forms = (await made()).filter((f) => f.tool === t.tool);
        assert.ok(forms.length > 0, 'no PDF to convert');
        const failures = [];
        for (const f of forms) {
          assert.equal(f.skipped, undefined, `${f.report}: ${f.skipped}`);
          const j = judge(engine, original(f.original), engine.analyse(/** @type {string} */ (f.text)));
          const known = KNOWN_WRONG.get(`${input} ${t.tool} ${f.report}`);
          if (known) {
            if (j.verdict === 'wrong') ctx.todo(`${f.report}: ${known}`);
            else console.log(`# pdf-text-tools: ${input} ${t.tool} ${f.report} now reads ${j.verdict}: take it off KNOWN_WRONG`);
            continue;
          }
          if (j.verdict === 'wrong') failures.push(`${f.report}: ${j.why}`);
          // honest where exact is expected is a loss too; exact where honest is expected is a gain
          else if (expected === 'exact' && j.verdict !== 'exact')
            failures.push(`${f.report}: ${j.verdict} (unreadable ${[...j.tables].join(', ')}), expected exact`);
        }
        assert.deepEqual(failures, []);
      },
    );
  }
}

// ---------------------------------------------------------------- no tool needed

/** The corpus report with its 二 (一) table written as pdftotext's default mode writes it: its labels, then its numbers. */
function columnBlocks() {
  const path = join(FIXTURES, 'corpus', 'hongze-2023.txt');
  const text = readFileSync(path, 'utf8');
  const rows = /^规章 (\d+) (\d+) (\d+)\n行政规范性文件 (\d+) (\d+) (\d+)\n/m.exec(text);
  assert.ok(rows, 'the fixture writes its 规章 and 行政规范性文件 rows on a line each');
  const [, a, b, c, d, e, f] = rows;
  // column after column: 制发 of both rows, 废止 of both, 现行有效 of both
  const block = ['规章', '行政规范性文件', a, d, b, e, c, f].join('\n\n');
  return { path, text: text.replace(rows[0], `${block}\n`) };
}

test('a table written as a block of labels and then a block of numbers is said unreadable, by name, and nothing else', () => {
  const { path, text } = columnBlocks();
  const j = judge(engine, original(path), engine.analyse(text));
  assert.equal(j.verdict, 'honest', j.why);
  assert.deepEqual([...j.tables], ['S2_一']);
  const a = engine.analyse(text);
  const u = a.findings.filter((f) => f.rule === 'unreadable-table');
  assert.equal(u.length, 1);
  assert.match(u[0].message.zh, /第二十条第（一）项/);
  // every other table read as the original
  assert.equal(j.c.cellsRight, j.c.cellsExpected - 6);
});

test('the rule leaves a table alone that has an empty row but no stray number (the original)', () => {
  const a = engine.analyse(readFileSync(join(FIXTURES, 'corpus', 'hongze-2023.txt'), 'utf8'));
  assert.deepEqual(a.model.unreadableTables, []);
});
