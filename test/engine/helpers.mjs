// @ts-check
// Shared by the engine tests: the built engine, fixtures, and finding keys.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
/** @import { Analysis, Finding, Range, Severity } from '../../server/src/engine/index.ts' */

/** The engine as bundled by `npm run build` (server/out/engine.js), typed by its source. */
export { engine } from '../lib/bundles.mjs';

export const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));

/**
 * One line of a fixture's `<name>.expected.json`.
 * @typedef {{ rule: string, severity: Severity, line: number, column: number }} ExpectedFinding
 */

/**
 * Every real and made report fixture with its expected findings file.
 * @returns {{ name: string, path: string, text: string, expected: ExpectedFinding[] }[]}
 */
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

/**
 * 1-based line of a number or of the first line containing a substring.
 * @param {string} text
 * @param {string | number} where
 */
export function lineOf(text, where) {
  if (typeof where === 'number') return where;
  const i = text.split(/\r?\n/).findIndex((l) => l.includes(where));
  if (i < 0) throw new Error(`no line contains “${where}”`);
  return i + 1;
}

/** @param {string} rule @param {number} line */
export const key = (rule, line) => `${rule}@${line}`;

/** `rule@line` of each finding (1-based lines), sorted. @param {readonly Pick<Finding, 'rule' | 'range'>[]} findings */
export function sortedKeys(findings) {
  return findings.map((f) => key(f.rule, f.range.start.line + 1)).sort();
}

/**
 * Text of a range in a document (ranges are UTF-16, as JavaScript strings).
 * @param {Analysis} analysis
 * @param {Range} range
 */
export function textOf(analysis, range) {
  return analysis.text.slice(analysis.index.offsetAt(range.start), analysis.index.offsetAt(range.end));
}

/**
 * The ids of an analysis's errors, sorted: what two readings of one report must share.
 * @param {Analysis} analysis
 * @returns {string[]}
 */
export function errorIds(analysis) {
  return analysis.findings
    .filter((f) => f.severity === 'error')
    .map((f) => f.id)
    .sort();
}
