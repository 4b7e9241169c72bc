#!/usr/bin/env node
// Makes files of the reports as producers other than our own test forms write them, at test time, into a
// temporary directory (never into the repository): pandoc 2.17, LibreOffice's other filters and PDF options,
// mutool's rewrites of PDFs, Chromium's print of pandoc's HTML5, and .docx files whose XML is rewritten the
// way other writers lay it out (another namespace prefix, mc:AlternateContent, content controls, custom XML,
// smart tags, tracked changes, simple fields, hyperlinks around numbers, a zip with data descriptors).
//
// Inputs: the real web page (/work/shared/corpus/html) and the CMS page scripts/html-forms.mjs makes of each
// corpus report (`inputs` picks which). Each file: `{ input, producer, ext, original, bytes }`, or `skipped`
// with why (a tool missing, or a tool that wrote nothing).
//
//   node scripts/producer-forms.mjs <dir>    write every file into <dir> and print a table of cells right
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { htmlPage } from './html-forms.mjs';
import { structure } from './docx-forms.mjs';
import { CHROMIUM } from './pdf-forms.mjs';
import { PDF_DIR, ROOT, loadEngine, reports } from './forms-lib.mjs';

const require = createRequire(import.meta.url);

/** The real web page of the corpus (read in place). */
export const REAL_PAGE = join(ROOT, '..', 'shared', 'corpus', 'html', 'shuyang-fagaiju-2023.html');

/** A tool on PATH (or an absolute path that exists), else undefined. */
function which(name) {
  if (name.startsWith('/')) return existsSync(name) ? name : undefined;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir && existsSync(join(dir, name))) return join(dir, name);
  return undefined;
}

/** Each tool: its path, or why it is missing. */
export function producerTools() {
  const tool = (name, install) => {
    const path = which(name);
    return path ? { path } : { why: `${name} is not here (${install})` };
  };
  return {
    pandoc: tool('pandoc', 'Debian: apt-get install pandoc'),
    soffice: tool(process.env.XXGK_SOFFICE ?? 'soffice', 'Debian: apt-get install libreoffice-writer-nogui'),
    mutool: tool('mutool', 'Debian: apt-get install mupdf-tools'),
    chromium: tool(CHROMIUM, 'Debian: apt-get install chromium'),
  };
}

/**
 * The producers: `tool` the one it needs, `ext` of the file made, `from` the source kind (`html`: the page; `lo`:
 * LibreOffice's .docx of the page; `pdf`: a corpus PDF or LibreOffice's PDF of the page).
 */
