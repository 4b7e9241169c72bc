// @ts-check
// The command-line checker as a user runs it: a process, real files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { defined } from '../lib/narrow.mjs';
import { jsonResults } from '../lib/cli.mjs';

const require = createRequire(import.meta.url);
const iconv = require('iconv-lite');
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'server/out/cli.js');
const corpus = join(root, 'test/fixtures/corpus');

/** @param {string[]} args @param {Omit<import('node:child_process').SpawnSyncOptions, 'encoding'>} [options] */
function run(args, options = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8' }, ...options });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
/** @param {Record<string, string | Uint8Array>} [files] */
function scratch(files = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-cli-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
const corpusText = (/** @type {string} */ name) => readFileSync(join(corpus, name), 'utf8');

test('text output over the corpus: one line per finding, a summary, exit 1 for hongze-2023', () => {
  const r = run(['check', corpus]);
  assert.equal(r.code, 1);
  const lines = r.out.trim().split('\n');
  const findingLines = lines.filter((l) => /\[[a-z-]+\]$/.test(l));
  assert.ok(
    findingLines.every((l) => /^.+:\d+:\d+ {2}(错误|警告|信息|提示) {2}.+ {2}\[[a-z-]+\]$/.test(l)),
    findingLines.join('\n'),
  );
  assert.ok(
    findingLines.some((l) =>
      l.includes('hongze-2023.txt:138:10  错误  「行政复议·总计」：总计应为 11（10+1+0+0），现为 0  [sum-mismatch]'),
    ),
  );
  assert.match(lines[lines.length - 1], /^检查了 4 份报告：2 个错误/);
});

test('JSON output matches each fixture’s expected findings (1-based)', () => {
  const r = run(['check', '--format', 'json', corpus]);
  assert.equal(r.code, 1);
  const results = jsonResults(r.out);
  assert.equal(results.length, 4);
  for (const res of results) {
    const expected = JSON.parse(readFileSync(res.file.replace(/\.txt$/, '.expected.json'), 'utf8'));
    const diagnostics = defined(res.diagnostics, `${res.file}: diagnostics`);
    assert.deepEqual(
      diagnostics.map((d) => ({ rule: d.rule, severity: d.severity, line: d.line, column: d.column })),
      expected,
    );
    for (const d of diagnostics) {
      assert.equal(typeof d.message, 'string');
      assert.ok(d.endLine > d.line || (d.endLine === d.line && d.endColumn >= d.column));
      assert.ok(d.id.startsWith(`${d.rule}:`), `finding id ${d.id}`);
    }
    assert.equal(new Set(diagnostics.map((d) => d.id)).size, diagnostics.length, `${res.file}: ids are unique`);
  }
});

test('exit 0 when there are no errors; --lang en', () => {
  const r = run(['check', '--lang', 'en', join(corpus, 'changchun-guodongban-2023.txt')]);
  assert.equal(r.code, 0);
  assert.match(r.out, /warning {2}The row label should read/);
  assert.match(r.out, /1 report\(s\) checked: 0 error\(s\), 2 warning\(s\)/);
});

test('usage problems exit 2 with a message', () => {
  for (const args of [[], ['check'], ['lint', 'x'], ['check', '--format', 'xml', 'x'], ['check', '--nope', 'x']]) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /usage/);
  }
  assert.equal(run(['--help']).code, 0);
});

test('unreadable, binary and non-report files: a clear line each, the run goes on, exit 2', () => {
  const dir = scratch({
    'binary.txt': Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x10, 0x13]),
    'notes.md': '# 会议纪要\n\n今天讨论预算。\n',
    'empty.txt': '',
    'report.txt': corpusText('changchun-guodongban-2023.txt'),
    'ignored.json': '{}',
  });
  const r = run(['check', dir, join(dir, 'missing.txt')]);
  assert.equal(r.code, 2);
  assert.match(r.err, /binary\.txt: 无法检查: binary file/);
  assert.match(r.err, /missing\.txt: 无法检查: no such file or directory/);
  assert.match(r.err, /notes\.md: 不是政府信息公开工作年度报告，已跳过/);
  assert.match(r.err, /empty\.txt: 不是政府信息公开工作年度报告，已跳过/);
  assert.match(r.out, /report\.txt:43:2/);
  assert.match(r.out, /检查了 1 份报告.*1 个文件无法读取|检查了 1 份报告.*2 个文件无法读取/);
  const json = jsonResults(run(['check', '--format', 'json', dir]).out);
  assert.deepEqual(json.map((x) => (Object.keys(x).includes('diagnostics') ? 'checked' : x.error ? 'error' : 'skipped')).sort(), [
    'checked',
    'error',
    'skipped',
    'skipped',
  ]);
});

