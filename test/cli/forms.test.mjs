// @ts-check
// The CLI on the forms reports are published and sent in: the real PDFs and
// the blank Word template of ../shared/corpus (read in place, never copied),
// and the bad inputs a reviewer's folder holds — each gets one clear line and
// the run goes on.
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
const SHARED = join(root, '..', 'shared', 'corpus');
const PDF = join(SHARED, 'pdf', 'hongze-2023.pdf');
const DOCX = join(SHARED, 'docx', 'template-2021-blank.docx');
const noShared = existsSync(PDF) && existsSync(DOCX) ? false : '../shared/corpus is not beside the repository';

/** @param {string[]} args */
function run(args) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C.UTF-8' },
    maxBuffer: 64 << 20,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const scratch = () => mkdtempSync(join(tmpdir(), 'xxgk-forms-'));

test('a published PDF: its real error on its page, in text and JSON; extract gives the text fixture’s values', { skip: noShared }, () => {
  const text = run(['check', PDF]);
  assert.equal(text.code, 1);
  assert.match(text.out, /hongze-2023\.pdf:\d+:\d+ \(第 4 页\)  错误  「行政复议·总计」：总计应为 11/);
  const json = defined(jsonResults(run(['check', '--format', 'json', PDF]).out)[0]);
  const wrong = defined(defined(json.diagnostics).find((d) => d.id === 'sum-mismatch:S4/R/FY.ZJ'));
  assert.deepEqual(wrong.location, { page: 4 });
  assert.equal(wrong.where, '第 4 页');
  // What was read from the PDF is what was read from its text copy (hongze's own typo rows and all).
  // `extract`'s element (server/src/cli.ts Extracted, not exported): only its tables are compared
  /** @type {(stdout: string) => { tables: Record<string, unknown> }} */
  const extracted = (stdout) => JSON.parse(stdout)[0];
  const fromPdf = extracted(run(['extract', PDF]).out);
  const fromText = extracted(run(['extract', join(root, 'test/fixtures/corpus/hongze-2023.txt')]).out);
  for (const id of ['S3', 'S4']) assert.deepEqual(fromPdf.tables[id], fromText.tables[id], id);
});

test('the blank Word template: table cell locations; --fix refused, the file untouched', { skip: noShared }, () => {
  const dir = scratch();
  try {
    const file = join(dir, 'draft.docx');
    copyFileSync(DOCX, file); // a copy in a scratch folder, deleted below: the test may try to write it
    const json = defined(jsonResults(run(['check', '--format', 'json', file]).out)[0]);
    const blank = defined(defined(json.diagnostics).find((d) => d.rule === 'blank-cell'));
    const location = defined(blank.location);
    assert.ok(
      'table' in location && location.table >= 1 && (location.row ?? 0) >= 1 && (location.column ?? 0) >= 1,
      JSON.stringify(blank.location),
    );
    assert.match(defined(blank.where), /^表 \d+ 第 \d+ 行第 \d+ 列$/);
    const before = readFileSync(file);
    const r = run(['check', '--fix', file]);
    assert.equal(r.code, 2);
    assert.match(r.err, /不对Word 文件应用修复/);
    assert.deepEqual(readFileSync(file), before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad inputs in a folder: one clear line each, the run goes on', { skip: noShared }, () => {
  const dir = scratch();
  try {
    const pdf = readFileSync(PDF);
    writeFileSync(join(dir, 'a-truncated.pdf'), pdf.subarray(0, pdf.length >> 1));
    writeFileSync(join(dir, 'b-not-a-zip.docx'), 'this is not a Word file');
    writeFileSync(
      join(dir, 'c-old.doc'),
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048)]),
    );
    copyFileSync(PDF, join(dir, 'd-pdf-named.txt')); // the wrong extension: read as what it is
    // Declares GBK, is UTF-8: the bytes win.
    writeFileSync(
      join(dir, 'e-wrong-charset.html'),
      readFileSync(join(root, 'test/fixtures/html/shuyang-fagaiju-2023.html'), 'utf8').replace(
        '<meta charset="utf-8" />',
        '<meta charset="gbk" />',
      ),
    );
    const r = run(['check', '--format', 'json', dir]);
    const by = Object.fromEntries(jsonResults(r.out).map((x) => [x.file.split('/').pop() ?? x.file, x]));
    /** @param {string} name */
    const result = (name) => defined(by[name], name);
    assert.match(defined(result('a-truncated.pdf').error), /PDF/);
    assert.match(defined(result('b-not-a-zip.docx').error), /\.docx/);
    assert.match(defined(result('c-old.doc').error), /旧版二进制 Word 文件（.doc.*另存为 .docx/);
    assert.ok(
      defined(result('d-pdf-named.txt').diagnostics).some((d) => d.id === 'sum-mismatch:S4/R/FY.ZJ'),
      'a PDF named .txt is read as a PDF',
    );
    assert.ok(
      defined(result('e-wrong-charset.html').diagnostics).length > 0 && !result('e-wrong-charset.html').error,
      'a page whose declared charset is wrong is still read',
    );
    assert.ok(
      defined(result('e-wrong-charset.html').diagnostics).some((d) => /行政规范性文件/.test(d.message)),
      'decoded right: its Chinese label is recognised',
    );
    assert.equal(r.code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a 10 MB web page is read and checked in reasonable time', () => {
  const dir = scratch();
  try {
    const page = readFileSync(join(root, 'test/fixtures/html/shuyang-fagaiju-2023.html'), 'utf8');
    const filler = '<p>本机关依法公开政府信息。</p>\n'.repeat(330_000);
    const file = join(dir, 'big.html');
    writeFileSync(file, page.replace('</body>', `${filler}</body>`));
    const t0 = Date.now();
    const r = run(['check', '--format', 'json', file]);
    const seconds = (Date.now() - t0) / 1000;
    const result = defined(jsonResults(r.out)[0]);
    assert.ok((result.diagnostics?.length ?? 0) > 0, result.error ?? result.skipped);
    assert.ok(seconds < 60, `${seconds} s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
