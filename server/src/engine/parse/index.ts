// Text → report model: title, the six sections (by heading), their
// sub-headings, and the tables inside them.

import type { FusedRunNode, HeadlessSection, LabelNode, ReportModel, SectionNode, TableLayout, TableNode, UnreadableTable } from '../model';
import { FORMATS } from '../template/formats';
import type { FormatVersion, SectionId, SectionTemplate, TableTemplate } from '../template/types';
import { foldChar, isBlankChar, normalizedText, normalizeLabel, type TextIndex } from '../text';
import { TRADITIONAL_TO_SIMPLIFIED } from '../traditional';
import { attachedReport } from './attachment';
import { documentKind } from './document-kind';
import { detectLayout } from './layout';
import { placeholderReason } from './placeholders';
import type { Lines } from './lines';
import { maskArtefacts, textLength, withoutMarkup, type Source } from './source';
import { RegionReader } from './tables';

export interface ParseOptions {
  format?: FormatVersion;
  layoutHint?: TableLayout;
}

const NUMERALS = '一二三四五六';
const MAX_HEADING = 48;

interface HeadingHit {
  line: number;
  section: SectionTemplate;
  match: SectionNode['headingMatch'];
  start: number;
  end: number;
}

export function parseReport(text: string, index: TextIndex, options: ParseOptions = {}): ReportModel {
  const src = maskArtefacts(text, index);
  const lines = src.lines;
  const sectionsTemplate = FORMATS['2021'].sections;
  const rowLabels = allRowLabels();
  const hits = findHeadings(src, sectionsTemplate, rowLabels);
  const title = findTitle(src, hits[0]?.line ?? lines.lineCount);
  const year = readYear(title) ?? (title ? undefined : openingYear(src, hits[0]?.line ?? lines.lineCount));

  const sections: SectionNode[] = hits.map((h, i) => {
    const next = hits[i + 1];
    const end = next ? lines.lineStart(next.line) : text.length;
    const span = { start: lines.lineStart(h.line), end };
    const headingSpan = { start: h.start, end: h.end };
    return {
      id: h.section.id,
      heading: {
        text: text.slice(h.start, h.end),
        normalized: normalizeLabel(src.masked.slice(h.start, h.end)),
        span: headingSpan,
        range: index.rangeOf(headingSpan),
      },
      headingMatch: h.match,
      span,
      range: index.rangeOf(span),
      subHeadings: [],
      tables: [],
    };
  });

  const { format, evidence } = detectFormat(src, options.format);
  const template = FORMATS[format];
  const tables: TableNode[] = [];
  const unreadableTables: UnreadableTable[] = [];
  /** The unreadable tables that stand for a placeholder line (a picture, [TABLE], 详见附件): dropped if the table turns up. */
  const placeholders: UnreadableTable[] = [];
  const fusedRuns: FusedRunNode[] = [];
  const layouts: TableLayout[] = [];

  // Each region reads its own section's tables, and those of any missing
  // sections that would have stood between it and the next one.
  const present = new Set(sections.map((s) => s.id));
  const regions = regionsFor(sections, lines, text.length);
  for (const region of regions) {
    const wanted = template.tables.filter((t) => {
      if (t.section === region.sectionId) return true;
      if (present.has(t.section)) return false;
      return t.section > (region.sectionId ?? 0) && t.section < region.nextSectionId;
    });
    const firstWanted = wanted[0];
    if (!firstWanted || region.firstLine > region.lastLine) continue;
    const mangled = mangledTable(src, region);
    if (mangled) {
      unreadableTables.push({ ...mangled, section: region.sectionId ?? firstWanted.section });
      continue;
    }
    // No layout: no cells at all: the tables may still stand as their labels, every cell empty (a page whose
    // empty cells left no line of text); read as lines, only whole labels make rows.
    const layout = detectLayout(src, region.firstLine, region.lastLine);
    const reader = new RegionReader(src, layout ?? 'space-separated', wanted, region.sectionId ?? firstWanted.section, !layout);
    const result = reader.read(region.firstLine, region.lastLine);
    for (const t of result.tables) {
      t.section = (wanted.find((w) => w.id === t.id) as TableTemplate).section;
      tables.push(t);
      if (layout) layouts.push(layout);
      sections.find((s) => s.id === t.section && s === region.node)?.tables.push(t);
    }
    unreadableTables.push(...result.unreadable);
    fusedRuns.push(...result.fused);
    // A table of the section not read, and a line standing for it (a picture, `[TABLE]`): unreadable, not missing.
    // The region's lines are looked at only then: most reports have every table.
    const section = region.sectionId ?? firstWanted.section;
    const notRead =
      result.unreadable.length === 0 && wanted.some((t) => t.section === section && !result.tables.some((n) => n.id === t.id));
    const placeholder = notRead && tablePlaceholder(src, region);
    if (placeholder) {
      const entry = { ...placeholder, section };
      unreadableTables.push(entry);
      placeholders.push(entry);
    }
  }

  // Tables standing away from their section — an annex after 六 (附件：一、主动公开政府信息情况 …),
  // or under another part's heading — are looked for in every region, once their own gave nothing.
  for (const region of regions) {
    const found = new Set(tables.map((t) => t.id));
    const stray = template.tables.filter((t) => !found.has(t.id));
    if (stray.length === 0) break;
    if (region.firstLine > region.lastLine || mangledTable(src, region)) continue;
    const layout = detectLayout(src, region.firstLine, region.lastLine);
    if (!layout) continue;
    const result = new RegionReader(src, layout, stray, region.sectionId ?? 1).read(region.firstLine, region.lastLine);
    for (const t of result.tables) {
      t.section = (stray.find((w) => w.id === t.id) as TableTemplate).section;
      tables.push(t);
      layouts.push(layout);
      sections.find((s) => s.id === t.section)?.tables.push(t);
    }
    fusedRuns.push(...result.fused);
  }
  tables.sort((a, b) => a.span.start - b.span.start);
  // A section's table found after all (详见附件1, and the annex is in this text): the placeholder stood for it.
  for (const p of placeholders) if (tables.some((t) => t.section === p.section)) unreadableTables.splice(unreadableTables.indexOf(p), 1);

  for (const s of sections) if (s.id === 1) s.subHeadings = findSubHeadings(src, s);
  const headlessSections = findHeadlessSections(src, sections, tables);

  // A report, not a document about reports (a notice, a review, a 编写说明): document-kind.ts.
  const kind = documentKind({ masked: src.masked, lines, title, sections, tables });
  const isReport = kind === 'report';
  const attachment = kind === 'attachment' ? attachedReport(src.masked, lines) : undefined;

  return {
    text,
    isReport,
    ...(attachment !== undefined ? { attachment } : {}),
    format,
    formatEvidence: evidence,
    title,
    year,
    eol: index.eol,
    sections,
    tables,
    unreadableTables,
    fusedRuns,
    headlessSections,
    artefacts: src.artefacts,
    preferredLayout:
      mostCommon(layouts) ?? options.layoutHint ?? (/^\s*#|\n\s*\|/.test(text.slice(0, 4000)) ? 'markdown' : 'tab-separated'),
  };
}

// ------------------------------------------------------------ headings

let ROW_LABELS: string[] | undefined;

/** Every row label of every format (normalised, 4+ characters): the template is constant, so once. */
function allRowLabels(): string[] {
  return (ROW_LABELS ??= computeRowLabels());
}

function computeRowLabels(): string[] {
  const labels = new Set<string>();
  for (const f of Object.values(FORMATS)) for (const t of f.tables) for (const r of t.rows) labels.add(normalizeLabel(r.label));
  return [...labels].filter((l) => l.length >= 4);
}

/** A blank, or the `#` and `*` of Markdown around a heading (by code: asked of every line's first characters). */
// (`?` and U+FFFD: spaces a page's encoding lost, `????一、總體情況`)
const isHeadingLead = (code: number): boolean => isBlankChar(code) || code === 35 || code === 42 || code === 63 || code === 0xfffd;

const LABELS_BY_FIRST = new WeakMap<string[], Map<number, string[]>>();

/** Whether a line (normalised) starts with a row label, or is the start of one: a table's row, not a heading. */
function isRowLabel(full: string, rowLabels: string[]): boolean {
  // Either starts with the other, so both start with one character: only the labels starting with it are compared.
  if (full.length === 0) return rowLabels.length > 0; // (every label starts with '')
  let byFirst = LABELS_BY_FIRST.get(rowLabels);
  if (!byFirst) {
    byFirst = new Map();
    for (const l of rowLabels) {
      const c = l.charCodeAt(0);
      const list = byFirst.get(c);
      if (list) list.push(l);
      else byFirst.set(c, [l]);
    }
    LABELS_BY_FIRST.set(rowLabels, byFirst);
  }
  return (byFirst.get(full.charCodeAt(0)) ?? []).some((l) => full.startsWith(l) || l.startsWith(full));
}

/** A section's heading wordings normalised, made once per template (every candidate line compares them). */
interface HeadingForms {
  title: string;
  variants: string[];
  /** The variants and the title without their numeral and its mark (`一、`). */
  tails: string[];
}
const HEADING_FORMS = new WeakMap<SectionTemplate, HeadingForms>();

function headingForms(t: SectionTemplate): HeadingForms {
  let forms = HEADING_FORMS.get(t);
  if (!forms) {
    forms = {
      title: normalizeLabel(t.title),
      variants: t.variants.map((v) => normalizeLabel(v)),
      tails: t.variants.concat(t.title).map((v) => normalizeLabel(v).slice(2)),
    };
    HEADING_FORMS.set(t, forms);
  }
  return forms;
}

const BARE_STARTS = new WeakMap<SectionTemplate[], Set<number>>();

/** The first characters of the sections' titles without their numerals (主动公开… → 主), by template list. */
function bareTitleStarts(templates: SectionTemplate[]): Set<number> {
  let starts = BARE_STARTS.get(templates);
  if (!starts) {
    starts = new Set(templates.map((t) => headingForms(t).title.charCodeAt(2)).filter((c) => !Number.isNaN(c)));
    BARE_STARTS.set(templates, starts);
  }
  return starts;
}

// A section's title without its numeral (主动公开政府信息情况), on a line of its own with the caption of the
// section's first table right after it: the heading, numeral left out. Kept like a heading found only by its numeral.
function bareHeading(src: Source, templates: SectionTemplate[], line: number, from: number): HeadingHit | undefined {
  const { lines: index, masked } = src;
  let end = index.lineEnd(line);
  if (end - from > MAX_HEADING * 2) return undefined;
  // Asked of nearly every line: only a line starting as a title does (主/收/政…) is normalised and compared.
  if (!bareTitleStarts(templates).has(masked.charCodeAt(from))) return undefined;
  while (end > from && isHeadingLead(masked.charCodeAt(end - 1))) end--;
  const norm = normalizeLabel(masked.slice(from, end));
  const section = templates.find((t) => headingForms(t).title.slice(2) === norm);
  const caption = section && FORMATS['2021'].tables.find((t) => t.section === section.id)?.caption;
  if (!section || !caption) return undefined;
  for (let next = line + 1; next < Math.min(index.lineCount, line + 4); next++) {
    const text = normalizeLabel(masked.slice(index.lineStart(next), index.lineEnd(next)));
    if (text.length === 0) continue;
    return text.startsWith(normalizeLabel(caption)) ? { line, section, match: 'variant', start: from, end } : undefined;
  }
  return undefined;
}

function findHeadings(src: Source, templates: SectionTemplate[], rowLabels: string[]): HeadingHit[] {
  const candidates: (HeadingHit & { keyed: boolean; renumbered: boolean })[] = [];
  const { lines: index, masked } = src;
  for (let line = 0; line < index.lineCount; line++) {
    const s = index.lineStart(line);
    const e = index.lineEnd(line);
    if (masked.charCodeAt(s) === 9) continue; // a table cell, not a heading
    let i = s;
    while (i < e && isHeadingLead(masked.charCodeAt(i))) i++;
    // (charAt of the end is '', which indexOf and includes find: test the bounds first.)
    if (i >= e) continue;
    const numeral = NUMERALS.indexOf(masked.charAt(i));
    if (numeral < 0) {
      const bare = bareHeading(src, templates, line, i);
      if (bare) candidates.push({ ...bare, keyed: false, renumbered: false });
      continue;
    }
    let j = i + 1;
    while (j < e && isBlankChar(masked.charCodeAt(j))) j++;
    if (j >= e || !'、．.，'.includes(masked.charAt(j))) continue;
    if (textLength(src, s, e) > 200) continue; // running text, not a heading (measured only here: it reads the line)
    let end = e;
    while (end > j && isHeadingLead(masked.charCodeAt(end - 1))) end--;
    const body = masked.slice(j + 1, end);
    if (body.indexOf('\t') >= 0 || /[0-9０-９]\s*$/.test(body)) continue; // a table row with numbers
    const norm = normalizeLabel(body);
    if (norm.length === 0 || norm.length > MAX_HEADING || norm.endsWith('。')) continue;
    const full = normalizeLabel(masked.slice(i, end));
    if (isRowLabel(full, rowLabels)) continue;
    const own = templates[numeral];
    if (!own) continue;
    const words = (t: SectionTemplate) =>
      headingForms(t).tails.includes(norm) || t.keys.some((group) => group.every((k) => norm.includes(k)));
    const forms = headingForms(own);
    const exact = forms.title === full;
    const keyed = exact || forms.variants.includes(full) || words(own);
    // Numbered otherwise (an unnumbered overview, then 一、主动公开政府信息情况 …): the words decide, the numeral is only evidence.
    const other = keyed ? undefined : templates.find((t) => t !== own && words(t));
    const section = other ?? own;
    candidates.push({
      line,
      section,
      match: exact ? 'exact' : keyed || other ? 'variant' : 'numeral',
      start: i,
      end,
      keyed,
      renumbered: other !== undefined,
    });
  }
  // Headings found by their words stand; one found only by its numeral is
  // kept when that section is otherwise absent and it sits in order.
  const keyed = candidates.filter((c) => c.keyed);
  const result: HeadingHit[] = [...keyed];
  const inOrder = (c: HeadingHit) =>
    result.filter((k) => k.line < c.line).every((k) => k.section.id < c.section.id) &&
    result.filter((k) => k.line > c.line).every((k) => k.section.id > c.section.id);
  // A renumbered heading stands for a section no heading of its own numeral names, in order
  // (an annex repeating 一、主动公开… after the overview's 二、 is not a second section 二).
  for (const c of candidates) if (c.renumbered && !result.some((k) => k.section.id === c.section.id) && inOrder(c)) result.push(c);
  for (const c of candidates) {
    if (c.keyed || c.renumbered || result.some((k) => k.section.id === c.section.id)) continue;
    const before = keyed.filter((k) => k.line < c.line).map((k) => k.section.id);
    const after = keyed.filter((k) => k.line > c.line).map((k) => k.section.id);
    if (before.every((id) => id < c.section.id) && after.every((id) => id > c.section.id)) result.push(c);
  }
  return result.sort((a, b) => a.line - b.line);
}

function findSubHeadings(src: Source, section: SectionNode): SectionNode['subHeadings'] {
  const out: SectionNode['subHeadings'] = [];
  const { lines: index, masked } = src;
  const first = index.lineOf(section.span.start) + 1;
  const last = index.lineOf(Math.max(section.span.start, section.span.end - 1));
  for (let line = first; line <= last && out.length < 50; line++) {
    const s = index.lineStart(line);
    const e = index.lineEnd(line);
    let i = s;
    while (i < e && (isBlankChar(masked.charCodeAt(i)) || masked[i] === '#' || masked[i] === '*')) i++;
    if (masked[i] !== '（' && masked[i] !== '(') continue;
    const close = masked.slice(i + 1, Math.min(e, i + 5)).search(/[)）]/);
    if (close < 1 || !/^[一二三四五六七八九十]+$/.test(masked.slice(i + 1, i + 1 + close))) continue;
    const stop = masked.indexOf('。', i);
    let end = stop >= 0 && stop < e ? stop : e;
    end = Math.min(end, i + 40);
    while (end > i && isBlankChar(masked.charCodeAt(end - 1))) end--;
    const span = { start: i, end };
    out.push({ text: src.text.slice(i, end), span, range: src.index.rangeOf(span) });
  }
  return out;
}

