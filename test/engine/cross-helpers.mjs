// @ts-check
// Shared by the cross-report tests: the folders of test/fixtures/cross/ (made
// by scripts/cross-fixtures.mjs), each analysed, digested and cross-checked.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { engine, fixturesDir } from './helpers.mjs';
/** @import { Analysis, Digest, Finding } from '../../server/src/engine/index.ts' */

export const crossDir = join(fixturesDir, 'cross');

/**
 * Every file under a folder, in name order.
 * @param {string} dir
 * @returns {string[]}
 */
function walk(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}

/**
 * One file of a case folder.
 * @typedef {object} CrossFile
 * @property {string} path
 * @property {string} name its path inside the case folder
 * @property {string} text
 * @property {Analysis} analysis
 * @property {Digest | undefined} digest undefined when the text is not a report
 * @property {Finding[]} cross its cross findings against the folder
 */

/**
 * One case folder: every file with its text, analysis, digest and cross findings (against the folder).
 * @param {string} name
 * @param {Readonly<Record<string, string>>} [aliases]
 * @returns {CrossFile[]}
 */
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
  const digests = files.map((f) => f.digest).filter((d) => d !== undefined);
  return files.map((f) => ({ ...f, cross: f.digest ? engine.crossCheck(f.digest, digests) : [] }));
}

export const CROSS_CASES = readdirSync(crossDir)
  .filter((n) => statSync(join(crossDir, n)).isDirectory())
  .sort();

/** Every cross finding of every case. */
export function crossFixtureFindings() {
  return CROSS_CASES.flatMap((c) => crossCase(c).flatMap((f) => f.cross));
}
