#!/usr/bin/env node
// Makes, from every report fixture, the shapes real published reports were
// found in (test/engine/unseen-shapes.test.mjs), in memory at test time. The
// tables come from the engine's reading of the original (scripts/docx-forms.mjs
// `structure`); the prose is the original's lines.
//
// - `html-blanks`: a web page whose empty cells are `&nbsp;` next to merged
//   cells — every 0 written as an empty cell, labels spanning two or three
//   columns, group labels spanning rows, the first value of every 二 row
//   spanning two columns (as 2019-format pages do).
// - `pipe-rows`: crawler text of a web table, a row a line, every cell ending
//   with `|` (`规章 | 0 | 0 | 0 |`), a row under a rowspan starting with `| `,
//   a merged cell's empty fields at the row's end (`||`).
// - `pipe-cells`: the same cells one a line (`规章 |`, `0 |`, a bare `|` empty).
// - `pipe-split`: each cell's text on a line and its `|` on the next.
// - `md-one-row`: section 四 as a Markdown table of its one data row under a
//   plain header line (`行政复议行政诉讼`).
//
// - `cell-lines`: a web table's text with every cell a line of its own and nothing between them (`规章` ⏎ `0`
//   ⏎ `0` ⏎ `0`), as a page's text copied cell by cell writes it.
//
// - `blank-lines`: the tables published with every cell empty, one cell a line, so only their labels are left
//   (a 2019 county page: `规章` ⏎ `规范性文件` ⏎ …, no number at all).
// - `blank-tabs`: the same tables as Word's tab form, every cell an empty field (`规章\t\t\t`).
//
//   node scripts/shape-forms.mjs <dir>    write every form into <dir> (after npm run build)
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { structure } from './docx-forms.mjs';
import { loadEngine, reports, writeFormsCli } from './forms-lib.mjs';

export const SHAPES = ['html-blanks', 'pipe-rows', 'pipe-cells', 'pipe-split', 'md-one-row', 'cell-lines', 'blank-lines', 'blank-tabs'];

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The tables as rows of cells `{ text, colspan, rowspan }`, merged as the official form merges them;
 * `zeroBlank`: a 0 written as an empty cell; `'all'`: every value cell empty.
 */
function grid(t, zeroBlank) {
  // A label the original wrapped over lines is one cell's text.
  const cell = (text, colspan = 1, rowspan = 1) => ({ text: text.replace(/\s*\n\s*/g, ''), colspan, rowspan });
  const value = (v) => cell(zeroBlank === 'all' || (zeroBlank && v === '0') ? '' : v);
  const cols = t.tpl.columns;
  const tplRow = (key) => t.tpl.rows.find((r) => r.key === key);
  const labelOf = (r) => r.label ?? tplRow(r.key)?.label ?? r.key;
  if (t.id.startsWith('S2_')) {
    const rows = [[cell(t.caption, cols.length + 2)], [cell('信息内容'), ...cols.map((c, j) => cell(c.label, j === 0 ? 2 : 1))]];
    for (const r of t.rows) rows.push([cell(labelOf(r)), ...r.cells.map((v, j) => ({ ...value(v), colspan: j === 0 ? 2 : 1 }))]);
    return rows;
  }
  if (t.id === 'S4') {
    const fy = cols.filter((c) => c.group === '行政复议');
    const rest = cols.filter((c) => c.group !== '行政复议');
    const groups = [...new Set(rest.map((c) => c.group))];
    return [
      [cell('行政复议', fy.length), cell('行政诉讼', rest.length)],
      [...fy.map((c) => cell(c.label, 1, 2)), ...groups.map((g) => cell(g, rest.filter((c) => c.group === g).length))],
      rest.map((c) => cell(c.label)),
      ...t.rows.map((r) => r.cells.map(value)),
    ];
  }
  const rows = [
    [cell(t.tpl.headerLabels[0], 3, 3), cell('申请人情况', cols.length)],
    [cell(cols[0].label, 1, 2), cell(cols[1].group, cols.length - 2), cell(cols[cols.length - 1].label, 1, 2)],
    cols.slice(1, -1).map((c) => cell(c.label)),
  ];
  const inR3 = t.rows.filter((r) => tplRow(r.key)?.parent);
  let r3Started = false;
  let group;
  for (const r of t.rows) {
    const parent = tplRow(r.key)?.parent;
    // A group row written as one row (（六）其他处理 in a 2021 report) is blanked too: with none of its sub-rows
    // after it, it is the row, not a group label over empty merged cells.
    const values = r.cells.map(value);
    if (!parent) {
      rows.push([cell(labelOf(r), 3), ...values]);
      continue;
    }
    const cells = [];
    if (!r3Started) {
      r3Started = true;
      cells.push(cell(t.groups.R3 ? t.groups.R3.replace(/\s+/g, '') : '三、本年度办理结果', 1, inR3.length));
    }
    if (parent === 'R3') {
      group = undefined;
      cells.push(cell(labelOf(r), 2));
    } else {
      if (group !== parent) {
        group = parent;
        const children = t.rows.filter((x) => tplRow(x.key)?.parent === parent).length;
        cells.push(cell(t.groups[parent] ?? tplRow(parent)?.label ?? '', 1, children));
      }
      cells.push(cell(labelOf(r)));
    }
    rows.push([...cells, ...values]);
  }
  return rows;
}

