// @ts-check
// Suppression and configuration over the protocol: inline comments, the
// 在此行停用 and 这不是年度报告 actions, `.xxgk.json` (rules, a malformed file,
// a change on disk), documents that are not reports, codeDescription links
// and the message language.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { asTextDocumentEdit, ROOT, startServer, textDocumentEdits } from './harness.mjs';
import { defined } from '../lib/narrow.mjs';
/** @import { Client } from './harness.mjs' */

const SHANDONG = readFileSync(join(ROOT, 'test/fixtures/corpus/shandong-guodongban-2023.txt'), 'utf8');
const NOT_REPORTS = join(ROOT, 'test/fixtures/not-reports');
const CJK = /[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]/;

/**
 * @param {string} uri
 * @param {import('./harness.mjs').PlainDiagnostic[]} diagnostics
 * @returns {import('vscode-languageserver-protocol').CodeActionParams}
 */
function actionParams(uri, diagnostics) {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { textDocument: { uri }, range, context: { diagnostics, triggerKind: 1 } };
}

const keys = (/** @type {{ code?: string | number, range: { start: { line: number } } }[]} */ ds) =>
  ds.map((d) => `${d.code}@${d.range.start.line}`).sort();

describe('suppression and 这不是年度报告 without a workspace folder', () => {
  /** @type {Client} */
  let client;
  before(async () => {
    client = await startServer();
  });
  after(() => client.stop());

  test('a disable-next-line comment removes exactly that diagnostic (a cell-per-line table keeps reading)', async () => {
    const uri = 'file:///xxgk-config/shandong-comment.txt';
    const opened = await client.open(uri, SHANDONG);
    const target = opened.diagnostics.find((d) => d.code === 'text-artefact' && d.range.start.line > 80);
    assert.ok(target, 'a bookmark inside a table');
    const line = target.range.start.line;
    const at = { line, character: 0 };
    const after = await client.edit(uri, [{ range: { start: at, end: at }, newText: '<!-- xxgk-disable-next-line text-artefact -->\n' }]);
    const shifted = keys(
      opened.diagnostics
        .filter((d) => d !== target)
        .map((d) => ({ ...d, range: { start: { line: d.range.start.line >= line ? d.range.start.line + 1 : d.range.start.line } } })),
    );
    assert.deepEqual(keys(after.diagnostics), shifted);
    await client.close(uri);
  });

  test('在此行停用: never preferred, applied it removes the finding and adds none; 这不是年度报告 inserts disable-file', async () => {
    const uri = 'file:///xxgk-config/shandong-actions.txt';
    const opened = await client.open(uri, SHANDONG);
    const target = defined(opened.diagnostics.find((d) => d.code === 'nonstandard-label'));
    const actions = defined(await client.request('textDocument/codeAction', actionParams(uri, [target])));
    const disable = actions.find((a) => a.title === '在此行停用 nonstandard-label');
    assert.ok(disable, actions.map((a) => a.title).join(' | '));
    assert.equal(disable.isPreferred, false);
    const version = defined(client.document(uri)).version;
    const after = await client.edit(uri, textDocumentEdits(disable.edit, uri, version));
    assert.equal(after.diagnostics.length, opened.diagnostics.length - 1);
    assert.ok(!after.diagnostics.some((d) => d.code === 'nonstandard-label' && d.range.start.line === target.range.start.line + 1));
    assert.match(
      defined(client.document(uri)).getText().split('\n')[target.range.start.line],
      /^<!-- xxgk-disable-next-line nonstandard-label -->$/,
    );

    // Fix-all and source.fixAll never apply a suppression.
    const whole = {
      start: { line: 0, character: 0 },
      end: defined(client.document(uri)).positionAt(defined(client.document(uri)).getText().length),
    };
    const fixAll = defined(
      await client.request('textDocument/codeAction', {
        textDocument: { uri },
        range: whole,
        context: { diagnostics: [], only: ['source.fixAll'], triggerKind: 1 },
      }),
    );
    for (const a of fixAll)
      for (const e of textDocumentEdits(a.edit, uri, defined(client.document(uri)).version)) assert.doesNotMatch(e.newText, /xxgk-disable/);

    const next = after.diagnostics[0];
    const more = defined(await client.request('textDocument/codeAction', actionParams(uri, [next])));
    const notReport = more.find((a) => a.title.startsWith('这不是年度报告'));
    assert.ok(notReport, 'offered on every diagnostic');
    assert.equal(notReport.isPreferred, false);
    const none = await client.edit(uri, textDocumentEdits(notReport.edit, uri, defined(client.document(uri)).version));
    assert.deepEqual(none.diagnostics, []);
    assert.match(defined(client.document(uri)).getText(), /^<!-- xxgk-disable-file -->\n/);
    await client.close(uri);
  });

  test('documents about reports (notice, review, 编写说明, news, a list of reports, a template explanation) get nothing', async () => {
    const files = readdirSync(NOT_REPORTS);
    assert.ok(files.length >= 5);
    for (const name of files) {
      const uri = `file:///xxgk-config/not-reports/${name}`;
      const published = await client.open(
        uri,
        readFileSync(join(NOT_REPORTS, name), 'utf8'),
        name.endsWith('.md') ? 'markdown' : 'plaintext',
      );
      assert.deepEqual(published.diagnostics, [], name);
      await client.close(uri);
    }
  });

  test('every diagnostic links to its rule page (codeDescription.href, a file that exists)', async () => {
    const uri = 'file:///xxgk-config/shandong-links.txt';
    const opened = await client.open(uri, SHANDONG);
    assert.ok(opened.diagnostics.length > 0);
    for (const d of opened.diagnostics) {
      assert.ok(d.codeDescription?.href.endsWith(`/docs/rules/${d.code}.md`), JSON.stringify(d.codeDescription));
      const href = defined(d.codeDescription).href;
      assert.ok(existsSync(fileURLToPath(href)), href);
    }
    await client.close(uri);
  });
});

