// The `xxgk.*` settings, read per document (scope: resource) through
// workspace/configuration when the client offers it, else from the last
// didChangeConfiguration payload, else the defaults. Anything malformed
// falls back to its default rather than failing a check.

import type { Connection } from 'vscode-languageserver';
import type { Severity } from '../engine';

export type RuleSetting = Severity | 'off';
export type RunMode = 'onType' | 'onSave';

export interface Settings {
  run: RunMode;
  debounceMs: number;
  /** Per-rule severity overrides; `off` hides the rule's findings. */
  rules: Record<string, RuleSetting>;
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
  return { run, debounceMs, rules };
}

export class SettingsStore {
  private readonly perDocument = new Map<string, Promise<Settings>>();
  /** From didChangeConfiguration, for clients without workspace/configuration. */
  private pushed: Settings = DEFAULT_SETTINGS;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
  ) {}

  get(uri: string): Promise<Settings> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    let settings = this.perDocument.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'xxgk' }).then(parseSettings, () => this.pushed);
      this.perDocument.set(uri, settings);
    }
    return settings;
  }

  /** A configuration change: forget what was read; take pushed settings if the client sent any. */
  changed(payload: unknown): void {
    this.perDocument.clear();
    if (isRecord(payload) && 'xxgk' in payload) this.pushed = parseSettings(payload.xxgk);
  }

  forget(uri: string): void {
    this.perDocument.delete(uri);
  }
}
