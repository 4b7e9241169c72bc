#!/usr/bin/env node
// Makes PDF forms of every report fixture, at test time, into a temporary
// directory (never into the repository): the web pages scripts/html-forms.mjs
// makes, printed to PDF by Chromium (/usr/bin/chromium driven by
// playwright-core), as a person publishing a report from a browser does.
// Chromium's PDFs are unlike WPS's: CID fonts with subset glyphs (with a font
// such as Noto CJK, Kangxi and radical look-alikes for some ideographs),
// borders as filled rectangles or not at all, its own page header and footer.
// XXGK_CHROMIUM names another Chromium executable.
//
// Each variant is one page printed once:
// - `pdf-word`: the Word page (GBK) as it is: Word's CSS border on every cell, A4.
// - `pdf-cms-header`: the CMS page (site chrome, border="1" tables, separate
//   borders), A4, with Chromium's header and footer (date, title, URL, page x/y).
// - `pdf-omitted-css`: the end-tag-less page with a CSS border on every td/th
//   (collapsed), A4.
// - `pdf-omitted-noborder`: the same page with no border at all: cells only by
//   their gaps and columns.
// - `pdf-word-small`: the Word page on A5 with a larger font: the 三 table
//   breaks across pages (rows cut by the page break, the header not repeated).
// - `pdf-cms-noborder-small`: the CMS page with no border on A5, with the
//   header and footer: borderless tables across pages, labels wrapped over
//   several lines with their numbers centred between them.
// - `pdf-omitted-tight`: no border and no cell padding on A5: rows are one
//   line pitch apart, so no reader can tell which row a wrapped label's line
//   belongs to. `honest`: the test asks only that nothing is read wrong (rows
//   it cannot put together are reported, never given wrong numbers).
// - `pdf-omitted-narrow`: the `pdf-omitted-css` page with every row's first
//   cell 2.5 em wide: labels wrapped onto three or more lines, and the merged
//   三、本年度办理结果 label cut by the page break beside a row it is not in.
// - `pdf-vertical-rl`, `pdf-sideways`, `pdf-vertical-br`: the `pdf-omitted-css` page
//   with the group labels (三、本年度办理结果, （三）（四）（五）, 申请人情况,
//   法人或其他组织) set vertically, as published PDFs often have them: in
//   `writing-mode: vertical-rl` (upright glyphs one below the other, vertical
//   forms for brackets, the longer labels running over their cell's foot), in
//   `sideways-lr` (the label drawn with a rotated matrix) — these two also on
//   every other rowspan cell (自然人, 总计, 结果维持 …) — or one character per
//   line (`<br>` between the characters, as Word users do).
// - `pdf-omitted-radicals`: the `pdf-omitted-css` PDF with the text layer a
//   radical-sharing CJK font gives (see LOOK_ALIKES); not printed again.
//
//   node scripts/pdf-forms.mjs <dir>    write every PDF into <dir> (after npm run build)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { deflateSync, inflateSync } from 'node:zlib';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { htmlForms } from './html-forms.mjs';
import { loadEngine } from './forms-lib.mjs';

const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.XXGK_CHROMIUM ?? '/usr/bin/chromium';

const NO_BORDER = '<style>table,tr,td,th{border:none!important;border-width:0!important;mso-border-alt:none!important}</style>';
const CSS_BORDER = '<style>table{border-collapse:collapse}td,th{border:1px solid #000;padding:2px 4px}</style>';
const BIG = '<style>body,p,td,th{font-size:15pt!important;line-height:1.4}</style>';

/**
 * The group labels published PDFs often set vertically: the merged 三、本年度办理结果, （三）（四）（五）（六） group cells and
 * the 申请人情况 / 法人或其他组织 header cells, as the end-tag-less page writes them (`<td rowspan=8>（三）不予公开`).
 */
const GROUP_LABEL =
  /(<td\b[^>]*)>(\s*(?:三、本年度办理结果|[（(]\s*[三四五六]\s*[）)]\s*(?:不予公开|无法提供|不予处理|其他处理)|申请人情况|法人或其他组织))(?=\s*<)/g;
