// Section 4c: the command-line checker over a province's mixed folder —
// 1,000 files of text, web pages (the generated HTML forms) and the real
// PDFs of ../shared/corpus/pdf — on 1 worker thread and on every core:
// throughput per core, and how it grows from one core to all of them.

import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { htmlForms } from '../scripts/html-forms.mjs';
import { PDF_DIR } from '../scripts/forms-lib.mjs';
import { writeCopies } from './lib/fixtures.mjs';
import { makeTempDir, median, peakRssMethod, ROOT, runMeasured } from './lib/util.mjs';

/** 1,000 files: 75 % text, 20 % web pages, 5 % PDFs (fewer when ../shared is absent). */
function writeMixed(dir, count) {
  const html = htmlForms();
  const pdfs = ['hongze-2023.pdf', 'hongze-2024.pdf'].map((n) => join(PDF_DIR, n)).filter((p) => existsSync(p));
  const nPdf = pdfs.length > 0 ? Math.round(count * 0.05) : 0;
  const nHtml = Math.round(count * 0.2);
  const text = writeCopies(join(dir, 'text'), count - nPdf - nHtml);
  mkdirSync(join(dir, 'html'), { recursive: true });
  mkdirSync(join(dir, 'pdf'), { recursive: true });
  let bytes = text.reduce((n, f) => n + f.bytes, 0);
  for (let i = 0; i < nHtml; i++) {
    const f = html[i % html.length];
    writeFileSync(join(dir, 'html', `${String(i).padStart(4, '0')}-${f.report}.${f.form}.html`), f.bytes);
    bytes += f.bytes.length;
  }
  for (let i = 0; i < nPdf; i++) copyFileSync(pdfs[i % pdfs.length], join(dir, 'pdf', `${String(i).padStart(4, '0')}.pdf`));
  return { text: text.length, html: nHtml, pdf: nPdf, bytes };
}

export async function benchCliMixed({ quick, log, files: count = 1000 }) {
  const dir = makeTempDir('xxgk-bench-mixed-');
  log(`cli-mixed: writing ${count} mixed files to ${dir}`);
  const made = writeMixed(dir, count);
  const cores = availableParallelism();
  const jobs = [...new Set([1, cores])];
  const runs = quick ? 1 : 2;
  const out = { files: count, ...made, cores, peakRssMethod: peakRssMethod(), byJobs: [] };
  for (const n of jobs) {
    const rs = [];
    for (let round = 0; round <= runs; round++) {
      log(`cli-mixed: --jobs ${n}${round === 0 ? ' (warm-up)' : ` run ${round}/${runs}`}`);
      const r = await runMeasured([join(ROOT, 'server', 'out', 'cli.js'), 'check', '--jobs', String(n), dir], {
        cwd: ROOT,
        timeoutMs: 600_000,
        label: `check --jobs ${n}`,
      });
      if (r.code !== 0 && r.code !== 1) throw new Error(`check --jobs ${n} failed (exit ${r.code}):\n${r.errHead || r.outHead}`);
      if (round > 0) rs.push(r);
    }
    const wallMs = median(rs.map((r) => r.wallMs));
    out.byJobs.push({ jobs: n, wallMs, filesPerSecond: count / (wallMs / 1000), peakRss: Math.max(...rs.map((r) => r.peakRss)) });
  }
  const one = out.byJobs[0];
  for (const b of out.byJobs) {
    b.speedup = one.wallMs / b.wallMs;
    b.perCore = b.filesPerSecond / b.jobs;
  }
  return out;
}
