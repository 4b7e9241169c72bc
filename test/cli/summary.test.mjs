// @ts-check
// `check --report summary.html`: one self-contained page. Checked as HTML
// (parse5, no parse errors), for loading nothing (no http(s) anywhere, no
// external scripts or styles, a CSP that forbids it), for escaping report
// text (a report whose title, a cell and its file name hold markup), and —
// where /usr/bin/chromium exists — rendered, sorted, filtered and
// screenshot to test-results/summary.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { defined } from '../lib/narrow.mjs';
import { jsonResults } from '../lib/cli.mjs';

const require = createRequire(import.meta.url);
const parse5 = require('parse5');
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'server/out/cli.js');
const corpus = join(root, 'test/fixtures/corpus');
const shared = join(root, '..', 'shared', 'corpus'); // read in place, beside the repository
const CHROMIUM = '/usr/bin/chromium';
const EVIL = '<script>alert(1)</script>';
const EVIL_NAME = 'a"&<i>b.txt';

/** @param {string[]} args @param {Omit<import('node:child_process').SpawnSyncOptions, 'encoding'>} [options] */
function run(args, options = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8' }, ...options });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The corpus, a report with markup in its title and in a table cell, one with markup in its name, an unreadable file, a non-report. */
function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-summary-'));
  for (const name of readdirSync(corpus).filter((n) => n.endsWith('.txt'))) copyFileSync(join(corpus, name), join(dir, name));
  const lines = readFileSync(join(corpus, 'hongze-2023.txt'), 'utf8')
    .replace('洪泽区人民政府\n2023 年', `洪泽区${EVIL}人民政府\n2023 年`)
    .split('\n');
  lines[89] = lines[89].replace(' 0', ` ${EVIL} 0`);
  writeFileSync(join(dir, 'evil.txt'), lines.join('\n'));
  copyFileSync(join(corpus, 'hongze-2024.txt'), join(dir, EVIL_NAME));
  writeFileSync(join(dir, 'broken.pdf'), '%PDF-1.7\nthis is not a PDF\n');
  writeFileSync(join(dir, 'notes.txt'), '会议纪要\n');
  return dir;
}

/**
 * What the walkers below read of a parse5 node.
 * @typedef {{ nodeName: string, tagName?: string, value?: string, attrs?: { name: string, value: string }[], childNodes?: Node5[], content?: Node5 }} Node5
 */

/**
 * Every element of a parse5 tree.
 * @param {Node5} node
 * @returns {Generator<Node5>}
 */
function* elements(node) {
  if (node.tagName) yield node;
  for (const child of node.childNodes ?? []) yield* elements(child);
  if (node.content) yield* elements(node.content);
}
/**
 * parse5 reports the tokenizer's errors only; tree-construction mistakes (an
 * unclosed <td>, a stray </b>) it silently repairs. So also: every element
 * is closed, in order, in the source (void elements aside; script and style
 * content skipped).
 */
/** @param {string} html */
function unbalanced(html) {
  const VOID = new Set(['meta', 'br', 'input', 'img', 'link', 'hr', 'wbr', 'source', 'col', 'area', 'base', 'embed', 'track']);
  const SVG_EMPTY = /\/>$/;
  /** @type {string[]} */
  const stack = [];
  const body = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g, '<$1></$1>').replace(/^<!DOCTYPE html>/i, '');
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g)) {
    const [tag, close, name] = [m[0], m[1], m[2].toLowerCase()];
    if (close) {
      const open = stack.pop();
      if (open !== name) return `</${name}> closes <${open}> at ${m.index}`;
    } else if (!VOID.has(name) && !SVG_EMPTY.test(tag)) stack.push(name);
  }
  return stack.length ? `unclosed: ${stack.join(' > ')}` : undefined;
}
/** @param {Node5} el @param {string} name */
const attr = (el, name) => el.attrs?.find((a) => a.name === name)?.value;
/** @type {(node: Node5) => string} */
const textOf = (node) => (node.nodeName === '#text' ? (node.value ?? '') : (node.childNodes ?? []).map(textOf).join(''));