/** （六）其他处理 is a group only where it spans rows (2019: 行政机关 / 其他); elsewhere it is a row's own label. */
const isGroup = (td, label) => !/六/.test(label) || /rowspan/.test(td);
/** `edit` on a UTF-8 page's text (withCss hands pages over byte for byte as latin1). */
const utf8Page = (edit) => (s) => Buffer.from(edit(Buffer.from(s, 'latin1').toString('utf8')), 'utf8').toString('latin1');
/** Every group label's cell given `class` (the page writes no class on them). */
const groupClass = (cls) =>
  utf8Page((s) => s.replace(GROUP_LABEL, (all, td, label) => (isGroup(td, label) ? `${td} class=${cls}>${label}` : all)));
/** Every group label written one character per line, as Word users do (a `<br>` between its characters). */
const groupBr = utf8Page((s) =>
  s.replace(GROUP_LABEL, (all, td, label) => (isGroup(td, label) ? `${td}>${[...label.replace(/\s+/g, '')].join('<br>')}` : all)),
);

/**
 * Browser-printed PDFs name some glyphs by the Kangxi radical or CJK radical look-alike that shares the glyph in the
 * font (with Noto Sans CJK: ⼀ for 一, ⺠ for 民). The CJK font installed here (WenQuanYi) has no such glyphs, so the
 * `pdf-omitted-radicals` form is the `pdf-omitted-css` PDF with its fonts' ToUnicode maps rewritten as such a PDF has
 * them: every ideograph a Kangxi radical normalises to (NFKC), and the radical-supplement look-alikes of simplified
 * ideographs, named by the look-alike. Same glyphs, same layout; only the text layer changes.
 */
const SUPPLEMENT = '⺠民⻓长⻅见⻔门⻋车⻢马⻛风⻜飞⻩黄⻚页⻘青⻝食⻰龙⻉贝⻆角⻨麦⻬齐⻦鸟⻥鱼⻄西⻊足';
export const LOOK_ALIKES = (() => {
  const map = new Map();
  for (let cp = 0x2f00; cp <= 0x2fd5; cp++) {
    const ch = String.fromCodePoint(cp);
    const to = ch.normalize('NFKC');
    if (to !== ch && !map.has(to)) map.set(to, ch);
  }
  for (let i = 0; i < SUPPLEMENT.length; i += 2) map.set(SUPPLEMENT[i + 1], SUPPLEMENT[i]);
  return map;
})();

const hex4 = (n) => n.toString(16).toUpperCase().padStart(4, '0');

/** A ToUnicode CMap with every mapping to an ideograph in `map` mapped to its look-alike; ranges written out as single codes. */
function lookAlikeCMap(cmap, map) {
  const pairs = [];
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) pairs.push([parseInt(m[1], 16), m[2]]);
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]{4})>/g)) {
      const lo = parseInt(m[1], 16),
        hi = parseInt(m[2], 16),
        u = parseInt(m[3], 16);
      for (let c = lo; c <= hi; c++) pairs.push([c, hex4(u + c - lo)]);
    }
    if (/\[/.test(block[1])) throw new Error('pdf-forms: a bfrange with an array is not expected in a Chromium ToUnicode map');
  }
  let changed = 0;
  const out = pairs.map(([code, dst]) => {
    const ch = dst.length === 4 ? String.fromCharCode(parseInt(dst, 16)) : undefined;
    const to = ch && map.get(ch);
    if (!to) return `<${hex4(code)}> <${dst}>`;
    changed++;
    return `<${hex4(code)}> <${[...to]
      .map((c) => c.codePointAt(0))
      .map((cp) => (cp > 0xffff ? hex4(0xd800 + ((cp - 0x10000) >> 10)) + hex4(0xdc00 + ((cp - 0x10000) & 0x3ff)) : hex4(cp)))
      .join('')}>`;
  });
  let body = '';
  for (let i = 0; i < out.length; i += 100)
    body += `${Math.min(100, out.length - i)} beginbfchar\n${out.slice(i, i + 100).join('\n')}\nendbfchar\n`;
  const start = cmap.search(/\d+\s+begin(bfchar|bfrange)/);
  const end = cmap.lastIndexOf('endcmap');
  return { text: cmap.slice(0, start) + body + cmap.slice(end), changed };
}

