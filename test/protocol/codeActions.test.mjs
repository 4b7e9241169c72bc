// @ts-check
// Code actions over the protocol: every quick-fix of every fixture and
// variant is applied as the editor would (versioned TextDocumentEdits,
// incremental didChange); the re-published diagnostics must have lost that
// finding and gained no error. Then fix-all-of-rule, source.fixAll.xxgk,
// context.only, and refusal of stale fixes.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { corpus, documents, engine, isSuppression, startServer, textDocumentEdits } from './harness.mjs';
import { defined } from '../lib/narrow.mjs';
/** @import { Client } from './harness.mjs' */

const key = (/** @type {import('./harness.mjs').PlainDiagnostic} */ d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`;
/** The engine's fixes for each published diagnostic, by the finding id in its data. */
/** @param {{ text: string, options: import('../../server/src/engine/index.ts').AnalyseOptions }} doc */
function engineFixes(doc) {
  const findings = new Map(engine.analyse(doc.text, doc.options).findings.map((f) => [f.id, f]));
  return (/** @type {import('./harness.mjs').PlainDiagnostic} */ d) =>
    findings.get(d.data.id)?.fixes.filter((f) => f.edits.length > 0) ?? [];
}
/**
 * @template T, K
 * @param {T[]} list
 * @param {(x: T) => K} f
 * @returns {Map<K, number>}
 */
const countBy = (list, f) => list.reduce((m, x) => m.set(f(x), (m.get(f(x)) ?? 0) + 1), /** @type {Map<K, number>} */ (new Map()));

/** No rule has more errors after than before (by rule: a fix may move lines). */
/** @param {import('./harness.mjs').PlainDiagnostic[]} beforeDiags @param {import('./harness.mjs').PlainDiagnostic[]} afterDiags @param {string} what */
function assertNoNewErrors(beforeDiags, afterDiags, what) {
  const was = countBy(
    beforeDiags.filter((d) => d.severity === 1),
    (d) => d.code,
  );
  for (const [rule, n] of countBy(
    afterDiags.filter((d) => d.severity === 1),
    (d) => d.code,
  )) {
    assert.ok(n <= (was.get(rule) ?? 0), `${what}: ${n} ${rule} errors, was ${was.get(rule) ?? 0}`);
  }
}

/**
 * @param {string} uri
 * @param {import('./harness.mjs').PlainDiagnostic[]} diagnostics
 * @param {import('vscode-languageserver-protocol').Range} range
 * @param {string[]} [only]
 * @returns {import('vscode-languageserver-protocol').CodeActionParams}
 */
function actionParams(uri, diagnostics, range, only) {
  return { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}), triggerKind: 1 } };
}

describe('code actions', () => {
  /** @type {Client} */
  let client;
  before(async () => {
    client = await startServer();
  });
  after(() => client.stop());

  test('each quick-fix of each finding: applied, the finding goes, no new error', async (t) => {
    let applied = 0;
    for (const doc of await documents()) {
      const opened = await client.open(doc.uri, doc.text, doc.languageId);
      let state = opened; // diagnostics of the current version (the text is restored after each fix)
      const fixesOf = engineFixes(doc);
      // The mark on a cell named as most likely wrong (likely-wrong-cell) offers its finding's fixes; the finding is tested here.
      for (const target of opened.diagnostics.filter((d) => d.code !== 'likely-wrong-cell' && fixesOf(d).length > 0)) {
        const fixes = fixesOf(target);
        for (let i = 0; i < fixes.length; i++) {
          const diagnostic = defined(state.diagnostics.find((d) => d.data.id === target.data.id));
          assert.equal(key(diagnostic), key(target), `${doc.name}: ${target.data.id} is the same finding after the text is restored`);
          const version = defined(client.document(doc.uri)).version;
          assert.equal(diagnostic.data.version, version);
          const actions = defined(await client.request('textDocument/codeAction', actionParams(doc.uri, [diagnostic], diagnostic.range)));
          const quickFixes = actions.filter((a) => a.kind === 'quickfix' && a.diagnostics?.length === 1 && !isSuppression(a));
          assert.equal(quickFixes.length, fixes.length, `${doc.name} ${key(diagnostic)}: one action per fix`);
          assert.deepEqual(
            quickFixes.map((a) => a.isPreferred),
            fixes.map((f) => f.preferred),
            'isPreferred follows the engine',
          );
          assert.ok(quickFixes.filter((a) => a.isPreferred).length <= 1, 'at most one preferred fix');
          const action = quickFixes[i];
          const after = await client.edit(doc.uri, textDocumentEdits(action.edit, doc.uri, version));
          const what = `${doc.name}: “${action.title}” for ${key(diagnostic)}`;
          const beforeCount = opened.diagnostics.filter((d) => key(d) === key(target)).length;
          const afterCount = after.diagnostics.filter((d) => key(d) === key(target)).length;
          assert.ok(afterCount < beforeCount, `${what}: the finding is still there`);
          assertNoNewErrors(opened.diagnostics, after.diagnostics, what);
          applied++;
          state = await client.replaceAll(doc.uri, doc.text); // back to the original for the next fix
        }
      }
      await client.close(doc.uri);
    }
    assert.ok(applied > 50, `only ${applied} fixes applied; the fixtures should offer more`);
    t.diagnostic(`${applied} fixes applied`);
  });

  test('fix all of one rule in the document', async () => {
    let tried = 0;
    for (const doc of await documents()) {
      const opened = await client.open(doc.uri, doc.text, doc.languageId);
      const fixesOf = engineFixes(doc);
      const fixableByRule = countBy(
        opened.diagnostics.filter((d) => d.code !== 'likely-wrong-cell' && fixesOf(d).length > 0),
        (d) => d.code,
      );
      for (const [rule, n] of fixableByRule) {
        if (n < 2) continue;
        const diagnostic = defined(opened.diagnostics.find((d) => d.code === rule));
        const actions = defined(await client.request('textDocument/codeAction', actionParams(doc.uri, [diagnostic], diagnostic.range)));
        const fixAll = actions.filter((a) => a.kind === 'quickfix' && !a.diagnostics);
        assert.equal(fixAll.length, 1, `${doc.name}: one fix-all action for ${rule}`);
        assert.match(fixAll[0].title, new RegExp(`${rule}.*${n}`));
        const after = await client.edit(doc.uri, textDocumentEdits(fixAll[0].edit, doc.uri, defined(client.document(doc.uri)).version));
        assert.ok(
          after.diagnostics.filter((d) => d.code === rule).length < opened.diagnostics.filter((d) => d.code === rule).length,
          `${doc.name}: ${rule} findings fixed`,
        );
        assertNoNewErrors(opened.diagnostics, after.diagnostics, `${doc.name} fix all ${rule}`);
        tried++;
        await client.replaceAll(doc.uri, doc.text);
      }
      await client.close(doc.uri);
    }
    assert.ok(tried > 5, `fix-all tried on only ${tried} rule/document pairs`);
  });

  test('source.fixAll.xxgk applies exactly the safe fixes, and only when asked for', async () => {
    let tried = 0;
    for (const doc of await documents()) {
      const opened = await client.open(doc.uri, doc.text, doc.languageId);
      const whole = { start: { line: 0, character: 0 }, end: defined(client.document(doc.uri)).positionAt(doc.text.length) };
      const safe = engine.analyse(doc.text, doc.options).findings.filter((f) => f.fixes.some((x) => x.safe && x.edits.length > 0));

      const unasked = defined(await client.request('textDocument/codeAction', actionParams(doc.uri, opened.diagnostics, whole)));
      assert.ok(!unasked.some((a) => a.kind?.startsWith('source')), 'no source action without `only`');
      const quickOnly = defined(
        await client.request('textDocument/codeAction', actionParams(doc.uri, opened.diagnostics, whole, ['quickfix'])),
      );
      assert.ok(
        quickOnly.every((a) => a.kind === 'quickfix'),
        'only quickfix when only=[quickfix]',
      );

      for (const only of [['source.fixAll'], ['source'], ['source.fixAll.xxgk']]) {
        const actions = defined(await client.request('textDocument/codeAction', actionParams(doc.uri, [], whole, only)));
        assert.ok(
          actions.every((a) => a.kind === 'source.fixAll.xxgk'),
          `only=${only}: nothing else`,
        );
        assert.equal(actions.length, safe.length > 0 ? 1 : 0, `${doc.name} only=${only}`);
      }
      if (safe.length > 0) {
        const [fixAll] = defined(await client.request('textDocument/codeAction', actionParams(doc.uri, [], whole, ['source.fixAll'])));
        const edits = textDocumentEdits(fixAll.edit, doc.uri, defined(client.document(doc.uri)).version);
        for (const e of edits) {
          assert.ok(
            safe.some((f) => f.fixes.some((x) => x.safe && x.edits.some((y) => JSON.stringify(y) === JSON.stringify(e)))),
            `${doc.name}: every edit comes from a safe fix`,
          );
        }
        const after = await client.edit(doc.uri, edits);
        const stillSafe = engine
          .analyse(defined(client.document(doc.uri)).getText(), doc.options)
          .findings.filter((f) => f.fixes.some((x) => x.safe));
        assert.ok(stillSafe.length < safe.length, `${doc.name}: safe fixes applied`);
        assertNoNewErrors(opened.diagnostics, after.diagnostics, `${doc.name} fixAll`);
        tried++;
      }
      await client.close(doc.uri);
    }
    assert.ok(tried > 5, `source.fixAll tried on only ${tried} documents`);
  });

  test('a fix computed for an older version is not offered', async () => {
    const report = defined(corpus().find((r) => r.name.startsWith('changchun')));
    const uri = 'file:///xxgk-test/stale.txt';
    const opened = await client.open(uri, report.text);
    const fixesOf = engineFixes({ text: report.text, options: {} });
    const diagnostic = defined(opened.diagnostics.find((d) => fixesOf(d).length > 0));
    assert.ok(diagnostic, 'the corpus report has a fixable finding');
    const fresh = defined(await client.request('textDocument/codeAction', actionParams(uri, [diagnostic], diagnostic.range, ['quickfix'])));
    assert.ok(
      fresh.some((a) => a.diagnostics?.length),
      'a quick-fix while the diagnostic is current',
    );
    await client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '\n' }]);
    const actions = defined(
      await client.request('textDocument/codeAction', actionParams(uri, [diagnostic], diagnostic.range, ['quickfix'])),
    );
    assert.ok(!actions.some((a) => a.diagnostics?.length), 'no quick-fix from stale diagnostic data');
    await client.close(uri);
  });
});

describe('code actions find their finding by id', () => {
  /** @type {Client} */
  let client;
  before(async () => {
    client = await startServer();
  });
  after(() => client.stop());

  // Two consecutive rows deleted: both missing-row findings sit on the next
  // row's label, one range for two findings. Found again by (rule, range),
  // both diagnostics offered the first one's fix.
  test('two findings of one rule on one range each offer their own fix', async () => {
    const report = defined(corpus().find((r) => r.name.startsWith('changchun')));
    const lines = report.text.split('\n');
    const at = lines.findIndex((l) => l.includes('3.危及'));
    assert.ok(lines[at + 1].includes('4.保护第三方'), 'the two rows are consecutive');
    lines.splice(at, 2);
    const text = lines.join('\n');
    const uri = 'file:///xxgk-test/two-missing-rows.txt';
    const opened = await client.open(uri, text);
    const missing = opened.diagnostics.filter((d) => d.code === 'missing-row');
    assert.equal(missing.length, 2, 'two missing-row findings');
    assert.deepEqual(missing[0].range, missing[1].range, 'on one range');
    const findings = engine.analyse(text).findings;
    const titles = new Set();
    let state = opened; // diagnostics of the current version (the text is restored after each fix)
    for (const target of missing) {
      const diagnostic = defined(state.diagnostics.find((d) => d.code === 'missing-row' && d.message === target.message));
      const finding = defined(findings.find((f) => f.rule === 'missing-row' && f.message.zh === diagnostic.message));
      const actions = defined(
        await client.request('textDocument/codeAction', actionParams(uri, [diagnostic], diagnostic.range, ['quickfix'])),
      );
      const quickFixes = actions.filter((a) => a.diagnostics?.length === 1 && !isSuppression(a));
      assert.deepEqual(
        quickFixes.map((a) => a.title),
        finding.fixes.map((f) => f.title.zh),
        `${diagnostic.message}: its own fix`,
      );
      titles.add(quickFixes[0].title);
      // Applied, the fix removes this finding and leaves the other.
      const version = defined(client.document(uri)).version;
      const fixed = await client.edit(uri, textDocumentEdits(quickFixes[0].edit, uri, version));
      const left = fixed.diagnostics.filter((d) => d.code === 'missing-row').map((d) => d.message);
      assert.deepEqual(
        left,
        missing.filter((d) => d !== target).map((d) => d.message),
        `${diagnostic.message}: fixed, and only it`,
      );
      state = await client.replaceAll(uri, text);
    }
    assert.equal(titles.size, 2, 'two different fixes');
    assert.deepEqual(
      missing.map((d) => d.data?.id),
      ['missing-row:S3/R3_3_3', 'missing-row:S3/R3_3_4'],
      'told apart by their ids',
    );
    await client.close(uri);
  });
});
