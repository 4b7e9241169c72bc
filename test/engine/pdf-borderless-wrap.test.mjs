// @ts-check
// A borderless 三 table whose row labels wrap onto more lines than their numbers, beside group labels merged over
// several rows and wrapped too: Chromium's print of pandoc's HTML5 (scripts/producer-forms.mjs) at other paper
// sizes and scales, so the group labels' lines fall elsewhere among the rows' — on a row's line of numbers
// (`(五)  0 0 0`), on the first line of the next row's label (`处理  4.无正当理由大量`), alone between two rows
// (`不予`). On A5 the 三 table runs over page breaks, which fall inside rows: a label's last lines at the next
// page's head after its numbers (`5.要求行政机  0 0 0` / `关确认或重新` | `出具已获取信` / `息`), a group label and the
// row's own a narrow gap apart in the page's last row (`三、本 (一) 予以公开  25`), its columns only on the next page;
// with the browser's running head and foot between, a label wrapped down to the page's foot, a group label's last
// piece there (`提供`).
// Every cell, section and error id reads as the original's. Made at run time in a temporary directory; without
// pandoc or Chromium the test skips and says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { engine, errorIds } from './helpers.mjs';
import { readers } from '../lib/bundles.mjs';
import { describeDifference, measure, score } from '../../scripts/forms-lib.mjs';
import { producerInputs, producerTools } from '../../scripts/producer-forms.mjs';
import { CHROMIUM } from '../../scripts/pdf-forms.mjs';

const tools = producerTools();
const missing = [tools.pandoc, tools.chromium].find((t) => 'why' in t);
const INPUTS = ['changchun-guodongban-2023', 'hongze-2023', 'shandong-guodongban-2023'];
/** @type {Record<string, { format: string, scale?: number, margin?: Record<string, string>, displayHeaderFooter?: boolean }>} */
const PRINTS = {
  a5: { format: 'A5' },
  'a5-90': { format: 'A5', scale: 0.9 },
  'a4-80': { format: 'A4', scale: 0.8 },
  'a4-120': { format: 'A4', scale: 1.2 },
  // margins and the browser's running head and foot (date, title | address, page number) between the rows a break cuts
  'a4-heads': { format: 'A4', margin: { top: '20mm', bottom: '20mm', left: '15mm', right: '15mm' }, displayHeaderFooter: true },
};

/** @param {string} path @param {Uint8Array} bytes */
const analyse = async (path, bytes) => engine.analyse((await readers.files.readFileBytes(path, bytes)).doc.text);

test(
  "Chromium's print of pandoc's HTML5 at other sizes: wrapped row labels beside wrapped group labels, rows cut by page breaks, read exactly",
  { skip: missing && 'why' in missing ? missing.why : false },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-borderless-wrap-'));
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      const failures = [];
      for (const { input, original: path, html } of producerInputs(engine, { only: INPUTS }).filter((i) => INPUTS.includes(i.input))) {
        // pandoc's HTML5 of the report's CMS page, as scripts/producer-forms.mjs makes it for 'chromium-html5'
        const html5 = join(dir, `${input}.html5.html`);
        const pandoc = 'path' in tools.pandoc ? tools.pandoc.path : 'pandoc';
        writeFileSync(html5, execFileSync(pandoc, ['-f', 'html', '-s', '-t', 'html5', '--metadata', 'title=report'], { input: html }));
        const original = await analyse(path, new Uint8Array(readFileSync(path)));
        await page.goto(pathToFileURL(html5).href, { waitUntil: 'load' });
        for (const [name, options] of Object.entries(PRINTS)) {
          const pdf = new Uint8Array(await page.pdf({ ...options, printBackground: true }));
          const a = await analyse(`${input}.${name}.pdf`, pdf);
          const c = measure(engine, original, a, name);
          const same = errorIds(a).join() === errorIds(original).join();
          if (!c.ok || !same || c.falseErrors.length || c.missingErrors.length)
            failures.push(`${input}.${name} (${score(c)}${same ? '' : `; error ids ${errorIds(a).join()}`}):\n${describeDifference(c)}`);
        }
      }
      assert.deepEqual(failures, []);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
