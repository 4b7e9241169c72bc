#!/usr/bin/env node
// Makes web-page forms of every report fixture, at test time, in memory or
// into a directory (never into the repository). The tables come from the
// engine's reading of the original text (scripts/docx-forms.mjs `structure`),
// laid out as the official form merges them (rowspan/colspan); the prose is
// the original's lines.
//
// - `word`: Word's "save as web page": MsoNormal paragraphs, every label split
//   over several <span>s, <o:p></o:p> and &nbsp; in empty cells, mso- styles,
//   conditional comments, declared gb2312 and encoded in GBK.
// - `cms`: a CMS page: site navigation, 当前位置, the site's own metadata table
//   (标题/发布机构/发布日期), the report in an article <div>, a footer; <th>
//   header cells, &nbsp; entities.
// - `omitted`: valid HTML with the optional end tags left out (</p>, </td>,
//   </tr>, </tbody>) and unquoted attributes.
//
//   node scripts/html-forms.mjs <dir>    write every form into <dir> (after npm run build)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { structure } from './docx-forms.mjs';
import { loadEngine, reports, writeFormsCli } from './forms-lib.mjs';

const require = createRequire(import.meta.url);
const iconv = require('iconv-lite');

export const HTML_FORMS = ['word', 'cms', 'omitted'];

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The writer of one flavour: how a paragraph, a cell and a row are written. */
function flavour(kind) {
  if (kind === 'word') {
    // Word splits text into runs wherever its formatting state changes: a label in three spans.
    const spans = (s) => {
      if (s === '') return '<span lang=EN-US style=\'font-family:"Times New Roman"\'><o:p>&nbsp;</o:p></span>';
      const a = Math.ceil(s.length / 3);
      const parts = [s.slice(0, a), s.slice(a, 2 * a), s.slice(2 * a)].filter(Boolean);
      return parts
        .map(
          (p, i) => `<span style='font-family:${i % 2 ? '仿宋_GB2312' : '"Times New Roman"'};mso-bidi-font-family:宋体'>${esc(p)}</span>`,
        )
        .join('');
    };
    return {
      p: (s, cls = 'MsoNormal') =>
        `<p class=${cls} style='text-indent:32.0pt;mso-char-indent-count:2.0'>${spans(s)}<span lang=EN-US><o:p></o:p></span></p>\n`,
      td: (s, { rowspan = 1, colspan = 1, header = false } = {}) =>
        `<td width=${header ? 120 : 46}${colspan > 1 ? ` colspan=${colspan}` : ''}${rowspan > 1 ? ` rowspan=${rowspan}` : ''} valign=top style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>\n  <p class=MsoNormal align=center style='text-align:center'>${spans(s)}</p>\n  </td>`,
      tr: (cells) => `<tr style='mso-yfti-irow:0'>\n  ${cells.join('\n  ')}\n </tr>\n`,
      table: (rows) =>
        `<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt'>\n${rows.join('')}</table>\n`,
      page: (title, body) =>
        `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">\n<head>\n<meta http-equiv=Content-Type content="text/html; charset=gb2312">\n<meta name=Generator content="Microsoft Word 15 (filtered)">\n<title>${esc(title)}</title>\n<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->\n<style>\n<!-- p.MsoNormal {margin:0cm; font-size:16.0pt; font-family:仿宋_GB2312;} -->\n</style>\n</head>\n<body lang=ZH-CN style='tab-interval:21.0pt'>\n<div class=WordSection1 style='layout-grid:15.6pt'>\n${body}</div>\n</body>\n</html>\n`,
      encode: (html) => iconv.encode(html, 'gbk'),
    };
  }
  if (kind === 'cms') {
    return {
      p: (s) => `<p style="text-indent: 2em;">${esc(s).replace(/ /g, '&nbsp;')}</p>\n`,
      td: (s, { rowspan = 1, colspan = 1, header = false } = {}) => {
        const tag = header ? 'th' : 'td';
        return `<${tag}${colspan > 1 ? ` colspan="${colspan}"` : ''}${rowspan > 1 ? ` rowspan="${rowspan}"` : ''}>${s === '' ? '&nbsp;' : esc(s)}</${tag}>`;
      },
      tr: (cells) => `<tr>${cells.join('')}</tr>\n`,
      table: (rows) => `<table border="1" cellspacing="0" style="width:100%"><tbody>\n${rows.join('')}</tbody></table>\n`,
      page: (title, body) =>
        `<!DOCTYPE html>\n<html lang="zh-CN">\n<head><meta charset="utf-8"><title>${esc(title)}_某某市人民政府门户网站</title><script>var _hmt = _hmt || [];</script></head>\n<body>\n<div class="nav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/hdjl/">互动交流</a></div>\n<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>\n<table class="meta"><tr><td>标　　题：</td><td>${esc(title)}</td><td>发布机构：</td><td>办公室</td></tr><tr><td>发布日期：</td><td>2024-01-20</td><td>索 引 号：</td><td>000000000/2024-00001</td></tr></table>\n<div class="article">\n<h1>${esc(title)}</h1>\n${body}</div>\n<div class="footer">主办：某某市人民政府办公室　网站标识码：0000000000　<a href="#">附件下载</a></div>\n</body>\n</html>\n`,
      encode: (html) => Buffer.from(html, 'utf8'),
    };
  }
  // omitted: every optional end tag left out, attributes unquoted
  return {
    p: (s) => `<p>${esc(s)}\n`,
    td: (s, { rowspan = 1, colspan = 1 } = {}) =>
      `<td${colspan > 1 ? ` colspan=${colspan}` : ''}${rowspan > 1 ? ` rowspan=${rowspan}` : ''}>${esc(s)}`,
    tr: (cells) => `<tr>${cells.join('')}\n`,
    table: (rows) => `<table border=1><tbody>\n${rows.join('')}</table>\n`,
    page: (title, body) => `<!doctype html>\n<meta charset=utf-8>\n<title>${esc(title)}</title>\n${body}`,
    encode: (html) => Buffer.from(html, 'utf8'),
  };
}

