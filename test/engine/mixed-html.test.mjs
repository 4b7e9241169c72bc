// @ts-check
// Markdown with HTML tables, as MinerU, docling and marker write a report:
// every report's web page made into that shape by scripts/mixed-forms.mjs
// must read like its page (every cell of 二, 三, 四, the sections, the same
// finding ids; like the original text where there is one), keep its text
// outside the tables line for line, and take a fix inside a cell in the right
// place of the Markdown. A <table> only inside a ``` fence stays plain text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engine, errorIds } from './helpers.mjs';
import { readers, ROOT } from '../lib/bundles.mjs';
import { mixedForms } from '../../scripts/mixed-forms.mjs';
import { describeDifference, measure, score } from '../../scripts/forms-lib.mjs';
import { defined } from '../lib/narrow.mjs';

const html = readers.html;
const AS_IS = { textOutsideTablesAsIs: true };
const forms = mixedForms(engine, html);

// A statistics-period id names the year's offset in the prose, which the Markdown's `# ` and `## ` shift: compared without it.
const ids = (/** @type {import('../../server/src/engine/index.ts').Analysis} */ a) =>
  a.findings.map((f) => f.id.replace(/^(year-mismatch:period)\/\d+$/, '$1')).sort();

/** The CLI's JSON check of one file. */
function cliCheck(/** @type {string} */ name, /** @type {string} */ text) {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-mixed-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, text);
    const r = spawnSync(process.execPath, [join(ROOT, 'server/out/cli.js'), 'check', '--format', 'json', file], { encoding: 'utf8' });
    /** @type {{ diagnostics?: { id: string, line: number, column: number }[] }[]} */
    const out = JSON.parse(r.stdout);
    return defined(out[0]?.diagnostics, r.stdout + r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('every fixture and every corpus page is made into Markdown with HTML tables', () => {
  assert.ok(forms.length >= 6);
  for (const f of forms) {
    const md = f.bytes.toString('utf8');
    assert.match(md, /^<table><tr><td[^>]*>/m, f.report);
    assert.match(md, /^## 三、/m, f.report);
  }
});

for (const f of forms) {
  test(`${f.report}.${f.form}: reads like its page, with the same finding ids`, () => {
    const md = f.bytes.toString('utf8');
    const analysis = engine.analyse(html.readHtml(md, AS_IS).text);
    const page = engine.analyse(html.readHtml(f.page).text);
    const c = measure(engine, page, analysis, f.form);
    assert.ok(c.ok, `against the page: ${score(c)}\n${describeDifference(c)}`);
    assert.deepEqual(ids(analysis), ids(page));
    if (f.original) {
      const original = engine.analyse(readFileSync(f.original, 'utf8'));
      const o = measure(engine, original, analysis, f.form);
      assert.ok(o.ok, `against the original text: ${score(o)}\n${describeDifference(o)}`);
      assert.deepEqual(errorIds(analysis), errorIds(original));
    }
  });

  test(`${f.report}.${f.form}: the text outside the tables is kept line for line, each line mapped to itself`, () => {
    const md = f.bytes.toString('utf8');
    const reading = html.readHtml(md, AS_IS);
    const isTable = (/** @type {string} */ l) => l.startsWith('<table');
    const outside = md.split('\n').filter((l) => !isTable(l));
    // The reading's lines that come from outside a table: those whose first character maps to a non-table source line.
    const kept = [];
    let start = 0;
    for (const line of reading.text.split('\n')) {
      const at = reading.toSource(start);
      const sourceLine = md.slice(md.lastIndexOf('\n', at - 1) + 1, md.indexOf('\n', at) < 0 ? md.length : md.indexOf('\n', at));
      if (!isTable(sourceLine)) {
        kept.push(line);
        if (line !== '') assert.equal(md.slice(at, reading.toSourceEnd(start + line.length)), line);
      }
      start += line.length + 1;
    }
    assert.deepEqual(
      kept.filter((l) => l !== ''),
      outside.filter((l) => l !== ''),
    );
  });
}

test('a fix inside a table cell lands in that cell of the Markdown source, which then reads fixed', () => {
  /** @type {Map<string, boolean[]>} */
  const placed = new Map();
  for (const f of forms) {
    const md = f.bytes.toString('utf8');
    const reading = html.readHtml(md, AS_IS);
    const a = engine.analyse(reading.text);
    for (const finding of a.findings) {
      if (finding.rule !== 'nonstandard-label' && finding.rule !== 'blank-cell' && finding.rule !== 'sum-mismatch') continue;
      for (const fix of engine.verifiedFixes(a, finding)) {
        const edits = html.htmlEdits(md, reading, fix.edits, a.index);
        placed.set(finding.rule, [...(placed.get(finding.rule) ?? []), edits !== undefined]);
        if (!edits) continue;
        const after = html.applyOffsetEdits(md, edits);
        // A finding in a table: its edits inside a cell of that table's line, every line outside the tables untouched.
        const at = reading.toSource(a.index.offsetAt(finding.range.start));
        const lineOf = (/** @type {number} */ x) => md.slice(md.lastIndexOf('\n', x - 1) + 1, md.indexOf('\n', x));
        if (!lineOf(at).startsWith('<table')) continue;
        for (const e of edits) {
          assert.equal(lineOf(e.start), lineOf(at), `${f.report}: ${finding.id} edits its table's line`);
          const before = md.slice(md.lastIndexOf('\n', e.start - 1) + 1, e.start);
          assert.ok(before.lastIndexOf('<td') > before.lastIndexOf('</td>'), `${f.report}: ${finding.id} edits inside a <td>`);
        }
        const rest = (/** @type {string} */ s) => s.split('\n').filter((l) => !l.startsWith('<table'));
        assert.deepEqual(rest(after), rest(md));
        const fixed = engine.analyse(html.readHtml(after, AS_IS).text);
        assert.ok(!fixed.findings.some((x) => x.id === finding.id), `${f.report}: ${finding.id} gone after ${fix.title.zh}`);
      }
    }
  }
  for (const rule of ['nonstandard-label', 'blank-cell']) {
    const p = placed.get(rule) ?? [];
    assert.ok(p.length > 0 && p.every(Boolean), `${rule}: every fix placed (${p})`);
  }
});

test('the CLI reads Markdown with HTML tables through the HTML reader; with the tables only inside ``` fences it stays plain text', () => {
  const f = defined(forms.find((x) => x.report === 'hongze-2023'));
  const md = f.bytes.toString('utf8');
  const mixed = engine.analyse(html.readHtml(md, AS_IS).text);
  assert.deepEqual(
    cliCheck('r.md', md)
      .map((d) => d.id)
      .sort(),
    ids(mixed),
  );
  // The same text with every table fenced as code: read as it is, findings and positions of the text path.
  const fenced = md.replace(/^(<table.*)$/gm, '```html\n$1\n```');
  const plain = engine.analyse(fenced);
  const got = cliCheck('r.md', fenced);
  assert.deepEqual(
    got.map((d) => `${d.id}@${d.line}:${d.column}`).sort(),
    plain.findings.map((x) => `${x.id}@${x.range.start.line + 1}:${x.range.start.character + 1}`).sort(),
  );
  assert.notDeepEqual(ids(plain), ids(mixed));
  // A text file holding them is read the same way as Markdown.
  assert.deepEqual(
    cliCheck('r.txt', md)
      .map((d) => d.id)
      .sort(),
    ids(mixed),
  );
});
