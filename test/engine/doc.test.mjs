// @ts-check
// The .doc reader (server/src/engine/read/doc.ts, in server/out/readers/docx.js)
// on Word 97 files built byte by byte (test/lib/word97.mjs): a compound file (MS-CFB) holding a
// WordDocument stream (FIB, text) and a 1Table stream (the CLX piece table).
// 8-bit and UTF-16 pieces, field codes, control characters, table marks read
// as the .docx reader lays them out; a truncated file, a FAT loop, a sector out
// of range, an encrypted or a Word 95 file are each a clear problem, never a throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readers } from '../lib/bundles.mjs';
import { anchorOf } from '../lib/narrow.mjs';
import { cfb, put16, put32, SECTOR, word } from '../lib/word97.mjs';

const { readDoc, readDocx, DOC_PROBLEMS } = readers.docx;

/** @param {Uint8Array} bytes */
const codes = (bytes) => readDoc(bytes).problems.map((p) => p.code);

test('UTF-16 and 8-bit pieces: Chinese text, and 0x82…0x9F as MS-DOC maps them', () => {
  const d = readDoc(
    word([
      ['一、总体情况\r', false],
      ['\x93quoted\x94 \x85 \x80\x8e\x9f\r', true],
    ]),
  );
  assert.deepEqual(d.problems, []);
  assert.equal(d.text, '一、总体情况\n\u201cquoted\u201d \u2026 \x80\x8e\u0178\n');
  assert.equal(d.form, 'docx');
  assert.equal(d.editable, false);
});

test('a field reads as its result, its code dropped (PAGE, a hyperlink, a field nested in a code)', () => {
  const d = readDoc(
    word([
      ['第\x13 PAGE \x143\x15页\r', false],
      ['\x13 HYPERLINK "http://x" \x14网站\x15\r', false],
      ['\x13 IF \x13 PAGE \x141\x15 = 1 "a" \x14结果\x15\r', false],
    ]),
  );
  assert.equal(d.text, '第3页\n网站\n结果\n');
});

test('control characters: objects and soft hyphens dropped, non-breaking hyphen and space, line breaks', () => {
  const d = readDoc(word([['a\x01b\x08c\x1fd\x1ee\xa0f\tg\x0bh\x0ci\r', false]]));
  assert.equal(d.text, 'abcd-e f g\nh\ni\n');
});

test('table marks without paragraph properties: a cell mark ends a cell, a lone one after it the row', () => {
  // (without a PAPX, paragraphs before a row's first cell mark cannot be told from body text: cells after it can)
  const d = readDoc(word([['二、主动公开\r规章\x075\x07\x07行政规范性文件\x0712\x07\x07本年\r新收\x07数量\r3\x07\x07后文\r', false]]));
  assert.equal(d.text, '二、主动公开\n规章\t5\n行政规范性文件\t12\n本年\n新收\t数量 3\n后文\n');
  const k = d.text.indexOf('12');
  const a = anchorOf(d.anchorAt(k), 'doc');
  assert.equal(a.cp, '二、主动公开\r规章\x075\x07\x07行政规范性文件\x07'.length);
  assert.equal(a.row, 2);
  assert.equal(a.cell, 2);
  assert.equal(anchorOf(d.anchorEnd(k + 2), 'doc').cp, a.cp + 2);
});

test('readDocx hands an OLE file to the .doc reader', () => {
  const bytes = word([['正文\r', false]]);
  assert.equal(readDocx(bytes).text, '正文\n');
  assert.deepEqual(
    readDocx(bytes).problems.map((p) => p.code),
    [],
  );
});

test('an encrypted .doc: the encrypted problem, with the message the .docx reader gives', () => {
  const d = readDoc(word([['秘密\r', false]], { encrypted: true }));
  assert.deepEqual(
    d.problems.map((p) => p.code),
    [DOC_PROBLEMS.encrypted],
  );
  assert.match(d.problems[0]?.message.zh ?? '', /加密.*另存为 \.docx/);
  assert.equal(d.text, '');
});

test('a Word 6/95 file (nFib < 0x00C1) is too old, saying to save it as .docx', () => {
  const d = readDoc(word([['旧\r', true]], { nFib: 0x0065 }));
  assert.deepEqual(
    d.problems.map((p) => p.code),
    [DOC_PROBLEMS.tooOld],
  );
  assert.match(d.problems[0]?.message.zh ?? '', /Word 6\.0\/95.*另存为 \.docx/);
  assert.match(d.problems[0]?.message.en ?? '', /too old/);
});

