// @ts-check
// Outline, hover, folding and the custom requests over the protocol, with
// positions taken from the engine's own model of each corpus report.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { comparable, corpus, engine, expectedDiagnostics, startServer } from './harness.mjs';
import { defined, numberOf } from '../lib/narrow.mjs';
/** @import { Client } from './harness.mjs' */

const OFFICIAL = engine.FORMATS['2021'].sections.map((s) => s.title);

/** @param {import('vscode-languageserver-protocol').Range} outer @param {import('vscode-languageserver-protocol').Range} inner */
function contains(outer, inner) {
  /** @param {import('vscode-languageserver-protocol').Position} a @param {import('vscode-languageserver-protocol').Position} b */
  const le = (a, b) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

/** @param {import('vscode-languageserver-protocol').DocumentSymbol} symbol @param {string} path */
function checkNesting(symbol, path) {
  assert.ok(contains(symbol.range, symbol.selectionRange), `${path}/${symbol.name}: selectionRange inside range`);
  for (const child of symbol.children ?? []) {
    assert.ok(contains(symbol.range, child.range), `${path}/${symbol.name} › ${child.name}: child inside parent`);
    checkNesting(child, `${path}/${symbol.name}`);
  }
}

/** @param {{ contents: { value: string } } | null} h */
const hoverText = (h) => (h ? h.contents.value : '');

describe('outline, hover, folding', () => {
  /** @type {Client} */
  let client;
  before(async () => {
    client = await startServer();
  });
  after(() => client.stop());

  for (const report of corpus()) {
    test(`${report.name}: outline`, async () => {
      await client.open(report.uri, report.text);
      const model = engine.analyse(report.text).model;
      const symbols = defined(await client.request('textDocument/documentSymbol', { textDocument: { uri: report.uri } }));
      assert.deepEqual(
        symbols.map((s) => s.name),
        OFFICIAL,
        'six sections under their official titles',
      );
      // Issue 10 §10: the report's wording as detail only where it differs from the official title.
      assert.deepEqual(
        symbols.map((s) => s.detail),
        model.sections.map((s, i) =>
          engine.normalizeLabel(s.heading.text) === engine.normalizeLabel(OFFICIAL[i]) ? undefined : s.heading.text,
        ),
        'the report’s own wording as detail, where it differs',
      );
      assert.deepEqual(
        symbols.map((s) => s.selectionRange),
        model.sections.map((s) => s.heading.range),
      );
      for (const s of symbols) checkNesting(s, '');
      const tablesOf = (/** @type {number} */ i) =>
        defined(symbols[i]?.children)
          .filter((c) => c.kind === 23 /* Struct */)
          .map((c) => c.name);
      assert.deepEqual(tablesOf(1), ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']);
      assert.equal(tablesOf(2).length, 1);
      assert.equal(tablesOf(3).length, 1);
      const s3 = defined(defined(symbols[2]?.children).find((c) => c.kind === 23));
      /** @type {(list: import('vscode-languageserver-protocol').DocumentSymbol[]) => import('vscode-languageserver-protocol').DocumentSymbol[]} */
      const flat = (list) => list.flatMap((c) => [c, ...flat(c.children ?? [])]);
      const rowsInOutline = flat(defined(s3.children)).filter((c) => c.kind === 8 /* Field */).length;
      // Every row the engine read is a Field, except group rows that have their children under them.
      const s3Table = defined(model.tables.find((t) => t.id === 'S3'));
      const parentOf = new Map(defined(engine.tableTemplate(model.format, 'S3')).rows.map((r) => [r.key, r.parent]));
      const leaves = s3Table.rows.filter((r) => !s3Table.rows.some((c) => parentOf.get(c.key) === r.key));
      assert.equal(rowsInOutline, leaves.length, 'section 三 rows in the outline');
      assert.ok(
        defined(s3.children).some((c) => (c.children ?? []).length > 0),
        'rows nested under 三、本年度办理结果',
      );
      const subHeadings = defined(model.sections[0]).subHeadings.map((h) => h.text);
      assert.deepEqual(
        defined(symbols[0]?.children)
          .filter((c) => c.kind === 15 /* String */)
          .map((c) => c.name),
        subHeadings.map((t) => t.trim()),
      );
      await client.close(report.uri);
    });

    test(`${report.name}: hover on a heading, a row label, a cell and a column header`, async () => {
      await client.open(report.uri, report.text);
      const model = engine.analyse(report.text).model;
      const at = (/** @type {import('vscode-languageserver-protocol').Position} */ p) =>
        client.request('textDocument/hover', { textDocument: { uri: report.uri }, position: p });

      const section3 = defined(model.sections[2]);
      const heading = await at(section3.heading.range.start);
      assert.match(hoverText(heading), /收到和处理政府信息公开申请情况/);
      assert.match(hoverText(heading), /第五十条/, 'the section’s legal basis');
      assert.deepEqual(heading?.range, section3.heading.range);

      const s3 = defined(model.tables.find((t) => t.id === 'S3'));
      const r1 = defined(s3.rows.find((r) => r.key === 'R1'));
      const row = await at(defined(r1.label).range.start);
      const tot = defined(r1.cells.find((c) => c.column === 'TOT'));
      const parts = ['NP', 'BE', 'RI', 'SW', 'LS', 'OT'].map((k) => numberOf(r1.cells.find((c) => c.column === k)));
      assert.ok(hoverText(row).includes(`总计 ${numberOf(tot)} = ${parts.join('+')} ✓`), hoverText(row));
      assert.match(hoverText(row), /第二十七条/, 'row basis');
      assert.match(hoverText(row), /报告年度内收到/, 'what the row counts');

      const cellHover = await at(tot.range.start);
      assert.deepEqual(cellHover?.range, tot.range);
      assert.match(hoverText(cellHover), new RegExp(`= ${numberOf(tot)}`));
      assert.match(hoverText(cellHover), /第一项加第二项之和等于第三项加第四项之和/, 'the balance it takes part in');

      const header = model.tables.flatMap((t) => t.headerCells.map((h) => ({ t, h }))).find(({ h }) => h.column);
      assert.ok(header, 'the engine read a column header');
      const column = defined(defined(engine.tableTemplate(model.format, header.t.id)).columns.find((c) => c.key === header.h.column));
      assert.ok(hoverText(await at(header.h.range.start)).includes(column.explanation.zh), 'what the column counts');

      const s4 = defined(model.tables.find((t) => t.id === 'S4'));
      const s4Cell = defined(defined(s4.rows[0]).cells.find((c) => c.column === 'FY.ZJ'));
      assert.match(hoverText(await at(s4Cell.range.start)), /行政复议·总计 \d+ = \d+\+\d+\+\d+\+\d+ [✓✗]/);

      assert.equal(await at({ line: defined(model.sections[0]).heading.range.start.line + 1, character: 0 }), null, 'prose has no hover');
      await client.close(report.uri);
    });

    test(`${report.name}: folding`, async () => {
      await client.open(report.uri, report.text);
      const model = engine.analyse(report.text).model;
      const ranges = defined(await client.request('textDocument/foldingRange', { textDocument: { uri: report.uri } }));
      const starts = new Set(ranges.map((r) => r.startLine));
      for (const s of model.sections) {
        if (s.range.end.line - s.range.start.line > 1) assert.ok(starts.has(s.range.start.line), `section ${s.id} folds`);
      }
      for (const t of model.tables) {
        const first = Math.min(t.range.start.line, t.caption?.range.start.line ?? Infinity);
        if (t.range.end.line > first + 1) assert.ok(starts.has(first), `table ${t.id} folds`);
      }
      for (const r of ranges) assert.ok(r.endLine > r.startLine && r.endLine < report.text.split('\n').length);
      assert.equal(starts.size, ranges.length, 'one range per start line');
      await client.close(report.uri);
    });
  }

  test('hover on a broken sum shows the failure', async () => {
    const report = defined(corpus().find((r) => r.name.startsWith('changchun')));
    const text = report.text.replace('0\t0\t0\t0\t59', '0\t0\t0\t0\t58');
    const uri = 'file:///xxgk-test/hover-broken.txt';
    await client.open(uri, text);
    const s3 = defined(engine.analyse(text).model.tables.find((t) => t.id === 'S3'));
    const cell = defined(defined(s3.rows.find((r) => r.key === 'R1')).cells.find((c) => c.column === 'TOT'));
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: cell.range.start });
    assert.match(hoverText(hover), /总计 58 = 50\+9\+0\+0\+0\+0 ✗/);
    await client.close(uri);
  });
});

