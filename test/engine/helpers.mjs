// Shared by the engine tests: the built engine, fixtures, and finding keys.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
/** The engine as bundled by `npm run build` (server/out/engine.js). */
export const engine = require('../../server/out/engine.js');

export const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Every real and made report fixture with its expected findings file. */
export function reportFixtures() {
  const out = [];
  for (const dir of ['corpus', 'made']) {
    for (const name of readdirSync(fixturesDir + dir).sort()) {
      if (name.endsWith('.json')) continue;
      const path = `${fixturesDir}${dir}/${name}`;
      const expectedPath = path.replace(/\.(txt|md)$/, '.expected.json');
      out.push({
        name: `${dir}/${name}`,
        path,
        text: readFileSync(path, 'utf8'),
        expected: JSON.parse(readFileSync(expectedPath, 'utf8')),
      });
    }
  }
  return out;
}

/** 1-based line of a number or of the first line containing a substring. */
export function lineOf(text, where) {
  if (typeof where === 'number') return where;
  const i = text.split(/\r?\n/).findIndex((l) => l.includes(where));
  if (i < 0) throw new Error(`no line contains “${where}”`);
  return i + 1;
}

export const key = (rule, line) => `${rule}@${line}`;

export function sortedKeys(findings) {
  return findings.map((f) => key(f.rule, f.range.start.line + 1)).sort();
}

/** Text of a range in a document (ranges are UTF-16, as JavaScript strings). */
export function textOf(analysis, range) {
  return analysis.text.slice(analysis.index.offsetAt(range.start), analysis.index.offsetAt(range.end));
}
