// @ts-check
// Golden snapshots (test/fixtures/golden/, written by scripts/golden.mjs):
// every fixture and variant still gets exactly the findings, spans,
// messages, fixes, fixed texts and model it got when the snapshot was taken.
// A difference must be intended and explained; then regenerate with
// `node scripts/golden.mjs --update` after `npm run build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { engine as builtEngine } from './helpers.mjs';
import { GOLDEN_DIR, compareSnapshots, goldenDocuments, loadEngine, readSnapshot, snapshot } from '../../scripts/golden.mjs';

// GOLDEN_ENGINE=<path to engine.js> checks another build against the snapshots.
const engine = process.env.GOLDEN_ENGINE ? loadEngine(process.env.GOLDEN_ENGINE) : builtEngine;
const documents = await goldenDocuments();

for (const doc of documents) {
  test(`golden ${doc.id} (${doc.label})`, () => {
    const old = readSnapshot(doc);
    assert.ok(old, `no snapshot ${doc.id}.json: run node scripts/golden.mjs --update --only ${doc.id}`);
    const lines = compareSnapshots(old, snapshot(engine, doc));
    if (lines.length > 0) assert.fail(`${doc.id}.json differs from the build:\n  ${lines.join('\n  ')}`);
  });
}

test('golden: every snapshot belongs to a fixture or a variant', () => {
  const ids = new Set(documents.map((d) => `${d.id}.json`));
  const files = existsSync(GOLDEN_DIR) ? readdirSync(GOLDEN_DIR).filter((f) => f.endsWith('.json')) : [];
  assert.deepEqual(
    files.filter((f) => !ids.has(f)),
    [],
    'stale snapshots (their fixture or variant is gone)',
  );
  assert.ok(files.length >= documents.length, `${files.length} snapshots for ${documents.length} documents`);
});
