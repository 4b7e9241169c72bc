// The editor's side of `.xxgk.json`: the nearest file for a document (from
// its folder up to its workspace folder's root), read once per folder and
// again when the client reports a change; a malformed file gets one
// diagnostic of its own, and the defaults apply.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Locale } from '../engine';
import { CONFIG_FILE, findConfigFile, literalGlob, loadConfigFile, problemSummary, relativePosix, type LoadedConfig } from '../io/config';
import { TextIndex } from '../engine';
import { localize } from './locale';
import type { NotReportTarget } from './suppressActions';
import { fileUriOf, isViewUri } from './views';

export const CONFIG_CODE = 'config';

/** The file a document is (a PDF or Word file's view: the file behind it). */
export function pathOf(uri: string): string | undefined {
  if (isViewUri(uri)) uri = fileUriOf(uri);
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Folders whose lookup is remembered; the oldest is forgotten past this (every untitled or renamed file can bring a new one). */
const REMEMBERED_DIRS = 256;

export class ConfigFiles {
  private folders: string[] = [];
  private readonly byDir = new Map<string, LoadedConfig | undefined>();
  private readonly files = new Map<string, LoadedConfig>();
  /** Config files that were given a problem diagnostic (so it can be cleared when mended). */
  private readonly flagged = new Set<string>();

  constructor(
    private readonly connection: Pick<Connection, 'sendDiagnostics'>,
    private readonly locale: () => Locale,
  ) {}

  /** Workspace folders as `file:` URIs (initialize params). */
  setFolders(uris: readonly string[]): void {
    this.folders = uris.flatMap((u) => pathOf(u) ?? []).sort((a, b) => b.length - a.length);
    this.byDir.clear();
  }

  /** The workspace folder holding a document (the innermost), if any. */
  folderOf(uri: string): string | undefined {
    const path = pathOf(uri);
    if (!path) return undefined;
    return this.folders.find(
      (f) => path === f || path.startsWith(f.endsWith('/') || f.endsWith('\\') ? f : f + (f.includes('\\') ? '\\' : '/')),
    );
  }

  /** The nearest config for a document: a `file:` document only (an untitled one has no folder). */
  forUri(uri: string): LoadedConfig | undefined {
    const path = pathOf(uri);
    if (!path) return undefined;
    const dir = dirname(path);
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    const found = findConfigFile(dir, this.folderOf(uri));
    const loaded = found === undefined ? undefined : this.load(found);
    if (this.byDir.size >= REMEMBERED_DIRS) this.byDir.delete(this.byDir.keys().next().value ?? '');
    this.byDir.set(dir, loaded);
    return loaded;
  }

  /** A `.xxgk.json` was created, changed or deleted: forget every lookup, re-read what is asked for next. */
  changed(): void {
    this.byDir.clear();
    this.files.clear();
    // Problems are re-published as files are read again; clear the old ones now (a deleted file keeps none).
    for (const path of this.flagged) void this.connection.sendDiagnostics({ uri: pathToFileURL(path).href, diagnostics: [] });
    this.flagged.clear();
  }

  /** Reads a config file again now (it changed), publishing or clearing its problem. */
  reload(uri: string): void {
    const path = pathOf(uri);
    if (!path) return;
    this.files.delete(path);
    if (existsSync(path)) this.load(path);
  }

  /**
   * Where 这不是年度报告 records the decision for a document: in a workspace
   * folder, `exclude` of the nearest `.xxgk.json` (created at the folder's root
   * when there is none), so the user's document is never rewritten and the CLI
   * skips the file too; outside any folder (an untitled or a lone file), a
   * disable-file comment in the document, the only place left. None when the
   * nearest config is malformed (it must be mended first).
   */
  notReportTarget(uri: string): NotReportTarget | undefined {
    const path = pathOf(uri);
    const folder = this.folderOf(uri);
    if (!path || !folder) return isViewUri(uri) ? undefined : { kind: 'comment' };
    const loaded = this.forUri(uri);
    if (loaded && loaded.problems.length > 0) return undefined;
    const dir = loaded ? loaded.dir : folder;
    return {
      kind: 'config',
      configUri: pathToFileURL(loaded ? loaded.path : join(folder, CONFIG_FILE)).href,
      text: loaded ? loaded.text : undefined,
      entry: literalGlob(relativePosix(dir, path)),
    };
  }

  /** Whether a `file:` URI names a config file. */
  static isConfigUri(uri: string): boolean {
    return uri.endsWith(`/${CONFIG_FILE}`);
  }

  private load(path: string): LoadedConfig {
    let loaded = this.files.get(path);
    if (loaded) return loaded;
    loaded = loadConfigFile(path);
    this.files.set(path, loaded);
    if (loaded.problems.length > 0) {
      this.flagged.add(path);
      void this.connection.sendDiagnostics({ uri: pathToFileURL(path).href, diagnostics: [problemDiagnostic(loaded, this.locale())] });
    }
    return loaded;
  }
}

/** One diagnostic on the config file: what is wrong, where the first problem is, and that the defaults apply. */
export function problemDiagnostic(loaded: LoadedConfig, locale: Locale): Diagnostic {
  const index = new TextIndex(loaded.text);
  const offset = Math.min(loaded.problems[0]?.offset ?? 0, loaded.text.length);
  const start = index.positionAt(offset);
  const line = index.lineText(start.line).replace(/\r?\n$|\r$/, '');
  return {
    range: { start, end: { line: start.line, character: Math.max(start.character, line.length) } },
    severity: DiagnosticSeverity.Error,
    code: CONFIG_CODE,
    source: 'xxgk',
    message: localize(problemSummary(loaded.problems), locale),
  };
}
