#!/usr/bin/env node
// The reader's progress dashboard: for every form of every report
// (test/fixtures/forms/, made by scripts/make-forms.mjs) and, when pdftotext is
// on PATH, the real `pdftotext -layout` / `-raw` text of ../shared/corpus/pdf/,
// what the engine reads against what it reads from the original:
//   cells     table cells of 二, 三, 四 read right (value, or blank for blank) / all
//   sections  section ids found that the original has / the original's ids
//   false     error findings the original does not have (by rule and
//             location-free key; the finding's id once the engine gives one)
//   missing   the original's error findings not found
//
//   node scripts/measure-forms.mjs            a table per report × form, totals by form, totals
//   node scripts/measure-forms.mjs --json     the same, for machines
//   node scripts/measure-forms.mjs --cells    also list the first wrong cells of each form
//   node scripts/measure-forms.mjs --only hongze-2023,fused   only rows matching any of these
//   node scripts/measure-forms.mjs --no-pdf   skip the real PDFs
//   node scripts/measure-forms.mjs --known-gaps   print KNOWN_GAPS for test/engine/forms.test.mjs
//   --engine <path>                           measure another engine.js
// Run `npm run build` first. Exit code 0 always (a dashboard, not a gate:
// test/engine/forms.test.mjs is the gate).
import { readFileSync } from 'node:fs';
import { FORMS, loadEngine, measure, measuredItems, score } from './forms-lib.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const started = performance.now();
const engine = loadEngine(option('--engine'));
const only = option('--only')?.split(',').filter(Boolean);
const { items, pdf } = measuredItems({ withPdf: !flag('--no-pdf') });
const originals = new Map();
const originalOf = (path) => {
  if (!originals.has(path)) originals.set(path, engine.analyse(readFileSync(path, 'utf8')));
  return originals.get(path);
};

const rows = [];
for (const item of items) {
  if (only && !only.some((o) => item.report.includes(o) || item.form === o || `${item.report}.${item.form}`.includes(o))) continue;
  if (item.text === undefined) {
    rows.push({ report: item.report, form: item.form, missing: 'form file missing (run node scripts/make-forms.mjs)' });
    continue;
  }
  if (!item.original) {
    rows.push({ report: item.report, form: item.form, missing: 'no original text to compare with' });
    continue;
  }
  const t0 = performance.now();
  const c = measure(engine, originalOf(item.original), engine.analyse(item.text), item.form);
  rows.push({ report: item.report, form: item.form, ms: +(performance.now() - t0).toFixed(1), ...c, score: score(c) });
}

const measured = rows.filter((r) => !r.missing);
const sum = (list, k) => list.reduce((n, r) => n + (typeof r[k] === 'number' ? r[k] : r[k].length), 0);
const totals = (list) => ({
  forms: list.length,
  formsRight: list.filter((r) => r.ok).length,
  cellsRight: sum(list, 'cellsRight'),
  cellsHonestUnread: sum(list, 'cellsHonestUnread'),
  cellsExpected: sum(list, 'cellsExpected'),
  sectionsRight: sum(list, 'sectionsRight'),
  sectionsExpected: sum(list, 'sectionsExpected'),
  falseErrors: sum(list, 'falseErrors'),
  missingErrors: sum(list, 'missingErrors'),
});
const formOrder = [...FORMS.map((f) => f.form), 'pdftotext-layout', 'pdftotext-raw'];
const byForm = formOrder.map((form) => ({ form, ...totals(measured.filter((r) => r.form === form)) })).filter((t) => t.forms > 0);
const all = totals(measured);
const elapsed = +(performance.now() - started).toFixed(0);

if (flag('--known-gaps')) {
  console.log('export const KNOWN_GAPS = {');
  for (const r of measured.filter((x) => !x.ok)) console.log(`  '${r.report}.${r.form}': '${r.score}',`);
  console.log('};');
} else if (flag('--json')) {
  console.log(JSON.stringify({ rows, byForm, totals: all, pdftotext: pdf.available ? 'measured' : pdf.why, ms: elapsed }, null, 2));
} else {
  const pct = (a, b) => (b ? `${(Math.floor((1000 * a) / b) / 10).toFixed(1)}%` : '-');
  const pad = (s, n) => {
    const str = String(s);
    const w = [...str].reduce((k, ch) => k + (ch.codePointAt(0) > 0x2e80 ? 2 : 1), 0);
    return str + ' '.repeat(Math.max(0, n - w));
  };
  const padL = (s, n) => ' '.repeat(Math.max(0, n - String(s).length)) + s;
  const header = `${pad('report', 27)}${pad('form', 18)}${padL('cells', 9)}${padL('', 8)}${padL('unread*', 8)}${padL('sections', 10)}${padL('false', 7)}${padL('missing', 9)}  ok`;
  console.log(header);
  console.log('-'.repeat(header.length));
  let last;
  for (const r of rows) {
    if (last !== undefined && r.report !== last) console.log('');
    last = r.report;
    if (r.missing) {
      console.log(`${pad(r.report, 27)}${pad(r.form, 18)}  ${r.missing}`);
      continue;
    }
    console.log(
      `${pad(r.report, 27)}${pad(r.form, 18)}${padL(`${r.cellsRight}/${r.cellsExpected}`, 9)}${padL(pct(r.cellsRight, r.cellsExpected), 8)}${padL(r.cellsHonestUnread || '', 8)}${padL(`${r.sectionsRight}/${r.sectionsExpected.length}`, 10)}${padL(r.falseErrors.length, 7)}${padL(r.missingErrors.length, 9)}  ${r.ok ? 'yes' : '-'}`,
    );
    if (flag('--cells') && !r.ok) {
      for (const w of r.wrongCells.slice(0, 6)) console.log(`${' '.repeat(47)}${w.where}: read ${w.read}, expected ${w.expected}`);
      for (const e of r.falseErrors.slice(0, 3)) console.log(`${' '.repeat(47)}false: ${e}`);
      if (r.sectionsFound.join() !== r.sectionsExpected.join())
        console.log(`${' '.repeat(47)}sections: ${r.sectionsFound.join(',') || '(none)'}`);
    }
  }
  console.log('');
  console.log('by form');
  console.log(
    `${pad('form', 18)}${padL('right', 7)}${padL('cells', 13)}${padL('', 8)}${padL('sections', 10)}${padL('false', 7)}${padL('missing', 9)}`,
  );
  for (const t of byForm) {
    console.log(
      `${pad(t.form, 18)}${padL(`${t.formsRight}/${t.forms}`, 7)}${padL(`${t.cellsRight}/${t.cellsExpected}`, 13)}${padL(pct(t.cellsRight, t.cellsExpected), 8)}${padL(`${t.sectionsRight}/${t.sectionsExpected}`, 10)}${padL(t.falseErrors, 7)}${padL(t.missingErrors, 9)}`,
    );
  }
  console.log('');
  console.log(
    `totals: ${all.formsRight}/${all.forms} forms read right; cells ${all.cellsRight}/${all.cellsExpected} (${pct(all.cellsRight, all.cellsExpected)}); sections ${all.sectionsRight}/${all.sectionsExpected}; ${all.falseErrors} false errors, ${all.missingErrors} missing errors`,
  );
  console.log(
    "* fused only: cells counted right because they are honestly unread where fused digits cannot be split back (several cuts, or none, fit the row's own sums)",
  );
  console.log(`real PDFs (pdftotext): ${pdf.available ? 'measured' : `not measured — ${pdf.why}`}; ${elapsed} ms`);
}
