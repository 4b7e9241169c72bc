// Choosing the language of every user-visible string: the client's display
// language, Chinese unless it says otherwise.

import type { Locale, LocalizedText } from '../engine';

/** `zh`, `zh-cn`, `zh-tw`… → zh; any other given language → en; nothing given → zh. */
export function pickLocale(...candidates: (string | undefined | null)[]): Locale {
  const given = candidates.find((c): c is string => typeof c === 'string' && c.length > 0);
  if (given === undefined) return 'zh';
  return given.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function localize(text: LocalizedText, locale: Locale): string {
  return text[locale] || text.zh;
}

/** Shorthand for the server's own two-language strings. */
export function both(zh: string, en: string): LocalizedText {
  return { zh, en };
}

/** `xxgk.locale` / `.xxgk.json` locale → a locale, or undefined for `auto` (follow the display language). */
export function localeOfSetting(setting: string | undefined): Locale | undefined {
  return setting === 'zh-cn' ? 'zh' : setting === 'en' ? 'en' : undefined;
}
