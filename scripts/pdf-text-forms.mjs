#!/usr/bin/env node
// The text PDF tools write, made at test time into a temporary directory (never
// into the repository): each tool below applied to each PDF input — the real
// corpus PDFs (read in place from ../shared/corpus/pdf), and PDFs made from the
// other reports by Chromium (scripts/pdf-forms.mjs) and LibreOffice
// (scripts/lo-forms.mjs). A tool that is not installed is skipped with a reason
// (scripts/setup-tools.sh installs poppler-utils, mupdf-tools, python3-pdfminer).
//
//   node scripts/pdf-text-forms.mjs <dir>    write every text into <dir> and print how each reads
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { FIXTURES, PDF_DIR, compareReadings, describeDifference, loadEngine, score } from './forms-lib.mjs';

const run = promisify(execFile);

/**
 * The tools: `exe` (looked up on PATH), `args(pdf, out)`, and `stdout` when the tool writes its text there.
 * `pdftotext` default mode writes every table cell as its own paragraph, column after column within a block.
 */
export const PDF_TEXT_TOOLS = [
  { tool: 'pdftotext', exe: 'pdftotext', args: (pdf, out) => ['-enc', 'UTF-8', pdf, out] },
  { tool: 'pdftotext-layout', exe: 'pdftotext', args: (pdf, out) => ['-layout', '-enc', 'UTF-8', pdf, out] },
  { tool: 'pdftotext-raw', exe: 'pdftotext', args: (pdf, out) => ['-raw', '-enc', 'UTF-8', pdf, out] },
  { tool: 'mutool-txt', exe: 'mutool', args: (pdf, out) => ['draw', '-q', '-F', 'txt', '-o', out, pdf] },
  { tool: 'mutool-text', exe: 'mutool', args: (pdf, out) => ['draw', '-q', '-F', 'text', '-o', out, pdf] },
  { tool: 'pdf2txt', exe: 'pdf2txt', stdout: true, args: (pdf) => [pdf] },
  { tool: 'pdf2txt-A', exe: 'pdf2txt', stdout: true, args: (pdf) => ['-A', pdf] },
  { tool: 'pdf2txt-L0.3', exe: 'pdf2txt', stdout: true, args: (pdf) => ['-L', '0.3', pdf] },
  { tool: 'pdf2txt-V', exe: 'pdf2txt', stdout: true, args: (pdf) => ['-V', pdf] },
];

/** An executable on PATH, or undefined. */
function onPath(exe) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, exe))) return join(dir, exe);
  }
  return undefined;
}

/** Per tool: `{ available: true, path }` or `{ available: false, why }`. */
export function toolsAvailable() {
  const out = new Map();
  for (const t of PDF_TEXT_TOOLS) {
    const path = onPath(t.exe);
    out.set(
      t.tool,
      path ? { available: true, path } : { available: false, why: `${t.exe} is not on PATH (scripts/setup-tools.sh installs it)` },
    );
  }
  return out;
}

/** @typedef {{ report: string, input: string, original: string, pdf: string }} PdfInput */

/**
 * The corpus PDFs, each with its text original (pdf: a path).
 * @returns {PdfInput[]}
 */
export function corpusPdfs() {
  if (!existsSync(PDF_DIR)) return [];
  return readdirSync(PDF_DIR)
    .filter((n) => n.endsWith('.pdf'))
    .sort()
    .map((n) => {
      const report = basename(n, '.pdf');
      return { report, input: 'corpus', original: join(FIXTURES, 'corpus', `${report}.txt`), pdf: join(PDF_DIR, n) };
    })
    .filter((p) => existsSync(p.original));
}

/**
 * The text of every `pdfs` entry by every available tool: `{ ...pdf, tool, text }`, or `{ ...pdf, tool, skipped }`.
 * Conversions run a few at a time (pdf2txt is a Python start per file). `dir`: where the texts are written (a new
 * temporary directory, removed afterwards, when absent).
 * @param {PdfInput[]} pdfs
 * @param {{ dir?: string, tools?: string[], parallel?: number }} [options]
 * @returns {Promise<(PdfInput & { tool: string, text?: string, skipped?: string })[]>}
 */
export async function pdfTextForms(pdfs, { dir, tools = PDF_TEXT_TOOLS.map((t) => t.tool), parallel = 8 } = {}) {
  const available = toolsAvailable();
  const work = dir ?? mkdtempSync(join(tmpdir(), 'xxgk-pdf-text-'));
  mkdirSync(work, { recursive: true });
  const jobs = [];
  for (const t of PDF_TEXT_TOOLS.filter((x) => tools.includes(x.tool)))
    for (const p of pdfs) jobs.push({ t, p, name: `${p.report}.${p.input}.${t.tool}.txt` });
  const out = [];
  const one = async ({ t, p, name }) => {
    const a = available.get(t.tool);
    if (!a.available) return { ...p, tool: t.tool, skipped: a.why };
    const target = join(work, name);
    try {
      const r = await run(a.path, t.args(p.pdf, target), { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 60_000 });
      if (t.stdout) writeFileSync(target, r.stdout);
      return { ...p, tool: t.tool, text: readFileSync(target, 'utf8') };
    } catch (error) {
      return {
        ...p,
        tool: t.tool,
        skipped: `${t.exe} failed: ${
          String(error.stderr || error.message)
            .trim()
            .split('\n')[0]
        }`,
      };
    }
  };
  try {
    for (let i = 0; i < jobs.length; i += parallel) out.push(...(await Promise.all(jobs.slice(i, i + parallel).map(one))));
  } finally {
    if (!dir) rmSync(work, { recursive: true, force: true });
  }
  return out;
}