// ------------------------------------------------------------ sections without a heading

/** What the first paragraph of a section says when its heading was left out (五 starts with （一）存在的主要问题…). */
const CONTENT_WORDS: Partial<Record<SectionId, RegExp>> = {
  5: /问题|不足|短板|改进|整改/,
  6: /信息处理费|其他需要报告|其他事项/,
};

/**
 * Sections whose heading is missing while their content is there: the first
 * paragraph after the previous part (its last table, else its heading) that
 * speaks of what the section holds, before the next heading.
 */
function findHeadlessSections(src: Source, sections: SectionNode[], tables: TableNode[]): HeadlessSection[] {
  const out: HeadlessSection[] = [];
  const { lines, masked } = src;
  for (const [key, words] of Object.entries(CONTENT_WORDS)) {
    const id = Number(key) as SectionId;
    if (sections.some((s) => s.id === id) || !words) continue;
    const previous = [...sections].reverse().find((s) => s.id < id);
    const next = sections.find((s) => s.id > id);
    if (!previous || (next && next.span.start < previous.span.start)) continue;
    const tableEnd = Math.max(
      previous.heading.span.end,
      ...tables.filter((t) => t.section <= previous.id && t.span.start >= previous.span.start).map((t) => t.span.end),
    );
    const until = next ? next.span.start : masked.length;
    for (let line = lines.lineOf(tableEnd) + 1; line < lines.lineCount && lines.lineStart(line) < until; line++) {
      const s = lines.lineStart(line);
      const e = lines.lineEnd(line);
      if (e === s) continue;
      // The paragraph's start, across the short lines of text copied from a PDF.
      const head = normalizedText(masked, s, Math.min(until, s + 200));
      if (head.length === 0) continue;
      // Its first sentence must speak of the section's matter, and start here (after a sentence end).
      const sentence = head.slice(0, 80).split('。')[0] ?? '';
      let before = s - 1;
      while (before > tableEnd && isBlankChar(masked.charCodeAt(before))) before--;
      const startsSentence = before <= tableEnd || '。；！？：'.includes(masked.charAt(before));
      if (!words.test(sentence) || !startsSentence) {
        if (id === 5) break; // 五 follows a table: its first paragraph is its start, or there is none
        continue; // 六 follows 五's prose: look on for the paragraph that begins it
      }
      const span = { start: s, end: e };
      out.push({ id, span, range: src.index.rangeOf(span) });
      break;
    }
  }
  return out;
}

