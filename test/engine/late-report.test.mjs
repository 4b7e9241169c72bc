// @ts-check
// The dates of a report (late-report, year-mismatch, missing-period-statement):
// the issuer read from the title, dates in digits or Han numerals, the deadline per issuer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine, reportFixtures } from './helpers.mjs';
import { baseText } from './variants.mjs';

const DATE_RULES = ['late-report', 'year-mismatch', 'missing-period-statement'];
/** @param {import('./variants.mjs').BaseName} base @param {string} date */
const dated = (base, date) => `${baseText(base).replace(/\n\s*2024年1月9日\s*$/, '')}\n${date}\n`;
const rules = (/** @type {string} */ text) =>
  engine
    .analyse(text)
    .findings.filter((f) => DATE_RULES.includes(f.rule))
    .map((f) => `${f.rule}:${f.severity}`);

test('the corpus: no error or warning about dates; Shandong 2023 has no period sentence (hint)', () => {
  for (const f of reportFixtures().filter((x) => x.name.startsWith('corpus/'))) {
    const found = rules(f.text);
    assert.deepEqual(found, f.name === 'corpus/shandong-guodongban-2023.txt' ? ['missing-period-statement:hint'] : [], f.name);
  }
});

for (const [date, expected] of /** @type {[string, string[]][]} */ ([
  ['2024年1月9日', []],
  ['2024年1月31日', []],
  ['2024年2月1日', ['late-report:warning']],
  ['二〇二四年一月二十九日', []],
  ['二〇二四年二月十日', ['late-report:warning']],
  ['2025年1月5日', ['late-report:warning']],
  ['2023年12月31日', ['year-mismatch:warning']],
])) {
  test(`a department's 2023 report dated ${date}`, () => {
    assert.deepEqual(
      rules(dated('shandong', date)).filter((r) => r !== 'missing-period-statement:hint'),
      expected,
    );
  });
}

for (const [date, expected] of [
  ['2025 年 3 月 31 日', []],
  ['2025 年 4 月 1 日', ['late-report:warning']],
]) {
  test(`a people's government's 2024 report dated ${date}`, () => {
    assert.deepEqual(rules(`${baseText('hongze24')}\n淮安市洪泽区人民政府\n${date}\n`), expected);
  });
}

test('an issuer the title does not name: only a date late for both deadlines', () => {
  const untitled = (/** @type {string} */ date) => baseText('changchun').replace('长春市国动办 2023 年', '2023 年') + `\n${date}\n`;
  assert.deepEqual(rules(untitled('2024年2月20日')), []);
  assert.deepEqual(rules(untitled('2024年4月2日')), ['late-report:warning']);
});

test('a wrong year in the period sentence is one finding, on the year', () => {
  const text = baseText('hongze24').replace(
    '自 2024 年 1 月 1 日\n起至 2024 年 12 月 31 日止',
    '自 2023 年 1 月 1 日\n起至 2023 年 12 月 31 日止',
  );
  const a = engine.analyse(text);
  const found = a.findings.filter((f) => f.rule === 'year-mismatch');
  assert.equal(found.length, 1);
  assert.equal(a.text.slice(a.index.offsetAt(found[0].range.start), a.index.offsetAt(found[0].range.end)), '2023');
});
