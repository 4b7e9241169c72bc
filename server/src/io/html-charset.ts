// Decoding a web page: its byte-order mark, else the charset its <meta> declares
// in the first 1,024 bytes (the HTML standard's prescan, simplified), else the
// detection every report file gets (encoding.ts).

import iconv from 'iconv-lite';
import { decode, DecodeError, type Decoded } from './encoding';

/** The charset a page's first 1,024 bytes declare (`<meta charset>` or `http-equiv="Content-Type"`), lower-cased; undefined if none. */
export function prescanCharset(bytes: Uint8Array): string | undefined {
  // Bytes as Latin-1: the declaration is ASCII whatever the page's encoding.
  const head = Buffer.from(bytes.subarray(0, 1024))
    .toString('latin1')
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  const meta = /<meta\b([^>]*)>?/gi;
  for (let m = meta.exec(head); m; m = meta.exec(head)) {
    const attrs = m[1] ?? '';
    const charset = /\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(attrs);
    // `<meta charset="gbk">` or `<meta http-equiv="Content-Type" content="text/html; charset=gbk">` (leniently: any meta naming one).
    if (charset?.[1]) return charset[1].toLowerCase();
  }
  return undefined;
}

// WHATWG labels of the GBK family: all decode as GB18030, its superset.
const GB_LABELS = new Set([
  'gb2312',
  'gbk',
  'gb18030',
  'x-gbk',
  'gb_2312',
  'gb_2312-80',
  'chinese',
  'csgb2312',
  'csiso58gb231280',
  'iso-ir-58',
  'cp936',
  'windows-936',
  'ms936',
]);
const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeHtml(bytes: Uint8Array): Decoded {
  const bom =
    (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!bom) {
    const label = prescanCharset(bytes);
    if (label && GB_LABELS.has(label)) {
      // A page that says GBK but is valid UTF-8 with non-ASCII in it was re-saved without its meta being updated: trust the bytes.
      if (!isUtf8WithNonAscii(bytes)) return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030', bom: false };
    } else if (label && UTF8_LABELS.has(label)) {
      try {
        return { text: utf8.decode(bytes), encoding: 'utf8', bom: false };
      } catch {
        // not UTF-8 after all: detect below
      }
    }
  }
  return decode(bytes);
}

function isUtf8WithNonAscii(bytes: Uint8Array): boolean {
  if (!bytes.some((b) => b >= 0x80)) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export { DecodeError };
