// @ts-check
// A page that gives its report as an attached file (the title, 详见附件 and a link to …年度报告.pdf, nothing of the
// report's text) is not the report: no missing-section errors for it, and the CLI says the attachment is what to
// check. A report page that also links its PDF stays a report, with exactly its findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engine, fixturesDir, reportFixtures } from './helpers.mjs';
import { readers } from '../lib/bundles.mjs';

const cli = fileURLToPath(new URL('../../server/out/cli.js', import.meta.url));
const page = readFileSync(join(fixturesDir, 'html/shuyang-fagaiju-2023.html'), 'utf8');
const TITLE = '沭阳县发展和改革局2023年政府信息公开年度报告';

/** The real page (its site's navigation, header and footer kept) with its report's text replaced by `body`. */
const pageWith = (/** @type {string} */ body) => page.replace(/<ucapcontent>[\s\S]*<\/ucapcontent>/, `<ucapcontent>${body}</ucapcontent>`);

/** The ways sites write such a page's body. */
const BODIES = [
  `<p>${TITLE}详见附件。</p><p>附件：<a href="/upload/2024/01/report.pdf">${TITLE}.pdf</a></p>`,
  `<p>附件下载：</p><p><a href="/u/1.docx">${TITLE}.docx</a></p>`,
  `<p><a href="/u/2.pdf">点击下载：沭阳县发改局2023年度报告.PDF</a></p>`,
  `<p>详见附件</p><p><a href="/u/3.pdf">P020240125123456.pdf</a></p>`,
  `<p>附件1：<a href="/u/4.wps">2023年报.wps</a></p>`,
];

/** @param {string} html */
const analyseHtml = (html) => engine.analyse(readers.html.readHtml(html).text);

for (const [i, body] of BODIES.entries()) {
  test(`an attachment page (${i + 1}): not a report, the attachment named`, () => {
    const a = analyseHtml(pageWith(body));
    assert.equal(a.model.isReport, false);
    assert.match(String(a.model.attachment), /\.(pdf|docx|wps)$/i);
    assert.equal(a.findings.length, 0);
  });
}

test('the CLI skips an attachment page saying which file holds the report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-attach-'));
  try {
    const file = join(dir, 'page.html');
    writeFileSync(file, pageWith(BODIES[0] ?? ''));
    const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const [result] = JSON.parse(r.stdout);
    assert.match(result.skipped, new RegExp(`报告正文在附件“${TITLE}\\.pdf”中`));
    const en = spawnSync(process.execPath, [cli, 'extract', '--lang', 'en', file], { encoding: 'utf8' });
    assert.match(en.stdout + en.stderr, /the report itself is the attachment/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a report that also links its PDF, or a page whose chrome offers 附件下载, is read as before', () => {
  for (const f of reportFixtures()) {
    const hint = f.name.endsWith('.md') ? { layoutHint: /** @type {const} */ ('markdown') } : {};
    const before = engine.analyse(f.text, hint);
    for (const tail of [`\n附件：${TITLE}.pdf\n`, '\n附件下载：\n', '\n详见附件\n']) {
      const after = engine.analyse(f.text + tail, hint);
      assert.equal(after.model.isReport, before.model.isReport, `${f.name} + ${JSON.stringify(tail)}`);
      assert.equal(after.model.attachment, undefined);
      assert.deepEqual(
        after.findings.filter((x) => x.severity === 'error').map((x) => x.id),
        before.findings.filter((x) => x.severity === 'error').map((x) => x.id),
        f.name,
      );
    }
  }
  const real = analyseHtml(page);
  assert.equal(real.model.isReport, true);
  assert.equal(real.model.attachment, undefined);
});

test('not every page with a link is an attachment page: a page without a report title, or saying nothing of a file', () => {
  // a notice with the template attached stays a notice (not a report, no attachment named)
  const notice = analyseHtml(
    pageWith(`<p>关于做好2023年政府信息公开工作年度报告编制发布工作的通知</p><p>附件：<a href="/n.docx">年度报告模板.docx</a></p>`).replace(
      /<ucaptitle>[^<]*<\/ucaptitle>/,
      '<ucaptitle>关于做好2023年政府信息公开工作年度报告编制发布工作的通知</ucaptitle>',
    ),
  );
  assert.equal(notice.model.isReport, false);
  // the title names a report but the body is neither the report nor a file: checked as the report it claims to be
  const empty = analyseHtml(pageWith('<p>本页内容正在更新。</p>'));
  assert.equal(empty.model.attachment, undefined);
});
