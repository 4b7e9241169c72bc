#!/usr/bin/env node
// `npm run bench`: speed, measured against what people use today, in one run.
//
//   node bench/run.mjs [--quick] [--no-build] [--only engine,compare,growth,server,cli,memory]
//                      [--files N] [--out FILE] [--profile]
//
// compare: the engine of commit ba9ff24 (before the reader rebuild; built
// once from a git worktree, cached in bench-results/base-engine/) beside
// this one on the plain-text samples. Skipped, with the reason, where git
// or the commit is missing.
//
// Builds first (`node esbuild.mjs`, as `npm run build`) unless --no-build.
// Prints a table and writes the same figures as JSON (default
// bench-results/bench.json). Targets are judged from ratios measured in this
// one run, side by side; nothing here is a pass/fail test (exit code 0
// whether targets are met or not; 1 only when the benchmark itself failed).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { benchCli } from './cli.mjs';
import { benchCliMixed } from './cli-mixed.mjs';
import { benchCross } from './cross.mjs';
import { benchCompare, Skip } from './compare.mjs';
import { benchForms } from './forms.mjs';
import { benchPdfFolder } from './pdf-folder.mjs';
import { benchEngine, benchGrowth } from './engine.mjs';
import { benchMemory, benchServer } from './server.mjs';
import { benchTables } from './tables.mjs';
import { fmtBytes, fmtMs, fmtRatio, installCleanup, killChildren, ROOT, table } from './lib/util.mjs';

const SECTIONS = [
  'engine',
  'compare',
  'growth',
  'server',
  'tables',
  'cli',
  'memory',
  'forms',
  'cross',
  'cli10k',
  'cli-mixed',
  'pdf-folder',
];

function parseArgs(argv) {
  const o = { quick: false, build: true, only: SECTIONS, out: join(ROOT, 'bench-results', 'bench.json'), profile: false, files: 1000 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => inline ?? argv[++i];
    if (flag === '--quick') o.quick = true;
    else if (flag === '--no-build') o.build = false;
    else if (flag === '--profile') o.profile = true;
    else if (flag === '--only') o.only = value().split(',');
    else if (flag === '--out') o.out = resolve(value());
    else if (flag === '--files') o.files = Number(value());
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(
        `node bench/run.mjs [--quick] [--no-build] [--only ${SECTIONS.join(',')}] [--files N] [--out FILE] [--profile]\n`,
      );
      process.exit(0);
    } else throw new Error(`unknown option ${argv[i]}`);
  }
  const unknown = o.only.filter((s) => !SECTIONS.includes(s));
  if (unknown.length) throw new Error(`--only: unknown section(s) ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}`);
  if (!(o.files > 0)) throw new Error('--files must be a positive number');
  return o;
}

const log = (msg) => process.stderr.write(`  · ${msg}\n`);

function meta() {
  const git = (args) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return undefined;
    }
  };
  return {
    date: new Date().toISOString(),
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: (git(['status', '--porcelain', '--untracked-files=no', '--', 'server/src']) ?? '') !== '',
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memory: totalmem(),
    platform: `${process.platform} ${process.arch}`,
    loadAtStart: loadavg(),
  };
}

/** Share of all CPUs busy over `ms` (Linux /proc/stat), sampled before the benchmark starts anything. */
async function cpuBusy(ms = 1000) {
  const read = () => {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3] + (f[4] ?? 0);
    return { idle, total: f.reduce((a, b) => a + b, 0) };
  };
  try {
    const a = read();
    await new Promise((r) => setTimeout(r, ms));
    const b = read();
    return b.total > a.total ? 1 - (b.idle - a.idle) / (b.total - a.total) : undefined;
  } catch {
    return undefined;
  }
}

function build() {
  process.stderr.write('bench: building (node esbuild.mjs, as npm run build)\n');
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed; fix it or run with --no-build against an existing server/out');
}

// ------------------------------------------------------------ targets

/** New/old median ratio taken as "no slower": the run-to-run noise of a median on this machine. */
const COMPARE_NOISE = 1.1;

