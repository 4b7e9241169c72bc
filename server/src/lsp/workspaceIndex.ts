// The workspace index: a digest (engine/cross) of every report in the
// workspace folders — agency, year, the carried-over rows, a prose sketch —
// so the cross-report rules (carry-over-mismatch, copied-text,
// duplicate-report) run on a keystroke without reading a file. Built at
// start in the background, kept current by workspace/didChangeWatchedFiles
// and by the open documents' own analyses (an open document's buffer wins
// over its file on disk).

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type Connection,
  type FileEvent,
  type InitializeParams,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  crossCheck,
  crossContext,
  CROSS_RULE_IDS,
  DigestSet,
  digestOf,
  type Analysis,
  type Digest,
  type Finding,
  type Locale,
} from '../engine';
import type { AnalysisCache } from './analyses';
import { describeError, type Logger } from './log';
import type { SettingsStore } from './settings';
import { noticeFor, publish } from './validation';
import { fileReaders, fileUriOf } from './views';

/** What the index reads: text, Markdown and web pages (PDF and Word files only once opened as a view). */
export const INDEXED = /\.(txt|md|xxgk|html?|shtml)$/i;
/** The glob the server asks the client to watch. */
export const WATCH_GLOB = '**/*.{txt,md,xxgk,html,htm,shtml}';
const MAX_FILES = 20_000;
const MAX_BYTES = 4 * 1024 * 1024;
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', 'bench-results', 'test-results']);

export interface WorkspaceIndexDeps {
  logger: Pick<Logger, 'info' | 'errorOnce'>;
  /** Analyses a file's decoded text as the editor would (AnalysisCache.forFile). */
  analyseFile(uri: string, text: string): Analysis | undefined;
  /** Reports whose digest changed in a way the cross rules see: agency key and year. */
  changed(identity: { key: string; year: number }[]): void;
  /** `.xxgk.json` agencyAliases for a file (old name → current), so a renamed agency's reports pair up. */
  aliasesFor?(uri: string): Readonly<Record<string, string>> | undefined;
}

/** The cross-relevant content of a digest: a change in anything else does not republish other documents. */
function signature(d: Digest | undefined): string {
  if (!d) return '';
  const cells = (c: Digest['carriedIn']) => (c ?? []).map((x) => `${x.column}=${x.value}`).join(',');
  const rules = Object.entries(d.rules ?? {})
    .map(([k, v]) => `${k}:${cells(v)}`)
    .join(';');
  const prose = d.prose ? `${d.prose.size}:${Array.from(d.prose.hashes).slice(0, 64).join(',')}` : '';
  return [d.identity?.key, d.identity?.year, cells(d.carriedIn), cells(d.carriedOut), rules, prose, d.textHash, d.title].join('|');
}

export class WorkspaceIndex {
  private readonly digests = new DigestSet();
  /** Files whose digest comes from an open document, not from disk. */
  private readonly open = new Set<string>();
  /** Bumped on every change the cross rules can see; AnalysisCache recomputes cross findings when it moves. */
  generation = 0;
  private building: Promise<void> | undefined;
  /** The workspace folders' file: URIs, each ending in `/`: only reports inside them are compared. */
  private folders: string[] = [];

  constructor(private readonly deps: WorkspaceIndexDeps) {}

  private aliases(uri: string): { aliases?: Readonly<Record<string, string>> } {
    const aliases = this.deps.aliasesFor?.(uri);
    return aliases && Object.keys(aliases).length > 0 ? { aliases } : {};
  }

  get size(): number {
    return this.digests.size;
  }

  /** Reads every report under the folders (file: URIs), a file at a time, letting requests in between. */
  build(folders: readonly string[]): Promise<void> {
    this.folders = folders.filter((f) => f.startsWith('file:')).map((f) => (f.endsWith('/') ? f : `${f}/`));
    this.building = (async () => {
      const started = Date.now();
      const files: string[] = [];
      for (const f of folders) {
        if (f.startsWith('file:')) await walk(fileURLToPath(f), files);
      }
      for (const path of files) {
        await this.readFile(pathToFileURL(path).href, false);
        await new Promise((resolve) => setImmediate(resolve));
      }
      this.deps.logger.info(
        `[xxgk] workspace index: ${this.digests.size} report(s) of ${files.length} file(s) in ${Date.now() - started} ms`,
      );
      this.bump([...this.digests.all()]);
    })().catch((error) => this.deps.logger.errorOnce('index-build', `[xxgk] building the workspace index failed: ${describeError(error)}`));
    return this.building;
  }

