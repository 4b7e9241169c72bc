#!/usr/bin/env node
// Writes the fixtures of the cross-report rules (carry-over-mismatch,
// copied-text, duplicate-report) to test/fixtures/cross/<case>/: real reports
// of test/fixtures/corpus/ and "next year" reports made from them — the
// section-三 carried-over rows set from the original's 四、结转下年度继续办理
// (equal or deliberately not), the years moved on, the prose of sections 一
// and 五 kept with its numbers changed (a copy), partly rewritten, or taken
// from another agency's report (not a copy). Where cells are comes from the
// engine's reading of the original, so every made report still adds up.
//
//   node scripts/cross-fixtures.mjs           write them (after npm run build)
//   node scripts/cross-fixtures.mjs --check   exit 1 when a checked-in file differs, is missing or is left over
//
// Deterministic: no randomness at all.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const CROSS_DIR = join(ROOT, 'test', 'fixtures', 'cross');
const CORPUS = join(ROOT, 'test', 'fixtures', 'corpus');
const engine = createRequire(import.meta.url)(join(ROOT, 'server', 'out', 'engine.js'));

const corpus = (name) => readFileSync(join(CORPUS, `${name}.txt`), 'utf8');

// ---------------------------------------------------------------- edits of a report

/** Applies offset edits ({start, end, text}), last first. */
function apply(text, edits) {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function row(analysis, table, key) {
  const r = analysis.model.tables.find((t) => t.id === table)?.rows.find((x) => x.key === key);
  if (!r) throw new Error(`no row ${table}/${key}`);
  return r;
}

const num = (c) => (c.value.kind === 'number' ? c.value.value : 0);

/**
 * Sets section 三's 二、上年结转 to `carried` (by column) and moves 四、结转下年度
 * by the same amounts, so 一 + 二 = 三 + 四 still holds in every column.
 */
function setCarriedIn(text, carried) {
  const a = engine.analyse(text);
  const r2 = row(a, 'S3', 'R2');
  const r4 = row(a, 'S3', 'R4');
  const edits = [];
  for (const c of r2.cells) {
    const to = carried[c.column];
    if (to === undefined) continue;
    const delta = to - num(c);
    edits.push({ start: c.span.start, end: c.span.end, text: String(to) });
    const out = r4.cells.find((x) => x.column === c.column);
    edits.push({ start: out.span.start, end: out.span.end, text: String(num(out) + delta) });
  }
  return apply(text, edits);
}

/** Writes numbers into section 二 第二十条第（一）项 (row → column → value). */
function setRules(text, values) {
  const a = engine.analyse(text);
  const edits = [];
  for (const [key, cols] of Object.entries(values)) {
    for (const c of row(a, 'S2_一', key).cells) {
      if (cols[c.column] !== undefined) edits.push({ start: c.span.start, end: c.span.end, text: String(cols[c.column]) });
    }
  }
  return apply(text, edits);
}

/** Every year 2000–2049 written in digits moves by `by` (title, period, dates). */
function shiftYears(text, by) {
  return text.replace(/(?<![0-9])(20[0-4][0-9])(?![0-9])/g, (y) => String(Number(y) + by));
}

/** The text of sections 一 and 五 after their heading lines (the prose a copy keeps). */
function bodies(text) {
  const a = engine.analyse(text);
  return a.model.sections
    .filter((s) => s.id === 1 || s.id === 5)
    .map((s) => ({ id: s.id, start: s.heading.span.end, end: s.span.end, text: text.slice(s.heading.span.end, s.span.end) }));
}

/** Sections 一 and 五 with every number in them changed (n → n + 1, not years): last year's words, this year's numbers. */
function changeProseNumbers(text) {
  return apply(
    text,
    bodies(text).map((b) => ({ ...b, text: b.text.replace(/(?<![0-9])([0-9]{1,3})(?![0-9])/g, (n) => String(Number(n) + 1)) })),
  );
}

/** Sections 一 and 五 as another report writes them: not a copy. */
function proseOf(text, donor) {
  const from = Object.fromEntries(bodies(donor).map((b) => [b.id, b.text]));
  return apply(
    text,
    bodies(text).map((b) => ({ ...b, text: from[b.id] })),
  );
}

/** Replaces `count` sentences spread evenly over sections 一 and 五 with another report's (a light rewrite). */
function rewriteSentences(text, donor, count) {
  const sentences = (s) => s.match(/[^。；\n]+[。；]/g) ?? [];
  const mine = bodies(text).flatMap((b) => sentences(b.text));
  const theirs = sentences(bodies(donor)[0].text);
  const step = Math.max(1, Math.floor(mine.length / count));
  let out = text;
  for (let i = 0; i < count; i++) out = out.replace(mine[(i * step) % mine.length], theirs[i % theirs.length]);
  return out;
}

const crlf = (text) => text.replace(/\r?\n/g, '\r\n');

// ---------------------------------------------------------------- the cases

function carriedOutOf(text) {
  return Object.fromEntries(row(engine.analyse(text), 'S3', 'R4').cells.map((c) => [c.column, num(c)]));
}

/** changchun 2023 made into its 2024 report: R2 = 2023's R4 (+ `off`), 现行有效 = 2023's + 制发 − 废止 (+ `offInForce`). */
function changchunNext({ off = {}, offInForce = 0, prose = 'donor' } = {}) {
  const base = corpus('changchun-guodongban-2023');
  const carried = carriedOutOf(base);
  for (const [k, v] of Object.entries(off)) carried[k] += v;
  let next = setCarriedIn(base, carried);
  // 2024: 3 normative documents issued, 1 repealed; in force 2 + 3 − 1 = 4.
  next = setRules(next, { GF: { ZF: 3, FZ: 1, XX: 4 + offInForce } });
  if (prose === 'donor') next = proseOf(next, corpus('shandong-guodongban-2023'));
  else if (prose === 'copy') next = changeProseNumbers(next);
  else if (prose === 'edited') next = rewriteSentences(changeProseNumbers(next), corpus('shandong-guodongban-2023'), 3);
  return shiftYears(next, 1);
}

/** hongze 2024 made into its 2025 report, carrying 2 more applications in than 2024 carried out. */
function hongze2025() {
  const base = corpus('hongze-2024');
  const carried = carriedOutOf(base);
  carried.NP += 2;
  carried.TOT += 2;
  return shiftYears(changeProseNumbers(setCarriedIn(base, carried)), 1);
}

/** Every fixture file: path under test/fixtures/cross/ → text. */
export function crossFixtures() {
  const files = {};
  const hz23 = corpus('hongze-2023');
  const hz24 = corpus('hongze-2024');
  const cc23 = corpus('changchun-guodongban-2023');
  // Real consecutive years of one agency (its name written two ways): silent.
  files['real/hongze-2023.txt'] = hz23;
  files['real/hongze-2024.txt'] = hz24;
  // Carried over as last year carried forward, prose of its own: silent.
  files['carry/changchun-2023.txt'] = cc23;
  files['carry/changchun-2024.txt'] = changchunNext();
  // One application fewer carried in (自然人 and 总计), and 现行有效件数 one more than last year's + 制发 − 废止.
  files['carry-differs/changchun-2023.txt'] = cc23;
  files['carry-differs/changchun-2024.txt'] = changchunNext({ off: { NP: -1, TOT: -1 }, offInForce: 1 });
  // Last year's prose with this year's numbers: a copy.
  files['copy/changchun-2023.txt'] = cc23;
  files['copy/changchun-2024.txt'] = changchunNext({ prose: 'copy' });
  // … and with 3 of its 25 sentences rewritten: still a copy (about 82% the same).
  files['copy-edited/changchun-2023.txt'] = cc23;
  files['copy-edited/changchun-2024.txt'] = changchunNext({ prose: 'edited' });
  // The differing report without its last year (2022 is two years back; another agency's 2023): silent.
  files['no-last-year/changchun-2022.txt'] = shiftYears(cc23, -1);
  files['no-last-year/changchun-2024.txt'] = changchunNext({ off: { NP: -1, TOT: -1 }, offInForce: 1 });
  files['no-last-year/shandong-2023.txt'] = corpus('shandong-guodongban-2023');
  // One report twice (a copy saved with Windows line endings) and a second version of it.
  files['duplicate/hongze-2024.txt'] = hz24;
  files['duplicate/hongze-2024 (1).txt'] = crlf(hz24);
  files['duplicate/hongze-2024-v2.txt'] = hz24.replace('报告中所列数据统计期限', '本报告所列数据的统计期限');
  // A folder as a reviewer gets it: three years of one agency, the last carried in wrongly and copied, and a duplicate.
  files['series/hongze-2023.txt'] = hz23;
  files['series/hongze-2024.txt'] = hz24;
  files['series/hongze-2025.txt'] = hongze2025();
  files['series/copies/hongze-2025.txt'] = hongze2025();
  return files;
}

// ---------------------------------------------------------------- write or check

function listed(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) listed(p, out);
    else out.push(relative(CROSS_DIR, p).split('\\').join('/'));
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = crossFixtures();
  const check = process.argv.includes('--check');
  const problems = [];
  const present = new Set(listed(CROSS_DIR));
  for (const [path, text] of Object.entries(files)) {
    const full = join(CROSS_DIR, path);
    if (check) {
      if (!existsSync(full)) problems.push(`missing: ${path}`);
      else if (readFileSync(full, 'utf8') !== text) problems.push(`differs: ${path}`);
    } else {
      mkdirSync(join(full, '..'), { recursive: true });
      writeFileSync(full, text);
    }
    present.delete(path);
  }
  for (const left of present) {
    if (check) problems.push(`left over: ${left}`);
    else rmSync(join(CROSS_DIR, left));
  }
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\nrun: node scripts/cross-fixtures.mjs\n`);
    process.exit(1);
  }
  process.stdout.write(check ? 'cross fixtures agree\n' : `wrote ${Object.keys(files).length} files to ${relative(ROOT, CROSS_DIR)}/\n`);
}
