// Bundles the CLI, the language server and the VS Code client. Each output is
// one self-contained CommonJS file so the .vsix ships without node_modules.
import * as esbuild from 'esbuild';
import { cpSync, existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};

const builds = [
  { entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js' },
  // The pure engine as a library, for the test suites.
  { entryPoints: ['server/src/engine/index.ts'], outfile: 'server/out/engine.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' },
  // Readers of the binary forms, each its own file, loaded only when such a file is met
  // (the editor's bundle does not grow for people who only edit text).
  { entryPoints: ['server/src/engine/read/html-module.ts'], outfile: 'server/out/readers/html.js' },
  // Reading files from disk in any form with decoding (iconv-lite, chardet): for the server's workspace check.
  { entryPoints: ['server/src/io/readers.ts'], outfile: 'server/out/readers/files.js' },
  { entryPoints: ['server/src/engine/read/docx.ts'], outfile: 'server/out/readers/docx.js' },
  {
    entryPoints: ['server/src/engine/read/pdf.ts', 'server/src/io/pdf-host.ts'],
    outdir: 'server/out/readers',
    entryNames: '[name]',
    minify: true,
    define: { 'import.meta.url': 'undefined' },
  }, // pdf.js + its worker in one file; import.meta only finds the optional canvas package
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
].filter((b) => b.entryPoints.every((p) => existsSync(p)));

// pdf.js's packed CMaps, which server/src/io/pdf-host.ts reads beside the bundles: without them a PDF whose
// CJK font is not embedded has no text. All of them (1.2 MB): a Chinese report may still use a Japan1/Korea1 font.
cpSync('node_modules/pdfjs-dist/cmaps', 'server/out/cmaps', { recursive: true, filter: (src) => !/\.(map|md)$/.test(src) });

if (watch) {
  for (const b of builds) (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
}
