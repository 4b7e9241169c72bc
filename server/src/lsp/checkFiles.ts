// `xxgk/checkFiles`: check files that are not (necessarily) open, for the
// "check workspace" command. The server reads them itself — decoded like
// the CLI does (UTF-8, UTF-16, GB18030; a web page by its BOM or <meta
// charset>), through the same file readers, loaded on the first check — and
// publishes their diagnostics, so the Problems panel fills up; documents
// open in the editor are taken from the editor instead.

import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type FileEvent,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Locale } from '../engine';
import { MAX_ANALYSED_CHARS, type AnalysisCache } from './analyses';
import { describeError } from './log';
import type { CheckFilesParams, CheckFilesResult } from '../../../common/protocol';
import type { SettingsStore } from './settings';
import { noticeFor, publish } from './validation';
import { fileReaders, fileUriOf, needsView, viewUriOf, type Views } from './views';

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
  /**
   * Every `file:` URI a workspace check has looked at: their results are kept
   * current — from disk again when one closes in the editor, changes on disk,
   * or the settings or a .xxgk.json change — until the next check replaces the set.
   */
  private readonly known = new Set<string>();
  /** Re-checks run one at a time, off the typing path. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: CheckFilesDeps) {}

  /** Cancelling (`$/cancelRequest`) stops between two files; what was published stays. */
  async check(params: CheckFilesParams, token?: CancellationToken): Promise<CheckFilesResult> {
    const result: CheckFilesResult = { checked: 0, reports: 0, problems: 0, skipped: [] };
    const uris = Array.isArray(params?.uris) ? params.uris : [];
    this.known.clear();
    for (const uri of uris) if (typeof uri === 'string' && uri.startsWith('file:')) this.known.add(uri);
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

  /** A document closed in the editor: a file the workspace check knows shows its results from disk again. */
  closed(documentUri: string): void {
    const fileUri = fileUriOf(documentUri);
    if (this.known.has(fileUri)) this.recheck([fileUri]);
  }

  /** workspace/didChangeWatchedFiles: known files changed or deleted on disk (open ones are the editor's). */
  filesChanged(changes: readonly FileEvent[]): void {
    const changed: string[] = [];
    for (const change of changes) {
      const fileUri = fileUriOf(change.uri);
      if (!this.known.has(fileUri)) continue;
      if (change.type !== FileChangeType.Deleted) {
        changed.push(fileUri);
        continue;
      }
      this.known.delete(fileUri);
      const uri = needsView(fileUri) ? viewUriOf(fileUri) : fileUri;
      if (this.reported.delete(uri) && !this.deps.documents.get(uri)) void this.deps.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    if (changed.length > 0) this.recheck(changed);
  }

  /** Settings or a .xxgk.json changed: every known file that is not open is checked again. */
  configurationChanged(): void {
    if (this.known.size > 0) this.recheck([...this.known]);
  }

  /** Resolves when the re-checks asked for so far are done (tests). */
  settled(): Promise<void> {
    return this.queue;
  }

  /**
   * PDF and Word files are not in the report watcher's glob (workspaceIndex.ts):
   * watched here, so a known one re-checks when it changes.
   */
  watchBinaries(capabilities: ClientCapabilities): void {
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration !== true) return;
    void this.deps.connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{pdf,docx,doc,wps,mht,mhtml}' }] })
      .catch(() => undefined);
  }

  private recheck(fileUris: string[]): void {
    this.queue = this.queue.then(async () => {
      const scratch: CheckFilesResult = { checked: 0, reports: 0, problems: 0, skipped: [] };
      for (const fileUri of fileUris) {
        const uri = needsView(fileUri) ? viewUriOf(fileUri) : fileUri;
        if (!this.known.has(fileUri) || this.deps.documents.get(uri)) continue; // open: the editor's text is checked
        try {
          await this.checkOne(fileUri, scratch);
        } catch {
          // Unreadable now (being written, gone): what was published stays until the next event.
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
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
