// A reviewer's folder of PDFs: 200 report PDFs (the real ones of
// ../shared/corpus/pdf, read in place, plus the forms LibreOffice and Chromium
// print from the reports' web pages, copied round to 200) checked by
// `xxgk check --jobs N <dir>` (every core) and `--jobs 1`, beside a shell
// loop of `pdftotext -layout` over the same files, one after another and N at
// a time (xargs -P N). Wall time and peak RSS of each (the CLI's worker
// threads share its process, so its peak is the whole run's). Targets: within
// 3× of the pdftotext loop, peak ≤ 400 MB.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { findPdftotext, loadEngine } from '../scripts/forms-lib.mjs';
import { loForms, loFormsAvailable } from '../scripts/lo-forms.mjs';
import { pdfForms, pdfFormsAvailable } from '../scripts/pdf-forms.mjs';
import { makeTempDir, median, msSince, peakRssMethod, ROOT, runMeasured, track } from './lib/util.mjs';

const PDF_DIR = join(ROOT, '..', 'shared', 'corpus', 'pdf');

/** The PDFs to copy: the real ones, then what LibreOffice and Chromium print here (each only when available). */
async function sources(work, log) {
  const out = [];
  if (existsSync(PDF_DIR))
    for (const n of readdirSync(PDF_DIR)
      .filter((x) => x.endsWith('.pdf'))
      .sort())
      out.push({ name: n, bytes: readFileSync(join(PDF_DIR, n)) });
  const engine = loadEngine();
  const made = { corpus: out.length, libreoffice: 0, chromium: 0 };
  if (loFormsAvailable().available) {
    log('pdf-folder: LibreOffice exports the web pages to PDF');
    for (const f of loForms(engine, { forms: ['lo-pdf-word', 'lo-pdf-cms', 'lo-pdf-odt'] }).filter((x) => x.bytes)) {
      out.push({ name: `${f.report}.${f.form}.pdf`, bytes: f.bytes });
      made.libreoffice++;
    }
  }
  if (pdfFormsAvailable().available) {
    log('pdf-folder: Chromium prints the web pages to PDF');
    for (const f of await pdfForms(engine, { dir: join(work, 'chromium') })) {
      out.push({ name: `${f.report}.${f.form}.pdf`, bytes: f.bytes });
      made.chromium++;
    }
    rmSync(join(work, 'chromium'), { recursive: true, force: true });
  }
  return { files: out, made };
}

/** Runs a shell command, measured like runMeasured (wall time; peak RSS of the largest process by /usr/bin/time -v). */
function runShell(script, { timeoutMs = 600_000 } = {}) {
  const useTime = peakRssMethod().startsWith('/usr/bin/time');
  const rssFile = join(makeTempDir('xxgk-bench-sh-'), 'rss');
  const [cmd, args] = useTime ? ['/usr/bin/time', ['-v', '-o', rssFile, 'bash', '-c', script]] : ['bash', ['-c', script]];
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = track(spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] }));
    let err = '';
    child.stderr.on('data', (d) => (err = (err + d).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const wallMs = msSince(t0);
      let peakRss = NaN;
      try {
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(rssFile, 'utf8'));
        if (m) peakRss = Number(m[1]) * 1024;
      } catch {
        // no report
      }
      if (code !== 0) reject(new Error(`${script.slice(0, 80)} failed (${code}): ${err}`));
      else resolve({ wallMs, peakRss, code });
    });
  });
}

export async function benchPdfFolder({ quick, log, count = 200, runs: fixedRuns }) {
  const pdftotext = findPdftotext();
  const work = makeTempDir('xxgk-bench-pdf-folder-');
  const { files, made } = await sources(work, log);
  if (files.length === 0) return { skipped: `no PDFs: ${PDF_DIR} is absent and neither LibreOffice nor Chromium is here` };
  const dir = join(work, 'pdfs');
  mkdirSync(dir);
  let bytes = 0;
  for (let k = 0; k < count; k++) {
    const f = files[k % files.length];
    const name = `${String(k).padStart(3, '0')}-${f.name}`;
    writeFileSync(join(dir, name), f.bytes);
    bytes += f.bytes.length;
  }
  const jobs = availableParallelism();
  log(
    `pdf-folder: ${count} PDFs (${made.corpus} real, ${made.libreoffice} LibreOffice, ${made.chromium} Chromium, copied round) in ${dir}`,
  );
  const cli = join(ROOT, 'server', 'out', 'cli.js');
  const checked = (r) => Number(/检查了 (\d+) 份报告|(\d+) report\(s\) checked/.exec(r.outTail)?.slice(1).find(Boolean) ?? NaN);
  const tools = [
    { key: 'xxgk', name: `xxgk check --jobs ${jobs}`, node: [cli, 'check', '--jobs', String(jobs), dir] },
    { key: 'xxgk1', name: 'xxgk check --jobs 1', node: [cli, 'check', '--jobs', '1', dir] },
  ];
  if (pdftotext) {
    const q = (s) => `'${s.replace(/'/g, "'\\''")}'`;
    tools.push(
      { key: 'loop', name: 'pdftotext -layout loop', sh: `for f in ${q(dir)}/*.pdf; do ${q(pdftotext)} -layout "$f" - >/dev/null; done` },
      {
        key: 'loopN',
        name: `pdftotext -layout, ${jobs} at a time (xargs -P ${jobs})`,
        sh: `ls -1 ${q(dir)}/*.pdf | xargs -d '\\n' -P ${jobs} -I{} ${q(pdftotext)} -layout {} - >/dev/null`,
      },
    );
  }
  const runs = fixedRuns ?? (quick ? 1 : 3);
  const results = Object.fromEntries(tools.map((t) => [t.key, []]));
  let files0;
  for (let round = 0; round <= runs; round++) {
    for (const t of tools) {
      log(`pdf-folder: ${t.name}${round === 0 ? ' (warm-up)' : ` run ${round}/${runs}`}`);
      const r = t.node ? await runMeasured(t.node, { timeoutMs: 900_000, label: t.name }) : await runShell(t.sh);
      if (t.node) {
        if (r.code !== 0 && r.code !== 1) throw new Error(`${t.name} failed (exit ${r.code}): ${r.errHead || r.outHead}`);
        files0 = checked(r);
      }
      if (round > 0) results[t.key].push(r);
    }
  }
  const summary = {};
  for (const t of tools) {
    const rs = results[t.key];
    summary[t.key] = {
      name: t.name,
      command: t.node ? `node ${t.node.map((a) => a.replace(ROOT + '/', '')).join(' ')}` : t.sh.replace(dir, '<dir>'),
      wallMs: median(rs.map((r) => r.wallMs)),
      peakRss: Math.max(...rs.map((r) => r.peakRss)),
    };
  }
  const ratio = (a, b) => (summary[a] && summary[b] ? summary[a].wallMs / summary[b].wallMs : NaN);
  return {
    files: count,
    bytes,
    made,
    jobs,
    checked: files0,
    rssMethod: peakRssMethod(),
    tools: summary,
    ratioParallel: ratio('xxgk', 'loopN'),
    ratioSequential: ratio('xxgk', 'loop'),
    ratioOneJob: ratio('xxgk1', 'loop'),
  };
}
