#!/usr/bin/env node
// Makes Word and PDF forms of every report fixture as LibreOffice writes them,
// at test time, into a temporary directory (never into the repository):
// `soffice --headless --convert-to` (Debian libreoffice-writer-nogui;
// scripts/setup-tools.sh installs it) applied to the web pages
// scripts/html-forms.mjs makes, to a Flat ODT made here, and to the .docx forms
// of scripts/docx-forms.mjs. XXGK_SOFFICE names another soffice executable.
//
// - `lo-html-word`, `lo-html-cms`, `lo-html-omitted`: the web page opened in
//   Writer and saved as .docx (LibreOffice's own tables: w:tblGrid, explicit
//   vMerge restart/continue, gridSpan).
// - `lo-html-layout`: the CMS page with its article inside a one-cell layout
//   table, as many sites lay pages out: every report table nested in a cell.
// - `lo-odt`: a Flat ODT written as a LibreOffice user writes a report —
//   headings numbered by the outline (一、), sub-headings by a list （一）,
//   the 三 and 四 header rows repeated on each page, soft hyphens and a line
//   break inside labels, content controls (w:sdt) around numbers, the 二
//   tables nested in a frame table — saved as .docx.
// - `lo-wps-rt`, `lo-template-rt`: docx-forms' `wps` and `template` forms
//   opened and saved again (.docx → .odt → .docx). (Its `word` form is not
//   used: LibreOffice 7.4 drops that form's tracked deletion of a table row,
//   keeping the row's label, so the file itself says something else.)
// - `lo-doc`, `lo-doc-word`, `lo-doc-odt`, `lo-doc-wps`, `lo-doc-template`: the
//   omitted-tags page, Word's page, the Flat ODT and docx-forms' wps and
//   template forms saved as old binary .doc files (Word 97): the .doc reader
//   must read them as their .docx counterparts are read.
// - `lo-pdf-word`, `lo-pdf-cms`, `lo-pdf-odt`: the Word page, the CMS page and
//   the Flat ODT exported to PDF (LibreOffice's PDF: borders as stroked lines,
//   a row a page break cuts closed by a rule on each page, the ODT's header
//   rows repeated between its two parts, a label and the next cell's number
//   joined into one text item by pdf.js where the cells are narrow).
//
//   node scripts/lo-forms.mjs <dir>    write every form into <dir> (after npm run build)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { htmlPage } from './html-forms.mjs';
import { docxForms, structure, TEMPLATE } from './docx-forms.mjs';
import { loadEngine, reports, writeFormsCli } from './forms-lib.mjs';

const require = createRequire(import.meta.url);

/** The forms: `ext` of the file made, `from` what it is converted from. */
export const LO_FORMS = [
  { form: 'lo-html-word', ext: 'docx', from: 'html-word', what: "Word's web page (GBK) opened in LibreOffice Writer, saved as .docx" },
  { form: 'lo-html-cms', ext: 'docx', from: 'html-cms', what: 'the CMS page (site chrome, <th> headers) saved as .docx' },
  { form: 'lo-html-omitted', ext: 'docx', from: 'html-omitted', what: 'the end-tag-less page saved as .docx' },
  {
    form: 'lo-html-layout',
    ext: 'docx',
    from: 'html-layout',
    what: 'the CMS page with its article in a one-cell layout table: every report table nested in a cell',
  },
  {
    form: 'lo-odt',
    ext: 'docx',
    from: 'fodt',
    what: 'a Flat ODT (outline-numbered headings, list-numbered sub-headings, repeated header rows, soft hyphens, content controls, nested tables) saved as .docx',
  },
  { form: 'lo-wps-rt', ext: 'docx', from: 'docx-wps', what: "docx-forms' wps form opened and saved again (.docx → .odt → .docx)" },
  {
    form: 'lo-template-rt',
    ext: 'docx',
    from: 'docx-template',
    what: 'the real template filled with the values (docx-forms), opened and saved again (.docx → .odt → .docx)',
  },
  { form: 'lo-doc', ext: 'doc', from: 'html-omitted', what: 'the end-tag-less page saved as an old binary .doc (Word 97)' },
  { form: 'lo-doc-word', ext: 'doc', from: 'html-word', what: "Word's web page saved as .doc (merged cells: vertical merges, wide cells)" },
  {
    form: 'lo-doc-odt',
    ext: 'doc',
    from: 'fodt',
    what: 'the Flat ODT saved as .doc (nested tables, repeated header rows, soft hyphens, line breaks in cells)',
    // the .doc reader does not render automatic numbering (MS-DOC LST/LFO): the outline-numbered headings read without 一、
    limit: 'missing-section',
  },
  { form: 'lo-doc-wps', ext: 'doc', from: 'docx-wps', what: "docx-forms' wps form saved as .doc" },
  {
    form: 'lo-doc-template',
    ext: 'doc',
    from: 'docx-template',
    what: 'the real template filled with the values (docx-forms), saved as .doc',
  },
  { form: 'lo-pdf-word', ext: 'pdf', from: 'html-word', what: "Word's web page exported to PDF by LibreOffice" },
  { form: 'lo-pdf-cms', ext: 'pdf', from: 'html-cms', what: 'the CMS page exported to PDF by LibreOffice' },
  { form: 'lo-pdf-odt', ext: 'pdf', from: 'fodt', what: 'the Flat ODT exported to PDF by LibreOffice' },
];

