#!/usr/bin/env node
// Makes the Markdown that PDF-to-Markdown converters write today (MinerU,
// docling and marker with HTML tables) from every report, at test time, in
// memory or into a directory (never into the repository): the text outside
// tables as lines (`# ` before the title, `## ` before a section heading),
// each table as one line of compact HTML (`<table><tr><td rowspan="3">…`),
// merged cells as rowspan/colspan.
//
// Made from each report's web page: every fixture as scripts/html-forms.mjs's
// CMS page, and every page of ../shared/corpus/html/ as it is. The lines are
// the HTML reader's reading of the page with its tables taken out, so the
// Markdown says what the page says.
//
//   node scripts/mixed-forms.mjs <dir>    write every form into <dir> (after npm run build)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { structure } from './docx-forms.mjs';
import { htmlPage } from './html-forms.mjs';
import { loadEngine, reports, ROOT, writeFormsCli } from './forms-lib.mjs';

const require = createRequire(import.meta.url);
const { parse, serialize } = require('parse5');

export const CORPUS_HTML = join(ROOT, '..', 'shared', 'corpus', 'html');

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const elements = (n) => (n.childNodes ?? []).filter((c) => c.tagName);

/** Tables holding no table (a layout table around the report's tables is read through, not copied). */
function leafTables(doc) {
  const out = [];
  const walk = (n) => {
    for (const c of elements(n.content ?? n)) {
      if (c.tagName === 'table' && !hasTable(c)) out.push(c);
      else walk(c);
    }
  };
  const hasTable = (n) => elements(n).some((c) => c.tagName === 'table' || hasTable(c));
  walk(doc);
  return out;
}

/** A table as a converter writes it: one line, every cell's text as the HTML reader reads it, spans kept. */
function compactTable(table, readHtml) {
  const rows = [];
  const rowsOf = (n) => {
    for (const c of elements(n)) {
      if (c.tagName === 'tr') rows.push(c);
      else if (c.tagName === 'thead' || c.tagName === 'tbody' || c.tagName === 'tfoot') rowsOf(c);
    }
  };
  rowsOf(table);
  const cell = (td) => {
    const attr = (name) => td.attrs.find((a) => a.name === name)?.value;
    const span = ['rowspan', 'colspan'].map((k) => (Number(attr(k)) > 1 ? ` ${k}="${Number(attr(k))}"` : '')).join('');
    const text = readHtml(`<table><tr><td>${serialize(td)}</td></tr></table>`).text.trim();
    return `<td${span}>${esc(text)}</td>`;
  };
  return `<table>${rows
    .map(
      (tr) =>
        `<tr>${elements(tr)
          .filter((c) => c.tagName === 'td' || c.tagName === 'th')
          .map(cell)
          .join('')}</tr>`,
    )
    .join('')}</table>`;
}

const SECTION = /^[一二三四五六七八]、\S{2,24}$/;

/** A web page as Markdown with HTML tables. */
export function mixedMarkdown(page, readHtml) {
  const tables = leafTables(parse(page, { sourceCodeLocationInfo: true }));
  // Each table replaced in the page by a paragraph naming it: the reading of the rest is the Markdown's text.
  let rest = '';
  let at = 0;
  tables.forEach((t, k) => {
    const loc = t.sourceCodeLocation;
    rest += `${page.slice(at, loc.startOffset)}<p>@@TABLE${k}@@</p>`;
    at = loc.endOffset;
  });
  rest += page.slice(at);
  let titled = false;
  const lines = readHtml(rest)
    .text.split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const m = /^@@TABLE(\d+)@@$/.exec(l.trim());
      if (m) return compactTable(tables[Number(m[1])], readHtml);
      if (!titled && /年度报告$/.test(l.trim()) && l.trim().length < 60) {
        titled = true;
        return `# ${l.trim()}`;
      }
      return SECTION.test(l.trim()) ? `## ${l.trim()}` : l;
    });
  return `${lines.join('\n\n')}\n`;
}

const loadHtmlReader = () => require(join(ROOT, 'server', 'out', 'readers', 'html.js'));

/** Every report as Markdown with HTML tables: `{ report, form, page, original, bytes }` (`original`: the text form, if any). */
export function mixedForms(engine = loadEngine(), { readHtml } = loadHtmlReader()) {
  const out = [];
  for (const r of reports()) {
    const page = htmlPage('cms', structure(engine, readFileSync(r.path, 'utf8'))).toString('utf8');
    out.push({ report: r.name, form: 'mixed-md', page, original: r.path, bytes: Buffer.from(mixedMarkdown(page, readHtml)) });
  }
  if (existsSync(CORPUS_HTML)) {
    for (const name of readdirSync(CORPUS_HTML)
      .filter((n) => /\.html?$/.test(n))
      .sort()) {
      const page = readFileSync(join(CORPUS_HTML, name), 'utf8');
      out.push({
        report: basename(name).replace(/\.html?$/, ''),
        form: 'mixed-md',
        page,
        bytes: Buffer.from(mixedMarkdown(page, readHtml)),
      });
    }
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await writeFormsCli('mixed-forms.mjs', 'md', () => mixedForms());
