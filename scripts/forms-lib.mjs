// Shared by scripts/make-forms.mjs, scripts/measure-forms.mjs and
// test/engine/forms.test.mjs: which reports and forms exist, where their files
// are, the real pdftotext text of the corpus PDFs, and how a form's reading is
// compared with the reading of its original.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const FORMS_DIR = join(FIXTURES, 'forms');
/** The real published PDFs; read in place, never copied into the project. */
export const PDF_DIR = join(ROOT, '..', 'shared', 'corpus', 'pdf');

const require = createRequire(import.meta.url);
/** The engine as bundled by `npm run build`. */
export function loadEngine(path = join(ROOT, 'server', 'out', 'engine.js')) {
  return require(path);
}

/** Every form, with the extension of its file and what it imitates. */
export const FORMS = [
  {
    form: 'oneline',
    ext: 'txt',
    what: 'web-crawler text: metadata header and site chrome, the whole body on one line, cells separated by spaces',
  },
  { form: 'fused', ext: 'txt', what: 'as oneline, but as textContent gives it: no separator at all, a label fused with its digits' },
  { form: 'fewlines', ext: 'txt', what: 'the body on 3–5 very long lines broken at arbitrary points, some inside a table' },
  {
    form: 'md-split',
    ext: 'md',
    what: 'PDF/OCR-converter Markdown: the 三 table split per group with wrong/generic headers, detached labels, page footers; 四 as three tables',
  },
  {
    form: 'layout',
    ext: 'txt',
    what: 'like pdftotext -layout: aligned columns, form feeds, page numbers, vertical label, wrapped labels, repeated table header',
  },
  {
    form: 'raw',
    ext: 'txt',
    what: 'like pdftotext -raw: reading order, page numbers first on each page (inside the table), numbers on the line after wrapped labels',
  },
  { form: 'annex', ext: 'txt', what: 'statistical parts numbered as an annex (附件：一、二、三) after an overview numbered 一…六' },
  { form: 'halfwidth', ext: 'txt', what: 'half-width brackets, spaces inside labels, ， for 、, full-width spaces, (六) 其他' },
  { form: 'crlf', ext: 'txt', what: 'the original with CRLF line endings' },
];

/** The reports the forms are made from: every corpus report and the 2019-format one. */
export function reports() {
  const out = [];
  for (const name of readdirSync(join(FIXTURES, 'corpus')).sort()) {
    if (name.endsWith('.txt')) out.push({ name: basename(name, '.txt'), path: join(FIXTURES, 'corpus', name) });
  }
  out.push({ name: 'changchun-2019-format', path: join(FIXTURES, 'made', 'changchun-2019-format.txt') });
  return out;
}

export const formFile = (report, form) => `${report}.${form}.${FORMS.find((f) => f.form === form).ext}`;

// ---------------------------------------------------------------- pdftotext

/** The pdftotext executable on PATH, or undefined. */
export function findPdftotext() {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'pdftotext'))) return join(dir, 'pdftotext');
  }
  return undefined;
}

export const PDF_MODES = ['layout', 'raw'];

/**
 * The real `pdftotext -layout` and `-raw` text of every corpus PDF, made in a
 * temporary directory (removed again) at run time. `{ available: false, why }`
 * when the tool or the PDFs are absent.
 */
