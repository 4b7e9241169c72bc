// `check --report summary.html`: one self-contained page a person opens from
// disk — no network, no files beside it: inline CSS, inline SVG charts and a
// small inline script that sorts and filters. Every piece of report text is
// escaped; the page never loads anything.
//
// Written as results arrive: each report's findings go to a part file beside
// the target at once, only the table rows and the counts stay in memory, and
// the page is put together (and renamed into place) at the end.

import { closeSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FORMATS, ruleById, type Locale, type ReadForm, type Severity } from '../engine';
import type { DiagnosticDetail, FileResult, JsonDiagnostic } from './types';

/** Marks the page as ours, in its first bytes: a later check of the same folder skips it rather than read it as a report. */
export const SUMMARY_GENERATOR = 'xxgk-report-summary';

/** True for a page this writer made (its generator mark near the start). */
export function isSummaryPage(source: string): boolean {
  return source.slice(0, 1024).includes(`<meta name="generator" content="${SUMMARY_GENERATOR} `);
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];
type Counts = Record<Severity, number>;
const zero = (): Counts => ({ error: 0, warning: 0, info: 0, hint: 0 });

/** Escapes text for an element's content or a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

type Status = 'pass' | 'fail' | 'unreadable' | 'incomplete';

const WORDS = {
  zh: {
    title: '政府信息公开工作年度报告检查汇总',
    generated: '生成于',
    reports: '报告',
    file: '文件',
    agency: '机关',
    year: '年度',
    form: '形式',
    errors: '错误',
    warnings: '警告',
    infos: '信息/提示',
    rules: '问题（按规则）',
    status: '结果',
    status_pass: '通过',
    status_fail: '未通过',
    status_unreadable: '无法读取',
    status_incomplete: '检查不完整',
    filter: '筛选',
    filterHint: '机关、文件名、规则、说明…（空格分隔多个词）',
    failingOnly: '只看未通过的',
    shown: (n: number | string, total: number) => `显示 ${n} / ${total} 份`,
    byRule: '按规则统计的问题',
    bySection: '按部分统计的问题',
    noFindings: '没有发现问题',
    details: '各报告的问题',
    location: '位置',
    severity: '级别',
    rule: '规则',
    section: '部分',
    message: '说明',
    excerpt: '原文',
    sev: { error: '错误', warning: '警告', info: '信息', hint: '提示' },
    head: '标题及其他',
    skipped: (n: number) => `已跳过 ${n} 个文件（不是年度报告等）`,
    totals: (checked: number, failing: number, unreadable: number, c: Counts) =>
      `检查了 ${checked} 份报告，其中 ${failing} 份有错误${unreadable ? `，${unreadable} 个文件无法读取` : ''}；共 ${c.error} 个错误、${c.warning} 个警告、${c.info} 条信息、${c.hint} 条提示。`,
    incomplete: (rules: string) => `以下规则的检查出现内部错误，结果不完整：${rules}`,
    view: '查看问题',
    noScript: '排序和筛选需要启用脚本；不启用时表格照常可读。',
  },
  en: {
    title: 'Annual disclosure report check: summary',
    generated: 'Generated',
    reports: 'Reports',
    file: 'File',
    agency: 'Agency',
    year: 'Year',
    form: 'Form',
    errors: 'Errors',
    warnings: 'Warnings',
    infos: 'Info/hints',
    rules: 'Findings by rule',
    status: 'Result',
    status_pass: 'pass',
    status_fail: 'fail',
    status_unreadable: 'unreadable',
    status_incomplete: 'incomplete',
    filter: 'Filter',
    filterHint: 'agency, file name, rule, message… (several words: all must match)',
    failingOnly: 'Failing only',
    shown: (n: number | string, total: number) => `showing ${n} of ${total}`,
    byRule: 'Findings by rule',
    bySection: 'Findings by section',
    noFindings: 'No findings',
    details: 'Findings per report',
    location: 'Location',
    severity: 'Severity',
    rule: 'Rule',
    section: 'Section',
    message: 'Message',
    excerpt: 'Source',
    sev: { error: 'error', warning: 'warning', info: 'info', hint: 'hint' },
    head: 'Title and other',
    skipped: (n: number) => `${n} file(s) skipped (not annual reports, …)`,
    totals: (checked: number, failing: number, unreadable: number, c: Counts) =>
      `${checked} report(s) checked, ${failing} with errors${unreadable ? `, ${unreadable} file(s) could not be read` : ''}; ${c.error} error(s), ${c.warning} warning(s), ${c.info} info, ${c.hint} hint(s).`,
    incomplete: (rules: string) => `These checks failed with an internal error; the results are incomplete: ${rules}`,
    view: 'findings',
    noScript: 'Sorting and filtering need scripts; without them the tables still read as they are.',
  },
} as const;

const FORM_WORDS: Record<ReadForm, { zh: string; en: string }> = {
  text: { zh: '文本', en: 'text' },
  markdown: { zh: 'Markdown', en: 'Markdown' },
  html: { zh: '网页', en: 'HTML' },
  docx: { zh: 'Word', en: 'Word' },
  pdf: { zh: 'PDF', en: 'PDF' },
};

const SECTION_TITLES = FORMATS['2021'].sections.map((s) => s.title);

export interface SummaryOptions {
  locale: Locale;
  version: string;
}

/** A link from the summary to a report: relative, so the folder and its summary can move together. */
function hrefTo(file: string, fromDir: string): string {
  const rel = relative(fromDir, resolve(file));
  if (isAbsolute(rel)) return pathToFileURL(resolve(file)).href;
  return rel.split(sep).map(encodeURIComponent).join('/');
}

