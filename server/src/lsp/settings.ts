// The `xxgk.*` settings, read per document (scope: resource) through
// workspace/configuration when the client offers it, else from the last
// didChangeConfiguration payload, else the defaults. Anything malformed
// falls back to its default rather than failing a check.

import type { Connection } from 'vscode-languageserver';
import type { InlayHintsSetting, IssuerSetting, LocaleSetting, RuleSetting, RunMode } from '../../../common/settings';
import type { Locale } from '../engine';
import { matchesAny, relativePosix, settingsForFile } from '../io/config';
import { pathOf, type ConfigFiles } from './configFiles';
import { localeOfSetting } from './locale';

export type { RuleSetting, RunMode };

export interface Settings {
  run: RunMode;
  debounceMs: number;
  /** Per-rule severity overrides; `off` hides the rule's findings. */
  rules: Record<string, RuleSetting>;
  /** `xxgk.inlayHints.totals`: which totals get an inlay hint (default `mismatched`). */
  inlayHintsTotals?: InlayHintsSetting;
  /** `xxgk.codeLens`: the lens above each table (default on). */
  codeLens?: boolean;
  /** `xxgk.exclude`: globs, relative to the workspace folder, of files that are not reports. */
  exclude?: string[];
  /** `xxgk.locale`: the message language (`auto`: VS Code's display language). */
  locale?: LocaleSetting;
  /** `xxgk.docsBaseUrl`: where the rule pages are (each diagnostic links to `<base>/<rule>.md`); empty: the installed docs. */
  docsBaseUrl?: string;
  // What the document's `.xxgk.json` adds (merged by SettingsStore; the file wins, as in ESLint and markdownlint):
  /** The document is excluded (`exclude` of the file or of the settings): it gets no diagnostics. */
  excluded?: boolean;
  issuerType?: IssuerSetting;
  /** The message language chosen by the file or the setting; undefined: the client's display language. */
  messageLocale?: Locale;
  /** The `.xxgk.json` in force, if any. */
  configPath?: string;
}

export const DEFAULT_SETTINGS: Settings = { run: 'onType', debounceMs: 100, rules: {} };

const RULE_SETTINGS: readonly string[] = ['error', 'warning', 'info', 'hint', 'off'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates the raw `xxgk` section into Settings. */
export function parseSettings(raw: unknown): Settings {
  if (!isRecord(raw)) return { ...DEFAULT_SETTINGS, rules: {} };
  const run: RunMode = raw.run === 'onSave' ? 'onSave' : 'onType';
  const debounceMs =
    typeof raw.debounceMs === 'number' && Number.isFinite(raw.debounceMs) && raw.debounceMs >= 0
      ? Math.min(raw.debounceMs, 60_000)
      : DEFAULT_SETTINGS.debounceMs;
  const rules: Record<string, RuleSetting> = {};
  if (isRecord(raw.rules)) {
    for (const [id, value] of Object.entries(raw.rules)) {
      if (typeof value === 'string' && RULE_SETTINGS.includes(value)) rules[id] = value as RuleSetting;
    }
  }
  return { run, debounceMs, rules, ...editorFeatures(raw), ...configurationSettings(raw) };
}

/** `xxgk.exclude`, `xxgk.locale`, `xxgk.docsBaseUrl`; absent when not set or malformed. */
function configurationSettings(raw: Record<string, unknown>): Pick<Settings, 'exclude' | 'locale' | 'docsBaseUrl'> {
  const exclude = Array.isArray(raw.exclude) ? raw.exclude.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [];
  return {
    ...(exclude.length > 0 ? { exclude } : {}),
    ...(raw.locale === 'auto' || raw.locale === 'zh-cn' || raw.locale === 'en' ? { locale: raw.locale } : {}),
    ...(typeof raw.docsBaseUrl === 'string' && raw.docsBaseUrl.trim() !== '' ? { docsBaseUrl: raw.docsBaseUrl.trim() } : {}),
  };
}

/**
 * The editor's settings with the document's `.xxgk.json` merged in. The file
 * wins where both say something (its rules over `xxgk.rules`, its locale over
 * `xxgk.locale`), as ESLint's and markdownlint's files win over the editor's.
 */
export function mergeConfig(uri: string, editor: Settings, files: ConfigFiles | undefined): Settings {
  const loaded = files?.forUri(uri);
  const path = pathOf(uri);
  const file = path ? settingsForFile(path, loaded) : { rules: {}, excluded: false };
  const folder = files?.folderOf(uri);
  const byEditor = !!(path && folder && editor.exclude && matchesAny(relativePosix(folder, path), editor.exclude));
  const messageLocale = localeOfSetting(file.locale) ?? localeOfSetting(editor.locale);
  return {
    ...editor,
    rules: { ...editor.rules, ...file.rules },
    ...(file.excluded || byEditor ? { excluded: true } : {}),
    ...(file.issuerType ? { issuerType: file.issuerType } : {}),
    ...(messageLocale ? { messageLocale } : {}),
    ...(loaded ? { configPath: loaded.path } : {}),
  };
}

export class SettingsStore {
  private readonly perDocument = new Map<string, Promise<Settings>>();
  private readonly resolved = new Map<string, Settings>();
  private configFiles: ConfigFiles | undefined;
  /** From didChangeConfiguration, for clients without workspace/configuration. */
  private pushed: Settings = DEFAULT_SETTINGS;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
  ) {}

  get(uri: string): Promise<Settings> {
    let settings = this.perDocument.get(uri);
    if (!settings) {
      const editor = this.canPull
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'xxgk' }).then(parseSettings, () => this.pushed)
        : Promise.resolve(this.pushed);
      settings = editor.then((s) => {
        const merged = mergeConfig(uri, s, this.configFiles);
        this.resolved.set(uri, merged);
        return merged;
      });
      this.perDocument.set(uri, settings);
    }
    return settings;
  }

  /** The settings last read for a document, without waiting (hover, the analysis cache); undefined before the first read. */
  peek(uri: string): Settings | undefined {
    return this.resolved.get(uri);
  }

  /** `.xxgk.json` files are looked up through these (server.ts sets them at start-up). */
  useConfigFiles(files: ConfigFiles): void {
    this.configFiles = files;
  }

  /** A `.xxgk.json` changed: every document's settings are read again. */
  configChanged(): void {
    this.perDocument.clear();
  }

  /** A configuration change: forget what was read; take pushed settings if the client sent any. */
  changed(payload: unknown): void {
    this.perDocument.clear();
    if (isRecord(payload) && 'xxgk' in payload) this.pushed = parseSettings(payload.xxgk);
  }

  forget(uri: string): void {
    this.perDocument.delete(uri);
    this.resolved.delete(uri);
  }
}

/** The inlay-hint and code-lens settings (lsp/inlayHints.ts, lsp/codeLens.ts); absent when not set or malformed. */
function editorFeatures(raw: Record<string, unknown>): Pick<Settings, 'inlayHintsTotals' | 'codeLens'> {
  // Nested as VS Code sends it; some clients send the dotted key as written in settings.json.
  const hints = isRecord(raw.inlayHints) ? raw.inlayHints.totals : raw['inlayHints.totals'];
  return {
    ...(hints === 'mismatched' || hints === 'all' || hints === 'none' ? { inlayHintsTotals: hints } : {}),
    ...(typeof raw.codeLens === 'boolean' ? { codeLens: raw.codeLens } : {}),
  };
}
