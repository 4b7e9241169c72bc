// @ts-check
// Real published reports found outside the corpus (test/fixtures/unseen6: the first screen of each page, as
// stored): pages that indent every paragraph with a TAB, a mirror's title ending in `????`, a title under the
// page's navigation and metadata lines, and crawler tables whose rows are padded with runs of `|`. Each must read
// as written, with no error the page does not deserve, or say honestly that a table cannot be read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { engine, errorRules, fixturesDir, sectionIds as sections, tableValues as values } from './helpers.mjs';

/** @param {string} name */
const read = (name) => engine.analyse(readFileSync(`${fixturesDir}unseen6/${name}`, 'utf8'));

test('a page indenting every paragraph with a TAB: its headings are headings, its prose no table cells', () => {
  for (const name of [
    'lizhou-tuiyi-2019.txt', // `\t一、总体情况 `, `\t2019年，我局…。`, a title on two lines
    'guangyuan-tongji-2024.txt', // the opening without a TAB, the rest with one; 本报告中所列数据…
  ]) {
    const a = read(name);
    assert.ok(a.model.isReport, name);
    assert.deepEqual(sections(a), [1], name);
    // only the parts the page cut off; no “cell lacking its TAB” for a paragraph
    assert.deepEqual(errorRules(a), ['missing-section'], name);
    assert.ok(!a.findings.some((f) => f.rule === 'text-artefact'), name);
    assert.deepEqual(a.model.tables, [], name);
  }
  // Word's cell-per-line export keeps its TAB-led cells: prose there stands without a TAB.
  const word =
    '某局2023年政府信息公开工作年度报告\n一、总体情况\n2023年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息20条，全年未收到申请。\n二、主动公开政府信息情况\n\t第二十条第（一）项\n\n\t信息内容\n\t本年制发件数\n\t本年废止件数\n\t现行有效件数\n\n\t规章\n\t0\n\t0\n\t0\n\n\t行政规范性文件\n\t1\n\t0\n\t2\n\n';
  const w = engine.analyse(word);
  assert.deepEqual(values(w, 'S2_一'), { GZ: [0, 0, 0], GF: [1, 0, 2] });
});

test('a mirror’s title ending in `????` (characters it lost) is the report’s title', () => {
  const a = read('xingguo-shequ-2021.txt');
  assert.ok(a.model.isReport);
  assert.equal(a.model.title?.normalized.endsWith('?'), false);
  assert.deepEqual(sections(a), [1]);
  assert.deepEqual(errorRules(a), ['missing-section']);
});

test('the title under the page’s navigation and metadata lines is the title alone', () => {
  // 无障碍 长者模式 / 新乐市人民政府 / 当前位置:首页 > … 政府信息公开年报 > 2022年 / the title
  const a = read('xinle-weijian-2022.txt');
  assert.ok(a.model.isReport);
  assert.equal(a.model.title?.text, '新乐市卫生健康局2022年政府信息公开工作年度报告');
  assert.deepEqual(errorRules(a), ['missing-section']);
  // 名  称: …年度报告 发布机构: … and 公开日期: … are the page's metadata, not the title's lines
  const b = read('wuchang-zhongnanlu-2025.txt');
  assert.ok(b.model.isReport);
  assert.equal(b.model.title?.text, '中南路街道2025年政府信息公开工作年度报告');
  assert.deepEqual(sections(b), [1]);
  assert.deepEqual(errorRules(b), ['missing-section']);
});

test('rows of two cells padded with `|||||||` past the columns: where the numbers stand is not known', () => {
  const a = read('yynanhu-2019.txt');
  assert.equal(a.model.format, '2019');
  assert.deepEqual(sections(a), [1, 2, 3]);
  // section 二's rows, one cell a line, read as written
  assert.deepEqual(values(a, 'S2_一'), { GZ: [0, 0, 0], GF: [0, 0, 0] });
  assert.deepEqual(values(a, 'S2_九'), { CG: [0, 0] });
  // 一、本年新收… `3 |` `3 |` `|||||||`: one unreadable table, not two sums in the wrong columns
  assert.equal(values(a, 'S3').R1, undefined);
  assert.deepEqual(
    a.model.unreadableTables.map((u) => u.table),
    ['S3'],
  );
  assert.ok(!a.findings.some((f) => f.rule === 'sum-mismatch' || f.rule === 'blank-cell'));
});

test('a row’s one number then `||||||||` on the same line: section 三 cannot be read, no blank cells claimed', () => {
  // traditional characters; 二's rows (`行政許可 | 0 | ||`) read as written
  const a = read('zhashui-fenghuang-2021.txt');
  assert.deepEqual(sections(a), [1, 2, 3]);
  assert.deepEqual(values(a, 'S2_一'), { GZ: [0, 0, 0], GF: [0, 0, 0] });
  assert.deepEqual(values(a, 'S2_五'), { XK: [0] });
  assert.deepEqual(values(a, 'S2_八'), { SF: [0] });
  assert.deepEqual(
    a.model.unreadableTables.map((u) => u.table),
    ['S3'],
  );
  assert.ok(!a.findings.some((f) => f.rule === 'blank-cell' || f.rule === 'sum-mismatch' || f.rule === 'missing-row'));
});

