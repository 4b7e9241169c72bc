// @ts-check
// The command-line checker against hostile input: unreadable files and
// directories, symbolic-link loops, binary files, GBK and UTF-16, a 50 MB
// file, empty files, special files, non-reports — each gets one clear line,
// the run goes on, the exit code says what happened — and --fix, which must
// never lose data: a failed write leaves the original untouched, encoding,
// BOM, line endings and permissions are kept, non-reports are never written.
//
// Tests run as root in CI, where permission bits do not stop reads or
// writes. The permission cases then run the CLI as the unprivileged user
// `nobody` through setpriv(1) (util-linux); where that is impossible they are
// skipped with the reason. A failing write is also simulated in a way root
// cannot bypass: a file-size limit (ulimit -f) below the size of the fixed file.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { engine } from '../lib/bundles.mjs';
import { defined } from '../lib/narrow.mjs';
import { jsonResults } from '../lib/cli.mjs';

const require = createRequire(import.meta.url);
const iconv = require('iconv-lite');
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'server/out/cli.js');
const corpus = join(root, 'test/fixtures/corpus');

const corpusText = (/** @type {string} */ name) => readFileSync(join(corpus, name), 'utf8');
const HONGZE = corpusText('hongze-2023.txt'); // has safe fixes (page markers, a label) and real sum errors
const SHANDONG = corpusText('shandong-guodongban-2023.txt'); // safe fixes only
const CHANGCHUN = corpusText('changchun-guodongban-2023.txt'); // two label warnings, fixable

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

/** @param {string[]} args @param {Omit<import('node:child_process').SpawnSyncOptions, 'encoding'>} [options] */
function run(args, options = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C.UTF-8' },
    timeout: 60_000,
    ...options,
  });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
}

