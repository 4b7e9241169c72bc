// @ts-check
// The required statements (government-accountability, overview-topics,
// fee-statement, fee-notice-statement) and outdated-format, on the corpus and on edits of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from './helpers.mjs';
import { baseText } from './variants.mjs';

const RULES = ['government-accountability', 'overview-topics', 'fee-statement', 'fee-notice-statement', 'outdated-format'];
const found = (/** @type {string} */ text) =>
  engine
    .analyse(text)
    .findings.filter((f) => RULES.includes(f.rule))
    .map((f) => `${f.rule}:${f.severity}:${f.message.zh}`);

test('the corpus: departments are not asked for 考核/评议/追究; the 区人民政府 reports are, for what they leave out', () => {
  assert.deepEqual(found(baseText('shandong')), []);
  assert.deepEqual(found(baseText('changchun')), [
    'overview-topics:info:“一、总体情况”中未见“政府信息管理”方面的内容',
    'overview-topics:info:“一、总体情况”中未见“监督保障”方面的内容',
  ]);
  assert.deepEqual(found(baseText('hongze23')), [
    'government-accountability:warning:人民政府年度报告应报告工作考核、社会评议、责任追究结果情况（《条例》第五十条第（四）项），报告中未见',
  ]);
  assert.deepEqual(found(baseText('hongze24')), [
    'government-accountability:warning:人民政府年度报告应报告社会评议、责任追究结果情况（《条例》第五十条第（四）项），报告中未见',
  ]);
});

test('a department named 人民政府办公室 is a department', () => {
  const text = baseText('hongze24').replace('淮安市洪泽区人民政府\n2024 年', '淮安市洪泽区人民政府办公室\n2024 年');
  assert.deepEqual(found(text), []);
});

test('the fee statement: “未收取” counts; nothing about fees is a warning on section 六', () => {
  assert.deepEqual(
    found(baseText('changchun').replace('2023 年度本单位未收取信息处理费。', '本年度未收取任何费用。')).filter((f) => f.startsWith('fee')),
    [],
  );
  assert.deepEqual(
    found(
      baseText('shandong').replace(
        '1.依据《政府信息公开信息处理费管理办法》收取信息处理费的情况。省国动办2023年度未收取任何信息处理费。',
        '',
      ),
    ).filter((f) => f.startsWith('fee')),
    ['fee-statement:warning:第六部分未说明信息处理费的收取情况（未收取的也应写明，如“本年度未收取信息处理费”）'],
  );
});

test('outdated-format: only for a report of 2021 or later in the 2019 tables', () => {
  assert.deepEqual(
    found(baseText('format2019')).filter((f) => f.startsWith('outdated')),
    [],
  );
  const [f] = found(baseText('format2019').replace('长春市国动办 2019 年', '长春市国动办 2022 年')).filter((x) => x.startsWith('outdated'));
  assert.match(f, /^outdated-format:warning:2022 年度报告应使用 2021 年格式（国办公开办函〔2021〕30号）.*本年新制作数量/);
  assert.deepEqual(found(engine.renderNewReport({ format: '2021', layout: 'tab-separated', year: 2024, agency: '某市某局' })), []);
});
