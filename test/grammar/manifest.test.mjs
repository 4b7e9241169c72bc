// @ts-check
// The extension manifest and its translations hang together: contributed
// files exist, every %key% and every vscode.l10n.t() string is translated,
// commands and activation events match what the client registers.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './tokenize.mjs';

/**
 * A JSON file of the repository, parsed (package.json and its translations: read as they are, not typed).
 * @param {string} p relative to the repository
 * @returns {any}
 */
const json = (p) => JSON.parse(readFileSync(join(ROOT, p), 'utf8'));
const pkg = json('package.json');
const nlsEn = json('package.nls.json');
const nlsZh = json('package.nls.zh-cn.json');
const clientSource = readdirSync(join(ROOT, 'client', 'src'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(join(ROOT, 'client', 'src', f), 'utf8'))
  .join('\n');

test('contributed grammar and language configuration exist and agree', () => {
  const [language] = pkg.contributes.languages;
  assert.equal(language.id, 'xxgk-report');
  assert.deepEqual(language.extensions, ['.xxgk']);
  assert.ok(json(language.configuration).brackets, 'language configuration parses');
  const [grammar] = pkg.contributes.grammars;
  assert.equal(grammar.language, 'xxgk-report');
  assert.equal(json(grammar.path).scopeName, grammar.scopeName);
  assert.equal(grammar.scopeName, 'text.xxgk-report');
});

test('every %key% in package.json is translated, in English and Chinese, and no key is unused', () => {
  const used = new Set([...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
  assert.ok(used.has('extension.description'));
  assert.deepEqual(Object.keys(nlsEn).sort(), [...used].sort(), 'package.nls.json');
  assert.deepEqual(Object.keys(nlsZh).sort(), [...used].sort(), 'package.nls.zh-cn.json');
  for (const [k, v] of Object.entries(nlsZh)) assert.match(v, /[\u4e00-\u9fff]/, `${k} is Chinese`);
});

test('every runtime string (vscode.l10n.t) has a Chinese translation, and none is unused', () => {
  const bundle = json(join(pkg.l10n, 'bundle.l10n.zh-cn.json'));
  const used = new Set([...clientSource.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]));
  assert.ok(used.size > 5);
  assert.deepEqual(Object.keys(bundle).sort(), [...used].sort());
});

test('commands: contributed, registered by the client, and activating the extension', () => {
  /** @type {string[]} */
  const contributed = pkg.contributes.commands.map((/** @type {{ command: string }} */ c) => c.command).sort();
  // Commands whose id starts with `_` are the integration suite's probes, never in the palette.
  const registered = [...clientSource.matchAll(/registerCommand\('([^']+)'/g)]
    .map((m) => m[1])
    .filter((c) => !c.startsWith('xxgk._'))
    .sort();
  assert.deepEqual(contributed, [
    'xxgk.checkWorkspace',
    'xxgk.newReport',
    'xxgk.openView',
    'xxgk.restartServer',
    'xxgk.showOutput',
    'xxgk.showPreview',
  ]);
  assert.deepEqual(registered, contributed);
  for (const c of contributed) assert.ok(pkg.activationEvents.includes(`onCommand:${c}`), c);
  for (const l of ['xxgk-report', 'markdown', 'plaintext', 'html']) assert.ok(pkg.activationEvents.includes(`onLanguage:${l}`), l);
  assert.equal(nlsZh['command.newReport.title'], '新建政府信息公开工作年度报告');
  assert.equal(nlsZh['command.checkWorkspace.title'], '检查工作区中的所有年度报告');
  // Findable by the words users type (issue 10 §10): every command's palette label (category: title) holds 年度报告,
  // and the English category carries the Chinese too, for clerks running an English VS Code.
  for (const c of pkg.contributes.commands) {
    const zh = `${nlsZh[c.category.slice(1, -1)]}: ${nlsZh[c.title.slice(1, -1)]}`;
    const en = `${nlsEn[c.category.slice(1, -1)]}: ${nlsEn[c.title.slice(1, -1)]}`;
    for (const word of ['年度报告', '报告']) assert.ok(zh.includes(word) && en.includes(word), `${c.command}: ${zh} / ${en} has ${word}`);
  }
  assert.ok(nlsZh['command.checkWorkspace.title'].includes('检查') && nlsZh['command.category'].includes('检查'));
  assert.equal(nlsZh['command.openView.title'], '打开报告视图（PDF 或 Word 文件）');
  // The view command is offered on PDF and Word files in the Explorer.
  const menu = pkg.contributes.menus['explorer/context'].find((/** @type {{ command: string }} */ m) => m.command === 'xxgk.openView');
  assert.match(menu.when, /pdf\|docx/);
});

test('settings: prefixed, resource-scoped; rule ids in the example exist', async () => {
  const properties = pkg.contributes.configuration.properties;
  assert.ok(Object.keys(properties).every((k) => k.startsWith('xxgk.')));
  for (const k of ['xxgk.debounceMs', 'xxgk.docsBaseUrl', 'xxgk.exclude', 'xxgk.locale', 'xxgk.rules', 'xxgk.run', 'xxgk.trace.server'])
    assert.ok(k in properties, k);
  for (const [k, p] of Object.entries(properties)) assert.equal(p.scope, 'resource', k);
  // Generated by scripts/rules-schema.mjs: every rule id a property, a misspelt id flagged (test/engine/rules-schema.test.mjs).
  assert.equal(properties['xxgk.rules'].additionalProperties, false);
  for (const [id, p] of Object.entries(properties['xxgk.rules'].properties))
    assert.deepEqual(p.enum, ['error', 'warning', 'info', 'hint', 'off'], id);
  const enginePath = join(ROOT, 'server', 'out', 'engine.js');
  assert.ok(existsSync(enginePath), 'run `npm run build` first');
  const ids = new Set((await import('../lib/bundles.mjs')).engine.RULES.map((r) => r.id));
  for (const text of [nlsEn['configuration.rules.description'], nlsZh['configuration.rules.description']]) {
    for (const [, id] of text.matchAll(/"([a-z-]+)":/g)) assert.ok(ids.has(id), `example rule id ${id} exists`);
  }
});

test('the client stays thin and quiet', () => {
  assert.equal(pkg.main, './client/out/extension.js');
  assert.match(clientSource, /RevealOutputChannelOn\.Never/);
  assert.deepEqual(pkg.capabilities.untrustedWorkspaces, { supported: true });
  assert.ok(
    !/from '\.\.\/\.\.\/server\/src\/(?!lsp\/protocol)/.test(clientSource),
    'the client imports only the shared protocol types from the server',
  );
});
