// The command-line tool: a thin shell over the engine.
//   node server/out/cli.js check [--format text|json|csv|sarif] [--report summary.html] [--fix] [--lang zh|en] <file|dir>…
//   node server/out/cli.js extract [--format json|csv] [--lang zh|en] <file|dir>…
// check's exit code: 0 no errors, 1 errors found, 2 usage or I/O problems, or a
// check that failed with an internal error (its findings are missing).
// extract's: 0 every file was read (non-reports are skipped), 2 usage or I/O problems.
// Both commands find, read and decode files the same way (readEntry below).

import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { isMainThread, workerData } from 'node:worker_threads';
import {
  analyse,
  applySafeFixes,
  FORMATS,
  RULES,
  ruleById,
  TextIndex,
  verifiedFixes,
  type Analysis,
  type AnalyseOptions,
  type CellValue,
  type Finding,
  type FormatVersion,
  type Locale,
  type Position,
  type Range,
  type ReportModel,
  type SectionId,
} from './engine';
import { compatibleFixes, describeAnchor, readText, type ReadDocument, type SourceAnchor } from './engine';
import { readHtml, type HtmlReadOptions, type HtmlReading } from './engine/read/html';
import { holdsHtmlTables } from './engine/read/html-tables';
import { applyOffsetEdits, htmlEdits } from './engine/write/html';
import { encode } from './io/encoding';
import {
  collectFiles,
  identityOf,
  ioMessage,
  readInput,
  TooLargeError,
  writeAtomically,
  type FileIdentity,
  type WalkEntry,
} from './io/files';
import { CONFIG_FILE, ConfigFinder, problemSummary, settingsForFile, type RuleSetting } from './io/config';
import { runPool, serveTasks } from './io/pool';
import { DecodeError, readFileBytes, type ReadFile } from './io/readers';
import { agencyFromTitle } from './report/agency';
import { CrossCollector, digestRanges, placeKey, type CheckResult, type CrossPart, type Place } from './report/cross';
import { digestOf } from './engine/cross';
import { CHECK_CSV_HEADER, checkCsvRows, CSV_BOM, CSV_EOL, csvField } from './report/csv';
import { SarifWriter } from './report/sarif';
import { isSummaryPage, SummaryWriter } from './report/summary-html';
import { fileFixesOf, type DiagnosticDetail, type FileFix, type FileResult, type NativeLocation } from './report/types';
import { version as TOOL_VERSION } from '../../package.json';

const MAX_BYTES = 64 * 1024 * 1024;

interface CheckOptions {
  command: 'check';
  format: 'text' | 'json' | 'csv' | 'sarif';
  /** --report: where the HTML summary is written (besides the output in `format`). */
  report?: string;
  fix: boolean;
  locale: Locale;
  paths: string[];
  /** Worker threads for a folder; 1: everything in this thread; 0: chosen from the cores and the files. */
  jobs: number;
  /** --config: this `.xxgk.json` for every file, instead of the nearest one. */
  config?: string;
}

interface ExtractOptions {
  command: 'extract';
  format: 'json' | 'csv';
  locale: Locale;
  paths: string[];
  jobs: number;
  config?: string;
}

type Options = CheckOptions | ExtractOptions;

const FORM_NAMES: Record<ReadDocument['form'], { zh: string; en: string }> = {
  text: { zh: '文本文件', en: 'text files' },
  markdown: { zh: 'Markdown 文件', en: 'Markdown files' },
  html: { zh: 'HTML 文件', en: 'HTML files' },
  docx: { zh: 'Word 文件', en: 'Word files' },
  pdf: { zh: 'PDF 文件', en: 'PDF files' },
};

/** A web archive (.mht) is read as its page (form html), but named as what the file is when --fix is refused. */
const ARCHIVE_NAME = { zh: '网页存档（.mht）', en: 'web archives (.mht)' };

const USAGE = `用法 / usage:
node server/out/cli.js check [--format text|json|csv|sarif] [--report summary.html] [--fix] [--lang zh|en] <file|dir>…
  检查报告 / check reports
  --format F          输出格式：text（默认）、json、csv（带 BOM 的 UTF-8，每个问题一行）、sarif（SARIF 2.1.0）
                      output format: text (default), json, csv (UTF-8 with a BOM, a line per finding), sarif (SARIF 2.1.0)
  --report FILE       另写一份独立的 HTML 汇总（可排序、筛选） / also write a self-contained HTML summary (sortable, filterable)
  --fix               只应用安全的修复（标签、全角数字、导出残留），原子写回 / apply safe fixes only, written atomically
  --lang zh|en        消息语言（默认中文） / message language (default Chinese)
  --jobs N            文件较多时检查文件的线程数（含主线程；默认为 CPU 核数） / threads that check files in a big folder, this one included (default: the cores)
  --config FILE       使用此 .xxgk.json（默认：从每个文件所在文件夹向上找最近的一个）
                      use this .xxgk.json (default: the nearest one from each file's folder upwards)
  rules: ${RULES.map((r) => r.id).join(', ')}
  exit: 0 no errors · 1 errors found · 2 usage or I/O problems, or an internal error in a check
node server/out/cli.js extract [--format json|csv] [--lang zh|en] <file|dir>…
  输出读到的标题、各部分和表格数字 / print what was read: title, sections, every table cell
  --format json|csv   输出格式（默认 json；csv 为带 BOM 的 UTF-8） / output format (default json; csv is UTF-8 with a BOM)
  --lang zh|en        消息语言（默认中文） / message language (default Chinese)
  --jobs N            同上 / as for check
  exit: 0 every file was read (non-reports skipped) · 2 usage or I/O problems`;

const FORMATS_OF = { check: ['text', 'json', 'csv', 'sarif'], extract: ['json', 'csv'] } as const;

