// @ts-check
// A report whose section sends the reader to an attached table (具体情况详见附件1《…统计表》) has that table's
// numbers in another file: one unreadable-table for the section saying so, never missing-table for each of its
// tables — unless the annex is in the text after all, when its table is read as usual.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine, reportFixtures } from './helpers.mjs';

const HEADINGS = /** @type {const} */ ({
  2: '二、主动公开政府信息情况',
  3: '三、收到和处理政府信息公开申请情况',
  4: '四、政府信息公开行政复议、行政诉讼情况',
});
const NEXT = /** @type {const} */ ({ 2: '三、收到和处理政府信息公开申请情况', 3: '四、政府信息公开行政复议', 4: '五、存在的主要问题' });

const SENTENCES = ['具体情况详见附件1《统计表》。', '（见附表）', '具体数据见附件2。', '请见附件：政府信息公开情况统计表', '详见附件'];

/** The report with section `id`'s body (its tables) replaced by `body`; undefined when the headings are not found. */
function withBody(/** @type {string} */ text, /** @type {2|3|4} */ id, /** @type {string} */ body) {
  const at = text.indexOf(HEADINGS[id]);
  const next = text.indexOf(NEXT[id], at + 1);
  if (at < 0 || next < 0) return undefined;
  const headEnd = text.indexOf('\n', at);
  return { text: `${text.slice(0, headEnd + 1)}${body}\n${text.slice(next)}`, removed: text.slice(headEnd + 1, next) };
}

const plainFixtures = reportFixtures().filter((f) => f.name.endsWith('.txt'));

test('a section whose tables are attached: one unreadable-table saying so, no missing-table', () => {
  let cases = 0;
  for (const f of plainFixtures) {
    for (const id of /** @type {const} */ ([2, 3, 4])) {
      for (const sentence of SENTENCES) {
        const made = withBody(f.text, id, sentence);
        if (!made) continue;
        cases++;
        const a = engine.analyse(made.text);
        const where = `${f.name} §${id} «${sentence}»`;
        assert.equal(a.model.isReport, true, where);
        assert.deepEqual(
          a.findings.filter((x) => x.rule === 'missing-table').map((x) => x.message.zh),
          [],
          where,
        );
        const unreadable = a.findings.filter((x) => x.rule === 'unreadable-table');
        assert.equal(unreadable.length, 1, `${where}: ${unreadable.map((x) => x.message.zh).join(' | ')}`);
        assert.match(unreadable[0]?.message.zh ?? '', /表格在附件中/, where);
        assert.equal(a.model.tables.filter((t) => t.section === id).length, 0, where);
      }
    }
  }
  assert.ok(cases >= 40, `${cases} cases`);
});

test('the annex in the text after all: its table read, the sentence no placeholder', () => {
  let cases = 0;
  for (const f of plainFixtures) {
    const made = withBody(f.text, 3, '具体情况详见附件1。');
    if (!made) continue;
    cases++;
    const withAnnex = `${made.text.trimEnd()}\n附件1\n${HEADINGS[3]}\n${made.removed}`;
    const a = engine.analyse(withAnnex);
    const before = engine.analyse(f.text);
    assert.equal(
      a.findings.filter((x) => x.rule === 'unreadable-table').length,
      before.findings.filter((x) => x.rule === 'unreadable-table').length,
      f.name,
    );
    const cells = (/** @type {typeof a} */ x) =>
      x.model.tables
        .filter((t) => t.id === 'S3')
        .flatMap((t) =>
          t.rows.flatMap((r) => r.cells.map((c) => `${r.key}/${c.column}=${c.value.kind === 'number' ? c.value.value : c.value.kind}`)),
        );
    assert.deepEqual(cells(a), cells(before), f.name);
  }
  assert.ok(cases >= 3, `${cases} cases`);
});

test('a sentence that mentions an attachment inside a section whose table is there changes nothing', () => {
  for (const f of plainFixtures) {
    const at = f.text.indexOf(HEADINGS[3]);
    if (at < 0) continue;
    const headEnd = f.text.indexOf('\n', at);
    const text = `${f.text.slice(0, headEnd + 1)}本年度申请情况详见下表（附件材料另行报送）。\n${f.text.slice(headEnd + 1)}`;
    const ids = (/** @type {string} */ t) =>
      engine
        .analyse(t)
        .findings.filter((x) => x.severity === 'error' || x.severity === 'warning')
        .map((x) => x.id)
        .sort();
    assert.deepEqual(ids(text), ids(f.text), f.name);
  }
});