export const PRODUCERS = [
  { producer: 'pandoc-docx', tool: 'pandoc', ext: 'docx', what: 'pandoc -f html -t docx' },
  { producer: 'pandoc-html5', tool: 'pandoc', ext: 'html', what: 'pandoc -s -t html5 (colgroup, thead, th)' },
  { producer: 'pandoc-md-html', tool: 'pandoc', ext: 'html', what: 'HTML → pandoc Markdown → HTML' },
  { producer: 'pandoc-odt-docx', tool: 'pandoc+soffice', ext: 'docx', what: 'pandoc HTML → .odt, LibreOffice → .docx' },
  { producer: 'pandoc-odt-doc', tool: 'pandoc+soffice', ext: 'doc', what: 'pandoc HTML → .odt, LibreOffice → .doc' },
  { producer: 'pandoc-odt-pdf', tool: 'pandoc+soffice', ext: 'pdf', what: 'pandoc HTML → .odt, LibreOffice → PDF' },
  { producer: 'pandoc-rt', tool: 'pandoc+soffice', ext: 'docx', what: "LibreOffice's .docx through pandoc -f docx -t docx" },
  { producer: 'lo-word2007', tool: 'soffice', ext: 'docx', what: "soffice --convert-to 'docx:MS Word 2007 XML'" },
  { producer: 'lo-ooxml', tool: 'soffice', ext: 'docx', what: "soffice --convert-to 'docx:Office Open XML Text'" },
  { producer: 'lo-doc97', tool: 'soffice', ext: 'doc', what: "soffice --convert-to 'doc:MS Word 97'" },
  { producer: 'lo-rtf-docx', tool: 'soffice', ext: 'docx', what: 'LibreOffice .docx → .rtf → .docx' },
  { producer: 'lo-pdf', tool: 'soffice', ext: 'pdf', what: 'LibreOffice PDF export' },
  { producer: 'lo-pdf-tagged', tool: 'soffice', ext: 'pdf', what: 'LibreOffice tagged PDF' },
  { producer: 'lo-pdf-a2', tool: 'soffice', ext: 'pdf', what: 'LibreOffice PDF/A-2' },
  { producer: 'mutool-convert', tool: 'soffice+mutool', ext: 'pdf', what: 'mutool convert -F pdf of the PDF' },
  { producer: 'mutool-clean-d', tool: 'soffice+mutool', ext: 'pdf', what: 'mutool clean -d of the PDF (decompressed)' },
  { producer: 'mutool-clean-g', tool: 'soffice+mutool', ext: 'pdf', what: 'mutool clean -gggg of the PDF' },
  { producer: 'chromium-html5', tool: 'pandoc+chromium', ext: 'pdf', what: "Chromium's print of pandoc's HTML5" },
  ...[
    ['xml-prefix', 'the main namespace under another prefix than w:'],
    ['xml-altcontent', 'paragraphs inside mc:AlternateContent (Choice and Fallback)'],
    ['xml-sdt', 'w:sdt content controls around rows and cells'],
    ['xml-customxml', 'w:customXml around cells and runs'],
    ['xml-smarttag', 'w:smartTag around runs'],
    ['xml-tracked', 'tracked changes: a deleted number and a moved-from number beside the inserted right one'],
    ['xml-fldsimple', 'numbers inside w:fldSimple'],
    ['xml-hyperlink', 'numbers inside w:hyperlink'],
    ['zip-descriptor', 'the zip written with data descriptors (sizes after the data)'],
  ].map(([producer, what]) => ({ producer, tool: 'soffice', ext: 'docx', what })),
];

// ---------------------------------------------------------------- running the tools

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: 120_000, ...opts });

/** One soffice run over `inputs` into a new directory: the output path of each input (undefined: none written). */
function soffice(tools, work, inputs, target, ext, infilter) {
  const outDir = mkdtempSync(join(work, 'lo-'));
  const args = [`-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`, '--headless', '--norestore', '--nologo'];
  if (infilter) args.push(`--infilter=${infilter}`);
  run(tools.soffice.path, [...args, '--convert-to', target, '--outdir', outDir, ...inputs], { timeout: 300_000 });
  return inputs.map((i) => {
    const out = join(outDir, `${basename(i).replace(/\.[^.]+$/, '')}.${ext}`);
    return existsSync(out) ? out : undefined;
  });
}

const PDF_EXPORT = (options) => `pdf:writer_pdf_Export:${JSON.stringify(options)}`;

// ---------------------------------------------------------------- rewriting a .docx's XML

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** Applies `edit` to word/document.xml of a .docx. */
function editDocument(bytes, edit) {
  const files = unzipSync(bytes);
  files['word/document.xml'] = strToU8(edit(new TextDecoder().decode(files['word/document.xml'])));
  return zipSync(files);
}

/** Replaces each run whose whole text is a number (`<w:r>…<w:t>12</w:t></w:r>`) by `wrap(run, number, i)`. */
const eachNumberRun = (xml, wrap) => {
  let i = 0;
  return xml.replace(/<w:r>(?:(?!<\/w:r>)[\s\S])*?<w:t(?: [^>]*)?>(\d+)<\/w:t><\/w:r>/g, (run, n) => wrap(run, n, i++));
};

