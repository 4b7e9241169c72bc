#!/usr/bin/env node
// Makes, at test time in a temporary directory (never into the repository),
// the text and Markdown that common converters write from a report's web
// page and Word files, as clerks and reviewers make them:
//
// - web pages (the real /work/shared/corpus/html page, read in place, and the
//   `cms` and `word` pages of scripts/html-forms.mjs): pandoc 2.17 to
//   markdown, gfm, commonmark and plain; `lynx -dump -nolist`; `w3m -dump`;
//   Debian's `html2text -utf8`.
// - .docx (docx-forms' `word` form, and the real blank template read in
//   place): pandoc -f docx to the same four targets; `docx2txt FILE -`;
//   LibreOffice's "Text (encoded)" export (one soffice run for every file).
// - .doc (the `omitted` page and the template saved as Word 97 by one soffice
//   run): `antiword -w 0`, `catdoc -d utf-8`.
//
// A converter that is not installed is skipped, with why.
//
//   node scripts/converter-forms.mjs <dir>    write every output into <dir> (after npm run build)
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { htmlPage } from './html-forms.mjs';
import { docxForms, structure, TEMPLATE } from './docx-forms.mjs';
import { loForms } from './lo-forms.mjs';
import { loadEngine, reports, ROOT } from './forms-lib.mjs';

const require = createRequire(import.meta.url);
const iconv = require('iconv-lite');
const run = promisify(execFile);

/** The real web page of the corpus, read in place; its own reading is the original. */
export const SHUYANG = join(ROOT, '..', 'shared', 'corpus', 'html', 'shuyang-fagaiju-2023.html');

const PANDOC_TARGETS = ['markdown', 'gfm', 'commonmark', 'plain'];

/** Markdown is saved as .md (and read as Markdown: its HTML tables too), plain text as .txt. */
const extOf = (target) => (target === 'plain' ? 'txt' : 'md');

/** Every converter: `tool` the executable, `from` what it reads, `args` for an input path (output on stdout). */
export const CONVERTERS = [
  ...PANDOC_TARGETS.map((t) => ({
    name: `pandoc-html-${t}`,
    tool: 'pandoc',
    from: 'html',
    ext: extOf(t),
    args: (f) => ['-f', 'html', '-t', t, f],
  })),
  { name: 'lynx', tool: 'lynx', from: 'html', ext: 'txt', args: (f) => ['-dump', '-nolist', '-display_charset=utf-8', f] },
  { name: 'w3m', tool: 'w3m', from: 'html', ext: 'txt', args: (f) => ['-dump', '-O', 'UTF-8', f] },
  { name: 'html2text', tool: 'html2text', from: 'html', ext: 'txt', args: (f) => ['-utf8', f] },
  ...PANDOC_TARGETS.map((t) => ({
    name: `pandoc-docx-${t}`,
    tool: 'pandoc',
    from: 'docx',
    ext: extOf(t),
    args: (f) => ['-f', 'docx', '-t', t, f],
  })),
  { name: 'docx2txt', tool: 'docx2txt', from: 'docx', ext: 'txt', args: (f) => [f, '-'] },
  { name: 'soffice-txt', tool: 'soffice', from: 'docx', ext: 'txt' },
  { name: 'antiword', tool: 'antiword', from: 'doc', ext: 'txt', args: (f) => ['-w', '0', f] },
  { name: 'catdoc', tool: 'catdoc', from: 'doc', ext: 'txt', args: (f) => ['-d', 'utf-8', f] },
];

/** An executable on PATH, or undefined. */
function which(tool) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir && existsSync(join(dir, tool))) return join(dir, tool);
  return undefined;
}

/** The arguments of one soffice run over every input: `target` a --convert-to argument; the output paths by input. */
function sofficeRun(work, inputs, target, ext) {
  const out = join(work, `out-${ext}`);
  mkdirSync(out, { recursive: true });
  const args = [
    `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`,
    ...['--headless', '--norestore', '--nologo', '--convert-to', target, '--outdir', out],
    ...inputs,
  ];
  return { args, made: new Map(inputs.map((i) => [i, join(out, `${basename(i).replace(/\.[^.]+$/, '')}.${ext}`)])) };
}

/**
 * The inputs, written into `work`: `{ id, report, from, path, original }` — `original` `{ text }` the report's text
 * (its reading is the reference) or `{ html }` a web page read by the engine's own reader, or `{ template: true }`.
 * The Word files are LibreOffice's (lo-forms: the CMS page saved as .docx, the end-tag-less page as .doc, one
 * soffice run each) and docx-forms' `wps` form (made without soffice); docx-forms' `word` form is not used: its
 * tracked deletions and hidden runs are text to docx2txt and LibreOffice's text export, another report.
 */
