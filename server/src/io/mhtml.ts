// Web archives (.mht / .mhtml): a page saved by a browser, WPS or Word as a
// "single file web page" — a MIME multipart/related message whose page is
// one text/html part (quoted-printable or base64, in its own charset) among
// the page's pictures and styles. Only the page is wanted: it is found,
// decoded and handed back as the HTML text the HTML reader takes.
//
// Pure: bytes in, text or a problem out; never throws. Work is linear in the
// input: header blocks are read within a fixed limit, part bodies are only
// sliced, and only the page part is decoded.

import iconv from 'iconv-lite';
import type { ReadProblem } from '../engine';
import { decodeHtml } from './html-charset';

/** The page of an archive as HTML text, or why there is none. */
export type ArchivePage = { ok: true; html: string } | { ok: false; problem: ReadProblem };

/** A header block longer than this is not one (a text file that happens to start with `Name: value`). */
const MAX_HEADER_BYTES = 64 * 1024;
/** Multipart nested in multipart (an e-mail saved as .mht): this deep at most. */
const MAX_DEPTH = 4;

interface Part {
  headers: Map<string, string>;
  /** The body, as Latin-1 text: one character per byte. */
  body: string;
  /** The part ended at the end of the input, with no boundary after it. */
  truncated: boolean;
}

/** Whether the bytes start as a MIME web archive: a header block naming MIME-Version and multipart/related. */
export function isWebArchive(bytes: Uint8Array): boolean {
  const head = headerBlock(latin1(bytes.subarray(0, MAX_HEADER_BYTES)), startOf(bytes));
  if (!head) return false;
  const type = parseContentType(head.headers.get('content-type') ?? '');
  return head.headers.has('mime-version') && type.type === 'multipart/related';
}

/** The page of a web archive: its first text/html part (or the root the archive names), decoded. */
export function readWebArchive(bytes: Uint8Array): ArchivePage {
  const text = latin1(bytes);
  const head = headerBlock(text, startOf(bytes));
  if (!head)
    return fail('not-a-web-archive', '开头没有 MIME 头，不是网页存档', 'it does not start with a MIME header, so it is no web archive');
  const type = parseContentType(head.headers.get('content-type') ?? '');
  // A message that is the page alone (some savers write no parts for a page without pictures).
  if (type.type === 'text/html') return decodePart({ headers: head.headers, body: text.slice(head.end), truncated: false });
  if (!type.type.startsWith('multipart/'))
    return fail(
      'not-a-web-archive',
      '其 MIME 头不是 multipart/related，不是网页存档',
      'its MIME header is not multipart/related, so it is no web archive',
    );
  const found = findPage({ headers: head.headers, body: text.slice(head.end), truncated: false }, 0);
  if ('problem' in found) return found;
  return decodePart(found.part);
}

// ---------------------------------------------------------------- structure

type Found = { part: Part } | { ok: false; problem: ReadProblem };

/** The page part of a multipart entity: the one its `start` names, else the one at the root's Content-Location, else the first text/html. */
function findPage(entity: Part, depth: number): Found {
  const type = parseContentType(entity.headers.get('content-type') ?? '');
  const boundary = type.params.get('boundary');
  if (!boundary)
    return fail(
      'corrupt',
      '其 MIME 头没有给出分隔符（boundary），找不到其中的各部分',
      'its MIME header gives no boundary, so its parts cannot be found',
    );
  const parts = splitParts(entity.body, boundary);
  if (parts.length === 0)
    return fail(
      'corrupt',
      `文件中没有分隔符“--${boundary}”，找不到其中的各部分`,
      `the boundary "--${boundary}" does not occur, so no part can be found`,
    );
  const start = type.params.get('start');
  const location = entity.headers.get('content-location') ?? entity.headers.get('snapshot-content-location');
  const html = (p: Part) => parseContentType(p.headers.get('content-type') ?? 'text/plain').type === 'text/html';
  const chosen =
    (start ? parts.find((p) => sameId(p.headers.get('content-id'), start)) : undefined) ??
    (location ? parts.find((p) => html(p) && p.headers.get('content-location') === location) : undefined) ??
    parts.find(html);
  if (chosen) return { part: chosen };
  // A multipart/alternative inside (an e-mail saved as .mht): its HTML is the page.
  if (depth < MAX_DEPTH) {
    for (const p of parts) {
      if (!parseContentType(p.headers.get('content-type') ?? '').type.startsWith('multipart/')) continue;
      const inner = findPage(p, depth + 1);
      if ('part' in inner) return inner;
    }
  }
  return fail(
    'no-page',
    `其中没有网页（text/html）部分（共 ${parts.length} 个部分）`,
    `the web archive holds no web page (no text/html part among its ${parts.length} parts)`,
  );
}

