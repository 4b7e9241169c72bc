// What kind of document this is: an annual report, or a document *about*
// reports (a superior office's notice, a reviewer's 审核意见, a 编写说明, a news
// article, a page listing reports) that must get no findings.

import type { LabelNode, SectionNode, TableNode } from '../model';
import { FORMATS } from '../template/formats';
import type { TableId } from '../template/types';
import { normalizedText, normalizeLabel } from '../text';
import { attachedReport } from './attachment';
import type { Lines } from './lines';

export type DocumentKind = 'report' | 'notice' | 'review' | 'instructions' | 'article' | 'index' | 'attachment' | 'other';

export interface KindEvidence {
  /** The text as the recognisers read it (artefacts masked). */
  masked: string;
  lines: Lines;
  title: LabelNode | undefined;
  sections: readonly SectionNode[];
  tables: readonly TableNode[];
}

/** What a title says the document is: a report, a document about reports, or nothing either way. */
export type TitleKind = Exclude<DocumentKind, 'other' | 'attachment'> | 'none';

const REPORT_WORDS = /(政府信息公开|政务公开|信息公开)(工作)?(年度报告|年报)|年度报告/;

// After 年度报告, what a report's own title may still carry: its form (格式, 模板, （全文）),
// a draft's name, the site's suffix (-沭阳县发改局, _某某网). Anything else names another document.
const TITLE_TAIL =
  /^[》」』"”'’]*(?:[（(](?:全文|文字版|图文版|模板|样本|范本|样式|参考格式|格式|试行|草案|初稿|送审稿|征求意见稿|修订稿|定稿|20\d\d年?度?)[)）])*(?:格式|模板|格式模板|参考格式|样式|范本)?(?:[（(]试行[)）])?[》」』"”'’]*(?:[-—–_|｜].*)?$/;

// Before the report's name: a verb that makes the report an object (发布…年度报告, 解读《…》).
const OBJECT_VERB =
  /(发布|公布|印发|解读|审核|审查|报送|晒出|出炉|做好|关于做好|关于印发|关于报送|关于开展)了?《?(20\d\d|二[〇零○]|本|我|全|各|该|《|政府|政务)/;

/** What a (normalised) title names. */
export function titleKind(title: string): TitleKind {
  const t = normalizeLabel(title);
  const words = REPORT_WORDS.exec(t);
  if (!words) return aboutKind(t) ?? 'none';
  const at = t.lastIndexOf(words[3] ?? words[0]);
  const name = words[3] ?? words[0];
  const tail = t.slice(at + name.length);
  const head = t.slice(0, at);
  if (!TITLE_TAIL.test(tail)) return aboutKind(tail) ?? aboutKind(t) ?? 'article';
  // A quoted report inside a longer title (…发布《某局2023年…年度报告》) is what the document is about.
  if (OBJECT_VERB.test(head) || (head.includes('《') && !/^[《「『]/.test(t))) return aboutKind(head) ?? 'article';
  if (/^[【[(（]?(文字|图文|图片|视频|动漫|漫画|H5)?(图解|一图读懂|图说|解读|政策解读)/.test(head)) return 'article';
  return 'report';
}

function aboutKind(t: string): TitleKind | undefined {
  if (/通知|通报|公告|函$|的函|批复|方案|要点/.test(t)) return 'notice';
  if (/审核|审查|意见|反馈|评估|点评|整改/.test(t)) return 'review';
  if (/说明|指引|指南|须知|提纲|要求|规范|口径|注意事项/.test(t)) return 'instructions';
  if (/目录|一览|汇总|列表|清单|专栏|栏目/.test(t)) return 'index';
  if (/解读|图解|问答|新闻|报道|发布会|显示|出炉/.test(t)) return 'article';
  return undefined;
}

// A line naming a report, as a page listing them writes it: bullet, title, date.
const LIST_BULLET = /^[·•●◆■□▪▶►\-*+0-9.、)）\]]+/;
const LIST_DATE = /[[(（]?20\d\d[-./年]\d{1,2}([-./月]\d{1,2}日?)?[\])）]?$/;

/**
 * One report however a page repeats its own title (标题：…, 名称 …, …-某局 in its metadata and headings): the words
 * just before its year, the year, and the report's name. Reports of other agencies or years differ in these.
 */
function reportKey(t: string): string {
  const year = /(?:20\d\d|[〇零○一二三四五六七八九]{4})年/.exec(t);
  if (!year) return t;
  return t.slice(Math.max(0, year.index - 6), year.index) + year[0] + (REPORT_WORDS.exec(t.slice(year.index))?.[0] ?? '');
}

/** Three or more lines, each only a report's title with a year: a page listing reports, not one. */
function listsReports(ev: KindEvidence): boolean {
  const { masked, lines } = ev;
  const titles = new Set<string>();
  const last = Math.min(lines.lineCount, 3000);
  for (let l = 0; l < last; l++) {
    const s = lines.lineStart(l);
    const e = lines.lineEnd(l);
    if (e - s > 120 || e - s < 8) continue;
    const raw = masked.slice(s, e);
    if (!raw.includes('报告') && !raw.includes('報告')) continue; // (報告: a page in traditional characters)
    const t = normalizeLabel(raw).replace(LIST_BULLET, '').replace(LIST_DATE, '');
    if (t.length > 80 || !/(20\d\d|[〇零○一二三四五六七八九]{4})年/.test(t)) continue;
    if (titleKind(t) === 'report') titles.add(reportKey(t));
    if (titles.size >= 3) return true;
  }
  return false;
}

// How much of a table must be there for the tables alone to make a report: a share of the template's
// cells (data rows × columns), each a number or a blank in its place; the bar is 65 cells in 三, 6 in 四.
// Measured over every fixture, form and variant cut down to its tables alone, to 三 alone (pasted,
// half-typed, blank) and to 三's first half: at least 77 cells. Quotes stay far below: a 解读 quoting
// three rows has 3; a district's statistics by 三's rows with a column per office, 45; the corpus README
// quoting 行政复议 10, 1, 0, 0, none (its cells are text). In 四 (one row of 15) one group of five is a quote.
const TABLE_SHARE = 0.4;

let TABLE_CELLS: Map<TableId, number> | undefined;

/** Cells of each table in the smaller of the two formats (2019 writes （六） as one row): the lenient count. */
function templateCells(): Map<TableId, number> {
  if (TABLE_CELLS) return TABLE_CELLS;
  const cells = new Map<TableId, number>();
  for (const format of Object.values(FORMATS))
    for (const t of format.tables) {
      const n = t.rows.filter((r) => r.kind === 'data').length * t.columns.length;
      cells.set(t.id, Math.min(n, cells.get(t.id) ?? n));
    }
  return (TABLE_CELLS = cells);
}

/** Cells found where the table has them: numbers, blanks, runs of digits; not text (a README's words). */
function filledCells(table: TableNode): number {
  let n = 0;
  for (const row of table.rows) for (const c of row.cells) if (c.present && c.value.kind !== 'text') n++;
  return n;
}

/**
 * The statistical tables are substantially the report's: one of 三 and 四 with a good share of its cells
 * (a pasted table, even blank or half-typed), or most of section 二's small tables. A row or two quoted
 * by an article, a README or a CSV is not.
 */
function hasReportTables(tables: readonly TableNode[]): boolean {
  const cells = templateCells();
  const s2 = new Set<TableId>();
  for (const t of tables) {
    if (t.section === 2) {
      if (filledCells(t) > 0) s2.add(t.id);
      continue;
    }
    const of = cells.get(t.id);
    if (of !== undefined && filledCells(t) >= Math.ceil(of * TABLE_SHARE)) return true;
  }
  // 2021 has four tables in 二, 2019 five; three is most of either.
  return s2.size >= 3;
}

/**
 * The report's own start and nothing after it (a page cut after section 二): the worded headings 一 and 二 in
 * that order, and under 二 one of its tables with every cell in place. Measured: no document about reports in
 * test/fixtures/not-reports has a section-二 table at all, nor the two headings worded in order but the 编写说明
 * (its title says what it is, and says so first).
 */
function startsAsReport(ev: KindEvidence): boolean {
  const worded = ev.sections.filter((s) => s.headingMatch !== 'numeral');
  const one = worded.findIndex((s) => s.id === 1);
  if (one < 0 || !worded.slice(one + 1).some((s) => s.id === 2)) return false;
  const cells = templateCells();
  return ev.tables.some((t) => t.section === 2 && filledCells(t) >= (cells.get(t.id) ?? Infinity));
}

// A sentence by which the document names itself the report: 本年度报告根据…编制, 现公布某局2023年…年度报告,
// 编制…年度报告, 现将…工作报告公开如下. Not one that quotes a report (《…年度报告》) or asks for one (a notice).
const SELF_NAMED =
  /本(年度)?(报告|年报)(是|根据|依据|按照|由|所列|中所列|包括|全文|内容|电子版|的电子版)|(现|特|兹)(将|予以?|向社会)?(公布|发布|公开|编制)?[^。]{0,40}(年度报告|年报|信息公开工作报告)|编制(了)?[^。]{0,40}(年度报告|年报)|编制(了)?本报告$/;
const ASKS_FOR = /通知|事项|印发|转发|报送|做好|要求如下/;

/**
 * The report's start when the page is cut in section 一: its opening (or 一's first sentence) names the document
 * the report, and the worded heading 一 follows. Measured: no document of test/fixtures/not-reports has both.
 */
function namesItself(ev: KindEvidence): boolean {
  const one = ev.sections[0];
  if (!one || one.id !== 1 || one.headingMatch === 'numeral') return false;
  const { start, end } = one.heading.span;
  const stop = ev.masked.indexOf('。', end);
  const opening = ev.masked.slice(Math.max(0, start - 1500), stop >= 0 && stop - end <= 300 ? stop + 1 : end);
  for (const sentence of opening.split(/[。；;\n]/)) {
    // (the report's own parts, listed: 其他需要报告的事项 is no 事项 asked for)
    const own = normalizedText(sentence)
      .replace(/《[^》]*》/g, '')
      .replace(/其他需?要?(报告|说明)的?事项/g, '');
    if (SELF_NAMED.test(own) && !ASKS_FOR.test(own)) return true;
  }
  return false;
}

/** Distinct section headings (worded, not only numbered) standing in order: the longest increasing run. */
function headingsInOrder(sections: readonly SectionNode[]): number {
  // Patience sorting over at most a few dozen headings: tails[k] is the least last id of a run of k + 1.
  const tails: number[] = [];
  for (const s of sections) {
    if (s.headingMatch === 'numeral') continue;
    let k = 0;
    while (k < tails.length && (tails[k] as number) < s.id) k++;
    tails[k] = s.id;
  }
  return tails.length;
}

/** Below this many Han characters a page is too short to be the report it names (a report has thousands). */
const ATTACHMENT_PAGE_HAN = 1500;

/**
 * A short page with the report's title, no section of it, and its text saying the report is an attached file
 * (attachment.ts): the page is not the report, the attachment is.
 */
function givesAttachment(ev: KindEvidence): boolean {
  if (ev.sections.length > 0 || ev.tables.length > 0) return false;
  let han = 0;
  for (let i = 0; i < ev.masked.length && han < ATTACHMENT_PAGE_HAN; i++) {
    const c = ev.masked.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) han++;
  }
  return han < ATTACHMENT_PAGE_HAN && attachedReport(ev.masked, ev.lines) !== undefined;
}

/**
 * A report's title names an agency, a year and 年度报告 as what the document
 * is; a report has the statistical tables, most of the six headings, or its start (一, 二 and a table of
 * 二) when the rest is cut off. Tables
 * that are substantially the report's win over everything (a report whose title
 * is lost, a blank template attached to a notice, a draft that is only its
 * tables so far); then a title that names another document, or a list of
 * reports, says no; then the title or three headings in order say yes.
 */
export function documentKind(ev: KindEvidence): DocumentKind {
  if (hasReportTables(ev.tables)) return 'report';
  const byTitle = ev.title ? titleKind(ev.title.text) : 'none';
  if (byTitle !== 'report' && byTitle !== 'none') return byTitle;
  if (listsReports(ev)) return 'index';
  if (byTitle === 'report') return givesAttachment(ev) ? 'attachment' : 'report';
  if (headingsInOrder(ev.sections) >= 3 || startsAsReport(ev) || namesItself(ev)) return 'report';
  return 'other';
}
