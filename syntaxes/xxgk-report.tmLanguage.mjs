// Source of syntaxes/xxgk-report.tmLanguage.json (regexes are unreadable
// once double-escaped in JSON). Run `node syntaxes/xxgk-report.tmLanguage.mjs`
// after editing; test/grammar checks the JSON is up to date.
//
// Colouring only: the language server does the real reading. Patterns are
// anchored to table-cell boundaries (line start, TAB, `|`) so that prose
// mentioning a label (“规章和规范性文件”) is left alone.

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIGIT = '[0-9０-９]';
const NUMBER = `${DIGIT}+(?:[.．]${DIGIT}+)?`;
/** Start of a cell: line start, or just after a TAB, a pipe, or a stripped Word bookmark. */
const CELL_START = '(?:^|(?<=[\\t|\\]]))[ \\u3000]*';
/** End of a cell: TAB, pipe, end of line, or spaces before a number (PDF copies). */
const CELL_END = '(?=[ \\u3000]*(?:[\\t|]|$)|[ \\u3000]+[0-9０-９])';
/** Not inside a longer run of text: only whitespace or a pipe on either side. */
const ALONE_BEFORE = '(?<![^\\t| \\u3000])';
// vscode-textmate hands each line over with its "\n".
const ALONE_AFTER = '(?![^\\t| \\u3000\\r\\n])';
const OPEN = '[（(]\\s*';
const CLOSE = '\\s*[)）]';

const S2_ROWS = ['规章', '行政规范性文件', '规范性文件', '行政许可', '其他对外管理服务事项', '行政处罚', '行政强制', '行政事业性收费', '政府集中采购'];
const S3_TOP_ROWS = '[一二四]、\\s*(?:本年新收政府信息公开申请数量|上年结转政府信息公开申请数量|结转下年度继续办理)';
const S3_GROUPS = `(?:三、\\s*本年度办理结果|${OPEN}[三四五六]${CLOSE}\\s*(?:不予\\s*公开|无法\\s*提供|不予\\s*处理|其他\\s*处理))`;
const S3_RESULTS = `${OPEN}[一二]${CLOSE}\\s*(?:予以公开|部分公开(?:${OPEN}[^）)\\t|]*${CLOSE}?)?)`;
// Numbered rows: a distinctive start, then the rest of the cell (long labels also wrap or carry typos).
const S3_NUMBERED = [
  '属于国家秘密', '其他法律', '危及', '保护第三方', '属于三类内', '属于四类过程性信息', '属于行政执法案卷', '属于行政查询事项',
  '本机关不掌握', '没有现成信息', '补正后申请内容', '信访举报投诉', '重复申请', '要求提供公开出版物', '无正当理由大量反复',
  '要求行政机关确认', '申请人无正当理由逾期不补正', '申请人逾期未按收费通知', '其他',
];
const NUMBERED_ROW = `[1-8１-８]\\s*[.．、]\\s*(?:${S3_NUMBERED.join('|')})[^\\t|0-9０-９]*?`;
const TOTAL_ROW = `${OPEN}七${CLOSE}\\s*总\\s*计`;
const HEADERS = [
  '信息内容', '本年制发件数', '本年废止件数', '现行有效件数', '本年处理决定数量', '本年收费金额[（(]单位[：:]万元[)）]',
  '本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '本年增/减', '处理决定数量', '采购项目数量', '采购总金额',
  '申请人情况', '自然人', '法人或其他组织', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计',
  '行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', '结果维持', '结果纠正', '其他结果', '尚未审结',
];
const SUB_HEADING_NOT = '(?!\\s*(?:予以公开|部分公开|不予|无法|其他处理|总计))';
const S3_ROW_START = /** The section 三 rows that begin with 一、…四、 are table rows, not headings. */ '本年新收|上年结转|本年度办理结果|结转下年度';

