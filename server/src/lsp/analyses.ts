// One analysis per document version. Diagnostics, hovers, symbols, folding
// and code actions all read the same cached result, so a request never
// re-analyses text that has not changed.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyse, type Analysis, type AnalyseOptions } from '../engine';
import { holdsHtmlTables } from '../engine/read/html-tables';
import type { Logger } from './log';
import { loadHtmlModule, registerView, SourceView } from './sourceView';

/** Documents read through the HTML reader: a web page's markup is not its text. */
function isHtml(uri: string, languageId: string): boolean {
  return languageId === 'html' || /\.(html?|shtml)$/i.test(uri);
}

/** Language ids that may hold a report; any other document gets nothing. */
const CANDIDATE_LANGUAGES = new Set(['xxgk-report', 'xxgk', 'markdown', 'plaintext', 'text', 'html']);

export function isCandidate(languageId: string): boolean {
  return CANDIDATE_LANGUAGES.has(languageId);
}

/**
 * Longer texts are not analysed; the server publishes one `document-too-large`
 * notice instead (see diagnostics.ts). A real report is 10–50 thousand
 * characters. The engine is linear: 10 million characters of a report and
 * prose take about 0.1 s; 10 million of nothing but tables (one report pasted
 * a thousand times, tens of thousands of findings) take a few seconds on the
 * server's only thread, which is the most a single paste may cost.
 */
export const MAX_ANALYSED_CHARS = 10_000_000;

/** Whether a text is over the limit and so not analysed. */
export function exceedsLimit(text: string): boolean {
  return text.length > MAX_ANALYSED_CHARS;
}

interface Entry {
  version: number;
  /**
   * The text analysed. A well-behaved client never reuses a version number,
   * but one that does (a stale or replayed didChange) must not get the
   * analysis of other text: the check is by reference, so it costs nothing
   * while the document is unchanged.
   */
  text: string;
  /** Undefined when the text is not a report (cached too, so it is not re-checked). */
  analysis: Analysis | undefined;
  /** The configuration it was analysed under (AnalysisCache.configure). */
  key?: string;
  /** The workspace index's generation its cross-report findings were added at (AnalysisCache.cross); undefined when it keeps none. */
  crossAt?: number | undefined;
}

/** What the configuration (.xxgk.json, xxgk.exclude) says about one document, for its analysis. */
export interface DocumentConfig {
  /** Changes when the options change, so a cached analysis under other options is not reused. */
  key: string;
  /** Not a report by the user's word: not analysed. */
  excluded: boolean;
  options: Pick<AnalyseOptions, 'issuerType'>;
}

export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();
  /** Documents read as pages that give their report as an attached file: the file's name (not reports). */
  private readonly attachments = new Map<string, string>();

  constructor(
    private readonly logger: Pick<Logger, 'errorOnce'>,
    /** The engine's analyse; replaceable so tests can make a check throw. */
    private readonly analyseText: typeof analyse = analyse,
  ) {}

  /** The document's configuration (server.ts sets it from the settings); none: defaults. */
  configure: ((uri: string) => DocumentConfig | undefined) | undefined;

  /**
   * Cross-report findings from the workspace index (server.ts sets both):
   * called for a new analysis (`fresh`: the index takes its digest) and when
   * the index changed since the cached analysis got its cross findings.
   */
  cross: ((uri: string, version: number, analysis: Analysis | undefined, fresh: boolean) => void) | undefined;
  crossGeneration: (() => number) | undefined;

  private crossed(document: TextDocument, entry: Entry, fresh: boolean): Analysis | undefined {
    if (!this.cross || (!fresh && entry.crossAt === this.crossGeneration?.())) return entry.analysis;
    this.cross(document.uri, document.version, entry.analysis, fresh);
    entry.crossAt = this.crossGeneration?.();
    return entry.analysis;
  }

  /** The report analysis of this document version, or undefined when it is not a report. */
  forDocument(document: TextDocument): Analysis | undefined {
    const text = document.getText();
    const cached = this.entries.get(document.uri);
    const config = this.configure?.(document.uri);
    if (cached && cached.version === document.version && cached.text === text && cached.key === config?.key)
      return this.crossed(document, cached, false);
    const analysis = isCandidate(document.languageId) ? this.analyseChecked(document.uri, text, document.languageId, config) : undefined;
    const entry: Entry = { version: document.version, text, analysis, ...(config ? { key: config.key } : {}) };
    this.entries.set(document.uri, entry);
    return this.crossed(document, entry, true);
  }

  /** Analyses a file that is not open (workspace check); not cached. */
  forFile(uri: string, text: string): Analysis | undefined {
    const lower = uri.toLowerCase();
    return this.analyseChecked(
      uri,
      text,
      lower.endsWith('.md') ? 'markdown' : isHtml(lower, '') ? 'html' : 'plaintext',
      this.configure?.(uri),
    );
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.attachments.delete(uri);
  }

  /** The attached file a page names as its report (详见附件), when its last analysis found one. */
  attachmentOf(uri: string): string | undefined {
    return this.attachments.get(uri);
  }

  private analyseChecked(uri: string, text: string, languageId: string, config?: DocumentConfig): Analysis | undefined {
    if (typeof text !== 'string') return undefined; // a malformed didOpen; nothing to check
    if (config?.excluded) return undefined;
    if (exceedsLimit(text)) {
      this.logger.errorOnce(`too-large:${uri}`, `[xxgk] ${uri}: ${text.length} characters, more than ${MAX_ANALYSED_CHARS}; not checked`);
      return undefined;
    }
    const options: AnalyseOptions = { ...config?.options };
    if (languageId === 'markdown' || uri.toLowerCase().endsWith('.md')) options.layoutHint = 'markdown';
    let analysis: Analysis;
    try {
      const page = isHtml(uri, languageId);
      // Markdown or text holding HTML tables (MinerU, docling, marker): read as a page whose text outside tables is kept as it is.
      const mixed = !page && holdsHtmlTables(text);
      if (page || mixed) {
        // The page's reading text is analysed; the view maps every position between the page and it.
        const html = loadHtmlModule();
        const reading = html.readHtml(text, mixed ? { textOutsideTablesAsIs: true } : {});
        // Its tables are TAB rows, as a page's: the CLI reads it with no layout hint, and so does the editor.
        if (mixed) delete options.layoutHint;
        analysis = this.analyseText(reading.text, options);
        registerView(analysis, new SourceView(text, reading, analysis.index, html));
      } else {
        analysis = this.analyseText(text, options);
      }
    } catch (error) {
      this.logger.errorOnce(`analyse:${String(error)}`, `[xxgk] analysing ${uri} failed`, error);
      return undefined;
    }
    // A check that threw is missing from the findings; say so once per rule, not per keystroke.
    for (const { rule, error } of analysis.ruleErrors) {
      this.logger.errorOnce(`rule:${rule}`, `[xxgk] rule ${rule} failed; its findings are missing`, error);
    }
    if (analysis.model.attachment !== undefined) this.attachments.set(uri, analysis.model.attachment);
    else this.attachments.delete(uri);
    return analysis.model.isReport ? analysis : undefined;
  }
}
