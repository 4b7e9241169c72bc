// @ts-check
// Inline suppression: disable-next-line, disable … enable, disable-file; the
// comment lines are never report content (no finding from them, the tables
// and title read as without them), and a comment not on a line of its own is no directive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { engine, fixturesDir } from './helpers.mjs';
import { defined } from '../lib/narrow.mjs';

const SHANDONG = readFileSync(`${fixturesDir}corpus/shandong-guodongban-2023.txt`, 'utf8');
const CHANGCHUN_MD = readFileSync(`${fixturesDir}made/changchun-2023.md`, 'utf8');
const keys = (/** @type {import('../../server/src/engine/index.ts').Analysis} */ a) =>
  a.findings.map((f) => `${f.rule}@${f.range.start.line}`);
/** @param {string} text @param {number} line @param {string} comment */
const insertAt = (text, line, comment) => {
  const lines = text.split('\n');
  lines.splice(line, 0, comment);
  return lines.join('\n');
};
/** @param {string} k @param {number} at */
const shift = (k, at) => {
  const [rule, line] = k.split('@');
  return `${rule}@${Number(line) >= at ? Number(line) + 1 : line}`;
};

test('disable-next-line above each finding of a cell-per-line report removes exactly it', () => {
  const base = engine.analyse(SHANDONG);
  assert.ok(base.findings.length > 10);
  for (const f of base.findings) {
    const at = f.range.start.line;
    const a = engine.analyse(insertAt(SHANDONG, at, `<!-- xxgk-disable-next-line ${f.rule} -->`));
    const want = base.findings
      .filter((g) => g !== f && !(g.rule === f.rule && g.range.start.line === at))
      .map((g) => shift(`${g.rule}@${g.range.start.line}`, at));
    assert.deepEqual(keys(a).sort(), want.sort(), `${f.rule}@${at}`);
  }
});

test('the comment lines are not content: same title, sections, tables and cells', () => {
  const lines = CHANGCHUN_MD.split('\n');
  const commented = lines.flatMap((l, i) => (i % 7 === 3 ? ['<!-- xxgk-disable-next-line blank-cell -->', l] : [l])).join('\n');
  const a = engine.analyse(commented, { layoutHint: 'markdown' });
  const b = engine.analyse(CHANGCHUN_MD, { layoutHint: 'markdown' });
  assert.equal(defined(a.model.title).normalized, defined(b.model.title).normalized);
  assert.deepEqual(
    a.model.tables.map((t) => [t.id, t.rows.map((r) => [r.key, r.cells.map((c) => JSON.stringify(c.value))])]),
    b.model.tables.map((t) => [t.id, t.rows.map((r) => [r.key, r.cells.map((c) => JSON.stringify(c.value))])]),
  );
  assert.equal(a.findings.length, b.findings.length);
  const top = engine.analyse('<!-- xxgk-disable-next-line year-mismatch -->\n' + SHANDONG);
  assert.equal(top.model.title?.normalized, defined(engine.analyse(SHANDONG).model.title).normalized, 'never part of the title');
});

test('disable … enable, several ids, disable-file, and what is not a directive', () => {
  const base = engine.analyse(SHANDONG);
  const artefacts = base.findings.filter((f) => f.rule === 'text-artefact');
  assert.ok(artefacts.length >= 5);
  const lines = SHANDONG.split('\n');
  const from = artefacts[1].range.start.line;
  const to = artefacts[3].range.start.line;
  lines.splice(to + 1, 0, '<!-- xxgk-enable -->');
  lines.splice(from, 0, '<!-- xxgk-disable text-artefact -->');
  const region = engine.analyse(lines.join('\n'));
  assert.equal(region.findings.filter((f) => f.rule === 'text-artefact').length, artefacts.length - 3);
  assert.equal(region.findings.length, base.findings.length - 3);

  const both = engine.analyse(`<!-- xxgk-disable-file text-artefact, nonstandard-label -->\n${SHANDONG}`);
  assert.ok(!both.findings.some((f) => f.rule === 'text-artefact' || f.rule === 'nonstandard-label'));
  assert.ok(both.findings.length > 0);
  assert.deepEqual(engine.analyse(`${SHANDONG}\n<!-- xxgk-disable-file -->\n`).findings, []);
  assert.deepEqual(engine.analyse(`<!-- xxgk-disable -->\n${SHANDONG}`).findings, [], 'disable without enable: to the end');

  // Not on a line of its own, or misspelt: no directive.
  assert.equal(engine.analyse(`${SHANDONG}\n正文 <!-- xxgk-disable-file -->\n`).findings.length, base.findings.length);
  assert.equal(engine.analyse(`<!-- xxgk-disabled-file -->\n${SHANDONG}`).findings.length, base.findings.length);
  // Safe fixes (fix-all, --fix) leave suppressed findings alone.
  const fixed = engine.applySafeFixes(`<!-- xxgk-disable-file text-artefact -->\n${SHANDONG}`);
  assert.match(fixed.text, /\[bookmark: _GoBack\]/);
});
