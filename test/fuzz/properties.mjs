// @ts-check
// Property-based robustness of the engine (fast-check): mutated real reports
// never throw, hang, or yield a bad range, and every fix converges.
// Shared by the short seeded run in `npm test` and `npm run fuzz`.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { engine } from '../lib/bundles.mjs';

export { engine };
/** @import { Finding, Position, Range, TextIndex } from '../../server/src/engine/index.ts' */

const dir = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const BASES = ['corpus', 'made'].flatMap((d) =>
  readdirSync(dir + d)
    .filter((n) => !n.endsWith('.json'))
    .map((n) => readFileSync(`${dir}${d}/${n}`, 'utf8')),
);

const NASTY = [
  '\u0000',
  '\ufeff',
  '\u200f',
  '\u202e',
  '\u0301',
  '\u0308',
  '😀',
  '𠀀',
  '\ud800',
  '\udc00',
  '\r',
  '\t',
  '|',
  '（',
  '）',
  '、',
  '\u3000',
  '\u00a0',
  '\u2028',
];
const NUMBERS = ['12345678901234567890', '-3', '2.5', '1e5', '1,234', '十五', '五', '０', '１２', '-0', '.5', '1.', '∞', 'NaN', '0x10', ''];

const unicodeText = fc
  .array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 6 })
  .map((a) => a.join(''));

/** One mutation of a document given as an array of lines. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('delete'), at: fc.nat(), n: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ op: fc.constant('duplicate'), at: fc.nat(), n: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ op: fc.constant('swap'), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('split'), at: fc.nat(), col: fc.nat() }),
  fc.record({ op: fc.constant('insert'), at: fc.nat(), col: fc.nat(), text: unicodeText }),
  fc.record({ op: fc.constant('number'), at: fc.nat(), which: fc.nat(), text: fc.constantFrom(...NUMBERS) }),
  fc.record({ op: fc.constant('truncate'), at: fc.nat(), col: fc.nat() }),
  fc.record({ op: fc.constant('longline'), at: fc.nat(), size: fc.constantFrom(1000, 20000, 200000) }),
  fc.record({ op: fc.constant('crlf') }),
);

/** @param {number} n @param {number} length */
function pick(n, length) {
  return length === 0 ? 0 : n % length;
}

/** @typedef {typeof mutation extends import('fast-check').Arbitrary<infer T> ? T : never} Mutation */

/** @param {string} text @param {Mutation[]} ops */
export function mutate(text, ops) {
  let lines = text.split('\n');
  for (const m of ops) {
    const i = pick('at' in m ? m.at : 0, lines.length);
    switch (m.op) {
      case 'delete':
        lines.splice(i, m.n);
        break;
      case 'duplicate':
        lines.splice(i, 0, ...lines.slice(i, i + m.n));
        break;
      case 'swap': {
        const j = pick(m.to, lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
        break;
      }
      case 'split': {
        const l = lines[i] ?? '';
        const c = pick(m.col, l.length + 1);
        lines.splice(i, 1, l.slice(0, c), l.slice(c));
        break;
      }
      case 'insert': {
        const l = lines[i] ?? '';
        const c = pick(m.col, l.length + 1);
        lines[i] = l.slice(0, c) + m.text + l.slice(c);
        break;
      }
      case 'number': {
        // Replace one number of the line (a table cell, usually) with an odd one.
        const l = lines[i] ?? '';
        const spans = [...l.matchAll(/[0-9]+/g)];
        if (spans.length === 0) break;
        const s = spans[pick(m.which, spans.length)];
        lines[i] = l.slice(0, s.index) + m.text + l.slice(s.index + s[0].length);
        break;
      }
      case 'truncate': {
        const l = lines[i] ?? '';
        lines = lines.slice(0, i);
        lines.push(l.slice(0, pick(m.col, l.length + 1)));
        break;
      }
      case 'longline':
        lines.splice(i, 0, '报告'.repeat(m.size / 2));
        break;
      case 'crlf':
        lines = lines.map((l) => l + '\r');
        break;
    }
  }
  return lines.join('\n');
}

export const documentArb = fc
  .record({ base: fc.nat(), ops: fc.array(mutation, { minLength: 1, maxLength: 6 }) })
  .map(({ base, ops }) => ({ base: base % BASES.length, ops }));

/** @param {Position} pos @param {TextIndex} index */
const within = (pos, index) =>
  pos.line >= 0 &&
  pos.line < index.lineCount &&
  pos.character >= 0 &&
  pos.character <= (index.lineEnds[pos.line] ?? 0) - (index.lineStarts[pos.line] ?? 0);
const ordered = (/** @type {Range} */ r) =>
  r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);

/** @param {Range} range @param {TextIndex} index @param {string} what */
function checkRange(range, index, what) {
  if (!within(range.start, index) || !within(range.end, index) || !ordered(range))
    throw new Error(`bad range for ${what}: ${JSON.stringify(range)}`);
}

const errorsByRule = (/** @type {Finding[]} */ findings) => {
  /** @type {Map<string, number>} */
  const m = new Map();
  for (const f of findings) if (f.severity === 'error') m.set(f.rule, (m.get(f.rule) ?? 0) + 1);
  return m;
};

export const HANG_MS = 5000;

/** The property: returns the number of fixes checked; throws on any violation. */
/** @param {string} text */
export function checkDocument(text) {
  const started = performance.now();
  const a = engine.analyse(text, { verifyFixes: true }); // the fixes an editor shows are verified ones
  const elapsed = performance.now() - started;
  if (elapsed > HANG_MS) throw new Error(`analysis took ${elapsed.toFixed(0)} ms (hang bound ${HANG_MS} ms) on ${text.length} chars`);
  if (a.ruleErrors.length)
    throw new Error(
      `rule threw: ${a.ruleErrors.map((e) => `${e.rule}: ${e.error instanceof Error ? e.error.stack : e.error}`).join('; ')}`,
    );
  const m = a.model;
  for (const s of m.sections) {
    checkRange(s.range, a.index, 'section');
    checkRange(s.heading.range, a.index, 'heading');
  }
  for (const t of m.tables) {
    checkRange(t.range, a.index, 'table');
    for (const r of t.rows) {
      checkRange(r.range, a.index, 'row');
      for (const c of r.cells) checkRange(c.range, a.index, 'cell');
    }
  }
  const before = errorsByRule(a.findings);
  let fixes = 0;
  for (const f of a.findings) {
    checkRange(f.range, a.index, `finding ${f.rule}`);
    for (const r of f.related) checkRange(r.range, a.index, `related of ${f.rule}`);
    for (const fix of f.fixes) {
      for (const e of fix.edits) checkRange(e.range, a.index, `edit of ${f.rule}`);
      const after = engine.analyse(engine.applyEdits(text, fix.edits, a.index));
      const same = (/** @type {Finding} */ x) => x.rule === f.rule && x.message.zh === f.message.zh;
      if (after.findings.filter(same).length >= a.findings.filter(same).length)
        throw new Error(`fix “${fix.title.zh}” did not remove ${f.rule}: ${f.message.zh}`);
      for (const [rule, n] of errorsByRule(after.findings))
        if (n > (before.get(rule) ?? 0)) throw new Error(`fix “${fix.title.zh}” for ${f.rule} added a ${rule} error`);
      fixes++;
    }
  }
  const once = engine.applySafeFixes(text);
  const twice = engine.applySafeFixes(once.text);
  if (twice.applied !== 0 || twice.text !== once.text) throw new Error('fix-all applied twice changed the text the second time');
  return fixes;
}