// ------------------------------------------------------------ title, year

// A crawler's or a site's page around the report: metadata lines and chrome before the title.
const PAGE_META =
  /^(标题|文章标题|名\s*称|发布时间|发布日期|公开日期|成文日期|时间|来源|信息来源|原文链接|链接|网址|URL|当前位置|您现在的位置|索引号|发文字号|文\s*号|发布机构|发文机关|作者|浏览次数|点击数|访问量|字号|分类|主题分类|采集时间|单位|关键词|关键字|主题词|信息名称|废止日期|生效日期|有效性|公开方式|公开范围|组配分类|体裁分类)[：:]/;

// A line of nothing but a page's buttons and labels (正文, 字号 大 中 小, 打印本页, 分享到：, 首页 > …): no title's
// part; whatever stood before it was the page's header, not the title's first line.
const PAGE_CHROME =
  /^(?:[【[〔（(]?\s*(?:正文|全文|打印本页|打印|关闭本页|关闭窗口|关闭|分享到[：:]?|分享|收藏|返回顶部|返回|字号|字体|大|中|小|默认|扫一扫|微信|微博|信息来源|来源|视力保护色|下载|我要纠错|首页\s*[>＞»›].*)\s*[：:]?\s*[】\]〕）)]?\s*[|｜：:]?\s*)+$/;