/** The XML rewrites, each as another writer lays the same content out. */
const XML_EDITS = {
  'xml-prefix': (x) =>
    // every w: element and attribute under the prefix ns0:, as some converters write it
    x
      .replace(/<(\/?)w:/g, '<$1ns0:')
      .replace(/ w:([A-Za-z]+)=/g, ' ns0:$1=')
      .replace(/xmlns:w="[^"]*"/, `xmlns:ns0="${W_NS}"`),
  'xml-altcontent': (x) =>
    eachNumberRun(
      x.includes('xmlns:mc=')
        ? x
        : x.replace(/<w:document /, '<w:document xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '),
      (run) => `<mc:AlternateContent><mc:Choice Requires="w14">${run}</mc:Choice><mc:Fallback>${run}</mc:Fallback></mc:AlternateContent>`,
    ),
  'xml-sdt': (x) =>
    x
      .replace(/<w:tr>|<w:tr /g, (m) => `<w:sdt><w:sdtPr><w:id w:val="1"/></w:sdtPr><w:sdtContent>${m}`)
      .replace(/<\/w:tr>/g, '</w:tr></w:sdtContent></w:sdt>')
      .replace(/<w:tc>/g, '<w:sdt><w:sdtPr><w:id w:val="2"/></w:sdtPr><w:sdtContent><w:tc>')
      .replace(/<\/w:tc>/g, '</w:tc></w:sdtContent></w:sdt>'),
  'xml-customxml': (x) =>
    eachNumberRun(
      x.replace(/<w:tc>/g, '<w:customXml w:element="cell"><w:tc>').replace(/<\/w:tc>/g, '</w:tc></w:customXml>'),
      (run) => `<w:customXml w:element="n">${run}</w:customXml>`,
    ),
  'xml-smarttag': (x) => eachNumberRun(x, (run) => `<w:smartTag w:uri="urn:x" w:element="number">${run}</w:smartTag>`),
  'xml-tracked': (x) =>
    eachNumberRun(x, (run, n) => {
      const wrong = String(Number(n) + 7);
      const del = run.replace(/<w:t( [^>]*)?>\d+<\/w:t>/, `<w:delText>${wrong}</w:delText>`);
      const moved = run.replace(/<w:t( [^>]*)?>\d+<\/w:t>/, `<w:t>${wrong}</w:t>`);
      const meta = (id) => `w:id="${id}" w:author="a" w:date="2024-01-01T00:00:00Z"`;
      return `<w:del ${meta(1)}>${del}</w:del><w:moveFrom ${meta(2)}>${moved}</w:moveFrom>` + `<w:ins ${meta(3)}>${run}</w:ins>`;
    }),
  'xml-fldsimple': (x) => eachNumberRun(x, (run) => `<w:fldSimple w:instr=" QUOTE 0 ">${run}</w:fldSimple>`),
  'xml-hyperlink': (x) => eachNumberRun(x, (run) => `<w:hyperlink w:anchor="n">${run}</w:hyperlink>`),
};

/** A zip whose local headers leave CRC and sizes 0 (general-purpose flag bit 3), with a data descriptor after each entry. */
function withDataDescriptors(bytes) {
  const { deflateRawSync, crc32 } = require('node:zlib');
  const entries = Object.entries(unzipSync(bytes));
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0808, 6); // data descriptor, UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(nameBytes.length, 26);
    const desc = Buffer.alloc(16);
    desc.writeUInt32LE(0x08074b50, 0);
    desc.writeUInt32LE(crc, 4);
    desc.writeUInt32LE(packed.length, 8);
    desc.writeUInt32LE(data.length, 12);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0808, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed, desc);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length + 16;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

// ---------------------------------------------------------------- every file

/**
 * The inputs: the real web page, and the CMS page of each corpus report named in `only` (all when absent).
 * `{ input, original, html }`: `original` the file whose reading is the truth (the .txt, or the real page itself).
 */
