#!/usr/bin/env node
// Writes every report fixture in other text forms, as real tools produce them,
// to test/fixtures/forms/<report>.<form>.<ext> (the forms are listed in
// scripts/forms-lib.mjs). Where the tables are and what they hold comes from
// the engine's reading of the original (sections, tables, rows, cells, values,
// labels as written); the prose is kept as the report writes it.
//
//   node scripts/make-forms.mjs           write the forms (after npm run build)
//   node scripts/make-forms.mjs --check   regenerate in memory; exit 1 when a
//                                         checked-in form differs, is missing or
//                                         is left over (CI: fixtures never drift)
//
// Deterministic: the only randomness is a PRNG seeded by the report's name.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prng } from '../bench/lib/fixtures.mjs';
import { FORMS, FORMS_DIR, formFile, joinLabel, loadEngine, reports, withoutArtefacts } from './forms-lib.mjs';

// ---------------------------------------------------------------- determinism

function rngFor(seedText) {
  let h = 0x811c9dc5;
  for (const ch of seedText) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
  return prng(h);
}
const pick = (rng, list) => list[Math.floor(rng() * list.length)];

// ---------------------------------------------------------------- the original, as read

const NUMERALS = '一二三四五六七八九十';
const cellText = (c) => (c.value.kind === 'blank' ? '' : c.raw.trim());

