// The floor for the CLI comparison: what any checker must at least do —
// start Node, walk the folders, read every report file and split it into
// lines. Prints the file and line counts.
//   node bench/floor.mjs <dir>…

import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

const EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.xxgk']);
let files = 0;
let lines = 0;

function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.isFile() && EXTENSIONS.has(extname(entry.name))) {
      lines += readFileSync(path, 'utf8').split(/\r\n|\r|\n/).length;
      files++;
    }
  }
}

for (const dir of process.argv.slice(2)) walk(dir);
process.stdout.write(`${files} files, ${lines} lines\n`);