test('empty cells one a line and padding after the row’s last column read as written', () => {
  // `|` lines are empty cells, `0 |` the total, `||` the padding after it
  const a = read('tongji-61150-2023.txt');
  assert.deepEqual(values(a, 'S3').R1, ['blank', 'blank', 'blank', 'blank', 'blank', 'blank', 0]);
  assert.deepEqual(values(a, 'S2_一'), { GZ: ['blank', 'blank', 'blank'], GF: [0, 0, 0] });
  assert.deepEqual(a.model.unreadableTables, []);
  // seven cells then `||||||||||`: the padding is dropped
  const b = read('longkou-zhen-2022.txt');
  assert.deepEqual(values(b, 'S3').R1, [0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(values(b, 'S3').R2, [0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(b.model.unreadableTables, []);
  assert.ok(!b.findings.some((f) => f.rule === 'sum-mismatch' || f.rule === 'unreadable-table'));
  // `3 |` then `||` for the two cells left: the row as written, its empty cells blank
  const c = engine.analyse(
    '某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度主动公开信息20条。\n二、主动公开政府信息情况\n第二十条第(一)项 |\n|||\n信息内容 |\n本年制发件数 |\n本年废止件数 |\n现行有效件数 |\n规章 |\n3 |\n||\n行政规范性文件 |\n0 |\n0 |\n0 |\n',
  );
  assert.deepEqual(values(c, 'S2_一'), { GZ: [3, 'blank', 'blank'], GF: [0, 0, 0] });
  // and a Markdown table's empty cells (`| 3 | | |`) stay blank cells
  const d = engine.analyse(
    '某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度主动公开信息20条。\n二、主动公开政府信息情况\n第二十条第（一）项\n\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n| 规章 | 3 | | |\n| 行政规范性文件 | 0 | 0 | 0 |\n',
  );
  assert.deepEqual(values(d, 'S2_一'), { GZ: [3, 'blank', 'blank'], GF: [0, 0, 0] });
  assert.deepEqual(d.model.unreadableTables, []);
});

test('an opening listing the report’s parts (其他需要报告的事项 last) or saying 编制本报告 names the page the report', () => {
  // chrome lines (我要收藏 …), no title; 本报告由…、其他需要报告的事项等部分组成
  const a = read('qinbei-linye-2023.txt');
  assert.ok(a.model.isReport);
  assert.deepEqual(sections(a), [1]);
  assert.deepEqual(errorRules(a), ['missing-section']);
  // …规定编制本报告。 (no title, only 一 on the page)
  const b = read('dalian-guanweihui-2024.txt');
  assert.ok(b.model.isReport);
  assert.deepEqual(sections(b), [1]);
  assert.deepEqual(errorRules(b), ['missing-section']);
  // a notice asking for the report's 事项 stays a notice, with no findings
  const notice = engine.analyse(
    '现将2023年度政府信息公开工作年度报告编制和发布有关事项通知如下，年度报告包括总体情况、其他需要报告的事项等。\n一、总体情况\n2023年，我市各级行政机关认真贯彻落实《条例》。\n',
  );
  assert.equal(notice.model.isReport, false);
  assert.deepEqual(notice.findings, []);
});

test('a number with its unit on a line of its own (`152790元`) is the cell’s value, not a label', () => {
  // a 2019 table, every cell a line with blank lines between; its heading 一 worded its own way
  const a = read('kangle-shangwan-2019.txt');
  assert.equal(a.model.format, '2019');
  assert.deepEqual(sections(a), [1, 2, 3]);
  assert.deepEqual(values(a, 'S2_九'), { CG: [6, 152790] });
  assert.deepEqual(values(a, 'S2_六'), { CF: [0, 0, 0], QZ: [0, 0, 0] });
  assert.ok(!a.findings.some((f) => f.rule === 'blank-cell'));
  // words with a unit are still words: `共3件` is no value
  const b = engine.analyse(
    '某局2019年政府信息公开工作年度报告\n一、总体情况\n本年度主动公开信息20条。\n二、主动公开政府信息情况\n第二十条第（九）项\n\n信息内容\n\n采购项目数量\n\n采购总金额\n\n政府集中采购\n\n共3件\n\n',
  );
  assert.notDeepEqual(values(b, 'S2_九').CG?.[0], 3);
});

test('a notice whose title ends on the next line (有關事項的通知) gets no findings', () => {
  // 關于政府信息公開工作年度報告 ⏎ 有關事項的通知 (traditional, pinyin without tones)
  const a = read('hongxing-tongzhi-2019.txt');
  assert.equal(a.model.isReport, false);
  assert.deepEqual(a.findings, []);
  // A title line followed by a line of words that is no kind of document keeps its own end.
  const b = engine.analyse('某局2023年政府信息公开工作年度报告\n某局办公室\n一、总体情况\n2023年，我局主动公开信息20条。\n');
  assert.equal(b.model.title?.text, '某局2023年政府信息公开工作年度报告');
});

test('a link to the report’s 图文解读 under its title is no part of the title', () => {
  const a = engine.analyse('某局2023年政府信息公开工作年度报告\n图文解读\n一、总体情况\n2023年，我局主动公开信息20条。\n');
  assert.ok(a.model.isReport);
  assert.equal(a.model.title?.text, '某局2023年政府信息公开工作年度报告');
});