function formOf(r: FileResult): ReadForm | undefined {
  if (r.report) return r.report.form;
  const ext = /\.([a-z]+)$/i.exec(r.file)?.[1]?.toLowerCase();
  if (ext === 'pdf') return 'pdf';
  if (ext === 'docx') return 'docx';
  if (ext === 'html' || ext === 'htm' || ext === 'shtml') return 'html';
  if (ext === 'md') return 'markdown';
  if (ext === 'txt' || ext === 'xxgk') return 'text';
  return undefined;
}

/** A horizontal bar chart, one bar per item stacked by severity; clicking a bar filters by its key. */
function barChart(title: string, items: { label: string; filter: string; counts: Counts }[], w: (typeof WORDS)[Locale]): string {
  const total = (c: Counts) => SEVERITIES.reduce((n, s) => n + c[s], 0);
  const shown = items.filter((i) => total(i.counts) > 0);
  const head = `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption>`;
  if (shown.length === 0) return `${head}<p class="none">${escapeHtml(w.noFindings)}</p></figure>`;
  const max = Math.max(...shown.map((i) => total(i.counts)));
  const labelW = 270;
  const barW = 230;
  const rowH = 24;
  const width = labelW + barW + 60;
  const height = shown.length * rowH + 34;
  let svg = `<svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`;
  shown.forEach((item, i) => {
    const y = i * rowH;
    const n = total(item.counts);
    const tip = `${item.label}: ${SEVERITIES.filter((s) => item.counts[s] > 0)
      .map((s) => `${item.counts[s]} ${w.sev[s]}`)
      .join(', ')}`;
    svg += `<g class="bar" data-filter="${escapeHtml(item.filter)}" tabindex="0"><title>${escapeHtml(tip)}</title>`;
    svg += `<text x="${labelW - 8}" y="${y + 16}" text-anchor="end">${escapeHtml(item.label)}</text>`;
    let x = labelW;
    for (const s of SEVERITIES) {
      if (item.counts[s] === 0) continue;
      const len = Math.max(2, (item.counts[s] / max) * barW);
      svg += `<rect class="s-${s}" x="${x.toFixed(1)}" y="${y + 4}" width="${len.toFixed(1)}" height="${rowH - 8}"/>`;
      x += len;
    }
    svg += `<text x="${(x + 6).toFixed(1)}" y="${y + 16}" class="n">${n}</text></g>`;
  });
  // Legend: the colours are the severities.
  let lx = labelW;
  const ly = shown.length * rowH + 12;
  for (const s of SEVERITIES) {
    svg += `<rect class="s-${s}" x="${lx}" y="${ly}" width="12" height="12"/><text x="${lx + 16}" y="${ly + 11}" class="legend">${escapeHtml(w.sev[s])}</text>`;
    lx += 80;
  }
  return `${head}${svg}</svg></figure>`;
}

