// @ts-check
// Shapes real published reports were found in, outside the corpus (a 2019 web page with &nbsp; cells beside
// merged cells, crawler text of web tables with `|` ending every cell, a Markdown table of one row), made from
// every report fixture by scripts/shape-forms.mjs: every cell of 二, 三, 四 must read as the original's (a 0
// written as an empty cell as blank), every section be found, and the error ids stay the original's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { engine, errorIds } from './helpers.mjs';
import { readers } from '../lib/bundles.mjs';
import { SHAPES, shapeForms, shapeText } from '../../scripts/shape-forms.mjs';
import { structure } from '../../scripts/docx-forms.mjs';
import { cellMap } from '../../scripts/forms-lib.mjs';

/** @param {import('../../server/src/engine/model.ts').CellValue} v */
const shown = (v) => (v.kind === 'number' ? v.value : v.kind === 'blank' ? 'blank' : `${v.kind}`);

const forms = shapeForms(engine);

test('every report is made into every shape', () => {
  assert.equal(forms.length % SHAPES.length, 0);
  assert.ok(forms.length >= SHAPES.length * 5);
});

for (const f of forms) {
  test(`${f.report}.${f.form}: every cell and section read as the original's`, async () => {
    const original = engine.analyse(readFileSync(f.original, 'utf8'));
    const read = await readers.files.readFileBytes(`${f.report}.${f.ext}`, f.bytes);
    const a = engine.analyse(read.doc.text);
    const want = cellMap(original.model);
    const got = cellMap(a.model);
    const wrong = [];
    for (const [where, cell] of want) {
      // Every 0 is an empty cell, a group written as one row (hongze's （六）其他处理) included.
      const blanked = f.allBlank || (f.zeroBlank && cell.value.kind === 'number' && cell.value.value === 0);
      const w = blanked ? 'blank' : shown(cell.value);
      const g = got.get(where);
      if (!g || shown(g.value) !== w) wrong.push(`${where}: want ${w}, got ${g ? shown(g.value) : 'absent'}`);
    }
    assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} of ${want.size} cells wrong`);
    assert.deepEqual(a.model.sections.map((s) => s.id).sort(), original.model.sections.map((s) => s.id).sort());
    if (!f.allBlank) assert.deepEqual(errorIds(a), errorIds(original));
    else {
      // Blank tables are there, not missing nor unreadable; both blank forms find the same errors.
      const tabs = forms.find((x) => x.report === f.report && x.form === 'blank-tabs');
      assert.ok(tabs);
      assert.deepEqual(errorIds(a), errorIds(engine.analyse(tabs.bytes.toString('utf8'))));
      assert.deepEqual(
        a.findings.filter((x) => x.rule === 'missing-table' || x.rule === 'unreadable-table').map((x) => x.id),
        [],
      );
    }
  });
}

test('a web table row of one field per column reads by position: blanks stay in their columns', () => {
  // Section 四's data row with empty cells (a published 2019 page): 5, blank, blank, 2, 7, …
  const cells = ['5', '', '', '2', '7', '8', '', '', '1', '9', '', '', '', '', ''];
  const html = `<p>四、政府信息公开行政复议、行政诉讼情况</p><table><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr><tr>${['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((c) => `<td rowspan="2">${c}</td>`).join('')}<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr><tr>${['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((c) => `<td>${c}</td>`).join('')}</tr><tr>${cells.map((c) => `<td>${c || '&nbsp;'}</td>`).join('')}</tr></table>`;
  const a = engine.analyse(readers.html.readHtml(html).text);
  const s4 = a.model.tables.find((t) => t.id === 'S4');
  assert.ok(s4);
  assert.deepEqual(
    s4.rows[0]?.cells.map((c) => (c.value.kind === 'number' ? String(c.value.value) : '')),
    cells,
  );
});

test('a number written with its unit (251000元) is the number', () => {
  const a = engine.analyse(
    '二、主动公开政府信息情况\n第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t6\t251000元\n本年新制作数量\n',
  );
  const cg = a.model.tables.find((t) => t.id === 'S2_九')?.rows[0];
  assert.deepEqual(
    cg?.cells.map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind)),
    [6, 251000],
  );
});

test('a group row with every cell empty: its sub-rows after it make it their label, none make it the row', () => {
  const rows = (/** @type {import('../../server/src/engine/index.ts').Analysis} */ a) =>
    a.model.tables.find((t) => t.id === 'S3')?.rows ?? [];
  const missing = (/** @type {import('../../server/src/engine/index.ts').Analysis} */ a) =>
    a.findings.filter((f) => f.rule === 'missing-row');
  const empty = '\t'.repeat(7);
  // Every group label written over seven empty merged cells, its sub-rows after it: only the sub-rows are rows.
  const blankTemplate = engine.renderNewReport({ layout: 'tab-separated' });
  const grouped = blankTemplate.replace(/^(三、本年度办理结果|（[三四五六]）[^\t\n]+)$/gm, `$1${empty}`);
  assert.notEqual(grouped, blankTemplate);
  const g = engine.analyse(grouped);
  assert.deepEqual(
    rows(g)
      .filter((r) => r.isGroup)
      .map((r) => r.key),
    [],
  );
  assert.deepEqual(errorIds(g), errorIds(engine.analyse(blankTemplate)));
  // 2021: （六）其他处理 as one row, every cell empty, no sub-row after it: the row, blank; nothing missing.
  const collapsed = grouped.replace(/^（六）其他处理\t*\n(?:[123]\.[^\n]*\n){3}/m, `（六）其他处理${empty}\n`);
  assert.notEqual(collapsed, grouped);
  const c = engine.analyse(collapsed);
  const r36 = rows(c).find((r) => r.key === 'R3_6');
  assert.deepEqual(
    r36?.cells.map((x) => x.value.kind),
    Array(7).fill('blank'),
  );
  assert.deepEqual(missing(c), []);
  // 2019: （六）其他处理 is a data row; empty it is blank, and still no row is missing.
  const y2019 = readFileSync(new URL('../fixtures/made/changchun-2019-format.txt', import.meta.url), 'utf8');
  const blank2019 = y2019.replace(/^(\(六\) 其他处理)[^\n]*$/m, `$1\t${empty}`);
  assert.notEqual(blank2019, y2019);
  const b = engine.analyse(blank2019);
  assert.equal(b.model.format, '2019');
  assert.deepEqual(
    rows(b)
      .find((r) => r.key === 'R3_6')
      ?.cells.map((x) => x.value.kind),
    Array(7).fill('blank'),
  );
  assert.deepEqual(missing(b), []);
});

test("a page's buttons before the title are not the title's (正文, 字号 大 中 小, 打印本页, 分享到：, a flipbook's Page 8 -)", () => {
  const report = readFileSync(new URL('../fixtures/corpus/hongze-2023.txt', import.meta.url), 'utf8');
  const title = engine.analyse(report).model.title?.text;
  assert.ok(title?.includes('年度报告'));
  for (const chrome of [
    '正文\n',
    '字号 大 中 小\n打印本页\n',
    '某某市人民政府\n首页 > 政务公开 > 年度报告\n【打印】【关闭】\n',
    '分享到：\n\n正文\n',
  ])
    assert.equal(engine.analyse(chrome + report.trimStart()).model.title?.text, title, chrome);
  const first = title?.split('\n')[0] ?? '';
  assert.equal(engine.analyse(report.replace(first, `Page 8 - ${first}`)).model.title?.text, title, 'flipbook');
});

test('a missing row inserted into crawler pipe text is written as its neighbours are', () => {
  const report = readFileSync(new URL('../fixtures/corpus/changchun-guodongban-2023.txt', import.meta.url), 'utf8');
  // Three rows of zeros: after 行政处罚 (二), after a group's first row (三), inside a group (三).
  const gone = ['行政强制', '2.其他法律行政法规禁止公开', '3.要求提供公开出版物'];
  let cut = report;
  for (const label of gone) cut = cut.replace(new RegExp(`^[\\t ]*${label.replace('.', '\\.')}\\t[^\\n]*\\n`, 'm'), '');
  assert.equal(cut.split('\n').length, report.split('\n').length - gone.length);
  for (const shape of ['pipe-rows', 'pipe-cells', 'pipe-split']) {
    const want = shapeText(shape, structure(engine, report)).toString('utf8');
    let text = shapeText(shape, structure(engine, cut)).toString('utf8');
    const missing = engine.analyse(text).findings.filter((f) => f.rule === 'missing-row');
    assert.equal(missing.length, gone.length, shape);
    // One fix at a time, each on the text the one before made.
    for (let k = 0; k < gone.length; k++) {
      const f = engine.analyse(text).findings.find((x) => x.rule === 'missing-row');
      assert.ok(f?.fixes[0], `${shape}: a fix`);
      text = engine.applyEdits(text, f.fixes[0].edits);
    }
    assert.equal(text, want, shape);
  }
});

test('2019’s 本年增/减 written with its sign (+1036, ＋3, -417) is the number', () => {
  const y2019 = readFileSync(new URL('../fixtures/made/changchun-2019-format.txt', import.meta.url), 'utf8');
  const row = /^(行政许可\t[^\t\n]*\t)([^\t\n]*)(\t)/m;
  assert.ok(row.test(y2019));
  for (const [written, value] of /** @type {const} */ ([
    ['+1036', 1036],
    ['＋3', 3],
    ['-417', -417],
  ])) {
    const a = engine.analyse(y2019.replace(row, `$1${written}$3`));
    const xk = a.model.tables.find((t) => t.id === 'S2_五')?.rows.find((r) => r.key === 'XK');
    assert.deepEqual(xk?.cells[1]?.value.kind === 'number' && xk.cells[1].value.value, value, written);
    assert.deepEqual(
      a.findings.filter((f) => f.rule === 'invalid-number'),
      [],
      written,
    );
  }
});

test('tables published with every cell empty, only their labels left: present and blank; a lone number is its row’s', () => {
  const y2019 = readFileSync(new URL('../fixtures/made/changchun-2019-format.txt', import.meta.url), 'utf8');
  const text = shapeText('blank-lines', structure(engine, y2019)).toString('utf8');
  // The one number the page kept: 规章's first cell, on the line after its label.
  const one = text.replace(/^规章$/m, '规章\n0');
  assert.notEqual(one, text);
  const a = engine.analyse(one);
  assert.equal(a.model.format, '2019');
  const gz = a.model.tables.find((t) => t.id === 'S2_一')?.rows.find((r) => r.key === 'GZ');
  assert.deepEqual(
    gz?.cells.map((c) => (c.present ? shown(c.value) : 'absent')),
    [0, 'absent', 'absent'],
  );
  assert.deepEqual(
    a.findings.filter((f) => f.rule === 'missing-table').map((f) => f.id),
    [],
  );
  // Some rows filled, the rest blank (a cell a line, the empty ones no line): the blank rows stay rows.
  const mixed = text.replace(/^规章$/m, '规章\n1\n2\n3').replace(/^(一、本年新收政府信息公开申请数量)$/m, '$1\n1\n0\n0\n0\n0\n0\n1');
  assert.notEqual(mixed, text.replace(/^规章$/m, '规章\n1\n2\n3'));
  const m = engine.analyse(mixed);
  const cells = (/** @type {string} */ table, /** @type {string} */ row) =>
    m.model.tables
      .find((t) => t.id === table)
      ?.rows.find((r) => r.key === row)
      ?.cells.map((c) => (c.present ? shown(c.value) : 'absent'));
  assert.deepEqual(cells('S2_一', 'GZ'), [1, 2, 3]);
  assert.deepEqual(cells('S2_一', 'GF'), ['absent', 'absent', 'absent']);
  assert.deepEqual(cells('S3', 'R1'), [1, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(cells('S3', 'R2'), Array(7).fill('absent'));
  assert.deepEqual(
    m.findings.filter((f) => ['missing-table', 'missing-row', 'unreadable-table'].includes(f.rule)).map((f) => f.id),
    [],
  );
  // A caption whose rows are not the format's (labels alone, no number): cannot be read, not missing.
  const renamed = text.replace(/^行政许可$/m, '许可类事项').replace(/^其他对外管理服务事项$/m, '其他服务类事项');
  assert.notEqual(renamed, text);
  const r = engine.analyse(renamed);
  assert.deepEqual(
    r.findings.filter((f) => f.rule === 'missing-table').map((f) => f.id),
    [],
  );
  const unreadable = r.findings.filter((f) => f.rule === 'unreadable-table');
  assert.equal(unreadable.length, 1);
  assert.match(unreadable[0]?.message.zh ?? '', /第二十条第（五）项/);
  // A few labels in prose-like lines are no table: with most of 三's rows gone, 三 is missing, as it is.
  const s3 = engine.analyse(text).model.tables.find((t) => t.id === 'S3');
  assert.ok(s3);
  const labels = s3.rows.slice(4).map((r) => r.label?.text ?? '');
  let cut = text;
  for (const l of labels) if (l) cut = cut.replace(`\n${l}\n`, '\n');
  const c = engine.analyse(cut);
  assert.equal(
    c.model.tables.find((t) => t.id === 'S3'),
    undefined,
  );
  assert.ok(c.findings.some((f) => f.rule === 'missing-table' && f.id.includes('S3')));
});
