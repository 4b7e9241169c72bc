// @ts-check
// Variants made from the fixtures: each changes a real report in one way a
// clerk or an export might, and states the findings it must produce.
// `expect` lists [rule, line] for every error and warning (or every finding
// when `all` is set); a line is a 1-based number or a substring of the
// variant's text (its first line containing it).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** @import { FormatVersion, Severity } from '../../server/src/engine/index.ts' */

/** @param {string} p */
const fixture = (p) => readFileSync(fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url)), 'utf8');

export const BASES = {
  shandong: 'corpus/shandong-guodongban-2023.txt',
  changchun: 'corpus/changchun-guodongban-2023.txt',
  hongze23: 'corpus/hongze-2023.txt',
  hongze24: 'corpus/hongze-2024.txt',
  markdown: 'made/changchun-2023.md',
  format2019: 'made/changchun-2019-format.txt',
};

/** @typedef {keyof typeof BASES} BaseName */

/** @param {BaseName} name */
export function baseText(name) {
  return fixture(BASES[name]);
}

// ---------------------------------------------------------------- edit helpers

/** @typedef {(text: string) => string} Edit */

/** @param {string} find @param {string} by @returns {Edit} */
function replace(find, by, nth = 0) {
  return (text) => {
    let at = -1;
    for (let i = 0; i <= nth; i++) {
      at = text.indexOf(find, at + 1);
      if (at < 0) throw new Error(`variant edit: “${find}” not found`);
    }
    return text.slice(0, at) + by + text.slice(at + find.length);
  };
}
/** @param {string} text */
const lines = (text) => text.split('\n');
/** @param {number} n @param {string} value @returns {Edit} */
function setLine(n, value) {
  return (text) => {
    const ls = lines(text);
    if (n < 1 || n > ls.length) throw new Error(`no line ${n}`);
    ls[n - 1] = value;
    return ls.join('\n');
  };
}
/** @param {number} from @returns {Edit} */
function deleteLines(from, to = from) {
  return (text) => {
    const ls = lines(text);
    ls.splice(from - 1, to - from + 1);
    return ls.join('\n');
  };
}
/** @param {string} containing @returns {Edit} */
function deleteLine(containing) {
  return (text) => {
    const ls = lines(text);
    const i = ls.findIndex((l) => l.includes(containing));
    if (i < 0) throw new Error(`variant edit: no line with “${containing}”`);
    ls.splice(i, 1);
    return ls.join('\n');
  };
}
/** @param {string} fromContaining @param {string} toContaining @returns {Edit} */
function cut(fromContaining, toContaining) {
  return (text) => {
    const a = text.indexOf(fromContaining);
    const b = text.indexOf(toContaining, a + 1);
    if (a < 0 || b < 0) throw new Error(`variant edit: cut ${fromContaining}…${toContaining}`);
    return text.slice(0, a) + text.slice(b);
  };
}
/** @type {(...edits: Edit[]) => Edit} */
const all =
  (...edits) =>
  (text) =>
    edits.reduce((t, e) => e(t), text);

// ---------------------------------------------------------------- the variants

/**
 * A real report changed in one way, with the findings it must produce.
 * @typedef {object} Variant
 * @property {string} name
 * @property {BaseName} base the fixture it is made from
 * @property {Edit} edit
 * @property {[rule: string, where: string | number][]} expect `[rule, line]`: a 1-based line, or a substring of its first line
 * @property {boolean} [all] `expect` lists every finding, not only errors and warnings
 * @property {boolean} [notReport] the text is not an annual report
 * @property {FormatVersion} [format] the format the report must be read as
 * @property {string} [message] a substring some finding's Chinese message must contain
 * @property {Record<string, Severity>} [severity] the severity of the finding on the first line containing each key
 */

