// The command-line checker: a thin shell over the engine.
//   node server/out/cli.js check [--format text|json] [--fix] [--lang zh|en] <file|dir>…
// Exit code: 0 no errors, 1 errors found, 2 usage or I/O problems, or a check
// that failed with an internal error (its findings are missing).

import { readFileSync, statSync } from 'node:fs';
import { analyse, applySafeFixes, RULES, type Finding, type Locale } from './engine';
import { decode, DecodeError, encode } from './io/encoding';
import { collectFiles, identityOf, ioMessage, readInput, TooLargeError, writeAtomically, type FileIdentity } from './io/files';

const MAX_BYTES = 64 * 1024 * 1024;

interface Options {
  format: 'text' | 'json';
  fix: boolean;
  locale: Locale;
  paths: string[];
}

interface FileResult {
  file: string;
  diagnostics?: JsonDiagnostic[];
  skipped?: string;
  error?: string;
  fixed?: number;
  /** Rule ids whose check threw on this file: its findings are missing, the others are complete. */
  internalErrors?: string[];
}

interface JsonDiagnostic {
  rule: string;
  severity: Finding['severity'];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

const USAGE = `用法 / usage: node server/out/cli.js check [--format text|json] [--fix] [--lang zh|en] <file|dir>…
  --format text|json  输出格式（默认 text） / output format (default text)
  --fix               只应用安全的修复（标签、全角数字、导出残留），原子写回 / apply safe fixes only, written atomically
  --lang zh|en        消息语言（默认中文） / message language (default Chinese)
  rules: ${RULES.map((r) => r.id).join(', ')}
exit: 0 no errors · 1 errors found · 2 usage or I/O problems, or an internal error in a check`;

function parseArgs(argv: string[]): Options | string {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') return USAGE;
  if (command !== 'check') return `unknown command: ${command ?? '(none)'}\n${USAGE}`;
  const options: Options = { format: 'text', fix: false, locale: /^en/i.test(process.env.LANG ?? '') && !/^zh/i.test(process.env.LANG ?? '') ? 'en' : 'zh', paths: [] };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--fix') options.fix = true;
    else if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(9) : rest[++i];
      if (v !== 'text' && v !== 'json') return `--format must be text or json\n${USAGE}`;
      options.format = v;
    } else if (a === '--lang' || a.startsWith('--lang=')) {
      const v = a.includes('=') ? a.slice(7) : rest[++i];
      if (v !== 'zh' && v !== 'en') return `--lang must be zh or en\n${USAGE}`;
      options.locale = v;
    } else if (a === '--help' || a === '-h') return USAGE;
    else if (a.startsWith('-') && a !== '-') return `unknown option: ${a}\n${USAGE}`;
    else options.paths.push(a);
  }
  if (options.paths.length === 0) return `no files given\n${USAGE}`;
  return options;
}

function checkFile(path: string, options: Options): FileResult {
  const zh = options.locale === 'zh';
  let bytes: Buffer;
  /** Set for a regular file: what --fix checks before replacing it. */
  let identity: FileIdentity | undefined;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { file: path, error: 'is a directory' };
    if (st.isFile()) {
      if (st.size > MAX_BYTES) return { file: path, error: `file too large (${(st.size / 1048576).toFixed(1)} MB > ${MAX_BYTES / 1048576} MB), not checked` };
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
  if (bytes.length === 0) return { file: path, skipped: zh ? '不是政府信息公开工作年度报告，已跳过（空文件）' : 'not an annual disclosure report, skipped (empty file)' };
  let decoded;
  try {
    decoded = decode(bytes);
  } catch (e) {
    return { file: path, error: e instanceof DecodeError ? e.message : String(e) };
  }
  let text = decoded.text;
  let analysis = analyse(text, { verifyFixes: false });
  if (!analysis.model.isReport) return { file: path, skipped: zh ? '不是政府信息公开工作年度报告，已跳过' : 'not an annual disclosure report, skipped' };
  let fixed = 0;
  if (options.fix) {
    const result = applySafeFixes(text);
    if (result.applied > 0) {
      try {
        if (!identity) throw new Error('not a regular file; not written');
        // Only a file that decodes and re-encodes to the very same bytes can be rewritten without
        // changing what the fixes did not touch (a damaged byte, a stray second BOM, mixed encodings).
        if (!encode(decoded, text).equals(bytes)) {
          throw new Error(`its bytes do not survive decoding and re-encoding as ${decoded.encoding} (damaged or mixed encoding); fix it by hand`);
        }
        writeAtomically(path, encode(decoded, result.text), identity);
      } catch (e) {
        return { file: path, error: `--fix could not write (file unchanged): ${ioMessage(e)}` };
      }
      text = result.text;
      analysis = analyse(text);
      fixed = result.applied;
    }
  }
  for (const { rule, error } of analysis.ruleErrors) process.stderr.write(`internal error in rule ${rule} on ${path}: ${error instanceof Error ? error.message : String(error)}\n`);
  return {
    file: path,
    fixed,
    ...(analysis.ruleErrors.length > 0 ? { internalErrors: analysis.ruleErrors.map((e) => e.rule) } : {}),
    diagnostics: analysis.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message[options.locale],
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
    })),
  };
}

