// The texts the benchmark runs on: the sample reports, one report grown to
// a given size with long narrative sections, and many copies of the
// samples with varied numbers (for the CLI and the server's memory test).

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { ROOT } from './util.mjs';

export const FIXTURE_DIRS = ['test/fixtures/corpus', 'test/fixtures/made'];
export const SEED = 'test/fixtures/corpus/shandong-guodongban-2023.txt';

/** Every sample report: { name, path, ext, text }. */
export function loadFixtures() {
  const out = [];
  for (const dir of FIXTURE_DIRS) {
    for (const name of readdirSync(join(ROOT, dir)).sort()) {
      if (name.endsWith('.json')) continue;
      const path = join(dir, name);
      out.push({ name, path, ext: extname(name), text: readFileSync(join(ROOT, path), 'utf8') });
    }
  }
  if (out.length === 0) throw new Error(`no sample reports found under ${FIXTURE_DIRS.join(', ')}`);
  return out;
}

export const utf8Bytes = (text) => Buffer.byteLength(text, 'utf8');

/** How the editor analyses a file: Markdown with `{ layoutHint: 'markdown' }` (server/src/lsp/analyses.ts). */
export const optionsFor = (path) => (path.toLowerCase().endsWith('.md') ? { layoutHint: 'markdown' } : {});

/** The text forms of the reports that the rebuilt reader reads (scripts/make-forms.mjs). */
export const FORMS_DIR = 'test/fixtures/forms';
export const BENCH_FORMS = [
  { form: 'oneline', suffix: '.oneline.txt' },
  { form: 'fused', suffix: '.fused.txt' },
  { form: 'md-split', suffix: '.md-split.md' },
];

/**
 * Every form in BENCH_FORMS of every report: { name, path, ext, form, text }.
 * Missing forms (a checkout without test/fixtures/forms) give an empty list.
 */
export function loadForms() {
  let names;
  try {
    names = readdirSync(join(ROOT, FORMS_DIR)).sort();
  } catch {
    return [];
  }
  const out = [];
  for (const { form, suffix } of BENCH_FORMS) {
    for (const name of names) {
      if (!name.endsWith(suffix)) continue;
      const path = join(FORMS_DIR, name);
      out.push({ name, path, ext: extname(name), form, text: readFileSync(join(ROOT, path), 'utf8') });
    }
  }
  return out;
}

/** The plain-text samples of the before/after comparison: test/fixtures/corpus/*.txt and test/fixtures/made/*. */
export function loadPlainSamples() {
  return loadFixtures().filter((f) => f.path.startsWith('test/fixtures/made/') || f.ext === '.txt');
}

/**
 * A one-line form made one line (its few metadata lines joined with a
 * blank) and repeated, blank-separated, on that ONE line until it is about
 * `targetBytes` (UTF-8): the worst case for cutting long lines into
 * virtual lines — structure (headings, row labels, runs of values) all
 * along a multi-megabyte line.
 */
export function oneLineOf(form, targetBytes = 0) {
  const line = form.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  if (targetBytes <= 0) return line;
  const copies = Math.max(1, Math.ceil((targetBytes + 1) / (utf8Bytes(line) + 1)));
  return new Array(copies).fill(line).join(' ');
}

/**
 * The seed report grown to about `targetBytes` (UTF-8) by inserting prose
 * paragraphs — made of the report's own narrative sentences — at the end
 * of section 一 and of section 五, half each. Headings, tables and
 * everything else are untouched, so the findings stay those of the seed.
 */
export function growReport(seed, targetBytes, analyse) {
  const { model } = analyse(seed);
  const s1 = model.sections.find((s) => s.id === 1);
  const s5 = model.sections.find((s) => s.id === 5);
  if (!s1 || !s5) throw new Error('growth seed needs sections 一 and 五');
  const eol = seed.includes('\r\n') ? '\r\n' : '\n';
  const proseOf = (section) =>
    seed
      .slice(section.heading.span.end, section.span.end)
      .split(/\r?\n/)
      .map((l) => l.replace(/^\s*[（(][一二三四五六七八九十]+[)）]/, '').trim())
      .filter((l) => l.length >= 30 && !l.includes('\t'));
  // Sentences of the report's own prose, regrouped into paragraphs of one to
  // six sentences, so paragraph lengths vary (short lines are examined as
  // possible headings, long ones are not).
  const sentences = [...proseOf(s1), ...proseOf(s5)].flatMap((l) => l.split(/(?<=。)/)).filter((x) => x.length >= 8);
  if (sentences.length === 0) throw new Error('growth seed has no prose paragraphs in sections 一 and 五');
  const missing = targetBytes - utf8Bytes(seed);
  if (missing <= 0) return seed;
  let next = 0;
  const block = (bytes) => {
    const parts = [];
    let size = 0;
    for (let k = 0; size < bytes; k++) {
      let p = '';
      for (let n = (k % 6) + 1; n > 0; n--) p += sentences[next++ % sentences.length];
      // A full-width indent, as in the reports, and the paragraph's number so no two are equal.
      p = `　　${p.replace(/。$/, '')}（第${next}句）。${eol}`;
      parts.push(p);
      size += utf8Bytes(p);
    }
    return parts.join('');
  };
  // Insert at the end of each section's span (just before the next heading); later offset first.
  const at1 = s1.span.end;
  const at5 = s5.span.end;
  const tail = (at) => (at > 0 && seed[at - 1] !== '\n' && seed[at - 1] !== '\r' ? eol : '');
  const half = Math.ceil(missing / 2);
  let text = seed.slice(0, at5) + tail(at5) + block(missing - half) + seed.slice(at5);
  text = text.slice(0, at1) + tail(at1) + block(half) + text.slice(at1);
  return text;
}

/** mulberry32: a small deterministic PRNG, so every run checks the same files. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A copy of `text` with a few counts changed (numbers of one to three
 * digits — years and bookmark ids are left alone): copy 0 of each sample is
 * exact, the others have one to three numbers changed, so some tables no
 * longer add up, as in real drafts.
 */
export function variedCopy(text, i) {
  const changes = i % 4;
  if (changes === 0) return text;
  const random = prng(i + 1);
  const spots = [];
  for (const m of text.matchAll(/(?<![0-9_A-Za-z])[0-9]{1,3}(?![0-9])/g)) spots.push(m.index);
  if (spots.length === 0) return text;
  const chosen = new Set();
  while (chosen.size < Math.min(changes, spots.length)) chosen.add(spots[Math.floor(random() * spots.length)]);
  let out = text;
  for (const at of [...chosen].sort((a, b) => b - a)) {
    const m = /^[0-9]+/.exec(out.slice(at));
    out = out.slice(0, at) + String(Math.floor(random() * 120)) + out.slice(at + m[0].length);
  }
  return out;
}

/**
 * Writes `count` varied copies of the samples under `dir` (in sub-folders of
 * 100), keeping each sample's extension. Returns [{ path, ext, bytes }].
 */
export function writeCopies(dir, count, fixtures = loadFixtures()) {
  const files = [];
  for (let i = 0; i < count; i++) {
    const f = fixtures[i % fixtures.length];
    const sub = join(dir, `batch-${String(Math.floor(i / 100)).padStart(2, '0')}`);
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    const path = join(sub, `${String(i).padStart(4, '0')}-${f.name}`);
    const text = variedCopy(f.text, Math.floor(i / fixtures.length));
    writeFileSync(path, text);
    files.push({ path, ext: f.ext, bytes: utf8Bytes(text), text });
  }
  return files;
}
