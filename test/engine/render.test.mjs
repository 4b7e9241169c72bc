// New reports from the template, in every layout, read back completely and clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from './helpers.mjs';

for (const format of ['2021', '2019']) {
  for (const layout of ['markdown', 'tab-separated', 'space-separated', 'cell-per-line']) {
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
        const template = engine.tableTemplate(format, t.id);
        const dataRows = template.rows.filter((r) => r.kind === 'data').length;
        assert.equal(t.rows.length, dataRows, `${t.id} rows`);
        assert.equal(t.layout, layout);
      }
      assert.deepEqual(
        a.findings.map((f) => `${f.rule}: ${f.message.zh}`),
        [],
      );
    });
  }
}