function judge(results) {
  const targets = [];
  const add = (name, met, measured) => targets.push({ name, met, measured });
  if (results.engine) {
    const worst = results.engine.reduce((a, b) => (b.ratio < a.ratio ? b : a));
    add(
      'Engine ≥ 10× faster than markdownlint per document (every sample and form)',
      worst.ratio >= 10,
      `slowest ratio ${fmtRatio(worst.ratio)} (${worst.file.split('/').pop()})`,
    );
  }
  if (results.compare) {
    const worst = results.compare.rows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    add(
      `Plain text no slower than ${results.compare.baseCommit.slice(0, 7)} (every sample: new/old median ≤ ${COMPARE_NOISE}, a noise margin)`,
      worst.ratio <= COMPARE_NOISE,
      `worst new/old ${worst.ratio.toFixed(2)} (${worst.file.split('/').pop()})`,
    );
  }
  if (results.cli) {
    const { xxgk, markdownlint, floor } = results.cli.tools;
    add(
      'CLI over 1,000 files ≥ 10× faster than markdownlint-cli2',
      markdownlint.wallMs / xxgk.wallMs >= 10,
      `${fmtRatio(markdownlint.wallMs / xxgk.wallMs)} (${fmtMs(xxgk.wallMs)} vs ${fmtMs(markdownlint.wallMs)})`,
    );
    add(
      'CLI within 4× of the read-and-split floor',
      xxgk.wallMs / floor.wallMs <= 4,
      `${fmtRatio(xxgk.wallMs / floor.wallMs)} of floor (${fmtMs(floor.wallMs)})`,
    );
  }
  if (results.cli10k) {
    const { xxgk, markdownlint, floor } = results.cli10k.tools;
    add(
      'CLI over 10,000 files ≥ 20× faster than markdownlint-cli2',
      markdownlint.wallMs / xxgk.wallMs >= 20,
      `${fmtRatio(markdownlint.wallMs / xxgk.wallMs)} (${fmtMs(xxgk.wallMs)} vs ${fmtMs(markdownlint.wallMs)})`,
    );
    add(
      `CLI over 10,000 files within 2× of the read-and-split floor, using every core (${results.cli10k.cores})`,
      xxgk.wallMs / floor.wallMs <= 2,
      `${fmtRatio(xxgk.wallMs / floor.wallMs)} of floor (${fmtMs(floor.wallMs)})`,
    );
    add('CLI over 10,000 files: peak memory ≤ 300 MB', xxgk.peakRss <= 300 * 2 ** 20, fmtBytes(xxgk.peakRss));
  }
  if (results.server) {
    const p99 = results.server.keystrokes.all.p99;
    add('Keystroke → diagnostics p99 ≤ 10 ms (seed report, debounce 0)', p99 <= 10, `p99 ${fmtMs(p99)}`);
    for (const f of results.server.forms ?? []) {
      add(
        `Keystroke → diagnostics p99 ≤ 10 ms (${f.document.split('/').pop()})`,
        f.keystrokes.all.p99 <= 10,
        `p99 ${fmtMs(f.keystrokes.all.p99)}`,
      );
    }
  }
  if (results.growth) {
    for (const series of [...new Set(results.growth.map((g) => g.series))]) {
      const rows = results.growth.filter((g) => g.series === series);
      const what = series === 'oneline' ? 'one-line form repeated on one line' : 'report grown with prose';
      const mb = rows.find((g) => g.label.startsWith('~1 MB'));
      if (mb) add(`1 MB document analysed in ≤ 50 ms (${what})`, mb.median <= 50, `median ${fmtMs(mb.median)}`);
      // Flat: the cost per KB never grows by more than half as the document grows.
      let worst = 1;
      let lowest = Infinity;
      let at = '';
      for (const g of rows) {
        if (Number.isFinite(lowest) && g.usPerKB / lowest > worst) {
          worst = g.usPerKB / lowest;
          at = g.label;
        }
        lowest = Math.min(lowest, g.usPerKB);
      }
      add(
        `Time per KB flat from 10 KB to 5 MB (${what}; no size > 1.5× the best smaller size)`,
        worst <= 1.5,
        `worst growth ${worst.toFixed(2)}×${at ? ` (${at})` : ''}`,
      );
    }
  }
  if (results['pdf-folder'] && !results['pdf-folder'].skipped) {
    const p = results['pdf-folder'];
    const loop = p.tools.loopN ?? p.tools.loop;
    if (loop)
      add(
        `CLI over ${p.files} PDFs within 3× of a pdftotext -layout loop (both using every core: ${p.jobs})`,
        p.ratioParallel <= 3,
        `${fmtRatio(p.ratioParallel)} (${fmtMs(p.tools.xxgk.wallMs)} vs ${fmtMs(loop.wallMs)})`,
      );
    add(`CLI over ${p.files} PDFs: peak memory ≤ 400 MB`, p.tools.xxgk.peakRss <= 400 * 2 ** 20, fmtBytes(p.tools.xxgk.peakRss));
  }
  if (results.forms) {
    const f = results.forms;
    if (f.pdf.length) {
      const worst = f.pdf.reduce((a, b) => (b.ratio > a.ratio ? b : a));
      add(
        'PDF read + check ≤ 10× pdftotext -layout (every real PDF)',
        worst.ratio <= 10,
        `worst ${fmtRatio(worst.ratio)} (${worst.file}: ${fmtMs(worst.ours.median)} vs ${fmtMs(worst.pdftotext?.median)})`,
      );
    }
    const worstHtml = f.html.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    add('HTML read + check ≤ 3× parse5 alone (every page)', worstHtml.ratio <= 3, `worst ${fmtRatio(worstHtml.ratio)} (${worstHtml.file})`);
  }
  if (results.memory) {
    const rss = results.memory.after.rss;
    add('Server RSS ≤ 100 MB with 50 reports open', rss <= 100 * 1024 * 1024, fmtBytes(rss));
  }
  if (results.tables) {
    const t = results.tables;
    add(
      'Keystroke → diagnostics p99 ≤ 10 ms with inlay hints, code lens and preview requested after each change',
      t.keystrokes.all.p99 <= 10,
      `p99 ${fmtMs(t.keystrokes.all.p99)}`,
    );
    add(
      'Preview structure after a keystroke ≤ 100 ms (p99 round trip; the panel repaints on it)',
      t.afterChange.preview.p99 <= 100,
      `p99 ${fmtMs(t.afterChange.preview.p99)}`,
    );
  }
  return targets;
}