// A page's header line no title is part of: site navigation (`首页 | 政务公开`, `首页 > 政务公开`,
// `当前位置：首页>>信息公开`, `首页»年报`), a metadata table a converter broke (U+FFFD), a publication date.
// A breadcrumb by its shape, not by any `>`: a title holding markup (`某区<b>人民政府</b>`) is still the title.
const PAGE_HEADER = /\uFFFD|\s[|｜]\s|\s[>＞»›]\s|>>|[＞»›]|\p{Script=Han}\s*>\s*\p{Script=Han}|20\d\d-\d{1,2}-\d{1,2}/u;
// A character every PAGE_HEADER match holds: most lines have none, and are spared its Unicode search.
const PAGE_HEADER_MARK = /[\uFFFD|｜>＞»›-]/;
const isPageHeader = (t: string): boolean => PAGE_HEADER_MARK.test(t) && PAGE_HEADER.test(t);

// A sentence of the body, not a title: the report's opening (根据《条例》…现公布…年度报告。, 本年度报告根据…,
// 依据…编制本年度报告, 按照…要求，特向社会公布…) names the report as its object and cites 《…》, so taken for
// the title it would read as an article about a report.
const BODY_START = /^(根据|依据|依照|遵照|按照|结合|本年度报告|本报告|本年报|为了?(进一步|全面|深入|认真|切实|贯彻|落实|做好|推进|保障))/;