/** The text of a document whose tables are written by `table(rows)`. */
function document(s, table, zeroBlank, paragraph = (text) => text) {
  const out = [];
  for (const b of s.blocks) {
    if (b.kind === 'table') out.push(table(grid(b.table, zeroBlank), b.table));
    else out.push(paragraph(b.text));
  }
  return out;
}

const htmlTable = (rows) =>
  `<table border="1" cellspacing="1"><tbody>${rows
    .map(
      (r) =>
        `<tr>${r
          .map(
            (c) =>
              `<td${c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}><p>${c.text === '' ? '&nbsp;' : esc(c.text)}</p></td>`,
          )
          .join('')}</tr>`,
    )
    .join('')}</tbody></table>`;

/** Crawler text: each cell's text and `|`, a merged cell's empty fields written at the row's end. */
function pipeTable(rows, layout) {
  const out = [];
  for (const r of rows) {
    const cells = r.map((c) => c.text);
    const pad = r.reduce((n, c) => n + c.colspan - 1, 0);
    if (layout === 'pipe-rows') out.push(`${cells.map((c) => (c ? `${c} |` : '|')).join(' ')}${pad > 0 ? ` ${'|'.repeat(pad)}` : ''}`);
    else if (layout === 'pipe-cells') {
      for (const c of cells) out.push(c ? `${c} |` : '|');
      if (pad > 0) out.push('|'.repeat(pad));
    } else {
      for (const c of cells) out.push(...(c ? [c, '|'] : ['|']));
      if (pad > 0) out.push('|'.repeat(pad));
    }
  }
  return out.join('\n');
}

/** Section 三's rows under its rowspans start with an empty cell in `pipe-rows`: `| （二）部分公开… |`. */
function underRowspan(rows) {
  const out = [];
  let covered = 0;
  for (const r of rows) {
    out.push(covered > 0 ? [{ text: '', colspan: 1, rowspan: 1 }, ...r] : r);
    covered = Math.max(covered - 1, 0);
    const span = r.find((c) => c.rowspan > 1 && /^三、/.test(c.text))?.rowspan ?? 0;
    if (span > 1) covered = span - 1;
  }
  return out;
}

export function shapeText(shape, s) {
  if (shape === 'html-blanks') {
    const body = document(s, htmlTable, true, (text) => `<p>${esc(text)}</p>`).join('\n');
    return Buffer.from(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>\n${body}\n</body></html>\n`, 'utf8');
  }
  if (shape === 'md-one-row') {
    const table = (rows, t) => {
      if (t.id !== 'S4') return rows.map((r) => `| ${r.map((c) => c.text).join(' | ')} |`).join('\n');
      return `行政复议行政诉讼\n${rows
        .slice(3)
        .map((r) => `| ${r.map((c) => c.text).join(' | ')} |`)
        .join('\n')}`;
    };
    return Buffer.from(`${document(s, table, false).join('\n')}\n`, 'utf8');
  }
  if (shape === 'cell-lines') {
    const table = (rows) => rows.flatMap((r) => r.map((c) => c.text).filter((c) => c.length > 0)).join('\n');
    return Buffer.from(`${document(s, table, false).join('\n')}\n`, 'utf8');
  }
  if (shape === 'blank-lines' || shape === 'blank-tabs') {
    const table = (rows) =>
      (shape === 'blank-lines'
        ? rows.flatMap((r) => r.map((c) => c.text).filter((c) => c.length > 0))
        : rows.map((r) => r.map((c) => c.text).join('\t'))
      ).join('\n');
    return Buffer.from(`${document(s, table, 'all').join('\n')}\n`, 'utf8');
  }
  const table = (rows, t) => pipeTable(shape === 'pipe-rows' && t.id === 'S3' ? underRowspan(rows) : rows, shape);
  return Buffer.from(`${document(s, table, false).join('\n')}\n`, 'utf8');
}

/** Every shape of every report: `{ report, form, original, bytes, ext, zeroBlank, allBlank }`. */
export function shapeForms(engine = loadEngine()) {
  const out = [];
  for (const r of reports()) {
    const s = structure(engine, readFileSync(r.path, 'utf8'));
    for (const form of SHAPES) {
      out.push({
        report: r.name,
        form,
        original: r.path,
        bytes: shapeText(form, s),
        ext: form === 'html-blanks' ? 'html' : form === 'md-one-row' ? 'md' : 'txt',
        zeroBlank: form === 'html-blanks',
        allBlank: form.startsWith('blank-'),
      });
    }
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await writeFormsCli('shape-forms.mjs', 'txt', () => shapeForms());