/** Section 二: its four small tables as one grid, each with its caption row and header row. */
function s2Table(f, list) {
  const grid = 1 + Math.max(...list.map((t) => t.tpl.columns.length));
  const rows = [];
  for (const t of list) {
    const n = t.tpl.columns.length;
    const spanOf = (j) => (j === n - 1 ? grid - n : 1);
    rows.push(f.tr([f.td(t.caption, { colspan: grid, header: true })]));
    rows.push(
      f.tr([f.td('信息内容', { header: true }), ...t.tpl.columns.map((c, j) => f.td(c.label, { colspan: spanOf(j), header: true }))]),
    );
    for (const r of t.rows) {
      const label = r.label ?? t.tpl.rows.find((x) => x.key === r.key)?.label ?? r.key;
      rows.push(f.tr([f.td(label), ...r.cells.map((c, j) => f.td(c, { colspan: spanOf(j) }))]));
    }
  }
  return f.table(rows);
}

/** Section 三 as the official form: the 三、本年度办理结果 column and each group label merged down their rows. */
function s3Table(f, t) {
  const cols = t.tpl.columns;
  const head = [
    f.tr([
      f.td(t.tpl.headerLabels[0], { colspan: 3, rowspan: 3, header: true }),
      f.td('申请人情况', { colspan: cols.length, header: true }),
    ]),
    f.tr([
      f.td(cols[0].label, { rowspan: 2, header: true }),
      f.td(cols[1].group, { colspan: cols.length - 2, header: true }),
      f.td(cols[cols.length - 1].label, { rowspan: 2, header: true }),
    ]),
    f.tr(cols.slice(1, -1).map((c) => f.td(c.label, { header: true }))),
  ];
  const tplRow = (key) => t.tpl.rows.find((r) => r.key === key);
  const inR3 = t.rows.filter((r) => tplRow(r.key)?.parent);
  const rows = [];
  let r3Started = false;
  let group;
  for (const r of t.rows) {
    const def = tplRow(r.key);
    const label = r.label ?? def?.label ?? r.key;
    const values = r.cells.map((c) => f.td(c));
    const parent = def?.parent;
    if (!parent) {
      rows.push(f.tr([f.td(label, { colspan: 3 }), ...values]));
      continue;
    }
    const cells = [];
    if (!r3Started) {
      r3Started = true;
      cells.push(f.td(t.groups.R3 ? t.groups.R3.replace(/\s+/g, '') : '三、本年度办理结果', { rowspan: inR3.length }));
    }
    if (parent === 'R3') {
      group = undefined;
      cells.push(f.td(label, { colspan: 2 }));
    } else {
      if (group !== parent) {
        group = parent;
        const children = t.rows.filter((x) => tplRow(x.key)?.parent === parent).length;
        cells.push(f.td(t.groups[parent] ?? tplRow(parent)?.label ?? '', { rowspan: children }));
      }
      cells.push(f.td(label));
    }
    rows.push(f.tr([...cells, ...values]));
  }
  return f.table([...head, ...rows]);
}

/** Section 四: 行政复议 and 行政诉讼 headers over the one data row. */
function s4Table(f, t) {
  const cols = t.tpl.columns;
  const fy = cols.filter((c) => c.group === '行政复议');
  const rest = cols.filter((c) => c.group !== '行政复议');
  const groups = [...new Set(rest.map((c) => c.group))];
  const head = [
    f.tr([f.td('行政复议', { colspan: fy.length, header: true }), f.td('行政诉讼', { colspan: rest.length, header: true })]),
    f.tr([
      ...fy.map((c) => f.td(c.label, { rowspan: 2, header: true })),
      ...groups.map((g) => f.td(g, { colspan: rest.filter((c) => c.group === g).length, header: true })),
    ]),
    f.tr(rest.map((c) => f.td(c.label, { header: true }))),
  ];
  return f.table([...head, ...t.rows.map((r) => f.tr(r.cells.map((c) => f.td(c))))]);
}

export function htmlPage(kind, s) {
  const f = flavour(kind);
  let body = '';
  let title = '';
  const blocks = s.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind === 'p') {
      if (!title && /年度报告/.test(b.text)) {
        title = b.text;
        body += kind === 'cms' ? '' : f.p(b.text, 'MsoTitle');
        continue;
      }
      body += f.p(b.text);
    } else if (b.kind === 'heading') body += f.p(b.text);
    else if (b.table.id.startsWith('S2_')) {
      const list = [];
      while (i < blocks.length && blocks[i].kind === 'table' && blocks[i].table.id.startsWith('S2_')) list.push(blocks[i++].table);
      i--;
      body += s2Table(f, list);
    } else if (b.table.id === 'S3') body += s3Table(f, b.table);
    else if (b.table.id === 'S4') body += s4Table(f, b.table);
  }
  return f.encode(f.page(title || '政府信息公开工作年度报告', body));
}

/** Every form of every report: `{ report, form, original, bytes }`. */
export function htmlForms(engine = loadEngine()) {
  const out = [];
  for (const r of reports()) {
    const s = structure(engine, readFileSync(r.path, 'utf8'));
    for (const form of HTML_FORMS) out.push({ report: r.name, form: `html-${form}`, original: r.path, bytes: htmlPage(form, s) });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await writeFormsCli('html-forms.mjs', 'html', () => htmlForms());