test('a self-contained, valid page that escapes report text; the normal output still on stdout', () => {
  const dir = folder();
  const plain = run(['check', '.'], { cwd: dir });
  const r = run(['check', '--report', 'summary.html', '.'], { cwd: dir });
  assert.equal(r.code, plain.code, 'the exit code is what it is without --report');
  assert.equal(r.code, 2, 'broken.pdf cannot be read');
  assert.equal(r.out, plain.out, 'the text output is unchanged');
  const html = readFileSync(join(dir, 'summary.html'), 'utf8');

  // Valid HTML: no parse errors at all.
  /** @type {string[]} */
  const errors = [];
  const doc = parse5.parse(html, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  assert.deepEqual(errors, []);
  assert.equal(unbalanced(html), undefined);
  assert.match(unbalanced('<div><p>x</div>') ?? '', /closes/, 'the check itself finds a mistake');
  assert.match(html, /^<!DOCTYPE html>/);

  // Loads nothing: no URL with a scheme that reaches out, no external script, style, image, font or frame.
  assert.doesNotMatch(html, /https?:\/\//i);
  assert.doesNotMatch(html, /url\(|@import/i);
  const all = [...elements(doc)];
  for (const el of all) {
    assert.ok(!['link', 'iframe', 'img', 'object', 'embed', 'base'].includes(el.tagName ?? ''), `<${el.tagName}>`);
    assert.equal(attr(el, 'src'), undefined, `<${el.tagName} src>`);
  }
  const scripts = all.filter((el) => el.tagName === 'script');
  assert.equal(scripts.length, 1, 'only the page’s own inline script');
  assert.ok(!textOf(defined(scripts[0])).includes('alert'));
  const csp = defined(all.find((el) => el.tagName === 'meta' && attr(el, 'http-equiv') === 'Content-Security-Policy'));
  assert.match(defined(attr(csp, 'content')), /default-src 'none'/);
  // Links go to the reports, relatively; none elsewhere.
  for (const a of all.filter((el) => el.tagName === 'a')) {
    const href = defined(attr(a, 'href'), 'an href');
    assert.ok(href.startsWith('#') || existsSync(fileURLToPath(new URL(href, pathToFileURL(join(dir, 'summary.html'))))), href);
  }

  // Escaped: the markup in the reports is text on the page, never elements.
  assert.ok(!html.includes(EVIL), 'the raw <script> from the report is not in the page');
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  const pageText = textOf(doc);
  assert.ok(pageText.includes(`洪泽区${EVIL}人民政府`), 'the title as text');
  assert.ok(pageText.includes(EVIL_NAME), 'the file name as text');
  assert.ok(!all.some((el) => el.tagName === 'i'), 'the <i> of the file name is no element');
  const excerpts = all.filter((el) => attr(el, 'class') === 'ex').map(textOf);
  assert.ok(
    excerpts.some((t) => t.includes(`${EVIL} 0`)),
    'the excerpt of the line with the markup',
  );

  // The table: a row per report and per unreadable file, not for the non-report.
  const table = defined(all.find((el) => attr(el, 'id') === 'reports'));
  const rows = [...elements(table)].filter((el) => el.tagName === 'tr' && attr(el, 'data-i') !== undefined);
  const rowText = rows.map(textOf);
  assert.equal(rows.length, 7, rowText.join('\n'));
  assert.ok(!rowText.some((t) => t.includes('notes.txt')));
  const hongze = defined(rowText.find((t) => t.startsWith('hongze-2023.txt')));
  const diagnostics = defined(jsonResults(run(['check', '--format', 'json', 'hongze-2023.txt'], { cwd: dir }).out)[0]?.diagnostics);
  const count = (/** @type {string[]} */ ...sev) => diagnostics.filter((d) => sev.includes(d.severity)).length;
  assert.ok(count('error') > 0);
  assert.ok(
    hongze.startsWith(`hongze-2023.txt 查看问题洪泽区人民政府2023文本${count('error')}${count('warning')}${count('info', 'hint')}`),
    hongze,
  );
  assert.match(hongze, /sum-mismatch ×2/);
  assert.match(defined(rowText.find((t) => t.startsWith('broken.pdf'))), /无法读取/);
  // Charts by rule and by section, as inline SVG.
  const svgs = all.filter((el) => el.tagName === 'svg');
  assert.equal(svgs.length, 2);
  assert.ok(svgs.some((svg) => [...elements(svg)].some((el) => attr(el, 'data-filter') === 'sum-mismatch')));
  assert.ok(pageText.includes('四、政府信息公开行政复议、行政诉讼情况'));
  // Each report's findings with their place; the sum error of hongze-2023.txt at 138:10.
  const part = defined(
    all.find((el) => el.tagName === 'section' && textOf(el).includes('hongze-2023.txt') && !textOf(el).includes('evil')),
  );
  assert.match(textOf(part), /138:10/);

  // Run again over the same folder: the summary is not read as a report.
  const again = run(['check', '--report', 'summary.html', '.'], { cwd: dir });
  assert.equal(again.out, plain.out);
  const other = run(['check', '--report', 'other.html', '.'], { cwd: dir });
  assert.match(other.err, /summary\.html: 本工具生成的检查汇总，已跳过/);
  assert.equal(other.out, plain.out);
});

test('--report beside --format json; English; a summary that cannot be written is exit 2 before any work', () => {
  const dir = folder();
  const r = run(['check', '--format', 'json', '--lang', 'en', '--report', 'out/s.html', corpus], { cwd: dir });
  assert.equal(r.code, 2, 'the folder out/ does not exist');
  assert.match(r.err, /out\/s\.html: cannot write the summary/);
  assert.equal(r.out, '');
  mkdirSync(join(dir, 'out'));
  const ok = run(['check', '--format', 'json', '--lang', 'en', '--report', 'out/s.html', corpus], { cwd: dir });
  assert.equal(ok.code, 1);
  const json = jsonResults(ok.out);
  assert.equal(json.length, 4);
  assert.ok(
    json.every((f) => !('report' in f) && !('details' in f)),
    'JSON output is as it was',
  );
  assert.deepEqual(readdirSync(join(dir, 'out')), ['s.html'], 'no part files left');
  const html = readFileSync(join(dir, 'out/s.html'), 'utf8');
  assert.match(html, /<html lang="en">/);
  assert.match(html, /4 report\(s\) checked, 1 with errors/);
  assert.match(html, /href="\.\.\/\.\.\//, 'links relative to the summary');
});

test(
  'rendered in Chromium: no requests, no errors, sorts and filters; screenshot',
  { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} not found: render skipped` },
  async () => {
    const { chromium } = require('playwright-core');
    const dir = folder();
    // The binary forms too, read in place, when the shared corpus is here.
    const extra = ['pdf/hongze-2023.pdf', 'docx/template-2021-blank.docx', 'html/shuyang-fagaiju-2023.html']
      .map((p) => join(shared, p))
      .filter(existsSync);
    const r = run(['check', '--report', 'summary.html', '.', ...extra], { cwd: dir });
    assert.equal(r.code, 2);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
      /** @type {string[]} */
      const requests = [];
      /** @type {string[]} */
      const problems = [];
      page.on('request', (q) => requests.push(q.url()));
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('dialog', (d) => {
        problems.push(`dialog: ${d.message()}`);
        d.dismiss();
      });
      const url = pathToFileURL(join(dir, 'summary.html')).href;
      await page.goto(url);
      assert.deepEqual(requests, [url], 'the page loads nothing else');
      const all = await page.locator('#reports tbody tr').count();
      assert.equal(all, 7 + extra.length);

      // Sort by errors, most first (second click): the failing reports on top.
      const errorsHeader = page.locator('#reports thead th').nth(4);
      await errorsHeader.click();
      await errorsHeader.click();
      assert.equal(await errorsHeader.getAttribute('aria-sort'), 'descending');
      const errorCounts = await page.$$eval('#reports tbody tr', (rows) => rows.map((tr) => Number(tr.cells[4].textContent)));
      assert.deepEqual(
        errorCounts,
        [...errorCounts].sort((a, b) => b - a),
      );
      assert.ok(errorCounts[0] > 0);

      // Filter: a rule id keeps the reports with that rule and, in each part, its findings.
      await page.fill('#filter', 'sum-mismatch');
      const visible = await page.$$eval('#reports tbody tr', (rows) =>
        rows.filter((tr) => !tr.hidden).map((tr) => tr.cells[0].textContent),
      );
      assert.ok(visible.length >= 2 && visible.length < all, visible.join(', '));
      assert.ok(
        visible.every((t) => /hongze-2023|evil/.test(t)),
        visible.join(', '),
      );
      const rules = await page.$$eval('section.report:not([hidden]) tbody tr:not([hidden]) code', (codes) => [
        ...new Set(codes.map((c) => c.textContent)),
      ]);
      assert.deepEqual(rules, ['sum-mismatch']);
      // A chart bar sets the filter.
      await page.fill('#filter', '');
      await page.locator('svg .bar[data-filter="blank-cell"]').first().click();
      assert.equal(await page.inputValue('#filter'), 'blank-cell');
      await page.fill('#filter', '');
      await page.check('#failing');
      const failing = await page.$$eval('#reports tbody tr', (rows) =>
        rows.filter((tr) => !tr.hidden).map((tr) => tr.getAttribute('data-status')),
      );
      assert.ok(failing.length > 0 && failing.every((s) => s !== 'pass'), failing.join(','));
      await page.uncheck('#failing');
      // runs in the page, where the DOM is (this project has no DOM types)
      await page.evaluate(() =>
        /** @type {{ scrollTo(x: number, y: number): void }} */ (/** @type {unknown} */ (globalThis)).scrollTo(0, 0),
      );

      assert.deepEqual(problems, []);
      mkdirSync(join(root, 'test-results'), { recursive: true });
      await page.screenshot({ path: join(root, 'test-results/summary.png') });
      await page.evaluate(() =>
        /** @type {{ document: { querySelector(s: string): { scrollIntoView(): void } } }} */ (/** @type {unknown} */ (globalThis)).document
          .querySelector('section.report[data-status="fail"]')
          .scrollIntoView(),
      );
      await page.screenshot({ path: join(root, 'test-results/summary-findings.png') });
      assert.ok(existsSync(join(root, 'test-results/summary.png')));
      assert.ok(dirname(join(root, 'test-results/summary.png')));
    } finally {
      await browser.close();
    }
  },
);
