// @ts-check
// prose-table-mismatch: the prose number's exact range, the table cell related,
// a fix that is never preferred nor safe, and strictness about scope.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine, reportFixtures, textOf } from './helpers.mjs';
import { baseText } from './variants.mjs';

const own = (/** @type {import('../../server/src/engine/index.ts').Analysis} */ a) =>
  a.findings.filter((f) => f.rule === 'prose-table-mismatch');
/** @param {import('../../server/src/engine/index.ts').Analysis} a @param {import('../../server/src/engine/index.ts').Finding} f */
const related = (a, f) => f.related.map((r) => textOf(a, r.range));

test('the corpus: the numbers quoted agree, and hongze-2024’s 17 (区政府办) against 95 (the district) is a hint', () => {
  for (const f of reportFixtures()) {
    const a = engine.analyse(f.text);
    const found = own(a);
    if (f.name === 'corpus/hongze-2024.txt') {
      assert.equal(found.length, 1);
      assert.equal(found[0].severity, 'hint');
      assert.equal(textOf(a, found[0].range), '17');
      assert.deepEqual(related(a, found[0]), ['95']);
      assert.deepEqual(found[0].fixes, []);
    } else assert.deepEqual(found, [], f.name);
  }
});

test('a differing number for the same body and year: a warning on the number, related to the cell, with a fix never preferred nor safe', () => {
  const text = baseText('shandong').replace('共收到信息公开申请3件', '共收到信息公开申请4件');
  const a = engine.analyse(text);
  const [f] = own(a);
  assert.equal(f.severity, 'warning');
  assert.equal(textOf(a, f.range), '4');
  assert.deepEqual(related(a, f), ['3']);
  assert.equal(f.fixes.length, 1);
  assert.equal(f.fixes[0].preferred, false);
  assert.equal(f.fixes[0].safe, false);
  const fixed = engine.applyEdits(text, f.fixes[0].edits);
  assert.ok(fixed.includes('共收到信息公开申请3件'));
  assert.deepEqual(own(engine.analyse(fixed)), []);
  assert.equal(engine.applySafeFixes(text).text.includes('申请4件'), true, 'fix-all leaves the prose alone');
});

test('a number wrapped across lines and page markers in PDF text is found and ranged exactly', () => {
  const text = baseText('hongze24').replace(
    '确保依\n申请答复工作规范高效。',
    '确保依\n申请答复工作规范高效。全年共收到政府\n信息公开申请 9\n6 件。',
  );
  const a = engine.analyse(text);
  const [f] = own(a).filter((x) => x.severity === 'warning');
  assert.ok(
    f,
    own(a)
      .map((x) => x.message.zh)
      .join('\n'),
  );
  assert.equal(textOf(a, f.range), '9\n6');
  assert.match(f.message.zh, /为 96，表格为 95/);
});

for (const [name, sentence, severity] of [
  ['the whole district', '全区共收到政府信息公开申请 120 件。', 'hint'],
  ['a department', '区教育局收到信息公开申请 30 件。', 'hint'],
  ['a part', '其中通过网上平台收到信息公开申请 40 件。', 'hint'],
  ['a sub-period', '上半年收到信息公开申请 40 件。', 'hint'],
  ['a change', '比上年多收到信息公开申请 40 件。', undefined],
  ['another year', '2023 年收到信息公开申请 21 件。', undefined],
]) {
  test(`strict about scope: ${name}`, () => {
    const text = baseText('hongze24').replace(
      '区政府办代表区政府受理政府\n信息公开申请 17 件',
      `区政府办代表区政府受理政府\n信息公开申请 95 件。${sentence}`,
    );
    const a = engine.analyse(text);
    const found = own(a);
    assert.ok(found.every((f) => f.severity !== 'error'));
    if (severity === undefined)
      assert.deepEqual(
        found.filter((f) => f.severity === 'warning'),
        [],
      );
    else
      assert.deepEqual(
        found.map((f) => f.severity),
        [severity],
        found.map((f) => f.message.zh).join('\n'),
      );
  });
}