/** The start of a line folded character by character (traditional forms, widths), offsets unchanged. */
function foldedHead(t: string): string {
  let out = '';
  for (let i = 0; i < Math.min(t.length, 400); i++) out += foldChar(t.charAt(i));
  return out;
}

/** A title candidate that is a sentence of the body (folded text). */
const isBodySentence = (t: string): boolean => BODY_START.test(t) || /。\s*$/.test(t);

const FLIPBOOK_PAGE = /^Page\s*\d+\s*[-–—]\s*/;

function findTitle(src: Source, beforeLine: number): LabelNode | undefined {
  const { lines: index, masked, text } = src;
  let first = -1;
  let seen = 0;
  const label = (start: number, end: number): LabelNode => {
    const span = { start, end };
    return { text: text.slice(start, end), normalized: normalizeLabel(masked.slice(start, end)), span, range: src.index.rangeOf(span) };
  };
  for (let line = 0; line < Math.min(beforeLine, index.lineCount) && seen < 4; line++) {
    let s = index.lineStart(line);
    const e = index.lineEnd(line);
    // `#` of a Markdown heading, `******` of html2text's <h1> around the title
    while (s < e && isHeadingLead(masked.charCodeAt(s))) s++;
    // A flipbook's page of a PDF (`Page 8 - 某局2022年…年度报告`): the page's number is not the title's.
    s += FLIPBOOK_PAGE.exec(masked.slice(s, Math.min(e, s + 20)))?.[0].length ?? 0;
    // (`?`/U+FFFD at its end: characters a mirror lost, not the title's — `…年度報告?????`)
    let t = masked.slice(s, e).replace(/[\s?\ufffd]+$/, '');
    const decorated = /\s*\*{3,}$/.exec(t);
    if (decorated) t = t.slice(0, decorated.index);
    if (t.length === 0) continue;
    const head = foldedHead(t);
    const meta = PAGE_META.exec(head);
    if (meta) {
      // 标题：…年度报告 names the report; the other metadata lines are not part of it.
      if (/^(标题|文章标题)/.test(meta[1] ?? '') && normalizeLabel(t).includes('年度报告')) {
        let from = s + meta[0].length;
        while (from < e && isBlankChar(masked.charCodeAt(from))) from++;
        return label(from, s + t.length);
      }
      // (the lines above a metadata line are the page's header: a title never runs across one)
      first = -1;
      continue;
    }
    if ((t.length <= 40 && PAGE_CHROME.test(head)) || isPageHeader(head) || (t.length > 400 && isPageHeader(t))) {
      first = -1;
      seen = 0;
      continue;
    }
    // The body's opening sentence: no title (a title after it is looked for, the lines before it were none).
    // (Up to 年度报告 when the line names it: a title may run on into a sentence of the body.)
    const at = head.slice(0, 80).indexOf('年度报告'); // (folded: 年度報告 too)
    if (at >= 0 ? BODY_START.test(head) || head.slice(0, at).includes('。') : isBodySentence(head)) {
      first = -1;
      seen++;
      continue;
    }
    if (e - s > 80) {
      // The title run on into the body (one-line text): it ends with 年度报告.
      if (first < 0 && at >= 0) return label(s, s + at + 4);
      break;
    }
    seen++;
    if (first < 0) first = s;
    if (normalizeLabel(t).includes('年度报告')) return label(first, titleEnd(src, line, s + t.length));
  }
  return undefined;
}