// ------------------------------------------------------------ printing

function print(results, targets, m) {
  const out = [];
  const head = (title) => out.push('', `## ${title}`, '');
  out.push(
    `# xxgk-report benchmark — ${m.date.slice(0, 16).replace('T', ' ')} UTC, commit ${m.commit ?? '?'}${m.dirty ? ' (+ local changes)' : ''}`,
  );
  out.push(`node ${m.node} · ${m.cpu} · ${m.cores} cores · ${fmtBytes(m.memory)} RAM · ${m.platform}`);
  const load = (l) => l.map((x) => x.toFixed(2)).join(' ');
  const busy = m.cpuBusyBefore === undefined ? '' : `; CPUs ${(m.cpuBusyBefore * 100).toFixed(0)}% busy in the second before it started`;
  out.push(`load average at start ${load(m.loadAtStart)}, at end ${load(m.loadAtEnd)}${busy}`);
  if (m.cpuBusyBefore > 0.2) {
    out.push(
      `note: other processes were using the CPU; absolute times (p99s most) are inflated — the side-by-side ratios, measured under the same load, are fairer`,
    );
  }

  if (results.engine) {
    head('1. Engine per document (in-process; analyse = parse + all checks) vs markdownlint 0.40 sync, all default rules');
    out.push(
      table(
        [
          'document',
          'form',
          'size',
          'findings',
          'engine median',
          'engine p99',
          'markdownlint median',
          'markdownlint p99',
          'ratio (median)',
        ],
        results.engine.map((r) => [
          r.file.replace(/^test\/fixtures\//, ''),
          r.form ?? 'sample',
          fmtBytes(r.bytes),
          `${r.findings} / ${r.markdownlintFindings}`,
          fmtMs(r.engine.median),
          fmtMs(r.engine.p99),
          fmtMs(r.markdownlint.median),
          fmtMs(r.markdownlint.p99),
          fmtRatio(r.ratio),
        ]),
      ),
    );
    const geo = (rows) => fmtRatio(Math.exp(rows.reduce((a, r) => a + Math.log(r.ratio), 0) / rows.length));
    const forms = [...new Set(results.engine.map((r) => r.form ?? 'sample'))];
    out.push(
      `geometric mean of the ratios: ${geo(results.engine)} (${forms.map((f) => `${f} ${geo(results.engine.filter((r) => (r.form ?? 'sample') === f))}`).join(', ')})`,
    );
    out.push(
      `(findings: ours / markdownlint's; .md files analysed with { layoutHint: 'markdown' }, as the editor does; at least ${Math.min(...results.engine.map((r) => Math.min(r.engine.n, r.markdownlint.n)))} timed calls per document and tool after warm-up, the two interleaved in 50 ms slices)`,
    );
  }
  if (results.compare) {
    const c = results.compare;
    head(
      `1b. Before/after: engine of ${c.baseCommit.slice(0, 7)} (before the reader rebuild) vs this checkout, plain-text samples, interleaved in one process`,
    );
    out.push(
      table(
        ['document', 'size', 'findings old / new', 'old median', 'new median', 'new / old', 'old p99', 'new p99'],
        c.rows.map((r) => [
          r.file.replace(/^test\/fixtures\//, ''),
          fmtBytes(r.bytes),
          `${r.old.findings} / ${r.new.findings}`,
          fmtMs(r.old.median),
          fmtMs(r.new.median),
          `${r.ratio.toFixed(2)}×`,
          fmtMs(r.old.p99),
          fmtMs(r.new.p99),
        ]),
      ),
    );
    const geo = Math.exp(c.rows.reduce((a, r) => a + Math.log(r.ratio), 0) / c.rows.length);
    out.push(
      `geometric mean new / old: ${geo.toFixed(2)}× (below 1: the new engine is faster); old engine ${c.baseCached ? 'from the cache in bench-results/base-engine/' : 'built from a temporary git worktree just now'}; at least ${Math.min(...c.rows.map((r) => Math.min(r.old.n, r.new.n)))} timed calls each`,
    );
  } else if (m.skipped?.compare) {
    head('1b. Before/after');
    out.push(`skipped: ${m.skipped.compare}`);
  }
  if (results.growth) {
    const series = [
      ['prose', '2. Growth: shandong-guodongban-2023 with prose paragraphs added to sections 一 and 五 (tables unchanged)'],
      [
        'oneline',
        '2b. Growth on ONE line: shandong-guodongban-2023.oneline.txt joined into one line and repeated on that line (the report many times over)',
      ],
    ];
    for (const [key, title] of series) {
      const rows = results.growth.filter((g) => g.series === key);
      if (rows.length === 0) continue;
      head(title);
      out.push(
        table(
          [
            'document',
            'size',
            'characters',
            'lines',
            'longest line',
            'median',
            'p99',
            'µs per KB',
            'calls',
            key === 'prose' ? 'same findings as seed' : 'findings',
          ],
          rows.map((g) => [
            g.label,
            fmtBytes(g.bytes),
            g.chars.toLocaleString('en'),
            g.lines.toLocaleString('en'),
            g.longestLine.toLocaleString('en'),
            fmtMs(g.median),
            fmtMs(g.p99),
            g.usPerKB.toFixed(1),
            g.n,
            key === 'prose' ? (g.sameFindingsAsSeed ? 'yes' : 'NO') : g.findings,
          ]),
        ),
      );
    }
  }
  if (results.server) {
    const s = results.server;
    head(`3. Language server over stdio (debounce 0): ${s.document.split('/').pop()}, ${s.chars.toLocaleString('en')} characters`);
    const row = (name, x) => [name, x.n, fmtMs(x.median), fmtMs(x.p99)];
    out.push(
      table(
        ['measure', 'n', 'p50', 'p99'],
        [
          row('keystroke → publishDiagnostics (all)', s.keystrokes.all),
          row('  … after the first 100 (code warmed up)', s.keystrokes.warm),
          row('  … edit in a prose line', s.keystrokes.prose),
          row('  … edit in a table cell', s.keystrokes.table),
          row('documentSymbol round trip', s.requests.documentSymbol),
          row('hover round trip', s.requests.hover),
          row('codeAction round trip', s.requests.codeAction),
        ],
      ),
    );
    out.push(
      '(keystrokes: closed loop, one single-character didChange then wait for the diagnostics of that version; requests: on the unchanged document)',
    );
    if (s.forms?.length) {
      out.push('');
      out.push(
        table(
          [
            "keystroke → publishDiagnostics in the seed's form",
            'characters',
            'longest line',
            'n',
            'p50',
            'p99',
            'p99 prose',
            'p99 table cell',
          ],
          s.forms.map((f) => [
            f.document.split('/').pop(),
            f.chars.toLocaleString('en'),
            f.longestLine.toLocaleString('en'),
            f.keystrokes.all.n,
            fmtMs(f.keystrokes.all.median),
            fmtMs(f.keystrokes.all.p99),
            fmtMs(f.keystrokes.prose.p99),
            fmtMs(f.keystrokes.table.p99),
          ]),
        ),
      );
    }
    const st = s.keystrokes.serverThread;
    if (st)
      out.push(
        `server thread per keystroke, on average: ${fmtMs(st.cpuMs)} on the CPU, ${fmtMs(st.waitMs)} waiting for a CPU (/proc/<pid>/schedstat)`,
      );
  }
  for (const c of [results.cli, results.cli10k]) {
    if (!c) continue;
    head(
      `${c === results.cli ? '4' : '4b'}. CLI over ${c.files.toLocaleString('en')} report files (${fmtBytes(c.bytes)}; varied copies of the samples, .txt and .md)`,
    );
    const { xxgk, floor } = c.tools;
    out.push(
      table(
        ['tool', 'files', 'wall (median)', 'peak RSS', 'per file', 'vs xxgk', 'vs floor'],
        Object.values(c.tools).map((t) => [
          t.name,
          Number.isFinite(t.filesChecked) ? t.filesChecked : '?',
          fmtMs(t.wallMs),
          fmtBytes(t.peakRss),
          fmtMs(t.wallMs / c.files),
          t === xxgk ? '1×' : fmtRatio(t.wallMs / xxgk.wallMs),
          fmtRatio(t.wallMs / floor.wallMs),
        ]),
      ),
    );
    out.push(
      `(median of ${xxgk.runs} runs after one warm-up run each; peak RSS by ${c.peakRssMethod}; markdownlint-cli2 run in the reports folder with glob "**/*.{txt,md}" and no config: every default rule)`,
    );
  }
  if (results['cli-mixed']) {
    const x = results['cli-mixed'];
    head(
      `4c. CLI over ${x.files.toLocaleString('en')} mixed files (${x.text} text, ${x.html} web pages, ${x.pdf} PDFs; ${fmtBytes(x.bytes)}), 1 thread and every core (${x.cores})`,
    );
    out.push(
      table(
        ['--jobs', 'wall (median)', 'files / s', 'files / s per core', 'speed-up over 1', 'peak RSS'],
        x.byJobs.map((b) => [
          b.jobs,
          fmtMs(b.wallMs),
          b.filesPerSecond.toFixed(0),
          b.perCore.toFixed(0),
          `${b.speedup.toFixed(2)}×`,
          fmtBytes(b.peakRss),
        ]),
      ),
    );
  }
  if (results.memory) {
    const mm = results.memory;
    head('5. Server memory');
    out.push(
      table(
        ['state', 'VmRSS', 'VmHWM'],
        [
          ['after initialize', fmtBytes(mm.baseline.rss), fmtBytes(mm.baseline.hwm)],
          [`${mm.reports} reports open (${mm.chars.toLocaleString('en')} characters)`, fmtBytes(mm.after.rss), fmtBytes(mm.after.hwm)],
        ],
      ),
    );
  }
  if (results.forms) {
    const f = results.forms;
    head('6. Published forms, each beside its floor');
    const rows = [
      ...f.pdf.map((r) => [
        `PDF ${r.file}`,
        fmtBytes(r.bytes),
        fmtMs(r.ours.median),
        r.pdftotext ? `pdftotext -layout ${fmtMs(r.pdftotext.median)}` : 'pdftotext missing',
        fmtRatio(r.ratio),
      ]),
      ...f.html.map((r) => [
        `HTML ${r.file}`,
        fmtBytes(r.bytes),
        fmtMs(r.ours.median),
        `parse5 ${fmtMs(r.parse5.median)}`,
        fmtRatio(r.ratio),
      ]),
      ...f.docx.map((r) => [
        `Word ${r.file}`,
        fmtBytes(r.bytes),
        fmtMs(r.ours.median),
        `unzip + saxes ${fmtMs(r.floor.median)}`,
        fmtRatio(r.ratio),
      ]),
    ];
    out.push(table(['file', 'size', 'read + check (median)', 'floor (median)', 'ratio'], rows));
    out.push(
      '(PDFs read in place from ../shared/corpus/pdf; pdftotext is a process per file, as a shell loop runs it; the first PDF of a process also loads pdf.js, not counted: one warm-up run)',
    );
    const b = f.editor.bundles;
    out.push(
      '',
      `editor: server.js ${fmtBytes(b['server/out/server.js'])}, extension.js ${fmtBytes(b['client/out/extension.js'])}; loaded only when met: readers/html.js ${fmtBytes(b['server/out/readers/html.js'])}, docx.js ${fmtBytes(b['server/out/readers/docx.js'])}, pdf.js ${fmtBytes(b['server/out/readers/pdf.js'])}, files.js ${fmtBytes(b['server/out/readers/files.js'])}`,
    );
    out.push(
      `editor: spawn → first diagnostics on a text report ${fmtMs(f.editor.firstDiagnostics.median)} (median of ${f.editor.firstDiagnostics.n})`,
    );
  }
  if (results.tables) {
    const t = results.tables;
    head(`3b. Table features over stdio (debounce 0): ${t.document.split('/').pop()} with inlay hints, code lens and an open preview`);
    const row = (name, x) => [name, x.n, fmtMs(x.median), fmtMs(x.p99)];
    out.push(
      table(
        ['measure', 'n', 'p50', 'p99'],
        [
          row('keystroke → publishDiagnostics, all three requested after each change', t.keystrokes.all),
          row('  … edit in a prose line', t.keystrokes.prose),
          row('  … edit in a table cell', t.keystrokes.table),
          row('didChange → inlayHint answered', t.afterChange.inlayHint),
          row('didChange → codeLens answered', t.afterChange.codeLens),
          row('didChange → xxgk/preview answered', t.afterChange.preview),
          row('inlayHint round trip, unchanged document', t.unchanged.inlayHint),
          row('codeLens round trip, unchanged document', t.unchanged.codeLens),
          row('xxgk/preview round trip, unchanged document', t.unchanged.preview),
        ],
      ),
    );
    out.push(`(preview: ${t.previewCells} cells, ${fmtBytes(t.previewBytes)} of JSON; inlay hints asked for the whole document)`);
  }
  if (results['pdf-folder']) {
    const p = results['pdf-folder'];
    head(
      `6b. A folder of PDFs: ${p.skipped ? 'skipped' : `${p.files} files (${fmtBytes(p.bytes)}; ${p.made.corpus} real, ${p.made.libreoffice} LibreOffice, ${p.made.chromium} Chromium PDFs, copied round)`}`,
    );
    if (p.skipped) out.push(p.skipped);
    else {
      out.push(
        table(
          ['tool', 'wall (median)', 'peak RSS'],
          Object.values(p.tools).map((t) => [t.name, fmtMs(t.wallMs), fmtBytes(t.peakRss)]),
        ),
      );
      out.push(
        `(xxgk --jobs ${p.jobs} / pdftotext ${p.jobs} at a time ${fmtRatio(p.ratioParallel)}; / the sequential loop ${fmtRatio(p.ratioSequential)}; --jobs 1 / the sequential loop ${fmtRatio(p.ratioOneJob)}; peak RSS by ${p.rssMethod})`,
      );
    }
  }
  head('Targets (ratios from this one run)');
  out.push(
    table(
      ['target', 'result', 'measured'],
      targets.map((t) => [t.name, t.met ? 'met' : 'NOT MET', t.measured]),
    ),
  );
  return out.join('\n');
}

// ------------------------------------------------------------ main

async function main() {
  installCleanup();
  const o = parseArgs(process.argv.slice(2));
  if (o.build) build();
  else process.stderr.write('bench: --no-build: using the existing server/out\n');
  for (const f of ['server/out/engine.js', 'server/out/server.js', 'server/out/cli.js']) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} missing: run npm run build (or drop --no-build)`);
  }
  const profileDir = o.profile ? join(dirname(o.out), 'profiles') : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });

  const m = meta();
  m.cpuBusyBefore = await cpuBusy();
  const results = {};
  const failures = {};
  const t0 = Date.now();
  const run = async (name, fn) => {
    if (!o.only.includes(name)) return;
    const started = Date.now();
    process.stderr.write(`bench: ${name}\n`);
    try {
      results[name] = await fn();
      process.stderr.write(`bench: ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    } catch (e) {
      if (e instanceof Skip) {
        // Not the benchmark's fault (no git, a shallow clone): say so and go on.
        (m.skipped ??= {})[name] = e.message;
        process.stderr.write(`bench: ${name} skipped: ${e.message}\n`);
        return;
      }
      // One broken section does not lose the others' figures.
      failures[name] = e instanceof Error ? e.message : String(e);
      process.stderr.write(`bench: ${name} FAILED: ${failures[name]}\n`);
      killChildren();
    }
  };
  await run('engine', () => benchEngine({ quick: o.quick, log }));
  await run('compare', () => benchCompare({ quick: o.quick, log }));
  await run('growth', () => benchGrowth({ quick: o.quick, log }));
  await run('server', () => benchServer({ quick: o.quick, log, profileDir }));
  await run('tables', () => benchTables({ quick: o.quick, log }));
  await run('memory', () => benchMemory({ log }));
  await run('cli', () => benchCli({ quick: o.quick, log, files: o.files, profileDir }));
  // A province's folder (issue 12): 10,000 files, one measured run of each tool.
  await run('cli10k', () => benchCli({ quick: o.quick, log, files: 10_000, runs: 1 }));
  await run('cli-mixed', () => benchCliMixed({ quick: o.quick, log }));
  await run('forms', () => benchForms({ quick: o.quick, log }));
  await run('pdf-folder', () => benchPdfFolder({ quick: o.quick, log }));
  await run('cross', () => benchCross({ quick: o.quick, log }));

  m.loadAtEnd = loadavg();
  const targets = judge(results);
  let text = print(results, targets, m);
  if (results.cross) {
    // The workspace index (issue 11): its build, and a keystroke with the cross-report rules on.
    const c = results.cross;
    text += `\n\n## Workspace index and cross-report rules\n\nindex of ${c.build.files} text reports built in ${fmtMs(c.build.ms)} (${c.build.reports} reports)\n`;
    text += `keystroke → diagnostics: median ${fmtMs(c.keystroke.withIndex.median)}, p99 ${fmtMs(c.keystroke.withIndex.p99)} with the index (cross findings in ${c.keystroke.withIndex.crossSeen}/${c.keystroke.withIndex.n}); without an index ${fmtMs(c.keystroke.withoutIndex.median)}, p99 ${fmtMs(c.keystroke.withoutIndex.p99)}`;
  }
  for (const [name, message] of Object.entries(failures)) text += `\n\nsection ${name} FAILED: ${message}`;
  process.stdout.write(text + '\n');
  mkdirSync(dirname(o.out), { recursive: true });
  writeFileSync(
    o.out,
    JSON.stringify({ meta: { ...m, quick: o.quick, seconds: (Date.now() - t0) / 1000 }, results, failures, targets }, null, 2) + '\n',
  );
  process.stdout.write(
    `\nfigures written to ${relative(process.cwd(), o.out) || o.out}${profileDir ? `; CPU profiles in ${relative(process.cwd(), profileDir)}` : ''} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`,
  );
  if (Object.keys(failures).length > 0) process.exitCode = 1;
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1); // the 'exit' hook kills any child still running and removes temporary files
});
