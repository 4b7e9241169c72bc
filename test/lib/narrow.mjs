// @ts-check
// Narrowing for the typed tests: what a test takes for granted, asserted, so tsc knows it and a failure says what.
import assert from 'node:assert/strict';
/** @import { CellNode, SourceAnchor } from '../../server/src/engine/index.ts' */

/**
 * The value, asserted to be neither undefined nor null (a `find` that must find).
 * @template T
 * @param {T} value
 * @param {string} [what] what was looked for, for the failure message
 * @returns {NonNullable<T>}
 */
export function defined(value, what = 'a value') {
  assert.ok(value !== undefined && value !== null, `expected ${what}`);
  return value;
}

/**
 * The number a cell holds; undefined when it holds none (blank, text, unread), so comparing it with a number fails.
 * @param {Pick<CellNode, 'value'> | undefined} cell
 */
export const numberOf = (cell) => (cell?.value.kind === 'number' ? cell.value.value : undefined);

/**
 * The anchor, asserted to be of the reader's kind (`docx`, `pdf`, `offset`), with that kind's fields.
 * @template {SourceAnchor['kind']} K
 * @param {SourceAnchor} anchor
 * @param {K} kind
 * @returns {Extract<SourceAnchor, { kind: K }>}
 */
export function anchorOf(anchor, kind) {
  assert.equal(anchor.kind, kind, `a ${kind} anchor`);
  return /** @type {Extract<SourceAnchor, { kind: K }>} */ (anchor);
}
