// @ts-check
// Finding ids: the rule and a structural key (`sum-mismatch:S3/R3_7/TOT`),
// unique within one analysis, and unchanged by edits elsewhere in the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine, reportFixtures } from './helpers.mjs';
import { VARIANTS, baseText } from './variants.mjs';
import { defined } from '../lib/narrow.mjs';

const documents = () => [
  ...reportFixtures().map((f) => ({ name: f.name, text: f.text })),
  ...VARIANTS.map((v) => ({ name: `variant ${v.name}`, text: v.edit(baseText(v.base)) })),
];
const ids = (/** @type {string} */ text) => engine.analyse(text).findings.map((f) => f.id);

/** @param {string[]} list @param {string} what */
function assertUnique(list, what) {
  const seen = new Set();
  for (const id of list) {
    assert.ok(!seen.has(id), `${what}: id ${id} twice`);
    seen.add(id);
  }
}

test('every fixture and variant: each finding has an id of its rule, unique in its analysis', () => {
  let checked = 0;
  for (const doc of documents()) {
    const { findings } = engine.analyse(doc.text);
    for (const f of findings) assert.match(f.id, new RegExp(`^${f.rule}:[^\\s:]+$`), `${doc.name}: ${f.id}`);
    assertUnique(
      findings.map((f) => f.id),
      doc.name,
    );
    checked += findings.length;
  }
  assert.ok(checked > 100, `only ${checked} findings`);
});

test('every fixture and variant: ids do not change when every line moves', () => {
  for (const doc of documents()) assert.deepEqual(ids(`\n${doc.text}`), ids(doc.text), doc.name);
});

test('the structural key of each rule', () => {
  const of = (/** @type {string} */ name) => {
    const v = defined(
      VARIANTS.find((x) => x.name === name),
      name,
    );
    return ids(v.edit(baseText(v.base)));
  };
  const want = {
    'cpl-total-wrong': ['sum-mismatch:S3/R3_7/TOT', 'balance-mismatch:S3/TOT', 'nonstandard-label:2'],
    'tsv-misfiled-column': ['balance-mismatch:S3/NP', 'balance-mismatch:S3/OT', 'nonstandard-label:S3/R3_2'],
    'hongze23-as-published': ['sum-mismatch:S4/R/FY.ZJ', 'collapsed-row:S3/R3_6', 'text-artefact:page-marker#1'],
    'missing-section-5': ['missing-section:5'],
    'section-order': ['section-order:5'],
    'duplicate-section': ['duplicate-section:6'],
    'missing-table-fee': ['missing-table:S2_八'],
    'missing-row-tsv': ['missing-row:S3/R3_3_3'],
    'unreadable-table': ['unreadable-table:3'],
    'text-in-cell-tsv': ['invalid-number:S3/R3_3_2/NP'],
    'blank-cell-tsv': ['blank-cell:S3/R3_5_2/NP'],
    'short-row-space': ['blank-cell:S3/R3_3_8'],
    'full-width-digits': ['full-width-digits:S3/R1/TOT'],
    'label-typo-known-cpl': ['nonstandard-label:S3/R3_3_5', 'text-artefact:bookmark#1', 'text-artefact:bookmark#11'],
  };
  for (const [name, expected] of Object.entries(want)) {
    const got = of(name);
    for (const id of expected) assert.ok(got.includes(id), `${name}: ${id} in ${got.join(' ')}`);
  }
});

test('a total whose row and column sums disagree: one id per sum', () => {
  const text = baseText('changchun').replace('(七) 总计\t\t47\t5\t0\t0\t0\t0\t52', '(七) 总计\t\t48\t5\t0\t0\t0\t0\t54');
  const sums = ids(text).filter((id) => id.startsWith('sum-mismatch:'));
  assert.deepEqual(sums.sort(), ['sum-mismatch:S3/R3_7/NP', 'sum-mismatch:S3/R3_7/TOT/across', 'sum-mismatch:S3/R3_7/TOT/down']);
});

test('a report pasted twice: the second copy’s findings get #2, in document order', () => {
  const once = baseText('changchun');
  const twice = engine.analyse(`${once}\n${once}`).findings;
  assertUnique(
    twice.map((f) => f.id),
    'twice',
  );
  for (const id of ids(once))
    assert.ok(
      twice.some((f) => f.id === id),
      `${id} kept by the first copy`,
    );
  const first = twice.find((f) => f.id === 'nonstandard-label:S3/R3_2');
  const second = twice.find((f) => f.id === 'nonstandard-label:S3/R3_2#2');
  assert.ok(first && second && first.range.start.line < second.range.start.line, 'the first in the text keeps the plain id');
});

test('the capped “more findings” finding has an id of its own', () => {
  const list = ids(`${baseText('shandong')}\n${'[bookmark: _Hlk1]\n'.repeat(600)}`);
  assertUnique(list, 'capped');
  assert.ok(list.includes('text-artefact:more'));
  assert.ok(list.includes('text-artefact:bookmark#500'));
});
