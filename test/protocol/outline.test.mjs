// @ts-check
// Issue 10 §10 over the protocol: outline names on one line and official (the
// report's wording as detail only where it differs), a Markdown report's
// outline, related information of a long sum (non-zero addends and a count of
// the zeros), and the mark on the cell a finding names as most likely wrong.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, engine, startServer } from './harness.mjs';
import { VARIANTS, baseText } from '../engine/variants.mjs';
import { defined } from '../lib/narrow.mjs';

/** @param {string} p */
const fixture = (p) => readFileSync(join(ROOT, 'test', 'fixtures', p), 'utf8');
/** @param {string} name */
const variant = (name) => {
  const v = VARIANTS.find((x) => x.name === name);
  assert.ok(v, name);
  return v.edit(baseText(v.base));
};
const OFFICIAL = engine.FORMATS['2021'].sections.map((s) => s.title);
/** @param {any[]} list @returns {any[]} */
const flat = (list) => list.flatMap((s) => [s, ...flat(s.children ?? [])]);

describe('outline names, related information, the most likely wrong cell', () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let client;
  before(async () => {
    client = await startServer();
  });
  after(() => client.stop());

  test('hongze-2023 (labels wrapped over lines, 三、本年度办理结果 one character per line): names on one line, official', async () => {
    const uri = 'file:///xxgk-outline/hongze-2023.txt';
    const text = fixture('corpus/hongze-2023.txt');
    const model = engine.analyse(text).model;
    assert.ok(
      model.tables.some((t) => t.rows.some((r) => r.label && /\n/.test(r.label.text))),
      'the fixture still has a wrapped label',
    );
    await client.open(uri, text);
    const symbols = defined(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), 'symbols');
    const all = flat(symbols);
    for (const s of all) {
      assert.doesNotMatch(s.name, /[\r\n]/, `name ${JSON.stringify(s.name)}`);
      if (s.detail !== undefined) {
        assert.doesNotMatch(s.detail, /[\r\n]/, `detail ${JSON.stringify(s.detail)}`);
        assert.notEqual(
          engine.normalizeLabel(s.detail),
          engine.normalizeLabel(s.name),
          `${s.name}: a detail only where the wording differs`,
        );
      }
    }
    const s3 = defined(engine.tableTemplate('2021', 'S3'), 'the S3 template');
    /** @param {string} key */
    const official = (key) =>
      defined(
        s3.rows.find((r) => r.key === key),
        key,
      ).label;
    const names = new Set(all.map((s) => s.name));
    assert.ok(names.has(official('R3_2')), `the official （二）部分公开 label: ${official('R3_2')}`);
    const group = all.find((s) => s.name === '三、本年度办理结果');
    assert.ok(group, 'the vertical group label, joined');
    assert.equal(group.detail, undefined, 'its wording is the official one');
    await client.close(uri);
  });

  test('a label written differently: the official label as name, the report’s wording as detail', async () => {
    const uri = 'file:///xxgk-outline/changchun-2023.txt';
    const text = fixture('corpus/changchun-guodongban-2023.txt');
    await client.open(uri, text);
    const all = flat(defined(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), 'symbols'));
    const row = all.find((s) => s.detail && /只计这一情况/.test(s.detail));
    assert.ok(row, 'the 只计这一情况 typo is a detail');
    assert.equal(row.name, defined(defined(engine.tableTemplate('2021', 'S3')).rows.find((r) => r.key === 'R3_2')).label);
    await client.close(uri);
  });

  test('a Markdown report: the outline is the report’s (six official sections with their tables), not only its headings', async () => {
    const uri = 'file:///xxgk-outline/changchun-2023.md';
    await client.open(uri, fixture('made/changchun-2023.md'), 'markdown');
    const symbols = defined(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), 'symbols');
    assert.deepEqual(
      symbols.map((s) => s.name),
      OFFICIAL,
    );
    assert.ok(
      symbols.every((s) => !/^#/.test(s.name) && !/^#/.test(s.detail ?? '')),
      'no Markdown markers',
    );
    assert.ok(defined(symbols[2]?.children).some((c) => c.kind === 23 /* Struct: the table */));
    await client.close(uri);
  });

  test('related information of a long sum: the non-zero addends, then how many zeros were left out', async () => {
    const uri = 'file:///xxgk-outline/cpl-total-wrong.txt';
    const text = variant('cpl-total-wrong');
    const { diagnostics } = await client.open(uri, text);
    const total = diagnostics.find((d) => d.code === 'sum-mismatch' && /行、列合计都应为 3/.test(d.message));
    assert.ok(total, 'the （七）总计 finding');
    const related = (total.relatedInformation ?? []).map((r) => r.message);
    const down = related.filter((m) => /^加数：/.test(m)).slice(6); // the first six: the row's own applicant columns
    assert.ok(
      down.every((m) => !/= 0$/.test(m)),
      `only non-zero addends of the long column sum:\n${related.join('\n')}`,
    );
    assert.match(related.at(-1) ?? '', /^另有 \d+ 个加数为 0，未列出$/);
    const left = Number(/另有 (\d+) 个/.exec(related.at(-1) ?? '')?.[1]);
    assert.ok(left > 10, 'most of the （七）总计 column is 0');
    // A short sum (the row's six columns) still lists every addend, zeros included.
    assert.ok(related.slice(0, 6).some((m) => /= 0$/.test(m)));
    await client.close(uri);
  });

  test('the cell named as most likely wrong is marked itself: an information diagnostic naming it, pointing back, with the fixes', async () => {
    const uri = 'file:///xxgk-outline/cpl-crossing-cell.txt';
    const text = variant('cpl-crossing-cell'); // 「（一）予以公开」行「自然人」列 changed: its row and its column sum fail
    const { diagnostics } = await client.open(uri, text);
    const marks = diagnostics.filter((d) => d.code === 'likely-wrong-cell');
    assert.equal(marks.length, 2, 'one mark per finding that names the cell (the row sum and the column sum)');
    const cellLine = 107; // setLine(108, …): the changed cell, zero-based
    for (const mark of marks) {
      assert.equal(mark.severity, 3, 'information: never counted as another error');
      assert.equal(mark.range.start.line, cellLine);
      assert.match(mark.message, /^最可能有误的单元格：「（一）予以公开」行「自然人」列（见「[^」]+」行「[^」]+」列的合计不符）$/);
      const main = diagnostics.find((d) => d.code === 'sum-mismatch' && d.data.id === mark.data.id);
      assert.ok(main, 'the finding it belongs to');
      assert.match(main.message, /交叉处的「（一）予以公开」行「自然人」列最可能有误/, 'the finding names the cell plainly');
      assert.deepEqual(mark.relatedInformation?.[0].location.range, main.range, 'points back at the finding');
      const actions = defined(
        await client.request('textDocument/codeAction', {
          textDocument: { uri },
          range: mark.range,
          context: { diagnostics: [mark], only: ['quickfix'] },
        }),
        'code actions',
      );
      assert.ok(
        actions.some((a) => a.isPreferred && /「（一）予以公开」行「自然人」列改为 1/.test(a.title)),
        `the light bulb on the cell offers the finding’s fix: ${actions.map((a) => a.title).join(' | ')}`,
      );
    }
    await client.close(uri);
  });
});