function excerptHtml(e: DiagnosticDetail['excerpt']): string {
  const before = escapeHtml(e.text.slice(0, e.start));
  const marked = escapeHtml(e.text.slice(e.start, e.end));
  const after = escapeHtml(e.text.slice(e.end));
  // An empty span (a missing cell or section) still shows where it is.
  const mark = marked === '' ? '<mark class="at"></mark>' : `<mark>${marked}</mark>`;
  return `${e.cutStart ? '…' : ''}${before}${mark}${after}${e.cutEnd ? '…' : ''}`;
}

const STYLE = `
:root{--error:#c62828;--warning:#d08400;--info:#1565c0;--hint:#78909c;--line:#dde1e6;--bg:#f6f7f9;--fg:#1d232b;--muted:#5f6b7a}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--fg);background:var(--bg)}
header,main{max-width:1280px;margin:0 auto;padding:0 20px}
header{padding-top:18px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:17px;margin:28px 0 10px}
h3{font-size:15px;margin:0 0 6px}
.meta{color:var(--muted);margin:0}
.totals{font-size:15px;margin:8px 0 0}
.controls{position:sticky;top:0;z-index:2;background:var(--bg);padding:10px 0;border-bottom:1px solid var(--line);display:flex;gap:16px;align-items:center;flex-wrap:wrap}
.controls label{display:flex;gap:6px;align-items:center;white-space:nowrap}
.controls input[type=search]{width:min(460px,70vw);padding:6px 10px;font:inherit;border:1px solid #b8c0cc;border-radius:6px}
.scroll{max-height:70vh;overflow:auto;border:1px solid var(--line);border-radius:6px;background:#fff}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{position:sticky;top:0;background:#eef1f5;cursor:pointer;user-select:none;white-space:nowrap}
thead th::after{content:" ↕";color:#a0a8b4;font-size:11px}
thead th[aria-sort=ascending]::after{content:" ▲";color:var(--fg)}
thead th[aria-sort=descending]::after{content:" ▼";color:var(--fg)}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td.num.z{color:#b0b7c1}
.st{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;white-space:nowrap}
.st-pass{background:#e3f4e6;color:#1b5e20}.st-fail{background:#fde7e7;color:var(--error)}.st-unreadable{background:#eceff1;color:#37474f}.st-incomplete{background:#fff3cd;color:#7a5a00}
.chips span{display:inline-block;margin:0 4px 2px 0;padding:0 6px;border-radius:4px;background:#f0f2f5;font-size:12px;white-space:nowrap}
.chips .c-error{background:#fde7e7}.chips .c-warning{background:#fff3d6}
.charts{display:flex;gap:20px;flex-wrap:wrap;margin-top:20px}
figure.chart{margin:0;padding:12px;background:#fff;border:1px solid var(--line);border-radius:6px;overflow-x:auto}
figcaption{font-weight:600;margin-bottom:6px}
svg text{font-size:12px;fill:var(--fg)}
svg text.n{fill:var(--muted)}
svg .bar{cursor:pointer}
svg .bar:hover text,svg .bar:focus text{font-weight:600}
.s-error{fill:var(--error)}.s-warning{fill:var(--warning)}.s-info{fill:var(--info)}.s-hint{fill:var(--hint)}
section.report{scroll-margin-top:64px;background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px;margin:0 0 14px}
section.report .title{color:var(--muted);margin:0 0 8px;white-space:pre-line}
.sev{font-weight:600;white-space:nowrap}.sev-error{color:var(--error)}.sev-warning{color:var(--warning)}.sev-info{color:var(--info)}.sev-hint{color:var(--hint)}
td.loc{white-space:nowrap;font-variant-numeric:tabular-nums}
td.ex{font-family:ui-monospace,"Noto Sans Mono CJK SC",Menlo,Consolas,monospace;font-size:12.5px;white-space:pre-wrap;word-break:break-all;max-width:420px}
mark{background:#ffe082;padding:0 1px}
mark.at{display:inline-block;width:2px;height:1.1em;vertical-align:text-bottom;background:var(--error)}
code{font-size:12.5px}
.problems li{margin:2px 0}
.none{color:var(--muted)}
[hidden]{display:none!important}
footer{max-width:1280px;margin:30px auto;padding:0 20px;color:var(--muted);font-size:12px}
`;

