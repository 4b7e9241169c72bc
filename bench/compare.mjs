// Section "compare": the engine before the reader was rebuilt (commit
// BASE_COMMIT) beside the engine of this checkout, on the plain-text
// samples, in one process, interleaved — so "plain text must not get
// slower" is a ratio of one run, not a comparison of two runs' figures.
//
// The old engine is built once from a temporary git worktree and cached
// under bench-results/ (git-ignored), keyed by the full commit id; later
// runs load the cached file. Needs only git and the local node_modules (no
// network). Without git or without the commit (a shallow clone), the
// section is skipped with the reason.

import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadEngine, measurePair } from './engine.mjs';
import { growReport, loadPlainSamples, optionsFor, SEED, utf8Bytes } from './lib/fixtures.mjs';
import { median, msSince, percentile, ROOT } from './lib/util.mjs';

/** The engine before the reader rebuild (long lines, fused digits, annex tables). */
export const BASE_COMMIT = process.env.XXGK_BENCH_BASE || 'ba9ff24'; // XXGK_BENCH_BASE: another commit to compare with
const CACHE_DIR = join(ROOT, 'bench-results', 'base-engine');

/** A section that could not run for a reason outside the benchmark (no git, no commit): skipped, not failed. */
export class Skip extends Error {}

function git(args, opts = {}) {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts }).trim();
}

/** A cached build whose full commit id starts with `commit`, if exactly one. */
function cachedFor(commit) {
  let names = [];
  try {
    names = readdirSync(CACHE_DIR).filter((n) => n.startsWith(`engine-${commit}`) && n.endsWith('.js'));
  } catch {
    return undefined;
  }
  if (names.length !== 1) return undefined;
  const sha = names[0].slice('engine-'.length, -'.js'.length);
  return { file: join(CACHE_DIR, names[0]), sha, cached: true };
}

/** Path of the old engine's engine.js: from the cache, else built from a temporary worktree. */
export function baseEngineFile({ log, commit = BASE_COMMIT } = {}) {
  let sha;
  try {
    git(['--version']);
  } catch {
    // No git: an engine built earlier for this commit still serves.
    const hit = cachedFor(commit);
    if (hit) {
      log(`compare: git is not available; old engine from ${relative(ROOT, hit.file)} (cached)`);
      return hit;
    }
    throw new Skip('git is not available');
  }
  try {
    sha = git(['rev-parse', '--verify', '--quiet', `${commit}^{commit}`]);
  } catch {
    throw new Skip(`commit ${commit} is not in this clone's history (a shallow clone? fetch with --unshallow or depth ≥ the commit)`);
  }
  const cached = join(CACHE_DIR, `engine-${sha}.js`);
  if (existsSync(cached)) {
    log(`compare: old engine from ${relative(ROOT, cached)} (cached)`);
    return { file: cached, sha, cached: true };
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-base-'));
  rmSync(dir, { recursive: true, force: true }); // git worktree add creates it
  log(`compare: building ${commit} (${sha.slice(0, 12)}) in a temporary worktree ${dir}`);
  let added = false;
  const cleanup = () => {
    if (!added) return rmSync(dir, { recursive: true, force: true });
    added = false;
    try {
      git(['worktree', 'remove', '--force', dir]);
    } catch {
      // Could not remove it the git way: remove the folder, then git's entry for it.
      rmSync(dir, { recursive: true, force: true });
      try {
        git(['worktree', 'prune']);
      } catch {
        // left for the next `git worktree prune`
      }
    }
  };
  // Stopped half-way (Ctrl-C, a failure elsewhere): the worktree goes all the same.
  process.once('exit', cleanup);
  try {
    git(['worktree', 'add', '--detach', dir, sha]);
    added = true;
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const built = join(dir, 'server', 'out', 'engine.js');
    if (r.status !== 0 || !existsSync(built))
      throw new Error(`building ${commit} failed (exit ${r.status}): ${(r.stderr || r.stdout || '').slice(0, 2000)}`);
    mkdirSync(CACHE_DIR, { recursive: true });
    // Copied under a temporary name, then renamed: a run stopped half-way never leaves a broken cache.
    copyFileSync(built, `${cached}.tmp`);
    renameSync(`${cached}.tmp`, cached);
    writeFileSync(
      join(CACHE_DIR, `engine-${sha}.json`),
      JSON.stringify({ commit: sha, builtAt: new Date().toISOString(), from: 'git worktree + node esbuild.mjs' }, null, 2) + '\n',
    );
    return { file: cached, sha, cached: false };
  } finally {
    cleanup();
    process.removeListener('exit', cleanup);
  }
}

export function benchCompare({ quick, log }) {
  const base = baseEngineFile({ log });
  const oldEngine = loadEngine(base.file);
  const newEngine = loadEngine();
  if (oldEngine === newEngine) throw new Error('old and new engine are the same module');
  const opts = quick
    ? { warmup: 50, budgetMs: 400, minCalls: 30, maxCalls: 5000 }
    : { warmup: 200, budgetMs: 1500, minCalls: 100, maxCalls: 20000 };
  const rows = [];
  const samples = loadPlainSamples();
  // Plain text at size too: the growth seed with prose added to ~1 MB (section 2's document).
  const seed = samples.find((f) => f.path === SEED);
  if (seed) samples.push({ ...seed, path: `${SEED} + prose to ~1 MB`, text: growReport(seed.text, 1024 * 1024, newEngine.analyse) });
  for (const f of samples) {
    log(`compare: ${f.path.replace(/^test\/fixtures\//, '')}`);
    const options = optionsFor(f.path);
    let oldFindings = 0;
    let newFindings = 0;
    // Interleaved in ~50 ms slices, old first; both warmed up alike on this text (fewer calls for a big one).
    const once = process.hrtime.bigint();
    newEngine.analyse(f.text, options);
    const warmup = Math.max(3, Math.min(opts.warmup, Math.floor(1000 / Math.max(msSince(once), 0.01))));
    const [o, n] = measurePair(
      () => (oldFindings = oldEngine.analyse(f.text, options).findings.length),
      () => (newFindings = newEngine.analyse(f.text, options).findings.length),
      { ...opts, warmup, warmupB: warmup, minCalls: Math.min(opts.minCalls, Math.max(10, warmup)) },
    );
    rows.push({
      file: f.path,
      bytes: utf8Bytes(f.text),
      old: { n: o.length, median: median(o), p99: percentile(o, 99), findings: oldFindings },
      new: { n: n.length, median: median(n), p99: percentile(n, 99), findings: newFindings },
      ratio: median(n) / median(o),
    });
  }
  return { baseCommit: base.sha, baseCached: base.cached, rows };
}
