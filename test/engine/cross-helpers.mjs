// Shared by the cross-report tests: the folders of test/fixtures/cross/ (made
// by scripts/cross-fixtures.mjs), each analysed, digested and cross-checked.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { engine, fixturesDir } from './helpers.mjs';

export const crossDir = join(fixturesDir, 'cross');

function walk(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}

/** One case folder: every file with its text, analysis, digest and cross findings (against the folder). */
export function crossCase(name, aliases) {
  const files = walk(join(crossDir, name)).map((path) => {
    const text = readFileSync(path, 'utf8');
    const analysis = engine.analyse(text);
    return {
      path,
      name: path.slice(crossDir.length + name.length + 2),
      text,
      analysis,
      digest: engine.digestOf(analysis, path, { aliases }),
    };
  });
  const digests = files.map((f) => f.digest).filter(Boolean);
  for (const f of files) f.cross = f.digest ? engine.crossCheck(f.digest, digests) : [];
  return files;
}

export const CROSS_CASES = readdirSync(crossDir)
  .filter((n) => statSync(join(crossDir, n)).isDirectory())
  .sort();

/** Every cross finding of every case. */
export function crossFixtureFindings() {
  return CROSS_CASES.flatMap((c) => crossCase(c).flatMap((f) => f.cross));
}