/** The parts between the delimiter lines `--boundary`; the preamble and epilogue are dropped. */
function splitParts(body: string, boundary: string): Part[] {
  const delimiter = `--${boundary}`;
  // Delimiter lines: at a line start, followed by `--` (the close delimiter) or only white space to the line end.
  const marks: { at: number; next: number; close: boolean }[] = [];
  for (let i = body.indexOf(delimiter); i >= 0; i = body.indexOf(delimiter, i + delimiter.length)) {
    if (i > 0 && body[i - 1] !== '\n') continue;
    let j = i + delimiter.length;
    const close = body.startsWith('--', j);
    if (close) j += 2;
    while (body[j] === ' ' || body[j] === '\t') j++;
    if (j < body.length && body[j] !== '\r' && body[j] !== '\n' && !close) continue;
    const eol = body.indexOf('\n', j);
    marks.push({ at: i, next: eol < 0 ? body.length : eol + 1, close });
    if (close) break;
  }
  const parts: Part[] = [];
  for (const [k, mark] of marks.entries()) {
    if (mark.close) break;
    const following = marks[k + 1];
    // The line break before a delimiter belongs to the delimiter.
    let end = following ? following.at : body.length;
    if (following && body[end - 1] === '\n') end -= body[end - 2] === '\r' ? 2 : 1;
    const raw = body.slice(mark.next, Math.max(mark.next, end));
    const head = headerBlock(raw, 0);
    parts.push(
      head
        ? { headers: head.headers, body: raw.slice(head.end), truncated: !following }
        : { headers: new Map(), body: raw, truncated: !following },
    );
  }
  return parts;
}

/**
 * A header block from `from`: `Name: value` lines, folded lines joined, up to
 * the empty line; names lower-cased, the first of a name kept. Undefined if the
 * text there is no header block.
 */
function headerBlock(text: string, from: number): { headers: Map<string, string>; end: number } | undefined {
  const headers = new Map<string, string>();
  let pos = from;
  let last: string | undefined;
  const limit = Math.min(text.length, from + MAX_HEADER_BYTES);
  while (pos < limit) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(pos, lineEnd).replace(/\r$/, '');
    const next = nl < 0 ? text.length : nl + 1;
    if (line === '') return { headers, end: next };
    if ((line[0] === ' ' || line[0] === '\t') && pos > from) {
      // A folded line: part of the header before it (of a repeated name: dropped with it).
      if (last !== undefined) headers.set(last, `${headers.get(last) ?? ''} ${line.trim()}`);
    } else {
      const m = /^([!-9;-~]+):[ \t]*(.*)$/.exec(line);
      if (!m) return undefined;
      const name = (m[1] ?? '').toLowerCase();
      last = headers.has(name) ? undefined : name;
      if (last) headers.set(last, (m[2] ?? '').trim());
    }
    pos = next;
  }
  // A part whose headers run to the end of the input (truncated before its body): still headers.
  return pos >= text.length && headers.size > 0 ? { headers, end: text.length } : undefined;
}

/** `type/subtype; name=value; name="quoted value"`: the type lower-cased, parameter names lower-cased. */
export function parseContentType(value: string): { type: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  const semi = value.indexOf(';');
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  const param = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"?|([^;\s]*))/g;
  for (let m = param.exec(value); m; m = param.exec(value)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!params.has(name)) params.set(name, m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? ''));
  }
  return { type, params };
}

const sameId = (contentId: string | undefined, start: string): boolean =>
  contentId !== undefined && contentId.trim().replace(/^<|>$/g, '') === start.trim().replace(/^<|>$/g, '');

// ---------------------------------------------------------------- decoding

