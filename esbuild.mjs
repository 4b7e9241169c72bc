// Bundles the CLI, the language server and the VS Code client. Each output is
// one self-contained CommonJS file so the .vsix ships without node_modules.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

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
  { entryPoints: ['server/src/engine/read/docx.ts'], outfile: 'server/out/readers/docx.js' },
  { entryPoints: ['server/src/engine/read/pdf.ts'], outfile: 'server/out/readers/pdf.js' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
].filter((b) => b.entryPoints.every((p) => existsSync(p)));

if (watch) {
  for (const b of builds) (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
}
