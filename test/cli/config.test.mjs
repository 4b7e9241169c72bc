// @ts-check
// The CLI and `.xxgk.json`: the nearest file from each checked file's folder
// upwards, --config, exclude (skipped and counted), rules, issuerType, a
// malformed file (one stderr line, defaults), and documents about reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'server/out/cli.js');
const SHANDONG = readFileSync(join(root, 'test/fixtures/corpus/shandong-guodongban-2023.txt'), 'utf8');

/** @param {string[]} args @param {Omit<import('node:child_process').SpawnSyncOptions, 'encoding'>} [options] */
function run(args, options = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8' }, ...options });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** @param {Record<string, string>} files */
function tree(files) {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-config-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const rulesOf = (/** @type {string} */ out) => [...out.matchAll(/\[([a-z-]+)\]$/gm)].map((m) => m[1]);

test('the nearest .xxgk.json: rules off and severities; exclude skips files and the summary counts them', () => {
  const dir = tree({
    '.xxgk.json': JSON.stringify({ rules: { 'text-artefact': 'off', 'nonstandard-label': 'error' }, exclude: ['drafts', '*审核意见*'] }),
    'reports/shandong.txt': SHANDONG,
    'drafts/old.txt': SHANDONG,
    'reports/关于某局年报的审核意见.txt': SHANDONG,
  });
  const r = run(['check', dir]);
  const rules = rulesOf(r.out);
  assert.ok(rules.length > 0);
  assert.ok(!rules.includes('text-artefact'), r.out);
  assert.match(r.out, /错误 {2}部分标题与格式措辞不同.*\[nonstandard-label\]/);
  assert.doesNotMatch(r.out, /drafts|审核意见/);
  assert.match(r.err, /old\.txt: 按 \.xxgk\.json 的 exclude 排除，已跳过/);
  assert.match(r.out, /检查了 1 份报告：.*；2 个文件按 \.xxgk\.json 排除/);
  assert.equal(r.code, 1, 'the rule made an error');
});

test('--config instead of the nearest file; its locale sets the language; issuerType decides late-report', () => {
  const late = SHANDONG.replace('2024年1月9日', '2024年2月20日');
  const dir = tree({ 'a/late.txt': late, 'gov.json': JSON.stringify({ issuerType: '人民政府', locale: 'en' }) });
  const dept = run(['check', join(dir, 'a')]);
  assert.ok(rulesOf(dept.out).includes('late-report'), 'a department: late after 31 January');
  const gov = run(['check', '--config', join(dir, 'gov.json'), join(dir, 'a')]);
  assert.ok(!rulesOf(gov.out).includes('late-report'), gov.out);
  assert.match(gov.out, /1 report\(s\) checked/);
  const zh = run(['check', '--lang', 'zh', '--config', join(dir, 'gov.json'), join(dir, 'a')]);
  assert.match(zh.out, /检查了 1 份报告/);
});

test('a malformed .xxgk.json: one clear stderr line, the defaults apply', () => {
  const dir = tree({ '.xxgk.json': '{ "rules": { "sum-mismatch": "errr" }, }', 'x/shandong.txt': SHANDONG, 'x/again.txt': SHANDONG });
  const r = run(['check', dir]);
  const lines = r.err.split('\n').filter((l) => l.includes('.xxgk.json'));
  assert.equal(lines.length, 1, r.err);
  assert.match(lines[0], /\.xxgk\.json: \.xxgk\.json 有误，已忽略整个文件（使用默认设置）：不是有效的 JSON/);
  assert.ok(rulesOf(r.out).includes('text-artefact'), 'defaults');
});

test('documents about reports are skipped as not reports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-not-reports-'));
  cpSync(join(root, 'test/fixtures/not-reports'), dir, { recursive: true });
  const r = run(['check', dir]);
  assert.equal(r.code, 0, r.out + r.err);
  assert.equal(rulesOf(r.out).length, 0, r.out);
  assert.match(r.out, /检查了 0 份报告/);
  // Every fixture the CLI reads (it walks .txt/.md/.html, not the .csv) is said to be skipped.
  const readable = readdirSync(dir).filter((f) => /\.(txt|md|markdown|html?)$/i.test(f)).length;
  assert.ok(readable >= 12, `${readable} fixtures`);
  assert.equal((r.err.match(/不是政府信息公开工作年度报告，已跳过/g) ?? []).length, readable, r.err);
});