export function producerInputs(engine = loadEngine(), { only } = {}) {
  const out = [{ input: 'shuyang-fagaiju-2023', original: REAL_PAGE, html: new Uint8Array(readFileSync(REAL_PAGE)) }];
  for (const r of reports().filter((x) => !only || only.includes(x.name))) {
    const s = structure(engine, readFileSync(r.path, 'utf8'));
    out.push({ input: r.name, original: r.path, html: new Uint8Array(htmlPage('cms', s)) });
  }
  return out;
}

/**
 * Every producer's file of every input (and mutool's rewrites of the corpus PDFs, inputs `pdf:NAME`).
 * `dir`: keep the files there (else a temporary directory, removed afterwards). Also `{ ms }`.
 */
export async function producerForms(engine = loadEngine(), options = {}) {
  const { dir, only, producers = PRODUCERS.map((p) => p.producer) } = options;
  const tools = producerTools();
  const t0 = performance.now();
  const work = dir ?? mkdtempSync(join(tmpdir(), 'xxgk-producers-'));
  mkdirSync(work, { recursive: true });
  const inputs = producerInputs(engine, { only });
  const wanted = PRODUCERS.filter((p) => producers.includes(p.producer));
  const out = /** @type {ProducerFile[] & { ms: number }} */ (Object.assign([], { ms: 0 }));
  const missing = (p) =>
    p.tool
      .split('+')
      .map((t) => tools[t].why)
      .find(Boolean);
  const put = (input, producer, original, bytes) => {
    const p = PRODUCERS.find((x) => x.producer === producer);
    if (!wanted.includes(p)) return;
    if (!bytes) {
      out.push({ input, producer, ext: p.ext, original, skipped: `${p.tool} wrote nothing` });
      return;
    }
    const b = new Uint8Array(bytes);
    if (dir) writeFileSync(join(work, `${input}.${producer}.${p.ext}`), b);
    out.push({ input, producer, ext: p.ext, original, bytes: b });
  };
  const read = (path) => (path && existsSync(path) ? readFileSync(path) : undefined);
  const want = (...names) => names.some((n) => wanted.some((p) => p.producer === n && !missing(p)));
  try {
    const src = join(work, 'src');
    mkdirSync(src, { recursive: true });
    const htmlPaths = inputs.map((i) => {
      const path = join(src, `${i.input}.html`);
      writeFileSync(path, i.html);
      return path;
    });
    // pandoc
    const odts = [];
    const html5s = [];
    if (!tools.pandoc.why) {
      inputs.forEach((i, k) => {
        // images left out: pandoc fetches every one, and the page's are not here
        const page = Buffer.from(
          Buffer.from(i.html)
            .toString('utf8')
            .replace(/<img\b[^>]*>/gi, ''),
          'utf8',
        );
        const pd = (args, input = page) => run(tools.pandoc.path, ['-f', 'html', ...args], { input });
        if (want('pandoc-docx')) put(i.input, 'pandoc-docx', i.original, pd(['-t', 'docx', '-o', '-']));
        const html5 = pd(['-s', '-t', 'html5', '--metadata', 'title=report']);
        html5s.push(join(src, `${i.input}.html5.html`));
        writeFileSync(html5s[k], html5);
        put(i.input, 'pandoc-html5', i.original, html5);
        if (want('pandoc-md-html')) {
          const md = pd(['-t', 'markdown']);
          put(
            i.input,
            'pandoc-md-html',
            i.original,
            run(tools.pandoc.path, ['-f', 'markdown', '-s', '-t', 'html5', '--metadata', 'title=report'], { input: md }),
          );
        }
        const odt = join(src, `${i.input}.pandoc.odt`);
        if (want('pandoc-odt-docx', 'pandoc-odt-doc', 'pandoc-odt-pdf')) {
          run(tools.pandoc.path, ['-f', 'html', '-t', 'odt', '-o', odt], { input: page });
          odts.push(odt);
        }
      });
    }
    // LibreOffice: one run per target
    const lo = !tools.soffice.why;
    let loDocx = [];
    let loPdf = [];
    if (lo) {
      loDocx = soffice(tools, work, htmlPaths, 'docx:MS Word 2007 XML', 'docx', 'HTML (StarWriter)');
      inputs.forEach((i, k) => put(i.input, 'lo-word2007', i.original, read(loDocx[k])));
      if (want('lo-ooxml')) {
        const ooxml = soffice(tools, work, htmlPaths, 'docx:Office Open XML Text', 'docx', 'HTML (StarWriter)');
        inputs.forEach((i, k) => put(i.input, 'lo-ooxml', i.original, read(ooxml[k])));
      }
      if (want('lo-doc97')) {
        const doc = soffice(tools, work, htmlPaths, 'doc:MS Word 97', 'doc', 'HTML (StarWriter)');
        inputs.forEach((i, k) => put(i.input, 'lo-doc97', i.original, read(doc[k])));
      }
      // PDFs: from the .docx LibreOffice wrote (a PDF of a Writer document, not of Writer/Web)
      const docxIn = loDocx.filter(Boolean);
      const pdfOf = (opts) => {
        const made = soffice(tools, work, docxIn, opts, 'pdf');
        return loDocx.map((d) => (d ? made[docxIn.indexOf(d)] : undefined));
      };
      loPdf = pdfOf('pdf:writer_pdf_Export');
      inputs.forEach((i, k) => put(i.input, 'lo-pdf', i.original, read(loPdf[k])));
      if (want('lo-pdf-tagged')) {
        const tagged = pdfOf(PDF_EXPORT({ UseTaggedPDF: { type: 'boolean', value: 'true' } }));
        inputs.forEach((i, k) => put(i.input, 'lo-pdf-tagged', i.original, read(tagged[k])));
      }
      if (want('lo-pdf-a2')) {
        const a2 = pdfOf(PDF_EXPORT({ SelectPdfVersion: { type: 'long', value: '2' } }));
        inputs.forEach((i, k) => put(i.input, 'lo-pdf-a2', i.original, read(a2[k])));
      }
      if (want('lo-rtf-docx')) {
        const rtf = soffice(tools, work, docxIn, 'rtf', 'rtf');
        const back = soffice(tools, work, rtf.filter(Boolean), 'docx:MS Word 2007 XML', 'docx');
        inputs.forEach((i, k) => {
          const r = loDocx[k] && rtf[docxIn.indexOf(loDocx[k])];
          put(i.input, 'lo-rtf-docx', i.original, read(r && back[rtf.filter(Boolean).indexOf(r)]));
        });
      }
      if (odts.length) {
        for (const [producer, target, ext] of [
          ['pandoc-odt-docx', 'docx:MS Word 2007 XML', 'docx'],
          ['pandoc-odt-doc', 'doc:MS Word 97', 'doc'],
          ['pandoc-odt-pdf', 'pdf:writer_pdf_Export', 'pdf'],
        ]) {
          if (!want(producer)) continue;
          const made = soffice(tools, work, odts, target, ext);
          inputs.forEach((i, k) => put(i.input, producer, i.original, read(made[k])));
        }
      }
      if (!tools.pandoc.why && want('pandoc-rt'))
        inputs.forEach((i, k) => {
          if (loDocx[k]) put(i.input, 'pandoc-rt', i.original, run(tools.pandoc.path, ['-f', 'docx', '-t', 'docx', '-o', '-', loDocx[k]]));
        });
      for (const [producer, edit] of Object.entries(XML_EDITS))
        if (want(producer)) inputs.forEach((i, k) => loDocx[k] && put(i.input, producer, i.original, editDocument(read(loDocx[k]), edit)));
      if (want('zip-descriptor'))
        inputs.forEach((i, k) => loDocx[k] && put(i.input, 'zip-descriptor', i.original, withDataDescriptors(read(loDocx[k]))));
    }
    // mutool: of LibreOffice's PDFs and of the corpus PDFs (their originals: the corpus reports of the same name)
    if (!tools.mutool.why) {
      const pdfs = inputs.map((i, k) => ({ input: i.input, original: i.original, path: loPdf[k] })).filter((x) => x.path);
      for (const name of ['hongze-2023', 'hongze-2024']) {
        const path = join(PDF_DIR, `${name}.pdf`);
        if (existsSync(path))
          pdfs.push({ input: `corpus-pdf-${name}`, original: join(ROOT, 'test', 'fixtures', 'corpus', `${name}.txt`), path });
      }
      for (const [producer, args] of [
        ['mutool-convert', ['convert', '-F', 'pdf', '-o']],
        ['mutool-clean-d', ['clean', '-d']],
        ['mutool-clean-g', ['clean', '-gggg']],
      ]) {
        if (!want(producer)) continue;
        for (const p of pdfs) {
          const o = join(src, `${p.input}.${producer}.pdf`);
          run(tools.mutool.path, args[0] === 'convert' ? [...args, o, p.path] : [...args, p.path, o]);
          put(p.input, producer, p.original, read(o));
        }
      }
    }
    // Chromium: pandoc's HTML5 printed
    if (!tools.chromium.why && html5s.length && want('chromium-html5')) {
      const { chromium } = require('playwright-core');
      const browser = await chromium.launch({ executablePath: tools.chromium.path, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
      try {
        const page = await browser.newPage();
        for (const [k, i] of inputs.entries()) {
          await page.goto(pathToFileURL(html5s[k]).href, { waitUntil: 'load' });
          put(i.input, 'chromium-html5', i.original, await page.pdf({ format: 'A4', printBackground: true }));
        }
      } finally {
        await browser.close();
      }
    }
    // what a missing tool kept from being made
    for (const p of wanted) {
      const why = missing(p);
      if (why) for (const i of inputs) out.push({ input: i.input, producer: p.producer, ext: p.ext, original: i.original, skipped: why });
    }
  } finally {
    if (!dir) rmSync(work, { recursive: true, force: true });
    else rmSync(join(work, 'profile'), { recursive: true, force: true });
  }
  out.ms = performance.now() - t0;
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/producer-forms.mjs <dir>   (a directory outside the repository, e.g. under /tmp)');
    process.exit(2);
  }
  const engine = loadEngine();
  const { readFileBytes } = require(join(ROOT, 'server', 'out', 'readers', 'files.js'));
  const { measure, score } = await import('./forms-lib.mjs');
  const made = await producerForms(engine, { dir });
  console.log(`producer-forms: made in ${Math.round(made.ms)} ms`);
  const originals = new Map();
  for (const f of made) {
    if (f.skipped) {
      console.log(`${f.input}\t${f.producer}\tskipped: ${f.skipped}`);
      continue;
    }
    if (!originals.has(f.original)) {
      const o = await readFileBytes(f.original, new Uint8Array(readFileSync(f.original)));
      originals.set(f.original, engine.analyse(o.doc.text));
    }
    const o = originals.get(f.original);
    const r = await readFileBytes(`x.${f.ext}`, f.bytes);
    const a = engine.analyse(r.doc.text);
    const c = measure(engine, o, a, f.producer);
    const ids = (x) =>
      x.findings
        .filter((y) => y.severity === 'error')
        .map((y) => y.id)
        .sort()
        .join();
    console.log(
      `${f.input}\t${f.producer}\t${score(c)}${ids(a) === ids(o) ? '' : '\terror ids differ'}${r.doc.problems.length ? `\tproblems: ${r.doc.problems.map((p) => p.code).join('; ')}` : ''}`,
    );
  }
}
