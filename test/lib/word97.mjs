// @ts-check
// Word 97 files built byte by byte for the tests: a compound file (MS-CFB) of given streams, and a
// WordDocument + 1Table pair (FIB, text pieces, the CLX piece table) inside one.

export const SECTOR = 512;
const END = 0xfffffffe;
const FREE = 0xffffffff;

/** @param {Uint8Array} b @param {number} at @param {number} v */
export const put16 = (b, at, v) => {
  b[at] = v & 0xff;
  b[at + 1] = (v >> 8) & 0xff;
};
/** @param {Uint8Array} b @param {number} at @param {number} v */
export const put32 = (b, at, v) => {
  put16(b, at, v & 0xffff);
  put16(b, at + 2, (v >>> 16) & 0xffff);
};

/**
 * A version 3 compound file of the given streams (each padded to 4096 bytes, so none lives in the mini stream):
 * sector 0 the FAT, sector 1 the directory, then each stream's sectors in order.
 * @param {[string, Uint8Array][]} streams
 */
export function cfb(streams) {
  const padded = streams.map(([name, s]) => {
    const n = Math.max(4096, Math.ceil(s.length / SECTOR) * SECTOR);
    const b = new Uint8Array(n);
    b.set(s);
    return { name, bytes: b };
  });
  const total = 2 + padded.reduce((n, s) => n + s.bytes.length / SECTOR, 0);
  const file = new Uint8Array((total + 1) * SECTOR);
  file.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  put16(file, 24, 0x3e);
  put16(file, 26, 3);
  put16(file, 28, 0xfffe);
  put16(file, 30, 9);
  put16(file, 32, 6);
  put32(file, 44, 1); // FAT sectors
  put32(file, 48, 1); // first directory sector
  put32(file, 56, 4096);
  put32(file, 60, END);
  put32(file, 68, END);
  put32(file, 76, 0);
  for (let k = 1; k < 109; k++) put32(file, 76 + 4 * k, FREE);
  const fat = SECTOR; // sector 0
  for (let k = 0; k < SECTOR / 4; k++) put32(file, fat + 4 * k, FREE);
  put32(file, fat, 0xfffffffd);
  put32(file, fat + 4, END);
  const dir = 2 * SECTOR; // sector 1
  /** @param {number} k @param {string} name @param {number} type @param {number} start @param {number} size */
  const entry = (k, name, type, start, size) => {
    const at = dir + 128 * k;
    for (let i = 0; i < name.length; i++) put16(file, at + 2 * i, name.charCodeAt(i));
    put16(file, at + 64, (name.length + 1) * 2);
    file[at + 66] = type;
    put32(file, at + 68, FREE);
    put32(file, at + 72, FREE);
    put32(file, at + 76, FREE);
    put32(file, at + 116, start);
    put32(file, at + 120, size);
  };
  entry(0, 'Root Entry', 5, END, 0);
  put32(file, dir + 76, 1); // the root's child: the first stream
  let next = 2;
  padded.forEach((s, k) => {
    entry(k + 1, s.name, 2, next, s.bytes.length);
    if (k + 1 < padded.length) put32(file, dir + 128 * (k + 1) + 72, k + 2); // right sibling
    const n = s.bytes.length / SECTOR;
    for (let i = 0; i < n; i++) put32(file, fat + 4 * (next + i), i + 1 < n ? next + i + 1 : END);
    file.set(s.bytes, (next + 1) * SECTOR);
    next += n;
  });
  return file;
}

/**
 * A Word 97 document: `pieces` are [text, compressed] (a compressed piece's text is 8-bit bytes, given as char codes).
 * @param {[string, boolean][]} pieces
 * @param {{ nFib?: number, encrypted?: boolean }} [o]
 */
export function word(pieces, { nFib = 0x00c1, encrypted = false } = {}) {
  const w = new Uint8Array(8192);
  put16(w, 0, 0xa5ec);
  put16(w, 2, nFib);
  put16(w, 10, 0x0200 | (encrypted ? 0x0100 : 0)); // fWhichTblStm: 1Table
  put16(w, 32, 14); // csw
  put16(w, 62, 22); // cslw
  put16(w, 152, 0x5d); // cbRgFcLcb
  let fc = 2048;
  let cp = 0;
  const cps = [0];
  /** @type {number[]} */
  const fcs = [];
  for (const [t, compressed] of pieces) {
    for (let i = 0; i < t.length; i++) {
      if (compressed) w[fc + i] = t.charCodeAt(i);
      else put16(w, fc + 2 * i, t.charCodeAt(i));
    }
    fcs.push(compressed ? (fc * 2) | 0x40000000 : fc);
    fc += compressed ? t.length : 2 * t.length;
    fc += fc % 2;
    cp += t.length;
    cps.push(cp);
  }
  put32(w, 64 + 12, cp); // ccpText
  const n = pieces.length;
  const lcb = 4 * (n + 1) + 8 * n;
  const table = new Uint8Array(5 + lcb);
  table[0] = 0x02;
  put32(table, 1, lcb);
  cps.forEach((c, k) => put32(table, 5 + 4 * k, c));
  fcs.forEach((f, k) => put32(table, 5 + 4 * (n + 1) + 8 * k + 2, f));
  put32(w, 418, 0); // fcClx
  put32(w, 422, table.length); // lcbClx
  return cfb([
    ['WordDocument', w],
    ['1Table', table],
  ]);
}
