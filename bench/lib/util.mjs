// Small helpers shared by the benchmark sections: statistics, formatting,
// child processes that are always cleaned up, timeouts with clear messages,
// and peak-memory measurement of a child process.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// ------------------------------------------------------------ statistics

/** Nearest-rank percentile of an array of numbers (sorted copy). */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const median = (values) => percentile(values, 50);

export function summary(values) {
  return { n: values.length, median: median(values), p99: percentile(values, 99), min: Math.min(...values), max: Math.max(...values) };
}

/** Milliseconds elapsed since a process.hrtime.bigint() reading. */
export const msSince = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

// ------------------------------------------------------------ formatting

export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function fmtBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const fmtRatio = (r) => (Number.isFinite(r) ? `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×` : '—');

/** Display width: CJK and full-width characters take two columns. */
function width(s) {
  let w = 0;
  for (const ch of String(s)) {
    const c = ch.codePointAt(0);
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6)
        ? 2
        : 1;
  }
  return w;
}

/** A plain-text table: first column left-aligned, the others right-aligned. */
export function table(headers, rows) {
  const all = [headers, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const widths = headers.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
  const line = (r) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat(widths[i] - width(c));
        return i === 0 ? c + pad : pad + c;
      })
      .join('  ')
      .trimEnd();
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

// ------------------------------------------------------------ processes

const children = new Set();

/** Spawns a child that is killed if the benchmark exits early (error, Ctrl-C, timeout). */
export function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function killChildren() {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  children.clear();
}

const tempDirs = new Set();

export function makeTempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDirs() {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

let cleanupInstalled = false;
export function installCleanup() {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', () => {
    killChildren();
    removeTempDirs();
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping child processes\n`);
      process.exit(130);
    });
  }
}

/** Rejects with `message` when `promise` has not settled within `ms`. */
export function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timeout after ${ms} ms: ${message}`)), ms);
    }),
  ]);
}

// ------------------------------------------------------------ peak memory of a child

let timeV;
/** `/usr/bin/time -v` when it exists and works, else a preloaded module reporting process.resourceUsage().maxRSS. */
export function peakRssMethod() {
  if (timeV === undefined) {
    timeV =
      existsSync('/usr/bin/time') &&
      spawnSync('/usr/bin/time', ['-v', 'true'], { encoding: 'utf8' }).stderr?.includes('Maximum resident set size');
  }
  return timeV ? '/usr/bin/time -v' : 'preload: process.resourceUsage().maxRSS';
}

/**
 * Runs `node <args>` in `cwd`, draining stdout and stderr (counted, not kept),
 * and resolves with wall time (ms, from spawn to exit), peak RSS (bytes),
 * exit code, and the head and tail of the output (to check what was done).
 */
export function runMeasured(nodeArgs, { cwd = ROOT, timeoutMs = 120_000, label = nodeArgs.join(' ') } = {}) {
  const scratch = makeTempDir('xxgk-bench-rss-');
  const rssFile = join(scratch, 'rss');
  const useTime = peakRssMethod().startsWith('/usr/bin/time');
  const [cmd, args] = useTime
    ? ['/usr/bin/time', ['-v', '-o', rssFile, process.execPath, ...nodeArgs]]
    : [process.execPath, ['--require', join(ROOT, 'bench', 'lib', 'maxrss.cjs'), ...nodeArgs]];
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = track(
      spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XXGK_BENCH_MAXRSS_FILE: rssFile } }),
    );
    let outBytes = 0;
    let errBytes = 0;
    let errHead = '';
    let outHead = '';
    let outTail = '';
    child.stdout.on('data', (d) => {
      outBytes += d.length;
      if (outHead.length < 2000) outHead += d.toString();
      outTail = (outTail + d.toString()).slice(-2000);
    });
    child.stderr.on('data', (d) => {
      errBytes += d.length;
      if (errHead.length < 2000) errHead += d.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timeout after ${timeoutMs} ms: ${label}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${label}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = msSince(t0);
      let peakRss = NaN;
      try {
        const report = readFileSync(rssFile, 'utf8');
        const m = useTime ? /Maximum resident set size \(kbytes\): (\d+)/.exec(report) : /^(\d+)/.exec(report);
        if (m) peakRss = Number(m[1]) * 1024;
      } catch {
        // no report: the child died before writing it
      }
      if (useTime) {
        const m = /Exit status: (\d+)/.exec(safeRead(rssFile));
        if (m) code = Number(m[1]);
      }
      rmSync(scratch, { recursive: true, force: true });
      resolve({ wallMs, peakRss, code, signal, outBytes, errBytes, errHead, outHead, outTail });
    });
  });
}

function safeRead(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** VmRSS and VmHWM of a running process, in bytes (Linux /proc). */
export function procMemory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}
