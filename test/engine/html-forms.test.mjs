// @ts-check
// Form independence for web pages: every report fixture made into three kinds
// of page by scripts/html-forms.mjs (Word's "save as web page" in GBK with
// labels split over <span>s; a CMS page with site chrome and its own metadata
// table; valid HTML with its optional end tags left out), read through the
// same file readers the CLI uses, must read like the original — every cell of
// 二, 三, 四, the sections, the error rules — and give the same error ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { engine, errorIds } from './helpers.mjs';
import { readers } from '../lib/bundles.mjs';
import { HTML_FORMS, htmlForms } from '../../scripts/html-forms.mjs';
import { describeDifference, measure, score } from '../../scripts/forms-lib.mjs';
import { defined } from '../lib/narrow.mjs';

const files = readers.files;

const forms = htmlForms(engine);

test('every report is made into every kind of page', () => {
  assert.equal(forms.length % HTML_FORMS.length, 0);
  assert.ok(forms.length >= 15);
  // The Word page is GBK, as its <meta> says: not valid UTF-8.
  const word = defined(forms.find((f) => f.form === 'html-word'));
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(word.bytes));
  assert.match(word.bytes.toString('latin1'), /charset=gb2312/);
});

for (const f of forms) {
  test(`${f.report}.${f.form}: reads like the original, with the same error ids`, async () => {
    const read = await files.readFileBytes(`${f.report}.html`, f.bytes);
    assert.equal(read.doc.form, 'html');
    const original = engine.analyse(readFileSync(f.original, 'utf8'));
    const analysis = engine.analyse(read.doc.text);
    const c = measure(engine, original, analysis, f.form);
    assert.ok(c.ok, `${score(c)}\n${describeDifference(c)}`);
    assert.deepEqual(errorIds(analysis), errorIds(original));
  });
}

const html = readers.html;

test('the HTML writer places every label, number and row fix in the markup of every made page; a fix it cannot place is refused, never misplaced', async () => {
  /** @type {Map<string, boolean[]>} */
  const placed = new Map();
  for (const f of forms) {
    const read = await files.readFileBytes(`${f.report}.html`, f.bytes);
    const source = defined(read.decoded, 'the decoded page').text;
    const a = engine.analyse(read.doc.text);
    for (const finding of a.findings) {
      for (const fix of engine.verifiedFixes(a, finding)) {
        // readFileBytes types its document as any reading's; an HTML file's is readHtml's HtmlReading
        const reading = /** @type {import('../../server/src/engine/read/html.ts').HtmlReading} */ (read.doc);
        const edits = html.htmlEdits(source, reading, fix.edits, a.index);
        const k = finding.rule;
        placed.set(k, [...(placed.get(k) ?? []), edits !== undefined]);
        if (!edits) continue;
        // The page with the fix reads as the reading text with the fix: the finding is gone, no error is added.
        const after = engine.analyse(html.readHtml(html.applyOffsetEdits(source, edits)).text);
        assert.ok(!after.findings.some((x) => x.id === finding.id), `${f.report}.${f.form}: ${finding.id} gone after ${fix.title.zh}`);
        assert.ok(after.findings.filter((x) => x.severity === 'error').length <= a.findings.filter((x) => x.severity === 'error').length);
      }
    }
  }
  for (const rule of ['nonstandard-label', 'sum-mismatch']) {
    const p = placed.get(rule) ?? [];
    assert.ok(p.length > 0 && p.every(Boolean), `${rule}: every fix placed (${p})`);
  }
});