  /** Resolves once the first build is done (tests, bench). */
  ready(): Promise<void> {
    return this.building ?? Promise.resolve();
  }

  /** workspace/didChangeWatchedFiles: files created, changed or deleted on disk. */
  async filesChanged(changes: readonly FileEvent[]): Promise<void> {
    for (const change of changes) {
      const uri = fileUriOf(change.uri);
      if (!this.inWorkspace(uri) || !INDEXED.test(uri) || this.open.has(uri)) continue;
      if (change.type === FileChangeType.Deleted) {
        const old = this.digests.get(uri);
        if (this.digests.delete(uri) && old) this.bump([old]);
      } else await this.readFile(uri, true);
    }
  }

  /**
   * An open document was analysed (a keystroke, an open): its digest replaces
   * the file's, with no file read. Returns the document's cross findings.
   */
  fromAnalysis(documentUri: string, version: number, analysis: Analysis | undefined): void {
    const uri = fileUriOf(documentUri);
    if (!this.inWorkspace(uri)) return;
    this.open.add(uri);
    this.replace(uri, analysis ? digestOf(analysis, uri, { version, ...this.aliases(uri) }) : undefined);
  }

  /** An open document closed: its file on disk is what counts again. */
  async closed(documentUri: string): Promise<void> {
    const uri = fileUriOf(documentUri);
    if (!this.open.delete(uri)) return;
    if (INDEXED.test(uri) && uri.startsWith('file:')) await this.readFile(uri, true);
    else {
      const old = this.digests.get(uri);
      if (this.digests.delete(uri) && old) this.bump([old]);
    }
  }

  /** The cross-report findings of a document (from the index: no file is read). */
  crossFindings(documentUri: string): Finding[] {
    if (!this.inWorkspace(fileUriOf(documentUri))) return [];
    const d = this.digests.get(fileUriOf(documentUri));
    return d ? crossCheck(d, this.digests) : [];
  }

  /** Last year's report of a document's agency, for the hover on 二、上年结转. */
  lastYearOf(documentUri: string): Digest | undefined {
    const d = this.digests.get(fileUriOf(documentUri));
    return d ? crossContext(d, this.digests).lastYear : undefined;
  }

  /** Whether a change to these reports can change this document's cross findings. */
  affects(documentUri: string, changed: readonly { key: string; year: number }[]): boolean {
    const id = this.digests.get(fileUriOf(documentUri))?.identity;
    return id !== undefined && changed.some((c) => c.key === id.key && Math.abs(c.year - id.year) <= 1);
  }

  /** A file in a workspace folder (no folder open: nothing is compared, as there is no workspace). */
  private inWorkspace(uri: string): boolean {
    return uri.startsWith('file:') && this.folders.some((f) => uri.startsWith(f));
  }

  private async readFile(uri: string, notify: boolean): Promise<void> {
    let digest: Digest | undefined;
    try {
      const path = fileURLToPath(uri);
      if ((await stat(path)).size > MAX_BYTES) return;
      const read = await fileReaders().readFileBytes(path, await readFile(path));
      const text = read.decoded?.text;
      // A cheap look before the analysis: every report's title says 信息公开 or 政务公开.
      const analysis = text && /信息公开|政务公开/.test(text) ? this.deps.analyseFile(uri, text) : undefined;
      digest = analysis ? digestOf(analysis, uri, this.aliases(uri)) : undefined;
    } catch {
      digest = undefined; // gone or unreadable: not a report in the index
    }
    if (this.open.has(uri)) return; // opened while it was read: the buffer wins
    if (notify) this.replace(uri, digest);
    else if (digest) this.digests.set(digest);
  }

  private replace(uri: string, digest: Digest | undefined): void {
    const old = this.digests.get(uri);
    if (signature(old) === signature(digest)) {
      if (digest) this.digests.set(digest); // ranges may have moved: keep the current ones
      return;
    }
    if (digest) this.digests.set(digest);
    else this.digests.delete(uri);
    this.bump([old, digest]);
  }

