// Sections 1 and 2: the engine in-process, beside markdownlint in the same
// process on the same text (the sample reports and their one-line, fused
// and split-Markdown forms); and the engine on one report grown from seed
// size to 5 MB, in two series: prose added to a report of ordinary lines,
// and a one-line form repeated on ONE line.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { growReport, loadFixtures, loadForms, oneLineOf, optionsFor, SEED, utf8Bytes } from './lib/fixtures.mjs';
import { msSince, percentile, median, ROOT } from './lib/util.mjs';

const require = createRequire(import.meta.url);

export function loadEngine(file = join(ROOT, 'server', 'out', 'engine.js')) {
  return require(file);
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
export function measurePair(a, b, { warmup, warmupB = Math.max(5, warmup >> 2), budgetMs, minCalls, maxCalls }) {
  for (let i = 0; i < warmup; i++) a();
  for (let i = 0; i < warmupB; i++) b();
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
  const opts = quick
    ? { warmup: 50, budgetMs: 400, minCalls: 30, maxCalls: 5000 }
    : { warmup: 200, budgetMs: 1500, minCalls: 100, maxCalls: 20000 };
  const rows = [];
  const docs = [...loadFixtures().map((f) => ({ ...f, form: 'sample' })), ...loadForms()];
  for (const f of docs) {
    log(`engine: ${f.path.replace(/^test\/fixtures\//, '')}`);
    let findings = 0;
    let mdlFindings = 0;
    // As the editor: Markdown files with { layoutHint: 'markdown' }.
    const options = optionsFor(f.path);
    const [eng, mdl] = measurePair(
      () => (findings = analyse(f.text, options).findings.length),
      () => (mdlFindings = lint(f.text).length),
      opts,
    );
    rows.push({
      file: f.path,
      form: f.form,
      options,
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

/** The one-line form of the growth seed (test/fixtures/forms/<seed>.oneline.txt). */
export const ONELINE_SEED = SEED.replace('test/fixtures/corpus/', 'test/fixtures/forms/').replace(/\.txt$/, '.oneline.txt');

const ruleList = (analysis) =>
  analysis.findings
    .map((f) => f.rule)
    .sort()
    .join(',');

/** One size of a growth series: warm up, then a time budget; big documents get fewer calls. */
function timeSize(analyse, text, { quick }) {
  const budgetMs = quick ? 600 : 2500;
  const samples = [];
  const first = process.hrtime.bigint();
  const analysis = analyse(text);
  const firstMs = msSince(first);
  const warm = Math.max(1, Math.min(50, Math.floor(300 / Math.max(firstMs, 0.01))));
  for (let i = 1; i < warm; i++) analyse(text);
  const t0 = process.hrtime.bigint();
  while ((msSince(t0) < budgetMs || samples.length < 3) && samples.length < 5000) timeCalls(() => analyse(text), 1, samples);
  const med = median(samples);
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return {
    bytes: utf8Bytes(text),
    chars: text.length,
    lines,
    longestLine: Math.max(...text.split('\n').map((l) => l.length)),
    n: samples.length,
    median: med,
    p99: percentile(samples, 99),
    usPerKB: (med * 1000) / (utf8Bytes(text) / 1024),
    findings: analysis.findings.length,
    rules: ruleList(analysis),
  };
}

/**
 * Series "prose": the seed report with prose paragraphs added (same findings
 * as the seed). Series "oneline": the seed's one-line form repeated on one
 * line — the report is there many times over, so its findings are not the
 * seed's; what is compared is the time per KB.
 */
export function benchGrowth({ quick, log }) {
  const { analyse } = loadEngine();
  const seed = loadFixtures().find((f) => f.path === SEED)?.text;
  if (!seed) throw new Error(`growth seed ${SEED} not found`);
  const seedRules = ruleList(analyse(seed));
  const rows = [];
  for (const size of GROWTH_SIZES) {
    const text = size.bytes ? growReport(seed, size.bytes, analyse) : seed;
    log(`growth (prose): ${(utf8Bytes(text) / 1024).toFixed(0)} KB`);
    const r = timeSize(analyse, text, { quick });
    rows.push({
      series: 'prose',
      label: size.bytes ? `${size.label} (prose added)` : 'seed',
      ...r,
      sameFindingsAsSeed: r.rules === seedRules,
    });
  }
  let form;
  try {
    form = readFileSync(join(ROOT, ONELINE_SEED), 'utf8');
  } catch {
    log(`growth (one line): ${ONELINE_SEED} not found, series skipped`);
    return rows;
  }
  const oneSeed = oneLineOf(form);
  const oneRules = ruleList(analyse(oneSeed));
  for (const size of GROWTH_SIZES) {
    const text = oneLineOf(form, size.bytes);
    log(`growth (one line): ${(utf8Bytes(text) / 1024).toFixed(0)} KB on one line`);
    const r = timeSize(analyse, text, { quick });
    rows.push({
      series: 'oneline',
      label: size.bytes ? `${size.label}, one line` : 'one-line form, one line',
      ...r,
      sameFindingsAsSeed: r.rules === oneRules,
    });
  }
  return rows;
}
