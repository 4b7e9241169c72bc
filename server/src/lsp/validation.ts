// When documents are checked: at once on open and save, after a short quiet
// period while typing (`xxgk.run: onType`), or only on save (`onSave`).
// Diagnostics are pushed with the document version they belong to and
// cleared when the document closes.

import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Locale } from '../engine';
import { isCandidate, MAX_ANALYSED_CHARS, type AnalysisCache } from './analyses';
import { toDiagnostics, tooLargeDiagnostic } from './diagnostics';
import type { Logger } from './log';
import { CHECKED_NOTIFICATION, type CheckedParams } from '../../../common/protocol';
import type { Settings, SettingsStore } from './settings';

export interface ValidatorDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  cache: AnalysisCache;
  settings: SettingsStore;
  logger: Logger;
  locale: Locale;
  /** From initializationOptions.debounceMs; wins over the setting. */
  debounceOverride: number | undefined;
}

/** The `document-too-large` notice for a text over the limit in a language that may hold a report. */
export function noticeFor(text: string, languageId: string, settings: Settings, locale: Locale): Diagnostic | undefined {
  return isCandidate(languageId) ? tooLargeDiagnostic(text, MAX_ANALYSED_CHARS, languageId, settings, locale) : undefined;
}

/**
 * Sends one document's diagnostics and tells the client it was checked.
 * `notice`: the document was too large to analyse; it is the only diagnostic.
 */
export function publish(
  connection: Connection,
  uri: string,
  version: number | null,
  analysis: Analysis | undefined,
  settings: Settings,
  locale: Locale,
  notice?: Diagnostic,
  attachment?: string,
): Diagnostic[] {
  const diagnostics = notice ? [notice] : analysis ? toDiagnostics(analysis, uri, version, settings, locale) : [];
  void connection.sendDiagnostics(version === null ? { uri, diagnostics } : { uri, version, diagnostics });
  const checked: CheckedParams = {
    uri,
    time: new Date().toISOString(),
    isReport: analysis !== undefined || notice !== undefined,
    problems: diagnostics.length,
    ...(notice ? { tooLarge: true } : {}),
    ...(attachment !== undefined && analysis === undefined ? { attachment } : {}),
  };
  void connection.sendNotification(CHECKED_NOTIFICATION, checked);
  return diagnostics;
}

export class Validator {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /**
   * Last version and text published per document, so an open does not
   * publish twice (the text too: a client that reuses a version number
   * for other text still gets that text checked).
   */
  private readonly published = new Map<string, { version: number; text: string }>();

  constructor(private readonly deps: ValidatorDeps) {}

  opened(document: TextDocument): void {
    this.cancel(document.uri);
    void this.validate(document.uri, false);
  }

  async changed(document: TextDocument): Promise<void> {
    const settings = await this.deps.settings.get(document.uri);
    if (settings.run === 'onSave') return;
    const delay = this.deps.debounceOverride ?? settings.debounceMs;
    this.cancel(document.uri);
    if (delay <= 0) {
      await this.validate(document.uri, false);
      return;
    }
    this.timers.set(
      document.uri,
      setTimeout(() => {
        this.timers.delete(document.uri);
        void this.validate(document.uri, false);
      }, delay),
    );
  }

  saved(document: TextDocument): void {
    this.cancel(document.uri);
    void this.validate(document.uri, false);
  }

  closed(uri: string): void {
    this.cancel(uri);
    this.published.delete(uri);
    this.deps.cache.delete(uri);
    this.deps.settings.forget(uri);
    void this.deps.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Settings changed: republish every open document (from cached analyses). */
  revalidateAll(): void {
    for (const document of this.deps.documents.all()) void this.validate(document.uri, true);
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private async validate(uri: string, force: boolean): Promise<void> {
    try {
      const before = this.deps.documents.get(uri);
      if (!before) return;
      const settings = await this.deps.settings.get(uri);
      const document = this.deps.documents.get(uri);
      // Edited or closed while settings were read: the newer event checks it.
      if (!document || document.version !== before.version) return;
      const text = document.getText();
      const last = this.published.get(uri);
      if (!force && last?.version === document.version && last.text === text) return;
      this.published.set(uri, { version: document.version, text });
      const notice = noticeFor(text, document.languageId, settings, this.deps.locale);
      const analysis = this.deps.cache.forDocument(document);
      publish(this.deps.connection, uri, document.version, analysis, settings, this.deps.locale, notice, this.deps.cache.attachmentOf(uri));
    } catch (error) {
      this.deps.logger.errorOnce(`validate:${String(error)}`, `[xxgk] checking ${uri} failed`, error);
    }
  }
}
