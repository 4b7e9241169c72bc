// @ts-check
// A folder on every core: the CLI hands files to worker threads once there are
// enough of them. The output must be byte for byte what one thread prints (path
// order, whatever the scheduling), and a file that takes longer than the time
// limit is reported as that file's error while the rest of the run goes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defined } from '../lib/narrow.mjs';
import { jsonResults } from '../lib/cli.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'server/out/cli.js');
const fixtures = join(root, 'test/fixtures/');
const PDFS = join(root, '..', 'shared', 'corpus', 'pdf');
const SOURCES = [
  'corpus/hongze-2023.txt',
  'corpus/shandong-guodongban-2023.txt',
  'corpus/changchun-guodongban-2023.txt',
  'made/changchun-2023.md',
  'html/shuyang-fagaiju-2023.html',
];

/** @param {string[]} args @param {Record<string, string>} [env] */
function run(args, env = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C.UTF-8', ...env },
    maxBuffer: 64 << 20,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A folder of `n` reports copied from the fixtures, plus a file that is not a report and one that cannot be decoded. */
/** @param {number} n */
function folder(n) {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-pool-'));
  for (let i = 0; i < n; i++) {
    const src = SOURCES[i % SOURCES.length];
    copyFileSync(join(fixtures, src), join(dir, `r${String(i).padStart(3, '0')}${src.slice(src.lastIndexOf('.'))}`));
  }
  writeFileSync(join(dir, 'notes.txt'), '会议纪要\n今天讨论了三件事。\n');
  writeFileSync(join(dir, 'broken.txt'), Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41]));
  return dir;
}

test('check and extract on worker threads print exactly what one thread prints', () => {
  const dir = folder(80);
  try {
    for (const args of [['check'], ['check', '--format', 'json'], ['extract'], ['extract', '--format', 'csv']]) {
      const one = run([...args, '--jobs', '1', dir]);
      const many = run([...args, '--jobs', '2', dir]);
      assert.equal(many.code, one.code, `${args.join(' ')}: exit code`);
      assert.equal(many.out, one.out, `${args.join(' ')}: stdout`);
      assert.equal(many.err, one.err, `${args.join(' ')}: stderr`);
      assert.ok(one.out.length > 1000);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(
  'text checked here and PDFs on a worker, side by side: what one thread prints, in path order',
  { skip: !existsSync(PDFS) && 'the shared corpus is not here' },
  () => {
    // 2 threads: this one takes the small text files, the worker the PDFs (read in place, never copied) and its queue
    const dir = folder(70);
    try {
      const pdfs = ['hongze-2023.pdf', 'hongze-2024.pdf'].map((f) => join(PDFS, f));
      for (const args of [
        ['check', '--format', 'json'],
        ['extract', '--format', 'csv'],
      ]) {
        const one = run([...args, '--jobs', '1', dir, ...pdfs]);
        const two = run([...args, '--jobs', '2', dir, ...pdfs]);
        assert.equal(two.code, one.code, `${args.join(' ')}: exit code`);
        assert.equal(two.out, one.out, `${args.join(' ')}: stdout`);
        assert.equal(two.err, one.err, `${args.join(' ')}: stderr`);
      }
      const files = jsonResults(run(['check', '--format', 'json', '--jobs', '2', dir, ...pdfs]).out).map((x) => x.file);
      for (const pdf of pdfs) assert.ok(files.includes(pdf), pdf);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('a file over the time limit is that file’s error; every other file is checked', () => {
  const dir = folder(70);
  // One report pasted 2,000 times (12 MB of tables, a thousand findings): seconds of work, far over the 2 s limit set
  // here, where every other file takes a fraction of it.
  const slow = join(dir, 'r000-pasted.txt');
  writeFileSync(slow, readFileSync(join(fixtures, 'corpus/hongze-2023.txt'), 'utf8').repeat(2000));
  try {
    const r = run(['check', '--jobs', '2', '--format', 'json', dir], { XXGK_FILE_TIME_LIMIT_MS: '2000' });
    assert.equal(r.code, 2);
    const results = jsonResults(r.out);
    assert.match(defined(results.find((x) => x.file === slow)?.error), /超过 2 s/);
    assert.equal(results.filter((x) => x.diagnostics).length, 70, 'every other report checked');
    assert.deepEqual(
      results.map((x) => x.file),
      [...results.map((x) => x.file)].sort(),
      'path order',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--jobs is validated', () => {
  const r = run(['check', '--jobs', '0', 'x']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--jobs must be a whole number/);
});
