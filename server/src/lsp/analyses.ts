// One analysis per document version. Diagnostics, hovers, symbols, folding
// and code actions all read the same cached result, so a request never
// re-analyses text that has not changed.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyse, type Analysis, type AnalyseOptions } from '../engine';
import type { Logger } from './log';

/** Language ids that may hold a report; any other document gets nothing. */
const CANDIDATE_LANGUAGES = new Set(['xxgk-report', 'xxgk', 'markdown', 'plaintext', 'text']);

/**
 * Longer texts are not analysed. A real report is 10–50 thousand characters;
 * a million takes the engine about a second on the server's only thread, and
 * a 10 MB paste must not hold up every other request.
 */
export const MAX_ANALYSED_CHARS = 1_000_000;

interface Entry {
  version: number;
  /** Undefined when the text is not a report (cached too, so it is not re-checked). */
  analysis: Analysis | undefined;
}

export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly logger: Pick<Logger, 'errorOnce'>,
    /** The engine's analyse; replaceable so tests can make a check throw. */
    private readonly analyseText: typeof analyse = analyse,
  ) {}

  /** The report analysis of this document version, or undefined when it is not a report. */
  forDocument(document: TextDocument): Analysis | undefined {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version) return cached.analysis;
    const analysis = CANDIDATE_LANGUAGES.has(document.languageId)
      ? this.analyseChecked(document.uri, document.getText(), document.languageId)
      : undefined;
    this.entries.set(document.uri, { version: document.version, analysis });
    return analysis;
  }

  /** Analyses a file that is not open (workspace check); not cached. */
  forFile(uri: string, text: string): Analysis | undefined {
    return this.analyseChecked(uri, text, uri.toLowerCase().endsWith('.md') ? 'markdown' : 'plaintext');
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  private analyseChecked(uri: string, text: string, languageId: string): Analysis | undefined {
    if (text.length > MAX_ANALYSED_CHARS) {
      this.logger.errorOnce(`too-large:${uri}`, `[xxgk] ${uri}: ${text.length} characters, more than ${MAX_ANALYSED_CHARS}; not checked`);
      return undefined;
    }
    const options: AnalyseOptions = {};
    if (languageId === 'markdown' || uri.toLowerCase().endsWith('.md')) options.layoutHint = 'markdown';
    let analysis: Analysis;
    try {
      analysis = this.analyseText(text, options);
    } catch (error) {
      this.logger.errorOnce(`analyse:${String(error)}`, `[xxgk] analysing ${uri} failed`, error);
      return undefined;
    }
    // A check that threw is missing from the findings; say so once per rule, not per keystroke.
    for (const { rule, error } of analysis.ruleErrors) {
      this.logger.errorOnce(`rule:${rule}`, `[xxgk] rule ${rule} failed; its findings are missing`, error);
    }
    return analysis.model.isReport ? analysis : undefined;
  }
}