// Sorting (click or Enter on a header; numbers by data-v) and filtering (every word must appear; a chart bar sets the filter).
const SCRIPT = `
(function(){
  var coll = new Intl.Collator(document.documentElement.lang, { numeric: true });
  function key(td, num) { var v = td.getAttribute('data-v'); if (v === null) v = td.textContent.trim(); return num ? (v === '' ? -Infinity : Number(v)) : v; }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    var ths = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(ths, function (th, i) {
      th.tabIndex = 0;
      function sort() {
        var num = th.getAttribute('data-type') === 'num';
        var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        Array.prototype.forEach.call(ths, function (o) { o.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[i], num), y = key(b.cells[i], num);
          var c = num ? (x === y ? 0 : x < y ? -1 : 1) : coll.compare(x, y);
          return dir * c || a.getAttribute('data-i') - b.getAttribute('data-i');
        });
        var frag = document.createDocumentFragment();
        rows.forEach(function (r) { frag.appendChild(r); });
        body.appendChild(frag);
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    });
  });
  var input = document.getElementById('filter'), failing = document.getElementById('failing'), shown = document.getElementById('shown');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#reports tbody tr'));
  var parts = Array.prototype.slice.call(document.querySelectorAll('section.report'));
  function text(el) { return el._t || (el._t = el.textContent.toLowerCase()); }
  function apply() {
    var terms = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var onlyFailing = failing.checked;
    function hit(t) { return terms.every(function (w) { return t.indexOf(w) >= 0; }); }
    var matched = {};
    parts.forEach(function (part) {
      var title = part.querySelector('.title');
      var head = text(part.querySelector('h3')) + ' ' + (title ? text(title) : '');
      var headHit = hit(head), any = false;
      Array.prototype.forEach.call(part.querySelectorAll('tbody tr'), function (tr) {
        var ok = headHit || hit(head + ' ' + text(tr));
        tr.hidden = !ok;
        any = any || ok;
      });
      var show = (any || headHit) && !(onlyFailing && part.getAttribute('data-status') === 'pass');
      part.hidden = !show;
      if (show) matched[part.id] = true;
    });
    var n = 0;
    rows.forEach(function (tr) {
      var ok = (hit(text(tr)) || matched[tr.getAttribute('data-part')] === true) && !(onlyFailing && tr.getAttribute('data-status') === 'pass');
      tr.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = shown.getAttribute('data-' + (terms.length || onlyFailing ? 'some' : 'all')).replace('{n}', n);
  }
  input.addEventListener('input', apply);
  failing.addEventListener('change', apply);
  Array.prototype.forEach.call(document.querySelectorAll('[data-filter]'), function (el) {
    function pick() { input.value = el.getAttribute('data-filter'); apply(); document.getElementById('reports').scrollIntoView(); }
    el.addEventListener('click', pick);
    el.addEventListener('keydown', function (e) { if (e.key === 'Enter') pick(); });
  });
  apply();
})();
`;

