// A guard in front of the JSON-RPC reader when the server runs over stdio.
//
// vscode-jsonrpc's stream reader never recovers from a bad header: a header
// block without a usable Content-Length (missing, not a number, negative)
// leaves the message body behind in its buffer, the body is then read as the
// next header, and so on for every later message — the server goes deaf.
// This transform passes well-framed messages through unchanged (bodies are
// not copied) and drops a malformed header block, resynchronising on the
// next `Content-Length:`. What it drops is reported through `onDiscard`.
//
// Bodies are not parsed here: a body that is not JSON, or JSON that is not a
// JSON-RPC message, keeps the framing intact and is reported by the library.

import { Transform, type TransformCallback } from 'node:stream';

/** Larger than any header a client sends; more bytes without a blank line is not a header. */
const MAX_HEADER_BYTES = 8 * 1024;
/** A 10 MB document is 30 MB of UTF-8 at most, escaped JSON a little more; beyond this a length is garbage. */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');
const MARKER = 'content-length:';
const EMPTY = Buffer.alloc(0);

export class FramingGuard extends Transform {
  /** Bytes of a header block not yet complete. */
  private pending: Buffer = EMPTY;
  /** Bytes of the current message body still to pass through. */
  private bodyLeft = 0;

  constructor(private readonly onDiscard: (bytes: number, reason: string) => void = () => {}) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let data = chunk;
    while (data.length > 0) {
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, data.length);
        this.push(n === data.length ? data : data.subarray(0, n));
        this.bodyLeft -= n;
        data = data.subarray(n);
        continue;
      }
      this.pending = this.pending.length > 0 ? Buffer.concat([this.pending, data]) : data;
      data = this.takeHeader();
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.pending.length > 0) this.onDiscard(this.pending.length, 'incomplete header at end of input');
    this.pending = EMPTY;
    done();
  }

  /**
   * Reads one header block from `pending`. On success pushes a clean header,
   * sets bodyLeft and returns the bytes after the block; returns EMPTY when
   * more input is needed (keeping `pending`).
   */
  private takeHeader(): Buffer {
    for (;;) {
      const end = this.pending.indexOf(HEADER_END);
      if (end === -1) {
        if (this.pending.length <= MAX_HEADER_BYTES) return EMPTY;
        this.resync('no end of header');
        continue;
      }
      const problem = end > MAX_HEADER_BYTES ? 'header too long' : undefined;
      const parsed = problem ? problem : parseHeader(this.pending.subarray(0, end).toString('latin1'));
      if (typeof parsed === 'string') {
        this.resync(parsed);
        continue;
      }
      const rest = this.pending.subarray(end + HEADER_END.length);
      this.pending = EMPTY;
      // Only the length is passed on: the library rejects other charsets, and utf-8 is the only one LSP knows.
      this.push(Buffer.from(`Content-Length: ${parsed}\r\n\r\n`, 'latin1'));
      this.bodyLeft = parsed;
      return rest;
    }
  }

  /** Drops bytes up to the next `Content-Length:` after the start of `pending` (keeping a possible partial marker). */
  private resync(reason: string): void {
    const text = this.pending.toString('latin1').toLowerCase();
    const next = text.indexOf(MARKER, 1);
    const drop = next !== -1 ? next : Math.max(1, this.pending.length - (MARKER.length - 1));
    this.onDiscard(drop, reason);
    this.pending = this.pending.subarray(drop);
  }
}

/** The body length of a header block (CRLF-separated `key: value` lines), or why it is unusable. */
function parseHeader(block: string): number | string {
  let length: number | undefined;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return 'header line without a name and colon';
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,10}$/.test(value)) return `Content-Length is not a length: ${JSON.stringify(value.slice(0, 40))}`;
    length = Number(value);
    if (length > MAX_MESSAGE_BYTES) return `Content-Length ${length} is too large`;
  }
  return length === undefined ? 'header without Content-Length' : length;
}
