// @ts-check
// The rule registry: one file per rule named after it, documented in README,
// exercised by a fixture or variant, and `fixable` exactly when it offers fixes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { engine, reportFixtures } from './helpers.mjs';
import { VARIANTS, baseText } from './variants.mjs';
import { readmeWithTable } from '../../scripts/rules-table.mjs';
import { crossFixtureFindings } from './cross-helpers.mjs';

const documents = [...reportFixtures().map((f) => f.text), ...VARIANTS.map((v) => v.edit(baseText(v.base)))];
const findings = [
  ...documents.flatMap((t) => engine.analyse(t).findings),
  // The cross-report rules find nothing in one report: their findings come from test/fixtures/cross/.
  ...crossFixtureFindings(),
];

for (const rule of engine.RULES) {
  test(`rule ${rule.id}`, () => {
    assert.ok(
      existsSync(new URL(`../../server/src/engine/checks/${rule.id}.ts`, import.meta.url)),
      'one check per file, named after its id',
    );
    assert.match(rule.id, /^[a-z]+(-[a-z]+)*$/);
    for (const text of [rule.title, rule.description]) assert.ok(text.zh.length > 0 && text.en.length > 0, 'documented in both languages');
    const own = findings.filter((f) => f.rule === rule.id);
    assert.ok(own.length > 0, 'exercised by a fixture or variant');
    assert.equal(
      own.some((f) => f.fixes.length > 0),
      rule.fixable,
      'fixable exactly when it offers fixes',
    );
    for (const f of own) assert.ok(f.message.zh.length > 0 && f.message.en.length > 0);
  });
}

test('README rule table is generated from the registry (run: node scripts/rules-table.mjs --write)', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  assert.equal(readme, readmeWithTable(readme));
});