function decodePart(part: Part): ArchivePage {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  let bytes: Buffer;
  if (encoding === 'quoted-printable') {
    const qp = decodeQuotedPrintable(part.body);
    if ('bad' in qp)
      return fail(
        'corrupt',
        `网页部分的 quoted-printable 编码已损坏（第 ${qp.bad + 1} 个字节处的“=”后不是两位十六进制数）`,
        `the quoted-printable encoding of the page part is damaged (the "=" at byte ${qp.bad + 1} is not followed by two hex digits)`,
      );
    bytes = qp.bytes;
  } else if (encoding === 'base64') {
    const decoded = decodeBase64(part.body);
    if (!decoded)
      return fail(
        'corrupt',
        '网页部分的 base64 编码已损坏',
        'the base64 encoding of the page part is damaged (characters outside base64, or cut short)',
      );
    bytes = decoded;
  } else if (encoding === '7bit' || encoding === '8bit' || encoding === 'binary') {
    bytes = Buffer.from(part.body, 'latin1');
  } else {
    return fail(
      'corrupt',
      `网页部分的传输编码“${encoding}”无法识别`,
      `the page part's transfer encoding "${encoding}" is not one a web archive uses (quoted-printable, base64, 7bit, 8bit, binary)`,
    );
  }
  let html: string;
  try {
    html = decodeCharset(bytes, parseContentType(part.headers.get('content-type') ?? '').params.get('charset'));
  } catch (e) {
    return fail(
      'corrupt',
      `网页部分无法解码：${String(e)}`,
      `the page part cannot be decoded: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  // Cut off with no boundary after it: only a page that still closes is whole enough to check.
  if (part.truncated && !/<\/html\s*>\s*$/i.test(html.slice(-1024)))
    return fail(
      'truncated',
      '文件不完整，网页部分在文件末尾被截断（其后没有分隔符）',
      'the web archive is truncated: its page part is cut off at the end of the file (no boundary after it)',
    );
  return { ok: true, html };
}

/** Quoted-printable: `=XX` a byte, `=` at a line end a soft line break; anything else after `=` is damage (its offset). */
export function decodeQuotedPrintable(body: string): { bytes: Buffer } | { bad: number } {
  const out = Buffer.allocUnsafe(body.length);
  let n = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c !== 0x3d) {
      out[n++] = c & 0xff;
      continue;
    }
    const hex = body.slice(i + 1, i + 3);
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out[n++] = parseInt(hex, 16);
      i += 2;
      continue;
    }
    // A soft line break, white space an encoder or mail system left before it allowed; `=` closing the part too.
    let j = i + 1;
    while (body[j] === ' ' || body[j] === '\t') j++;
    if (body[j] === '\r' && body[j + 1] === '\n') j++;
    if (body[j] === '\n' || j >= body.length) {
      i = j;
      continue;
    }
    return { bad: i };
  }
  return { bytes: out.subarray(0, n) };
}

/** Base64 with line breaks; undefined if anything else is in it or it is cut short (Buffer would skip such silently). */
export function decodeBase64(body: string): Buffer | undefined {
  const compact = body.replace(/[\r\n\t ]+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return undefined;
  if (compact.includes('=') && compact.length % 4 !== 0) return undefined;
  return Buffer.from(compact, 'base64');
}

const GB = /^(?:gb2312|gbk|gb18030|x-gbk|gb_2312(?:-80)?|chinese|csgb2312|csiso58gb231280|iso-ir-58|cp936|windows-936|ms936)$/;
const UTF8 = /^(?:utf-8|utf8|unicode-1-1-utf-8)$/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The part's bytes as text: in the charset the part declares, else as a page on its own (its <meta charset>, else detected). */
function decodeCharset(bytes: Buffer, declared: string | undefined): string {
  const label = declared?.trim().toLowerCase();
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (label && !bom) {
    if (GB.test(label)) {
      // As decodeHtml does for a page's meta: "GBK" over valid UTF-8 with non-ASCII was re-saved without the label being updated.
      if (!utf8WithNonAscii(bytes)) return iconv.decode(bytes, 'gb18030');
    } else if (UTF8.test(label)) {
      try {
        return strictUtf8.decode(bytes);
      } catch {
        // not UTF-8 after all: as a page on its own
      }
    } else if (label !== 'us-ascii' && iconv.encodingExists(label)) {
      return iconv.decode(bytes, label);
    }
  }
  return decodeHtml(bytes).text;
}

function utf8WithNonAscii(bytes: Uint8Array): boolean {
  if (!bytes.some((b) => b >= 0x80)) return false;
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- helpers

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/** Where the headers start: after a UTF-8 byte-order mark and blank lines. */
function startOf(bytes: Uint8Array): number {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && i < 1024 && (bytes[i] === 0x0d || bytes[i] === 0x0a || bytes[i] === 0x20 || bytes[i] === 0x09)) i++;
  return i;
}

function fail(code: string, zh: string, en: string): { ok: false; problem: ReadProblem } {
  return { ok: false, problem: { code, message: { zh: `网页存档（.mht）：${zh}`, en: `web archive (.mht): ${en}` } } };
}
