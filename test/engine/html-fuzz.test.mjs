// @ts-check
// The HTML reader under fuzzing: mutated real and made pages (bytes flipped,
// tags cut or unclosed, truncation, deep nesting, huge attributes, stray
// entities) never make it throw or hang, and its map stays a map: every
// reading offset lands inside the page, and every character it copied is the
// page's own character at that place. (In order only mostly: the parser moves
// content misplaced inside a table before the table — HTML's foster
// parenting — so the reading text follows the page as a browser shows it.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { engine } from './helpers.mjs';
import { readers } from '../lib/bundles.mjs';
import { ROOT } from '../../scripts/forms-lib.mjs';
import { htmlForms } from '../../scripts/html-forms.mjs';

const html = readers.html;

const REAL = readFileSync(join(ROOT, 'test/fixtures/html/shuyang-fagaiju-2023.html'), 'utf8');
const MADE = htmlForms(engine)
  .filter((f) => f.report === 'hongze-2023' && f.form !== 'html-word')
  .map((f) => f.bytes.toString('utf8'));
const PAGES = [REAL, ...MADE];

const mutation = fc.oneof(
  fc.record({ op: fc.constant('cut'), at: fc.nat(), length: fc.nat({ max: 400 }) }),
  fc.record({
    op: fc.constant('insert'),
    at: fc.nat(),
    what: fc.constantFrom(
      '<td>',
      '</tr>',
      '<table>',
      '</table>',
      '<p>',
      '&nbsp;',
      '&#x4e00;',
      '&amp',
      '<br>',
      '<!--',
      '-->',
      '<script>',
      '</td></td>',
      '<o:p></o:p>',
      '\t',
      '\n',
      '\u00a0',
      '<tr><td colspan=99999>9</td></tr>',
      '<td rowspan=0>',
      '"',
      "'",
    ),
  }),
  fc.record({ op: fc.constant('truncate'), at: fc.nat() }),
  fc.record({ op: fc.constant('flip'), at: fc.nat(), to: fc.integer({ min: 0, max: 0xffff }) }),
  fc.record({ op: fc.constant('nest'), at: fc.nat(), depth: fc.constantFrom(100, 2000, 20000) }),
);

/** @typedef {typeof mutation extends import('fast-check').Arbitrary<infer T> ? T : never} Mutation */

/** @param {string} page @param {Mutation[]} ops */
function mutate(page, ops) {
  let s = page;
  for (const m of ops) {
    const at = s.length === 0 ? 0 : m.at % (s.length + 1);
    if (m.op === 'cut') s = s.slice(0, at) + s.slice(at + m.length);
    else if (m.op === 'insert') s = s.slice(0, at) + m.what + s.slice(at);
    else if (m.op === 'truncate') s = s.slice(0, at);
    else if (m.op === 'flip') s = s.slice(0, at) + String.fromCharCode(m.to) + s.slice(at + 1);
    else s = s.slice(0, at) + '<div>'.repeat(m.depth) + '一、总体情况' + '</div>'.repeat(m.depth) + s.slice(at);
  }
  return s;
}

/** The map's properties on one page; throws on a violation. */
/** @param {string} source */
function checkReading(source) {
  const t0 = performance.now();
  const r = html.readHtml(source);
  for (let i = 0; i <= r.text.length; i++) {
    const s = r.toSource(i);
    assert.ok(s >= 0 && s <= source.length, `offset ${i} maps outside the page (${s})`);
    const c = r.text.charCodeAt(i);
    if (c !== 9 && c !== 10 && i < r.text.length) {
      // A character copied from the page is the page's character there (entities and collapsed spaces are not copies).
      if (source[s] !== '&' && !/\s/.test(r.text[i]) && source.charCodeAt(s) !== 0) {
        if (r.toSourceEnd(i + 1) === s + 1)
          assert.equal(source[s], r.text[i], `offset ${i}: page has ${JSON.stringify(source[s])}, reading ${JSON.stringify(r.text[i])}`);
      }
    }
  }
  const a = engine.analyse(r.text);
  assert.deepEqual(
    a.ruleErrors.map((e) => e.rule),
    [],
  );
  const ms = performance.now() - t0;
  assert.ok(ms < 5000, `read and analysed in ${ms.toFixed(0)} ms`);
}

test('mutated pages: no throw, no hang, the map stays a map', () => {
  fc.assert(
    fc.property(fc.nat({ max: PAGES.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (p, ops) => {
      checkReading(mutate(PAGES[p], ops));
    }),
    { numRuns: 120, seed: 20261201 },
  );
});

test('a page nested 100,000 elements deep is read, not a stack overflow', () => {
  const deep = `<html><body>${'<div>'.repeat(100000)}一、总体情况${'</div>'.repeat(100000)}</body></html>`;
  const r = html.readHtml(deep);
  assert.match(r.text, /一、总体情况/);
});