const scope = (name) => `${name}.xxgk-report`;

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Government Information Disclosure Annual Report',
  scopeName: 'text.xxgk-report',
  fileTypes: ['xxgk'],
  patterns: [
    { include: '#artefacts' },
    { include: '#title' },
    { include: '#section-heading' },
    { include: '#table-caption' },
    { include: '#balance-note' },
    { include: '#table-row' },
    { include: '#column-header' },
    { include: '#sub-heading' },
    { include: '#number-row' },
    { include: '#trailing-numbers' },
    { include: '#separators' },
  ],
  repository: {
    artefacts: {
      patterns: [
        { name: scope('comment.other.bookmark'), match: '\\[bookmark:[^\\]]*\\]' },
        { name: scope('comment.other.page-marker'), match: '^[ \\t]*[-－—]\\s*\\d+\\s*[-－—][ \\t]*$' },
      ],
    },
    title: {
      match: '^[ \\u3000]*(#+[ \\t]*)?([^\\t|。，]{0,50}政府信息公开工作年度报告)[ \\t\\u3000]*$',
      captures: { 1: { name: scope('punctuation.definition.heading') }, 2: { name: scope('markup.heading.title') } },
    },
    'section-heading': {
      match: `^[ \\u3000]*(#+[ \\t]*)?(([一二三四五六])(、)(?!\\s*(?:${S3_ROW_START}))[^\\t|。，；]{2,40}?)[ \\t\\u3000]*$`,
      captures: {
        1: { name: scope('punctuation.definition.heading') },
        2: { name: scope('markup.heading.section') },
        3: { name: scope('constant.numeric.section-number') },
        4: { name: scope('punctuation.separator.section-number') },
      },
    },
    'sub-heading': {
      match: `^[ \\u3000]*(#+[ \\t]*)?(${OPEN}[一二三四五六七八九十]{1,3}${CLOSE}${SUB_HEADING_NOT}[^。\\t|：:]{1,30})(?=[。：:]|[ \\t]*$)`,
      captures: { 1: { name: scope('punctuation.definition.heading') }, 2: { name: scope('markup.heading.subsection') } },
    },
    'table-caption': {
      match: `${CELL_START}(第二十条\\s*第${OPEN}[一二三四五六七八九十]+${CLOSE}项)`,
      captures: { 1: { name: scope('entity.name.type.table-caption') } },
    },
    'balance-note': {
      match: `${OPEN}本列数据的勾稽关系为[^）)\\t|]*(?:${CLOSE})?`,
      name: scope('comment.line.balance-note'),
    },
    // Not entity.other.attribute-name nor support.type.property-name: Light+ paints both red (only JSON's
    // keys are blue), and a header is not an error. variable.other.property: navy in Light+, light blue in Dark+.
    'column-header': {
      match: `${ALONE_BEFORE}(?:${HEADERS.join('|')})${ALONE_AFTER}`,
      name: scope('variable.other.property.column-header'),
    },
    // A row starts with its label; numbers and further labels follow on the same line.
    'table-row': {
      patterns: [
        {
          begin: `${CELL_START}(${TOTAL_ROW})${CELL_END}`,
          beginCaptures: { 1: { name: `${scope('entity.name.tag.row-label.total')} ${scope('markup.bold.total')}` } },
          end: '$',
          name: scope('meta.table-row.total'),
          patterns: [{ include: '#artefacts' }, { include: '#separators' }, { match: `${ALONE_BEFORE}${NUMBER}${ALONE_AFTER}`, name: scope('constant.numeric.total') }],
        },
        {
          begin: `${CELL_START}(${S3_GROUPS})${CELL_END}`,
          beginCaptures: { 1: { name: scope('entity.name.tag.row-label.group') } },
          end: '$',
          name: scope('meta.table-row'),
          patterns: [{ include: '#row-content' }],
        },
        {
          begin: `${CELL_START}(${S3_TOP_ROWS}|${S3_RESULTS}|${NUMBERED_ROW}|${S2_ROWS.join('|')})${CELL_END}`,
          beginCaptures: { 1: { name: scope('entity.name.tag.row-label') } },
          end: '$',
          name: scope('meta.table-row'),
          patterns: [{ include: '#row-content' }],
        },
      ],
    },
    'row-content': {
      patterns: [
        { include: '#artefacts' },
        { include: '#table-row' },
        // PDF copies separate a group cell from its first row by a space: （四）无法提供 1.本机关不掌握…
        { match: `(?<=[ \\u3000])(${NUMBERED_ROW})${CELL_END}`, captures: { 1: { name: scope('entity.name.tag.row-label') } } },
        { include: '#separators' },
        { include: '#cell-number' },
      ],
    },
    'cell-number': { match: `${ALONE_BEFORE}${NUMBER}${ALONE_AFTER}`, name: scope('constant.numeric') },
    // Lines of numbers only: a cell per line (Word export) or the section 四 data row.
    'number-row': {
      begin: `^(?=[\\t |]*${NUMBER}(?:[\\t |]+${NUMBER})*[\\t |]*$)`,
      end: '$',
      name: scope('meta.table-row.numbers'),
      patterns: [{ include: '#separators' }, { include: '#cell-number' }],
    },
    // A run of three or more numbers ending a line: a row whose label wrapped onto the line before (PDF copies).
    'trailing-numbers': {
      begin: `(?<=[ \\t\\u3000])(?=${NUMBER}(?:[ \\t\\u3000]+${NUMBER}){2,}[ \\t\\u3000]*$)`,
      end: '$',
      name: scope('meta.table-row.numbers'),
      patterns: [{ include: '#separators' }, { include: '#cell-number' }],
    },
    separators: {
      patterns: [
        { name: scope('punctuation.definition.table-delimiter'), match: '^[ \\t]*\\|?(?:[ \\t]*:?-{3,}:?[ \\t]*\\|)+(?:[ \\t]*:?-{3,}:?[ \\t]*)?$' },
        { name: scope('punctuation.separator.table-cell.tab'), match: '\\t' },
        { name: scope('punctuation.separator.table-cell.pipe'), match: '\\|' },
      ],
    },
  },
};

export default grammar;

const out = fileURLToPath(new URL('./xxgk-report.tmLanguage.json', import.meta.url));
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(out, JSON.stringify(grammar, null, 2) + '\n');
  console.log(`wrote ${out}`);
}
