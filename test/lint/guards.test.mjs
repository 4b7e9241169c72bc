// @ts-check
// The guards of issue 13 fail when they should: `npm run typecheck` on a type error in a test, Prettier on an
// unformatted file, oxlint on an engine file that imports a Node built-in. Each writes a probe, runs the real
// tool on it, and always deletes it (the probes are named __lint_probe__*, which .gitignore ignores).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../lib/bundles.mjs';

const bin = (/** @type {string} */ name) => join(ROOT, 'node_modules', '.bin', name);
const unique = () => `__lint_probe__${process.pid}_${Math.random().toString(36).slice(2, 10)}`;

/** @param {string} tool @param {string[]} args */
function run(tool, args) {
  const r = spawnSync(bin(tool), args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}`, error: r.error };
}

// Outside the folders tsconfig.tests.json includes, so a typecheck run meanwhile never sees the probe.
/** @param {string} body the probe's text after `// @ts-check` */
function typecheckProbe(body) {
  const dir = join(ROOT, 'test', unique());
  try {
    mkdirSync(dir);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.tests.json', include: ['probe.mjs'] }));
    writeFileSync(join(dir, 'probe.mjs'), `// @ts-check\nimport { engine } from '../lib/bundles.mjs';\n\n${body}\n`);
    return run('tsc', ['-p', join(dir, 'tsconfig.json')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('tsc -p tsconfig.tests.json fails on a test that reads a property the engine does not have', () => {
  const bad = typecheckProbe("export const title = engine.analyse('').noSuchProperty;");
  assert.ifError(bad.error);
  assert.notEqual(bad.status, 0, bad.output);
  assert.match(bad.output, /probe\.mjs\(\d+,\d+\): error TS2339: Property 'noSuchProperty' does not exist on type 'Analysis'/);
  // and the same probe without the error has none: the failure is the error, not the set-up (the status is not
  // asserted here, so a source file someone is editing meanwhile does not fail this test)
  const good = typecheckProbe("export const title = engine.analyse('').model.title;");
  assert.ifError(good.error);
  assert.doesNotMatch(good.output, /probe\.mjs/);
});

test('prettier --check fails on an unformatted file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-prettier-'));
  try {
    // not named __lint_probe__*: Prettier skips what .gitignore lists
    const file = join(dir, 'unformatted.mjs');
    writeFileSync(file, 'export const  x = {a:1,\n    b : "two"}\n');
    const r = run('prettier', ['--config', join(ROOT, '.prettierrc.json'), '--check', file]);
    assert.ifError(r.error);
    assert.notEqual(r.status, 0, r.output);
    assert.match(r.output, /Code style issues found/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('oxlint fails on an engine file that imports node:fs', () => {
  // Under server/src/engine/ so the engine's no-restricted-imports override applies; formatted and type-correct,
  // so a Prettier or tsc run over the tree meanwhile does not trip on it.
  const file = join(ROOT, 'server', 'src', 'engine', `${unique()}.ts`);
  try {
    writeFileSync(file, "import { readFileSync } from 'node:fs';\n\nexport const probe = readFileSync;\n");
    const r = run('oxlint', ['--type-aware', file]);
    assert.ifError(r.error);
    assert.notEqual(r.status, 0, r.output);
    assert.match(r.output, /no-restricted-imports/);
    assert.match(r.output, /The engine is pure/);
  } finally {
    rmSync(file, { force: true });
  }
});
