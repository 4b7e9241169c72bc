// @ts-check
// Inlay hints beside totals and the code lens above each table, over LSP:
// `≠ 30` beside a broken total (only there by default), `= n ✓` beside every
// total with `xxgk.inlayHints.totals: all`, none with `none`, only inside the
// requested range; the lens counts the broken sums ("n 处不符 · 重算合计"),
// and its command (workspace/executeCommand → workspace/applyEdit) makes
// every sum hold; `xxgk.codeLens: false` turns the lenses off.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { engine, ROOT, startServer, textDocumentEdits } from './harness.mjs';
import { defined } from '../lib/narrow.mjs';
/** @import { Client } from './harness.mjs' */

const MD = readFileSync(join(ROOT, 'test/fixtures/made/changchun-2023.md'), 'utf8');
const LINES = MD.split('\n');
const WHOLE = { start: { line: 0, character: 0 }, end: { line: LINES.length, character: 0 } };

/** The （一）予以公开 row's 总计 cell (30) in the Markdown fixture. */
function disclosedTotal() {
  const line = LINES.findIndex((l) => l.startsWith('| （一）予以公开'));
  const character = LINES[line].lastIndexOf('| 30 |') + 2;
  return { start: { line, character }, end: { line, character: character + 2 } };
}

/** The fixture with （一）予以公开's total written as 31: its row and the 总计 column no longer add up. */
const BROKEN = (() => {
  const r = disclosedTotal();
  const lines = LINES.slice();
  lines[r.start.line] = lines[r.start.line].slice(0, r.start.character) + '31' + lines[r.start.line].slice(r.end.character);
  return lines.join('\n');
})();

/** Total cells the engine's sums name (each once), present in the text. */
/** @param {string} text */
function totalCells(text) {
  const analysis = engine.analyse(text, { layoutHint: 'markdown' });
  /** @type {Set<import('../../server/src/engine/index.ts').CellNode>} */
  const cells = new Set();
  for (const table of analysis.model.tables) {
    const template = defined(engine.tableTemplate(analysis.model.format, table.id));
    for (const eq of engine.equationsForTable(table, template)) {
      const cell = eq.left[0]?.cell;
      if (eq.kind !== 'balance' && cell?.present) cells.add(cell);
    }
  }
  return [...cells];
}

/**
 * The inlay hints of a range. This server's labels and tooltips are plain strings (server/src/lsp/inlayHints.ts):
 * asserted here, so the tests read them as strings.
 * @param {Client} client
 * @param {string} uri
 * @returns {Promise<(Omit<import('vscode-languageserver-protocol').InlayHint, 'label' | 'tooltip'> & { label: string, tooltip?: string })[]>}
 */
const hintsOf = async (client, uri, range = WHOLE) =>
  defined(await client.request('textDocument/inlayHint', { textDocument: { uri }, range })).map((h) => {
    const { label, tooltip } = h;
    assert.equal(typeof label, 'string', 'a plain label');
    assert.ok(tooltip === undefined || typeof tooltip === 'string', 'a plain tooltip');
    return { ...h, label: String(label), tooltip };
  });
const sumProblems = (/** @type {import('./harness.mjs').PlainDiagnostic[]} */ diagnostics) =>
  diagnostics.filter((d) => d.code === 'sum-mismatch' || d.code === 'balance-mismatch');