/** @type {Variant[]} */
export const VARIANTS = [
  // sum-mismatch, in every layout
  {
    name: 'cpl-total-wrong',
    base: 'shandong',
    edit: setLine(344, '\t4'),
    expect: [
      ['sum-mismatch', 344],
      ['balance-mismatch', 344],
    ],
    message: '行、列合计都应为 3',
  },
  {
    name: 'cpl-crossing-cell',
    base: 'shandong',
    edit: setLine(108, '\t2'),
    expect: [
      ['sum-mismatch', 114],
      ['sum-mismatch', 338],
    ],
  },
  {
    name: 'tsv-row-total',
    base: 'changchun',
    edit: replace('0\t0\t0\t0\t59', '0\t0\t0\t0\t58'),
    expect: [
      ['sum-mismatch', '58'],
      ['balance-mismatch', '(七) 总计'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'tsv-crossing-cell',
    base: 'changchun',
    edit: replace('予以公开\t25', '予以公开\t26'),
    expect: [
      ['sum-mismatch', '予以公开'],
      ['sum-mismatch', '(七) 总计'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
    message: '交叉处',
  },
  {
    name: 'space-litigation-total',
    base: 'hongze24',
    edit: replace('1 1 0 0 2 1', '1 1 0 0 3 1'),
    expect: [
      ['government-accountability', '（五）政府信息公开监督保障'],
      ['sum-mismatch', '1 1 0 0 3 1'],
      ['nonstandard-label', '其他法律行政止公开'],
      ['collapsed-row', '（六）其他处理'],
    ],
  },
  {
    name: 'space-results-total',
    base: 'hongze24',
    edit: replace('（七）总计 95 0 0 0 0 0 95', '（七）总计 94 0 0 0 0 0 94'),
    expect: [
      ['government-accountability', '（五）政府信息公开监督保障'],
      ['sum-mismatch', '（七）总计'],
      ['sum-mismatch', '（七）总计'],
      ['balance-mismatch', '（七）总计'],
      ['balance-mismatch', '（七）总计'],
      ['nonstandard-label', '其他法律行政止公开'],
      ['collapsed-row', '（六）其他处理'],
    ],
  },
  {
    name: 'md-row-total',
    base: 'markdown',
    edit: replace('| 7 | 0 | 0 | 0 | 0 | 0 | 7 |', '| 7 | 0 | 0 | 0 | 0 | 0 | 8 |'),
    expect: [
      ['sum-mismatch', '不掌握'],
      ['sum-mismatch', '（七）总计'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'hongze23-as-published',
    base: 'hongze23',
    edit: (t) => t,
    expect: [
      ['government-accountability', '（五）政府信息公开监督保障'],
      ['sum-mismatch', 138],
      ['sum-mismatch', 138],
      ['nonstandard-label', 90],
      ['collapsed-row', 109],
    ],
  },
  {
    name: 'collapsed-group-counts',
    base: 'hongze24',
    edit: replace('（六）其他处理 0 0 0 0 0 0 0', '（六）其他处理 2 0 0 0 0 0 2'),
    expect: [
      ['government-accountability', '（五）政府信息公开监督保障'],
      ['sum-mismatch', '（七）总计'],
      ['sum-mismatch', '（七）总计'],
      ['nonstandard-label', '其他法律行政止公开'],
      ['collapsed-row', '（六）其他处理'],
    ],
  },

  // balance-mismatch
  {
    name: 'tsv-carry-forward',
    base: 'changchun',
    edit: replace('四、结转下年度继续办理\t\t3\t4\t0\t0\t0\t0\t7', '四、结转下年度继续办理\t\t2\t4\t0\t0\t0\t0\t6'),
    expect: [
      ['balance-mismatch', '(七) 总计'],
      ['balance-mismatch', '(七) 总计'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'tsv-misfiled-column',
    base: 'changchun',
    edit: replace('\t\t50\t9\t0\t0\t0\t0\t59', '\t\t49\t9\t0\t0\t0\t1\t59'),
    expect: [
      ['balance-mismatch', '(七) 总计'],
      ['balance-mismatch', '(七) 总计'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
    message: '错误的申请人列',
  },
  {
    name: 'cpl-carried-over',
    base: 'shandong',
    edit: all(setLine(98, '\t1'), setLine(104, '\t1')),
    expect: [
      ['balance-mismatch', 338],
      ['balance-mismatch', 344],
    ],
  },

  // a number that lost its leading TAB in Word's cell-per-line export: still the row's value, and said
  { name: 'cpl-lost-tab', base: 'shandong', edit: setLine(98, '0'), expect: [['text-artefact', 98]] },
  { name: 'cpl-lost-tab-after-value', base: 'shandong', edit: setLine(108, '1'), expect: [['text-artefact', 108]] },

  // fused digits (text that lost its cell separators): split only when the sums leave one reading
  {
    name: 'fused-row-split',
    base: 'hongze24',
    edit: replace('（一）予以公开 50 0 0 0 0 0 50', '（一）予以公开500000050'),
    expect: [
      ['government-accountability', '（五）政府信息公开监督保障'],
      ['nonstandard-label', '其他法律行政止公开'],
      ['collapsed-row', '（六）其他处理'],
    ],
  },
  {
    name: 'fused-row-by-column-sums',
    base: 'hongze24',
    edit: all(
      replace('（一）予以公开 50 0 0 0 0 0 50', '（一）予以公开500000050'),
      replace('（七）总计 95 0 0 0 0 0 95', '（七）总计950000095'),
    ),
    expect: [
      ['government-accountability', '（五）政府信息公开监督保障'],
      ['nonstandard-label', '其他法律行政止公开'],
      ['collapsed-row', '（六）其他处理'],
    ],
  },
  {
    name: 'fused-row-no-sums',
    base: 'hongze24',
    edit: replace('行政规范性文件 3 0 8', '行政规范性文件3108'),
    expect: [
      ['government-accountability', '（五）政府信息公开监督保障'],
      ['fused-digits', '行政规范性文件3108'],
      ['nonstandard-label', '其他法律行政止公开'],
      ['collapsed-row', '（六）其他处理'],
    ],
  },
  {
    name: 'fused-row-impossible',
    base: 'hongze24',
    edit: replace('（一）予以公开 50 0 0 0 0 0 50', '（一）予以公开500000051'),
    expect: [
      ['government-accountability', '（五）政府信息公开监督保障'],
      ['fused-digits', '予以公开500000051'],
      ['nonstandard-label', '其他法律行政止公开'],
      ['collapsed-row', '（六）其他处理'],
    ],
  },

  // fewer numbers than columns with no cell separators (a web table's empty cells vanished): placed by the sums, or not read
  {
    name: 'short-row-placed-by-column-sums',
    base: 'hongze24',
    edit: replace('（一）予以公开 50 0 0 0 0 0 50', '（一）予以公开 50 50'),
    expect: [
      ['government-accountability', '（五）政府信息公开监督保障'],
      ['blank-cell', '（一）予以公开 50 50'],
      ['blank-cell', '（一）予以公开 50 50'],
      ['blank-cell', '（一）予以公开 50 50'],
      ['blank-cell', '（一）予以公开 50 50'],
      ['blank-cell', '（一）予以公开 50 50'],
      ['nonstandard-label', '其他法律行政止公开'],
      ['collapsed-row', '（六）其他处理'],
    ],
  },
  {
    name: 'short-row-unplaceable',
    base: 'hongze24',
    edit: replace('行政规范性文件 3 0 8', '行政规范性文件 3 8'),
    expect: [
      ['government-accountability', '（五）政府信息公开监督保障'],
      ['fused-digits', '行政规范性文件 3 8'],
      ['nonstandard-label', '其他法律行政止公开'],
      ['collapsed-row', '（六）其他处理'],
    ],
  },

  // sections
  // the heading is missing while the content is there: said where the content starts (not "the section is absent")
  {
    name: 'headless-section-6-space',
    base: 'hongze24',
    edit: deleteLine('六、其他需要报告的事项'),
    expect: [
      ['government-accountability', '（五）政府信息公开监督保障'],
      ['missing-section', '2024 年，区政府严格落实'],
      ['nonstandard-label', '其他法律行政止公开'],
      ['collapsed-row', '（六）其他处理'],
    ],
  },
  {
    name: 'missing-section-5',
    base: 'changchun',
    edit: deleteLine('五、存在的主要问题及改进情况'),
    expect: [
      ['missing-section', '2023年，国动办政务公开'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'missing-section-6-cpl',
    base: 'shandong',
    edit: (t) => t.slice(0, t.indexOf('六、其他需要报告的事项')),
    expect: [['missing-section', '山东省国防动员办公室']],
  },
  {
    name: 'missing-heading-4-space',
    base: 'hongze24',
    edit: deleteLine('四、政府信息公开行政复议、行政诉讼情况'),
    expect: [
      ['government-accountability', '（五）政府信息公开监督保障'],
      ['missing-section', '行政复议 行政诉讼'],
      ['nonstandard-label', '其他法律行政止公开'],
      ['collapsed-row', '（六）其他处理'],
    ],
  },
  {
    name: 'missing-section-2-tsv',
    base: 'changchun',
    edit: cut('二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况'),
    expect: [
      ['missing-section', '三、收到和处理'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'section-order',
    base: 'changchun',
    edit: (t) => {
      const a = t.indexOf('五、存在的主要问题');
      const b = t.indexOf('六、其他需要报告');
      return t.slice(0, a) + t.slice(b) + '\n' + t.slice(a, b);
    },
    expect: [
      ['section-order', '五、存在的主要问题'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'duplicate-section',
    base: 'changchun',
    edit: (t) => t + '\n六、其他需要报告的事项\n\n无。\n',
    expect: [
      ['duplicate-section', 89],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'md-missing-section-3',
    base: 'markdown',
    edit: cut('## 三、收到和处理', '## 四、政府信息公开'),
    expect: [['missing-section', '## 四、']],
  },

  // tables and rows
  {
    name: 'missing-table-fee',
    base: 'changchun',
    edit: all(deleteLine('第二十条 第（八）项'), deleteLine('本年收费金额'), deleteLine('行政事业性收费')),
    expect: [
      ['missing-table', '二、主动公开'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  { name: 'missing-table-4-cpl', base: 'shandong', edit: deleteLines(357, 405), expect: [['missing-table', 356]] },
  { name: 'missing-table-3-md', base: 'markdown', edit: cut('| （本列数据', '## 四、'), expect: [['missing-table', '## 三、']] },
  {
    name: 'missing-row-tsv',
    base: 'changchun',
    edit: deleteLine('3.危及'),
    expect: [
      ['missing-row', '4.保护第三方'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  { name: 'missing-row-cpl', base: 'shandong', edit: deleteLines(259, 269), expect: [['missing-row', '3.要求提供公开出版物']] },
  {
    name: 'missing-row-space',
    base: 'hongze24',
    edit: deleteLine('8.属于行政查询事项'),
    expect: [
      ['government-accountability', '（五）政府信息公开监督保障'],
      ['missing-row', '1.本机关不掌握'],
      ['nonstandard-label', '其他法律行政止公开'],
      ['collapsed-row', '（六）其他处理'],
    ],
  },
  {
    name: 'missing-row-md',
    base: 'markdown',
    edit: deleteLine('| 2.重复申请'),
    expect: [
      ['missing-row', '3.要求提供公开出版物'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'truncated-table',
    base: 'changchun',
    edit: (t) => t.slice(0, t.indexOf('(五) 不予处理')),
    expect: [
      ['missing-row', '3.补正后'],
      ['missing-row', '3.补正后'],
      ['missing-row', '3.补正后'],
      ['missing-row', '3.补正后'],
      ['missing-row', '3.补正后'],
      ['missing-row', '3.补正后'],
      ['missing-row', '3.补正后'],
      ['missing-row', '3.补正后'],
      ['missing-row', '3.补正后'],
      ['missing-row', '3.补正后'],
      ['missing-section', '长春市国动办'],
      ['missing-section', '长春市国动办'],
      ['missing-section', '长春市国动办'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'unreadable-table',
    base: 'changchun',
    edit: (t) => t.replace(/^([^\t\n]*\t)*?(\d\.|\(.\) )[^\t\n]+/gm, (m) => m.replace(/[\u4e00-\u9fff“”]+/g, '某项')),
    expect: [['unreadable-table', '某项']],
  },
  {
    name: 'not-a-report',
    base: 'changchun',
    edit: () => '会议纪要\n\n今天讨论了三件事。\n一是预算，\t12\t13\n二是人事。\n',
    expect: [],
    notReport: true,
  },

  // labels
  {
    name: 'label-typo-known-cpl',
    base: 'shandong',
    edit: replace('5.属于三类内部事务信息', '5.属于三类内容事务信息'),
    expect: [['nonstandard-label', '内容事务']],
  },
  {
    name: 'label-typo-fuzzy-tsv',
    base: 'changchun',
    edit: replace('1.本机关不掌握相关政府信息', '1.本机关不掌握相关政府讯息'),
    expect: [
      ['nonstandard-label', '政府讯息'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'label-typo-fuzzy-space',
    base: 'hongze24',
    edit: replace('（一）予以公开', '（一）予已公开'),
    expect: [
      ['government-accountability', '（五）政府信息公开监督保障'],
      ['nonstandard-label', '予已公开'],
      ['nonstandard-label', '其他法律行政止公开'],
      ['collapsed-row', '（六）其他处理'],
    ],
  },
  {
    name: 'label-half-width-and-spaces',
    base: 'hongze24',
    edit: all(replace('（一）予以公开', '(一) 予以 公开'), replace('2.其他法律行政止公开', '2. 其他法律 行政法规禁止公开')),
    expect: [
      ['government-accountability', '（五）政府信息公开监督保障'],
      ['collapsed-row', '（六）其他处理'],
    ],
  },
  {
    name: 'heading-variant-hint',
    base: 'changchun',
    edit: replace('二、主动公开政府信息情况', '二、行政机关主动公开政府信息情况'),
    all: true,
    expect: [
      ['overview-topics', '一、总体情况'],
      ['overview-topics', '一、总体情况'],
      ['nonstandard-label', '二、行政机关'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
    severity: { '二、行政机关': 'hint' },
  },
  {
    name: 'heading-numeral-only',
    base: 'changchun',
    edit: replace('五、存在的主要问题及改进情况', '五、问题与改进'),
    expect: [
      ['nonstandard-label', '五、问题与改进'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },

  // numbers
  {
    name: 'text-in-cell-tsv',
    base: 'changchun',
    edit: replace('2.其他法律行政法规禁止公开\t0', '2.其他法律行政法规禁止公开\tabc'),
    expect: [
      ['invalid-number', '2.其他法律'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'chinese-numeral-tsv',
    base: 'changchun',
    edit: replace('行政许可\t95', '行政许可\t九十五'),
    expect: [
      ['invalid-number', '九十五'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    // read as 1095 (digit-grouping says so, as info); a number wrongly grouped is no plain number
    name: 'thousands-separator',
    base: 'changchun',
    edit: replace('行政许可\t95', '行政许可\t1,095'),
    all: true,
    expect: [
      ['overview-topics', '一、总体情况'],
      ['overview-topics', '一、总体情况'],
      ['digit-grouping', '1,095'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'thousands-separator-misplaced',
    base: 'changchun',
    edit: replace('行政许可\t95', '行政许可\t1,0950'),
    expect: [
      ['invalid-number', '1,0950'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'negative-count',
    base: 'shandong',
    edit: all(setLine(108, '\t-1'), setLine(114, '\t-1'), setLine(338, '\t1'), setLine(344, '\t1'), setLine(89, '\t1'), setLine(95, '\t1')),
    expect: [
      ['prose-table-mismatch', '共收到信息公开申请3件'],
      ['invalid-number', 108],
      ['invalid-number', 114],
    ],
  },
  { name: 'fraction-count', base: 'shandong', edit: setLine(33, '\t8.5'), expect: [['invalid-number', 33]] },
  { name: 'fee-decimal-ok', base: 'shandong', edit: setLine(62, '\t0.35'), expect: [] },
  {
    name: 'full-width-digits',
    base: 'changchun',
    edit: replace('0\t0\t0\t0\t59', '0\t0\t0\t0\t５９'),
    all: true,
    expect: [
      ['overview-topics', '一、总体情况'],
      ['overview-topics', '一、总体情况'],
      ['full-width-digits', '５９'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },

  // blanks
  {
    name: 'blank-cell-tsv',
    base: 'changchun',
    edit: replace('2.重复申请\t0', '2.重复申请\t'),
    expect: [
      ['blank-cell', '2.重复申请'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  { name: 'blank-cell-cpl', base: 'shandong', edit: setLine(99, '\t'), expect: [['blank-cell', 99]] },
  {
    name: 'short-row-space',
    base: 'hongze24',
    edit: replace('8.属于行政查询事项 0 0 0 0 0 0 0', '8.属于行政查询事项 0 0 0 0 0 0'),
    expect: [
      ['government-accountability', '（五）政府信息公开监督保障'],
      ['blank-cell', '8.属于行政查询事项'],
      ['nonstandard-label', '其他法律行政止公开'],
      ['collapsed-row', '（六）其他处理'],
    ],
  },
  {
    name: 'blank-in-broken-sum-md',
    base: 'markdown',
    edit: replace('| 7 | 0 | 0 | 0 | 0 | 0 | 7 |', '|  | 0 | 0 | 0 | 0 | 0 | 7 |'),
    expect: [
      ['blank-cell', '不掌握'],
      ['sum-mismatch', '不掌握'],
      ['sum-mismatch', '（七）总计'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
    message: '空白',
  },
  {
    name: 'blank-fee-md',
    base: 'markdown',
    edit: replace('| 行政事业性收费 | 6510 |', '| 行政事业性收费 |  |'),
    expect: [
      ['blank-cell', '行政事业性收费'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },

  // encodings of the same text
  { name: 'crlf', base: 'shandong', edit: (t) => t.replace(/\n/g, '\r\n'), expect: [] },
  {
    name: 'bom',
    base: 'changchun',
    edit: (t) => '\ufeff' + t,
    expect: [
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'astral-and-rtl-prose',
    base: 'changchun',
    edit: replace('一、总体情况\n', '一、总体情况\n𠀀𠀁‮ 😀 文字\n'),
    expect: [
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'format-2019',
    base: 'format2019',
    edit: (t) => t,
    expect: [
      ['year-mismatch', '统计期限'],
      ['year-mismatch', '2023 年度本单位未收取'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
    format: '2019',
  },
  {
    name: 'format-2019-sum',
    base: 'format2019',
    edit: replace('(六) 其他处理\t\t0', '(六) 其他处理\t\t1'),
    expect: [
      ['year-mismatch', '统计期限'],
      ['year-mismatch', '2023 年度本单位未收取'],
      ['sum-mismatch', '(六) 其他处理'],
      ['sum-mismatch', '(七) 总计'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
    format: '2019',
  },
  {
    name: 'collapsed-in-tsv',
    base: 'changchun',
    edit: all(
      deleteLine('2.申请人逾期未按收费通知'),
      deleteLine('\t3.其他\t'),
      replace('(六) 其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0', '(六) 其他处理\t\t0'),
    ),
    expect: [
      ['collapsed-row', '(六) 其他处理'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  // regressions found by the fuzz campaign
  {
    name: 'md-broken-separator-line',
    base: 'markdown',
    edit: replace(
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --\n- | --- | --- |',
    ),
    expect: [
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'cpl-number-does-not-wrap',
    base: 'shandong',
    edit: setLine(344, '\t0\n3'),
    expect: [
      ['sum-mismatch', 344],
      ['balance-mismatch', 344],
    ],
  },
  // what the prose says (issue 11): prose against tables — the same quantity for the same body and year must agree
  {
    name: 'prose-received-differs-cpl',
    base: 'shandong',
    edit: replace('共收到信息公开申请3件', '共收到信息公开申请4件'),
    expect: [['prose-table-mismatch', '共收到信息公开申请4件']],
    message: '表格为 3',
  },
  {
    name: 'prose-normative-differs-cpl',
    base: 'shandong',
    edit: replace('现行有效规范性文件22件', '现行有效规范性文件21件'),
    expect: [['prose-table-mismatch', '现行有效规范性文件21件']],
  },
  {
    name: 'prose-handled-differs-tsv',
    base: 'changchun',
    edit: replace('处理依申请公开 59 条', '处理依申请公开 60 条'),
    expect: [
      ['prose-table-mismatch', '处理依申请公开 60 条'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'prose-lawsuits-space',
    base: 'hongze24',
    edit: replace('确保依\n申请答复工作规范高效。', '确保依\n申请答复工作规范高效。全年发生行政诉讼 5 件。'),
    expect: [
      ['prose-table-mismatch', '全年发生行政诉讼 5 件'],
      ['government-accountability', '（五）政府信息公开监督保障'],
      ['nonstandard-label', '其他法律行政止公开'],
      ['collapsed-row', '（六）其他处理'],
    ],
    message: '表格为 4',
  },
  // another scope (区政府办 for the 区政府, the table for the whole district): a hint, never an error
  {
    name: 'prose-other-scope-hint',
    base: 'hongze24',
    edit: (t) => t,
    expect: [
      ['government-accountability', '（五）政府信息公开监督保障'],
      ['nonstandard-label', '其他法律行政止公开'],
      ['collapsed-row', '（六）其他处理'],
    ],
    severity: { '信息公开申请 17 件': 'hint' },
  },
  {
    name: 'prose-part-hint',
    base: 'shandong',
    edit: replace('共收到信息公开申请3件，', '共收到信息公开申请3件，其中通过网上平台收到信息公开申请2件，'),
    expect: [],
    severity: { 其中通过网上平台: 'hint' },
  },
  // a change or another year is not compared
  {
    name: 'prose-change-silent',
    base: 'shandong',
    edit: replace('共收到信息公开申请3件，', '共收到信息公开申请3件，比上年多收到信息公开申请2件，'),
    expect: [],
  },
  {
    name: 'prose-other-year-silent',
    base: 'shandong',
    edit: replace('（二）依申请公开情况。2023年，', '（二）依申请公开情况。2022年，省国动办共收到信息公开申请5件。2023年，'),
    expect: [],
  },

  // years and dates
  {
    name: 'year-period-differs',
    base: 'changchun',
    edit: replace('统计期限自 2023 年 1 月 1 日至 2023 年 12 月 31 日', '统计期限自 2022 年 1 月 1 日至 2022 年 12 月 31 日'),
    expect: [
      ['year-mismatch', '统计期限'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'year-fee-statement-differs',
    base: 'changchun',
    edit: replace('2023 年度本单位未收取信息处理费', '2022 年度本单位未收取信息处理费'),
    expect: [
      ['year-mismatch', '2022 年度本单位'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'date-in-report-year',
    base: 'shandong',
    edit: replace('2024年1月9日', '2023年12月29日'),
    expect: [['year-mismatch', '2023年12月29日']],
  },
  {
    name: 'date-late-department',
    base: 'shandong',
    edit: replace('2024年1月9日', '2024年2月5日'),
    expect: [['late-report', '2024年2月5日']],
    message: '2024年1月31日',
  },
  {
    name: 'date-late-han-numerals',
    base: 'shandong',
    edit: replace('2024年1月9日', '二〇二四年二月十九日'),
    expect: [['late-report', '二〇二四年二月十九日']],
  },
  {
    name: 'date-government-in-time',
    base: 'hongze24',
    edit: (t) => `${t}\n淮安市洪泽区人民政府\n2025 年 3 月 20 日\n`,
    expect: [
      ['government-accountability', '（五）政府信息公开监督保障'],
      ['nonstandard-label', '其他法律行政止公开'],
      ['collapsed-row', '（六）其他处理'],
    ],
  },
  {
    name: 'date-late-government',
    base: 'hongze24',
    edit: (t) => `${t}\n淮安市洪泽区人民政府\n2025 年 4 月 8 日\n`,
    expect: [
      ['late-report', '2025 年 4 月 8 日'],
      ['government-accountability', '（五）政府信息公开监督保障'],
      ['nonstandard-label', '其他法律行政止公开'],
      ['collapsed-row', '（六）其他处理'],
    ],
    message: '2025年3月31日',
  },
  {
    name: 'missing-period-statement',
    base: 'changchun',
    edit: replace('本报告所列数据统计期限自 2023 年 1 月 1 日至 2023 年 12 月 31 日截止。', ''),
    all: true,
    expect: [
      ['missing-period-statement', '长春市国动办 2023 年'],
      ['overview-topics', '一、总体情况'],
      ['overview-topics', '一、总体情况'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },

  // required statements
  {
    name: 'fee-statement-missing',
    base: 'changchun',
    edit: replace('2023 年度本单位未收取信息处理费。', '无。'),
    expect: [
      ['fee-statement', '六、其他需要报告的事项'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'fee-notice-not-described',
    base: 'changchun',
    edit: all(
      replace('(一) 予以公开\t25\t5\t0\t0\t0\t0\t30', '(一) 予以公开\t24\t5\t0\t0\t0\t0\t29'),
      replace('不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0', '不再处理其政府信息公开申请\t1\t0\t0\t0\t0\t0\t1', 1),
    ),
    all: true,
    expect: [
      ['fee-notice-statement', '2.申请人逾期未按收费通知'],
      ['overview-topics', '一、总体情况'],
      ['overview-topics', '一、总体情况'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'fee-notice-described',
    base: 'changchun',
    edit: all(
      replace('(一) 予以公开\t25\t5\t0\t0\t0\t0\t30', '(一) 予以公开\t24\t5\t0\t0\t0\t0\t29'),
      replace('不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0', '不再处理其政府信息公开申请\t1\t0\t0\t0\t0\t0\t1', 1),
      replace('2023 年度本单位未收取信息处理费。', '2023 年度本单位发出收费通知 1 件，申请人逾期未缴费，未收取信息处理费。'),
    ),
    all: true,
    expect: [
      ['overview-topics', '一、总体情况'],
      ['overview-topics', '一、总体情况'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
  },
  {
    name: 'government-accountability-reported',
    base: 'hongze24',
    edit: replace('促进信息公开工作持续向\n好。', '促进信息公开工作持续向\n好。全年开展社会评议 1 次，未发生责任追究情况。'),
    expect: [
      ['nonstandard-label', '其他法律行政止公开'],
      ['collapsed-row', '（六）其他处理'],
    ],
  },

  // format of the year
  {
    name: 'outdated-format',
    base: 'format2019',
    edit: replace('长春市国动办 2019 年', '长春市国动办 2023 年'),
    expect: [
      ['outdated-format', '长春市国动办 2023 年'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
    ],
    format: '2019',
    message: '国办公开办函〔2021〕30号',
  },
  // left to fill in (issue 10 §8): a stand-in in the title, a blank in section 五, a date in the signature
  {
    name: 'placeholder-left',
    base: 'changchun',
    edit: all(
      replace('长春市国动办 2023 年政府信息公开工作年度报告', 'XX市国动办 2023 年政府信息公开工作年度报告'),
      replace('五、存在的主要问题及改进情况\n', '五、存在的主要问题及改进情况\n（待填写）\n'),
      (text) => `${text.trimEnd()}\n\n长春市国动办\n2024年1月XX日\n`,
    ),
    all: true,
    expect: [
      ['placeholder-text', 'XX市国动办'],
      ['overview-topics', '一、总体情况'],
      ['overview-topics', '一、总体情况'],
      ['nonstandard-label', '只计这一情况'],
      ['nonstandard-label', '内容事务'],
      ['placeholder-text', '（待填写）'],
      ['placeholder-text', '2024年1月XX日'],
    ],
    message: '落款中的占位文字“XX”尚未填写',
  },
];
