// @ts-check
// The CLI on web archives (.mht / .mhtml): a page saved as "single file web page" by a browser, WPS or Word
// is read as the page it holds. The archives are made here from the project's pages — the real 沭阳县发改局
// page and corpus reports laid out as Word and CMS pages (scripts/html-forms.mjs) — in the shapes the savers
// write; each must read exactly as its page. Damaged archives say what is wrong; --fix never rewrites one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { extractResults, jsonResults } from '../lib/cli.mjs';
import { loadEngine } from '../../scripts/forms-lib.mjs';
import { structure } from '../../scripts/docx-forms.mjs';
import { htmlPage } from '../../scripts/html-forms.mjs';

const require = createRequire(import.meta.url);
const iconv = require('iconv-lite');
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'server/out/cli.js');
const shuyang = readFileSync(join(root, 'test/fixtures/html/shuyang-fagaiju-2023.html'));
const engine = loadEngine();
/** @param {'word' | 'cms'} kind @param {string} name */
const corpusPage = (kind, name) =>
  htmlPage(kind, structure(engine, readFileSync(join(root, 'test/fixtures/corpus', `${name}.txt`), 'utf8')));
const wordPage = corpusPage('word', 'hongze-2023');
const cmsPage = corpusPage('cms', 'changchun-guodongban-2023');

/** @param {string[]} args */
function run(args) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// ---------------------------------------------------------------- archive writers

