// @ts-check
// The stdio framing guard on its own (bundled from source with esbuild):
// well-framed messages pass through whatever the chunking, malformed header
// blocks are dropped and the stream resynchronises on the next message.
// robustness.test.mjs drives the same cases through a running server.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';
import { ROOT } from './harness.mjs';

/** @returns {Promise<typeof import('../../server/src/lsp/framing.ts')>} */
async function loadGuard() {
  const out = await build({
    entryPoints: [join(ROOT, 'server', 'src', 'lsp', 'framing.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

const frame = (/** @type {string} */ body, header = 'Content-Length') => {
  const bytes = Buffer.from(body, 'utf8');
  return Buffer.concat([Buffer.from(`${header}: ${bytes.length}\r\n\r\n`), bytes]);
};

/** Feeds `input` in chunks of the given sizes (cycled) and returns the bodies that come out, parsed strictly, and the discards. */
/**
 * @param {typeof import('../../server/src/lsp/framing.ts').FramingGuard} FramingGuard
 * @param {Buffer} input
 * @param {number[]} sizes
 */
async function through(FramingGuard, input, sizes) {
  /** @type {{ bytes: number, reason: string }[]} */
  const discards = [];
  const guard = new FramingGuard((bytes, reason) => discards.push({ bytes, reason }));
  /** @type {Buffer[]} */
  const out = [];
  guard.on('data', (/** @type {Buffer} */ d) => out.push(d));
  const done = new Promise((resolve) => guard.on('end', resolve));
  for (let at = 0, i = 0; at < input.length; i++) {
    const n = sizes[i % sizes.length];
    guard.write(input.subarray(at, at + n));
    at += n;
  }
  guard.end();
  await done;
  const bytes = Buffer.concat(out);
  const bodies = [];
  for (let at = 0; at < bytes.length;) {
    const end = bytes.indexOf('\r\n\r\n', at);
    const m = /^Content-Length: (\d+)$/.exec(bytes.subarray(at, end).toString('latin1'));
    assert.ok(m, `clean header at ${at}: ${JSON.stringify(bytes.subarray(at, end).toString('latin1'))}`);
    const length = Number(m[1]);
    bodies.push(bytes.subarray(end + 4, end + 4 + length).toString('utf8'));
    at = end + 4 + length;
  }
  return { bodies, discards };
}

const CHUNKINGS = [[1], [2], [3], [7], [64], [1 << 16], [5, 1, 13, 2, 200, 1, 1, 40]];

test('valid messages pass through unchanged in body, whatever the chunking', async () => {
  const { FramingGuard } = await loadGuard();
  const bodies = [
    '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}',
    JSON.stringify({
      jsonrpc: '2.0',
      method: 'textDocument/didOpen',
      params: { text: '政府信息公开工作年度报告\r\n\r\nContent-Length: 5\r\n\r\n𠀀'.repeat(50) },
    }),
    '{}',
    '',
  ];
  const input = Buffer.concat([
    frame(bodies[0]),
    frame(bodies[1], 'content-length'),
    Buffer.concat([Buffer.from('Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n'), frame(bodies[2])]),
    frame(bodies[3]),
  ]);
  for (const sizes of CHUNKINGS) {
    const { bodies: out, discards } = await through(FramingGuard, input, sizes);
    assert.deepEqual(out, bodies, `chunks ${sizes}`);
    assert.deepEqual(discards, []);
  }
});

test('malformed header blocks are dropped and the next message is found, whatever the chunking', async () => {
  const { FramingGuard } = await loadGuard();
  const good = (/** @type {number} */ n) => `{"jsonrpc":"2.0","id":${n},"method":"textDocument/hover"}`;
  const input = Buffer.concat([
    frame(good(1)),
    Buffer.from('no colon here\r\n\r\n'),
    frame(good(2)),
    Buffer.from('Content-Type: x\r\n\r\n{"jsonrpc":"2.0","method":"lost"}'),
    frame(good(3)),
    Buffer.from('Content-Length: abc\r\n\r\n{}'),
    frame(good(4)),
    Buffer.from('Content-Length: -1\r\n\r\n'),
    frame(good(5)),
    Buffer.from('Content-Length: 999999999999\r\n\r\n'),
    frame(good(6)),
    Buffer.from('garbage glued to a header'),
    frame(good(7)),
    Buffer.from('x'.repeat(20_000)), // no header end for far too long
    frame(good(8)),
    Buffer.from('X-Noise\r\n'),
    frame(good(9)),
  ]);
  for (const sizes of CHUNKINGS) {
    const { bodies, discards } = await through(FramingGuard, input, sizes);
    assert.deepEqual(bodies, [1, 2, 3, 4, 5, 6, 7, 8, 9].map(good), `chunks ${sizes}`);
    assert.ok(discards.length >= 8, `chunks ${sizes}: ${discards.length} discards`);
    assert.ok(discards.every((d) => d.bytes > 0 && typeof d.reason === 'string'));
  }
});

test('a body shorter or longer than its Content-Length costs only what it overlaps', async () => {
  const { FramingGuard } = await loadGuard();
  const good = (/** @type {number} */ n) => `{"jsonrpc":"2.0","id":${n},"method":"x"}`;
  const short = Buffer.concat([Buffer.from('Content-Length: 3\r\n\r\n{"jsonrpc":"2.0","method":"y"}'), frame(good(1)), frame(good(2))]);
  assert.deepEqual((await through(FramingGuard, short, [64])).bodies, ['{"j', good(1), good(2)]);
  // 60 bytes swallow most of the next message; its last bytes are dropped and the one after is read.
  const long = Buffer.concat([Buffer.from('Content-Length: 60\r\n\r\n{}'), frame(good(1)), frame(good(2)), frame(good(3))]);
  const { bodies, discards } = await through(FramingGuard, long, [64]);
  assert.equal(bodies.length, 3);
  assert.ok(bodies[0].startsWith('{}Content-Length: '), bodies[0]);
  assert.deepEqual(bodies.slice(1), [good(2), good(3)]);
  assert.equal(discards.length, 1);
});