/** What the forms are made from: the original's prose and the engine's reading of its tables. */
function structure(engine, name, text) {
  const analysis = engine.analyse(text);
  const m = analysis.model;
  if (!m.isReport || m.sections.length !== 6) throw new Error(`${name}: the engine does not read the original as a six-section report`);
  /** The source between two offsets without page markers and bookmarks. */
  const clean = withoutArtefacts(text, m);
  const lines = (s) =>
    s
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  const sections = [...m.sections].sort((a, b) => a.span.start - b.span.start);
  const title = m.title ? lines(clean(m.title.span.start, m.title.span.end)) : [];
  const intro = lines(clean(m.title ? m.title.span.end : 0, sections[0].heading.span.start));
  const secs = sections.map((s) => {
    const parts = [];
    let cursor = s.heading.span.end;
    for (const tb of [...s.tables].sort((a, b) => a.span.start - b.span.start)) {
      let start = tb.span.start;
      if (tb.id === 'S3') {
        const note = text.slice(cursor, start).search(/[（(]本列数据/);
        if (note >= 0) start = cursor + note; // the header note belongs to the table
      }
      const prose = lines(clean(cursor, start));
      if (prose.length) parts.push({ kind: 'prose', lines: prose });
      parts.push({ kind: 'table', table: tableData(engine, m.format, tb), source: text.slice(start, tb.span.end) });
      cursor = tb.span.end;
    }
    const rest = lines(clean(cursor, s.span.end));
    if (rest.length) parts.push({ kind: 'prose', lines: rest });
    return { id: s.id, heading: joinLabel(text.slice(s.heading.span.start, s.heading.span.end)), node: s, parts };
  });
  const proseLines = secs.flatMap((s) => s.parts.filter((p) => p.kind === 'prose').flatMap((p) => p.lines)).concat(intro);
  const lengths = proseLines.map((l) => l.length).sort((a, b) => a - b);
  const hardWrapped = lengths.length > 0 && lengths[Math.floor(lengths.length / 2)] < 40;
  return { name, text, analysis, model: m, format: m.format, title, intro, sections: secs, hardWrapped };
}

function tableData(engine, format, tb) {
  const tpl = engine.tableTemplate(format, tb.id);
  const groups = {};
  for (const g of tb.groupLabels) groups[g.key] = joinLabel(g.label.text);
  return {
    id: tb.id,
    tpl,
    caption: tb.caption ? joinLabel(tb.caption.text) : tpl.caption,
    groups,
    rows: tb.rows.map((r) => ({
      key: r.key,
      label: r.label ? joinLabel(r.label.text) : undefined,
      isGroup: r.isGroup,
      cells: r.cells.map((c) => ({ column: c.column, text: cellText(c) })),
    })),
  };
}

const tplRow = (t, key) => t.tpl.rows.find((r) => r.key === key);
function parents(t, key) {
  const chain = [];
  for (let p = tplRow(t, key)?.parent; p; p = tplRow(t, p)?.parent) chain.unshift(p);
  return chain;
}
const groupLabel = (t, key) => t.groups[key] ?? tplRow(t, key).label;
/** For each row, the group cells that begin at it (outermost first), as a merged cell does in a table. */
function groupStarts(t) {
  const seen = new Set();
  return t.rows.map((r) => {
    const out = [];
    for (const g of parents(t, r.key)) {
      if (seen.has(g)) continue;
      seen.add(g);
      out.push({ key: g, label: groupLabel(t, g) });
    }
    return out;
  });
}

/** Paragraphs of prose lines: a hard-wrapped source's lines join until a sentence or a numbered item ends. */
function paragraphs(lines, hardWrapped) {
  if (!hardWrapped) return lines.map((l) => [l]);
  const out = [];
  let cur = [];
  for (let i = 0; i < lines.length; i++) {
    cur.push(lines[i]);
    const next = lines[i + 1];
    if (
      /[。！？]$/.test(lines[i]) ||
      next === undefined ||
      /^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+[.．、])/.test(next)
    ) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

// ---------------------------------------------------------------- tables as an HTML page holds them

const S4_GROUPS = ['行政复议', '未经复议直接起诉', '复议后起诉'];
const s4Names = (t) => t.tpl.columns.slice(0, 5).map((c) => c.label);
const s3Note = (t) => t.tpl.headerLabels[0];

/** The rows of cells a published HTML table has, merged cells in their first row only. */
function htmlRows(t) {
  const values = (r) => r.cells.map((c) => c.text);
  if (t.id === 'S3') {
    const starts = groupStarts(t);
    return [
      [s3Note(t), '申请人情况'],
      ['自然人', '法人或其他组织', '总计'],
      t.tpl.columns.slice(1, 6).map((c) => c.label),
      ...t.rows.map((r, i) => [...starts[i].map((g) => g.label), r.label, ...values(r)]),
    ];
  }
  if (t.id === 'S4') {
    const names = s4Names(t);
    return [['行政复议', '行政诉讼'], [...names, '未经复议直接起诉', '复议后起诉'], [...names, ...names], ...t.rows.map(values)];
  }
  return [[t.caption], t.tpl.headerLabels, ...t.rows.map((r) => [r.label, ...values(r)])];
}

// ---------------------------------------------------------------- crawler text: oneline, fused, fewlines

function agencyOf(st) {
  return (
    st.title
      .join('')
      .replace(/\s+/g, '')
      .replace(/\d{4}年.*$/, '') || '本机关'
  );
}

/**
 * The page's text nodes in order, each tagged with where it is, and the
 * separator that goes before it (`' '` as a crawler's innerText join gives it).
 */
function bodyPieces(st) {
  const rng = rngFor(`${st.name}:paragraph-indents`);
  const pieces = [];
  const para = (text, where) => pieces.push({ text: (rng() < 0.5 ? '\u3000\u3000' : '') + text, where });
  pieces.push({ text: st.title.join(''), where: { kind: 'title' } });
  for (const p of paragraphs(st.intro, st.hardWrapped)) para(p.join(''), { kind: 'prose', section: 0 });
  for (const s of st.sections) {
    pieces.push({ text: s.heading, where: { kind: 'heading', section: s.id } });
    for (const part of s.parts) {
      if (part.kind === 'prose') {
        for (const p of paragraphs(part.lines, st.hardWrapped)) para(p.join(''), { kind: 'prose', section: s.id });
        continue;
      }
      const t = part.table;
      htmlRows(t).forEach((row, ri) =>
        row.forEach((cell, ci) =>
          pieces.push({
            text: cell,
            where: {
              kind: 'cell',
              section: s.id,
              table: t.id,
              row: ri,
              cell: ci,
              valueIndex: ci - (row.length - (t.rows[0]?.cells.length ?? 0)),
            },
          }),
        ),
      );
    }
  }
  return pieces;
}

function crawlerHeader(st) {
  const year = st.model.year ?? 2023;
  const slug = rngFor(`${st.name}:url`);
  const id = String(Math.floor(slug() * 9e6) + 1e6);
  return [
    `标题：${st.title.join('')}`,
    `发布时间：${year + 1}-01-20`,
    `来源：${agencyOf(st)}`,
    `原文链接：http://www.example.gov.cn/art/${year + 1}/1/20/art_${id.slice(0, 4)}_${id}.html`,
    '当前位置：首页 > 政务公开 > 政府信息公开年度报告',
  ];
}
const CRAWLER_FOOTER = '附件下载 打印本页 关闭窗口';

function oneline(st) {
  const body = bodyPieces(st)
    .map((p) => p.text)
    .join(' '); // a blank cell leaves two spaces
  return [...crawlerHeader(st), body, CRAWLER_FOOTER].join('\n') + '\n';
}

function fused(st) {
  const body = bodyPieces(st)
    .map((p) => p.text)
    .join('');
  return [...crawlerHeader(st), body, CRAWLER_FOOTER].join('\n') + '\n';
}

/** The body on 3–5 lines, broken at arbitrary points: inside the 三 table, in prose, inside 四 or 二. */
function fewlines(st) {
  const rng = rngFor(`${st.name}:fewlines`);
  const pieces = bodyPieces(st);
  const seps = pieces.map((_, i) => (i === 0 ? '' : ' '));
  const inserts = new Map(); // piece index → offset inside the piece where a line break goes
  const candidates = (pred) => pieces.map((p, i) => (pred(p.where, p) ? i : -1)).filter((i) => i > 0);
  const breaks = [];
  // inside the 三 table: between a row's label and its numbers, or between two of its numbers
  const s3 = candidates((w) => w.table === 'S3' && w.row >= 3 && w.valueIndex >= 0 && (w.valueIndex === 0 || w.valueIndex === 3));
  if (s3.length) breaks.push({ sep: pick(rng, s3) });
  // mid-sentence in a long paragraph of 一
  const prose1 = candidates((w, p) => w.kind === 'prose' && w.section === 1 && p.text.length > 30);
  if (prose1.length) {
    const i = pick(rng, prose1);
    breaks.push({ inside: i, at: 8 + Math.floor(rng() * (pieces[i].text.length - 16)) });
  }
  // inside 四 (between two cells) or between two of the 二 tables
  const t4 = candidates((w) => w.table === 'S4' && w.row >= 2);
  if (t4.length) breaks.push({ sep: pick(rng, t4) });
  const prose5 = candidates((w, p) => w.kind === 'prose' && w.section >= 5 && p.text.length > 20);
  if (prose5.length) {
    const i = pick(rng, prose5);
    breaks.push({ inside: i, at: 5 + Math.floor(rng() * (pieces[i].text.length - 10)) });
  }
  const count = 2 + Math.floor(rng() * 3); // 2–4 breaks: 3–5 lines
  for (const b of breaks.slice(0, count)) {
    if (b.sep !== undefined) seps[b.sep] = '\n';
    else inserts.set(b.inside, b.at);
  }
  let out = '';
  pieces.forEach((p, i) => {
    const at = inserts.get(i);
    out += seps[i] + (at === undefined ? p.text : p.text.slice(0, at) + '\n' + p.text.slice(at));
  });
  return out + '\n';
}

// ---------------------------------------------------------------- Markdown from a PDF/OCR converter

const mdRow = (cells) => `| ${cells.join(' | ')} |`;
const mdRule = (n) => mdRow(Array(n).fill('---'));

function mdSmallTable(header, rows) {
  return [mdRow(header), mdRule(header.length), ...rows.map(mdRow)].join('\n');
}

function mdS3(t) {
  const names = t.tpl.columns.map((c) => c.label);
  const headers = {
    correct: ['项目', ...names],
    // generic headers an OCR service writes: the label column unnamed, or numbered with the rest
    generic7: ['', ...names.map((_, i) => `数据${i + 1}`)],
    generic8: Array.from({ length: names.length + 1 }, (_, i) => `数据${i + 1}`),
    // an OCR flattening of the three header rows: the group header taken for a column, 其他 lost
    wrongA: ['三、本年度办理结果', '自然人', '法人或其他组织', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '总计'],
    // header row 2 then header row 3, cut off at the column count
    wrongB: ['项目', '自然人', '法人或其他组织', '总计', '商业企业', '科研机构', '社会公益组织', '法律服务机构'],
  };
  const starts = groupStarts(t);
  // pieces: rows before the first sub-group, one per sub-group (（三）…（六）), and the rows after
  const pieces = [];
  t.rows.forEach((r, i) => {
    const group = parents(t, r.key)[1];
    const last = pieces[pieces.length - 1];
    if (last && last.group === group) last.rows.push({ r, i });
    else pieces.push({ group, rows: [{ r, i }] });
  });
  const hasGroup6 = pieces.some((p) => p.group === 'R3_6');
  const out = [];
  for (const [pi, piece] of pieces.entries()) {
    let style = { header: 'correct' };
    if (piece.group === 'R3_3') style = { header: 'generic7', footerAfter: 4, page: 3 };
    else if (piece.group === 'R3_4') style = { header: 'wrongA', detached: true };
    else if (piece.group === 'R3_5') style = { header: 'wrongB', footerAfter: 2, page: 4 };
    else if (piece.group === 'R3_6') style = { header: 'generic8' };
    else if (pi === pieces.length - 1 && pi > 0 && !hasGroup6) style = { header: 'generic8' };
    const lines = [];
    if (piece.group) out.push(`### ${groupLabel(t, piece.group)}`, '');
    if (pi === 0) out.push(s3Note(t), '');
    const header = headers[style.header];
    lines.push(mdRow(header), mdRule(header.length));
    piece.rows.forEach(({ r, i }, k) => {
      if (style.footerAfter === k) lines.push(`— ${style.page} —`);
      const values = r.cells.map((c) => c.text);
      // a merged cell the converter kept in its first row only: that row has one cell more
      const lead = piece.group ? [] : starts[i].map((g) => g.label);
      if (style.detached) lines.push(r.label, mdRow(['', ...values]));
      else lines.push(mdRow([...lead, r.label, ...values]));
    });
    out.push(lines.join('\n'), '');
  }
  return out.join('\n').trimEnd();
}

function mdS4(t) {
  const names = s4Names(t);
  const cells = t.rows[0]?.cells.map((c) => c.text) ?? [];
  const titles = ['行政复议', '行政诉讼（未经复议直接起诉）', '行政诉讼（复议后起诉）'];
  return S4_GROUPS.map((_, g) => `${titles[g]}\n\n${mdSmallTable(names, [cells.slice(g * 5, g * 5 + 5)])}`).join('\n\n');
}

function mdTable(t) {
  if (t.id === 'S3') return mdS3(t);
  if (t.id === 'S4') return mdS4(t);
  return `${t.caption}\n\n${mdSmallTable(
    t.tpl.headerLabels,
    t.rows.map((r) => [r.label, ...r.cells.map((c) => c.text)]),
  )}`;
}

function mdSplit(st) {
  const blocks = [`# ${st.title.join('')}`];
  const prose = (lines) => paragraphs(lines, st.hardWrapped).forEach((p) => blocks.push(p.join('\n')));
  prose(st.intro);
  for (const s of st.sections) {
    blocks.push(`## ${s.heading}`);
    for (const part of s.parts) {
      if (part.kind === 'prose') prose(part.lines);
      else blocks.push(mdTable(part.table));
    }
  }
  return blocks.join('\n\n') + '\n';
}

// ---------------------------------------------------------------- pdftotext-like: layout and raw

/** Display width in text columns of a PDF line: a CJK character is a column, ASCII half of one. */
const widthOf = (s) => [...s].reduce((n, ch) => n + (ch.codePointAt(0) < 0x2e80 ? 0.5 : 1), 0);
const NO_LINE_START = /^[，。、；：？！）》”’」】,.;:)]/;

/** Greedy wrap by display width; closing punctuation never starts a line. */
function wrapUnits(s, width, firstWidth = width) {
  const out = [];
  let cur = '';
  let w = 0;
  for (const ch of s) {
    const cw = widthOf(ch);
    const limit = out.length === 0 ? firstWidth : width;
    if (w + cw > limit && cur && !NO_LINE_START.test(ch)) {
      out.push(cur);
      cur = '';
      w = 0;
    }
    cur += ch;
    w += cw;
  }
  if (cur) out.push(cur);
  return out;
}
/** Wrap a table label by characters (pdftotext gives every glyph one column). */
function wrapChars(s, width) {
  const out = [];
  let cur = '';
  for (const ch of s) {
    if ([...cur].length >= width && !NO_LINE_START.test(ch)) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** Write `s` at column `col` of a line (at least one space after what is there). */
function put(line, col, s) {
  const len = [...line].length;
  if (len < col) return line + ' '.repeat(col - len) + s;
  return line.replace(/ +$/, '') + (line.trim() ? ' ' : '') + s;
}
const putRight = (line, end, s) => put(line, Math.max(0, end - [...s].length), s);

const S3_ENDS = [47, 53, 59, 65, 71, 77, 83];
const S3_INDENT = [0, 18, 28];
const S3_WRAP = [40, 22, 16];
const S4_AT = [0, 6, 13, 17, 22, 26, 31, 35, 39, 44, 48, 52, 58, 62, 66];

function s3HeaderLayout(t) {
  const L = Array(10).fill('');
  const at = (i, col, s) => (L[i] = put(L[i], col, s));
  const c = (k) => S3_ENDS[k] - 3;
  at(0, c(3) - 1, '申请人情况');
  at(2, c(2), '法人或其他组织');
  const note = wrapChars(s3Note(t), 24);
  note.forEach((n, i) => at(3 + i, 0, n));
  for (const [i, col, s] of [
    [5, c(0), '自然人'],
    [5, c(3), '社会'],
    [5, c(4), '法律'],
    [5, c(6), '总计'],
    [6, c(1), '商业'],
    [6, c(2), '科研'],
    [7, c(3), '公益'],
    [7, c(4), '服务'],
    [7, c(5), '其他'],
    [8, c(1), '企业'],
    [8, c(2), '机构'],
    [9, c(3), '组织'],
    [9, c(4), '机构'],
  ])
    at(i, col, s);
  return [...L, ''];
}

function numbersLine(line, values, ends) {
  values.forEach((v, k) => (line = putRight(line, ends[k], v)));
  return line;
}

/** The 三 table as pdftotext -layout prints it: one unit per row, with what sits between rows. */
function s3LayoutUnits(t) {
  const starts = groupStarts(t);
  const members = t.rows.map((r, i) => (parents(t, r.key).includes('R3') ? i : -1)).filter((i) => i >= 0);
  const vertical = [...groupLabel(t, 'R3')];
  const before = new Map();
  const add = (i, line) => before.set(i, [...(before.get(i) ?? []), line]);
  // the vertical merged label 三、本年度办理结果: a character a line, between the rows it spans
  const first = Math.max(0, Math.floor((members.length - vertical.length) / 2));
  vertical.forEach((ch, k) => add(members[Math.min(members.length - 1, first + k)], ` ${ch}`));
  // a sub-group's merged label sits at the vertical middle of its rows
  for (const [i, gs] of starts.entries()) {
    for (const g of gs) {
      if (g.key === 'R3') continue;
      const rows = t.rows.map((r, j) => (parents(t, r.key).includes(g.key) ? j : -1)).filter((j) => j >= 0);
      add(rows[Math.floor(rows.length / 2)] ?? i, ' '.repeat(S3_INDENT[1]) + g.label);
    }
  }
  let wrappedRows = 0;
  return t.rows.map((r, i) => {
    const level = Math.min(2, parents(t, r.key).length);
    const indent = ' '.repeat(S3_INDENT[level]);
    const label = wrapChars(r.label ?? '', S3_WRAP[level]);
    const values = r.cells.map((c) => c.text);
    let lines;
    if (label.length === 1) lines = [numbersLine(indent + label[0], values, S3_ENDS)];
    // a two-line label: its numbers between the lines (vertically centred), or after both, as pdftotext gives them
    else if (label.length === 2 && wrappedRows++ % 2 === 0)
      lines = [indent + label[0], numbersLine('', values, S3_ENDS), indent + label[1]];
    else if (label.length === 2) lines = [indent + label[0], indent + label[1], numbersLine('', values, S3_ENDS)];
    else {
      const mid = Math.floor((label.length - 1) / 2);
      lines = label.map((l, k) => (k === mid ? numbersLine(indent + l, values, S3_ENDS) : indent + l));
    }
    return { lines: [...(before.get(i) ?? []), ...lines], table: 'S3', key: r.key };
  });
}

function s4LayoutLines(t) {
  const names = s4Names(t);
  const halves = names.map((n) => (n === '总计' ? ['总 计'] : [n.slice(0, 2), n.slice(2)]));
  const L = Array(9).fill('');
  const at = (i, col, s) => (L[i] = put(L[i], col, s));
  at(0, 10, '行政复议');
  at(0, 48, '行政诉讼');
  at(2, 30, '未经复议直接起诉');
  at(2, 60, '复议后起诉');
  // 行政复议: labels on lines 4 and 6, its 总计 between; 未经复议直接起诉 a line lower; 复议后起诉 in step with it
  for (let k = 0; k < 4; k++) at(4, S4_AT[k], halves[k][0]);
  at(5, S4_AT[4], '总 计');
  for (let k = 0; k < 4; k++) at(5, S4_AT[5 + k], halves[k][0]);
  for (let k = 0; k < 4; k++) at(5, S4_AT[10 + k], halves[k][0]);
  for (let k = 0; k < 4; k++) at(6, S4_AT[k], halves[k][1]);
  at(6, S4_AT[14], '总计');
  at(7, S4_AT[9], '总 计');
  for (let k = 0; k < 4; k++) at(8, S4_AT[5 + k], halves[k][1]);
  for (let k = 0; k < 4; k++) at(8, S4_AT[10 + k], halves[k][1]);
  const values = t.rows[0]?.cells.map((c) => c.text) ?? [];
  let data = '';
  values.forEach((v, k) => (data = put(data, S4_AT[k], v)));
  return [...L, '', '', data, ''];
}

function s2LayoutUnits(t) {
  const header = t.tpl.headerLabels;
  const cols = header.length - 1;
  const start = cols === 1 ? 26 : 18;
  const step = cols === 1 ? 0 : 11;
  const centre = (k) => start + step * k + 3;
  let head = put('', 7, header[0]);
  header.slice(1).forEach((h, k) => (head = put(head, start + step * k, h)));
  const units = [{ lines: ['', put('', 14, t.caption), '', ''] }, { lines: [head, '', ''] }];
  for (const r of t.rows) {
    let line = r.label;
    r.cells.forEach((c, k) => (line = put(line, centre(k) - Math.floor([...c.text].length / 2), c.text)));
    units.push({ lines: [line, ''] });
  }
  units.push({ lines: [''] });
  return units;
}

function proseUnits(st, lines, { indent = '   ', width = 28 } = {}) {
  const out = [];
  for (const p of paragraphs(lines, st.hardWrapped)) {
    const wrapped = st.hardWrapped ? p : wrapUnits(p.join(''), width, width - 2);
    wrapped.forEach((l, i) => out.push({ lines: [(i === 0 ? indent : '') + l] }));
  }
  return out;
}

/** Pages of at most `size` lines; a table continued on a new page repeats its header there. */
function paginate(units, size, repeat = {}) {
  const pages = [[]];
  let lastTable;
  let crossed = false;
  for (const u of units) {
    const page = pages[pages.length - 1];
    if ((page.length > 0 && page.length + u.lines.length > size) || u.breakBefore) {
      const continued = u.table && u.table === lastTable && !u.header;
      if (continued && u.table === 'S3') crossed = true;
      pages.push(continued && repeat[u.table] ? [...repeat[u.table]] : []);
    }
    const target = pages[pages.length - 1];
    // a page never starts with blank lines (the space above a table or row stays on the page before)
    for (const line of u.lines) if (target.length > 0 || line.trim()) target.push(line);
    lastTable = u.table;
  }
  return { pages, crossed };
}

/** Paginate so that the 三 table crosses a page (it does in every real PDF seen). */
function paginateCrossingS3(units, size, repeat) {
  let result = paginate(units, size, repeat);
  if (!result.crossed) {
    const rows = units.filter((u) => u.table === 'S3' && u.key);
    const middle = rows[Math.floor(rows.length / 2)];
    if (middle) {
      middle.breakBefore = true;
      result = paginate(units, size, repeat);
    }
  }
  return result.pages;
}

function layout(st) {
  const units = [];
  const centred = (s) => ' '.repeat(Math.max(0, Math.round(34 - widthOf(s)))) + s;
  st.title.forEach((l) => units.push({ lines: [centred(l)] }));
  units.push({ lines: [''] });
  units.push(...proseUnits(st, st.intro));
  let s3header = [];
  for (const s of st.sections) {
    units.push({ lines: [`     ${s.heading}`] });
    for (const part of s.parts) {
      if (part.kind === 'prose') {
        units.push(...proseUnits(st, part.lines));
        continue;
      }
      const t = part.table;
      if (t.id === 'S3') {
        s3header = s3HeaderLayout(t);
        units.push({ lines: s3header, table: 'S3', header: true }, ...s3LayoutUnits(t), { lines: ['', '', ''] });
      } else if (t.id === 'S4') units.push({ lines: s4LayoutLines(t), table: 'S4' });
      else units.push(...s2LayoutUnits(t).map((u) => ({ ...u, table: t.id })));
    }
  }
  const pages = paginateCrossingS3(units, 46, { S3: s3header });
  return pages.map((p, i) => [...p, '', ' '.repeat(i % 2 === 0 ? 43 : 5) + `-${i + 1}-`].join('\n') + '\n').join('\f') + '\f';
}

function raw(st) {
  const rng = rngFor(`${st.name}:raw`);
  const units = [];
  const proseRaw = (lines) => {
    for (const p of paragraphs(lines, st.hardWrapped)) {
      const wrapped = st.hardWrapped ? p : wrapUnits(p.join(''), 28, 26);
      for (const l of wrapped) {
        // a text run ends after a comma: -raw starts a new line there
        const comma = l.indexOf('，');
        if (comma > 3 && comma < l.length - 2 && rng() < 0.15)
          units.push({ lines: [l.slice(0, comma + 1)] }, { lines: [l.slice(comma + 1)] });
        else units.push({ lines: [l] });
      }
    }
  };
  st.title.forEach((l) => units.push({ lines: [l] }));
  proseRaw(st.intro);
  for (const s of st.sections) {
    units.push({ lines: [s.heading] });
    for (const part of s.parts) {
      if (part.kind === 'prose') {
        proseRaw(part.lines);
        continue;
      }
      const t = part.table;
      const values = (r) => r.cells.map((c) => c.text).join(' ');
      if (t.id === 'S3') {
        const head = [
          ...wrapChars(s3Note(t), 24),
          '申请人情况',
          '自然人',
          '法人或其他组织',
          '总计',
          ...['商业企业', '科研机构', '社会公益组织', '法律服务机构'].flatMap((n) => n.match(/../g)),
          '其他',
        ];
        units.push({ lines: head, table: 'S3', header: true });
        const starts = groupStarts(t);
        const lonely = 3 + Math.floor(rng() * (t.rows.length - 6));
        t.rows.forEach((r, i) => {
          const lines = starts[i].flatMap((g) => (g.key === 'R3' ? [...g.label] : [g.label]));
          const label = wrapChars(r.label ?? '', S3_WRAP[Math.min(2, parents(t, r.key).length)]);
          if (label.length > 1 || i === lonely) lines.push(...label, values(r));
          else lines.push(`${label[0]} ${values(r)}`);
          units.push({ lines, table: 'S3', key: r.key });
        });
      } else if (t.id === 'S4') {
        const names = s4Names(t).flatMap((n) => (n === '总计' ? ['总 计'] : n.match(/../g)));
        units.push({
          lines: ['行政复议 行政诉讼', ...names, '未经复议直接起诉 复议后起诉', ...names, ...names, values(t.rows[0] ?? { cells: [] })],
          table: 'S4',
        });
      } else {
        units.push({ lines: [t.caption, t.tpl.headerLabels.join(' ')], table: t.id });
        t.rows.forEach((r) => units.push({ lines: [`${r.label} ${values(r)}`], table: t.id }));
      }
    }
  }
  const pages = paginateCrossingS3(units, 37, {});
  return pages.map((p, i) => [`- ${i + 1} -`, ...p].join('\n') + '\n').join('\f') + '\f';
}

// ---------------------------------------------------------------- annex numbering

function annex(st) {
  const { text } = st;
  const byId = Object.fromEntries(st.sections.map((s) => [s.id, s.node]));
  const eol = '\n';
  const gapIsBlank = /\n[ \t]*\n/.test(text.slice(byId[2].heading.span.end, byId[2].tables[0]?.span.start ?? byId[2].span.end));
  const sep = gapIsBlank ? '\n\n' : '\n';
  const pointer = {
    2: '本年度主动公开政府信息情况见附件。',
    3: '收到和处理政府信息公开申请情况见附件。',
    4: '政府信息公开行政复议、行政诉讼情况见附件。',
  };
  const endWithEol = (s) => (s.endsWith('\n') ? s : s + eol);
  let out = text.slice(0, byId[1].span.start);
  for (const id of [1, 2, 3, 4, 5, 6]) {
    const s = byId[id];
    if (pointer[id]) out += text.slice(s.heading.span.start, s.heading.span.end) + sep + pointer[id] + sep;
    else out += endWithEol(text.slice(s.span.start, s.span.end));
  }
  out = out.replace(/\s+$/, '') + sep + '附件：' + sep;
  const renumber = { 2: '一', 3: '二', 4: '三' };
  for (const id of [2, 3, 4]) {
    const s = byId[id];
    const heading = text
      .slice(s.heading.span.start, s.heading.span.end)
      .trim()
      .replace(new RegExp(`^[${NUMERALS}]+`), renumber[id]);
    out += heading + endWithEol(text.slice(s.heading.span.end, s.span.end).replace(/\s+$/, '')) + (id === 4 ? '' : sep.slice(1));
  }
  return out;
}

// ---------------------------------------------------------------- half-width punctuation

function halfwidth(st) {
  const { text, model } = st;
  const edits = [];
  let n = 0;
  const edit = (span, fn) => {
    if (!span || span.end <= span.start) return;
    const before = text.slice(span.start, span.end);
    const after = fn(before, n++);
    if (after !== before) edits.push({ ...span, text: after });
  };
  const brackets = (s) => s.replace(/（/g, '(').replace(/）/g, ')');
  const enumSpace = (s, i) => s.replace(/^\(([一二三四五六七八九十]+)\)[ \u3000]*/, (_, k) => `(${k})${i % 3 === 2 ? '\u3000' : ' '}`);
  /** A space in the middle of the label's own words (after its numbering), as a typist leaves one. */
  const innerSpace = (s) => {
    const m = /^(\([一二三四五六七八九十]+\)[ \u3000]|[一二三四五六七八九十]+，|\d+\.)?(.*)$/s.exec(s);
    const body = [...m[2]];
    for (let k = Math.floor(body.length / 2); k < body.length - 1; k++) {
      if (/\p{Script=Han}/u.test(body[k - 1]) && /\p{Script=Han}/u.test(body[k]))
        return (m[1] ?? '') + body.slice(0, k).join('') + ' ' + body.slice(k).join('');
    }
    return s;
  };
  const label = (s, i, { collapsed6 = false } = {}) => {
    let out = enumSpace(brackets(s).replace(/、/g, '，'), i);
    if (collapsed6) out = out.replace(/^\(六\)[ \u3000]*其他处理$/, '(六) 其他');
    else if (i % 4 === 1 && !out.includes('\n')) out = innerSpace(out);
    return out;
  };
  for (const s of model.sections) {
    edit(s.heading.span, (h, i) =>
      h.replace(/^([一二三四五六七八九十]+)、/, (_, k) => `${k}，${i % 2 === 1 ? '\u3000' : ''}`).replace(/、/g, '，'),
    );
    for (const sub of s.subHeadings ?? []) edit(sub.span, (h, i) => enumSpace(brackets(h), i));
  }
  for (const t of model.tables) {
    if (t.caption) edit(t.caption.span, brackets);
    for (const h of t.headerCells) {
      edit(h.span, (s) => {
        const flat = s.replace(/\s+/g, '');
        // 社会公益组织 → 社会 公益组织 (a wrapped cell: 社会 公益⏎组织)
        if (flat === '社会公益组织' || flat === '法律服务机构' || flat === '商业企业')
          return s.includes('\n') ? s.replace(/\n/, ' ') : s.slice(0, 2) + ' ' + s.slice(2);
        return brackets(s);
      });
    }
    for (const g of t.groupLabels) edit(g.label.span, (s, i) => label(s, i));
    for (const r of t.rows) {
      if (!r.label) continue;
      const collapsed6 = r.key === 'R3_6' && (r.isGroup || !engine.tableTemplate(model.format, t.id).rows.some((x) => x.parent === 'R3_6'));
      edit(r.label.span, (s, i) => label(s, i, { collapsed6 }));
    }
  }
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  let floor = Infinity;
  for (const e of edits) {
    if (e.end > floor) continue; // overlapping spans: keep the later one
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    floor = e.start;
  }
  return out;
}

// ---------------------------------------------------------------- all forms

const crlf = (st) => st.text.replace(/\r?\n/g, '\r\n');

const MAKERS = { oneline, fused, fewlines, 'md-split': mdSplit, layout, raw, annex, halfwidth, crlf };

let engine;
/** Every form file's name and content, in memory. */
export function generateAll(eng = loadEngine()) {
  engine = eng;
  const out = new Map();
  for (const r of reports()) {
    const st = structure(engine, r.name, readFileSync(r.path, 'utf8'));
    for (const f of FORMS) out.set(formFile(r.name, f.form), MAKERS[f.form](st));
  }
  return out;
}

function main() {
  const check = process.argv.includes('--check');
  const forms = generateAll();
  const onDisk = existsSync(FORMS_DIR) ? readdirSync(FORMS_DIR).filter((n) => /\.(txt|md)$/.test(n) && n !== 'README.md') : [];
  if (check) {
    const problems = [];
    for (const [name, content] of forms) {
      const path = join(FORMS_DIR, name);
      if (!existsSync(path)) problems.push(`missing: ${name}`);
      else if (readFileSync(path, 'utf8') !== content) problems.push(`differs: ${name}`);
    }
    for (const name of onDisk) if (!forms.has(name)) problems.push(`left over: ${name}`);
    if (problems.length) {
      console.error(
        `make-forms --check: ${problems.length} form file(s) out of date (run node scripts/make-forms.mjs after npm run build):\n  ${problems.join('\n  ')}`,
      );
      process.exit(1);
    }
    console.log(`make-forms --check: ${forms.size} form files up to date`);
    return;
  }
  mkdirSync(FORMS_DIR, { recursive: true });
  for (const name of onDisk) if (!forms.has(name)) rmSync(join(FORMS_DIR, name));
  let bytes = 0;
  for (const [name, content] of forms) {
    writeFileSync(join(FORMS_DIR, name), content);
    bytes += Buffer.byteLength(content);
  }
  console.log(`make-forms: wrote ${forms.size} files, ${(bytes / 1024).toFixed(0)} KB, to ${FORMS_DIR}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
