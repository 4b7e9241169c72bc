// @ts-check
// Issue 10 §9 over the protocol: the results of a workspace check (xxgk/checkFiles)
// stay right — kept when a checked file is opened and closed, refreshed when it
// changes on disk or is deleted (workspace/didChangeWatchedFiles), and when the
// settings change.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { corpus, startServer } from './harness.mjs';

const CHANGED = 2;
const DELETED = 3;

describe('a workspace check that stays right', () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let client;
  let dir = '';
  const report = corpus().find((r) => r.name.startsWith('changchun'));
  assert.ok(report);
  const clean = report.text;
  const broken = clean.replace('0\t0\t0\t0\t59', '0\t0\t0\t0\t58');
  assert.notEqual(broken, clean);
  const sums = (/** @type {any} */ p) => p.diagnostics.filter((/** @type {any} */ d) => d.code === 'sum-mismatch').length;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xxgk-wscheck-'));
    client = await startServer();
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('kept after the file is opened and closed; refreshed on a change on disk, a settings change and a deletion', async () => {
    const file = join(dir, 'report.txt');
    const uri = pathToFileURL(file).href;
    writeFileSync(file, broken);
    const first = client.nextDiagnostics(uri);
    const result = await client.request('xxgk/checkFiles', { uris: [uri] });
    assert.equal(result.reports, 1);
    const checked = await first;
    assert.equal(checked.version, undefined, 'from disk');
    assert.ok(sums(checked) > 0);
    const before = checked.diagnostics.length;

    // Open (the editor's text wins), then close: the results from disk come back instead of vanishing.
    await client.open(uri, broken);
    const cleared = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
    const back = client.nextDiagnostics(uri, (p) => p.version === undefined && p.diagnostics.length > 0);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await cleared;
    const kept = await back;
    assert.equal(kept.diagnostics.length, before, 'the same results as the workspace check');

    // Fixed on disk (another editor, a git pull): re-checked without the sum error.
    writeFileSync(file, clean);
    const fixed = client.nextDiagnostics(uri, (p) => sums(p) === 0);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: CHANGED }] });
    assert.equal(sums(await fixed), 0);

    // Broken again, then sum-mismatch turned off in the settings: re-checked with the new settings.
    writeFileSync(file, broken);
    const again = client.nextDiagnostics(uri, (p) => sums(p) > 0);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: CHANGED }] });
    await again;
    const off = client.nextDiagnostics(uri, (p) => sums(p) === 0);
    await client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { xxgk: { rules: { 'sum-mismatch': 'off' } } },
    });
    assert.equal(sums(await off), 0);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { xxgk: {} } });

    // Deleted: its results go.
    const gone = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
    unlinkSync(file);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: DELETED }] });
    await gone;
  });

  test('a file the workspace check never looked at is left alone when it changes on disk', async () => {
    const file = join(dir, 'other.txt');
    const uri = pathToFileURL(file).href;
    writeFileSync(file, broken);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: CHANGED }] });
    // A round trip, so the notification has been handled.
    await client.request('xxgk/newReport', {});
    assert.ok(!client.published.some((p) => p.uri === uri));
  });
});
