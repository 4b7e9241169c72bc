// @ts-check
// Diagnostics over the protocol: exactly the engine's findings (ranges,
// codes, severities, messages, related locations) for every fixture and
// variant; the corpus expectations; nothing for non-reports; cleared on
// close; incremental edits; per-rule settings; onSave; debounce.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { comparable, corpus, documents, engine, expectedDiagnostics, startServer } from './harness.mjs';
import { defined } from '../lib/narrow.mjs';
/** @import { Client } from './harness.mjs' */

describe('diagnostics', () => {
  /** @type {Client} */
  let client;
  before(async () => {
    client = await startServer();
  });
  after(() => client.stop());

  test('every fixture and variant: the published diagnostics are the engine’s findings', async () => {
    const docs = await documents();
    assert.ok(docs.length > 40, 'the variants must be there');
    let withFindings = 0;
    for (const doc of docs) {
      const opened = await client.open(doc.uri, doc.text, doc.languageId);
      // The mark on a cell named as most likely wrong is a diagnostic of its own, not a finding (symbols.test.mjs tests it).
      const published = { ...opened, diagnostics: opened.diagnostics.filter((d) => d.code !== 'likely-wrong-cell') };
      const expected = expectedDiagnostics(doc.text, doc.options);
      assert.deepEqual(published.diagnostics.map(comparable), expected, doc.name);
      assert.equal(published.version, 1, `${doc.name}: published for the opened version`);
      for (const d of published.diagnostics) {
        assert.equal(d.source, 'xxgk');
        assert.deepEqual(Object.keys(d.data).sort(), ['id', 'version'], `${doc.name}: typed data`);
        assert.ok(d.data.id.startsWith(`${d.code}:`), `${doc.name}: ${d.data.id} is an id of rule ${d.code}`);
        assert.equal(d.data.version, 1);
      }
      assert.deepEqual(
        published.diagnostics.map((d) => d.data.id),
        engine.analyse(doc.text, doc.options).findings.map((f) => f.id),
        `${doc.name}: the engine’s finding ids`,
      );
      if (doc.notReport) assert.equal(published.diagnostics.length, 0, `${doc.name} is not a report`);
      if (expected.length > 0) withFindings++;
      await client.close(doc.uri);
    }
    assert.ok(withFindings > 30, `only ${withFindings} documents had findings; the comparison would say little`);
  });

  test('corpus reports: findings at the expected rules and lines', async () => {
    for (const report of corpus()) {
      if (!report.expected) continue;
      const { diagnostics } = await client.open(report.uri, report.text);
      const got = diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}`).sort();
      const want = report.expected.map((e) => `${e.rule}@${e.line}`).sort();
      assert.deepEqual(got, want, report.name);
      await client.close(report.uri);
    }
  });

  test('broken sum: related information points at the addends', async () => {
    const [report] = corpus().filter((r) => r.name.startsWith('changchun'));
    const broken = report.text.replace('0\t0\t0\t0\t59', '0\t0\t0\t0\t58');
    const { diagnostics } = await client.open('file:///xxgk-test/broken-sum.txt', broken);
    const sum = diagnostics.find((d) => d.code === 'sum-mismatch');
    assert.ok(sum, 'a sum-mismatch is reported');
    assert.equal(sum.severity, 1);
    const lines = broken.split('\n');
    assert.equal(
      lines[sum.range.start.line].slice(sum.range.start.character, sum.range.end.character),
      '58',
      'range is exactly the total cell',
    );
    const related = defined(sum.relatedInformation, 'related information');
    assert.ok(related.length >= 6, 'one related location per addend');
    for (const r of related) assert.equal(r.location.uri, 'file:///xxgk-test/broken-sum.txt');
    await client.close('file:///xxgk-test/broken-sum.txt');
  });

  test('non-reports get nothing: plain text, Markdown, and a report in another language id', async () => {
    const [report] = corpus();
    const cases = [
      ['file:///xxgk-test/notes.txt', '会议纪要\n\n今天讨论了三件事。\n', 'plaintext'],
      ['file:///xxgk-test/readme.md', '# 说明\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n', 'markdown'],
      ['file:///xxgk-test/report.js', report.text, 'javascript'],
      ['file:///xxgk-test/empty.xxgk', '', 'xxgk-report'],
    ];
    for (const [uri, text, languageId] of cases) {
      const { diagnostics } = await client.open(uri, text, languageId);
      assert.deepEqual(diagnostics, [], uri);
      const symbols = defined(await client.request('textDocument/documentSymbol', { textDocument: { uri } }));
      assert.deepEqual(symbols, [], `${uri}: no outline`);
      await client.close(uri);
    }
  });

  test('closing a document clears its diagnostics', async () => {
    const report = defined(corpus().find((r) => (r.expected?.length ?? 0) > 0));
    const opened = await client.open(report.uri, report.text);
    assert.ok(opened.diagnostics.length > 0);
    const closed = await client.close(report.uri);
    assert.deepEqual(closed.diagnostics, []);
  });

  test('incremental edits are applied and re-checked per version', async () => {
    const report = defined(corpus().find((r) => r.name.startsWith('changchun')));
    const uri = 'file:///xxgk-test/incremental.txt';
    await client.open(uri, report.text);
    const doc = defined(client.document(uri));
    const at = report.text.indexOf('0\t0\t0\t0\t59') + '0\t0\t0\t0\t'.length;
    const range = { start: doc.positionAt(at), end: doc.positionAt(at + 2) };
    const broken = await client.edit(uri, [{ range, newText: '61' }]);
    assert.equal(broken.version, 2);
    assert.deepEqual(broken.diagnostics.map(comparable), expectedDiagnostics(defined(client.document(uri)).getText()));
    assert.ok(broken.diagnostics.some((d) => d.code === 'sum-mismatch'));
    const fixed = await client.edit(uri, [{ range, newText: '59' }]);
    assert.equal(fixed.version, 3);
    assert.ok(!fixed.diagnostics.some((d) => d.code === 'sum-mismatch'));
    await client.close(uri);
  });

  test('per-rule settings: severity override and off (pushed configuration)', async () => {
    const report = defined(corpus().find((r) => r.name.startsWith('shandong')));
    const { diagnostics: before } = await client.open(report.uri, report.text);
    assert.ok(before.some((d) => d.code === 'text-artefact') && before.some((d) => d.code === 'nonstandard-label'));
    const republished = client.nextDiagnostics(report.uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { xxgk: { rules: { 'text-artefact': 'off', 'nonstandard-label': 'error' } } },
    });
    const { diagnostics } = await republished;
    assert.ok(!diagnostics.some((d) => d.code === 'text-artefact'), 'off hides the rule');
    const labels = diagnostics.filter((d) => d.code === 'nonstandard-label');
    assert.ok(labels.length > 0 && labels.every((d) => d.severity === 1), 'severity overridden');
    assert.equal(diagnostics.length, before.filter((d) => d.code !== 'text-artefact').length);
    const reset = client.nextDiagnostics(report.uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { xxgk: {} } });
    assert.deepEqual((await reset).diagnostics.map(comparable), expectedDiagnostics(report.text));
    await client.close(report.uri);
  });

  test('run: onSave publishes on save, not on change', async () => {
    const report = defined(corpus().find((r) => r.name.startsWith('changchun')));
    const uri = 'file:///xxgk-test/on-save.txt';
    // Notifications are handled in order, so the setting is in force before the open.
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { xxgk: { run: 'onSave' } } });
    await client.open(uri, report.text);
    const before = client.published.length;
    const saved = client.nextDiagnostics(uri, (p) => p.version === 2);
    const doc = defined(client.document(uri));
    const at = report.text.indexOf('0\t0\t0\t0\t59') + '0\t0\t0\t0\t'.length;
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: doc.positionAt(at), end: doc.positionAt(at + 2) }, text: '61' }],
    });
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    const published = await saved;
    assert.ok(published.diagnostics.some((d) => d.code === 'sum-mismatch'));
    const forUri = client.published.slice(before).filter((p) => p.uri === uri);
    assert.equal(forUri.length, 1, 'only the save published');
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { xxgk: {} } });
    await client.close(uri);
  });
});

describe('settings pulled with workspace/configuration', () => {
  test('the client’s per-resource settings apply', async () => {
    const client = await startServer({ configuration: { rules: { 'text-artefact': 'off', 'nonstandard-label': 'info' } } });
    try {
      const report = defined(corpus().find((r) => r.name.startsWith('shandong')));
      const { diagnostics } = await client.open(report.uri, report.text);
      assert.ok(diagnostics.length > 0);
      assert.ok(!diagnostics.some((d) => d.code === 'text-artefact'));
      assert.ok(diagnostics.filter((d) => d.code === 'nonstandard-label').every((d) => d.severity === 3));
    } finally {
      await client.stop();
    }
  });
});

describe('debounce', () => {
  test('quick successive changes are checked once, at the last version', async () => {
    const client = await startServer({ initializationOptions: { debounceMs: 150, locale: 'zh' } });
    try {
      const report = defined(corpus().find((r) => r.name.startsWith('changchun')));
      const uri = 'file:///xxgk-test/debounce.txt';
      await client.open(uri, report.text);
      const before = client.published.length;
      const last = client.nextDiagnostics(uri, (p) => p.version === 4);
      for (const version of [2, 3, 4]) {
        await client.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }],
        });
      }
      await last;
      assert.deepEqual(
        client.published
          .slice(before)
          .filter((p) => p.uri === uri)
          .map((p) => p.version),
        [4],
      );
    } finally {
      await client.stop();
    }
  });
});

describe('English display language', () => {
  test('messages follow the client’s locale', async () => {
    const client = await startServer({ initializationOptions: { debounceMs: 0, locale: 'en' } });
    try {
      const report = defined(corpus().find((r) => (r.expected?.length ?? 0) > 0));
      const { diagnostics } = await client.open(report.uri, report.text);
      const { engine } = await import('./harness.mjs');
      assert.deepEqual(
        diagnostics.map((d) => d.message),
        engine.analyse(report.text).findings.map((f) => f.message.en),
      );
    } finally {
      await client.stop();
    }
  });
});