/** The CLI as `nobody`, for the permission cases when the tests run as root. */
/** @param {string[]} args */
function runAsNobody(args) {
  const r = spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C.UTF-8' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Why permission cases cannot run here, or undefined when they can (as a normal user, or as root through setpriv). */
function permissionSkip() {
  if (!isRoot) return undefined;
  const probe = spawnSync('setpriv', [
    `--reuid=${NOBODY}`,
    `--regid=${NOBODY}`,
    '--clear-groups',
    process.execPath,
    '-e',
    'process.exit(process.getuid() === 65534 ? 0 : 1)',
  ]);
  if (probe.error || probe.status !== 0)
    return 'running as root and setpriv cannot switch to nobody here: root ignores permission bits, so there is nothing to test';
  return undefined;
}
const asUser = (/** @type {string[]} */ args) => (isRoot ? runAsNobody(args) : run(args));

/** @param {Record<string, string | Uint8Array>} [files] */
function scratch(files = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-cli-robust-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
/** Lets `nobody` into a scratch directory (mkdtemp makes it 0700). */
const openUp = (/** @type {string} */ dir) => chmodSync(dir, 0o755);

const snapshot = (/** @type {string} */ path) => {
  const st = statSync(path);
  return { bytes: readFileSync(path), ino: st.ino, mtimeMs: st.mtimeMs, mode: st.mode & 0o7777 };
};
const temporaries = (/** @type {string} */ dir) => readdirSync(dir).filter((n) => n.includes('xxgk-tmp'));
const lines = (/** @type {string} */ text) => text.split('\n').filter(Boolean);

test('an unreadable file and an unreadable directory: one line each, the other files are checked, exit 2', (t) => {
  const reason = permissionSkip();
  if (reason) return t.skip(reason);
  const dir = scratch({ 'report.txt': CHANGCHUN, 'secret.txt': HONGZE });
  mkdirSync(join(dir, 'locked'));
  writeFileSync(join(dir, 'locked', 'inside.txt'), HONGZE);
  chmodSync(join(dir, 'secret.txt'), 0o000);
  chmodSync(join(dir, 'locked'), 0o000);
  openUp(dir);
  try {
    const r = asUser(['check', dir, join(dir, 'secret.txt')]);
    assert.equal(r.code, 2, r.err);
    const errors = lines(r.err);
    assert.ok(errors.includes(`${join(dir, 'secret.txt')}: 无法检查: permission denied`), r.err);
    assert.ok(errors.includes(`${join(dir, 'locked')}: 无法检查: permission denied`), r.err);
    assert.match(r.out, /report\.txt:43:2 {2}警告/);
    assert.match(r.out, /检查了 1 份报告.*；3 个文件无法读取/);
    const json = jsonResults(asUser(['check', '--format', 'json', dir]).out);
    assert.deepEqual(
      json.map((x) => [x.file.slice(dir.length + 1), x.error ?? (x.diagnostics ? 'checked' : x.skipped)]),
      [
        ['locked', 'permission denied'],
        ['report.txt', 'checked'],
        ['secret.txt', 'permission denied'],
      ],
    );
  } finally {
    chmodSync(join(dir, 'locked'), 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('special files: a FIFO met in a directory walk is skipped with a note; one named on the command line is read like cat reads it', async () => {
  const dir = scratch({ 'report.txt': CHANGCHUN });
  try {
    const fifo = join(dir, 'pipe.txt');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return;
    const walk = run(['check', dir], { timeout: 20_000 });
    assert.equal(walk.code, 0, walk.err);
    assert.ok(lines(walk.err).includes(`${fifo}: 命名管道（FIFO），不是普通文件，已跳过`), walk.err);
    // Named explicitly (as `<(iconv -f gbk report.txt)` would be): read to the end.
    const child = spawn(process.execPath, [cli, 'check', '--format', 'json', fifo], { env: { ...process.env, LANG: 'C.UTF-8' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const fd = openSync(fifo, 'w'); // blocks until the CLI opens it for reading
    writeSync(fd, CHANGCHUN);
    closeSync(fd);
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
    assert.equal(jsonResults(out)[0]?.diagnostics?.length, 4); // 2 nonstandard-label, 2 overview-topics
    // A device that never ends is read only up to the size limit.
    const zero = run(['check', '/dev/zero'], { timeout: 30_000 });
    assert.equal(zero.code, 2);
    assert.ok(lines(zero.err).includes('/dev/zero: 无法检查: input too large (more than 64 MB, not checked)'), zero.err);
    // --fix never turns a FIFO into a regular file.
    const fixer = spawn(process.execPath, [cli, 'check', '--fix', fifo], { env: { ...process.env, LANG: 'C.UTF-8' } });
    let fixErr = '';
    fixer.stderr.on('data', (d) => (fixErr += d));
    const fd2 = openSync(fifo, 'w');
    writeSync(fd2, SHANDONG);
    closeSync(fd2);
    assert.equal(await new Promise((resolve) => fixer.on('close', resolve)), 2);
    assert.match(fixErr, /pipe\.txt: 无法检查: --fix could not write \(file unchanged\): not a regular file; not written/);
    assert.ok(lstatSync(fifo).isFIFO(), 'still a FIFO');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('symbolic-link loops and broken links: each named once, the walk terminates, every report checked once', () => {
  const dir = scratch({ 'report.txt': CHANGCHUN });
  try {
    symlinkSync('self.txt', join(dir, 'self.txt')); // a link to itself
    symlinkSync('pong.txt', join(dir, 'ping.txt')); // two links to each other
    symlinkSync('ping.txt', join(dir, 'pong.txt'));
    symlinkSync('gone.txt', join(dir, 'dangling.txt')); // to nothing
    mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
    symlinkSync(dir, join(dir, 'sub', 'deeper', 'up')); // a directory loop
    symlinkSync('.', join(dir, 'sub', 'here'));
    writeFileSync(join(dir, 'sub', 'deeper', 'other.txt'), SHANDONG);
    const started = Date.now();
    const r = run(['check', '--format', 'json', dir], { timeout: 20_000 });
    assert.ok(Date.now() - started < 20_000);
    assert.equal(r.code, 2, 'links that cannot be read are I/O problems');
    const results = jsonResults(r.out).map((x) => [x.file.slice(dir.length + 1), x.error ?? 'checked']);
    assert.deepEqual(results, [
      ['dangling.txt', 'broken symbolic link'],
      ['ping.txt', 'symbolic-link loop (too many levels of symbolic links)'],
      ['pong.txt', 'symbolic-link loop (too many levels of symbolic links)'],
      ['report.txt', 'checked'],
      ['self.txt', 'symbolic-link loop (too many levels of symbolic links)'],
      ['sub/deeper/other.txt', 'checked'],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('binary files of every kind get one line and the run goes on', () => {
  const random = Buffer.alloc(4096);
  for (let i = 0, x = 12345; i < random.length; i++) random[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  const files = {
    'program.txt': readFileSync(process.execPath).subarray(0, 8192), // ELF
    'image.md': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), random]),
    'document.txt': Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x06\x00', 'latin1'), random]), // a .docx renamed
    'scan.xxgk': Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), random]),
    'noise.txt': random,
    'nul-in-text.txt': Buffer.from(HONGZE.slice(0, 500) + '\0\0\0\0' + HONGZE.slice(500).replace(/\n/g, '\n\0')),
    'report.txt': CHANGCHUN,
  };
  const dir = scratch(files);
  try {
    const r = run(['check', dir]);
    assert.equal(r.code, 2);
    const errors = lines(r.err);
    for (const name of Object.keys(files).filter((n) => n !== 'report.txt')) {
      const line = errors.find((l) => l.startsWith(`${join(dir, name)}: `));
      assert.ok(line, `${name}: a line`);
      // A zip or a PDF by its first bytes goes to its reader, which says what is wrong with it; other binary is not text.
      const expected =
        name === 'document.txt'
          ? /: 无法检查: \.docx 文件已损坏或不完整/
          : name === 'scan.xxgk'
            ? /: 无法检查: .*PDF/
            : /: 无法检查: (binary file \(not text\)|unknown text encoding \(not UTF-8, UTF-16 or GB18030\))$/;
      assert.match(line, expected, line);
    }
    assert.equal(errors.length, 6, 'one line per file');
    assert.match(r.out, /report\.txt:43:2/);
    assert.match(r.out, /检查了 1 份报告.*；6 个文件无法读取/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('GBK, GB18030 and UTF-16 (LE/BE, with and without BOM): reports read like UTF-8, non-reports skipped', () => {
  const notes = '会议纪要\n今天讨论了政务公开工作的预算安排。\n'.repeat(20);
  const withRare = HONGZE.replace('六、其他需要报告的事项', '六、其他需要报告的事项\n𠀀𠀁（扩展汉字）');
  const dir = scratch({
    'utf8.txt': withRare,
    'gb18030.txt': iconv.encode(withRare, 'gb18030'),
    'gbk.txt': iconv.encode(HONGZE, 'gbk'),
    'utf16le.txt': iconv.encode(withRare, 'utf16le'),
    'utf16be.txt': iconv.encode(withRare, 'utf16be'),
    'utf16be-bom.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(withRare, 'utf16be')]),
    'notes-gbk.txt': iconv.encode(notes, 'gbk'),
    'notes-utf16le.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(notes, 'utf16le')]),
  });
  try {
    const r = run(['check', '--format', 'json', dir]);
    assert.equal(r.code, 1, r.err); // hongze's real sum errors
    const results = jsonResults(r.out);
    // One report in six encodings: each also names the others (duplicate-report), which is not what this test is about.
    const own = (/** @type {import('../lib/cli.mjs').JsonResult | undefined} */ x) =>
      defined(x?.diagnostics).filter((d) => d.rule !== 'duplicate-report');
    const reference = own(results.find((x) => x.file.endsWith('/utf8.txt')));
    assert.ok(reference.length > 0);
    for (const x of results) {
      if (x.file.includes('notes-')) assert.equal(x.skipped, '不是政府信息公开工作年度报告，已跳过', x.file);
      else
        assert.deepEqual(
          own(x),
          x.file.endsWith('gbk.txt')
            ? defined(jsonResults(run(['check', '--format', 'json', join(corpus, 'hongze-2023.txt')]).out)[0]?.diagnostics)
            : reference,
          x.file,
        );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a 50 MB file (a real report, then 50 MB of prose) is checked, not refused, in reasonable time and memory', (t) => {
  const dir = scratch();
  try {
    const path = join(dir, 'huge.txt');
    const paragraph =
      '本机关坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《中华人民共和国政府信息公开条例》，持续深化政务公开，依法保障人民群众知情权、参与权、表达权和监督权。\n\n';
    const fd = openSync(path, 'w');
    writeSync(fd, HONGZE);
    const block = Buffer.from(paragraph.repeat(2000));
    while (statSync(path).size < 50 * 1024 * 1024) writeSync(fd, block);
    closeSync(fd);
    const size = statSync(path).size;
    const started = Date.now();
    const r = spawnSync('/bin/sh', ['-c', `exec /usr/bin/time -f '%M' "${process.execPath}" "${cli}" check --format json "${path}"`], {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'C.UTF-8' },
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const seconds = (Date.now() - started) / 1000;
    const timeAvailable = !/not found|No such file/.test(r.stderr ?? '');
    const result = timeAvailable
      ? r
      : spawnSync(process.execPath, [cli, 'check', '--format', 'json', path], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(result.status, 1, result.stderr); // hongze's own sum errors, nothing else
    const [res] = jsonResults(result.stdout);
    const alone = defined(jsonResults(run(['check', '--format', 'json', join(corpus, 'hongze-2023.txt')]).out)[0]?.diagnostics);
    assert.deepEqual(res.diagnostics, alone, 'the prose after the report adds no finding');
    const peakMiB = timeAvailable ? Number(r.stderr.trim().split('\n').pop()) / 1024 : NaN;
    t.diagnostic(
      `${(size / 1048576).toFixed(1)} MB checked in ${seconds.toFixed(1)} s${Number.isFinite(peakMiB) ? `, peak RSS ${peakMiB.toFixed(0)} MiB` : ''}`,
    );
    assert.ok(seconds < 60, `${seconds} s`);

    // --fix on it: written whole; the 50 MB of prose after the report is byte for byte the same.
    const before = readFileSync(path);
    const fix = run(['check', '--fix', path], { timeout: 120_000 });
    assert.equal(fix.code, 1, fix.err);
    assert.match(fix.out, /huge\.txt: 已应用 \d+ 处安全修复/);
    const after = readFileSync(path);
    const tail = Buffer.from(paragraph.repeat(100));
    assert.ok(after.subarray(after.length - tail.length).equals(before.subarray(before.length - tail.length)));
    assert.equal(before.length - after.length, Buffer.byteLength(HONGZE) - Buffer.byteLength(engine.applySafeFixes(HONGZE).text));
    assert.deepEqual(temporaries(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('empty files and non-reports: one line each, never an error; the exit code counts only reports and I/O problems', () => {
  const dir = scratch({
    'empty.txt': '',
    'bom-only.txt': Buffer.from([0xef, 0xbb, 0xbf]),
    'blank.md': '\n\n   \n',
    'notes.md': '# 会议纪要\n\n今天讨论预算。\n',
    'budget.txt': '2024 年部门预算公开\n一、收入预算\n二、支出预算\n',
  });
  try {
    const r = run(['check', dir]);
    assert.equal(r.code, 0, 'nothing wrong: nothing to report');
    const errors = lines(r.err);
    assert.equal(errors.length, 5);
    assert.ok(errors.includes(`${join(dir, 'empty.txt')}: 不是政府信息公开工作年度报告，已跳过（空文件）`), r.err);
    for (const name of ['bom-only.txt', 'blank.md', 'notes.md', 'budget.txt'])
      assert.ok(
        errors.some((l) => l.startsWith(`${join(dir, name)}: 不是政府信息公开工作年度报告，已跳过`)),
        name,
      );
    assert.match(r.out, /^检查了 0 份报告：0 个错误/m);
    const en = run(['check', '--lang', 'en', join(dir, 'empty.txt')]);
    assert.equal(en.err, `${join(dir, 'empty.txt')}: not an annual disclosure report, skipped (empty file)\n`);
    // With a report: its findings decide (0 warnings only, 1 errors); an unreadable path makes it 2.
    writeFileSync(join(dir, 'report.txt'), CHANGCHUN);
    assert.equal(run(['check', dir]).code, 0);
    writeFileSync(join(dir, 'broken.txt'), HONGZE);
    assert.equal(run(['check', dir]).code, 1);
    assert.equal(run(['check', dir, join(dir, 'missing.txt')]).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a check that throws: its rule named on stderr, every other finding printed, exit 2 (the result is incomplete)', async () => {
  // The real CLI and engine, built with one extra module that makes one registered check throw.
  const { build } = await import('esbuild');
  const dir = scratch({ 'report.txt': HONGZE, 'clean.txt': CHANGCHUN });
  try {
    const checks = join(root, 'server', 'src', 'engine', 'checks', 'index.ts');
    writeFileSync(
      join(dir, 'break.mjs'),
      `import { RULES } from ${JSON.stringify(checks)};\nRULES.find((r) => r.id === 'sum-mismatch').check = () => { throw new Error('deliberate failure'); };\n`,
    );
    writeFileSync(join(dir, 'entry.mjs'), `import './break.mjs';\nimport ${JSON.stringify(join(root, 'server', 'src', 'cli.ts'))};\n`);
    const broken = join(dir, 'cli.cjs');
    await build({
      entryPoints: [join(dir, 'entry.mjs')],
      outfile: broken,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'silent',
    });
    const r = spawnSync(process.execPath, [broken, 'check', join(dir, 'report.txt'), join(dir, 'clean.txt')], {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'C.UTF-8' },
    });
    assert.equal(r.status, 2, 'not 0 or 1: a check did not run');
    for (const name of ['report.txt', 'clean.txt'])
      assert.ok(lines(r.stderr).includes(`internal error in rule sum-mismatch on ${join(dir, name)}: deliberate failure`), r.stderr);
    const expected = defined(jsonResults(run(['check', '--format', 'json', join(dir, 'report.txt')]).out)[0]?.diagnostics).filter(
      (d) => d.rule !== 'sum-mismatch',
    );
    const printed = lines(r.stdout).filter((l) => l.startsWith(join(dir, 'report.txt')));
    assert.equal(printed.length, expected.length);
    assert.match(r.stdout, /检查了 2 份报告：0 个错误.*；2 个文件的检查出现内部错误，结果不完整/);
    const json = jsonResults(
      spawnSync(process.execPath, [broken, 'check', '--format', 'json', join(dir, 'report.txt')], { encoding: 'utf8' }).stdout,
    );
    assert.deepEqual(json[0].internalErrors, ['sum-mismatch']);
    assert.deepEqual(json[0].diagnostics, expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// --fix ---------------------------------------------------------------------

/** @type {Record<string, (text: string) => Buffer>} */
const ENCODINGS = {
  utf8: (text) => Buffer.from(text, 'utf8'),
  'utf8-bom': (text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
  'utf16le-bom': (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]),
  'utf16be-bom': (text) => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16be')]),
  utf16le: (text) => iconv.encode(text, 'utf16le'),
  gb18030: (text) => iconv.encode(text, 'gb18030'),
};
/** @type {Record<string, (text: string) => string>} */
const ENDINGS = { lf: (t) => t, crlf: (t) => t.replace(/\n/g, '\r\n') };

test('--fix keeps encoding, BOM, line endings and permissions, in every combination; the result is the engine’s safe fixes', () => {
  const dir = scratch();
  try {
    const cases = [];
    for (const [encoding, encodeAs] of Object.entries(ENCODINGS)) {
      for (const [ending, withEnding] of Object.entries(ENDINGS)) {
        const name = `shandong-${encoding}-${ending}.txt`;
        const text = withEnding(SHANDONG);
        writeFileSync(join(dir, name), encodeAs(text));
        chmodSync(join(dir, name), 0o640);
        cases.push({ name, text, encodeAs, before: snapshot(join(dir, name)) });
      }
    }
    const r = run(['check', '--fix', '--format', 'json', dir]);
    assert.equal(r.code, 0, r.err);
    const results = jsonResults(r.out);
    for (const c of cases) {
      const path = join(dir, c.name);
      const after = snapshot(path);
      const expected = c.encodeAs(engine.applySafeFixes(c.text).text);
      assert.ok((defined(results.find((x) => x.file === path)).fixed ?? 0) > 0, `${c.name}: fixed`);
      assert.ok(after.bytes.equals(expected), `${c.name}: exactly the safe fixes, in the same encoding, BOM and line endings`);
      assert.equal(after.mode, 0o640, `${c.name}: permissions kept`);
      assert.notEqual(after.ino, c.before.ino, `${c.name}: replaced by rename, not rewritten in place`);
    }
    assert.deepEqual(temporaries(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix through a symbolic link replaces the file it points to and leaves the link a link', () => {
  const dir = scratch();
  try {
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'report.txt'), SHANDONG);
    symlinkSync(join('real', 'report.txt'), join(dir, 'link.txt'));
    const r = run(['check', '--fix', join(dir, 'link.txt')]);
    assert.equal(r.code, 0, r.err);
    assert.ok(lstatSync(join(dir, 'link.txt')).isSymbolicLink(), 'still a link');
    assert.equal(readlinkSync(join(dir, 'link.txt')), join('real', 'report.txt'));
    assert.equal(readFileSync(join(dir, 'real', 'report.txt'), 'utf8'), engine.applySafeFixes(SHANDONG).text);
    assert.deepEqual(temporaries(join(dir, 'real')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix when the write fails (a file-size limit root cannot bypass): the original is untouched, no temporary file is left, exit 2', () => {
  const dir = scratch({ 'report.txt': SHANDONG, 'other.txt': CHANGCHUN });
  try {
    const before = snapshot(join(dir, 'report.txt'));
    // ulimit -f counts 512-byte blocks in sh: 8 KB, less than the 11 KB fixed report.
    const r = spawnSync(
      '/bin/sh',
      ['-c', `ulimit -f 16 && exec "${process.execPath}" "${cli}" check --fix "${join(dir, 'report.txt')}" "${join(dir, 'other.txt')}"`],
      {
        encoding: 'utf8',
        env: { ...process.env, LANG: 'C.UTF-8' },
        timeout: 60_000,
      },
    );
    assert.equal(r.status, 2, r.stderr);
    assert.ok(
      lines(r.stderr).includes(
        `${join(dir, 'report.txt')}: 无法检查: --fix could not write (file unchanged): file too large for the file system or the process limit`,
      ),
      r.stderr,
    );
    assert.deepEqual(snapshot(join(dir, 'report.txt')), before, 'same bytes, same inode, same time');
    assert.match(r.stdout, /other\.txt: 已应用 \d+ 处安全修复/, 'the run went on: a smaller file was fixed');
    assert.deepEqual(temporaries(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix in a directory the user cannot write: refused, original untouched', (t) => {
  const reason = permissionSkip();
  if (reason) return t.skip(reason);
  const dir = scratch({ 'report.txt': SHANDONG });
  chmodSync(join(dir, 'report.txt'), 0o666); // the file is writable, its directory is not
  chmodSync(dir, 0o555);
  try {
    const before = snapshot(join(dir, 'report.txt'));
    const r = asUser(['check', '--fix', join(dir, 'report.txt')]);
    assert.equal(r.code, 2, r.err);
    assert.equal(r.err, `${join(dir, 'report.txt')}: 无法检查: --fix could not write (file unchanged): permission denied\n`);
    assert.deepEqual(snapshot(join(dir, 'report.txt')), before);
  } finally {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix never replaces a read-only file (not even as root), nor one the user may not write', (t) => {
  const dir = scratch({ 'readonly.txt': SHANDONG, 'theirs.txt': SHANDONG });
  chmodSync(join(dir, 'readonly.txt'), 0o444);
  chmodSync(join(dir, 'theirs.txt'), 0o644); // owned by root: not writable by nobody, though its directory is
  chmodSync(dir, 0o777);
  try {
    const before = snapshot(join(dir, 'readonly.txt'));
    const r = run(['check', '--fix', join(dir, 'readonly.txt')]);
    assert.equal(r.code, 2);
    assert.equal(r.err, `${join(dir, 'readonly.txt')}: 无法检查: --fix could not write (file unchanged): file is read-only\n`);
    assert.deepEqual(snapshot(join(dir, 'readonly.txt')), before);
    const reason = permissionSkip();
    if (reason) return t.diagnostic(`not-owner case skipped: ${reason}`);
    const theirs = snapshot(join(dir, 'theirs.txt'));
    const n = asUser(['check', '--fix', join(dir, 'theirs.txt')]);
    assert.equal(n.code, 2);
    assert.equal(n.err, `${join(dir, 'theirs.txt')}: 无法检查: --fix could not write (file unchanged): file is read-only for this user\n`);
    assert.deepEqual(snapshot(join(dir, 'theirs.txt')), theirs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix refuses a file whose bytes would not survive re-encoding (a damaged byte, a doubled BOM): nothing else may change', () => {
  const damaged = Buffer.from(iconv.encode(SHANDONG, 'gb18030'));
  const at = damaged.indexOf(iconv.encode('六、其他需要报告的事项', 'gb18030'));
  damaged[at + 40] = 0xff; // not a GB18030 lead byte: decodes to U+FFFD, would be written back differently
  const dir = scratch({
    'damaged-gbk.txt': damaged,
    'double-bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from(SHANDONG)]),
  });
  try {
    for (const name of ['damaged-gbk.txt', 'double-bom.txt']) {
      const path = join(dir, name);
      const before = snapshot(path);
      const r = run(['check', '--fix', path]);
      assert.equal(r.code, 2, `${name}: ${r.out}`);
      assert.match(
        r.err,
        new RegExp(
          `${name}: 无法检查: --fix could not write \\(file unchanged\\): its bytes do not survive decoding and re-encoding as (gb18030|utf8) \\(damaged or mixed encoding\\); fix it by hand\\n$`,
        ),
      );
      assert.deepEqual(snapshot(path), before, name);
      // Without --fix the file is still checked.
      assert.equal(run(['check', path]).code, 0, `${name} checks`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix never writes what is not a report, nor a report with nothing left to fix', () => {
  const dir = scratch({
    'notes.txt': '会议纪要\r\n[bookmark: _GoBack]今天讨论预算。\r\n- 3 -\r\n１２３\r\n',
    'empty.txt': '',
    'binary.txt': Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x89, 0x50]),
    'report.txt': SHANDONG,
  });
  try {
    const names = ['notes.txt', 'empty.txt', 'binary.txt'];
    const before = Object.fromEntries(names.map((n) => [n, snapshot(join(dir, n))]));
    const first = run(['check', '--fix', dir]);
    assert.equal(first.code, 2, 'the binary file'); // and the report fixed
    for (const n of names) assert.deepEqual(snapshot(join(dir, n)), before[n], `${n} untouched`);
    const fixed = snapshot(join(dir, 'report.txt'));
    const second = run(['check', '--fix', join(dir, 'report.txt')]);
    assert.equal(second.code, 0);
    assert.doesNotMatch(second.out, /已应用/);
    assert.deepEqual(snapshot(join(dir, 'report.txt')), fixed, 'nothing to fix: not rewritten');
    assert.deepEqual(temporaries(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