// LibreOffice's filters: a web page opened as a Writer document (not Writer/Web, which cannot save .docx).
const HTML_IN = 'HTML (StarWriter)';
const TARGET = { docx: 'docx:MS Word 2007 XML', doc: 'doc:MS Word 97', odt: 'odt', pdf: 'pdf:writer_pdf_Export' };

/** The soffice executable: XXGK_SOFFICE, else soffice on PATH. */
export function findSoffice() {
  if (process.env.XXGK_SOFFICE) return existsSync(process.env.XXGK_SOFFICE) ? process.env.XXGK_SOFFICE : undefined;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'soffice'))) return join(dir, 'soffice');
  }
  return undefined;
}

export function loFormsAvailable() {
  const soffice = findSoffice();
  if (!soffice)
    return {
      available: false,
      why: 'soffice is not on PATH (Debian: apt-get install libreoffice-writer-nogui; scripts/setup-tools.sh installs it)',
    };
  return { available: true, soffice };
}

/**
 * Converts every file of `inputs` (paths) with one soffice run into `outDir`; returns the output paths by input.
 * A profile of its own under `work`: never the user's, and no lock shared with a LibreOffice already running.
 */
function convert(soffice, work, inputs, target, { infilter } = {}) {
  const outDir = join(work, `out-${target.split(':')[0]}-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(outDir, { recursive: true });
  const args = [`-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`, '--headless', '--norestore', '--nologo'];
  if (infilter) args.push(`--infilter=${infilter}`);
  args.push('--convert-to', TARGET[target], '--outdir', outDir, ...inputs);
  execFileSync(soffice, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
  const ext = target === 'odt' ? 'odt' : target;
  const made = new Map();
  for (const input of inputs) {
    const out = join(outDir, `${basename(input).replace(/\.[^.]+$/, '')}.${ext}`);
    made.set(input, existsSync(out) ? out : undefined);
  }
  return made;
}

// ---------------------------------------------------------------- the Flat ODT

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const NUMERALS = '一二三四五六七八九十';

/** A web page's body as blocks: paragraphs' text and tables as grids of { text, rowspan, colspan } (parse5). */
function pageBlocks(html) {
  const parse5 = require('parse5');
  const doc = parse5.parse(html);
  const textOf = (n) => (n.nodeName === '#text' ? n.value : (n.childNodes ?? []).map(textOf).join(''));
  const blocks = [];
  const walk = (n) => {
    for (const c of n.childNodes ?? []) {
      if (c.nodeName === 'p' || c.nodeName === 'h1') blocks.push({ kind: 'p', text: textOf(c).trim() });
      else if (c.nodeName === 'table') {
        const rows = [];
        const visit = (m) => {
          for (const x of m.childNodes ?? []) {
            if (x.nodeName === 'tr') {
              rows.push(
                (x.childNodes ?? [])
                  .filter((td) => td.nodeName === 'td' || td.nodeName === 'th')
                  .map((td) => {
                    const a = (name) => Number(td.attrs.find((y) => y.name === name)?.value ?? 1) || 1;
                    return { text: textOf(td).trim(), rowspan: a('rowspan'), colspan: a('colspan') };
                  }),
              );
            } else if (x.nodeName !== 'table') visit(x);
          }
        };
        visit(c);
        blocks.push({ kind: 'table', rows });
      } else walk(c);
    }
  };
  walk(doc);
  return blocks;
}

/** An ODF table of a grid: merged cells spanned, the positions they cover as covered cells; `headerRows` repeated on each page. */
function odfTable(name, rows, { headerRows = 0, cell = (t) => t } = {}) {
  const width = Math.max(...rows.map((r) => r.reduce((n, c) => n + c.colspan, 0)));
  const taken = rows.map(() => new Array(width).fill(false));
  const out = rows.map(() => []);
  rows.forEach((r, i) => {
    let col = 0;
    for (const c of r) {
      while (col < width && taken[i][col]) col++;
      for (let y = i; y < Math.min(rows.length, i + c.rowspan); y++)
        for (let x = col; x < Math.min(width, col + c.colspan); x++) taken[y][x] = y === i && x === col ? 'cell' : true;
      out[i][col] = c;
      col += c.colspan;
    }
  });
  const rowXml = (i) => {
    let s = '<table:table-row>';
    for (let x = 0; x < width; x++) {
      const c = out[i][x];
      if (c) {
        const span =
          (c.colspan > 1 ? ` table:number-columns-spanned="${c.colspan}"` : '') +
          (c.rowspan > 1 ? ` table:number-rows-spanned="${c.rowspan}"` : '');
        s += `<table:table-cell table:style-name="Cell"${span} office:value-type="string">${cell(c.text, i, x)}</table:table-cell>`;
      } else if (taken[i][x]) s += '<table:covered-table-cell/>';
      else s += '<table:table-cell table:style-name="Cell"><text:p/></table:table-cell>';
    }
    return `${s}</table:table-row>`;
  };
  const head = Array.from({ length: headerRows }, (_, i) => rowXml(i)).join('');
  const body = rows
    .slice(headerRows)
    .map((_, k) => rowXml(headerRows + k))
    .join('');
  return (
    `<table:table table:name="${name}" table:style-name="Table"><table:table-column table:number-columns-repeated="${width}"/>` +
    (head ? `<table:table-header-rows>${head}</table:table-header-rows>` : '') +
    body +
    '</table:table>'
  );
}

/** A label as a LibreOffice user's file has it: a soft hyphen in a long label, a line break in a longer one. */
function labelXml(t) {
  const s = [...t];
  if (s.length >= 14 && !/\d/.test(t)) {
    const k = Math.floor(s.length / 2);
    return `${esc(s.slice(0, k).join(''))}<text:line-break/>${esc(s.slice(k).join(''))}`;
  }
  if (s.length >= 8 && !/\d/.test(t)) {
    const k = Math.floor(s.length / 2);
    return `${esc(s.slice(0, k).join(''))}\u00ad${esc(s.slice(k).join(''))}`;
  }
  return esc(t);
}

/**
 * The Flat ODT of one report: the omitted-tags page's paragraphs and grids, with the headings 一、… numbered by the
 * outline and the sub-headings （一）… by a list where their numerals follow on (else left as written), header rows
 * repeated, soft hyphens and line breaks in labels, a content control around a number in each table, and the 二
 * grid nested in a one-cell frame table.
 */
export function flatOdt(s) {
  const blocks = pageBlocks(htmlPage('omitted', s).toString('utf8'));
  const headings = new Set(s.blocks.filter((b) => b.kind === 'heading').map((b) => b.text));
  const subs = new Set(s.blocks.filter((b) => b.kind === 'p' && b.sub).map((b) => b.text));
  let body = '';
  let h = 0;
  let sub = 0;
  let list = 0;
  let tableNo = 0;
  for (const b of blocks) {
    if (b.kind === 'p') {
      const hm = /^([一二三四五六七八九十])、\s*(.*)$/.exec(b.text);
      const sm = /^（([一二三四五六七八九十])）\s*(.*)$/.exec(b.text);
      if (headings.has(b.text) && hm && NUMERALS.indexOf(hm[1]) === h) {
        h++;
        sub = 0;
        body += `<text:h text:style-name="H1" text:outline-level="1">${esc(hm[2])}</text:h>`;
      } else if (subs.has(b.text) && sm && NUMERALS.indexOf(sm[1]) === sub) {
        // one list per section, continued across the prose between its items
        const id = `list${h}`;
        body +=
          `<text:list text:style-name="L1"${sub === 0 ? ` xml:id="${id}"` : ` text:continue-list="${id}"`}>` +
          `<text:list-item><text:p text:style-name="P">${esc(sm[2])}</text:p></text:list-item></text:list>`;
        sub++;
        list++;
      } else body += `<text:p text:style-name="P">${esc(b.text).replace(/ {2,}/g, (m) => `<text:s text:c="${m.length}"/>`)}</text:p>`;
      continue;
    }
    tableNo++;
    const isS3 = /本列数据/.test(b.rows[0]?.[0]?.text ?? '');
    const isS4 = b.rows[0]?.[0]?.text === '行政复议';
    let controlled = false;
    const cell = (t) => {
      if (/^\d+(\.\d+)?$/.test(t) && !controlled) {
        controlled = true;
        return `<text:p text:style-name="P"><loext:content-control>${esc(t)}</loext:content-control></text:p>`;
      }
      return `<text:p text:style-name="P">${/\d/.test(t) ? esc(t) : labelXml(t)}</text:p>`;
    };
    const t = odfTable(`T${tableNo}`, b.rows, { headerRows: isS3 || isS4 ? 3 : 0, cell });
    body +=
      isS3 || isS4
        ? t
        : // the 二 grid inside a frame table, as a writer lays out a boxed part
          `<table:table table:name="Frame${tableNo}" table:style-name="Table"><table:table-column/><table:table-row><table:table-cell table:style-name="Cell" office:value-type="string">${t}<text:p/></table:table-cell></table:table-row></table:table>`;
  }
  void list;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="WenQuanYi Micro Hei" svg:font-family="'WenQuanYi Micro Hei'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties style:font-name="WenQuanYi Micro Hei" style:font-name-asian="WenQuanYi Micro Hei" fo:font-size="10.5pt" style:font-size-asian="10.5pt" fo:language="zh" fo:country="CN"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"/>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1"><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
<text:outline-style style:name="Outline"><text:outline-level-style text:level="1" style:num-format="一, 二, 三, ..." style:num-suffix="、"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="nothing"/></style:list-level-properties></text:outline-level-style></text:outline-style>
</office:styles>
<office:automatic-styles>
<style:style style:name="H1" style:family="paragraph" style:parent-style-name="Heading_20_1"/>
<style:style style:name="P" style:family="paragraph" style:parent-style-name="Standard"/>
<style:style style:name="Table" style:family="table"><style:table-properties style:width="16cm" table:align="left"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.05cm" fo:border="0.5pt solid #000000"/></style:style>
<text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-prefix="（" style:num-suffix="）" style:num-format="一, 二, 三, ..."><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="nothing"/></style:list-level-properties></text:list-level-style-number></text:list-style>
</office:automatic-styles>
<office:body><office:text>${body}</office:text></office:body></office:document>
`;
}

// ---------------------------------------------------------------- every form

/**
 * Every LibreOffice form of every report: `{ report, form, ext, original, bytes }` (a form soffice did not write:
 * `skipped` says why). `dir`: where sources and results are written (a new temporary directory, removed afterwards,
 * when absent). `forms`: which forms to make. Also `{ ms }`: the conversion time.
 */
export function loForms(engine = loadEngine(), { dir, only, forms = LO_FORMS.map((f) => f.form) } = {}) {
  const ok = loFormsAvailable();
  if (!ok.available) throw new Error(ok.why);
  const work = dir ?? mkdtempSync(join(tmpdir(), 'xxgk-lo-forms-'));
  const src = join(work, 'src');
  mkdirSync(src, { recursive: true });
  const wanted = LO_FORMS.filter((f) => forms.includes(f.form));
  const needs = new Set(wanted.map((f) => f.from));
  const list = reports().filter((r) => !only || only.includes(r.name));
  // the sources, by what they are converted from
  const sources = new Map(); // from → [{ report, original, path }]
  const put = (from, r, name, bytes) => {
    const path = join(src, name);
    writeFileSync(path, bytes);
    if (!sources.has(from)) sources.set(from, []);
    sources.get(from).push({ report: r.name, original: r.path, path });
  };
  const docx = needs.has('docx-wps') || needs.has('docx-template') ? docxForms(engine) : [];
  for (const r of list) {
    const s = structure(engine, readFileSync(r.path, 'utf8'));
    for (const kind of ['word', 'cms', 'omitted'])
      if (needs.has(`html-${kind}`)) put(`html-${kind}`, r, `${r.name}.html-${kind}.html`, htmlPage(kind, s));
    if (needs.has('html-layout')) {
      const page = htmlPage('cms', s)
        .toString('utf8')
        .replace('<div class="article">', '<table class="layout" width="100%"><tr><td><div class="article">')
        .replace('</div>\n<div class="footer">', '</div></td></tr></table>\n<div class="footer">');
      put('html-layout', r, `${r.name}.html-layout.html`, Buffer.from(page, 'utf8'));
    }
    if (needs.has('fodt')) put('fodt', r, `${r.name}.fodt.fodt`, Buffer.from(flatOdt(s), 'utf8'));
    for (const kind of ['wps', 'template']) {
      const f = needs.has(`docx-${kind}`) && docx.find((x) => x.report === r.name && x.form === kind && x.bytes);
      if (f) put(`docx-${kind}`, r, `${r.name}.docx-${kind}.docx`, f.bytes);
    }
  }
  const t0 = performance.now();
  const out = [];
  try {
    // one soffice run per source kind and target: starting LibreOffice costs more than converting a file
    const converted = new Map(); // `${from}>${ext}` → Map(input → output)
    const get = (from, ext) => {
      const key = `${from}>${ext}`;
      if (!converted.has(key)) {
        const inputs = (sources.get(from) ?? []).map((x) => x.path);
        let made = new Map();
        if (inputs.length) {
          if (from.startsWith('docx-') && ext === 'docx') {
            // opened and saved again: through an .odt, as a LibreOffice user keeps a file
            const odt = convert(ok.soffice, work, inputs, 'odt');
            const back = convert(ok.soffice, work, [...odt.values()].filter(Boolean), ext);
            for (const i of inputs) made.set(i, odt.get(i) && back.get(odt.get(i)));
          } else made = convert(ok.soffice, work, inputs, ext, { infilter: from.startsWith('html-') ? HTML_IN : undefined });
        }
        converted.set(key, made);
      }
      return converted.get(key);
    };
    for (const f of wanted) {
      const made = get(f.from, f.ext);
      const have = new Set((sources.get(f.from) ?? []).map((x) => x.report));
      for (const r of list) {
        const s = (sources.get(f.from) ?? []).find((x) => x.report === r.name);
        const path = s && made.get(s.path);
        if (!path) {
          out.push({
            report: r.name,
            form: f.form,
            ext: f.ext,
            original: r.path,
            skipped: have.has(r.name) ? 'soffice wrote nothing' : `no ${f.from} source`,
          });
          continue;
        }
        const bytes = new Uint8Array(readFileSync(path));
        if (dir) writeFileSync(join(work, `${r.name}.${f.form}.${f.ext}`), bytes);
        out.push({ report: r.name, form: f.form, ext: f.ext, original: r.path, bytes });
      }
    }
  } finally {
    if (!dir) rmSync(work, { recursive: true, force: true });
    else
      for (const n of readdirSync(work))
        if (n.startsWith('out-') || n === 'profile') rmSync(join(work, n), { recursive: true, force: true });
  }
  out.ms = performance.now() - t0;
  return out;
}

/** The real blank template saved by LibreOffice as an old binary .doc (read in place): its bytes, or undefined. */
export function templateDoc() {
  const ok = loFormsAvailable();
  if (!ok.available || !existsSync(TEMPLATE)) return undefined;
  const work = mkdtempSync(join(tmpdir(), 'xxgk-lo-template-doc-'));
  try {
    const doc = convert(ok.soffice, work, [TEMPLATE], 'doc').get(TEMPLATE);
    return doc ? new Uint8Array(readFileSync(doc)) : undefined;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The real blank template opened and saved again by LibreOffice (.docx → .odt → .docx): its bytes, or undefined. */
export function templateRoundTrip() {
  const ok = loFormsAvailable();
  if (!ok.available || !existsSync(TEMPLATE)) return undefined;
  const work = mkdtempSync(join(tmpdir(), 'xxgk-lo-template-'));
  try {
    const odt = convert(ok.soffice, work, [TEMPLATE], 'odt').get(TEMPLATE);
    const back = odt && convert(ok.soffice, work, [odt], 'docx').get(odt);
    return back ? new Uint8Array(readFileSync(back)) : undefined;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const ok = loFormsAvailable();
  if (!ok.available) {
    console.error(`lo-forms: ${ok.why}`);
    process.exit(1);
  }
  await writeFormsCli('lo-forms.mjs', 'docx', () => {
    const made = loForms(loadEngine());
    console.log(`lo-forms: converted in ${Math.round(made.ms)} ms`);
    return made;
  });
}