function parseArgs(argv: string[]): Options | string {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') return USAGE;
  if (command !== 'check' && command !== 'extract') return `unknown command: ${command ?? '(none)'}\n${USAGE}`;
  const formats: readonly string[] = FORMATS_OF[command];
  let format = formats[0];
  let fix = false;
  let report: string | undefined;
  let jobs = 0; // 0: chosen per run from the cores and the files (resultsOf)
  let locale: Locale = /^en/i.test(process.env.LANG ?? '') && !/^zh/i.test(process.env.LANG ?? '') ? 'en' : 'zh';
  const paths: string[] = [];
  let config: string | undefined;
  let langGiven = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === undefined) continue; // (i < rest.length)
    if (a === '--fix' && command === 'check') fix = true;
    else if ((a === '--report' || a.startsWith('--report=')) && command === 'check') {
      const v = a.includes('=') ? a.slice(9) : rest[++i];
      if (!v) return `--report needs a file name\n${USAGE}`;
      report = v;
    } else if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(9) : rest[++i];
      if (v === undefined || !formats.includes(v)) return `--format must be ${formats.join(' or ')}\n${USAGE}`;
      format = v;
    } else if (a === '--lang' || a.startsWith('--lang=')) {
      const v = a.includes('=') ? a.slice(7) : rest[++i];
      if (v !== 'zh' && v !== 'en') return `--lang must be zh or en\n${USAGE}`;
      locale = v;
      langGiven = true;
    } else if (a === '--jobs' || a.startsWith('--jobs=') || a === '-j') {
      const v = a.includes('=') ? a.slice(7) : rest[++i];
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 256) return `--jobs must be a whole number from 1 to 256\n${USAGE}`;
      jobs = n;
    } else if (a === '--config' || a.startsWith('--config=')) {
      const v = a.includes('=') ? a.slice(9) : rest[++i];
      if (!v) return `--config needs a file name\n${USAGE}`;
      config = resolve(v);
    } else if (a === '--help' || a === '-h') return USAGE;
    else if (a.startsWith('-') && a !== '-') return `unknown option: ${a}\n${USAGE}`;
    else paths.push(a);
  }
  if (paths.length === 0) return `no files given\n${USAGE}`;
  // --config's locale, unless --lang said otherwise (the nearest files' locales do not change a run's language).
  const configured = config === undefined || langGiven ? undefined : new ConfigFinder(config).forFile(config)?.config.locale;
  if (configured === 'en' || configured === 'zh-cn') locale = configured === 'en' ? 'en' : 'zh';
  const withConfig = config !== undefined ? { config } : {};
  return command === 'check'
    ? {
        command,
        format: format as CheckOptions['format'],
        fix,
        locale,
        paths,
        jobs,
        ...(report !== undefined ? { report } : {}),
        ...withConfig,
      }
    : { command, format: format as ExtractOptions['format'], locale, paths, jobs, ...withConfig };
}

// ---------------------------------------------------------------- reading (both commands)

/** A file read into the engine's one shape. */
interface TextInput {
  file: string;
  /** The reading text the engine analyses (for text and Markdown, the file's text). */
  text: string;
  read: ReadFile;
  bytes: Buffer;
  /** Set for a regular file: what --fix checks before replacing it. */
  identity: FileIdentity | undefined;
}

/**
 * Maps positions in the text the engine read to positions in the file as
 * written: the identity for a text file; the page's line:col for HTML; for a
 * Word file or a PDF the reading text's own line:col (the view) beside the
 * native place (a page; a table, row and column).
 */
interface Locator {
  range(range: Range): Range;
  native(p: Position): NativeLocation | undefined;
  describe(p: Position, locale: Locale): string | undefined;
}

const IDENTITY: Locator = { range: (range) => range, native: () => undefined, describe: () => undefined };

function nativeOf(anchor: SourceAnchor): NativeLocation | undefined {
  if (anchor.kind === 'pdf') return { page: anchor.page };
  if (anchor.kind === 'docx' || anchor.kind === 'doc') {
    if (anchor.table !== undefined)
      return {
        table: anchor.table,
        ...(anchor.row !== undefined ? { row: anchor.row } : {}),
        ...(anchor.cell !== undefined ? { column: anchor.cell } : {}),
      };
    if (anchor.paragraph !== undefined) return { paragraph: anchor.paragraph };
  }
  return undefined;
}

function locatorFor(input: TextInput, index: TextIndex): Locator {
  const { doc, sourceIndex } = input.read;
  if (doc.editable) return IDENTITY;
  if (sourceIndex) {
    // Offsets into a decoded source (HTML): line:col of the source.
    const offsetOf = (a: SourceAnchor) => (a.kind === 'offset' ? a.offset : 0);
    return {
      range: (range) => {
        const start = index.offsetAt(range.start);
        const end = index.offsetAt(range.end);
        const s = offsetOf(doc.anchorAt(start));
        const e = end > start ? Math.max(s, offsetOf(doc.anchorEnd(end))) : s;
        return { start: sourceIndex.positionAt(s), end: sourceIndex.positionAt(e) };
      },
      native: () => undefined,
      describe: () => undefined,
    };
  }
  return {
    range: (range) => range,
    native: (p) => nativeOf(doc.anchorAt(index.offsetAt(p))),
    describe: (p, locale) => {
      const anchor = doc.anchorAt(index.offsetAt(p));
      return anchor.kind === 'offset' ? undefined : describeAnchor(anchor, locale);
    },
  };
}

const at = (locate: Locator, p: Position): Position => locate.range({ start: p, end: p }).start;

const MIXED: HtmlReadOptions = { textOutsideTablesAsIs: true };

/** How a document of the HTML form was read (a page, or Markdown with HTML tables), to read it again after a fix. */
const htmlOptions = (doc: ReadDocument): HtmlReadOptions => (doc as Partial<HtmlReading>).options ?? {};

/** What a walk entry gave: its text, or why there is none (`error`: could not be read; `skipped`: nothing to read). */
type Input = TextInput | { file: string; error: string } | { file: string; skipped: string };

const SPECIAL_ZH: Record<string, string> = { 'a named pipe (FIFO)': '命名管道（FIFO）', 'a socket': '套接字', 'a device': '设备文件' };

