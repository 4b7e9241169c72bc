// @ts-check
// Line shapes converters write, as small texts in the shape each tool gives (no tool needed): Markdown emphasis
// and pandoc's spans inside labels and numbers (masked, offsets kept: parse/source.ts), a heading split over lines
// by a raw tag, docx2txt's cells run together (parse/lines.ts), numbers one a paragraph (pdftotext). The numbers
// are the corpus reports' (hongze-2023, hongze-2024, changchun-2019-format).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from './helpers.mjs';
/** @import { Analysis } from '../../server/src/engine/index.ts' */

/** A table's rows as `KEY:v,v,v` (numbers, `blank`, or the value's kind). @param {Analysis} a @param {string} id */
const rows = (a, id) =>
  a.model.tables
    .find((t) => t.id === id)
    ?.rows.map((r) => `${r.key}:${r.cells.map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind)).join(',')}`);

/** A 2021 report's 二 as pandoc writes a WPS .docx to markdown: a simple table, `**bold**` runs inside numbers. */
const PANDOC_SIMPLE = [
  '二、主动公开政府信息情况',
  '',
  '  ---------------------- -------------------- ----------------- ------------------',
  '  第二十条第（一）项',
  '  信息内容               本年制发件数         本年废止件数      现行有效件数',
  '  规章                   **0**                0                 0',
  '  行政规范性文件         **3**                0                 **8**',
  '  第二十条第（五）项',
  '  信息内容               本年处理决定数量',
  '  行政许可               94**87**',
  '  第二十条第（六）项',
  '  信息内容               本年处理决定数量',
  '  行政处罚               **2**7**7**6',
  '  行政强制               8**4**',
  '  ---------------------- -------------------- ----------------- ------------------',
].join('\n');

test("pandoc's **bold** inside a number is markup: 94**87** reads 9487, **2**7**7**6 reads 2776", () => {
  const a = engine.analyse(PANDOC_SIMPLE);
  assert.deepEqual(rows(a, 'S2_一'), ['GZ:0,0,0', 'GF:3,0,8']);
  assert.deepEqual(rows(a, 'S2_五'), ['XK:9487']);
  assert.deepEqual(rows(a, 'S2_六'), ['CF:2776', 'QZ:84']);
  // offsets are kept: the cell's span is the number with its markup inside, in the text as written
  const xk = a.model.tables.find((t) => t.id === 'S2_五')?.rows[0]?.cells[0];
  assert.equal(xk && PANDOC_SIMPLE.slice(xk.span.start, xk.span.end), '94**87');
});

test('only markup joins digits: a space, a TAB or a | between two numbers is a cell boundary', () => {
  const spaced = engine.analyse(
    ['二、主动公开政府信息情况', '第二十条第（一）项', '信息内容 本年制发件数 本年废止件数 现行有效件数', '规章 **1** **0** **1**'].join(
      '\n',
    ),
  );
  assert.deepEqual(rows(spaced, 'S2_一'), ['GZ:1,0,1']);
  const piped = engine.analyse(
    ['二、主动公开政府信息情况', '| 第二十条第（一）项 | | | |', '|---|---|---|---|', '| 规章 | **1**|**0** | 1 |'].join('\n'),
  );
  assert.deepEqual(rows(piped, 'S2_一'), ['GZ:1,0,1']);
  const tabbed = engine.analyse(['二、主动公开政府信息情况', '\t第二十条第（一）项', '\t规章\t**1**\t**0**\t1'].join('\n'));
  assert.deepEqual(rows(tabbed, 'S2_一'), ['GZ:1,0,1']);
});

test("pandoc's [text]{style=…} spans: a heading, a label and a number split by them read whole", () => {
  const span = (/** @type {string} */ t, font = '\\"Times New Roman\\"') => `[${t}]{style="font-family:${font};mso-bidi-font-family:宋体"}`;
  const text = [
    `${span('二、主动')}${span('公开政府', '仿宋_GB2312')}${span('信息情况')}[]{lang="EN-US"}`,
    '',
    `  ${span('第二十条')}${span('第（五）项', '仿宋_GB2312')}`,
    `  ${span('信息')}${span('内容')}   ${span('上一年项目数量')}   ${span('本年增/减')}   ${span('处理决定数量')}`,
    `  ${span('行政')}${span('许可')}     ${span('1')}${span('2', '仿宋_GB2312')}     ${span('-')}${span('1')}     ${span('9')}${span('5')}`,
    `  ${span('第二十条')}${span('第（九）项', '仿宋_GB2312')}`,
    `  ${span('信息内容')}   ${span('采购项目数量')}   ${span('采购总金额')}`,
    `  ${span('政府集中采购')}     ${span('3')}     ${span('160')}${span('.5964')}`,
  ].join('\n');
  const a = engine.analyse(text);
  assert.deepEqual(
    a.model.sections.map((s) => s.heading.normalized),
    ['二、主动公开政府信息情况'],
  );
  // the 2019 format's labels (上一年项目数量) are found though spans split them: its columns
  assert.deepEqual(rows(a, 'S2_五'), ['XK:12,-1,95']);
  assert.deepEqual(rows(a, 'S2_九'), ['CG:3,160.5964']);
});