test('an OLE file with no WordDocument stream (an .xls renamed) is legacy-doc, saying it is no Word document', () => {
  const bytes = cfb([['Workbook', new Uint8Array(100)]]);
  const d = readDocx(bytes);
  assert.deepEqual(
    d.problems.map((p) => p.code),
    ['legacy-doc'],
  );
  assert.match(d.problems[0]?.message.zh ?? '', /不是 Word 文档/);
});

test('a .wps of Kingsoft WPS Writer (Word 97 binary with WPS additions) is read by its bytes, as the .doc it is', async () => {
  const bytes = word([['一、总体情况\r本机关2023年主动公开政府信息。\r', false]]);
  const asDoc = (await readers.files.readFileBytes('report.doc', bytes)).doc;
  const asWps = (await readers.files.readFileBytes('report.wps', bytes)).doc;
  assert.deepEqual(asWps.problems, []);
  assert.equal(asWps.text, asDoc.text);
  assert.match(asWps.text, /^一、总体情况$/m);
});

test('a .wps of Microsoft Works (an OLE file of CONTENTS or MN0, no WordDocument) is named as Works, with how to convert it', async () => {
  for (const stream of ['CONTENTS', 'MN0']) {
    const d = (await readers.files.readFileBytes('old.wps', cfb([[stream, new Uint8Array(100)]]))).doc;
    assert.deepEqual(
      d.problems.map((p) => p.code),
      ['legacy-doc'],
      stream,
    );
    assert.match(d.problems[0]?.message.zh ?? '', /Microsoft Works.*另存为 \.docx/);
    assert.match(d.problems[0]?.message.en ?? '', /Microsoft Works/);
  }
});

test('a truncated file, a FAT loop, a sector out of range, a bad piece table: corrupt, never a throw', () => {
  const good = word([['正文内容\r', false]]);
  assert.deepEqual(codes(good.subarray(0, 400)), ['corrupt'], 'shorter than a header');
  assert.deepEqual(codes(good.subarray(0, 3 * SECTOR)), ['corrupt'], 'cut after the directory');
  assert.deepEqual(codes(good.subarray(0, good.length - 4096)), ['corrupt'], 'the table stream cut off');

  const loop = good.slice();
  put32(loop, SECTOR + 4 * 9, 2); // WordDocument's chain (sectors 2…17) turns back to its first sector halfway
  assert.deepEqual(codes(loop), ['corrupt']);
  assert.match(readDoc(loop).problems[0]?.message.en ?? '', /loops/);

  const far = good.slice();
  put32(far, 2 * SECTOR + 128 + 116, 99999); // WordDocument starts at a sector the FAT does not have
  assert.deepEqual(codes(far), ['corrupt']);
  assert.match(readDoc(far).problems[0]?.message.en ?? '', /out of range/);

  const fatOut = good.slice();
  put32(fatOut, 76, 5000); // the FAT itself beyond the file
  assert.deepEqual(codes(fatOut), ['corrupt']);

  const noClx = good.slice();
  put32(noClx, 3 * SECTOR + 422, 0); // lcbClx = 0 (WordDocument starts at sector 2, offset 3·512)
  assert.deepEqual(codes(noClx), ['corrupt']);

  const badBom = good.slice();
  put16(badBom, 28, 0x1234);
  assert.deepEqual(codes(badBom), ['corrupt']);
  // the .docx reader's message for a damaged OLE file still says what it is and how to convert it
  assert.match(readDocx(badBom).problems[0]?.message.zh ?? '', /旧版二进制 Word 文件（\.doc.*另存为 \.docx/);
});

test('text pieces pointing beyond the stream: what is there is read, and the cut is said', () => {
  const bytes = word([['完整的一段\r', false]]);
  put32(bytes, 3 * SECTOR + 76, 100000); // ccpText far beyond the pieces: bounded by the piece table
  assert.equal(readDoc(bytes).text, '完整的一段\n');
});

test('streams larger than the bound: too-large', () => {
  const d = readDoc(word([['正文\r', false]]), { maxStreamBytes: 2048 });
  assert.deepEqual(
    d.problems.map((p) => p.code),
    [DOC_PROBLEMS.tooLarge],
  );
});

test('any byte of a .doc changed: a text or a problem, never a throw', () => {
  const good = word([
    ['一、总体情况\r规章\x075\x07\x07', false],
    ['abc\x93\r', true],
  ]);
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  for (let k = 0; k < 400; k++) {
    const b = good.slice();
    for (let n = 0; n < 4; n++) b[rnd() % Math.min(b.length, 4 * SECTOR + 8 * SECTOR * (k % 2))] = rnd() & 0xff;
    const d = readDoc(b);
    assert.ok(d.problems.length > 0 || typeof d.text === 'string');
    d.anchorAt(0);
    d.anchorEnd(d.text.length);
  }
});