function notAReport(zh: boolean, attachment?: string): string {
  // A page whose report is an attached file: the reviewer must check that file, not this page.
  if (attachment !== undefined)
    return zh
      ? `报告正文在附件“${attachment}”中，此网页只有标题和附件链接；请检查附件本身，已跳过`
      : `the report itself is the attachment “${attachment}”; this page has only its title and the link — check the attachment; skipped`;
  return zh ? '不是政府信息公开工作年度报告，已跳过' : 'not an annual disclosure report, skipped';
}

/** Reads one entry of `collectFiles` in its form, within the size limit; never throws. */
async function readEntry(entry: WalkEntry, zh: boolean): Promise<Input> {
  if ('problem' in entry) return { file: entry.path, error: entry.problem };
  if ('special' in entry) {
    return {
      file: entry.path,
      skipped: zh ? `${SPECIAL_ZH[entry.special] ?? '特殊文件'}，不是普通文件，已跳过` : `${entry.special}, not a regular file; skipped`,
    };
  }
  const path = entry.path;
  let bytes: Buffer;
  let identity: FileIdentity | undefined;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { file: path, error: 'is a directory' };
    if (st.isFile()) {
      if (st.size > MAX_BYTES)
        return { file: path, error: `file too large (${(st.size / 1048576).toFixed(1)} MB > ${MAX_BYTES / 1048576} MB), not checked` };
      identity = identityOf(st);
      bytes = readFileSync(path);
    } else {
      // Named on the command line: a FIFO, /dev/stdin or a shell's <(…) is read like cat reads it, up to the same limit.
      bytes = readInput(path, MAX_BYTES);
    }
  } catch (e) {
    if (e instanceof TooLargeError) return { file: path, error: `input too large (${e.message})` };
    return { file: path, error: ioMessage(e) };
  }
  if (bytes.length === 0)
    return {
      file: path,
      skipped: zh ? '不是政府信息公开工作年度报告，已跳过（空文件）' : 'not an annual disclosure report, skipped (empty file)',
    };
  let read: ReadFile;
  try {
    read = await readFileBytes(path, bytes);
    // Markdown or text holding HTML tables (MinerU, docling, marker): read as a page whose text outside tables is kept as it is.
    if ((read.doc.form === 'text' || read.doc.form === 'markdown') && read.decoded && holdsHtmlTables(read.decoded.text))
      read = { doc: readHtml(read.decoded.text, MIXED), decoded: read.decoded, sourceIndex: new TextIndex(read.decoded.text) };
  } catch (e) {
    if (e instanceof DecodeError) return { file: path, error: e.message };
    return { file: path, error: `internal error in the reader: ${e instanceof Error ? e.message : String(e)}` };
  }
  const problems = read.doc.problems;
  // A reader that read nothing says why (a scanned PDF, a corrupt zip): that is the file's result.
  if (problems.length > 0 && read.doc.text.trim() === '')
    return { file: path, error: problems.map((p) => p.message[zh ? 'zh' : 'en']).join('；') };
  return { file: path, text: read.doc.text, read, bytes, identity };
}

// ---------------------------------------------------------------- check

/**
 * Safe fixes applied to a web page through the HTML writer, pass by pass like
 * applySafeFixes: each pass's fixes placed in the page's markup together, or
 * one by one when they cannot all be; a fix the writer cannot place is left.
 */
function applySafeFixesToHtml(source: string, options: HtmlReadOptions): { text: string; applied: number } {
  let current = source;
  let applied = 0;
  for (let pass = 0; pass < 10; pass++) {
    const reading = readHtml(current, options);
    const analysis = analyse(reading.text);
    const chosen = compatibleFixes(analysis, (_f, fix) => fix.safe);
    if (chosen.length === 0) break;
    const together = htmlEdits(
      current,
      reading,
      chosen.flatMap((c) => c.fix.edits),
      analysis.index,
    );
    if (together) {
      current = applyOffsetEdits(current, together);
      applied += chosen.length;
      continue;
    }
    const one = chosen.map((c) => htmlEdits(current, reading, c.fix.edits, analysis.index)).find((e) => e !== undefined);
    if (!one) break;
    current = applyOffsetEdits(current, one);
    applied++;
  }
  return { text: current, applied };
}

/** A summary page `check --report` wrote: it quotes reports, so it must not be read as one. */
function ownSummary(input: TextInput, zh: boolean): { file: string; skipped: string } | undefined {
  if (input.read.doc.form !== 'html' || !input.read.decoded || !isSummaryPage(input.read.decoded.text)) return undefined;
  return { file: input.file, skipped: zh ? '本工具生成的检查汇总，已跳过' : 'a summary written by this tool, skipped' };
}

// ---------------------------------------------------------------- .xxgk.json

/** One finder per thread (each worker has its own): a config file is read once per folder. */
let finder: { key: string | undefined; finder: ConfigFinder } | undefined;

interface Configured {
  excluded: boolean;
  rules: Record<string, RuleSetting>;
  analyse: AnalyseOptions;
  /** `.xxgk.json` agencyAliases: a renamed agency's reports pair across years. */
  aliases: Record<string, string> | undefined;
}

function configuredFor(file: string, options: Options): Configured {
  if (!finder || finder.key !== options.config) finder = { key: options.config, finder: new ConfigFinder(options.config) };
  const s = settingsForFile(file, finder.finder.forFile(file));
  const off = Object.entries(s.rules).flatMap(([id, v]) => (v === 'off' ? [id] : []));
  return {
    excluded: s.excluded,
    rules: s.rules,
    aliases: s.agencyAliases,
    analyse: { ...(off.length > 0 ? { disabledRules: off } : {}), ...(s.issuerType ? { issuerType: s.issuerType } : {}) },
  };
}

