// @ts-check
// The English messages have no Chinese leftovers: outside the report's own
// words, quoted as 「…」, “…” or 《…》, no Chinese characters or full-width
// punctuation in any finding's message, related message or fix title.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { engine, fixturesDir } from './helpers.mjs';
import { goldenDocuments } from '../../scripts/golden.mjs';

const CJK = /[\u3400-\u9fff\uf900-\ufaff\uff01-\uff5e\u3000-\u303f]/;
const outsideQuotes = (/** @type {string} */ s) => s.replace(/「[^」]*」|“[^”]*”|《[^》]*》/g, '');

test('every fixture’s findings in English', async () => {
  /** @type {{ id: string, text: string, options?: import('../../server/src/engine/index.ts').AnalyseOptions }[]} */
  const docs = await goldenDocuments();
  for (const name of readdirSync(`${fixturesDir}forms`))
    docs.push({ id: name, text: readFileSync(`${fixturesDir}forms/${name}`, 'utf8'), options: {} });
  const bad = new Set();
  let seen = 0;
  for (const d of docs) {
    for (const f of engine.analyse(d.text, d.options).findings) {
      for (const text of [f.message.en, ...f.related.map((r) => r.message.en), ...f.fixes.map((x) => x.title.en)]) {
        seen++;
        if (CJK.test(outsideQuotes(text))) bad.add(`${f.rule}: ${text}`);
      }
    }
  }
  assert.ok(seen > 500);
  assert.deepEqual([...bad], []);
});
