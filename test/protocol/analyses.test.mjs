// @ts-check
// The analysis cache on its own (bundled from source with esbuild), with an
// engine that misbehaves on purpose: a check that throws is logged once per
// rule id, a crashing analysis is logged and yields nothing, and a document
// version is analysed once however often it is asked for.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';
import { ROOT } from './harness.mjs';

/** @returns {Promise<typeof import('../../server/src/lsp/analyses.ts')>} */
async function loadCache() {
  const out = await build({
    entryPoints: [join(ROOT, 'server', 'src', 'lsp', 'analyses.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  const source = out.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
}

/**
 * A stand-in for a TextDocument: the cache reads only its uri, version, language and text.
 * @param {number} version
 * @returns {import('vscode-languageserver-textdocument').TextDocument}
 */
const doc = (version, text = '报告', languageId = 'plaintext') =>
  /** @type {import('vscode-languageserver-textdocument').TextDocument} */ (
    /** @type {unknown} */ ({ uri: 'file:///a.txt', version, languageId, getText: () => text })
  );

/**
 * A stand-in for the engine's Analysis: the cache reads only isReport, findings and ruleErrors.
 * @param {{ rule: string, error: unknown }[]} [ruleErrors]
 * @returns {import('../../server/src/engine/index.ts').Analysis}
 */
const fakeAnalysis = (ruleErrors = []) =>
  /** @type {import('../../server/src/engine/index.ts').Analysis} */ (
    /** @type {unknown} */ ({ model: { isReport: true }, findings: [], ruleErrors })
  );

function fakeLogger() {
  /** @type {Set<string>} */
  const seen = new Set();
  /** @type {string[]} */
  const lines = [];
  return {
    lines,
    errorOnce: (/** @type {string} */ key, /** @type {string} */ message) => !seen.has(key) && seen.add(key) && lines.push(message),
  };
}

test('a throwing check is logged once per rule id, and the rest of the analysis is used', async () => {
  const { AnalysisCache } = await loadCache();
  const logger = fakeLogger();
  let calls = 0;
  const analysis = (/** @type {string} */ rule) => fakeAnalysis([{ rule, error: new Error('boom') }]);
  const cache = new AnalysisCache(logger, () => (calls++ % 2 === 0 ? analysis('sum-mismatch') : analysis('blank-cell')));
  for (let v = 1; v <= 6; v++) assert.ok(cache.forDocument(doc(v)), `version ${v} analysed`);
  assert.equal(logger.lines.length, 2);
  assert.match(logger.lines[0], /sum-mismatch/);
  assert.match(logger.lines[1], /blank-cell/);
});

test('one analysis per version; a crashing analysis yields nothing and is logged', async () => {
  const { AnalysisCache } = await loadCache();
  const logger = fakeLogger();
  let calls = 0;
  const cache = new AnalysisCache(logger, () => {
    calls++;
    throw new Error('parser bug');
  });
  assert.equal(cache.forDocument(doc(1)), undefined);
  assert.equal(cache.forDocument(doc(1)), undefined);
  assert.equal(calls, 1, 'same version: not analysed again');
  assert.equal(cache.forDocument(doc(2)), undefined);
  assert.equal(calls, 2);
  assert.equal(logger.lines.length, 1);
  assert.match(logger.lines[0], /failed/);
});

test('only candidate languages are analysed', async () => {
  const { AnalysisCache } = await loadCache();
  let calls = 0;
  const cache = new AnalysisCache(fakeLogger(), () => (calls++, fakeAnalysis()));
  cache.forDocument(doc(1, 'x', 'javascript'));
  assert.equal(calls, 0);
  for (const id of ['xxgk-report', 'markdown', 'plaintext']) cache.forDocument({ ...doc(1, 'x', id), uri: `file:///${id}` });
  assert.equal(calls, 3);
});

test('a version number reused for other text is analysed again; the same text is not', async () => {
  const { AnalysisCache } = await loadCache();
  /** @type {string[]} */
  const seen = [];
  const cache = new AnalysisCache(fakeLogger(), (text) => (seen.push(text), fakeAnalysis()));
  const a = '报告甲';
  cache.forDocument(doc(3, a));
  cache.forDocument(doc(3, a));
  cache.forDocument(doc(3, '报告乙'));
  assert.deepEqual(seen, [a, '报告乙']);
});

test('text over the limit is not analysed, and the skip is logged once per document', async () => {
  const { AnalysisCache, MAX_ANALYSED_CHARS, exceedsLimit } = await loadCache();
  assert.equal(MAX_ANALYSED_CHARS, 10_000_000);
  const logger = fakeLogger();
  let calls = 0;
  const cache = new AnalysisCache(logger, () => (calls++, fakeAnalysis()));
  const big = 'x'.repeat(MAX_ANALYSED_CHARS + 1);
  assert.ok(exceedsLimit(big) && !exceedsLimit(big.slice(1)));
  assert.equal(cache.forDocument(doc(1, big)), undefined);
  assert.equal(cache.forDocument(doc(2, big + 'y')), undefined);
  assert.equal(calls, 0);
  assert.equal(logger.lines.length, 1);
  assert.match(logger.lines[0], /10000001 characters, more than 10000000; not checked/);
});