describe('robustness', () => {
  /** @type {Client} */
  let client;
  before(async () => {
    client = await startServer();
  });
  after(() => client.stop());

  test('a malformed request is answered and the next good one still works', async () => {
    const report = defined(corpus()[0]);
    await client.open(report.uri, report.text);
    // deliberately malformed: no document, a null position
    const bad = await client.request('textDocument/hover', /** @type {never} */ ({ position: null })).then(
      (r) => r,
      (e) => e,
    );
    assert.ok(bad === null || bad instanceof Error, 'answered');
    // deliberately a method the server does not have
    await assert.rejects(
      client.request(/** @type {never} */ ('xxgk/noSuchMethod'), /** @type {never} */ ({})),
      /Unhandled method|not found/i,
    );
    const symbols = defined(await client.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///never-opened.txt' } }));
    assert.deepEqual(symbols, []);
    const good = defined(await client.request('textDocument/documentSymbol', { textDocument: { uri: report.uri } }));
    assert.equal(good.length, 6);
    await client.close(report.uri);
  });

  test('half a table is checked like the engine checks it', async () => {
    const report = defined(corpus().find((r) => r.name.startsWith('changchun')));
    const half = report.text.slice(0, report.text.indexOf('(四) 无法提供') + 5);
    const uri = 'file:///xxgk-test/half.txt';
    const { diagnostics } = await client.open(uri, half);
    assert.deepEqual(diagnostics.map(comparable), expectedDiagnostics(half));
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 39, character: 2 } });
    assert.ok(hover === null || typeof hover.contents.value === 'string');
    await client.close(uri);
  });

  test('a paste over 10 million characters gets one notice, not a check, and the server keeps answering', async () => {
    const report = defined(corpus().find((r) => r.name.startsWith('changchun')));
    const huge = report.text.repeat(Math.ceil(10_000_001 / report.text.length));
    const uri = 'file:///xxgk-test/huge.txt';
    const started = Date.now();
    const { diagnostics } = await client.open(uri, huge);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['document-too-large'],
      'robustness.test.mjs checks the notice itself',
    );
    const symbols = defined(await client.request('textDocument/documentSymbol', { textDocument: { uri } }));
    assert.deepEqual(symbols, []);
    assert.ok(Date.now() - started < 5000, 'quick');
    assert.ok(
      client.logs.some((l) => l.message.includes('not checked')),
      'the skip is logged',
    );
    await client.close(uri);
    const other = await client.open('file:///xxgk-test/after-huge.txt', report.text);
    assert.deepEqual(other.diagnostics.map(comparable), expectedDiagnostics(report.text));
    await client.close('file:///xxgk-test/after-huge.txt');
  });

  test('the server wrote nothing to stderr', () => {
    assert.equal(client.stderr, '');
  });
});

