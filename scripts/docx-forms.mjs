#!/usr/bin/env node
// Makes .docx forms of every report fixture, at test time, in memory or into a
// directory (never into the repository): what the tables hold comes from the
// engine's reading of the original text, the prose is the original's lines.
//
// - `word`: as Word writes a report: paragraphs in split runs, the three tables
//   as real Word tables merged as the official form merges them (gridSpan,
//   vMerge), 三 split over two w:tbl, headings numbered by numbering.xml (direct
//   numPr for 一–三 and their （一）… sub-headings, a paragraph style with a
//   restarted list for 四–六), numbers split over runs, a tracked insertion and
//   deletion inside a number, a deleted table row, a comment, a formula field,
//   a moved-away and a hidden run.
// - `wps`: as WPS / LibreOffice write one: other namespace declarations and
//   order, w:tblGrid, explicit vMerge restart/continue, smart tags, w:sdt around
//   a paragraph, a table and a number, mc:AlternateContent, xml:space.
// - `template`: the real blank template (../shared/corpus/docx, read in place)
//   with the report's values put into its own empty cells.
//
//   node scripts/docx-forms.mjs <dir>    write every form into <dir> (after npm run build)
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { joinLabel, loadEngine, reports, ROOT, withoutArtefacts, writeFormsCli } from './forms-lib.mjs';

export const TEMPLATE = join(ROOT, '..', 'shared', 'corpus', 'docx', 'template-2021-blank.docx');
export const DOCX_FORMS = ['word', 'wps', 'template'];

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const NUMERALS = '一二三四五六七八九十';

// ---------------------------------------------------------------- the original, as read

/** The original's prose lines and the engine's reading of its tables, in document order. */
export function structure(engine, text) {
  const analysis = engine.analyse(text);
  const m = analysis.model;
  const clean = withoutArtefacts(text, m);
  const lines = (s) =>
    s
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  const sections = [...m.sections].sort((a, b) => a.span.start - b.span.start);
  const blocks = [];
  for (const l of lines(clean(0, sections[0].heading.span.start))) blocks.push({ kind: 'p', text: l });
  for (const s of sections) {
    blocks.push({ kind: 'heading', section: s.id, text: joinLabel(text.slice(s.heading.span.start, s.heading.span.end)) });
    let cursor = s.heading.span.end;
    const subs = new Set(s.subHeadings.map((h) => h.span.start));
    const prose = (from, to) => {
      // a line that starts a sub-heading （一）… is marked so it can be numbered
      let at = from;
      for (const raw of clean(from, to).split('\n')) {
        const l = raw.trim();
        const lead = raw.length - raw.trimStart().length;
        if (l) blocks.push({ kind: 'p', text: l.replace(/\t/g, ' '), sub: subs.has(at + lead) && /^（[一二三四五六七八九十]）/.test(l) });
        at += raw.length + 1;
      }
    };
    for (const tb of [...s.tables].sort((a, b) => a.span.start - b.span.start)) {
      let start = tb.span.start;
      if (tb.id === 'S3') {
        const note = text.slice(cursor, start).search(/[（(]本列数据/);
        if (note >= 0) start = cursor + note;
      }
      if (s.id !== 2 || tb === s.tables[0]) prose(cursor, start);
      blocks.push({ kind: 'table', table: tableData(engine, m.format, tb) });
      cursor = tb.span.end;
    }
    prose(cursor, s.span.end);
  }
  return { analysis, model: m, format: m.format, blocks };
}

function tableData(engine, format, tb) {
  const tpl = engine.tableTemplate(format, tb.id);
  const groups = {};
  for (const g of tb.groupLabels) groups[g.key] = g.label.text;
  return {
    id: tb.id,
    tpl,
    caption: tb.caption ? joinLabel(tb.caption.text) : tpl.caption,
    groups,
    rows: tb.rows.map((r) => ({
      key: r.key,
      label: r.label ? r.label.text.replace(/\[bookmark: [^\]]*\]/g, '') : undefined,
      isGroup: r.isGroup,
      cells: r.cells.map((c) => (c.value.kind === 'blank' ? '' : c.raw.trim())),
    })),
  };
}

// ---------------------------------------------------------------- WordprocessingML

