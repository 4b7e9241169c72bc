#!/usr/bin/env node
// Golden snapshots: what the engine says about every report fixture and
// every variant — each finding with its exact span, messages, related
// locations and the fixes the editor offers (with the text each one
// produces), the fix-all result, and a digest of the report model.
//
//   node scripts/golden.mjs                 compare the build with test/fixtures/golden/
//   node scripts/golden.mjs --update        (re)write the snapshots from the build
//   --engine <path>                         use another engine.js (default: server/out/engine.js)
//   --only <name>[,<name>…]                 only these documents (e.g. variant-crlf, corpus-hongze-2023)
//
// test/engine/golden.test.mjs runs the comparison under node:test.

import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FIXTURES = `${ROOT}test/fixtures/`;
export const GOLDEN_DIR = `${FIXTURES}golden/`;
export const DEFAULT_ENGINE = `${ROOT}server/out/engine.js`;

export function loadEngine(path = DEFAULT_ENGINE) {
  return createRequire(import.meta.url)(resolve(path));
}

// ---------------------------------------------------------------- the documents

/** Every report fixture (as test/engine/helpers.mjs reportFixtures() lists them) and every variant. */
export async function goldenDocuments() {
  const docs = [];
  for (const dir of ['corpus', 'made']) {
    for (const file of readdirSync(FIXTURES + dir).sort()) {
      if (file.endsWith('.json')) continue;
      docs.push({
        id: `${dir}-${file.replace(/\.(txt|md)$/, '')}`,
        label: `${dir}/${file}`,
        source: `${dir}/${file}`,
        text: readFileSync(`${FIXTURES}${dir}/${file}`, 'utf8'),
      });
    }
  }
  const { VARIANTS, BASES, baseText } = await import(pathToFileURL(`${ROOT}test/engine/variants.mjs`).href);
  for (const v of VARIANTS) {
    docs.push({ id: `variant-${v.name}`, label: `variant ${v.name}`, source: BASES[v.base], text: v.edit(baseText(v.base)) });
  }
  for (const d of docs) d.options = d.source.endsWith('.md') ? { layoutHint: 'markdown' } : {}; // as the editor opens a .md file
  return docs;
}

// ---------------------------------------------------------------- the snapshot

const range = (r) => ({
  start: { line: r.start.line, character: r.start.character },
  end: { line: r.end.line, character: r.end.character },
});

function cellValue(v) {
  if (v.kind === 'number') return v.value;
  if (v.kind === 'blank') return null;
  return v.text;
}

function modelDigest(model) {
  if (!model.isReport) return { isReport: false };
  return {
    isReport: true,
    format: model.format,
    title: model.title ? model.title.text : null,
    year: model.year ?? null,
    sections: model.sections.map((s) => ({ id: s.id, heading: s.heading.text })),
    tables: model.tables.map((t) => ({
      id: t.id,
      layout: t.layout,
      rows: t.rows.map((r) => ({ key: r.key, cells: Object.fromEntries(r.cells.map((c) => [c.column, cellValue(c.value)])) })),
    })),
    unreadableTables: model.unreadableTables.map((u) => ({ section: u.section, range: range(u.range), reason: u.reason.zh })),
  };
}

/** The fixes the editor shows for a finding (server/src/lsp/codeActions.ts: fixesOf + quickFixes). */
function editorFixes(engine, analysis, finding) {
  const verify = engine.ruleById ? engine.ruleById(finding.rule)?.verifyFixes : true;
  const fixes = verify && finding.fixes.length > 0 ? engine.verifiedFixes(analysis, finding) : finding.fixes;
  return fixes.filter((f) => f.edits.length > 0);
}

function fixed(engine, analysis, edits) {
  try {
    return { changes: lineChanges(analysis.text, engine.applyEdits(analysis.text, edits, analysis.index)) };
  } catch (e) {
    return { error: String(e?.message ?? e) };
  }
}