export function pdftotextForms() {
  const tool = findPdftotext();
  if (!tool) return { available: false, why: 'pdftotext is not on PATH (Debian: poppler-utils; scripts/setup-tools.sh installs it)' };
  if (!existsSync(PDF_DIR)) return { available: false, why: `${PDF_DIR} does not exist` };
  const pdfs = readdirSync(PDF_DIR)
    .filter((n) => n.endsWith('.pdf'))
    .sort();
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-pdftotext-'));
  const items = [];
  try {
    for (const pdf of pdfs) {
      const report = basename(pdf, '.pdf');
      const original = join(FIXTURES, 'corpus', `${report}.txt`);
      for (const mode of PDF_MODES) {
        const out = join(dir, `${report}.${mode}.txt`);
        try {
          execFileSync(tool, [`-${mode}`, '-enc', 'UTF-8', join(PDF_DIR, pdf), out], { stdio: ['ignore', 'ignore', 'pipe'] });
        } catch (error) {
          return {
            available: false,
            why: `${tool} -${mode} ${pdf} failed: ${
              String(error.stderr || error.message)
                .trim()
                .split('\n')[0]
            }`,
          };
        }
        items.push({
          report,
          form: `pdftotext-${mode}`,
          original: existsSync(original) ? original : undefined,
          text: readFileSync(out, 'utf8'),
        });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { available: true, items };
}

// ---------------------------------------------------------------- comparison

function valueText(cell) {
  if (!cell) return '(no cell)';
  const v = cell.value;
  if (v.kind === 'number') return String(v.value);
  if (v.kind === 'blank') return 'blank';
  if (v.kind === 'text') return `“${v.text}”`;
  return `${v.kind} “${cell.raw}”`;
}

const sameValue = (a, b) => a.kind === b.kind && (a.kind === 'number' ? a.value === b.value : a.kind === 'text' ? a.text === b.text : true);
/** A cell read as nothing but honestly: not a number, not blank, not a guess. */
const isUnread = (cell) => cell !== undefined && !['number', 'blank', 'text'].includes(cell.value.kind);

/** A finding's key without its location: its id when the engine gives one, else rule and message. */
export function findingKey(f) {
  if (typeof f.id === 'string' && f.id) return f.id;
  return `${f.rule}:${f.message.zh.replace(/第 ?\d+ ?行/g, '第…行')}`;
}

/** Every table cell of sections 二, 三 and 四 in a model: `S3/R3_1/NP` → cell. */
export function cellMap(model) {
  const out = new Map();
  for (const t of model.tables) {
    if (![2, 3, 4].includes(t.section)) continue;
    for (const r of t.rows)
      for (const c of r.cells) {
        const where = `${t.id}/${r.key}/${c.column}`;
        if (!out.has(where)) out.set(where, c);
      }
  }
  return out;
}

const TOKEN = { count: /^(0|[1-9]\d*)$/, amount: /^(0|[1-9]\d*)(\.\d+)?$/, delta: /^-?(0|[1-9]\d*)$/ };

/** Every way to cut a run of fused digits into one number per column (no leading zeros), up to `limit`. */
function splitsOf(run, kinds, limit = 5000) {
  const out = [];
  const walk = (pos, k, acc) => {
    if (out.length >= limit) return;
    if (k === kinds.length) {
      if (pos === run.length) out.push([...acc]);
      return;
    }
    for (let end = pos + 1; end <= run.length; end++) {
      const token = run.slice(pos, end);
      if (!(TOKEN[kinds[k]] ?? TOKEN.count).test(token)) continue;
      acc.push(Number(token));
      walk(end, k + 1, acc);
      acc.pop();
    }
  };
  walk(0, 0, []);
  return out;
}

/**
 * The rows of the original that digits fused together cannot give back:
 * `table/row` → why. A row is left out when its own sums (总计 = the parts)
 * leave exactly its true values; otherwise no reader can know them (several
 * cuts fit, or none because the report's own sums do not hold) and `unread`
 * — "数字粘连，无法唯一拆分" — is the honest reading. (Every 三 row of the
 * corpus is fixed by its own 总计, so the column sums never need to decide.)
 */
export function unsplittableRows(engine, originalModel) {
  const out = new Map();
  for (const t of originalModel.tables) {
    if (![2, 3, 4].includes(t.section)) continue;
    const tpl = engine.tableTemplate(originalModel.format, t.id);
    const cols = tpl.columns.map((c) => c.key);
    const sums = tpl.sums
      .filter((s) => s.kind === 'across')
      .map((s) => ({ target: cols.indexOf(s.target), parts: s.parts.map((p) => cols.indexOf(p)) }));
    for (const r of t.rows) {
      const where = `${t.id}/${r.key}`;
      if (r.cells.some((c) => c.value.kind !== 'number')) {
        out.set(where, 'not all numbers');
        continue;
      }
      const truth = r.cells.map((c) => c.value.value).join();
      const fits = splitsOf(
        r.cells.map((c) => c.raw.trim()).join(''),
        r.cells.map((c) => tpl.columns.find((x) => x.key === c.column)?.valueKind ?? 'count'),
      ).filter((v) => sums.every((q) => Math.abs(v[q.target] - q.parts.reduce((n, i) => n + v[i], 0)) < 1e-9));
      if (fits.length === 1 && fits[0].join() === truth) continue;
      out.set(
        where,
        fits.some((v) => v.join() === truth) ? `${fits.length} cuts fit its sums` : 'no cut fits its sums (they do not hold as published)',
      );
    }
  }
  return out;
}

/**
 * What the engine reads from a form against what it reads from the original.
 * `ok` when every cell, the section ids and the set of error rules agree.
 * `lenientRows` (`table/row` → why): rows where `unread` is also right, and
 * where the original's errors on that row cannot be expected.
 */
export function compareReadings(original, form, { lenientRows = new Map() } = {}) {
  const expected = cellMap(original.model);
  const got = cellMap(form.model);
  const wrongCells = [];
  let cellsRight = 0;
  let cellsHonestUnread = 0;
  for (const [where, cell] of expected) {
    const g = got.get(where);
    const row = where.slice(0, where.lastIndexOf('/'));
    if (g && sameValue(g.value, cell.value)) cellsRight++;
    else if (lenientRows.has(row) && isUnread(g)) {
      cellsRight++;
      cellsHonestUnread++;
    } else wrongCells.push({ where, read: valueText(g), expected: valueText(cell) });
  }
  const ids = (m) => [...new Set(m.sections.map((s) => s.id))].sort((a, b) => a - b);
  const sectionsExpected = ids(original.model);
  const sectionsFound = ids(form.model);
  const errors = (a) => a.findings.filter((f) => f.severity === 'error');
  const excused = (f) =>
    typeof f.id === 'string' && [...lenientRows.keys()].some((row) => f.id.includes(`:${row}/`) || f.id.endsWith(`:${row}`));
  const origErr = errors(original).filter((f) => !excused(f));
  const formErr = errors(form);
  const origKeys = new Set(origErr.map(findingKey));
  const formKeys = new Set(formErr.map(findingKey));
  const falseErrors = [...formKeys].filter((k) => !origKeys.has(k)).sort();
  const missingErrors = [...origKeys].filter((k) => !formKeys.has(k)).sort();
  const rules = (list) => [...new Set(list.map((f) => f.rule))].sort();
  const errorRulesExpected = rules(origErr);
  const errorRulesFound = rules(formErr);
  const sectionsSame = sectionsFound.join() === sectionsExpected.join();
  const rulesSame = errorRulesFound.join() === errorRulesExpected.join();
  return {
    cellsRight,
    cellsHonestUnread,
    cellsExpected: expected.size,
    wrongCells,
    sectionsExpected,
    sectionsFound,
    sectionsRight: sectionsFound.filter((id) => sectionsExpected.includes(id)).length,
    errorRulesExpected,
    errorRulesFound,
    falseErrors,
    missingErrors,
    ok: wrongCells.length === 0 && sectionsSame && rulesSame,
  };
}

/** Compare a form's reading with its original's, with what the form itself makes unknowable. */
export function measure(engine, original, form, formName) {
  const lenientRows = formName === 'fused' ? unsplittableRows(engine, original.model) : new Map();
  return compareReadings(original, form, { lenientRows });
}

/** A short score, as KNOWN_GAPS records it: `12/190 cells`, with sections and errors when they differ. */
export function score(c) {
  const parts = [`${c.cellsRight}/${c.cellsExpected} cells`];
  if (c.sectionsFound.join() !== c.sectionsExpected.join()) parts.push(`sections ${c.sectionsFound.join(',') || 'none'}`);
  if (c.falseErrors.length) parts.push(`${c.falseErrors.length} false error${c.falseErrors.length > 1 ? 's' : ''}`);
  if (c.missingErrors.length) parts.push(`${c.missingErrors.length} missing error${c.missingErrors.length > 1 ? 's' : ''}`);
  return parts.join(', ');
}

/** A readable account of what differs, for a failing test. */
export function describeDifference(c, maxCells = 8) {
  const lines = [];
  if (c.wrongCells.length) {
    lines.push(
      `${c.wrongCells.length} of ${c.cellsExpected} cells wrong, first: ` +
        c.wrongCells
          .slice(0, maxCells)
          .map((w) => `${w.where}: read ${w.read}, expected ${w.expected}`)
          .join('; '),
    );
  }
  if (c.sectionsFound.join() !== c.sectionsExpected.join())
    lines.push(`sections ${c.sectionsFound.join(',') || '(none)'}, expected ${c.sectionsExpected.join(',')}`);
  if (c.errorRulesFound.join() !== c.errorRulesExpected.join())
    lines.push(`error rules [${c.errorRulesFound.join(', ')}], expected [${c.errorRulesExpected.join(', ')}]`);
  if (c.falseErrors.length)
    lines.push(
      `false errors: ${c.falseErrors.slice(0, 5).join(' | ')}${c.falseErrors.length > 5 ? ` (+${c.falseErrors.length - 5})` : ''}`,
    );
  if (c.missingErrors.length) lines.push(`missing errors: ${c.missingErrors.slice(0, 5).join(' | ')}`);
  return lines.join('\n');
}

/**
 * Every form reading to measure: the checked-in form files and, when the tool
 * is there, the real pdftotext text. Each with its original's text.
 */
export function measuredItems({ withPdf = true } = {}) {
  const items = [];
  for (const r of reports()) {
    for (const f of FORMS) {
      const path = join(FORMS_DIR, formFile(r.name, f.form));
      items.push({ report: r.name, form: f.form, original: r.path, path, text: existsSync(path) ? readFileSync(path, 'utf8') : undefined });
    }
  }
  const pdf = withPdf ? pdftotextForms() : { available: false, why: 'not asked for' };
  if (pdf.available) items.push(...pdf.items);
  return { items, pdf };
}

// ---------------------------------------------------------------- shared by the form generators

/** A label as the original writes it, on one line: wrapped parts joined, Word bookmarks dropped. */
export const joinLabel = (s) =>
  s
    .replace(/\[bookmark: [^\]]*\]/g, '')
    .replace(/\s*\n\s*/g, '')
    .trim();

/** The original's text between two offsets without the artefacts the engine found (page markers, bookmarks). */
export function withoutArtefacts(text, model) {
  const artefacts = model.artefacts.map((a) => a.span).sort((a, b) => a.start - b.start);
  return (start, end) => {
    let out = '';
    let at = start;
    for (const s of artefacts) {
      if (s.end <= start || s.start >= end) continue;
      out += text.slice(at, Math.max(at, s.start));
      at = Math.max(at, s.end);
    }
    return out + text.slice(at, Math.max(at, end));
  };
}

/** The command line of a generator that makes forms at test time: writes them into a directory outside the repository. */
export async function writeFormsCli(script, ext, make) {
  const dir = process.argv[2];
  if (!dir) {
    console.error(`usage: node scripts/${script} <dir>   (a directory outside the repository, e.g. under /tmp)`);
    process.exit(2);
  }
  mkdirSync(dir, { recursive: true });
  for (const f of await make(dir)) {
    if (f.skipped) console.log(`${f.report}.${f.form}: skipped, ${f.skipped}`);
    else {
      // a form may name its own extension (scripts/lo-forms.mjs makes .docx, .doc and .pdf)
      writeFileSync(join(dir, `${f.report}.${f.form}.${f.ext ?? ext}`), f.bytes);
      console.log(`${f.report}.${f.form}.${f.ext ?? ext} ${f.bytes.length} bytes`);
    }
  }
}
