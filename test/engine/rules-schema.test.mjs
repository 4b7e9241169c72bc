// @ts-check
// `xxgk.rules` in package.json, its descriptions in package.nls*.json and the
// `.xxgk.json` schema are generated from the registry (run: node scripts/rules-schema.mjs --write).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { expected } from '../../scripts/rules-schema.mjs';
import { engine } from './helpers.mjs';

const read = (/** @type {string} */ file) => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));

test('generated files are current', () => {
  for (const [file, data] of Object.entries(expected()))
    assert.deepEqual(read(file), data, `${file} is stale: node scripts/rules-schema.mjs --write`);
});

test('every rule id is a setting with its default severity; a misspelt id is refused', () => {
  const rules = read('package.json').contributes.configuration.properties['xxgk.rules'];
  assert.equal(rules.additionalProperties, false);
  for (const r of engine.RULES) {
    assert.equal(rules.properties[r.id].default, r.defaultSeverity, r.id);
    const key = rules.properties[r.id].description.slice(1, -1);
    assert.ok(read('package.nls.json')[key] && read('package.nls.zh-cn.json')[key], `${r.id}: described in both languages`);
  }
  const schema = read('schemas/xxgk.schema.json');
  assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), Object.keys(rules.properties).sort());
  assert.deepEqual(read('package.json').contributes.jsonValidation, [{ fileMatch: '.xxgk.json', url: './schemas/xxgk.schema.json' }]);
});
