// @ts-check
// Shared by the engine tests: the built engine, fixtures, and finding keys.
import assert from 'node:assert/strict';
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

/** The ids of the sections found, in order. @param {Analysis} a */
export const sectionIds = (a) => a.model.sections.map((s) => s.id);

/** The rules of an analysis's errors, each once, sorted. @param {Analysis} a */
export const errorRules = (a) => [...new Set(a.findings.filter((f) => f.severity === 'error').map((f) => f.rule))].sort();

/**
 * Values of a table by row key: numbers, 'absent' for a cell not there, else the value's kind ('blank', 'text'…).
 * @param {Analysis} a
 * @param {string} id
 */
export function tableValues(a, id) {
  const table = a.model.tables.find((t) => t.id === id);
  /** @type {Record<string, (number | string)[]>} */
  const out = {};
  for (const r of table?.rows ?? [])
    out[r.key] = r.cells.map((c) => (!c.present ? 'absent' : c.value.kind === 'number' ? c.value.value : c.value.kind));
  return out;
}

/** Rules that would be false against a table the text does not hold. */
const AGAINST_TABLES = ['missing-table', 'missing-row', 'blank-cell', 'sum-mismatch', 'balance-mismatch', 'missing-section'];

/**
 * A report whose three tabled sections are pictures: nothing against a table, and one unreadable-table per section
 * saying (in both languages) that the table is a picture.
 * @param {Analysis} analysis
 * @param {string} what
 */
export function assertTablePictures(analysis, what) {
  const against = analysis.findings.filter((f) => AGAINST_TABLES.includes(f.rule));
  assert.deepEqual(
    against.map((f) => `${f.rule}: ${f.message.zh}`),
    [],
    `${what}: nothing against a table that is a picture`,
  );
  const unreadable = analysis.findings.filter((f) => f.rule === 'unreadable-table');
  assert.deepEqual(
    unreadable.map((f) => /表格是图片/.test(f.message.zh) && /is a picture/.test(f.message.en)),
    [true, true, true],
    `${what}: ${unreadable.map((f) => f.message.zh).join(' | ')}`,
  );
}
