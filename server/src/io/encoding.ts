// Decoding a report file whatever Word, Excel or a web page saved it as:
// UTF-8 (with or without BOM), UTF-16 (with or without BOM), GBK/GB18030.
// chardet (maintained, pure JS) proposes; we accept only a decoding that
// reads as text, so a binary file is refused rather than misread.

import chardet from 'chardet';
import iconv from 'iconv-lite';

export type Encoding = 'utf8' | 'utf16le' | 'utf16be' | 'gb18030';

export interface Decoded {
  text: string;
  encoding: Encoding;
  bom: boolean;
}

export class DecodeError extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decode(buffer: Uint8Array): Decoded {
  if (buffer.length === 0) return { text: '', encoding: 'utf8', bom: false };
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf)
    return { text: strict('utf8', buffer.subarray(3)), encoding: 'utf8', bom: true };
  if (buffer[0] === 0xff && buffer[1] === 0xfe)
    return { text: iconv.decode(Buffer.from(buffer.subarray(2)), 'utf16le'), encoding: 'utf16le', bom: true };
  if (buffer[0] === 0xfe && buffer[1] === 0xff)
    return { text: iconv.decode(Buffer.from(buffer.subarray(2)), 'utf16be'), encoding: 'utf16be', bom: true };

  const sample = buffer.subarray(0, 64 * 1024);
  if (!sample.includes(0)) {
    try {
      return { text: utf8.decode(buffer), encoding: 'utf8', bom: false };
    } catch {
      // not UTF-8: try the others below
    }
  }
  const guess = chardet.detect(sample);
  const order: Encoding[] =
    guess === 'UTF-16LE'
      ? ['utf16le', 'utf16be', 'gb18030']
      : guess === 'UTF-16BE'
        ? ['utf16be', 'utf16le', 'gb18030']
        : ['gb18030', 'utf16le', 'utf16be'];
  let best: { encoding: Encoding; score: number } | undefined;
  for (const encoding of order) {
    const score = plausibility(iconv.decode(Buffer.from(sample), encoding));
    if (!best || score > best.score) best = { encoding, score };
  }
  if (!best || best.score < 0.9) {
    throw new DecodeError(sample.includes(0) ? 'binary file (not text)' : 'unknown text encoding (not UTF-8, UTF-16 or GB18030)');
  }
  return { text: iconv.decode(Buffer.from(buffer), best.encoding), encoding: best.encoding, bom: false };
}

function strict(encoding: 'utf8', bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new DecodeError(`invalid ${encoding} after its byte-order mark`);
  }
}

/** Share of characters that belong in a Chinese report: Han, CJK punctuation, printable ASCII, whitespace. */
function plausibility(text: string): number {
  if (text.length === 0) return 0;
  let good = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      (c >= 0x20 && c < 0x7f) ||
      c === 9 ||
      c === 10 ||
      c === 13 ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0x3000 && c <= 0x303f) ||
      (c >= 0xff00 && c <= 0xffef) ||
      (c >= 0x2000 && c <= 0x206f)
    )
      good++;
  }
  return good / text.length;
}

export function encode(decoded: Omit<Decoded, 'text'>, text: string): Buffer {
  const body = iconv.encode(text, decoded.encoding === 'utf8' ? 'utf8' : decoded.encoding);
  if (!decoded.bom) return body;
  const bom = decoded.encoding === 'utf8' ? [0xef, 0xbb, 0xbf] : decoded.encoding === 'utf16le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return Buffer.concat([Buffer.from(bom), body]);
}
