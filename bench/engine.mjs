// Sections 1 and 2: the engine in-process, beside markdownlint in the same
// process on the same text; and the engine on one report grown from seed
// size to 5 MB.

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { growReport, loadFixtures, SEED, utf8Bytes } from './lib/fixtures.mjs';
import { msSince, percentile, median, ROOT } from './lib/util.mjs';

const require = createRequire(import.meta.url);

export function loadEngine() {
  return require(join(ROOT, 'server', 'out', 'engine.js'));
}

async function loadMarkdownlint() {
  // markdownlint 0.40 is ESM-only; the sync API with no config runs every default rule.
  const { lint } = await import('markdownlint/sync');
  return (text) => lint({ strings: { doc: text } }).doc;
}

/** Times `fn` once per call; returns the samples in ms. */
function timeCalls(fn, calls, samples) {
  for (let i = 0; i < calls; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(msSince(t0));
  }
}

/**
 * Per document: warm both up, then alternate ~50 ms slices of each until
 * each has had its time budget (and at least `minCalls` calls), so drift in
 * machine load falls on both alike.
 */
function measurePair(a, b, { warmup, budgetMs, minCalls, maxCalls }) {
  for (let i = 0; i < warmup; i++) a();
  for (let i = 0; i < Math.max(5, warmup >> 2); i++) b();
  const sa = [];
  const sb = [];
  let ta = 0;
  let tb = 0;
  const slice = (fn, samples, spent) => {
    const t0 = process.hrtime.bigint();
    let n = 0;
    while (msSince(t0) < 50 && samples.length < maxCalls) {
      timeCalls(fn, 1, samples);
      n++;
    }
    return spent + msSince(t0);
  };
  while ((ta < budgetMs || sa.length < minCalls) && sa.length < maxCalls) {
    ta = slice(a, sa, ta);
    if ((tb < budgetMs || sb.length < minCalls) && sb.length < maxCalls) tb = slice(b, sb, tb);
  }
  while ((tb < budgetMs || sb.length < minCalls) && sb.length < maxCalls) tb = slice(b, sb, tb);
  return [sa, sb];
}

export async function benchEngine({ quick, log }) {
  const { analyse } = loadEngine();
  const lint = await loadMarkdownlint();
  const opts = quick ? { warmup: 50, budgetMs: 400, minCalls: 30, maxCalls: 5000 } : { warmup: 200, budgetMs: 1500, minCalls: 100, maxCalls: 20000 };
  const rows = [];
  for (const f of loadFixtures()) {
    log(`engine: ${f.name}`);
    let findings = 0;
    let mdlFindings = 0;
    const [eng, mdl] = measurePair(
      () => (findings = analyse(f.text).findings.length),
      () => (mdlFindings = lint(f.text).length),
      opts,
    );
    rows.push({
      file: f.path,
      bytes: utf8Bytes(f.text),
      chars: f.text.length,
      findings,
      markdownlintFindings: mdlFindings,
      engine: { n: eng.length, median: median(eng), p99: percentile(eng, 99) },
      markdownlint: { n: mdl.length, median: median(mdl), p99: percentile(mdl, 99) },
      ratio: median(mdl) / median(eng),
    });
  }
  return rows;
}

export const GROWTH_SIZES = [
  { label: 'seed (~10 KB)', bytes: 0 },
  { label: '~100 KB', bytes: 100 * 1024 },
  { label: '~1 MB', bytes: 1024 * 1024 },
  { label: '~5 MB', bytes: 5 * 1024 * 1024 },
];

export function benchGrowth({ quick, log }) {
  const { analyse } = loadEngine();
  const seed = loadFixtures().find((f) => f.path === SEED)?.text;
  if (!seed) throw new Error(`growth seed ${SEED} not found`);
  const seedRules = analyse(seed)
    .findings.map((f) => f.rule)
    .sort()
    .join(',');
  const rows = [];
  for (const size of GROWTH_SIZES) {
    const text = size.bytes ? growReport(seed, size.bytes, analyse) : seed;
    const bytes = utf8Bytes(text);
    log(`growth: ${(bytes / 1024).toFixed(0)} KB`);
    const kb = bytes / 1024;
    // Warm up on this size, then a time budget; big documents get fewer calls.
    const budgetMs = quick ? 600 : 2500;
    const samples = [];
    let rules = '';
    const first = process.hrtime.bigint();
    rules = analyse(text)
      .findings.map((f) => f.rule)
      .sort()
      .join(',');
    const firstMs = msSince(first);
    const warm = Math.max(1, Math.min(50, Math.floor(300 / Math.max(firstMs, 0.01))));
    for (let i = 1; i < warm; i++) analyse(text);
    const t0 = process.hrtime.bigint();
    while ((msSince(t0) < budgetMs || samples.length < 3) && samples.length < 5000) timeCalls(() => analyse(text), 1, samples);
    const med = median(samples);
    rows.push({
      label: size.label,
      bytes,
      chars: text.length,
      lines: text.split('\n').length,
      n: samples.length,
      median: med,
      p99: percentile(samples, 99),
      usPerKB: (med * 1000) / kb,
      sameFindingsAsSeed: rules === seedRules,
    });
  }
  return rows;
}
