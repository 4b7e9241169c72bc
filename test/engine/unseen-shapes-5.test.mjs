// @ts-check
// Real published reports found outside the corpus (test/fixtures/unseen5: the first screen of each page, as
// stored): pages cut in section 一 whose opening names them the report, a heading 二 without its numeral, a
// 文字解读 of a report, a 2019 table with a province's notes and extra row, a mirror in traditional characters
// with pinyin after its characters. Each must read as written, with no error the page does not deserve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { engine, errorRules, fixturesDir, sectionIds as sections, tableValues as values } from './helpers.mjs';

/** @param {string} name */
const read = (name) => engine.analyse(readFileSync(`${fixturesDir}unseen5/${name}`, 'utf8'));

test('a page cut in section 一 whose opening names it the report is a report, its section 一 found', () => {
  for (const name of [
    'changchun-chuncheng-2022.txt', // 本年度报告根据《条例》…编制 (a sentence before it)
    'zjwy-2023.txt', // …现公布我乡2023年政府信息公开工作年度报告; 一、2023年政务公开总体情况
    'yj-xixia-2023.txt', // metadata and a row of `|`, then 一、总体情况 本年度报告根据… on one line
    'jyt-zj-2024.txt', // …现将我厅2024年度政府信息公开工作报告公开如下。 一、总体情况 … on one line
    'tonglu-jiaotong-2021.txt', // a title in 年报, 编制…年度报告
  ]) {
    const a = read(name);
    assert.ok(a.model.isReport, name);
    assert.deepEqual(sections(a), [1], name);
    // only the parts the page cut off
    assert.deepEqual(errorRules(a), ['missing-section'], name);
  }
});

test('an opening that asks for reports or quotes one does not make a report of a page with 一、总体情况', () => {
  const overview = '一、总体情况\n2023年，我市各级行政机关认真贯彻落实《条例》。\n';
  for (const opening of [
    '现将2023年度政府信息公开工作年度报告编制和发布有关事项通知如下。',
    '现将《某某局2023年政府信息公开工作年度报告》印发给你们，请结合工作实际抓好落实。',
    '各区县要做好本年度报告的报送工作。',
  ]) {
    const a = engine.analyse(`${opening}\n${overview}`);
    assert.equal(a.model.isReport, false, opening);
    assert.deepEqual(a.findings, [], opening);
  }
});

test('the heading 二 without its numeral, with its first table right after it, is section 二', () => {
  const a = read('pukou-jiaoyu-2024.txt');
  assert.ok(a.model.isReport);
  assert.deepEqual(sections(a), [1, 2]);
  assert.deepEqual(values(a, 'S2_一'), { GZ: [0, 0, 0], GF: [0, 0, 6] });
  assert.ok(!a.findings.some((f) => f.rule === 'missing-section' && f.message.zh.includes('第二部分')));
  // its wording is a hint, with the format's heading
  assert.ok(
    a.findings.some((f) => f.rule === 'nonstandard-label' && f.severity === 'hint' && f.message.zh.includes('二、主动公开政府信息情况')),
  );
  // The same words as a line of 一 with prose after them are no heading.
  const prose = engine.analyse(
    '某局2023年政府信息公开工作年度报告\n一、总体情况\n主动公开政府信息情况\n全年主动公开信息50条。\n二、主动公开政府信息情况\n',
  );
  assert.deepEqual(
    prose.model.sections.map((s) => [s.id, s.heading.text]),
    [
      [1, '一、总体情况'],
      [2, '二、主动公开政府信息情况'],
    ],
  );
});

test('a 文字解读 of a report is an article: no findings', () => {
  const a = read('lixia-daminghu-jiedu-2022.txt');
  assert.equal(a.model.isReport, false);
  assert.deepEqual(a.findings, []);
});

test('2019 table rows with a province’s scope notes, and an extra row the format has not, read', () => {
  const a = read('tianmen-tuoshi-2020.txt');
  assert.equal(a.model.format, '2019');
  assert.deepEqual(sections(a), [1, 2]);
  // 规章（设区的市、自治州人民政府应提供相关数据）, 规范性文件（行政机关制定发布的…）, then 其他主动公开文件（…） 0 0 0
  assert.deepEqual(values(a, 'S2_一'), { GZ: [0, 0, 0], GF: [34, 4, 47] });
  assert.deepEqual(a.model.unreadableTables, []);
  // Labels all written before their numbers, an unknown label last, still cannot be read.
  const text = readFileSync(`${fixturesDir}unseen5/tianmen-tuoshi-2020.txt`, 'utf8');
  const head = text.slice(0, text.indexOf('第二十条第(一)项'));
  const columnwise = `${head}第二十条第(一)项\n\n信息内容\n\n本年新制作数量\n\n本年新公开数量\n\n对外公开总数量\n\n规章\n\n规范性文件\n\n其他主动公开文件\n\n${'0\n\n0\n\n0\n\n34\n\n4\n\n47\n\n0\n\n0\n\n0\n'}`;
  const c = engine.analyse(columnwise);
  assert.equal(values(c, 'S2_一').GF, undefined);
  assert.ok(c.model.unreadableTables.some((u) => u.table === 'S2_一'));
});

test('a mirror in traditional characters with pinyin after some (鎮(zhèn), 數(shù)量) and `????` for lost spaces', () => {
  const a = read('p252-tuoshi-2020.txt');
  assert.ok(a.model.isReport);
  assert.equal(a.model.format, '2019');
  assert.deepEqual(sections(a), [1, 2]);
  assert.deepEqual(values(a, 'S2_一'), { GZ: [0, 0, 0], GF: [34, 4, 47] });
  assert.deepEqual(a.model.unreadableTables, []);
  assert.ok(!a.findings.some((f) => f.rule === 'missing-section' && f.message.zh.includes('第一部分')));
  // Brackets of letters without a tone mark stay text.
  const m = engine.analyse('某局2023年政府信息公开工作年度报告\n一、总体情况(a)\n');
  assert.ok(m.model.sections[0]?.heading.text.includes('(a)'));
});

test('numbers in the prose of 一 (其中行政許可26條,行政處罰20條) are no table, with pinyin masked or not', () => {
  const a = read('kaiping-jiaotong-2020.txt');
  assert.deepEqual(sections(a), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(
    a.model.tables.map((t) => t.id),
    [],
  );
  assert.ok(!a.findings.some((f) => f.rule === 'missing-row'));
});