/** The tables a reading says it could not read: their ids (a section's every table when only the section is named). */
function unreadTables(engine, analysis) {
  const out = new Set();
  for (const u of analysis.model.unreadableTables) {
    if (u.table) out.add(u.table);
    else for (const t of engine.FORMATS?.[analysis.model.format]?.tables ?? []) if (t.section === u.section) out.add(t.id);
  }
  return out;
}

/**
 * How a tool's text of a PDF reads against the original: `exact` (every cell, the sections, the same errors),
 * `honest` (every table it could not read named by unreadable-table, every other cell exact, no error but
 * unreadable-table beyond the original's, and none of the original's missing but on the tables not read), or
 * `wrong` with `why`. `tables`: the ids named unreadable.
 */
export function judge(engine, original, analysis) {
  const c = compareReadings(original, analysis);
  const tables = unreadTables(engine, analysis);
  const tableOf = (where) => where.split('/')[0];
  const onUnread = (id) => [...tables].some((t) => id.includes(`:${t}/`) || id.endsWith(`:${t}`));
  if (c.ok && c.falseErrors.length === 0 && c.missingErrors.length === 0) return { verdict: 'exact', c, tables };
  const why = [];
  const wrong = c.wrongCells.filter((w) => !tables.has(tableOf(w.where)));
  if (wrong.length)
    why.push(
      `${wrong.length} cells wrong outside the tables said unreadable: ${wrong
        .slice(0, 4)
        .map((w) => `${w.where} read ${w.read}, expected ${w.expected}`)
        .join('; ')}`,
    );
  // a table said unreadable is left out: none of its cells may be given a number
  const given = c.wrongCells.filter((w) => tables.has(tableOf(w.where)) && w.read !== '(no cell)');
  if (given.length)
    why.push(
      `${given.length} cells of unreadable tables still read: ${given
        .slice(0, 3)
        .map((w) => `${w.where} read ${w.read}`)
        .join('; ')}`,
    );
  const falseErrors = c.falseErrors.filter((k) => !k.startsWith('unreadable-table:'));
  if (falseErrors.length) why.push(`false errors: ${falseErrors.join(' | ')}`);
  const missing = c.missingErrors.filter((k) => !onUnread(k));
  if (missing.length) why.push(`missing errors: ${missing.join(' | ')}`);
  if (c.sectionsFound.join() !== c.sectionsExpected.join())
    why.push(`sections ${c.sectionsFound.join(',')}, expected ${c.sectionsExpected.join(',')}`);
  if (tables.size === 0 && why.length === 0) why.push(describeDifference(c));
  return why.length ? { verdict: 'wrong', why: why.join('\n'), c, tables } : { verdict: 'honest', c, tables };
}

/**
 * Writes made PDFs into `dir`.
 * @param {string} dir @param {{ report: string, original: string, bytes?: Uint8Array }[]} made @param {string} input
 * @returns {PdfInput[]}
 */
export function writePdfs(dir, made, input) {
  mkdirSync(dir, { recursive: true });
  return made
    .filter((f) => f.bytes)
    .map((f) => {
      const pdf = join(dir, `${f.report}.${input}.pdf`);
      writeFileSync(pdf, f.bytes);
      return { report: f.report, input, original: f.original, pdf };
    });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/pdf-text-forms.mjs <dir>   (a directory outside the repository, e.g. under /tmp)');
    process.exit(2);
  }
  const engine = loadEngine();
  const pdfs = [...corpusPdfs()];
  for (const n of existsSync(dir) ? readdirSync(dir) : []) {
    // PDFs already in <dir> named report.input.pdf (e.g. from scripts/pdf-forms.mjs) are measured too
    const m = /^(.+?)\.([^.]+)\.pdf$/.exec(n);
    const original = m && [join(FIXTURES, 'corpus', `${m[1]}.txt`), join(FIXTURES, 'made', `${m[1]}.txt`)].find(existsSync);
    if (m && original) pdfs.push({ report: m[1], input: m[2], original, pdf: join(dir, n) });
  }
  const originals = new Map();
  for (const f of await pdfTextForms(pdfs, { dir })) {
    if (f.skipped) {
      console.log(`${f.report}.${f.input} ${f.tool}: skipped, ${f.skipped}`);
      continue;
    }
    if (!originals.has(f.original)) originals.set(f.original, engine.analyse(readFileSync(f.original, 'utf8')));
    const j = judge(engine, originals.get(f.original), engine.analyse(f.text));
    const named = j.tables.size ? ` [unreadable: ${[...j.tables].join(',')}]` : '';
    console.log(
      `${f.input} ${f.tool} ${f.report}: ${j.verdict} (${score(j.c)})${named}${j.why ? `\n  ${j.why.replace(/\n/g, '\n  ')}` : ''}`,
    );
  }
}
