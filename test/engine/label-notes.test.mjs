// @ts-check
// A row label followed by a note the report added — `规章（县级无此项）`, `规章（件）`, `规章*` — is the label's row; a bracket
// inside an official label, or one holding a number, is no note. Built from a corpus report, rewritten line by line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engine } from './helpers.mjs';
import { FIXTURES } from '../../scripts/forms-lib.mjs';
import { judge } from '../../scripts/pdf-text-forms.mjs';

const TEXT = readFileSync(join(FIXTURES, 'corpus', 'hongze-2023.txt'), 'utf8');
const ORIGINAL = engine.analyse(TEXT);

/** The fixture with one line's label rewritten. @param {string} line @param {string} label */
function relabel(line, label) {
  assert.ok(TEXT.includes(`\n${line}\n`), `the fixture has ${line}`);
  const [old, ...rest] = line.split(' ');
  assert.ok(old);
  return TEXT.replace(`\n${line}\n`, `\n${[label, ...rest].join(' ')}\n`);
}

/** @param {string} text */
const errors = (text) =>
  engine
    .analyse(text)
    .findings.filter((f) => f.severity === 'error')
    .map((f) => f.id);

for (const label of ['规章（县级无此项）', '规章(县级无此项)', '规章（无）', '规章*', '规章（件）', '规章【注】']) {
  test(`「${label}」 is the 规章 row, read exactly`, () => {
    const j = judge(engine, ORIGINAL, engine.analyse(relabel('规章 0 0 0', label)));
    assert.equal(j.verdict, 'exact', j.why);
  });
}

test('notes on rows of 二 and 三 (units, stars) read exactly, and the label alone is the row’s label', () => {
  let text = relabel('行政处罚 4119', '行政处罚（件）');
  text = text.replace('\n（一）予以公开 0 0 0', '\n（一）予以公开（件） 0 0 0').replace('\n1.属于国家秘密 1', '\n1.属于国家秘密* 1');
  const a = engine.analyse(text);
  const j = judge(engine, ORIGINAL, a);
  assert.equal(j.verdict, 'exact', j.why);
  const row = a.model.tables.find((t) => t.id === 'S2_六')?.rows.find((r) => r.key === 'CF');
  assert.equal(row?.label?.text, '行政处罚');
  assert.equal(row?.labelMatch, 'exact');
  const labels = (/** @type {typeof a} */ x) => x.findings.filter((f) => f.rule === 'nonstandard-label').map((f) => f.id);
  assert.deepEqual(labels(a), labels(ORIGINAL), 'a note is no misspelling');
});

test('pipe rows with a note (`规章(县级无此项) | 0 | 0 | 0 |`) read exactly', () => {
  const start = TEXT.indexOf('二、主动公开政府信息情况\n');
  const end = TEXT.indexOf('三、收到和处理政府信息公开申请情况\n');
  // every line of 二 as pipe cells: `label | n | n |`
  const piped = TEXT.slice(start, end)
    .split('\n')
    .map((line, i) => (i === 0 || line.length === 0 || line.startsWith('- ') ? line : `${line.split(' ').join(' | ')} |`))
    .join('\n')
    .replace('\n规章 |', '\n规章(县级无此项) |');
  assert.ok(piped.includes('规章(县级无此项) | 0 | 0 | 0 |'));
  const j = judge(engine, ORIGINAL, engine.analyse(TEXT.slice(0, start) + piped + TEXT.slice(end)));
  assert.equal(j.verdict, 'exact', j.why);
});

test('a bracket holding a number, or a numeral, is no note', () => {
  for (const label of ['规章（3）', '规章（一）']) {
    const a = engine.analyse(relabel('规章 0 0 0', label));
    const gz = a.model.tables.find((t) => t.id === 'S2_一')?.rows.find((r) => r.key === 'GZ');
    assert.ok(!gz?.label, `${label}: not read as the 规章 row`);
  }
});

test('an official label ending in brackets still matches whole', () => {
  assert.deepEqual(errors(TEXT), errors(TEXT));
  const a = engine.analyse(TEXT);
  const r = a.model.tables.find((t) => t.id === 'S3')?.rows.find((x) => x.key === 'R3_2');
  assert.equal(r?.labelMatch, 'exact');
  assert.ok(r?.label?.normalized.endsWith('不计其他情形）'));
});
