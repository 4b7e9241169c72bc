// The long fuzz campaign: `npm run fuzz -- --runs 100000 [--seed N] [--minutes M]`.
// Mutated corpus reports must never throw, hang, give a bad range, or offer a
// fix that fails to remove its finding or adds an error; fix-all converges.
// Prints progress and a summary (documents tried, failures, fixes checked).
import fc from 'fast-check';
import { checkDocument, documentArb, mutate, BASES } from '../test/fuzz/properties.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('runs', 10000);
const seed = arg('seed', Date.now() % 2147483647);
const minutes = arg('minutes', Infinity);
const deadline = Date.now() + minutes * 60000;

console.log(`fuzz: up to ${runs} documents, seed ${seed}${Number.isFinite(minutes) ? `, at most ${minutes} min` : ''}`);
const started = Date.now();
let tried = 0;
let fixes = 0;
let slowest = 0;
let chars = 0;
const result = fc.check(
  fc.property(documentArb, ({ base, ops }) => {
    if (Date.now() > deadline) return true; // out of time: stop checking, count nothing
    const text = mutate(BASES[base], ops);
    const t0 = performance.now();
    fixes += checkDocument(text);
    slowest = Math.max(slowest, performance.now() - t0);
    chars += text.length;
    tried++;
    if (tried % 1000 === 0) console.log(`  ${tried} documents, ${fixes} fixes checked, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return true;
  }),
  { seed, numRuns: runs, endOnFailure: true },
);
const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(
  `documents tried: ${tried}; fixes applied and re-checked: ${fixes}; characters: ${chars}; slowest document (analysis + all fixes): ${slowest.toFixed(0)} ms; ${seconds} s`,
);
if (result.failed) {
  console.log(`FAILED: ${result.errorInstance?.message ?? result.error}`);
  console.log(`counterexample: ${JSON.stringify(result.counterexample)}`);
  console.log(`reproduce: npm run fuzz -- --runs ${runs} --seed ${seed}`);
  process.exitCode = 1;
} else console.log('crashes 0, hangs 0, failed properties 0');