/** The findings with the severities the config gives their rules. */
function configured(analysis: Analysis, conf: Configured): Analysis {
  if (Object.keys(conf.rules).length === 0) return analysis;
  analysis.findings = analysis.findings.map((f) => {
    const chosen = conf.rules[f.rule];
    return chosen && chosen !== 'off' && chosen !== f.severity ? { ...f, severity: chosen } : f;
  });
  return analysis;
}

function excludedMessage(zh: boolean): string {
  return zh ? `按 ${CONFIG_FILE} 的 exclude 排除，已跳过` : `excluded by ${CONFIG_FILE}, skipped`;
}

/** One stderr line per config file that is malformed (the defaults apply to its files), before any result. */
function reportConfigProblems(entries: readonly WalkEntry[], options: Options): void {
  const seen = new Set<string>();
  const local = new ConfigFinder(options.config);
  for (const entry of entries) {
    const loaded = local.forFile(entry.path);
    if (!loaded || seen.has(loaded.path)) continue;
    seen.add(loaded.path);
    if (loaded.problems.length > 0) process.stderr.write(`${loaded.path}: ${problemSummary(loaded.problems)[options.locale]}\n`);
  }
}

function checkFile(input: TextInput, options: CheckOptions): CheckResult {
  const zh = options.locale === 'zh';
  const own = ownSummary(input, zh);
  if (own) return own;
  const { file: path, bytes, identity } = input;
  const { doc, decoded } = input.read;
  let read = input.read;
  // .xxgk.json: excluded files are skipped; rules, issuerType as it says.
  const conf = configuredFor(path, options);
  if (conf.excluded) return { file: path, skipped: excludedMessage(zh), excluded: true };
  let analysis = configured(analyse(input.text, { verifyFixes: false, ...conf.analyse }), conf);
  if (!analysis.model.isReport) return { file: path, skipped: notAReport(zh, analysis.model.attachment) };
  let fixed = 0;
  let refused: string | undefined;
  const writable = decoded && (doc.editable || doc.form === 'html');
  if (options.fix && !writable) {
    // Word files, PDFs and web archives are never rewritten: their findings are listed, their fixes are advice.
    const form = input.read.archive ? ARCHIVE_NAME : FORM_NAMES[doc.form];
    refused = zh
      ? `不对${form.zh}应用修复（不支持写回），修复仅作为建议显示`
      : `fixes are not applied to ${form.en} (not written back); shown as advice`;
  } else if (options.fix && decoded) {
    const result = doc.editable ? applySafeFixes(decoded.text, conf.analyse) : applySafeFixesToHtml(decoded.text, htmlOptions(doc));
    if (result.applied > 0) {
      try {
        if (!identity) throw new Error('not a regular file; not written');
        // Only a file that decodes and re-encodes to the very same bytes can be rewritten without
        // changing what the fixes did not touch (a damaged byte, a stray second BOM, mixed encodings).
        if (!encode(decoded, decoded.text).equals(bytes)) {
          throw new Error(
            `its bytes do not survive decoding and re-encoding as ${decoded.encoding} (damaged or mixed encoding); fix it by hand`,
          );
        }
        writeAtomically(path, encode(decoded, result.text), identity);
      } catch (e) {
        return { file: path, error: `--fix could not write (file unchanged): ${ioMessage(e)}` };
      }
      const after = { ...decoded, text: result.text };
      read = doc.editable
        ? { doc: readText(result.text, doc.form === 'markdown' ? 'markdown' : 'text'), decoded: after }
        : { doc: readHtml(result.text, htmlOptions(doc)), decoded: after, sourceIndex: new TextIndex(result.text) };
      analysis = configured(analyse(read.doc.text, conf.analyse), conf);
      fixed = result.applied;
    }
  }
  for (const { rule, error } of analysis.ruleErrors)
    process.stderr.write(`internal error in rule ${rule} on ${path}: ${error instanceof Error ? error.message : String(error)}\n`);
  const locate = locatorFor({ ...input, read }, analysis.index);
  return {
    file: path,
    ...(refused ? { error: refused, refused: true } : {}),
    fixed,
    ...(analysis.ruleErrors.length > 0 ? { internalErrors: analysis.ruleErrors.map((e) => e.rule) } : {}),
    diagnostics: analysis.findings.map((f) => {
      const range = locate.range(f.range);
      const location = locate.native(f.range.start);
      const where = locate.describe(f.range.start, options.locale);
      return {
        id: f.id,
        rule: f.rule,
        severity: f.severity,
        message: f.message[options.locale],
        line: range.start.line + 1,
        column: range.start.character + 1,
        endLine: range.end.line + 1,
        endColumn: range.end.character + 1,
        ...(location ? { location } : {}),
        ...(where ? { where } : {}),
      };
    }),
    ...(wantsDetails(options) ? detailsOf(analysis, read.doc.form, options.locale, read.doc.editable && options.format === 'sarif') : {}),
    ...crossPartOf(analysis, path, locate, options, read.doc.editable, conf.rules, conf.aliases),
  };
}

/**
 * What the cross-report pass needs of a file (report/cross.ts): its digest,
 * and where each place a cross finding can sit is in the file — worked out
 * here, where the reading is, since only the digest outlives this call.
 */
function crossPartOf(
  analysis: Analysis,
  file: string,
  locate: Locator,
  options: CheckOptions,
  editable: boolean,
  rules: CrossPart['rules'],
  aliases: Record<string, string> | undefined,
): { cross?: CrossPart } {
  const digest = digestOf(analysis, file, aliases ? { aliases } : {});
  if (!digest?.identity) return {};
  const places: Record<string, Place> = {};
  for (const r of digestRanges(digest)) {
    const range = locate.range(r);
    const location = locate.native(r.start);
    const where = locate.describe(r.start, options.locale);
    const offset = analysis.index.offsetAt(r.start);
    const section = analysis.model.sections.find((s) => s.span.start <= offset && offset < s.span.end)?.id ?? 0;
    places[placeKey(r)] = {
      line: range.start.line + 1,
      column: range.start.character + 1,
      endLine: range.end.line + 1,
      endColumn: range.end.character + 1,
      ...(location ? { location } : {}),
      ...(where ? { where } : {}),
      ...(wantsDetails(options) ? { detail: { section, excerpt: excerptOf(analysis.index, r) } } : {}),
    };
  }
  return { cross: { digest, places, withFixes: editable && options.format === 'sarif', rules } };
}