test("a raw <span> whose tag a line break splits (pandoc gfm of Word's page) leaves the heading one line", () => {
  const text = [
    '一、总体情况',
    '本年度工作情况。',
    '<span',
    'style="font-family:&quot;Times New Roman&quot;;mso-bidi-font-family:宋体">四、政府信息公</span><span',
    'style="font-family:仿宋_GB2312;mso-bidi-font-family:宋体">开行政复议、行</span><span',
    'style="font-family:&quot;Times New Roman&quot;;mso-bidi-font-family:宋体">政诉讼情况</span>',
    '',
    '五、存在的主要问题及改进情况',
  ].join('\n');
  const a = engine.analyse(text);
  assert.deepEqual(
    a.model.sections.map((s) => `${s.id}:${s.heading.normalized}`),
    ['1:一、总体情况', '4:四、政府信息公开行政复议、行政诉讼情况', '5:五、存在的主要问题及改进情况'],
  );
});

test('text that is no Markdown keeps its _ and * (html2text fills, a lone footnote star)', () => {
  const a = engine.analyse(['二、主动公开政府信息情况', '第二十条第（一）项', '规章 1 0 1', '*注：规章_数量 0_____'].join('\n'));
  assert.deepEqual(rows(a, 'S2_一'), ['GZ:1,0,1']);
});

/** hongze-2024's 二 and the start of 三 as docx2txt writes the WPS .docx: paragraphs and cells run together. */
const DOCX2TXT = [
  '淮安市洪泽区人民政府',
  '2024\t年政府信息公开工作年度报告本报告由淮安市洪泽区人民政府办公室编制。',
  '一、总体情况2024\t年，淮安市洪泽区人民政府坚持以习近平新时代中国特',
  '色社会主义思想为指导，有力服务保障我区经济社会高质量发展。',
  '载党中央、国务院重大方针政策。二、主动公开政府信息情况',
  '第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件308第二十条第（五）项信息内容本年处理决定数量行政许可9487第二十条第（六）项信息内容本年处理决定数量行政处罚2776行政强制84第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费7545三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
].join('\n');

test("docx2txt's cells run together: the short lines are cut at their structure, headings run into text found", () => {
  const a = engine.analyse(DOCX2TXT);
  assert.deepEqual(
    a.model.sections.map((s) => s.id),
    [1, 2, 3],
  );
  assert.deepEqual(rows(a, 'S2_一'), ['GZ:0,0,0', 'GF:3,0,8']);
  assert.deepEqual(rows(a, 'S2_五'), ['XK:9487']);
  assert.deepEqual(rows(a, 'S2_六'), ['CF:2776', 'QZ:84']);
  assert.deepEqual(rows(a, 'S2_八'), ['SF:7545']);
});

test('prose with a few numbers in it is not taken for cells run together', () => {
  const text = [
    '一、总体情况',
    '2024年，我区在政府网站平台主动发布各类政府信息2428条，公开政府常务会议7期，解读信息发布7条，受理申请17件。',
    '二、主动公开政府信息情况',
  ].join('\n');
  const a = engine.analyse(text);
  assert.deepEqual(
    a.model.sections.map((s) => s.id),
    [1, 2],
  );
  assert.equal(a.model.tables.length, 0);
});

test("numbers one a paragraph (pdftotext's 四: 10 ⏎⏎ 1 ⏎⏎ 0 …) are cells of their own, never one run", () => {
  const nums = [10, 1, 0, 0, 11, 0, 0, 0, 0, 0, 5, 0, 0, 0, 5];
  const text = [
    '四、政府信息公开行政复议、行政诉讼情况',
    '行政复议',
    '',
    '行政诉讼',
    '结果',
    '维持',
    '',
    '结果',
    '纠正',
    '',
    '其他',
    '结果',
    '',
    '尚未',
    '总 计 结果 结果 其他',
    '审结',
    '维持 纠正 结果',
    '',
    ...nums.flatMap((n) => [String(n), '']),
    '五、存在的主要问题及改进情况',
  ].join('\n');
  assert.deepEqual(rows(engine.analyse(text), 'S4'), [`R:${nums.join(',')}`]);
});
