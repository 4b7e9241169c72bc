// @ts-check
// Every variant yields exactly its stated findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine, key, lineOf, sortedKeys } from './helpers.mjs';
import { VARIANTS, baseText } from './variants.mjs';

test('there are at least 40 variants covering every rule', () => {
  assert.ok(VARIANTS.length >= 40, `${VARIANTS.length} variants`);
  const covered = new Set(VARIANTS.flatMap((v) => v.expect.map(([rule]) => rule)));
  // (Cross-report rules compare reports: their cases are in test/fixtures/cross/, see cross.test.mjs.)
  for (const rule of engine.RULES)
    if (rule.id !== 'text-artefact' && !engine.CROSS_RULE_IDS.has(rule.id)) assert.ok(covered.has(rule.id), `no variant for ${rule.id}`);
});

for (const v of VARIANTS) {
  test(`variant ${v.name}`, () => {
    const text = v.edit(baseText(v.base));
    const analysis = engine.analyse(text);
    assert.equal(analysis.model.isReport, !v.notReport, 'isReport');
    if (v.format) assert.equal(analysis.model.format, v.format);
    const shown = v.all ? analysis.findings : analysis.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
    const expected = v.expect.map(([rule, where]) => key(rule, lineOf(text, where))).sort();
    assert.deepEqual(sortedKeys(shown), expected, shown.map((f) => `${f.rule}@${f.range.start.line + 1}: ${f.message.zh}`).join('\n'));
    const { message } = v;
    if (message)
      assert.ok(
        analysis.findings.some((f) => f.message.zh.includes(message)),
        `a message mentions “${message}”`,
      );
    for (const [where, severity] of Object.entries(v.severity ?? {})) {
      const line = lineOf(text, where);
      assert.ok(
        analysis.findings.some((f) => f.range.start.line + 1 === line && f.severity === severity),
        `${severity} at line ${line}`,
      );
    }
    assert.deepEqual(analysis.ruleErrors, []);
  });
}