/** CSV, SARIF and the summary need more than JSON's diagnostics; text and JSON output stay as they were. */
function wantsDetails(options: CheckOptions): boolean {
  return options.format === 'csv' || options.format === 'sarif' || options.report !== undefined;
}

/** The longest excerpt of a line the summary shows; a longer line is cut around the finding. */
const EXCERPT_CHARS = 160;

function excerptOf(index: TextIndex, range: Range): DiagnosticDetail['excerpt'] {
  const line = index.lineText(range.start.line).replace(/\r?\n$|\r$/, '');
  const start = Math.min(range.start.character, line.length);
  const end = range.end.line > range.start.line ? line.length : Math.max(start, Math.min(range.end.character, line.length));
  if (line.length <= EXCERPT_CHARS) return { text: line, start, end, cutStart: false, cutEnd: false };
  const from = Math.max(0, Math.min(start - 40, line.length - EXCERPT_CHARS));
  const to = Math.min(line.length, from + EXCERPT_CHARS);
  return { text: line.slice(from, to), start: start - from, end: Math.min(end, to) - from, cutStart: from > 0, cutEnd: to < line.length };
}

/**
 * The section a finding belongs to: the one its structural key names
 * (`missing-section:4`, `sum-mismatch:S3/…`, `S2_一/…`), else the one its
 * range starts in — a missing section's finding sits in the section before.
 */
function sectionOf(f: Finding, model: ReportModel, offset: number): SectionId | 0 {
  const key = f.id.slice(f.rule.length + 1);
  const named = /^([1-6])(?:[/#]|$)/.exec(key) ?? /^S([1-6])(?:[_/#]|$)/.exec(key);
  if (named) return Number(named[1]) as SectionId;
  const section = model.sections.find((s) => s.span.start <= offset && offset < s.span.end);
  return section ? section.id : 0;
}

function fileFixes(analysis: Analysis, f: Finding, locale: Locale): FileFix[] {
  // Structural fixes are proven on the fixed text before they are offered (the editor does the same).
  const fixes = ruleById(f.rule)?.verifyFixes && f.fixes.length > 0 ? verifiedFixes(analysis, f) : f.fixes;
  return fileFixesOf(fixes, locale);
}

function detailsOf(
  analysis: Analysis,
  form: ReadDocument['form'],
  locale: Locale,
  withFixes: boolean,
): Pick<FileResult, 'report' | 'details'> {
  const { model, index } = analysis;
  const title = model.title?.text;
  const agency = agencyFromTitle(title, model.year);
  return {
    report: {
      form,
      ...(title !== undefined ? { title } : {}),
      ...(model.year !== undefined ? { year: model.year } : {}),
      ...(agency !== undefined ? { agency } : {}),
    },
    details: analysis.findings.map((f) => ({
      section: sectionOf(f, model, index.offsetAt(f.range.start)),
      excerpt: excerptOf(index, f.range),
      ...(withFixes ? { fixes: fileFixes(analysis, f, locale) } : {}),
    })),
  };
}

const SEVERITY_WORDS: Record<Locale, Record<Finding['severity'], string>> = {
  zh: { error: '错误', warning: '警告', info: '信息', hint: '提示' },
  en: { error: 'error', warning: 'warning', info: 'info', hint: 'hint' },
};

/**
 * Output is built in memory and written in large pieces (a pipe or terminal
 * write is a system call; one per finding line was a measurable share of a
 * big run), as each file's result becomes available, in file order.
 */
class Sink {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly stream: NodeJS.WriteStream) {}
  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 1 << 16) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    this.stream.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

/** One element of a JSON array written as results arrive: together, the text of JSON.stringify(all, null, 2). */
function jsonElement(value: unknown, index: number): string {
  return `${index > 0 ? ',' : ''}\n  ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}`;
}

/** JSON output is what it was before CSV, SARIF and the summary: their extra fields are left out. */
function jsonOf(r: FileResult): Omit<FileResult, 'report' | 'details'> {
  const { report: _report, details: _details, ...json } = r;
  return json;
}

async function runCheck(options: CheckOptions): Promise<number> {
  const out = new Sink(process.stdout);
  const err = new Sink(process.stderr);
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  const zh = options.locale === 'zh';
  const words = SEVERITY_WORDS[options.locale];
  const cwd = process.cwd();
  let checked = 0;
  let problems = 0;
  /** Files `.xxgk.json` excludes: skipped, and said in the summary line. */
  let excluded = 0;
  /** Files where a check threw: their results are incomplete, so the run cannot say "no errors". */
  let incomplete = 0;
  let results = 0;
  let summary: SummaryWriter | undefined;
  if (options.report !== undefined) {
    try {
      summary = new SummaryWriter(options.report, { locale: options.locale, version: TOOL_VERSION });
    } catch (e) {
      process.stderr.write(`${options.report}: ${zh ? '无法写入汇总' : 'cannot write the summary'}: ${ioMessage(e)}\n`);
      return 2;
    }
  }
  // `check … | head`: the reader has all it wanted; stop quietly (as extract does).
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    summary?.abort();
    process.exit();
  });
  const sarif = options.format === 'sarif' ? new SarifWriter({ cwd, locale: options.locale, version: TOOL_VERSION }) : undefined;
  if (options.format === 'json') out.write('[');
  else if (options.format === 'csv') out.write(CSV_BOM + CHECK_CSV_HEADER);
  else if (sarif) out.write(sarif.head());
  try {
    // Every file first (digests kept, results waiting on disk), then each result with its cross-report findings.
    const collector = new CrossCollector(options.locale);
    for await (const r of resultsOf(options, checkEntry, (file, error): CheckResult => ({ file, error }))) collector.add(r);
    for (const r of collector.results()) {
      if (r.error) problems++;
      if (r.excluded) excluded++;
      if (r.internalErrors) incomplete++;
      if (r.diagnostics) checked++;
      for (const d of r.diagnostics ?? []) counts[d.severity]++;
      summary?.add(r);
      if (options.format === 'json') {
        out.write(jsonElement(jsonOf(r), results));
      } else if (sarif) {
        out.write(sarif.add(r));
      } else {
        if (r.error) err.write(r.refused ? `${r.file}: ${r.error}\n` : `${r.file}: ${zh ? '无法检查' : 'cannot check'}: ${r.error}\n`);
        if (r.skipped) err.write(`${r.file}: ${r.skipped}\n`);
        if (r.fixed)
          (options.format === 'csv' ? err : out).write(
            `${r.file}: ${zh ? `已应用 ${r.fixed} 处安全修复` : `applied ${r.fixed} safe fix(es)`}\n`,
          );
        if (options.format === 'csv') out.write(checkCsvRows(r));
        else
          for (const d of r.diagnostics ?? [])
            out.write(
              `${r.file}:${d.line}:${d.column}${d.where ? ` (${d.where})` : ''}  ${words[d.severity]}  ${d.message}  [${d.rule}]\n`,
            );
      }
      results++;
    }
  } catch (e) {
    summary?.abort();
    throw e;
  }
  let code = problems > 0 || incomplete > 0 ? 2 : counts.error > 0 ? 1 : 0;
  if (summary) {
    try {
      summary.finish();
    } catch (e) {
      summary.abort();
      err.write(`${options.report}: ${zh ? '无法写入汇总' : 'cannot write the summary'}: ${ioMessage(e)}\n`);
      code = 2;
    }
  }
  if (options.format === 'json') {
    out.write(results > 0 ? '\n]\n' : ']\n');
  } else if (sarif) {
    out.write(sarif.tail(code));
  } else if (options.format === 'text') {
    err.flush();
    const line = zh
      ? `检查了 ${checked} 份报告：${counts.error} 个错误，${counts.warning} 个警告，${counts.info} 条信息，${counts.hint} 条提示${problems ? `；${problems} 个文件无法读取` : ''}${excluded ? `；${excluded} 个文件按 ${CONFIG_FILE} 排除` : ''}${incomplete ? `；${incomplete} 个文件的检查出现内部错误，结果不完整` : ''}`
      : `${checked} report(s) checked: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} info, ${counts.hint} hint(s)${problems ? `; ${problems} file(s) could not be read` : ''}${excluded ? `; ${excluded} file(s) excluded by ${CONFIG_FILE}` : ''}${incomplete ? `; an internal error in a check left ${incomplete} file(s) incompletely checked` : ''}`;
    out.write(line + '\n');
  }
  err.flush();
  out.flush();
  return code;
}

