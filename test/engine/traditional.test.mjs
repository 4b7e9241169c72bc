// @ts-check
// A report published in traditional characters (sites serve a 繁體 copy of
// every page: 規章, 第二十條第(五)項, 收到和處理政府信息公開申請情況) reads as
// its simplified original: every cell, every section, the same error ids.
// The traditional forms are made here from every report fixture, each
// simplified character written as its traditional form where it has one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine, reportFixtures, errorIds } from './helpers.mjs';
import { cellMap } from '../../scripts/forms-lib.mjs';

const { TRADITIONAL_TO_SIMPLIFIED } = engine;

/** Simplified → one traditional form (the first the table gives). */
const toTraditional = new Map();
for (const [from, to] of TRADITIONAL_TO_SIMPLIFIED) if (!toTraditional.has(to)) toTraditional.set(to, from);

/** @param {string} text */
function traditional(text) {
  let out = '';
  let changed = 0;
  for (const ch of text) {
    const t = toTraditional.get(ch.charCodeAt(0));
    if (t === undefined) out += ch;
    else {
      out += String.fromCharCode(t);
      changed++;
    }
  }
  return { text: out, changed };
}

/** @param {import('../../server/src/engine/model.ts').CellValue} v */
const shown = (v) => (v.kind === 'number' ? String(v.value) : v.kind);

for (const fixture of reportFixtures()) {
  test(`${fixture.name} in traditional characters reads as the original`, () => {
    const form = traditional(fixture.text);
    // The headings, captions and row labels are the characters that change: most of the report's.
    assert.ok(form.changed >= 200, `only ${form.changed} characters written in traditional form`);
    assert.match(form.text, /收到和處理政府信息公開申請情況|規章/);
    const options = fixture.path.endsWith('.md') ? { layoutHint: /** @type {const} */ ('markdown') } : {};
    const original = engine.analyse(fixture.text, options);
    const read = engine.analyse(form.text, options);
    const wrong = [];
    const got = cellMap(read.model);
    for (const [where, cell] of cellMap(original.model)) {
      const g = got.get(where);
      if (!g || shown(g.value) !== shown(cell.value)) wrong.push(`${where}: ${shown(cell.value)} → ${g ? shown(g.value) : 'absent'}`);
    }
    assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} cells differ`);
    assert.deepEqual(
      read.model.sections.map((s) => s.id),
      original.model.sections.map((s) => s.id),
    );
    assert.equal(read.model.format, original.model.format);
    assert.deepEqual(errorIds(read), errorIds(original));
  });
}

test('no simplified character of the format is folded (the table holds traditional-only characters)', () => {
  const simplified = new Set([...TRADITIONAL_TO_SIMPLIFIED.values()]);
  for (const from of TRADITIONAL_TO_SIMPLIFIED.keys()) assert.ok(!simplified.has(from), `${String.fromCharCode(from)} is both`);
  // The template's own words are unchanged by the fold.
  for (const label of ['规章', '行政规范性文件', '第二十条第（五）项', '本年新收政府信息公开申请数量', '结果纠正', '其他需要报告的事项']) {
    assert.equal(engine.normalizeLabel(label), label);
  }
});