const SPECIAL_ZH: Record<string, string> = { 'a named pipe (FIFO)': '命名管道（FIFO）', 'a socket': '套接字', 'a device': '设备文件' };

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

function main(argv: string[]): number {
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') {
    const help = parsed === USAGE;
    (help ? process.stdout : process.stderr).write(parsed + '\n');
    return help ? 0 : 2;
  }
  const options = parsed;
  const out = new Sink(process.stdout);
  const err = new Sink(process.stderr);
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  const zh = options.locale === 'zh';
  const words = SEVERITY_WORDS[options.locale];
  let checked = 0;
  let problems = 0;
  /** Files where a check threw: their results are incomplete, so the run cannot say "no errors". */
  let incomplete = 0;
  let results = 0;
  if (options.format === 'json') out.write('[');
  for (const entry of collectFiles(options.paths)) {
    const r: FileResult =
      'problem' in entry
        ? { file: entry.path, error: entry.problem }
        : 'special' in entry
          ? { file: entry.path, skipped: zh ? `${SPECIAL_ZH[entry.special] ?? '特殊文件'}，不是普通文件，已跳过` : `${entry.special}, not a regular file; skipped` }
          : checkFile(entry.path, options);
    if (r.error) problems++;
    if (r.internalErrors) incomplete++;
    if (r.diagnostics) checked++;
    for (const d of r.diagnostics ?? []) counts[d.severity]++;
    if (options.format === 'json') {
      // The same text as JSON.stringify(allResults, null, 2), one element at a time.
      out.write(`${results > 0 ? ',' : ''}\n  ${JSON.stringify(r, null, 2).replace(/\n/g, '\n  ')}`);
    } else {
      if (r.error) err.write(`${r.file}: ${zh ? '无法检查' : 'cannot check'}: ${r.error}\n`);
      if (r.skipped) err.write(`${r.file}: ${r.skipped}\n`);
      if (r.fixed) out.write(`${r.file}: ${zh ? `已应用 ${r.fixed} 处安全修复` : `applied ${r.fixed} safe fix(es)`}\n`);
      for (const d of r.diagnostics ?? []) out.write(`${r.file}:${d.line}:${d.column}  ${words[d.severity]}  ${d.message}  [${d.rule}]\n`);
    }
    results++;
  }
  if (options.format === 'json') {
    out.write(results > 0 ? '\n]\n' : ']\n');
  } else {
    err.flush();
    const summary = zh
      ? `检查了 ${checked} 份报告：${counts.error} 个错误，${counts.warning} 个警告，${counts.info} 条信息，${counts.hint} 条提示${problems ? `；${problems} 个文件无法读取` : ''}${incomplete ? `；${incomplete} 个文件的检查出现内部错误，结果不完整` : ''}`
      : `${checked} report(s) checked: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} info, ${counts.hint} hint(s)${problems ? `; ${problems} file(s) could not be read` : ''}${incomplete ? `; an internal error in a check left ${incomplete} file(s) incompletely checked` : ''}`;
    out.write(summary + '\n');
  }
  err.flush();
  out.flush();
  if (problems > 0 || incomplete > 0) return 2;
  return counts.error > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