// ---------------------------------------------------------------- extract

/** A cell as extract prints it: a number, null for a blank cell (or a dash), the text of a cell that is not a number. */
type Value = number | null | string;

interface Extracted {
  file: string;
  format: FormatVersion;
  title: string | null;
  year: number | null;
  sections: { id: SectionId; heading: string; line: number }[];
  /** Regions with rows of numbers the reader could not match to the format: their numbers are missing from `tables`. */
  unreadable: { section: SectionId; line: number; reason: string }[];
  /** Rows whose numbers ran together in one run of digits that could not be split: each of their cells holds the run as text. */
  unsplit: { table: string; row: string; run: string; line: number; col: number }[];
  /** Tables and rows that appear again after the first (which is what `tables` gives); `row` null for a whole table. */
  repeated: { table: string; row: string | null; line: number }[];
  /** Table id → row key → column key → value, in the template's order. */
  tables: Record<string, Record<string, Record<string, Value>>>;
  /** Cells split out of fused digits (CellNode.segmented); `line` and `col` are 1-based. */
  segmented: { table: string; row: string; column: string; value: Value; line: number; col: number }[];
}

type ExtractResult = Extracted | { file: string; error: string } | { file: string; skipped: string };

function valueOf(v: CellValue): Value {
  switch (v.kind) {
    case 'number':
      return v.value;
    case 'blank':
      return null;
    case 'unread':
      return v.run;
    case 'text':
      return v.text;
  }
}

/**
 * The first item of each key (a row repeated: the first is the one the sums
 * read), in the template's order — keys the template does not know follow,
 * in reading order — and the items that repeat a key.
 */
function firstOfEach<T>(items: readonly T[], keyOf: (item: T) => string, templateOrder: readonly string[]): { firsts: T[]; repeats: T[] } {
  const seen = new Set<string>();
  const firsts: T[] = [];
  const repeats: T[] = [];
  for (const item of items) {
    const key = keyOf(item);
    if (seen.has(key)) repeats.push(item);
    else {
      seen.add(key);
      firsts.push(item);
    }
  }
  const rank = (item: T) => {
    const i = templateOrder.indexOf(keyOf(item));
    return i < 0 ? templateOrder.length : i;
  };
  return { firsts: firsts.sort((a, b) => rank(a) - rank(b)), repeats };
}