// A title's last line naming what the document is (`关于政府信息公开工作年度报告` ⏎ `有关事项的通知`): a notice's
// words only (a link to the report's 图文解读 under its title is no part of the title).
const TITLE_KIND_LINE = /^[^。，,：:|｜\s]{0,12}的?(通知|通报|函|批复)$/;

/** Where a title ending at `end` on `line` ends: on the next line when that line only says what it is. */
function titleEnd(src: Source, line: number, end: number): number {
  const { lines: index, masked } = src;
  for (let l = line + 1; l < Math.min(index.lineCount, line + 3); l++) {
    const s = index.lineStart(l);
    const t = masked.slice(s, index.lineEnd(l)).trim();
    if (t.length === 0) continue;
    if (!TITLE_KIND_LINE.test(foldedHead(t))) return end;
    return s + masked.slice(s, index.lineEnd(l)).trimEnd().length;
  }
  return end;
}

// The year of the report an opening sentence publishes (…现公布某局2023年政府信息公开工作年度报告。): the year
// written right before the report's name, not one of a cited notice's number (〔2019〕).
const OPENING_YEAR = /(20\d\d)\s*年度?\s*(?:政府信息公开|政务公开|信息公开)(?:工作)?年度报告/;

/** A report without a title line: the year its opening sentence names, if it names one. */
function openingYear(src: Source, beforeLine: number): number | undefined {
  const { lines, masked } = src;
  for (let line = 0; line < Math.min(beforeLine, lines.lineCount, 6); line++) {
    const head = foldedHead(masked.slice(lines.lineStart(line), lines.lineEnd(line)).trimStart());
    if (!BODY_START.test(head)) continue;
    const m = OPENING_YEAR.exec(head);
    return m ? Number(m[1]) : undefined;
  }
  return undefined;
}