test('GBK, UTF-16 (with and without BOM) and UTF-8 with BOM read the same as UTF-8', () => {
  const text = corpusText('hongze-2023.txt');
  const dir = scratch({
    'gbk.txt': iconv.encode(text, 'gbk'),
    'utf16le-bom.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]),
    'utf16be-bom.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16be')]),
    'utf16le.txt': iconv.encode(text, 'utf16le'),
    'utf8-bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
    'utf8.txt': text,
  });
  const results = jsonResults(run(['check', '--format', 'json', dir]).out);
  // Six copies of one report: each also names the others (duplicate-report), which is not what this test is about.
  const own = (/** @type {import('../lib/cli.mjs').JsonResult | undefined} */ r) =>
    defined(r?.diagnostics).filter((d) => d.rule !== 'duplicate-report');
  const reference = own(results.find((x) => x.file.endsWith('/utf8.txt')));
  assert.equal(reference.length, 10); // with government-accountability (a 区人民政府 report without 社会评议 and 责任追究)
  for (const r of results) assert.deepEqual(own(r), reference, r.file);
});

test('--fix applies only safe fixes, keeps encoding, BOM and line endings, and leaves non-reports alone', () => {
  const shandong = corpusText('shandong-guodongban-2023.txt');
  const hongze = corpusText('hongze-2023.txt');
  const notes = '会议纪要\r\n[bookmark: _GoBack]今天讨论预算。\r\n';
  const dir = scratch({
    'shandong-crlf.txt': shandong.replace(/\n/g, '\r\n'),
    'hongze-gbk.txt': iconv.encode(hongze, 'gb18030'),
    'changchun-bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(corpusText('changchun-guodongban-2023.txt'))]),
    'notes.txt': notes,
  });
  const inodeBefore = statSync(join(dir, 'shandong-crlf.txt')).ino;
  const r = run(['check', '--fix', dir]);
  assert.equal(r.code, 1, r.out + r.err); // hongze's section-四 totals are not safe to fix
  assert.match(r.out, /shandong-crlf\.txt: 已应用 \d+ 处安全修复/);

  const fixedShandong = readFileSync(join(dir, 'shandong-crlf.txt'), 'utf8');
  assert.ok(!fixedShandong.includes('[bookmark:'));
  assert.ok(fixedShandong.includes('二、主动公开政府信息情况\r\n'));
  assert.ok(!/[^\r]\n/.test(fixedShandong), 'still CRLF throughout');
  assert.notEqual(statSync(join(dir, 'shandong-crlf.txt')).ino, inodeBefore, 'replaced by rename');

  const gbk = readFileSync(join(dir, 'hongze-gbk.txt'));
  const fixedHongze = iconv.decode(gbk, 'gb18030');
  assert.ok(!fixedHongze.includes('- 3 -'), 'page markers removed');
  assert.ok(fixedHongze.includes('2.其他法律行政法规禁止公开'), 'known typo fixed');
  assert.ok(fixedHongze.includes('10 1 0 0 0 0 0 0 0 0 5 0 0 0 0'), 'arithmetic untouched');
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk), 'still GB18030, not UTF-8');

  const bom = readFileSync(join(dir, 'changchun-bom.txt'));
  assert.deepEqual([...bom.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.ok(bom.toString('utf8').includes('5.属于三类内部事务信息'));

  assert.equal(readFileSync(join(dir, 'notes.txt'), 'utf8'), notes, 'not a report: never written');
  assert.deepEqual(
    readdirSync(dir).filter((n) => n.includes('xxgk-tmp')),
    [],
    'no temporary files left',
  );

  const again = run(['check', '--fix', '--format', 'json', dir]);
  for (const res of jsonResults(again.out)) assert.ok(!res.fixed, `${res.file} had nothing left to fix`);
});

test('a directory with a symbolic-link loop terminates', () => {
  const dir = scratch({ 'report.txt': corpusText('changchun-guodongban-2023.txt') });
  mkdirSync(join(dir, 'sub'));
  symlinkSync(dir, join(dir, 'sub', 'loop'));
  cpSync(join(corpus, 'shandong-guodongban-2023.txt'), join(dir, 'sub', 's.txt'));
  const r = run(['check', '--format', 'json', dir], { timeout: 20000 });
  assert.equal(r.code, 0);
  assert.equal(jsonResults(r.out).length, 2);
});
