// Section 4: the command-line checker over 1,000 report files, beside
// markdownlint-cli2 over the same files and a bare read-and-split script
// (the floor). Each tool runs `runs` times in rotation; the median wall time
// and the largest peak RSS are reported.

import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { writeCopies } from './lib/fixtures.mjs';
import { makeTempDir, median, peakRssMethod, ROOT, runMeasured } from './lib/util.mjs';

export async function benchCli({ quick, log, files: count = 1000, profileDir, runs: fixedRuns }) {
  const dir = makeTempDir('xxgk-bench-cli-');
  const reports = join(dir, 'reports');
  log(`cli: writing ${count} report files to ${reports}`);
  const files = writeCopies(reports, count);
  const bytes = files.reduce((n, f) => n + f.bytes, 0);
  const cliProfile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];

  const tools = [
    {
      key: 'xxgk',
      name: 'xxgk check (this project)',
      args: [...cliProfile, join(ROOT, 'server', 'out', 'cli.js'), 'check', reports],
      ok: (r) => r.code === 0 || r.code === 1,
      checked: (r) => Number(/检查了 (\d+) 份报告|(\d+) report\(s\) checked/.exec(r.outTail)?.slice(1).find(Boolean) ?? NaN),
    },
    {
      // The same on one thread: how the folder check grows from one core to all of them.
      key: 'xxgk1',
      name: 'xxgk check --jobs 1',
      args: [join(ROOT, 'server', 'out', 'cli.js'), 'check', '--jobs', '1', reports],
      ok: (r) => r.code === 0 || r.code === 1,
      checked: (r) => Number(/检查了 (\d+) 份报告|(\d+) report\(s\) checked/.exec(r.outTail)?.slice(1).find(Boolean) ?? NaN),
    },
    {
      key: 'markdownlint',
      name: 'markdownlint-cli2',
      // Its default globs take only *.md; the reports are .txt (and some .md), so name both.
      // No config file: every default rule, as the sync API in the engine section.
      args: [join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs'), '**/*.{txt,md}'],
      cwd: reports,
      ok: (r) => r.code === 0 || r.code === 1,
      checked: (r) => Number(/Linting: (\d+) file/.exec(r.outHead + r.errHead)?.[1] ?? NaN),
    },
    {
      key: 'floor',
      name: 'read + split lines (floor)',
      args: [join(ROOT, 'bench', 'floor.mjs'), reports],
      ok: (r) => r.code === 0,
      checked: (r) => Number(/^(\d+) files/.exec(r.outHead)?.[1] ?? NaN),
    },
  ];

  const runs = fixedRuns ?? (quick ? 1 : 3);
  const results = Object.fromEntries(tools.map((t) => [t.key, []]));
  for (let round = 0; round <= runs; round++) {
    for (const tool of tools) {
      // Round 0 warms the page cache and the node binary; it is not counted.
      log(`cli: ${tool.name}${round === 0 ? ' (warm-up)' : ` run ${round}/${runs}`}`);
      const r = await runMeasured(tool.args, { cwd: tool.cwd ?? ROOT, timeoutMs: Math.max(180_000, count * 60), label: tool.name });
      if (!tool.ok(r)) {
        throw new Error(`${tool.name} failed (exit ${r.code}${r.signal ? `, ${r.signal}` : ''}):\n${r.errHead || r.outHead}`);
      }
      if (round > 0) results[tool.key].push(r);
    }
  }
  const summary = {};
  for (const tool of tools) {
    const rs = results[tool.key];
    summary[tool.key] = {
      name: tool.name,
      command: `node ${tool.args.map((a) => a.replace(ROOT + '/', '')).join(' ')}${tool.cwd ? ` (in the reports folder)` : ''}`,
      runs: rs.length,
      wallMs: median(rs.map((r) => r.wallMs)),
      wallMsAll: rs.map((r) => r.wallMs),
      peakRss: Math.max(...rs.map((r) => r.peakRss)),
      filesChecked: tool.checked(rs[rs.length - 1]),
      outputBytes: rs[rs.length - 1].outBytes + rs[rs.length - 1].errBytes,
    };
  }
  return { files: count, bytes, cores: availableParallelism(), peakRssMethod: peakRssMethod(), tools: summary };
}