export class SummaryWriter {
  private readonly target: string;
  private readonly dir: string;
  private readonly partPath: string;
  private partFd: number | undefined;
  private buffer = '';
  private readonly rows: string[] = [];
  private readonly byRule = new Map<string, Counts>();
  private readonly bySection = new Map<number, Counts>();
  private readonly totals = zero();
  private readonly skipped: string[] = [];
  private readonly w: (typeof WORDS)[Locale];
  private checked = 0;
  private failing = 0;
  private unreadable = 0;

  constructor(
    target: string,
    private readonly options: SummaryOptions,
  ) {
    this.target = resolve(target);
    this.dir = dirname(this.target);
    this.w = WORDS[options.locale];
    this.partPath = `${this.target}.${process.pid}.part`;
    // Opened now, so that a summary that cannot be written fails the run before any work.
    this.partFd = openSync(this.partPath, 'w', 0o644);
  }

  private part(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= 1 << 16) this.flushPart();
  }

  private flushPart(): void {
    if (this.partFd !== undefined && this.buffer) writeSync(this.partFd, this.buffer);
    this.buffer = '';
  }

  add(r: FileResult): void {
    const w = this.w;
    const zh = this.options.locale === 'zh';
    if (r.skipped && !r.diagnostics) {
      this.skipped.push(`<li>${this.fileLink(r.file)}：${escapeHtml(r.skipped)}</li>`);
      return;
    }
    const n = this.rows.length;
    const id = `r${n + 1}`;
    const counts = zero();
    const rules = new Map<string, Counts>();
    for (const [i, d] of (r.diagnostics ?? []).entries()) {
      counts[d.severity]++;
      this.totals[d.severity]++;
      const perRule = rules.get(d.rule) ?? zero();
      perRule[d.severity]++;
      rules.set(d.rule, perRule);
      const global = this.byRule.get(d.rule) ?? zero();
      global[d.severity]++;
      this.byRule.set(d.rule, global);
      const section = r.details?.[i]?.section ?? 0;
      const s = this.bySection.get(section) ?? zero();
      s[d.severity]++;
      this.bySection.set(section, s);
    }
    const status: Status = !r.diagnostics ? 'unreadable' : r.internalErrors ? 'incomplete' : counts.error > 0 ? 'fail' : 'pass';
    if (r.diagnostics) this.checked++;
    if (status === 'unreadable') this.unreadable++;
    if (counts.error > 0) this.failing++;
    const form = formOf(r);
    const agency = r.report?.agency ?? '';
    const year = r.report?.year;
    const num = (v: number) => `<td class="num${v === 0 ? ' z' : ''}" data-v="${v}">${v}</td>`;
    const chips = [...rules.entries()]
      .map(([rule, c]) => {
        const total = SEVERITIES.reduce((k, s) => k + c[s], 0);
        const top = SEVERITIES.find((s) => c[s] > 0) ?? 'hint';
        return `<span class="c-${top}" title="${escapeHtml(ruleById(rule)?.title[this.options.locale] ?? rule)}">${escapeHtml(rule)} ×${total}</span>`;
      })
      .join('');
    const statusCell = `<span class="st st-${status}">${escapeHtml(w[`status_${status}`])}</span>`;
    const hasPart = (r.diagnostics?.length ?? 0) > 0 || status !== 'pass';
    this.rows.push(
      `<tr data-i="${n}" data-status="${status}"${hasPart ? ` data-part="${id}"` : ''}>` +
        `<td>${this.fileLink(r.file)}${hasPart ? ` <a class="jump" href="#${id}">${escapeHtml(w.view)}</a>` : ''}</td>` +
        `<td>${escapeHtml(agency)}</td>` +
        `<td class="num" data-v="${year ?? ''}">${year ?? ''}</td>` +
        `<td>${form ? escapeHtml(FORM_WORDS[form][this.options.locale]) : ''}</td>` +
        num(counts.error) +
        num(counts.warning) +
        num(counts.info + counts.hint) +
        `<td class="chips">${chips}</td>` +
        `<td data-v="${['fail', 'unreadable', 'incomplete', 'pass'].indexOf(status)}">${statusCell}</td></tr>\n`,
    );
    if (!hasPart) return;
    // This report's part of the page: its findings, each with its place and the line it is on.
    const heading = [agency, year !== undefined ? (zh ? `${year} 年` : String(year)) : ''].filter(Boolean).join(' ') || r.file;
    let html = `<section class="report" id="${id}" data-status="${status}"><h3>${escapeHtml(heading)} · ${this.fileLink(r.file)} ${statusCell}</h3>`;
    if (r.report?.title) html += `<p class="title">${escapeHtml(r.report.title)}</p>`;
    if (r.error) html += `<p class="problem">${escapeHtml(r.error)}</p>`;
    if (r.internalErrors) html += `<p class="problem">${escapeHtml(w.incomplete(r.internalErrors.join(', ')))}</p>`;
    if (r.diagnostics && r.diagnostics.length > 0) {
      html += `<div class="scroll"><table class="findings sortable"><thead><tr><th data-type="num">${escapeHtml(w.location)}</th><th data-type="num">${escapeHtml(w.severity)}</th><th>${escapeHtml(w.rule)}</th><th data-type="num">${escapeHtml(w.section)}</th><th>${escapeHtml(w.message)}</th><th>${escapeHtml(w.excerpt)}</th></tr></thead><tbody>`;
      r.diagnostics.forEach((d, i) => {
        html += this.findingRow(d, r.details?.[i], i);
      });
      html += '</tbody></table></div>';
    }
    this.part(`${html}</section>\n`);
  }

  private findingRow(d: JsonDiagnostic, detail: DiagnosticDetail | undefined, i: number): string {
    const w = this.w;
    const section = detail?.section ?? 0;
    const sectionLabel = section === 0 ? w.head : (SECTION_TITLES[section - 1] ?? String(section));
    const ruleTitle = ruleById(d.rule)?.title[this.options.locale];
    return (
      `<tr data-i="${i}" class="f-${d.severity}">` +
      `<td class="loc" data-v="${d.line * 100000 + d.column}">${d.line}:${d.column}${d.where ? `<br><small>${escapeHtml(d.where)}</small>` : ''}</td>` +
      `<td data-v="${SEVERITIES.indexOf(d.severity)}"><span class="sev sev-${d.severity}">${escapeHtml(w.sev[d.severity])}</span></td>` +
      `<td><code>${escapeHtml(d.rule)}</code>${ruleTitle ? `<br><small>${escapeHtml(ruleTitle)}</small>` : ''}</td>` +
      `<td data-v="${section}">${escapeHtml(sectionLabel)}</td>` +
      `<td>${escapeHtml(d.message)}</td>` +
      `<td class="ex">${detail ? excerptHtml(detail.excerpt) : ''}</td></tr>`
    );
  }

  private fileLink(file: string): string {
    if (file === '-') return '<code>-</code>';
    return `<a href="${escapeHtml(hrefTo(file, this.dir))}">${escapeHtml(file)}</a>`;
  }

  /** Puts the page together beside the target and renames it into place. */
  finish(): void {
    this.flushPart();
    if (this.partFd !== undefined) closeSync(this.partFd);
    this.partFd = undefined;
    const w = this.w;
    const { locale, version } = this.options;
    const tmp = `${this.target}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w', 0o644);
    try {
      const ruleItems = [...this.byRule.entries()]
        .map(([rule, counts]) => ({ label: ruleById(rule)?.title[locale] ?? rule, filter: rule, counts }))
        .sort((a, b) => SEVERITIES.reduce((n, s) => n + b.counts[s] - a.counts[s], 0) || (a.filter < b.filter ? -1 : 1));
      const sectionItems = [0, 1, 2, 3, 4, 5, 6].map((s) => ({
        label: s === 0 ? w.head : (SECTION_TITLES[s - 1] ?? String(s)),
        filter: s === 0 ? w.head : (SECTION_TITLES[s - 1] ?? String(s)),
        counts: this.bySection.get(s) ?? zero(),
      }));
      const total = this.rows.length;
      writeSync(
        fd,
        `<!DOCTYPE html>
<html lang="${locale === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${SUMMARY_GENERATOR} ${escapeHtml(version)}">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; ">
<title>${escapeHtml(w.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(w.title)}</h1>
<p class="meta">${escapeHtml(w.generated)} ${escapeHtml(new Date().toISOString().replace('T', ' ').slice(0, 19))} UTC · xxgk-report ${escapeHtml(version)}</p>
<p class="totals">${escapeHtml(w.totals(this.checked, this.failing, this.unreadable, this.totals))}</p>
</header>
<main>
<div class="controls">
<label>${escapeHtml(w.filter)} <input type="search" id="filter" placeholder="${escapeHtml(w.filterHint)}" autocomplete="off"></label>
<label><input type="checkbox" id="failing"> ${escapeHtml(w.failingOnly)}</label>
<span id="shown" data-all="${escapeHtml(w.shown(total, total))}" data-some="${escapeHtml(w.shown('{n}', total))}">${escapeHtml(w.shown(total, total))}</span>
<noscript>${escapeHtml(w.noScript)}</noscript>
</div>
<h2>${escapeHtml(w.reports)}</h2>
<div class="scroll"><table id="reports" class="sortable">
<thead><tr><th>${escapeHtml(w.file)}</th><th>${escapeHtml(w.agency)}</th><th data-type="num">${escapeHtml(w.year)}</th><th>${escapeHtml(w.form)}</th><th data-type="num">${escapeHtml(w.errors)}</th><th data-type="num">${escapeHtml(w.warnings)}</th><th data-type="num">${escapeHtml(w.infos)}</th><th>${escapeHtml(w.rules)}</th><th data-type="num">${escapeHtml(w.status)}</th></tr></thead>
<tbody>
`,
      );
      for (let i = 0; i < this.rows.length; i += 1000) writeSync(fd, this.rows.slice(i, i + 1000).join(''));
      writeSync(
        fd,
        `</tbody></table></div>
<div class="charts">
${barChart(w.byRule, ruleItems, w)}
${barChart(w.bySection, sectionItems, w)}
</div>
<h2>${escapeHtml(w.details)}</h2>
`,
      );
      const part = openSync(this.partPath, 'r');
      try {
        const chunk = Buffer.alloc(1 << 16);
        for (let k = readSync(part, chunk); k > 0; k = readSync(part, chunk)) writeSync(fd, chunk, 0, k);
      } finally {
        closeSync(part);
      }
      if (this.skipped.length > 0) {
        writeSync(fd, `<details class="problems"><summary>${escapeHtml(w.skipped(this.skipped.length))}</summary><ul>\n`);
        for (let i = 0; i < this.skipped.length; i += 1000) writeSync(fd, this.skipped.slice(i, i + 1000).join('\n'));
        writeSync(fd, '</ul></details>\n');
      }
      writeSync(fd, `</main>\n<script>${SCRIPT}</script>\n</body>\n</html>\n`);
    } catch (e) {
      closeSync(fd);
      rmSync(tmp, { force: true });
      throw e;
    }
    closeSync(fd);
    renameSync(tmp, this.target);
    rmSync(this.partPath, { force: true });
  }

  /** Leaves nothing behind when the run fails. */
  abort(): void {
    if (this.partFd !== undefined) closeSync(this.partFd);
    this.partFd = undefined;
    rmSync(this.partPath, { force: true });
  }
}