function extractModel(file: string, model: ReportModel, locale: Locale, locate: Locator = IDENTITY): Extracted {
  const line = (p: Position) => at(locate, p).line + 1;
  const col = (p: Position) => at(locate, p).character + 1;
  const template = FORMATS[model.format];
  const tables: Extracted['tables'] = {};
  const repeated: Extracted['repeated'] = [];
  const byTable = firstOfEach(
    model.tables,
    (t) => t.id,
    template.tables.map((t) => t.id),
  );
  for (const table of byTable.repeats) repeated.push({ table: table.id, row: null, line: line(table.range.start) });
  for (const table of byTable.firsts) {
    const tt = template.tables.find((t) => t.id === table.id);
    const rows: Extracted['tables'][string] = {};
    const byRow = firstOfEach(table.rows, (r) => r.key, tt?.rows.map((r) => r.key) ?? []);
    for (const row of byRow.repeats) repeated.push({ table: table.id, row: row.key, line: line(row.range.start) });
    for (const row of byRow.firsts) {
      // Group rows carry numbers only where a report collapses the group into one row.
      if (row.cells.length === 0) continue;
      const cells: Record<string, Value> = {};
      for (const cell of firstOfEach(row.cells, (c) => c.column, tt?.columns.map((c) => c.key) ?? []).firsts)
        cells[cell.column] = valueOf(cell.value);
      rows[row.key] = cells;
    }
    tables[table.id] = rows;
  }
  repeated.sort((a, b) => a.line - b.line);
  const segmented: Extracted['segmented'] = [];
  const unsplit: Extracted['unsplit'] = [];
  for (const table of model.tables) {
    for (const row of table.rows) {
      const run = row.cells.find((c) => c.value.kind === 'unread');
      if (run && run.value.kind === 'unread')
        unsplit.push({ table: table.id, row: row.key, run: run.value.run, line: line(run.range.start), col: col(run.range.start) });
      for (const cell of row.cells) {
        if (!cell.segmented) continue;
        segmented.push({
          table: table.id,
          row: row.key,
          column: cell.column,
          value: valueOf(cell.value),
          line: line(cell.range.start),
          col: col(cell.range.start),
        });
      }
    }
  }
  return {
    file,
    format: model.format,
    title: model.title?.text ?? null,
    year: model.year ?? null,
    sections: model.sections.map((s) => ({ id: s.id, heading: s.heading.text, line: line(s.heading.range.start) })),
    unreadable: model.unreadableTables.map((u) => ({ section: u.section, line: line(u.range.start), reason: u.reason[locale] })),
    unsplit,
    repeated,
    tables,
    segmented,
  };
}

// Only the model is wanted: no check runs.
const NO_RULES = RULES.map((r) => r.id);

