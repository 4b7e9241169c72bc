// @ts-check
// A short, seeded property run over mutated corpus reports (the long
// campaign is `npm run fuzz -- --runs 100000`). Prints its seed.
import { test } from 'node:test';
import fc from 'fast-check';
import { checkDocument, documentArb, mutate, BASES } from '../fuzz/properties.mjs';

const seed = Number(process.env.FUZZ_SEED ?? 20261123);
const runs = Number(process.env.FUZZ_RUNS ?? 300);

test(`fuzz: ${runs} mutated reports, seed ${seed}`, () => {
  console.log(`fuzz seed ${seed}, runs ${runs} (reproduce: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} node --test test/engine/fuzz.test.mjs)`);
  fc.assert(
    fc.property(documentArb, ({ base, ops }) => {
      checkDocument(mutate(BASES[base], ops));
    }),
    { seed, numRuns: runs },
  );
});
