// @ts-check
// The README's first command builds the .vsix (`npm run package`): it must
// succeed, and the package must hold what runs — the server, the client, the
// readers loaded on demand and the PDF cMaps — and no sources or tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('vsce packages the extension with its readers and cMaps, without sources', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'xxgk-vsix-')), 'x.vsix');
  const script = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.package.replace(/^npm run build && /, '');
  // The same vsce invocation as `npm run package`, after the build the suite already ran.
  const r = spawnSync('npx', [...script.split(' '), '--out', out], { cwd: root, encoding: 'utf8', shell: false });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  const names = Object.keys(unzipSync(readFileSync(out))).map((n) => n.replace(/^extension\//, ''));
  for (const f of [
    'server/out/server.js',
    'client/out/extension.js',
    'server/out/readers/pdf.js',
    'server/out/readers/docx.js',
    'server/out/readers/html.js',
    'server/out/readers/files.js',
    'package.json',
    'readme.md',
  ]) {
    assert.ok(names.includes(f), `${f} in the package`);
  }
  assert.ok(
    names.some((n) => /^server\/out\/cmaps\/UniGB-UCS2-H\.bcmap$/.test(n)),
    'the Chinese cMaps in the package',
  );
  assert.ok(
    !names.some((n) => /\.ts$|^test\/|\.map$/.test(n)),
    `no sources, tests or source maps: ${names.filter((n) => /\.ts$|^test\/|\.map$/.test(n)).slice(0, 5)}`,
  );
});