function readYear(title: LabelNode | undefined): number | undefined {
  const m = title ? /(20[0-9]{2})年/.exec(title.normalized) : null;
  return m ? Number(m[1]) : undefined;
}

// ------------------------------------------------------------ format

function detectFormat(src: Source, forced: FormatVersion | undefined): { format: FormatVersion; evidence: string[] } {
  if (forced) return { format: forced, evidence: ['forced'] };
  // The whole text (not a section's span), so that adding a heading never flips
  // the format; a plain search per label, in both bracket widths, so it costs
  // microseconds even on a long document.
  const text = withoutMarkup(src); // a label split by pandoc's spans (`[本年]{…}[新制作]{…}`) is still the label
  const has = (label: string) => text.includes(label) || labelPattern(label)?.test(text) === true;
  const found = (version: FormatVersion) => FORMATS[version].evidence.filter(has);
  const e2019 = found('2019');
  const e2021 = found('2021');
  if (e2019.length > e2021.length) return { format: '2019', evidence: e2019 };
  if (e2021.length > 0) return { format: '2021', evidence: e2021 };
  // No section-二 labels: a single （六）其他处理 row without its sub-rows suggests 2019.
  if ((has('（六）其他处理') || has('（六） 其他处理')) && !has('申请人无正当理由逾期不补正'))
    return { format: '2019', evidence: ['（六）其他处理'] };
  return { format: '2021', evidence: [] };
}

const LABEL_PATTERNS = new Map<string, RegExp | undefined>();
let TRADITIONAL_FORMS: Map<string, string> | undefined;

/** Each simplified character with its traditional forms (traditional.ts), the table read once. */
function traditionalForms(): Map<string, string> {
  if (TRADITIONAL_FORMS) return TRADITIONAL_FORMS;
  const forms = new Map<string, string>();
  for (const [from, to] of TRADITIONAL_TO_SIMPLIFIED) {
    const s = String.fromCharCode(to);
    forms.set(s, (forms.get(s) ?? s) + String.fromCharCode(from));
  }
  return (TRADITIONAL_FORMS = forms);
}

