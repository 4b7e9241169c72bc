// Draws the extension's icon (images/icon.png, 256×256) with Chromium: a
// report page with a table and a check mark, and 报 for 年度报告. Run after a
// design change: `node scripts/make-icon.mjs` (needs chromium, as the e2e setup installs).
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';

const out = fileURLToPath(new URL('../images/icon.png', import.meta.url));
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <rect x="8" y="8" width="240" height="240" rx="36" fill="#b71c1c"/>
  <rect x="52" y="34" width="152" height="188" rx="10" fill="#fffaf0"/>
  <text x="128" y="104" font-family="WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif" font-size="64" font-weight="700" fill="#b71c1c" text-anchor="middle">报</text>
  <g stroke="#b71c1c" stroke-width="4" fill="none">
    <rect x="70" y="126" width="116" height="72"/>
    <line x1="70" y1="150" x2="186" y2="150"/><line x1="70" y1="174" x2="186" y2="174"/>
    <line x1="109" y1="126" x2="109" y2="198"/><line x1="148" y1="126" x2="148" y2="198"/>
  </g>
  <circle cx="190" cy="196" r="34" fill="#2e7d32"/>
  <path d="M172 196 l12 12 l24 -26" stroke="#fff" stroke-width="10" fill="none" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 256, height: 256 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.screenshot({ path: out, omitBackground: true });
await browser.close();
console.log(`wrote ${out}`);
