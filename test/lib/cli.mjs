// @ts-check
// What the CLI writes, typed by its source, for the CLI tests.

/**
 * One file's element of `xxgk check --format json` (server/src/cli.ts jsonOf).
 * @typedef {Omit<import('../../server/src/report/types.ts').FileResult, 'report' | 'details'>} JsonResult
 */

/**
 * The results of `xxgk check --format json`, parsed.
 * @param {string} stdout
 * @returns {JsonResult[]}
 */
export const jsonResults = (stdout) => JSON.parse(stdout);

/**
 * One file's element of `xxgk extract --format json`. A copy of server/src/cli.ts `Extracted`, which that file does
 * not export: replace it with `import('../../server/src/cli.ts').Extracted` once it is exported.
 * @typedef {object} ExtractedJson
 * @property {string} file
 * @property {import('../../server/src/engine/index.ts').FormatVersion} format
 * @property {string | null} title
 * @property {number | null} year
 * @property {{ id: number, heading: string, line: number }[]} sections
 * @property {{ section: number, line: number, reason: string }[]} unreadable
 * @property {{ table: string, row: string, run: string, line: number, col: number }[]} unsplit
 * @property {{ table: string, row: string | null, line: number }[]} repeated
 * @property {Record<string, Record<string, Record<string, number | null | string>>>} tables
 * @property {{ table: string, row: string, column: string, value: number | null | string, line: number, col: number }[]} segmented
 */

/**
 * The results of `xxgk extract --format json`, parsed (a file that could not be read has only `error` or `skipped`).
 * @param {string} stdout
 * @returns {(ExtractedJson | { file: string, error: string } | { file: string, skipped: string })[]}
 */
export const extractResults = (stdout) => JSON.parse(stdout);

/**
 * An extract result asserted to be a reading (not an error or a skip).
 * @param {ReturnType<typeof extractResults>[number] | undefined} result
 * @returns {ExtractedJson}
 */
export function extracted(result) {
  if (!result || !('tables' in result)) throw new Error(`not an extraction: ${JSON.stringify(result)}`);
  return result;
}