/** Quoted-printable as Word and IE write it: lines of at most 76, `=` soft breaks, hard breaks as CRLF. */
function qp(/** @type {Buffer} */ bytes) {
  let out = '';
  let line = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] ?? 0;
    if (c === 0x0a) {
      out += '\r\n';
      line = 0;
      continue;
    }
    if (c === 0x0d && bytes[i + 1] === 0x0a) continue;
    const t = c >= 0x21 && c <= 0x7e && c !== 0x3d ? String.fromCharCode(c) : `=${c.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line + t.length > 75) {
      out += '=\r\n';
      line = 0;
    }
    out += t;
    line += t.length;
  }
  return out;
}
/** Base64 in lines of 76. */
const b64 = (/** @type {Buffer} */ bytes) => (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
/** A small PNG's bytes (the pictures Word saves beside the page). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/**
 * @typedef {{ headers: string[], body: string | Buffer }} MimePart
 * @param {{ head: string[], parts: MimePart[], boundary: string, eol?: string, preamble?: string, close?: boolean }} a
 */
function archive({ head, parts, boundary, eol = '\r\n', preamble = 'This is a multi-part message in MIME format.', close = true }) {
  /** @type {Buffer[]} */
  const chunks = [Buffer.from(head.join(eol) + eol + eol + preamble + eol, 'latin1')];
  for (const p of parts) {
    chunks.push(Buffer.from(`${eol}--${boundary}${eol}${p.headers.join(eol)}${eol}${eol}`, 'latin1'));
    chunks.push(typeof p.body === 'string' ? Buffer.from(p.body.replace(/\r\n/g, eol), 'latin1') : p.body);
  }
  if (close) chunks.push(Buffer.from(`${eol}--${boundary}--${eol}`, 'latin1'));
  return Buffer.concat(chunks);
}

const WORD_BOUNDARY = '----=_NextPart_01DA1B2C.3D4E5F60';
/** Word's "single file web page": quoted-printable GBK page, its pictures and file list as further parts. */
function wordArchive(/** @type {Buffer} */ page, { charset = 'gb2312', eol = '\r\n' } = {}) {
  return archive({
    boundary: WORD_BOUNDARY,
    eol,
    // The boundary on a folded line, quoted.
    head: ['MIME-Version: 1.0', 'Content-Type: multipart/related;', `\tboundary="${WORD_BOUNDARY}"`],
    preamble: '此文档为“单个文件网页”，也称为“Web 档案”文件。',
    parts: [
      {
        headers: [
          'Content-Location: file:///C:/D3B2A1F0/report.htm',
          'Content-Transfer-Encoding: quoted-printable',
          `Content-Type: text/html${charset ? `; charset="${charset}"` : ''}`,
        ],
        body: qp(page),
      },
      {
        headers: [
          'Content-Location: file:///C:/D3B2A1F0/report.files/image001.png',
          'Content-Transfer-Encoding: base64',
          'Content-Type: image/png',
        ],
        body: b64(PNG),
      },
      {
        headers: [
          'Content-Location: file:///C:/D3B2A1F0/report.files/filelist.xml',
          'Content-Transfer-Encoding: quoted-printable',
          'Content-Type: text/xml; charset="utf-8"',
        ],
        body: qp(Buffer.from('<xml xmlns:o=3D"urn:schemas-microsoft-com:office:office">\n <o:File HRef=3D"image001.png"/>\n</xml>')),
      },
    ],
  });
}

/** A browser's save (Chrome's Blink): headers before the MIME ones, `type` and an unquoted boundary on folded lines. */
function browserArchive(
  /** @type {Buffer} */ page,
  /** @type {{ encoding: string, body: string | Buffer, charset?: string, eol?: string }} */ o,
) {
  const boundary = '----MultipartBoundary--Xk3v9QmT2pLrN8sYw4Zc1bHd----';
  return archive({
    boundary,
    eol: o.eol ?? '\r\n',
    head: [
      'From: <Saved by Blink>',
      'Snapshot-Content-Location: https://www.example.gov.cn/zwgk/2024/report.html',
      'Subject: =?utf-8?Q?report?=',
      'Date: Tue, 20 Feb 2024 08:00:00 +0800',
      'MIME-Version: 1.0',
      'Content-Type: multipart/related;',
      '\ttype="text/html";',
      `\tboundary=${boundary}`,
    ],
    preamble: '',
    parts: [
      {
        headers: [
          `Content-Type: text/html${o.charset ? `; charset=${o.charset}` : ''}`,
          'Content-ID: <frame-1A2B@mhtml.blink>',
          `Content-Transfer-Encoding: ${o.encoding}`,
          'Content-Location: https://www.example.gov.cn/zwgk/2024/report.html',
        ],
        body: o.body,
      },
      {
        headers: [
          'Content-Type: text/css',
          'Content-Transfer-Encoding: quoted-printable',
          'Content-Location: https://www.example.gov.cn/css/site.css',
        ],
        body: qp(Buffer.from('body { font-family: "SimSun"; }\n')),
      },
      {
        headers: ['Content-Type: image/png', 'Content-Transfer-Encoding: base64', 'Content-Location: https://www.example.gov.cn/logo.png'],
        body: b64(PNG),
      },
    ],
  });
}

// ---------------------------------------------------------------- the shapes

/** @type {{ name: string, page: Buffer, ext: string, archive: Buffer }[]} */
const SHAPES = [
  { name: 'Word: quoted-printable GBK, pictures as base64 parts, CRLF', page: wordPage, ext: 'htm', archive: wordArchive(wordPage) },
  { name: 'Word, LF line breaks', page: wordPage, ext: 'htm', archive: wordArchive(wordPage, { eol: '\n' }) },
  {
    name: 'Word, no charset on the part: the page’s own <meta> (gb2312)',
    page: wordPage,
    ext: 'htm',
    archive: wordArchive(wordPage, { charset: '' }),
  },
  {
    name: 'browser: base64 UTF-8, unquoted boundary on a folded line',
    page: shuyang,
    ext: 'html',
    archive: browserArchive(shuyang, { encoding: 'base64', charset: '"utf-8"', body: b64(shuyang) }),
  },
  {
    name: 'browser: 8bit UTF-8, LF',
    page: shuyang,
    ext: 'html',
    archive: browserArchive(shuyang, { encoding: '8bit', body: shuyang, eol: '\n' }),
  },
  {
    name: 'browser: quoted-printable GBK in the part’s charset, the page’s <meta> still saying utf-8',
    page: shuyang,
    ext: 'html',
    archive: browserArchive(shuyang, {
      encoding: 'quoted-printable',
      charset: 'gbk',
      body: qp(iconv.encode(shuyang.toString('utf8'), 'gbk')),
    }),
  },
  {
    name: 'start= names the page: a frame before it is not read',
    page: cmsPage,
    ext: 'html',
    archive: archive({
      boundary: 'b1_0123456789',
      head: ['MIME-Version: 1.0', 'Content-Type: multipart/related; type="text/html"; start="<page@example>"; boundary=b1_0123456789'],
      parts: [
        {
          headers: ['Content-Type: text/html; charset=utf-8', 'Content-ID: <frame@example>'],
          body: '<html><body><p>导航</p></body></html>',
        },
        {
          headers: ['Content-Type: text/html; charset=utf-8', 'Content-ID: <page@example>', 'Content-Transfer-Encoding: quoted-printable'],
          body: qp(cmsPage),
        },
      ],
    }),
  },
  {
    name: 'a message that is the page alone (no parts), quoted-printable UTF-8',
    page: shuyang,
    ext: 'html',
    archive: Buffer.concat([
      Buffer.from('MIME-Version: 1.0\r\nContent-Type: text/html;\r\n charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n'),
      Buffer.from(qp(shuyang), 'latin1'),
    ]),
  },
];

/** The reading minus where it sits (lines and columns of a page's source vs of an archive's reading text) and the file. */
function placeless(/** @type {unknown} */ value) {
  return JSON.parse(JSON.stringify(value, (k, v) => (k === 'file' || k === 'line' || k === 'col' ? undefined : v)));
}

const dir = mkdtempSync(join(tmpdir(), 'xxgk-mhtml-'));
for (const [i, shape] of SHAPES.entries()) {
  test(`archive reads as its page — ${shape.name}`, () => {
    const here = join(dir, `shape-${i}`);
    mkdirSync(here);
    const pagePath = join(here, `page.${shape.ext}`);
    const archivePath = join(here, i % 2 ? 'report.mhtml' : 'report.mht');
    writeFileSync(pagePath, shape.page);
    writeFileSync(archivePath, shape.archive);
    const [pageX, archiveX] = [pagePath, archivePath].map((p) => {
      const r = run(['extract', '--format', 'json', p]);
      assert.equal(r.code, 0, r.err + r.out);
      const [one] = extractResults(r.out);
      assert.ok(one && 'tables' in one, r.out);
      return one;
    });
    assert.ok(pageX && 'tables' in pageX && Object.keys(pageX.tables).length >= 3, 'the page is read as a report');
    assert.deepEqual(placeless(archiveX), placeless(pageX));
    const [pageC, archiveC] = [pagePath, archivePath].map((p) => {
      const r = run(['check', '--format', 'json', p]);
      const [one] = jsonResults(r.out);
      assert.ok(one && one.diagnostics, r.out + r.err);
      return { code: r.code, ids: one.diagnostics.map((d) => `${d.id} ${d.severity} ${d.message}`) };
    });
    assert.equal(archiveC.code, pageC.code);
    assert.ok(pageC.ids.length > 0);
    assert.deepEqual(archiveC.ids, pageC.ids);
  });
}

test('a folder walk takes .mht and .mhtml files', () => {
  const here = mkdtempSync(join(tmpdir(), 'xxgk-mhtml-walk-'));
  writeFileSync(join(here, 'a.mht'), wordArchive(wordPage));
  writeFileSync(join(here, 'b.MHTML'), browserArchive(shuyang, { encoding: 'base64', body: b64(shuyang) }));
  const r = run(['check', '--format', 'json', here]);
  const results = jsonResults(r.out);
  assert.deepEqual(
    results.map((x) => [x.file.slice(here.length + 1), x.error ?? x.skipped ?? 'read']),
    [
      ['a.mht', 'read'],
      ['b.MHTML', 'read'],
    ],
  );
});

// ---------------------------------------------------------------- damaged archives

const good = wordArchive(wordPage);
const goodText = good.toString('latin1');
const partStart = goodText.indexOf('Content-Location: file:///C:/D3B2A1F0/report.htm');
const DAMAGED = [
  {
    name: 'no html part',
    bytes: archive({
      boundary: 'x',
      head: ['MIME-Version: 1.0', 'Content-Type: multipart/related; boundary="x"'],
      parts: [{ headers: ['Content-Type: image/png', 'Content-Transfer-Encoding: base64'], body: b64(PNG) }],
    }),
    message: /没有网页（text\/html）部分/,
  },
  {
    name: 'truncated in the middle of the page part',
    bytes: good.subarray(0, partStart + Math.floor((goodText.indexOf(`--${WORD_BOUNDARY}`, partStart) - partStart) / 2)),
    message: /截断/,
  },
  {
    name: 'broken base64',
    bytes: browserArchive(shuyang, { encoding: 'base64', body: b64(shuyang).replace(/.{40}$/m, '!!!!broken!!!!') }),
    message: /base64 编码已损坏/,
  },
  {
    name: 'broken quoted-printable',
    bytes: Buffer.from(goodText.replace('=\r\n', '=Q\r\n'), 'latin1'),
    message: /quoted-printable 编码已损坏/,
  },
  {
    name: 'no boundary',
    bytes: Buffer.from('MIME-Version: 1.0\r\nContent-Type: multipart/related; type="text/html"\r\n\r\n<html><body>x</body></html>\r\n'),
    message: /没有给出分隔符/,
  },
  {
    name: 'a boundary that never occurs',
    bytes: Buffer.from(goodText.replace(`boundary="${WORD_BOUNDARY}"`, 'boundary="other"'), 'latin1'),
    message: /没有分隔符/,
  },
  { name: 'named .mht, but plain text', bytes: Buffer.from('这不是网页存档。\n'), message: /不是网页存档/ },
];

for (const d of DAMAGED) {
  test(`a damaged archive is unreadable, with why — ${d.name}`, () => {
    const here = mkdtempSync(join(tmpdir(), 'xxgk-mhtml-bad-'));
    const path = join(here, 'bad.mht');
    writeFileSync(path, d.bytes);
    const r = run(['check', '--format', 'json', path]);
    // As any file that cannot be read: exit 2, the reason as the file's error.
    assert.equal(r.code, 2, r.err);
    const [one] = jsonResults(r.out);
    assert.ok(one && !one.diagnostics, r.out);
    assert.match(String(one.error), /^网页存档（\.mht）：/);
    assert.match(String(one.error), d.message);
    const en = run(['check', '--lang', 'en', path]);
    assert.equal(en.code, 2);
    assert.match(en.out + en.err, /web archive \(\.mht\): /);
    assert.doesNotMatch(en.err, /internal error|at .*\.js:\d+/);
  });
}

test('bounded: a large archive with a 24 MB picture part is read quickly, and its page found', () => {
  const here = mkdtempSync(join(tmpdir(), 'xxgk-mhtml-big-'));
  const path = join(here, 'big.mht');
  const big = archive({
    boundary: WORD_BOUNDARY,
    head: ['MIME-Version: 1.0', `Content-Type: multipart/related; boundary="${WORD_BOUNDARY}"`],
    parts: [
      { headers: ['Content-Type: image/png', 'Content-Transfer-Encoding: base64'], body: b64(Buffer.alloc(18 * 1024 * 1024, 7)) },
      { headers: ['Content-Type: text/html; charset=gb2312', 'Content-Transfer-Encoding: quoted-printable'], body: qp(wordPage) },
    ],
  });
  writeFileSync(path, big);
  const started = Date.now();
  const r = run(['extract', '--format', 'json', path]);
  assert.equal(r.code, 0, r.err);
  assert.ok(Date.now() - started < 20000, `${Date.now() - started} ms`);
  const [one] = extractResults(r.out);
  assert.ok(one && 'tables' in one && Object.keys(one.tables).length >= 3);
});

// ---------------------------------------------------------------- --fix

test('--fix never rewrites an archive: refused like a Word file, the file byte for byte as it was', () => {
  const here = mkdtempSync(join(tmpdir(), 'xxgk-mhtml-fix-'));
  const path = join(here, 'report.mht');
  // A page with a safe fix (a blank cell the check would fill with 0 in a page it may write).
  writeFileSync(path, good);
  const r = run(['check', '--fix', '--format', 'json', path]);
  const [one] = jsonResults(r.out);
  assert.ok(one, r.out);
  assert.equal(one.fixed, 0);
  assert.match(String(one.error), /不对网页存档（\.mht）应用修复（不支持写回）/);
  assert.ok(one.diagnostics && one.diagnostics.length > 0, 'the findings are still listed');
  assert.ok(readFileSync(path).equals(good), 'unchanged');
  const en = run(['check', '--fix', '--lang', 'en', path]);
  assert.match(en.out + en.err, /fixes are not applied to web archives \(\.mht\)/);
  assert.ok(readFileSync(path).equals(good), 'unchanged');
});