/** The writer of one flavour: `word` (Microsoft Word) or `wps` (WPS / LibreOffice habits). */
function flavour(kind) {
  const wps = kind === 'wps';
  const t = (s) => (/^\s|\s$/.test(s) || wps ? `<w:t xml:space="preserve">${esc(s)}</w:t>` : `<w:t>${esc(s)}</w:t>`);
  const rPrs = [
    '',
    '<w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>',
    '<w:rPr><w:b/></w:rPr>',
    '<w:rPr><w:sz w:val="24"/><w:lang w:eastAsia="zh-CN"/></w:rPr>',
  ];
  let k = 0;
  const run = (s) => `<w:r>${rPrs[k++ % rPrs.length]}${t(s)}</w:r>`;
  /** Text in several runs, cut every few characters (as editing leaves it), with proofing marks between. */
  const runs = (s) => {
    const parts = [];
    for (let i = 0; i < s.length;) {
      const n = 3 + ((i * 7 + s.length) % 9);
      parts.push(s.slice(i, i + n));
      i += n;
    }
    return parts
      .map(
        (p, i) =>
          (i % 3 === 2
            ? wps
              ? '<w:proofErr w:type="spellStart"/>'
              : '<w:bookmarkStart w:id="90" w:name="_x"/><w:bookmarkEnd w:id="90"/>'
            : '') + run(p),
      )
      .join('');
  };
  /** A number in one run per digit group; the tabs of the text form are spaces in Word. */
  const numberRuns = (s) => (s.length < 2 ? (s ? run(s) : '') : run(s.slice(0, 1)) + run(s.slice(1)));
  const para = (content, pPr = '') => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${content}</w:p>`;
  const cellParas = (s) =>
    s === ''
      ? para('')
      : s
          .split('\n')
          .map((l) => para(runs(l.trim())))
          .join('');
  const tc = (content, { span = 1, vmerge, width = 900 } = {}) => {
    const pr = [`<w:tcW w:w="${width * span}" w:type="dxa"/>`];
    if (span > 1) pr.push(`<w:gridSpan w:val="${span}"/>`);
    if (vmerge === 'restart') pr.push('<w:vMerge w:val="restart"/>');
    if (vmerge === 'continue') pr.push(wps ? '<w:vMerge w:val="continue"/>' : '<w:vMerge/>');
    return `<w:tc><w:tcPr>${pr.join('')}<w:vAlign w:val="center"/></w:tcPr>${content || para('')}</w:tc>`;
  };
  const tr = (cells, trPr = '') => `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ''}${cells.join('')}</w:tr>`;
  const tbl = (rows, grid) =>
    `<w:tbl><w:tblPr><w:tblStyle w:val="a3"/><w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/></w:tblPr>` +
    (wps || grid ? `<w:tblGrid>${Array.from({ length: grid }, () => '<w:gridCol w:w="900"/>').join('')}</w:tblGrid>` : '') +
    rows.join('') +
    '</w:tbl>';
  return { wps, t, run, runs, numberRuns, para, cellParas, tc, tr, tbl };
}

/** The Word tables of one report's tables, as the official form lays them out. */
function tables(f, block, special) {
  const t = block.table;
  const cellRuns = (s, where) => f.para(special(s, where) ?? f.numberRuns(s));
  if (t.id.startsWith('S2_')) return { s2: t };
  if (t.id === 'S3') {
    const cols = t.tpl.columns;
    const note = t.tpl.headerLabels[0];
    const head = [
      f.tr([f.tc(f.cellParas(note), { span: 3, vmerge: 'restart' }), f.tc(f.cellParas('申请人情况'), { span: cols.length })]),
      f.tr([
        f.tc('', { span: 3, vmerge: 'continue' }),
        f.tc(f.cellParas(cols[0].label), { vmerge: 'restart' }),
        f.tc(f.cellParas(cols[1].group), { span: cols.length - 2 }),
        f.tc(f.cellParas(cols[cols.length - 1].label), { vmerge: 'restart' }),
      ]),
      f.tr([
        f.tc('', { span: 3, vmerge: 'continue' }),
        f.tc('', { vmerge: 'continue' }),
        ...cols.slice(1, -1).map((c) => f.tc(f.cellParas(c.label.length === 4 ? `${c.label.slice(0, 2)}\n${c.label.slice(2)}` : c.label))),
        f.tc('', { vmerge: 'continue' }),
      ]),
    ];
    const tplRow = (key) => t.tpl.rows.find((r) => r.key === key);
    const rows = [];
    let inR3 = false;
    let group;
    for (const r of t.rows) {
      const def = tplRow(r.key);
      const label = r.label ?? def?.label ?? r.key;
      const values = r.cells.map((c, j) => f.tc(cellRuns(c, { table: 'S3', row: r.key, col: j })));
      const parent = def?.parent;
      if (!parent) {
        inR3 = false;
        rows.push(f.tr([f.tc(f.cellParas(label), { span: 3 }), ...values]));
        continue;
      }
      const first = inR3
        ? f.tc('', { vmerge: 'continue' })
        : f.tc(f.cellParas(t.groups.R3 ? joinLabel(t.groups.R3) : '三、本年度办理结果'), { vmerge: 'restart' });
      inR3 = true;
      if (parent === 'R3') {
        group = undefined;
        rows.push(f.tr([first, f.tc(f.cellParas(label), { span: 2 }), ...values]));
      } else {
        const g =
          group === parent
            ? f.tc('', { vmerge: 'continue' })
            : f.tc(f.cellParas(t.groups[parent] ?? tplRow(parent)?.label ?? ''), { vmerge: 'restart' });
        group = parent;
        rows.push(f.tr([first, g, f.tc(f.cellParas(label)), ...values]));
      }
    }
    return { rows: [...head, ...rows], grid: 3 + cols.length, keys: [...head.map(() => undefined), ...t.rows.map((r) => r.key)] };
  }
  if (t.id === 'S4') {
    const cols = t.tpl.columns;
    const fy = cols.filter((c) => c.group === '行政复议');
    const rest = cols.filter((c) => c.group !== '行政复议');
    const groups = [...new Set(rest.map((c) => c.group))];
    const head = [
      f.tr([f.tc(f.cellParas('行政复议'), { span: fy.length }), f.tc(f.cellParas('行政诉讼'), { span: rest.length })]),
      f.tr([
        ...fy.map((c) => f.tc(f.cellParas(c.label), { vmerge: 'restart' })),
        ...groups.map((g) => f.tc(f.cellParas(g), { span: rest.filter((c) => c.group === g).length })),
      ]),
      f.tr([...fy.map(() => f.tc('', { vmerge: 'continue' })), ...rest.map((c) => f.tc(f.cellParas(c.label)))]),
    ];
    const data = t.rows.map((r) => f.tr(r.cells.map((c, j) => f.tc(cellRuns(c, { table: 'S4', row: r.key, col: j })))));
    return { rows: [...head, ...data], grid: cols.length };
  }
  return undefined;
}

function s2Table(f, list, special) {
  const grid = 1 + Math.max(...list.map((t) => t.tpl.columns.length));
  const rows = [];
  for (const t of list) {
    const n = t.tpl.columns.length;
    const spanOf = (j) => (j === n - 1 ? grid - n : 1);
    rows.push(f.tr([f.tc(f.cellParas(t.caption), { span: grid })]));
    rows.push(f.tr([f.tc(f.cellParas('信息内容')), ...t.tpl.columns.map((c, j) => f.tc(f.cellParas(c.label), { span: spanOf(j) }))]));
    for (const r of t.rows) {
      const label = r.label ?? t.tpl.rows.find((x) => x.key === r.key)?.label ?? r.key;
      rows.push(
        f.tr([
          f.tc(f.cellParas(label)),
          ...r.cells.map((c, j) => f.tc(f.para(special(c, { table: t.id, row: r.key, col: j }) ?? f.numberRuns(c)), { span: spanOf(j) })),
        ]),
      );
    }
  }
  return f.tbl(rows, grid);
}

const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="${W}">
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:pStyle w:val="HeadingCN"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>
</w:numbering>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}">
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="HeadingCN"><w:name w:val="heading cn"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
</w:styles>`;

