// The `xxgk.*` settings as the user writes them (package.json `contributes.configuration`),
// and the literal types they take. Shared by the client and the server; plain types,
// no imports, so neither pulls the other's code into its bundle.

/** A rule's severity as a setting, or `off`. */
export type RuleSetting = 'error' | 'warning' | 'info' | 'hint' | 'off';
/** `xxgk.run`: check as you type, or when the document is saved. */
export type RunMode = 'onType' | 'onSave';
/** `xxgk.locale`, `.xxgk.json` locale: the message language (`auto`: VS Code's display language). */
export type LocaleSetting = 'auto' | 'zh-cn' | 'en';
/** `.xxgk.json` issuerType: who issues the report, for the rules that differ (deadlines, required statements). */
export type IssuerSetting = '部门' | '人民政府';
/** `xxgk.inlayHints.totals`: which totals get an inlay hint. */
export type InlayHintsSetting = 'mismatched' | 'all' | 'none';

/** The `xxgk` configuration section, every key optional (what workspace/configuration may return). */
export interface XxgkSettingsSection {
  run?: RunMode;
  debounceMs?: number;
  rules?: Record<string, RuleSetting>;
  exclude?: string[];
  locale?: LocaleSetting;
  docsBaseUrl?: string;
  inlayHints?: { totals?: InlayHintsSetting };
  codeLens?: boolean;
  trace?: { server?: 'off' | 'messages' | 'verbose' };
}