  private bump(touched: (Digest | undefined)[]): void {
    this.generation++;
    const ids = touched.flatMap((d) => (d?.identity ? [{ key: d.identity.key, year: d.identity.year }] : []));
    if (ids.length > 0) this.deps.changed(ids);
  }
}

/** Drops a document's previous cross findings from its analysis and adds the current ones. */
export function withCrossFindings(analysis: Analysis, findings: Finding[]): void {
  if (findings.length === 0 && !analysis.findings.some((f) => CROSS_RULE_IDS.has(f.rule))) return;
  const own = analysis.findings.filter((f) => !CROSS_RULE_IDS.has(f.rule));
  // Related places in last year's file are shown on this document's cell, their message naming the file.
  const placed = findings.map((f) => ({
    ...f,
    related: f.related.map((r) => (r.file ? { range: f.range, message: r.message } : r)),
  }));
  analysis.findings.splice(0, analysis.findings.length, ...own, ...placed);
}

async function walk(dir: string, out: string[]): Promise<void> {
  if (out.length >= MAX_FILES) return;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (out.length >= MAX_FILES) return;
    if (e.isDirectory()) {
      if (!e.name.startsWith('.') && !SKIP_DIRS.has(e.name)) await walk(join(dir, e.name), out);
    } else if (e.isFile() && INDEXED.test(e.name)) out.push(join(dir, e.name));
  }
}

// ---------------------------------------------------------------- wiring (server.ts)

export interface AttachDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  cache: AnalysisCache;
  settings: () => SettingsStore;
  locale: () => Locale;
  logger: Logger;
  aliasesFor?: (uri: string) => Readonly<Record<string, string>> | undefined;
}

/**
 * The index, fed by the cache's analyses and the file watcher; a change
 * republishes the open documents it concerns (their cross findings only are
 * recomputed: their analyses stay cached).
 */
export function attachWorkspaceIndex(deps: AttachDeps): {
  index: WorkspaceIndex;
  initialized(params: InitializeParams): void;
  /** For server.ts's one workspace/didChangeWatchedFiles handler. */
  filesChanged(changes: readonly FileEvent[]): void;
} {
  const { connection, documents, cache, logger } = deps;
  let pending: { key: string; year: number }[] = [];
  let scheduled = false;
  const republish = async (ids: { key: string; year: number }[]) => {
    for (const document of documents.all()) {
      if (!index.affects(document.uri, ids)) continue;
      const settings = await deps.settings().get(document.uri);
      const current = documents.get(document.uri);
      if (!current || current.version !== document.version) continue; // edited meanwhile: that check publishes
      const text = current.getText();
      const notice = noticeFor(text, current.languageId, settings, deps.locale());
      publish(connection, current.uri, current.version, cache.forDocument(current), settings, deps.locale(), notice);
    }
  };
  const index: WorkspaceIndex = new WorkspaceIndex({
    logger,
    analyseFile: (uri, text) => cache.forFile(uri, text),
    ...(deps.aliasesFor ? { aliasesFor: deps.aliasesFor } : {}),
    changed(ids) {
      pending.push(...ids);
      if (scheduled) return;
      scheduled = true;
      // After the current check has published: never re-entered from inside an analysis.
      setImmediate(() => {
        scheduled = false;
        const batch = pending;
        pending = [];
        republish(batch).catch((error) => logger.errorOnce('index-republish', '[xxgk] republishing cross findings failed', error));
      });
    },
  });
  cache.crossGeneration = () => index.generation;
  cache.cross = (uri, version, analysis, fresh) => {
    if (fresh) index.fromAnalysis(uri, version, analysis);
    if (analysis) withCrossFindings(analysis, index.crossFindings(uri));
  };
  documents.onDidClose((e) => void index.closed(e.document.uri));
  let folders: string[] = [];
  let canWatch = false;
  return {
    index,
    filesChanged(changes) {
      index.filesChanged(changes).catch((error) => logger.errorOnce('index-watch', '[xxgk] updating the workspace index failed', error));
    },
    initialized(params: InitializeParams) {
      folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
      canWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
      if (canWatch) {
        void connection.client
          .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCH_GLOB }] })
          .catch(() => undefined);
      }
      void index.build(folders);
    },
  };
}
