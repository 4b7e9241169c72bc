// @ts-check
// New reports from the template, in every layout, read back completely and clean (but for the placeholders left to fill in).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from './helpers.mjs';
import { defined } from '../lib/narrow.mjs';

for (const format of /** @type {const} */ (['2021', '2019'])) {
  for (const layout of /** @type {const} */ (['markdown', 'tab-separated', 'space-separated', 'cell-per-line'])) {
    test(`new ${format} report as ${layout}`, () => {
      const year = format === '2019' ? 2020 : 2024; // the 2019 format is for reports up to 2020 (outdated-format)
      const text = engine.renderNewReport({ format, layout, year, agency: '某市某局' });
      const a = engine.analyse(text);
      assert.equal(a.model.isReport, true);
      assert.equal(a.model.format, format);
      assert.equal(a.model.year, year);
      assert.deepEqual(
        a.model.sections.map((s) => [s.id, s.headingMatch]),
        [1, 2, 3, 4, 5, 6].map((i) => [i, 'exact']),
      );
      assert.equal(a.model.tables.length, format === '2021' ? 6 : 7);
      for (const t of a.model.tables) {
        const template = defined(engine.tableTemplate(format, t.id), `the template of ${t.id}`);
        const dataRows = template.rows.filter((r) => r.kind === 'data').length;
        assert.equal(t.rows.length, dataRows, `${t.id} rows`);
        assert.equal(t.layout, layout);
      }
      // Clean but for what is left to fill in: a placeholder-text hint exactly on each （待填写） (issue 10 §8).
      assert.deepEqual(
        a.findings.filter((f) => f.rule !== 'placeholder-text').map((f) => `${f.rule}: ${f.message.zh}`),
        [],
      );
      const blanks = [...text.matchAll(/（待填写）/g)].map((m) => m.index);
      assert.ok(blanks.length > 0);
      const index = new engine.TextIndex(text);
      assert.deepEqual(
        a.findings
          .filter((f) => f.rule === 'placeholder-text')
          .map((f) => [index.offsetAt(f.range.start), index.offsetAt(f.range.end), f.severity]),
        blanks.map((at) => [at, at + '（待填写）'.length, 'hint']),
      );
    });
  }
}

test('a new report without the agency: the title placeholder is a hint too', () => {
  const text = engine.renderNewReport({ year: 2024 });
  const hints = engine.analyse(text).findings.filter((f) => f.rule === 'placeholder-text');
  assert.deepEqual(
    hints.map((f) => [f.range.start.line, f.message.zh]),
    [
      [0, '标题中的占位文字“（机关名称）”尚未填写'],
      ...[...text.matchAll(/（待填写）/g)].map((m) => [text.slice(0, m.index).split('\n').length - 1, '占位文字“（待填写）”尚未填写']),
    ],
  );
});
