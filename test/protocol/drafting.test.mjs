// @ts-check
// Fixes that fit drafting, over the protocol: the server remembers which
// cells the user typed (didChange) and then prefers updating the totals to
// undoing the typed number; a total typed before its addends gets no
// preferred fix that zeroes an addend or invents applications; "recompute
// every total" mends a table in one edit; a finished report opened as it is
// keeps the engine's preferred fix.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { engine, isSuppression, ROOT, startServer, textDocumentEdits } from './harness.mjs';
import { defined, numberOf } from '../lib/narrow.mjs';
/** @import { Client } from './harness.mjs' */

const fixture = (/** @type {string} */ p) => readFileSync(join(ROOT, 'test', 'fixtures', p), 'utf8');
/** @type {{ name: string, languageId: string, options: import('../../server/src/engine/index.ts').AnalyseOptions }[]} */
const REPORTS_ = [
  { name: 'made/changchun-2023.md', languageId: 'markdown', options: { layoutHint: 'markdown' } },
  { name: 'corpus/changchun-guodongban-2023.txt', languageId: 'plaintext', options: {} },
];
const REPORTS = REPORTS_.map((r) => ({ ...r, text: fixture(r.name), uri: `file:///xxgk-drafting/${r.name}` }));
/** @typedef {(typeof REPORTS)[number]} Report */

const ARITHMETIC = new Set(['sum-mismatch', 'balance-mismatch']);
const RECOMPUTE = /^重算本表全部合计/;

/** A cell of the document's current text, read by the engine. */
/** @param {string} text @param {import('../../server/src/engine/index.ts').AnalyseOptions} options @param {string} row @param {string} column */
function cellOf(text, options, row, column, table = 'S3') {
  const t = engine.analyse(text, options).model.tables.find((x) => x.id === table);
  const cell = t?.rows.find((r) => r.key === row)?.cells.find((c) => c.column === column);
  assert.ok(cell, `cell ${table}/${row}/${column}`);
  return cell;
}

/** Types a number over one cell, as the user would: one didChange. */
/** @param {Client} client @param {Report} doc @param {string} row @param {string} column @param {number} value */
async function type(client, doc, row, column, value, table = 'S3') {
  const cell = cellOf(defined(client.document(doc.uri)).getText(), doc.options, row, column, table);
  assert.equal(cell.value.kind, 'number');
  return { cell, published: await client.edit(doc.uri, [{ range: cell.range, newText: String(value) }]) };
}

/** @param {Client} client @param {string} uri @param {import('./harness.mjs').PlainDiagnostic} diagnostic */
async function quickFixes(client, uri, diagnostic) {
  const actions = defined(
    await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], triggerKind: 1 },
    }),
  );
  return actions.filter((a) => a.kind === 'quickfix' && a.diagnostics?.length === 1 && !isSuppression(a));
}

const arithmetic = (/** @type {import('./harness.mjs').Published} */ published) =>
  published.diagnostics.filter((d) => ARITHMETIC.has(String(d.code)));
/** @param {import('vscode-languageserver-textdocument').TextDocument} doc @param {import('vscode-languageserver-protocol').Position} p */
const offset = (doc, p) => doc.offsetAt(p);
/** @param {import('vscode-languageserver-textdocument').TextDocument} doc @param {import('vscode-languageserver-protocol').Range} a @param {import('vscode-languageserver-protocol').Range} b */
const overlaps = (doc, a, b) => offset(doc, a.start) <= offset(doc, b.end) && offset(doc, b.start) <= offset(doc, a.end);

/** Applies an action's edit and returns the new diagnostics. */
/** @param {Client} client @param {string} uri @param {import('vscode-languageserver-protocol').CodeAction} action */
async function apply(client, uri, action) {
  return client.edit(uri, textDocumentEdits(action.edit, uri, defined(client.document(uri)).version));
}