describe('.xxgk.json in a workspace folder', () => {
  /** @type {Client} */
  let client;
  /** @type {string} */
  let dir;
  const configPath = () => join(dir, '.xxgk.json');
  const configUri = () => pathToFileURL(configPath()).href;
  const changed = (type = 2) =>
    client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri(), type }] });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xxgk-config-'));
    client = await startServer({ workspaceFolders: [pathToFileURL(dir).href], configuration: {} });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a rules entry turns a rule off; a change on disk is picked up', async () => {
    writeFileSync(configPath(), JSON.stringify({ rules: { 'text-artefact': 'off', 'nonstandard-label': 'error' } }));
    const uri = pathToFileURL(join(dir, 'a.txt')).href;
    const opened = await client.open(uri, SHANDONG);
    assert.ok(opened.diagnostics.length > 0);
    assert.ok(!opened.diagnostics.some((d) => d.code === 'text-artefact'), 'off');
    assert.ok(
      opened.diagnostics.filter((d) => d.code === 'nonstandard-label').every((d) => d.severity === 1),
      'error',
    );

    writeFileSync(configPath(), JSON.stringify({ rules: {} }));
    const next = client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'text-artefact'));
    await changed();
    await next;
    await client.close(uri);
  });

  test('a malformed file: one diagnostic on it, the defaults apply; mended, it is cleared', async () => {
    writeFileSync(configPath(), '{ "rules": { "sum-mismatch": "errr", "text-artifact": "off" } }');
    const onConfig = client.nextDiagnostics(configUri(), (p) => p.diagnostics.length > 0);
    await changed();
    const uri = pathToFileURL(join(dir, 'b.txt')).href;
    const opened = await client.open(uri, SHANDONG);
    const problem = await onConfig;
    assert.equal(problem.diagnostics.length, 1);
    assert.match(problem.diagnostics[0].message, /\.xxgk\.json 有误，已忽略整个文件（使用默认设置）：规则「sum-mismatch」的值应为/);
    assert.match(problem.diagnostics[0].message, /另有 1 处问题/);
    assert.ok(
      opened.diagnostics.some((d) => d.code === 'text-artefact'),
      'defaults',
    );

    writeFileSync(configPath(), '{}');
    const cleared = client.nextDiagnostics(configUri(), (p) => p.diagnostics.length === 0);
    await changed();
    await cleared;
    await client.close(uri);
  });

  test('这不是年度报告 adds the file to exclude (created or edited, never the document); then it gets nothing', async () => {
    rmSync(configPath(), { force: true });
    await changed(3);
    const name = 'notes（草稿）[1].txt';
    const uri = pathToFileURL(join(dir, 'sub', name)).href;
    const opened = await client.open(uri, SHANDONG);
    const actions = defined(await client.request('textDocument/codeAction', actionParams(uri, opened.diagnostics.slice(0, 1))));
    const action = actions.find((a) => a.title.startsWith('这不是年度报告'));
    assert.ok(action);
    const changes = defined(action.edit?.documentChanges);
    assert.deepEqual(changes[0], { kind: 'create', uri: configUri(), options: { ignoreIfExists: true } });
    const configEdit = asTextDocumentEdit(changes[1]);
    assert.equal(configEdit.textDocument.uri, configUri());
    assert.ok(!changes.some((c) => 'textDocument' in c && c.textDocument.uri === uri), 'the document itself is not edited');
    const text = defined(configEdit.edits[0]).newText;
    assert.deepEqual(JSON.parse(text), { exclude: ['sub/notes（草稿）\\[1\\].txt'] });
    const command = defined(action.command);
    assert.equal(command.command, 'xxgk.notAReport');
    assert.deepEqual(command.arguments, [{ uri }]);

    // The command skips the file at once…
    const silent = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
    await client.request('xxgk/notAReport', { uri: defined(command.arguments)[0].uri });
    await silent;
    // …and the saved file keeps it skipped (the session mark is dropped when the file changes).
    writeFileSync(configPath(), text);
    const still = client.nextDiagnostics(uri, () => true);
    await changed(1);
    assert.deepEqual((await still).diagnostics, []);

    // A second file: the existing config is rewritten with both entries.
    const other = pathToFileURL(join(dir, 'c.txt')).href;
    const o = await client.open(other, SHANDONG);
    const [second] = defined(await client.request('textDocument/codeAction', actionParams(other, o.diagnostics.slice(0, 1)))).filter((a) =>
      a.title.startsWith('这不是年度报告'),
    );
    const secondChanges = defined(second?.edit?.documentChanges);
    assert.equal(secondChanges.length, 1);
    assert.deepEqual(JSON.parse(defined(asTextDocumentEdit(secondChanges[0]).edits[0]).newText).exclude, [
      'sub/notes（草稿）\\[1\\].txt',
      'c.txt',
    ]);
    await client.close(uri);
    await client.close(other);
  });

  test('issuerType decides the deadline of late-report', async () => {
    writeFileSync(configPath(), JSON.stringify({ issuerType: '人民政府' }));
    await changed();
    const late = SHANDONG.replace('2024年1月9日', '2024年2月20日');
    const uri = pathToFileURL(join(dir, 'late.txt')).href;
    const gov = await client.open(uri, late);
    assert.ok(!gov.diagnostics.some((d) => d.code === 'late-report'), 'a government’s deadline is 31 March');
    writeFileSync(configPath(), JSON.stringify({ issuerType: '部门' }));
    const dept = client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'late-report'));
    await changed();
    await dept;
    await client.close(uri);
  });
});

describe('message language', () => {
  test('xxgk.locale en (or an English display language): English messages, without Chinese outside quoted labels', async () => {
    for (const options of [{ configuration: { locale: 'en' } }, { initializationOptions: { debounceMs: 0, locale: 'en' } }]) {
      const client = await startServer(options);
      try {
        const uri = 'file:///xxgk-config/english.txt';
        const opened = await client.open(uri, SHANDONG);
        assert.ok(opened.diagnostics.length > 0);
        for (const d of opened.diagnostics) {
          const outside = d.message.replace(/「[^」]*」|“[^”]*”|《[^》]*》/g, '');
          assert.doesNotMatch(outside, CJK, d.message);
        }
      } finally {
        await client.stop();
      }
    }
  });
});