export function snapshot(engine, doc) {
  const analysis = engine.analyse(doc.text, doc.options);
  const { text, index } = analysis;
  const findings = analysis.findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    range: range(f.range),
    text: text.slice(index.offsetAt(f.range.start), index.offsetAt(f.range.end)),
    message: { zh: f.message.zh, en: f.message.en },
    related: f.related.map((r) => ({ range: range(r.range), message: r.message.zh })),
    fixes: editorFixes(engine, analysis, f).map((fix) => ({
      title: fix.title.zh,
      safe: fix.safe,
      preferred: fix.preferred,
      ...fixed(engine, analysis, fix.edits),
    })),
  }));
  const all = engine.applySafeFixes(doc.text, doc.options);
  return {
    document: doc.label,
    source: doc.source,
    options: doc.options,
    input: { sha256: createHash('sha256').update(doc.text).digest('hex').slice(0, 16), lines: doc.text.split('\n').length },
    model: modelDigest(analysis.model),
    ruleErrors: analysis.ruleErrors.map((e) => e.rule),
    findings,
    fixAll: { applied: all.applied, passes: all.passes, changes: lineChanges(doc.text, all.text) },
  };
}

// ---------------------------------------------------------------- changed lines

/**
 * The lines that differ between two texts, as hunks: `line` is the 1-based
 * line of the old text where the hunk starts (for a pure insertion: the line
 * it goes before), `before` the old lines it replaces, `after` the new ones.
 * Lines are split on \n only, so a \r stays visible at the end of its line.
 */
export function lineChanges(oldText, newText) {
  if (oldText === newText) return [];
  const a = oldText.split('\n');
  const b = newText.split('\n');
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const pairs = am.length * bm.length > 4e6 ? [] : lcs(am, bm);
  const hunks = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [am.length, bm.length]]) {
    if (pi > i || pj > j) hunks.push({ line: pre + i + 1, before: am.slice(i, pi), after: bm.slice(j, pj) });
    i = pi + 1;
    j = pj + 1;
  }
  return hunks;
}

/** Index pairs of a longest common subsequence of two line arrays. */
function lcs(a, b) {
  const n = a.length;
  const m = b.length;
  const t = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) t[i][j] = a[i] === b[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) out.push([i++, j++]);
    else if (t[i + 1][j] >= t[i][j + 1]) i++;
    else j++;
  }
  return out;
}

// ---------------------------------------------------------------- writing

/** Pretty JSON with short containers on one line; key order is the order built above. */
export function formatJson(value) {
  return `${fmt(value, '')}\n`;
}

function fmt(value, indent) {
  const flat = JSON.stringify(value);
  if (value === null || typeof value !== 'object' || flat.length + indent.length <= 110) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + fmt(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${fmt(v, inner)}`).join(',\n')}\n${indent}}`;
}

export const snapshotPath = (doc) => `${GOLDEN_DIR}${doc.id}.json`;

export function readSnapshot(doc) {
  const path = snapshotPath(doc);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

// ---------------------------------------------------------------- comparing

const show = (v) => (v === undefined ? '(absent)' : JSON.stringify(v));
const findingId = (f) => `${f.rule}@${f.range.start.line + 1}:${f.range.start.character + 1}`;

/** Paths (a.b[2].c) where two JSON values differ, at most `limit`. */
function differences(a, b, path, out, limit) {
  if (out.length >= limit) return out;
  if (a === b) return out;
  const container = (v) => v !== null && typeof v === 'object';
  if (!container(a) || !container(b) || Array.isArray(a) !== Array.isArray(b)) {
    out.push({ path, old: a, new: b });
    return out;
  }
  if (Array.isArray(a)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) differences(a[i], b[i], `${path}[${i}]`, out, limit);
  } else {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) differences(a[k], b[k], path ? `${path}.${k}` : k, out, limit);
  }
  return out;
}

/**
 * What changed from the snapshot `old` to `now`, as readable lines (empty
 * when they agree): the input, the model, then finding by finding — findings
 * that appeared or vanished, and for the others the first fields that differ.
 */
