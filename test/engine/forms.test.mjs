// @ts-check
// Form independence: every report fixture in other text forms (made by
// scripts/make-forms.mjs into test/fixtures/forms/) and the real pdftotext
// text of the corpus PDFs must read like the original: every table cell of
// 二, 三, 四 the same value (or blank), the same section ids, the same set of
// error rules. `node scripts/measure-forms.mjs` shows the same as a dashboard.
//
// KNOWN_GAPS lists the pairs that do not read right yet, with the score they
// had when listed. Their subtest passes while the gap is still real and fails
// once the form reads right: then delete the line (and the list shrinks to
// nothing). `node scripts/measure-forms.mjs --known-gaps` prints the list as
// measured now. A pair not listed must read right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engine } from './helpers.mjs';
import {
  describeDifference,
  FORMS,
  FORMS_DIR,
  formFile,
  measure,
  PDF_DIR,
  PDF_MODES,
  pdftotextForms,
  reports,
  ROOT,
  score,
} from '../../scripts/forms-lib.mjs';
import { defined } from '../lib/narrow.mjs';

/** `<report>.<form>` → score when listed. Remove a line when its form reads right. */
/** @type {Record<string, string>} */
export const KNOWN_GAPS = {};

/** @type {Map<string, import('../../server/src/engine/index.ts').Analysis>} */
const originals = new Map();
/** @param {string} path */
function originalAnalysis(path) {
  let a = originals.get(path);
  if (!a) originals.set(path, (a = engine.analyse(readFileSync(path, 'utf8'))));
  return a;
}

/** One subtest per report × form: the same reading as the original, or a gap still listed and still real. */
/** @param {string} key @param {string} originalPath @param {string} text @param {string} form */
function checkForm(key, originalPath, text, form) {
  let c;
  try {
    c = measure(engine, originalAnalysis(originalPath), engine.analyse(text), form);
  } catch (error) {
    test(`${key}: the engine reads it`, () => assert.fail(`analysing ${key} threw: ${error instanceof Error ? error.stack : error}`));
    return;
  }
  const listed = KNOWN_GAPS[key];
  if (listed === undefined) {
    test(`${key}: reads like the original`, () => {
      assert.ok(
        c.ok,
        `${key} does not read like its original (${score(c)}):\n${describeDifference(c)}\n(a new gap? measure with node scripts/measure-forms.mjs --only ${key})`,
      );
    });
  } else {
    test(`${key}: known gap, listed at ${listed}, now ${score(c)}`, () => {
      assert.ok(!c.ok, `${key} now reads like its original: remove '${key}' from KNOWN_GAPS in test/engine/forms.test.mjs`);
    });
  }
}

test('make-forms --check: the checked-in forms are exactly what the generator makes from the originals', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'make-forms.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
});

for (const r of reports()) {
  for (const f of FORMS) {
    const key = `${r.name}.${f.form}`;
    const path = join(FORMS_DIR, formFile(r.name, f.form));
    if (!existsSync(path)) {
      test(`${key}: form file exists`, () => assert.fail(`${path} is missing: run node scripts/make-forms.mjs`));
      continue;
    }
    checkForm(key, r.path, readFileSync(path, 'utf8'), f.form);
  }
}

const pdf = pdftotextForms();
if (pdf.available) {
  for (const item of defined(pdf.items, 'the PDF forms')) {
    const key = `${item.report}.${item.form}`;
    if (!item.original) {
      test(`${key}: has an original text`, () => assert.fail(`no test/fixtures/corpus/${item.report}.txt to compare the PDF's text with`));
      continue;
    }
    checkForm(key, item.original, item.text, item.form);
  }
} else {
  test(`real PDFs through pdftotext -${PDF_MODES.join('/-')}: not checked, because ${pdf.why}`, () => {
    // passes only when the reason is real: the tool cannot be run, or the PDFs are not there
    const run = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
    // spawnSync's error is a system error (node's types say only Error)
    const toolAbsent = /** @type {NodeJS.ErrnoException | undefined} */ (run.error)?.code === 'ENOENT';
    if (toolAbsent || !existsSync(PDF_DIR)) return;
    assert.fail(
      `pdftotext runs (${String(run.stderr || run.stdout || run.error).split('\n')[0]}) and ${PDF_DIR} exists, yet the PDF forms were not made: ${pdf.why}`,
    );
  });
}

test('KNOWN_GAPS names only pairs that exist', () => {
  const names = new Set(reports().flatMap((r) => FORMS.map((f) => `${r.name}.${f.form}`)));
  for (const r of reports()) for (const mode of PDF_MODES) names.add(`${r.name}.pdftotext-${mode}`);
  assert.deepEqual(
    Object.keys(KNOWN_GAPS).filter((k) => !names.has(k)),
    [],
  );
});