const COMMENTS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="${W}"><w:comment w:id="7" w:author="审核" w:date="2024-01-10T00:00:00Z"><w:p><w:r><w:t>核对：应为 999 件，请改为 12345</w:t></w:r></w:p></w:comment></w:comments>`;

function packageOf(documentXml, { numbering = true, comments = true } = {}) {
  const rels = [
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>',
    numbering
      ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
      : '',
    comments
      ? '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>'
      : '',
  ].join('');
  const files = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/_rels/document.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
    ),
    'word/document.xml': strToU8(documentXml),
    'word/styles.xml': strToU8(STYLES),
  };
  if (numbering) files['word/numbering.xml'] = strToU8(NUMBERING);
  if (comments) files['word/comments.xml'] = strToU8(COMMENTS);
  return zipSync(files, { level: 6 });
}

/** A generated .docx of one report in the `word` or `wps` flavour. */
function generated(kind, s) {
  const f = flavour(kind);
  const word = kind === 'word';
  let tracked = false;
  let formula = false;
  let alternate = false;
  let inlineSdt = false;
  /** The odd constructs, each once, in the first number cell that fits. */
  const special = (c, where) => {
    if (word && !tracked && where.table === 'S3' && /^\d{2,}$/.test(c)) {
      tracked = true;
      // 1|9 deleted|rest inserted, a comment around it: the final text is the number
      return (
        '<w:commentRangeStart w:id="7"/>' +
        f.run(c[0]) +
        '<w:del w:id="11" w:author="审核" w:date="2024-01-10T00:00:00Z"><w:r><w:delText>9</w:delText></w:r></w:del>' +
        `<w:ins w:id="12" w:author="审核" w:date="2024-01-10T00:00:00Z">${f.run(c.slice(1))}</w:ins>` +
        '<w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r>'
      );
    }
    if (word && !formula && where.table === 'S4' && /^\d+$/.test(c) && where.col === 4) {
      formula = true;
      return `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> =SUM(LEFT) 1 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${f.run(c)}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
    }
    if (!word && !alternate && where.table === 'S3' && /^\d+$/.test(c)) {
      alternate = true;
      return `<mc:AlternateContent><mc:Choice Requires="w14">${f.run(c)}</mc:Choice><mc:Fallback>${f.run(c)}</mc:Fallback></mc:AlternateContent>`;
    }
    if (!word && !inlineSdt && where.table === 'S4' && /^\d+$/.test(c)) {
      inlineSdt = true;
      return `<w:sdt><w:sdtPr><w:alias w:val="数值"/><w:id w:val="55"/><w:text/></w:sdtPr><w:sdtContent>${f.run(c)}</w:sdtContent></w:sdt>`;
    }
    return undefined;
  };

  const body = [];
  const s2 = [];
  const flushS2 = () => {
    if (s2.length) body.push(s2Table(f, s2.splice(0), special));
  };
  let sub = 0;
  let sectionNumbered = false;
  let proseSeen = 0;
  for (const b of s.blocks) {
    if (b.kind !== 'table' || !b.table.id.startsWith('S2_')) flushS2();
    if (b.kind === 'heading') {
      const numeral = NUMERALS[b.section - 1];
      const literal = b.text.startsWith(`${numeral}、`);
      const rest = b.text.slice(2);
      sub = 0;
      sectionNumbered = false;
      if (word && literal && b.section <= 3) {
        sectionNumbered = true;
        body.push(f.para(f.runs(rest), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'));
      } else if (word && literal && b.section >= 4) {
        body.push(f.para(f.runs(rest), '<w:pStyle w:val="HeadingCN"/>'));
      } else if (!word && b.section === 6) {
        body.push(`<w:sdt><w:sdtPr><w:id w:val="66"/></w:sdtPr><w:sdtContent>${f.para(f.runs(b.text))}</w:sdtContent></w:sdt>`);
      } else body.push(f.para(f.runs(b.text)));
      continue;
    }
    if (b.kind === 'p') {
      proseSeen++;
      const m = /^（([一二三四五六七八九十])）/.exec(b.text);
      if (word && b.sub && sectionNumbered && m && m[1] === NUMERALS[sub]) {
        sub++;
        body.push(f.para(f.runs(b.text.slice(3)), '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>'));
        continue;
      }
      if (b.sub) sub = 99; // numbered by hand from here on in this section
      if (word && proseSeen === 2) {
        // a moved-away sentence, a deleted number, a hidden run, an inserted text and a field result: the final text is the line
        const cut = Math.min(4, b.text.length);
        body.push(
          f.para(
            '<w:moveFrom w:id="21" w:author="a" w:date="2024-01-10T00:00:00Z"><w:r><w:t>第三、本年新收 88 件</w:t></w:r></w:moveFrom>' +
              '<w:del w:id="22" w:author="a" w:date="2024-01-10T00:00:00Z"><w:r><w:delText>五、其他 77</w:delText></w:r></w:del>' +
              '<w:r><w:rPr><w:vanish/></w:rPr><w:t>六、隐藏 66</w:t></w:r>' +
              `<w:ins w:id="23" w:author="a" w:date="2024-01-10T00:00:00Z">${f.runs(b.text.slice(0, cut))}</w:ins>` +
              `<w:fldSimple w:instr=" DOCPROPERTY Company "><w:r><w:t>${esc(b.text.slice(cut, cut + 2))}</w:t></w:r></w:fldSimple>` +
              f.runs(b.text.slice(cut + 2)),
          ),
        );
        continue;
      }
      body.push(
        f.para(
          b.text
            .split(' ')
            .map((part) => f.runs(part))
            .join('<w:r><w:tab/></w:r>'),
        ),
      );
      continue;
    }
    const t = b.table;
    if (t.id.startsWith('S2_')) {
      s2.push(t);
      continue;
    }
    const built = tables(f, b, special);
    if (!built) continue;
    if (t.id === 'S3' && word) {
      // split after 8.属于行政查询事项 (as a page break leaves it): the second part starts its merged cells again
      const at = built.keys ? built.keys.indexOf('R3_4_1') : -1;
      if (at > 0) {
        const first = built.rows.slice(0, at);
        // a deleted row the reviewer removed: not in the final text
        first.push(
          f.tr(
            [f.tc(f.cellParas('（七）总计'), { span: 3 }), ...Array.from({ length: built.grid - 3 }, () => f.tc(f.run('999')))],
            '<w:del w:id="31" w:author="a" w:date="2024-01-10T00:00:00Z"/>',
          ),
        );
        const second = built.rows.slice(at).map((row, i) => (i === 0 ? row.replace('<w:vMerge/>', '<w:vMerge w:val="restart"/>') : row));
        body.push(f.tbl(first, built.grid), f.para(''), f.tbl(second, built.grid));
        continue;
      }
    }
    if (t.id === 'S4' && !word)
      body.push(`<w:sdt><w:sdtPr><w:id w:val="44"/></w:sdtPr><w:sdtContent>${f.tbl(built.rows, built.grid)}</w:sdtContent></w:sdt>`);
    else body.push(f.tbl(built.rows, built.grid));
  }
  flushS2();
  const sect =
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>';
  const ns = word
    ? `xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="${W}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"`
    : `xmlns:w="${W}" xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"`;
  let xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:document ${ns}><w:body>${body.join('')}${sect}</w:body></w:document>`;
  if (!word)
    xml = xml.replace(
      /<w:r>(?:<w:rPr>(?:(?!<\/w:r>)[^])*?<\/w:rPr>)?<w:t xml:space="preserve">(?:规章|行政许可|行政处罚)<\/w:t><\/w:r>/g,
      (m) => `<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="PersonName">${m}</w:smartTag>`,
    );
  return packageOf(xml, { numbering: word, comments: word });
}

// ---------------------------------------------------------------- the real template, filled

/** The value cells of a template row: the cells after its label cells. */
function tcSpans(rowXml) {
  const out = [];
  const re = /<w:tc>[^]*?<\/w:tc>/g;
  let m;
  while ((m = re.exec(rowXml))) out.push({ start: m.index, end: m.index + m[0].length, xml: m[0] });
  return out;
}
const cellText = (tcXml) => [...tcXml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

function fillCell(tcXml, value) {
  // the template's own blank (spaces, full-width spaces) gives way to the value
  const blanked = tcXml.replace(/<w:t(?: [^>]*)?>[\s\u3000]*<\/w:t>/g, '<w:t></w:t>');
  if (value === '') return blanked;
  const at = blanked.lastIndexOf('</w:p>');
  return `${blanked.slice(0, at)}<w:r><w:rPr><w:rFonts w:hint="eastAsia" w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体" w:cs="宋体"/></w:rPr><w:t>${esc(value)}</w:t></w:r>${blanked.slice(at)}`;
}

/** Why a report cannot fill the 2021 template, or undefined. */
export function templateMismatch(s) {
  if (s.format !== '2021') return `the template is the 2021 format, the report is ${s.format}`;
  const s3 = s.blocks.find((b) => b.kind === 'table' && b.table.id === 'S3')?.table;
  if (!s3 || s3.rows.length !== 25) return 'its section 三 table does not have the template’s 25 data rows (e.g. a single （六） row)';
  return undefined;
}

/** The template with the report's values in its empty cells; the template's bytes are read in place. */
export function filledTemplate(s, templateBytes) {
  const files = unzipSync(templateBytes);
  let xml = new TextDecoder().decode(files['word/document.xml']);
  const tablesOf = (id) =>
    s.blocks.filter((b) => b.kind === 'table' && (b.table.id === id || (id === 'S2' && b.table.id.startsWith('S2_')))).map((b) => b.table);
  const tbls = [...xml.matchAll(/<w:tbl>[^]*?<\/w:tbl>/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, xml: m[0] }));
  if (tbls.length !== 3) throw new Error(`the template has ${tbls.length} tables, not 3`);
  const fill = (tblXml, rowsWanted) => {
    let i = 0;
    return tblXml.replace(/<w:tr[ >][^]*?<\/w:tr>/g, (row) => {
      const cells = tcSpans(row);
      const labels = cells.map((c) => cellText(c.xml).replace(/[\s\u3000]/g, ''));
      const values = rowsWanted(labels, i++);
      if (!values) return row;
      const first = cells.length - values.length;
      let out = row.slice(0, cells[first].start);
      values.forEach((v, k) => {
        out += fillCell(cells[first + k].xml, v) + row.slice(cells[first + k].end, cells[first + k + 1]?.start ?? cells[first + k].end);
      });
      return out + row.slice(cells[cells.length - 1].end);
    });
  };
  // 二: a row whose first cell is a data row label of one of the sub-tables
  const s2 = tablesOf('S2');
  const s2Rows = new Map();
  for (const t of s2) for (const r of t.rows) s2Rows.set(t.tpl.rows.find((x) => x.key === r.key)?.label ?? r.label, r.cells);
  const s3 = tablesOf('S3')[0];
  const s3Rows = new Map(s3.rows.map((r) => [s3.tpl.rows.find((x) => x.key === r.key)?.label, r.cells]));
  const s4 = tablesOf('S4')[0];
  const parts = [
    fill(tbls[0].xml, (labels) => s2Rows.get(labels[0])),
    fill(tbls[1].xml, (labels) => {
      for (const l of labels) if (s3Rows.has(l)) return s3Rows.get(l);
      return undefined;
    }),
    fill(tbls[2].xml, (_labels, i) => (i === 3 ? s4.rows[0].cells : undefined)),
  ];
  xml =
    xml.slice(0, tbls[0].start) +
    parts[0] +
    xml.slice(tbls[0].end, tbls[1].start) +
    parts[1] +
    xml.slice(tbls[1].end, tbls[2].start) +
    parts[2] +
    xml.slice(tbls[2].end);
  return zipSync({ ...files, 'word/document.xml': strToU8(xml) }, { level: 6 });
}

// ---------------------------------------------------------------- all forms

/**
 * Every .docx form of every report: `{ report, form, original, bytes }`, or
 * `{ report, form, skipped }` when a form cannot hold the report (or the
 * template is absent).
 */
export function docxForms(engine = loadEngine()) {
  const out = [];
  const template = existsSync(TEMPLATE) ? readFileSync(TEMPLATE) : undefined;
  for (const r of reports()) {
    const text = readFileSync(r.path, 'utf8');
    const s = structure(engine, text);
    for (const form of ['word', 'wps']) out.push({ report: r.name, form, original: r.path, bytes: generated(form, s) });
    const why = template ? templateMismatch(s) : `the template ${TEMPLATE} is absent`;
    if (why) out.push({ report: r.name, form: 'template', original: r.path, skipped: why });
    else out.push({ report: r.name, form: 'template', original: r.path, bytes: filledTemplate(s, template) });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await writeFormsCli('docx-forms.mjs', 'docx', () => docxForms());
