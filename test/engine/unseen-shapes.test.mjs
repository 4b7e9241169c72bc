// @ts-check
// Shapes real published reports were found in, outside the corpus (a 2019 web page with &nbsp; cells beside
// merged cells, crawler text of web tables with `|` ending every cell, a Markdown table of one row), made from
// every report fixture by scripts/shape-forms.mjs: every cell of 二, 三, 四 must read as the original's (a 0
// written as an empty cell as blank), every section be found, and the error ids stay the original's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { engine } from './helpers.mjs';
import { readers } from '../lib/bundles.mjs';
import { SHAPES, shapeForms } from '../../scripts/shape-forms.mjs';
import { cellMap } from '../../scripts/forms-lib.mjs';

/** @param {import('../../server/src/engine/index.ts').Analysis} a */
const errorIds = (a) =>
  a.findings
    .filter((f) => f.severity === 'error')
    .map((f) => f.id)
    .sort();

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
      const row = original.model.tables.find((t) => where.startsWith(`${t.id}/`))?.rows.find((r) => where.includes(`/${r.key}/`));
      const blanked = f.zeroBlank && !row?.isGroup && cell.value.kind === 'number' && cell.value.value === 0;
      const w = blanked ? 'blank' : shown(cell.value);
      const g = got.get(where);
      if (!g || shown(g.value) !== w) wrong.push(`${where}: want ${w}, got ${g ? shown(g.value) : 'absent'}`);
    }
    assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} of ${want.size} cells wrong`);
    assert.deepEqual(a.model.sections.map((s) => s.id).sort(), original.model.sections.map((s) => s.id).sort());
    assert.deepEqual(errorIds(a), errorIds(original));
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