describe('custom requests', () => {
  /** @type {Client} */
  let client;
  /** @type {string} */
  let dir;
  before(async () => {
    client = await startServer();
    dir = mkdtempSync(join(tmpdir(), 'xxgk-check-'));
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('xxgk/newReport returns the engine’s new report, a report without errors', async () => {
    const { text } = await client.request('xxgk/newReport', { year: 2024, agency: '某某市某某局' });
    assert.equal(text, engine.renderNewReport({ format: '2021', year: 2024, agency: '某某市某某局' }));
    const analysis = engine.analyse(text);
    assert.ok(analysis.model.isReport);
    const { diagnostics } = await client.open('untitled:new-report', text, 'xxgk-report');
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === 1),
      [],
      'no errors in a new report',
    );
    const symbols = defined(await client.request('textDocument/documentSymbol', { textDocument: { uri: 'untitled:new-report' } }));
    assert.deepEqual(
      symbols.map((s) => s.name),
      OFFICIAL,
    );
    await client.close('untitled:new-report');
    const defaults = await client.request('xxgk/newReport', /** @type {never} */ (null)); // deliberately no params
    assert.ok(engine.analyse(defaults.text).model.isReport, 'works without params');
  });

  test('xxgk/checkFiles reads files, publishes diagnostics for the reports, reports what it skipped', async () => {
    const report = defined(corpus().find((r) => r.name.startsWith('changchun')));
    const broken = report.text.replace('0\t0\t0\t0\t59', '0\t0\t0\t0\t58');
    const files = {
      'report.txt': Buffer.from(broken, 'utf8'),
      'notes.md': Buffer.from('# 会议纪要\n\n今天讨论了三件事。\n', 'utf8'),
      'gbk.txt': Buffer.from([0xd5, 0xfe, 0xb8, 0xae, 0xd0, 0xc5, 0xcf, 0xa2]), // 政府信息 in GBK: decoded like the CLI does, not a report
      'binary.txt': Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x89, 0x50]),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    const uri = (/** @type {string} */ name) => pathToFileURL(join(dir, name)).href;
    const published = client.nextDiagnostics(uri('report.txt'));
    const result = await client.request('xxgk/checkFiles', {
      uris: [uri('report.txt'), uri('notes.md'), uri('gbk.txt'), uri('binary.txt'), uri('missing.txt'), 'https://example.com/x.txt'],
    });
    const { diagnostics, version } = await published;
    assert.equal(version, undefined, 'not an open document');
    assert.deepEqual(diagnostics.map(comparable), expectedDiagnostics(broken));
    assert.ok(diagnostics.some((d) => d.code === 'sum-mismatch'));
    assert.equal(result.checked, 3);
    assert.equal(result.reports, 1);
    assert.equal(result.problems, diagnostics.length);
    assert.deepEqual(result.skipped.map((s) => s.uri).sort(), [uri('binary.txt'), uri('missing.txt'), 'https://example.com/x.txt'].sort());
    assert.ok(!client.published.some((p) => p.uri === uri('notes.md')), 'nothing published for a non-report');
  });
});