describe('fixes that fit drafting', () => {
  /** @type {Client} */
  let client;
  before(async () => {
    client = await startServer();
  });
  after(() => client.stop());

  for (const doc of REPORTS) {
    test(`${doc.name}: an addend typed → the preferred fix updates the totals, and then nothing is off`, async () => {
      const opened = await client.open(doc.uri, doc.text, doc.languageId);
      assert.deepEqual(arithmetic(opened), [], 'the report adds up');
      // One more application received and disclosed: the clerk types 一 and （一）, then wants the totals.
      await type(client, doc, 'R1', 'NP', 51);
      const { cell: typed, published } = await type(client, doc, 'R3_1', 'NP', 26);
      const broken = arithmetic(published);
      assert.ok(broken.filter((d) => d.code === 'sum-mismatch').length >= 3, 'row totals and the （七）总计 row are behind');
      /** @type {import('vscode-languageserver-protocol').CodeAction | undefined} */
      let preferred;
      for (const d of broken) {
        const fixes = await quickFixes(client, doc.uri, d);
        const p = fixes.filter((a) => a.isPreferred);
        assert.equal(p.length, 1, `${d.data.id}: one preferred fix (${fixes.map((a) => a.title).join(' / ')})`);
        const edits = textDocumentEdits(p[0].edit, doc.uri, defined(client.document(doc.uri)).version);
        assert.ok(
          !edits.some((e) => overlaps(defined(client.document(doc.uri)), e.range, typed.range)),
          `${d.data.id}: “${p[0].title}” does not undo the typed 26`,
        );
        preferred ??= p[0];
      }
      assert.ok(preferred);
      assert.match(preferred.title, RECOMPUTE, 'several totals are behind: the whole table is recomputed');
      const after = await apply(client, doc.uri, preferred);
      assert.deepEqual(
        arithmetic(after).map((d) => d.message),
        [],
        'no sum or balance error left',
      );
      const text = defined(client.document(doc.uri)).getText();
      assert.equal(numberOf(cellOf(text, doc.options, 'R1', 'TOT')), 60);
      assert.equal(numberOf(cellOf(text, doc.options, 'R3_1', 'TOT')), 31);
      assert.equal(numberOf(cellOf(text, doc.options, 'R3_7', 'NP')), 48);
      assert.equal(numberOf(cellOf(text, doc.options, 'R3_7', 'TOT')), 53);
      await client.close(doc.uri);
    });

    test(`${doc.name}: a section 四 addend typed → “update this total” is preferred`, async () => {
      await client.open(doc.uri, doc.text, doc.languageId);
      const { published } = await type(client, doc, 'R', 'FY.JZ', 2, 'S4');
      const [d] = arithmetic(published);
      assert.ok(d, 'the 行政复议 total is behind');
      const p = (await quickFixes(client, doc.uri, d)).filter((a) => a.isPreferred);
      assert.equal(p.length, 1);
      assert.match(p[0].title, /行政复议·总计」改为 2/);
      assert.deepEqual(arithmetic(await apply(client, doc.uri, p[0])), []);
      await client.close(doc.uri);
    });

    test(`${doc.name}: a total typed before its addends → no preferred fix undoes it, zeroes an addend or invents applications`, async () => {
      /** @type {[string, string, number][]} */
      const cases = [
        ['R3_1', 'TOT', 31], // （一）予以公开 总计 before its 自然人
        ['R3_7', 'NP', 48], // （七）总计 自然人 before the outcome rows
        ['R1', 'TOT', 60], // 本年新收 总计 before 自然人
        ['R4', 'TOT', 8], // 结转下年度 总计 before its columns
      ];
      for (const [row, column, value] of cases) {
        await client.open(doc.uri, doc.text, doc.languageId);
        const { cell: typed, published } = await type(client, doc, row, column, value);
        const current = defined(client.document(doc.uri));
        const r2 = defined(
          defined(engine.analyse(current.getText(), doc.options).model.tables.find((t) => t.id === 'S3')).rows.find((r) => r.key === 'R2'),
        );
        const broken = arithmetic(published);
        assert.ok(broken.length > 0, `${row}/${column}: found`);
        for (const d of broken) {
          for (const a of (await quickFixes(client, doc.uri, d)).filter((x) => x.isPreferred)) {
            const edits = textDocumentEdits(a.edit, doc.uri, current.version);
            const what = `${row}/${column} = ${value}, ${d.data.id}: preferred “${a.title}”`;
            assert.ok(!edits.some((e) => overlaps(current, e.range, typed.range)), `${what} undoes the typed total`);
            assert.ok(!edits.some((e) => overlaps(current, e.range, r2.range)), `${what} invents carried-over applications`);
            assert.ok(!edits.some((e) => e.newText.trim() === '0'), `${what} zeroes a cell`);
          }
        }
        await client.close(doc.uri);
      }
    });

    test(`${doc.name}: “recompute every total” after several edits mends the table in one edit`, async () => {
      await client.open(doc.uri, doc.text, doc.languageId);
      await type(client, doc, 'R1', 'NP', 53);
      await type(client, doc, 'R1', 'BE', 10);
      await type(client, doc, 'R3_1', 'NP', 26);
      await type(client, doc, 'R3_4_1', 'NP', 9);
      const { published } = await type(client, doc, 'R3_1', 'BE', 6);
      const sums = published.diagnostics.filter((d) => d.code === 'sum-mismatch');
      assert.ok(sums.length >= 4, `${sums.length} totals behind`);
      // offered on every sum finding of the table, as a quick-fix
      /** @type {import('vscode-languageserver-protocol').CodeAction | undefined} */
      let recompute;
      for (const d of sums) {
        const action = (await quickFixes(client, doc.uri, d)).find((a) => RECOMPUTE.test(a.title));
        assert.ok(action, `${d.data.id}: “recompute every total” offered`);
        assert.equal(action.kind, 'quickfix');
        recompute ??= action;
      }
      assert.ok(recompute);
      const edits = textDocumentEdits(recompute.edit, doc.uri, defined(client.document(doc.uri)).version);
      assert.ok(edits.length >= 5, `${edits.length} totals in one edit`);
      // never part of source.fixAll: no arithmetic fix is safe
      const whole = {
        start: { line: 0, character: 0 },
        end: defined(client.document(doc.uri)).positionAt(defined(client.document(doc.uri)).getText().length),
      };
      const fixAll = defined(
        await client.request('textDocument/codeAction', {
          textDocument: { uri: doc.uri },
          range: whole,
          context: { diagnostics: [], only: ['source.fixAll'], triggerKind: 1 },
        }),
      );
      for (const a of fixAll) {
        const all = textDocumentEdits(a.edit, doc.uri, defined(client.document(doc.uri)).version);
        assert.ok(
          !all.some((e) => edits.some((r) => JSON.stringify(r.range) === JSON.stringify(e.range))),
          'source.fixAll writes no total',
        );
      }
      assert.deepEqual(
        arithmetic(await apply(client, doc.uri, recompute)).map((d) => d.message),
        [],
      );
      await client.close(doc.uri);
    });

    test(`${doc.name}: an addend typed that unbalances the table → its reset is not preferred`, async () => {
      // Five more disclosed but no more received: updating the totals would make 一 + 二 ≠ 三 + 四,
      // so no totals fix is offered; resetting the typed 30 stays available, not preferred.
      await client.open(doc.uri, doc.text, doc.languageId);
      const { cell: typed, published } = await type(client, doc, 'R3_1', 'NP', 30);
      for (const d of arithmetic(published)) {
        const fixes = await quickFixes(client, doc.uri, d);
        const current = defined(client.document(doc.uri));
        for (const a of fixes.filter((x) => x.isPreferred)) {
          const edits = textDocumentEdits(a.edit, doc.uri, current.version);
          assert.ok(!edits.some((e) => overlaps(current, e.range, typed.range)), `${d.data.id}: preferred “${a.title}” undoes the typing`);
        }
      }
      await client.close(doc.uri);
    });
  }

  test('the same mistake in a report opened as it is keeps the engine’s diagnosis and preferred fix', async () => {
    const doc = REPORTS[1];
    const cell = cellOf(doc.text, doc.options, 'R3_1', 'NP');
    const text = engine.applyEdits(doc.text, [{ range: cell.range, newText: '26' }]);
    const expected = new Map(engine.analyse(text, doc.options).findings.map((f) => [f.id, f]));
    const uri = 'file:///xxgk-drafting/as-published.txt';
    const opened = await client.open(uri, text);
    const sums = arithmetic(opened);
    assert.ok(sums.length > 0);
    for (const d of sums) {
      const f = defined(expected.get(d.data.id), d.data.id);
      assert.equal(d.message, f.message.zh, 'the diagnosis');
      assert.match(d.message, /最可能有误/);
      const fixes = await quickFixes(client, uri, d);
      assert.deepEqual(
        fixes.map((a) => a.isPreferred),
        f.fixes.map((x) => x.preferred),
        `${d.data.id}: the engine’s preference`,
      );
      assert.match(defined(fixes.find((a) => a.isPreferred)).title, /予以公开」行「自然人」列改为 25/);
    }
    await client.close(uri);
    // typed in the editor instead: the same message, but the reset is no longer preferred
    await client.open(doc.uri, doc.text, doc.languageId);
    const { published } = await type(client, doc, 'R3_1', 'NP', 26);
    for (const d of arithmetic(published)) {
      assert.equal(d.message, defined(expected.get(d.data.id)).message.zh, 'the diagnosis does not change');
      const p = (await quickFixes(client, doc.uri, d)).filter((a) => a.isPreferred);
      assert.ok(!p.some((a) => /改为 25/.test(a.title)), `${d.data.id}: the typed 26 is not undone by preference`);
    }
    await client.close(doc.uri);
  });

  test('hongze-2023 (section 四 totals left at 0) opened without edits keeps today’s preferred fix', async () => {
    const text = fixture('corpus/hongze-2023.txt');
    const uri = 'file:///xxgk-drafting/hongze-2023.txt';
    const opened = await client.open(uri, text);
    const sums = opened.diagnostics.filter((d) => d.code === 'sum-mismatch');
    assert.equal(sums.length, 2);
    const titles = [];
    for (const d of sums) {
      const fixes = await quickFixes(client, uri, d);
      const p = fixes.filter((a) => a.isPreferred);
      assert.equal(p.length, 1);
      assert.match(p[0].title, /^将「(行政复议|复议后起诉)·总计」改为 \d+$/);
      titles.push(...fixes.map((a) => a.title));
      assert.ok(
        fixes.some((a) => !a.isPreferred && a.title === '重算本表全部合计（改 2 处）'),
        'recomputing the table is offered too',
      );
    }
    assert.deepEqual(titles.filter((x) => !RECOMPUTE.test(x)).sort(), ['将「复议后起诉·总计」改为 5', '将「行政复议·总计」改为 11']);
    await client.close(uri);
  });

  test('a reload (the whole text replaced) forgets what was typed', async () => {
    const doc = REPORTS[1];
    await client.open(doc.uri, doc.text, doc.languageId);
    await type(client, doc, 'R3_1', 'NP', 26);
    const cell = cellOf(doc.text, doc.options, 'R3_1', 'NP');
    const published = await client.replaceAll(doc.uri, engine.applyEdits(doc.text, [{ range: cell.range, newText: '26' }]));
    for (const d of arithmetic(published)) {
      const p = (await quickFixes(client, doc.uri, d)).filter((a) => a.isPreferred);
      assert.match(p[0]?.title ?? '', /改为 25/, `${d.data.id}: the engine’s preference again`);
    }
    await client.close(doc.uri);
  });
});