describe('inlay hints (default: only totals that do not hold) and code lenses', () => {
  /** @type {Client} */
  let client;
  before(async () => {
    client = await startServer();
  });
  after(() => client.stop());

  test('a clean report: no hints; lenses say 合计均相符 above section 三 and 四', async () => {
    const uri = 'file:///inlay/clean.md';
    const { diagnostics } = await client.open(uri, MD, 'markdown');
    assert.deepEqual(sumProblems(diagnostics), []);
    assert.deepEqual(await hintsOf(client, uri), []);
    const lenses = defined(await client.request('textDocument/codeLens', { textDocument: { uri } }));
    assert.deepEqual(
      lenses.map((l) => defined(l.command).title),
      ['合计均相符', '合计均相符'],
    );
    const model = engine.analyse(MD, { layoutHint: 'markdown' }).model;
    assert.deepEqual(
      lenses.map((l) => l.range.start.line),
      model.tables.filter((t) => t.id === 'S3' || t.id === 'S4').map((t) => t.range.start.line),
      'each lens on its table’s first line',
    );
    await client.close(uri);
  });

  test('a broken total: ≠ and what its parts add up to, beside it; the lens recomputes and every sum holds', async () => {
    const uri = 'file:///inlay/broken.md';
    const { diagnostics } = await client.open(uri, BROKEN, 'markdown');
    assert.ok(sumProblems(diagnostics).length >= 1);
    const hints = await hintsOf(client, uri);
    const cell = disclosedTotal();
    const beside = hints.find((h) => h.position.line === cell.end.line && h.position.character === cell.end.character);
    assert.ok(beside, `a hint right after the total: ${JSON.stringify(hints)}`);
    assert.equal(beside.label, '≠ 30');
    assert.match(defined(beside.tooltip, 'a tooltip'), /31 = 25\+5\+0\+0\+0\+0 ✗/);
    assert.ok(
      hints.every((h) => h.label.startsWith('≠')),
      'only totals that do not hold',
    );

    const [s3Lens] = defined(await client.request('textDocument/codeLens', { textDocument: { uri } }));
    const n = sumProblems(diagnostics).filter((d) => d.range.start.line > 40 && d.range.start.line < 78).length;
    assert.equal(defined(s3Lens.command).title, `${n} 处不符 · 重算合计`);
    assert.equal(defined(s3Lens.command).command, 'xxgk.recomputeTableTotals');

    // The command asks the client to apply the edit (pinned to the current version).
    /** @type {import('vscode-languageserver-protocol').ApplyWorkspaceEditParams | undefined} */
    let asked;
    const handler = client.connection.onRequest(
      'workspace/applyEdit',
      (/** @type {import('vscode-languageserver-protocol').ApplyWorkspaceEditParams} */ params) => {
        asked = params;
        return { applied: true };
      },
    );
    try {
      const applied = await client.request('workspace/executeCommand', {
        command: defined(s3Lens.command).command,
        arguments: defined(s3Lens.command).arguments,
      });
      assert.equal(applied, true);
    } finally {
      handler.dispose();
    }
    const edits = textDocumentEdits(defined(asked, 'a workspace/applyEdit request').edit, uri, 1);
    assert.ok(edits.length >= 1);
    const fixed = await client.edit(uri, edits);
    assert.deepEqual(sumProblems(fixed.diagnostics), [], 'every sum holds after the recomputation');
    assert.equal(defined(client.document(uri)).getText(), MD, 'the total is back to 30');
    assert.deepEqual(await hintsOf(client, uri), []);
    const lenses = defined(await client.request('textDocument/codeLens', { textDocument: { uri } }));
    assert.equal(defined(lenses[0].command).title, '合计均相符');
    await client.close(uri);
  });

  test('a stale or malformed command does nothing', async () => {
    assert.equal(
      await client.request('workspace/executeCommand', {
        command: 'xxgk.recomputeTableTotals',
        arguments: ['file:///nope.md', 1, 0, 'S3'],
      }),
      null,
    );
    assert.equal(await client.request('workspace/executeCommand', { command: 'xxgk.recomputeTableTotals', arguments: [{}, 'x'] }), null);
  });
});

describe('xxgk.inlayHints.totals: all', () => {
  /** @type {Client} */
  let client;
  before(async () => {
    client = await startServer({ configuration: { inlayHints: { totals: 'all' } } });
  });
  after(() => client.stop());

  test('every total gets its sum; a range gets only its own', async () => {
    const uri = 'file:///inlay/all.md';
    await client.open(uri, MD, 'markdown');
    const hints = await hintsOf(client, uri);
    const cells = totalCells(MD);
    assert.equal(hints.length, cells.length);
    assert.ok(cells.length >= 30, `${cells.length} totals`);
    for (const h of hints) assert.match(h.label, /^= \d+ ✓$/);
    /** @param {import('vscode-languageserver-protocol').Position} a @param {import('vscode-languageserver-protocol').Position} b */
    const order = (a, b) => a.line - b.line || a.character - b.character;
    assert.deepEqual(
      hints.map((h) => h.position).sort(order),
      cells.map((c) => c.range.end).sort(order),
      'each hint right after its total',
    );
    const line = disclosedTotal().start.line;
    const one = await hintsOf(client, uri, { start: { line, character: 0 }, end: { line, character: 200 } });
    assert.deepEqual(
      one.map((h) => [h.position.line, h.label]),
      [[line, '= 30 ✓']],
    );
    await client.close(uri);
  });
});

describe('xxgk.inlayHints.totals: none, xxgk.codeLens: false', () => {
  /** @type {Client} */
  let client;
  before(async () => {
    client = await startServer({ configuration: { inlayHints: { totals: 'none' }, codeLens: false } });
  });
  after(() => client.stop());

  test('no hints even beside a broken total, no lenses', async () => {
    const uri = 'file:///inlay/none.md';
    await client.open(uri, BROKEN, 'markdown');
    assert.deepEqual(await hintsOf(client, uri), []);
    assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri } }), []);
    await client.close(uri);
  });
});