export function compareSnapshots(old, now, limit = 8) {
  const lines = [];
  if (old.input.sha256 !== now.input.sha256)
    lines.push(`the input text changed (${old.input.sha256} → ${now.input.sha256}): the snapshot is stale, not necessarily the engine`);
  for (const part of ['options', 'model', 'ruleErrors', 'fixAll']) {
    for (const d of differences(old[part], now[part], part, [], limit))
      lines.push(`${d.path}:\n    old ${show(d.old)}\n    new ${show(d.new)}`);
  }
  const oldIds = old.findings.map(findingId);
  const newIds = now.findings.map(findingId);
  const matched = lcs(oldIds, newIds);
  const inOld = new Set(matched.map(([i]) => i));
  const inNew = new Set(matched.map(([, j]) => j));
  old.findings.forEach((f, i) => inOld.has(i) || lines.push(`finding #${i} ${findingId(f)} is gone: ${f.message.zh}`));
  now.findings.forEach((f, j) => inNew.has(j) || lines.push(`finding #${j} ${findingId(f)} is new: ${f.message.zh}`));
  for (const [i, j] of matched) {
    const ds = differences(old.findings[i], now.findings[j], '', [], limit);
    if (ds.length === 0) continue;
    lines.push(`finding #${j} ${findingId(now.findings[j])} (${now.findings[j].message.zh}):`);
    for (const d of ds) lines.push(`  ${d.path}:\n    old ${show(d.old)}\n    new ${show(d.new)}`);
    if (lines.length > 60) break;
  }
  const physical = lines.flatMap((l) => l.split('\n'));
  if (physical.length > 80) return [...physical.slice(0, 80), `… and more`];
  return physical;
}

// ---------------------------------------------------------------- command line

async function main(argv) {
  const arg = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const update = argv.includes('--update');
  const only = arg('--only')?.split(',');
  const engine = loadEngine(arg('--engine') ?? DEFAULT_ENGINE);
  let docs = await goldenDocuments();
  if (only) {
    const unknown = only.filter((n) => !docs.some((d) => d.id === n || d.label === n));
    if (unknown.length) throw new Error(`no such document: ${unknown.join(', ')}`);
    docs = docs.filter((d) => only.includes(d.id) || only.includes(d.label));
  }
  let differing = 0;
  if (update) mkdirSync(GOLDEN_DIR, { recursive: true });
  for (const doc of docs) {
    const now = snapshot(engine, doc);
    if (update) {
      writeFileSync(snapshotPath(doc), formatJson(now));
      continue;
    }
    const old = readSnapshot(doc);
    const lines = old ? compareSnapshots(old, now) : ['no snapshot (node scripts/golden.mjs --update --only ' + doc.id + ')'];
    if (lines.length === 0) continue;
    differing++;
    console.log(`✗ ${doc.id}.json (${doc.label})\n  ${lines.join('\n  ')}\n`);
  }
  if (update && !only) {
    const keep = new Set(docs.map((d) => `${d.id}.json`));
    for (const f of readdirSync(GOLDEN_DIR)) if (f.endsWith('.json') && !keep.has(f)) unlinkSync(GOLDEN_DIR + f);
  }
  if (update) console.log(`wrote ${docs.length} snapshots to ${GOLDEN_DIR}`);
  else {
    const stale =
      only || !existsSync(GOLDEN_DIR)
        ? []
        : readdirSync(GOLDEN_DIR).filter((f) => f.endsWith('.json') && !docs.some((d) => `${d.id}.json` === f));
    for (const f of stale) console.log(`✗ ${f}: no such fixture or variant any more`);
    console.log(
      differing + stale.length === 0 ? `${docs.length} snapshots agree` : `${differing + stale.length} of ${docs.length} snapshots differ`,
    );
    if (differing + stale.length > 0) process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(e);
    process.exitCode = 2;
  });
}