function extractFile(input: TextInput, options: ExtractOptions): ExtractResult {
  const own = ownSummary(input, options.locale === 'zh');
  if (own) return own;
  const conf = configuredFor(input.file, options);
  if (conf.excluded) return { file: input.file, skipped: excludedMessage(options.locale === 'zh') };
  let model: ReportModel;
  let locate = IDENTITY;
  try {
    const analysis = analyse(input.text, { verifyFixes: false, disabledRules: NO_RULES });
    model = analysis.model;
    locate = locatorFor(input, analysis.index);
  } catch (e) {
    return { file: input.file, error: `internal error in the reader: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!model.isReport) return { file: input.file, skipped: notAReport(options.locale === 'zh', model.attachment) };
  return extractModel(input.file, model, options.locale, locate);
}

function csvRows(r: Extracted): string {
  let out = '';
  const file = csvField(r.file);
  for (const [table, rows] of Object.entries(r.tables)) {
    for (const [row, cells] of Object.entries(rows)) {
      for (const [column, value] of Object.entries(cells)) {
        out += `${file},${csvField(table)},${csvField(row)},${csvField(column)},${value === null ? '' : csvField(String(value))}${CSV_EOL}`;
      }
    }
  }
  return out;
}

async function runExtract(options: ExtractOptions): Promise<number> {
  const out = new Sink(process.stdout);
  const err = new Sink(process.stderr);
  const zh = options.locale === 'zh';
  let problems = 0;
  let results = 0;
  // `extract … | head`: the reader has all it wanted; stop quietly, with the exit code so far.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit();
  });
  out.write(options.format === 'json' ? '[' : `${CSV_BOM}file,table,row,column,value${CSV_EOL}`);
  for await (const r of resultsOf(options, extractEntry, (file, error): ExtractResult => ({ file, error }))) {
    if ('error' in r) problems++;
    if (options.format === 'json') {
      out.write(jsonElement(r, results));
    } else if ('error' in r) {
      err.write(`${r.file}: ${zh ? '无法读取' : 'cannot read'}: ${r.error}\n`);
    } else if ('skipped' in r) {
      err.write(`${r.file}: ${r.skipped}\n`);
    } else {
      for (const u of r.unreadable)
        err.write(
          `${r.file}:${u.line}: ${zh ? `第${'一二三四五六'[u.section - 1]}部分的表格无法识别` : `unreadable table in section ${u.section}`}: ${u.reason}\n`,
        );
      for (const x of r.unsplit) {
        err.write(
          `${r.file}:${x.line}:${x.col}: ${zh ? `表格 ${x.table} 的行 ${x.row} 的数字连在一起（${x.run}），无法唯一拆分；各单元格输出的是这串原文` : `the numbers of row ${x.row} of table ${x.table} run together (${x.run}) and could not be split; its cells hold the run as written`}\n`,
        );
      }
      for (const x of r.repeated) {
        const what = zh
          ? x.row === null
            ? `表格 ${x.table} 再次出现，只输出了第一张`
            : `表格 ${x.table} 的行 ${x.row} 再次出现，只输出了第一行`
          : x.row === null
            ? `table ${x.table} appears again; only the first is extracted`
            : `row ${x.row} of table ${x.table} appears again; only the first is extracted`;
        err.write(`${r.file}:${x.line}: ${what}\n`);
      }
      out.write(csvRows(r));
    }
    results++;
  }
  if (options.format === 'json') out.write(results > 0 ? '\n]\n' : ']\n');
  err.flush();
  out.flush();
  return problems > 0 ? 2 : 0;
}

// ---------------------------------------------------------------- main

/**
 * The heap may grow by half over what a full collection leaves, not V8's
 * default of up to four times. A folder check keeps little (one digest a
 * report) but allocates fast, and V8 sizes the heap by how cheap collection
 * looks: 10,000 reports peaked at 280–580 MB from run to run with the default,
 * 215 MB every time with this, in the same time (bench/cli.mjs). V8 reads the
 * factor each time it sets a limit, so setting it at start is enough.
 */
const HEAP_GROWING_PERCENT = 50;

async function main(argv: string[]): Promise<number> {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') {
    const help = parsed === USAGE;
    (help ? process.stdout : process.stderr).write(parsed + '\n');
    return help ? 0 : 2;
  }
  return parsed.command === 'check' ? runCheck(parsed) : runExtract(parsed);
}

// ---------------------------------------------------------------- every core

/** One file's work for either command: read it, then check or extract. Never throws. */
async function checkEntry(entry: WalkEntry, options: CheckOptions): Promise<CheckResult> {
  const input = await readEntry(entry, options.locale === 'zh');
  return 'text' in input ? checkFile(input, options) : input;
}

async function extractEntry(entry: WalkEntry, options: ExtractOptions): Promise<ExtractResult> {
  const input = await readEntry(entry, options.locale === 'zh');
  return 'text' in input ? extractFile(input, options) : input;
}

/**
 * Below this many files one thread is quicker than starting workers (a worker
 * loads the bundle again, ~0.1 s; a text report checks in ~1 ms). A PDF takes
 * ~0.1–0.2 s to read, so a few are enough.
 */
const POOL_THRESHOLD = 64;
const POOL_THRESHOLD_PDF = 4;
/** A PDF or Word file against a text report, in time to read and check (roughly: ~0.1–0.2 s against ~1–2 ms). */
const HEAVY_COST = 100;
/** Larger files are left to the workers, which have the time limit. */
const HERE_MAX_BYTES = 1 << 20;

/**
 * Whether the CLI's own thread may check this entry in a pool run: a problem
 * found in the walk, or a small file that is not a PDF or a Word file by its
 * name (what it is by its bytes is known only once it is read).
 */
function checkedHere(entry: WalkEntry): boolean {
  if (!('path' in entry) || 'problem' in entry || 'special' in entry) return true;
  if (/\.(pdf|docx?|wps|ofd|zip)$/i.test(entry.path)) return false;
  try {
    return statSync(entry.path).size <= HERE_MAX_BYTES;
  } catch {
    return true; // its reading will say why it cannot be read
  }
}
/** A file that takes longer (a pathological PDF) is reported as timed out; the run goes on. */
const FILE_TIME_LIMIT_MS = Number(process.env.XXGK_FILE_TIME_LIMIT_MS) > 0 ? Number(process.env.XXGK_FILE_TIME_LIMIT_MS) : 120_000;

/**
 * The results of every file under the paths, in path order: in this thread
 * for a few files, on `jobs` worker threads for a folder, with a progress
 * line on a terminal (never in piped output).
 */
async function* resultsOf<O extends Options, R>(
  options: O,
  compute: (entry: WalkEntry, options: O) => Promise<R>,
  failed: (file: string, error: string) => R,
): AsyncGenerator<R> {
  // The summary being written is not one of the reports (a folder checked into itself, run after run).
  const own = options.command === 'check' && options.report !== undefined ? resolve(options.report) : undefined;
  const entries = own === undefined ? collectFiles(options.paths) : collectFiles(options.paths).filter((e) => resolve(e.path) !== own);
  reportConfigProblems(entries, options);
  const pdfs = entries.filter((e) => /\.pdf$/i.test(e.path)).length;
  const auto = options.jobs === 0;
  const threads = auto ? availableParallelism() : options.jobs;
  // Unless --jobs says otherwise, text reports get more threads only with three cores or more: one thread checking
  // already keeps a second core busy (V8 collects and compiles beside it: 7.8 s of CPU in 5.3 s for 2,000 reports),
  // so on two cores two threads — even two separate processes, each on half the folder — took as long or longer
  // (5.3–6.1 s against 5.6–7.3 s, measured on the 2-core machine). PDFs are worth a worker each.
  const worthIt = pdfs >= POOL_THRESHOLD_PDF || (entries.length >= POOL_THRESHOLD && (!auto || threads >= 3));
  if (threads <= 1 || !worthIt) {
    for (const entry of entries) yield await compute(entry, options);
    return;
  }
  // This thread checks small text files too, between gathering results: `threads` threads check files, this one
  // and the workers — unless the folder is mostly PDFs and Word files, which only workers read (they have the time
  // limit), and this thread's share would be too small to count.
  const here = entries.map(checkedHere);
  const total = here.reduce((n, h) => n + (h ? 1 : HEAVY_COST), 0);
  const hereCost = here.reduce((n, h) => n + (h ? 1 : 0), 0);
  const workers = hereCost * threads >= total ? threads - 1 : threads;
  const zh = options.locale === 'zh';
  const tty = process.stderr.isTTY === true;
  const progress = (done: number, total: number) => {
    if (tty) process.stderr.write(`\r${zh ? '进度' : 'progress'} ${done}/${total}${done === total ? '\r\x1b[K' : ''}`);
  };
  const index = new Map(entries.map((e, i) => [e, i]));
  yield* runPool(entries, {
    script: __filename,
    workerData: { role: WORKER_ROLE, options },
    jobs: workers,
    local: { accepts: (e) => here[index.get(e) ?? -1] === true, compute: (e) => compute(e, options) },
    timeoutMs: FILE_TIME_LIMIT_MS,
    progress,
    failed: (entry, why, detail) =>
      failed(
        entry.path,
        why === 'timeout'
          ? zh
            ? `读取或检查超过 ${detail}，已放弃该文件`
            : `reading or checking took longer than ${detail}; given up`
          : `internal error: ${detail}`,
      ),
  });
}

const WORKER_ROLE = 'xxgk-cli-worker';

function isWorkerOf(data: unknown): data is { role: string; options: Options } {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === WORKER_ROLE;
}

if (!isMainThread && isWorkerOf(workerData)) {
  const options = workerData.options;
  if (options.command === 'check') serveTasks((entry: WalkEntry) => checkEntry(entry, options));
  else serveTasks((entry: WalkEntry) => extractEntry(entry, options));
} else {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