async function inputs(engine, work, office) {
  const out = [];
  if (existsSync(SHUYANG))
    out.push({ id: 'shuyang.html', report: 'shuyang-fagaiju-2023', from: 'html', path: SHUYANG, original: { html: SHUYANG } });
  const put = (id, report, from, bytes, original) => {
    const path = join(work, `${id}.${from}`);
    writeFileSync(path, bytes);
    out.push({ id, report, from, path, original });
  };
  for (const r of reports()) {
    const s = structure(engine, readFileSync(r.path, 'utf8'));
    put(`${r.name}.html-cms`, r.name, 'html', htmlPage('cms', s), { text: r.path });
    // Word's page is GBK; pandoc reads UTF-8 only, so it is given the page as a browser saves it (utf8Path)
    const word = htmlPage('word', s);
    put(`${r.name}.html-word`, r.name, 'html', word, { text: r.path });
    writeFileSync(join(work, `${r.name}.html-word.utf8.html`), iconv.decode(word, 'gbk').replace('charset=gb2312', 'charset=utf-8'));
  }
  for (const d of docxForms(engine).filter((x) => x.form === 'wps' && x.bytes))
    put(`${d.report}.docx-wps`, d.report, 'docx', d.bytes, { text: d.original });
  if (existsSync(TEMPLATE))
    out.push({ id: 'template.docx', report: 'template', from: 'docx', path: TEMPLATE, original: { template: true } });
  if (!office) return out;
  // the template's .doc is made while lo-forms makes the others (two soffice, each its own profile)
  const tpl = existsSync(TEMPLATE) ? sofficeRun(join(work, 'template'), [TEMPLATE], 'doc:MS Word 97', 'doc') : undefined;
  const tplDone = tpl ? run(office, tpl.args, { timeout: 120_000 }) : Promise.resolve();
  for (const f of loForms(engine, { forms: ['lo-html-cms', 'lo-doc'] }))
    if (f.bytes) put(`${f.report}.${f.form}`, f.report, f.ext, f.bytes, { text: f.original });
  await tplDone;
  const t = tpl?.made.get(TEMPLATE);
  if (t && existsSync(t)) out.push({ id: 'template.doc', report: 'template', from: 'doc', path: t, original: { template: true } });
  return out;
}

/** Runs `jobs` (functions returning promises), `limit` at a time; their results in order. */
async function pooled(jobs, limit = 8) {
  const out = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const k = next++;
      out[k] = await jobs[k]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return out;
}

/**
 * Every converter's output of every input: `{ items: [{ converter, ext, input, report, original, text }], skipped:
 * [{ converter, why }], ms }`. `dir`: where to work (a temporary directory, removed afterwards, when absent). The
 * tools run side by side while soffice makes its text exports (one run for every .docx).
 */
export async function converterForms(engine = loadEngine(), { dir, only } = {}) {
  const work = dir ?? mkdtempSync(join(tmpdir(), 'xxgk-converter-forms-'));
  mkdirSync(work, { recursive: true });
  const t0 = performance.now();
  const skipped = [];
  const jobs = [];
  const item = (c, i, text) => ({ converter: c.name, ext: c.ext, input: i.id, report: i.report, original: i.original, text });
  try {
    const office = which('soffice');
    const all = await inputs(engine, work, office);
    if (!office)
      skipped.push({
        converter: 'lo-doc inputs',
        why: 'soffice is not on PATH: no LibreOffice .docx/.doc made (Debian: libreoffice-writer-nogui)',
      });
    let officeText = async () => [];
    for (const c of CONVERTERS.filter((x) => !only || only.includes(x.name))) {
      const exe = which(c.tool);
      if (!exe) {
        skipped.push({ converter: c.name, why: `${c.tool} is not on PATH (scripts/setup-tools.sh installs it)` });
        continue;
      }
      const mine = all.filter((i) => i.from === c.from);
      const pathOf = (i) => (c.tool === 'pandoc' && i.id.endsWith('.html-word') ? i.path.replace(/\.html$/, '.utf8.html') : i.path);
      if (c.name === 'soffice-txt') {
        officeText = async () => {
          // a profile of its own: the .doc runs before used theirs, and two soffice never share one
          const { args, made } = sofficeRun(join(work, 'txt'), mine.map(pathOf), 'txt:Text (encoded):UTF8', 'txt');
          await run(exe, args, { timeout: 120_000 });
          return mine.filter((i) => existsSync(made.get(pathOf(i)))).map((i) => item(c, i, readFileSync(made.get(pathOf(i)), 'utf8')));
        };
        continue;
      }
      for (const i of mine)
        jobs.push(async () => item(c, i, (await run(exe, c.args(pathOf(i)), { encoding: 'utf8', maxBuffer: 1 << 26 })).stdout));
    }
    const [tools, fromOffice] = await Promise.all([pooled(jobs), officeText()]);
    const items = [...tools, ...fromOffice];
    return { items, skipped, ms: performance.now() - t0 };
  } finally {
    if (!dir) rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/converter-forms.mjs <dir>   (a directory outside the repository, e.g. under /tmp)');
    process.exit(2);
  }
  const { items, skipped } = await converterForms(loadEngine(), { dir });
  for (const s of skipped) console.log(`${s.converter}: skipped, ${s.why}`);
  for (const i of items) {
    writeFileSync(join(dir, `${i.input}.${i.converter}.${i.ext}`), i.text);
    console.log(`${i.input}.${i.converter}.${i.ext} ${i.text.length} chars`);
  }
}