/**
 * A label in every spelling the fold reads as it (both bracket widths, traditional characters: 本年新製作數量),
 * or nothing when the plain search is all: one regular expression per label, made once, so the search stays
 * one pass over the text however it is written.
 */
function labelPattern(label: string): RegExp | undefined {
  if (LABEL_PATTERNS.has(label)) return LABEL_PATTERNS.get(label);
  const forms = traditionalForms();
  let source = '';
  let varies = false;
  for (const ch of label) {
    const alt = ch === '（' ? '（(' : ch === '）' ? '）)' : forms.get(ch);
    if (alt) varies = true;
    source += alt ? `[${alt.replace(/[()]/g, '\\$&')}]` : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const pattern = varies ? new RegExp(source) : undefined;
  LABEL_PATTERNS.set(label, pattern);
  return pattern;
}

// ------------------------------------------------------------ regions

interface Region {
  sectionId: SectionId | undefined;
  node: SectionNode | undefined;
  nextSectionId: number;
  firstLine: number;
  lastLine: number;
}

function regionsFor(sections: SectionNode[], index: Lines, textLength: number): Region[] {
  const regions: Region[] = [];
  const firstHeadingLine = sections[0] ? index.lineOf(sections[0].span.start) : index.lineCount;
  regions.push({
    sectionId: undefined,
    node: undefined,
    nextSectionId: sections[0]?.id ?? 7,
    firstLine: 0,
    lastLine: firstHeadingLine - 1,
  });
  sections.forEach((s, i) => {
    const next = sections[i + 1];
    regions.push({
      sectionId: s.id,
      node: s,
      nextSectionId: next ? Math.max(next.id, s.id + 1) : 7,
      firstLine: index.lineOf(s.span.start) + 1,
      lastLine: index.lineOf(Math.max(s.span.start, Math.min(s.span.end, textLength) - 1)),
    });
  });
  return regions;
}

/**
 * A table whose characters the converter broke (html2text 1.3.2a cuts a Chinese character's bytes at a column
 * width: `|行政�|0范�|5��件|`, a label's pieces in its numbers' cells): its cells cannot be told apart, so it is
 * not read, and says so once. Two such table lines at least: a stray U+FFFD in prose is no broken table.
 */
function mangledTable(src: Source, region: Region): Omit<UnreadableTable, 'section'> | undefined {
  let first: number | undefined;
  let count = 0;
  let end = 0;
  for (let l = region.firstLine; l <= region.lastLine; l++) {
    const line = src.masked.slice(src.lines.lineStart(l), src.lines.lineEnd(l));
    if (!line.includes('\uFFFD') || !line.includes('|')) continue;
    first ??= src.lines.lineStart(l);
    end = src.lines.lineEnd(l);
    count++;
  }
  if (first === undefined || count < 2) return undefined;
  const span = { start: first, end };
  return {
    span,
    range: src.index.rangeOf(span),
    reason: {
      zh: `表格中有 ${count} 行字符已损坏（转换工具截断了汉字，出现“\uFFFD”），单元格无法分辨`,
      en: `${count} table lines hold broken characters (U+FFFD: the converter cut Chinese characters), so the cells cannot be told apart`,
    },
  };
}

/**
 * A line standing for a table not in the text (pandoc's `[TABLE]`, a picture: placeholders.ts): a table of the
 * section not read is unreadable, not missing. Markup masked in the reading text (an `<img>` in Markdown) is
 * looked for in the text itself.
 */
function tablePlaceholder(src: Source, region: Region): Omit<UnreadableTable, 'section'> | undefined {
  for (let l = region.firstLine; l <= region.lastLine; l++) {
    const s = src.lines.lineStart(l);
    const e = src.lines.lineEnd(l);
    const reason = placeholderReason(src.text.slice(s, e));
    if (!reason) continue;
    const span = { start: s, end: e };
    return { span, range: src.index.rangeOf(span), reason };
  }
  return undefined;
}

function mostCommon<T>(items: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const x of items) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: T | undefined;
  for (const [k, v] of counts) if (best === undefined || v > (counts.get(best) ?? 0)) best = k;
  return best;
}
