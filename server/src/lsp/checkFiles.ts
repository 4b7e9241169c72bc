// `xxgk/checkFiles`: check files that are not (necessarily) open, for the
// "check workspace" command. The server reads them itself — decoded like
// the CLI does (UTF-8, UTF-16, GB18030; a web page by its BOM or <meta
// charset>), through the same file readers, loaded on the first check — and
// publishes their diagnostics, so the Problems panel fills up; documents
// open in the editor are taken from the editor instead.

import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Locale } from '../engine';
import { MAX_ANALYSED_CHARS, type AnalysisCache } from './analyses';
import { describeError } from './log';
import type { CheckFilesParams, CheckFilesResult } from './protocol';
import type { SettingsStore } from './settings';
import { noticeFor, publish } from './validation';
import { fileReaders, needsView, viewUriOf, type Views } from './views';

export interface CheckFilesDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  cache: AnalysisCache;
  settings: SettingsStore;
  locale: Locale;
  views: Views;
}

/** The decoded text of a text file or web page (what an editor would show). */
async function readSource(uri: string): Promise<string> {
  const path = fileURLToPath(uri);
  // Four bytes per character at most: anything bigger cannot be analysed anyway.
  if ((await stat(path)).size > MAX_ANALYSED_CHARS * 4) throw new Error('file too large');
  const read = await fileReaders().readFileBytes(path, await readFile(path));
  const problem = read.doc.problems[0];
  if (!read.decoded) throw new Error(problem ? problem.message.en : 'not a text file');
  return read.decoded.text;
}

/** The language a file would open in, by its extension. */
function languageOf(uri: string): string {
  const lower = uri.toLowerCase();
  return lower.endsWith('.xxgk')
    ? 'xxgk-report'
    : lower.endsWith('.md')
      ? 'markdown'
      : /\.(html?|shtml)$/.test(lower)
        ? 'html'
        : 'plaintext';
}

export class WorkspaceChecker {
  /** Files (not open) that got diagnostics from a workspace check, so a later check can clear them. */
  private readonly reported = new Set<string>();

  constructor(private readonly deps: CheckFilesDeps) {}

  /** Cancelling (`$/cancelRequest`) stops between two files; what was published stays. */
  async check(params: CheckFilesParams, token?: CancellationToken): Promise<CheckFilesResult> {
    const result: CheckFilesResult = { checked: 0, reports: 0, problems: 0, skipped: [] };
    const uris = Array.isArray(params?.uris) ? params.uris : [];
    for (const uri of uris) {
      if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'xxgk/checkFiles cancelled');
      if (typeof uri !== 'string' || !uri.startsWith('file:')) {
        result.skipped.push({ uri: String(uri), reason: 'not a file: URI' });
        continue;
      }
      try {
        await this.checkOne(uri, result);
      } catch (error) {
        result.skipped.push({ uri, reason: error instanceof Error ? error.message : describeError(error) });
      }
      // Let other requests in between files.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return result;
  }

  private async checkOne(fileUri: string, result: CheckFilesResult): Promise<void> {
    const { connection, documents, cache, settings, locale, views } = this.deps;
    // A PDF or Word file is checked as its view document, where its diagnostics are shown.
    const uri = needsView(fileUri) ? viewUriOf(fileUri) : fileUri;
    const open = documents.get(uri);
    const rules = await settings.get(uri);
    let text: string;
    if (open) text = open.getText();
    else if (uri !== fileUri) {
      const view = await views.read({ uri: fileUri }, locale);
      // Nothing read (a scan, an encrypted file): said in the result, never silently passed over.
      if (view.text.trim() === '' && view.problems.length > 0) throw new Error(view.problems.join('；'));
      text = view.text;
    } else text = await readSource(uri);
    const analysis = open ? cache.forDocument(open) : cache.forFile(uri, text);
    const notice = noticeFor(text, open ? open.languageId : languageOf(uri), rules, locale);
    result.checked++;
    if (!analysis && !notice && !this.reported.has(uri)) return; // nothing to show, nothing to clear
    if (analysis || notice) result.reports++;
    const diagnostics = publish(connection, uri, open ? open.version : null, analysis, rules, locale, notice);
    result.problems += diagnostics.length;
    if ((analysis || notice) && !open) this.reported.add(uri);
    else this.reported.delete(uri);
  }
}