/**
 * A PDF with its ToUnicode streams rewritten by `edit` (text → text), written again object by object with a new
 * cross-reference table. Handles the classic-xref, direct-/Length files Chromium (Skia) writes; throws on others.
 */
export function rewriteToUnicode(bytes, edit) {
  const s = Buffer.from(bytes).toString('latin1');
  const targets = new Set([...s.matchAll(/\/ToUnicode (\d+) 0 R/g)].map((m) => Number(m[1])));
  const first = s.search(/\d+ 0 obj\r?\n/);
  let pos = first;
  const objects = [];
  const objRe = /(\d+) 0 obj\r?\n/y;
  for (;;) {
    objRe.lastIndex = pos;
    const m = objRe.exec(s);
    if (!m) break;
    const num = Number(m[1]);
    let end = s.indexOf('endobj', pos);
    const st = s.indexOf('stream', pos);
    let text = s.slice(pos, end + 6);
    if (st >= 0 && st < end) {
      const dict = s.slice(pos, st);
      const len = /\/Length (\d+)/.exec(dict);
      if (!len) throw new Error(`pdf-forms: object ${num} has no direct /Length`);
      const dataStart = st + 6 + (s[st + 6] === '\r' ? 2 : 1);
      const dataEnd = dataStart + Number(len[1]);
      end = s.indexOf('endobj', dataEnd);
      text = s.slice(pos, end + 6);
      if (targets.has(num)) {
        if (!/\/FlateDecode/.test(dict)) throw new Error(`pdf-forms: ToUnicode ${num} is not FlateDecode`);
        const cmap = inflateSync(Buffer.from(s.slice(dataStart, dataEnd), 'latin1')).toString('latin1');
        const data = deflateSync(Buffer.from(edit(cmap), 'latin1')).toString('latin1');
        text = `${num} 0 obj\n<</Filter /FlateDecode\n/Length ${data.length}>> stream\n${data}\nendstream\nendobj`;
      }
    }
    objects.push({ num, text });
    pos = end + 6;
    while (s[pos] === '\n' || s[pos] === '\r') pos++;
  }
  const trailer = /trailer\s*(<<[\s\S]*?>>)\s*startxref/.exec(s.slice(pos));
  if (!trailer || objects.length === 0) throw new Error('pdf-forms: not a classic-xref PDF');
  let out = s.slice(0, first);
  const offsets = new Map();
  for (const o of objects) {
    offsets.set(o.num, out.length);
    out += `${o.text}\n`;
  }
  const size = Math.max(...objects.map((o) => o.num)) + 1;
  const xref = out.length;
  out += `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++) out += offsets.has(n) ? `${String(offsets.get(n)).padStart(10, '0')} 00000 n \n` : '0000000000 65535 f \n';
  out += `trailer\n${trailer[1]}\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** The PDF as a browser with a radical-sharing CJK font prints it: look-alikes in the text layer. */
export function withLookAlikes(bytes) {
  let changed = 0;
  const out = rewriteToUnicode(bytes, (cmap) => {
    const r = lookAlikeCMap(cmap, LOOK_ALIKES);
    changed += r.changed;
    return r.text;
  });
  if (changed === 0) throw new Error('pdf-forms: no ideograph with a look-alike in the ToUnicode maps');
  return out;
}

/**
 * The variants: which web page (`from`), what is put into it (`css`, `html`), how it is printed (`pdf`: Playwright's
 * page.pdf options), or which variant's PDF it is made from (`derive`). `borders: false`: no table rule is drawn;
 * `crossesPages`: the 三 table starts and ends on different pages; `honest`: see pdf-omitted-tight; `labels`: how the group
 * labels are drawn (`rotated`: one item with a rotated matrix; `glyphs`: one item per character, stacked).
 */
export const PDF_VARIANTS = [
  { form: 'pdf-word', from: 'html-word', what: "Word's web page (GBK), Word's CSS cell borders, A4", pdf: { format: 'A4' } },
  {
    form: 'pdf-cms-header',
    from: 'html-cms',
    what: 'CMS page with site chrome and border="1" tables, A4, Chromium header and footer (date, title, URL, page x/y)',
    pdf: { format: 'A4', displayHeaderFooter: true, margin: { top: '1.5cm', bottom: '1.5cm', left: '1cm', right: '1cm' } },
  },
  {
    form: 'pdf-omitted-css',
    from: 'html-omitted',
    what: 'end-tag-less page, a CSS border on every td/th (collapsed), A4',
    css: CSS_BORDER,
    pdf: { format: 'A4' },
  },
  {
    form: 'pdf-omitted-noborder',
    from: 'html-omitted',
    what: 'end-tag-less page with no borders at all (cells by gaps and columns), A4',
    borders: false,
    css: NO_BORDER,
    html: (s) => s.replace(/<table border=1>/g, '<table>'),
    pdf: { format: 'A4' },
  },
  {
    form: 'pdf-word-small',
    from: 'html-word',
    what: "Word's web page on A5 with a 15 pt font: the 三 table breaks across pages",
    crossesPages: true,
    css: BIG,
    pdf: { format: 'A5' },
  },
  {
    form: 'pdf-cms-noborder-small',
    from: 'html-cms',
    what: 'CMS page without borders on A5 with a 13 pt font and Chromium header and footer: borderless tables across pages',
    borders: false,
    crossesPages: true,
    css: NO_BORDER + '<style>body,p,td,th{font-size:13pt!important}</style>',
    html: (s) => s.replace(/ border="1"/g, ''),
    pdf: { format: 'A5', displayHeaderFooter: true, margin: { top: '1.2cm', bottom: '1.2cm', left: '0.8cm', right: '0.8cm' } },
  },
  {
    form: 'pdf-omitted-tight',
    from: 'html-omitted',
    what: 'end-tag-less page without borders or cell padding on A5: rows one line pitch apart, so a wrapped label cannot be given to its row',
    honest: true,
    borders: false,
    css: '<style>table,tr,td,th{border:none!important}table{border-collapse:collapse;border-spacing:0}td,th{padding:0!important;font-size:13px!important;line-height:16px!important}</style>',
    html: (s) => s.replace(/<table border=1>/g, '<table>'),
    pdf: { format: 'A5' },
  },
  {
    form: 'pdf-omitted-narrow',
    from: 'html-omitted',
    what: 'end-tag-less page, a CSS border on every cell, every first cell 2.5 em wide, A4: labels over three or more lines, the 三 table across pages',
    crossesPages: true,
    css: CSS_BORDER + '<style>td{word-break:break-all}td:first-child{width:2.5em;max-width:2.5em}</style>',
    pdf: { format: 'A4' },
  },
  {
    form: 'pdf-vertical-rl',
    from: 'html-omitted',
    what: 'the pdf-omitted-css page with the group labels (三、本年度办理结果, （三）（四）（五）, 申请人情况) and every rowspan cell in writing-mode: vertical-rl, A4',
    labels: 'glyphs',
    css: CSS_BORDER + '<style>td.vg,td[rowspan]{writing-mode:vertical-rl}</style>',
    html: groupClass('vg'),
    pdf: { format: 'A4' },
  },
  {
    form: 'pdf-sideways',
    from: 'html-omitted',
    what: 'the pdf-omitted-css page with the group labels and every rowspan cell in writing-mode: sideways-lr (text drawn rotated), A4',
    labels: 'rotated',
    css: CSS_BORDER + '<style>td.vg,td[rowspan]{writing-mode:sideways-lr}</style>',
    html: groupClass('vg'),
    pdf: { format: 'A4' },
  },
  {
    form: 'pdf-vertical-br',
    from: 'html-omitted',
    what: 'the pdf-omitted-css page with the group labels one character per line (<br> between the characters), A4',
    labels: 'glyphs',
    css: CSS_BORDER,
    html: groupBr,
    pdf: { format: 'A4' },
  },
  {
    form: 'pdf-omitted-radicals',
    from: 'pdf-omitted-css',
    what: 'the pdf-omitted-css PDF with the text layer a radical-sharing CJK font gives: Kangxi radicals and look-alikes (⼀ for 一, ⺠ for 民)',
    derive: withLookAlikes,
  },
];

/** Whether PDFs can be made here: the Chromium executable and playwright-core. */
export function pdfFormsAvailable() {
  if (!existsSync(CHROMIUM))
    return { available: false, why: `${CHROMIUM} is absent (Debian: apt-get install chromium; scripts/setup-tools.sh installs it)` };
  try {
    require.resolve('playwright-core');
  } catch {
    return { available: false, why: 'playwright-core is not installed (npm ci)' };
  }
  // Without a CJK font Chromium prints the Chinese text as empty boxes.
  try {
    if (!execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()) {
      return {
        available: false,
        why: 'no CJK font is installed (fc-list :lang=zh is empty; scripts/setup-tools.sh installs fonts-wqy-microhei)',
      };
    }
  } catch {
    // no fontconfig tools: let Chromium try
  }
  return { available: true };
}

/** Puts `css` into a page's <head> (or its start); bytes stay in the page's own encoding (CSS is ASCII). */
function withCss(bytes, variant) {
  if (!variant.css && !variant.html) return bytes;
  let s = bytes.toString('latin1'); // byte-preserving for GBK and UTF-8 alike: only ASCII is touched
  if (variant.html) s = variant.html(s);
  if (variant.css)
    s = /<\/head>/i.test(s)
      ? s.replace(/<\/head>/i, `${variant.css}</head>`)
      : /<title>/i.test(s)
        ? s.replace(/<title>/i, `${variant.css}<title>`)
        : variant.css + s;
  return Buffer.from(s, 'latin1');
}

/**
 * Every PDF form of every report: `{ report, form, original, bytes, ms }` (ms: printing time).
 * `dir`: where the pages and PDFs are written (a new temporary directory, removed afterwards, when absent).
 */
export async function pdfForms(engine = loadEngine(), { dir, reports, variants = PDF_VARIANTS } = {}) {
  const { chromium } = require('playwright-core');
  const work = dir ?? mkdtempSync(join(tmpdir(), 'xxgk-pdf-forms-'));
  mkdirSync(work, { recursive: true });
  const pages = htmlForms(engine).filter((p) => !reports || reports.includes(p.report));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const out = [];
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const v of variants) {
      if (v.derive) {
        // made from another variant's PDF, not printed again
        for (const p of out.filter((x) => x.form === v.from)) {
          const t0 = performance.now();
          const bytes = v.derive(p.bytes);
          if (dir) writeFileSync(join(work, `${p.report}.${v.form}.pdf`), bytes);
          out.push({ report: p.report, form: v.form, original: p.original, bytes, ms: performance.now() - t0 });
        }
        continue;
      }
      for (const p of pages.filter((x) => x.form === v.from)) {
        const name = `${p.report}.${v.form}`;
        const html = join(work, `${name}.html`);
        writeFileSync(html, withCss(p.bytes, v));
        const t0 = performance.now();
        await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
        const bytes = await page.pdf(v.pdf);
        const ms = performance.now() - t0;
        if (dir) writeFileSync(join(work, `${name}.pdf`), bytes);
        out.push({ report: p.report, form: v.form, original: p.original, bytes: new Uint8Array(bytes), ms });
      }
    }
  } finally {
    await browser.close();
    if (!dir) rmSync(work, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/pdf-forms.mjs <dir>   (a directory outside the repository, e.g. under /tmp)');
    process.exit(2);
  }
  const ok = pdfFormsAvailable();
  if (!ok.available) {
    console.error(`pdf-forms: ${ok.why}`);
    process.exit(1);
  }
  for (const f of await pdfForms(loadEngine(), { dir }))
    console.log(`${f.report}.${f.form}.pdf ${f.bytes.length} bytes, printed in ${Math.round(f.ms)} ms`);
}
