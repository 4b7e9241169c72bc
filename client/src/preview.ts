// The preview panel (预览报告表格): the report's tables as the official form
// lays them out, beside the editor like Markdown's preview. The server builds
// the structure (xxgk/preview); this asks for it again shortly after each
// change, paints it (previewHtml.ts) and reveals a clicked cell in the editor.
// It follows the active editor when that shows another report.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { PREVIEW_REQUEST, VIEW_SCHEME, type PreviewParams, type PreviewRange, type PreviewResult } from '../../common/protocol';
import { renderPreviewBody, renderPreviewPage, type PreviewStrings } from './previewHtml';

/** Short enough that the panel repaints well inside 100 ms of a keystroke; long enough to coalesce a burst of typing. */
const REPAINT_DELAY_MS = 25;
const CONTEXT_KEY = 'xxgk.previewable';
const VIEW_TYPE = 'xxgk.preview';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const CANDIDATE_LANGUAGES = new Set(['xxgk-report', 'markdown', 'plaintext', 'html']);

function isCandidate(document: vscode.TextDocument): boolean {
  return document.uri.scheme === VIEW_SCHEME || (CANDIDATE_LANGUAGES.has(document.languageId) && document.uri.scheme !== 'output');
}

function strings(): PreviewStrings {
  return {
    blank: vscode.l10n.t('Blank cell'),
    unread: vscode.l10n.t('Not read'),
    text: vscode.l10n.t('Not a number'),
    absent: vscode.l10n.t('Not in the report'),
    total: vscode.l10n.t('Its parts add up to'),
    likely: vscode.l10n.t('Most likely the wrong cell'),
    involved: vscode.l10n.t('Part of a sum that does not hold'),
    written: vscode.l10n.t('The report writes'),
    missingTable: vscode.l10n.t('Not in the report'),
    allHold: vscode.l10n.t('All sums hold'),
    broken: vscode.l10n.t('{0} sums do not hold', '{0}'), // formatted per table by the renderer
    reveal: vscode.l10n.t('Click to show it in the editor'),
    legend: vscode.l10n.t('Marked cells break a sum; hover for the message, click to go there.'),
    empty: vscode.l10n.t('No tables.'),
  };
}

function toRange(r: PreviewRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

class PreviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Increases with each request; an answer to an older one is dropped. */
  private sequence = 0;
  private body = '';
  private shownVersion = -1;
  /** For tests: the version last painted in the webview, and when. */
  painted: { version: number; at: number } | undefined;
  /** For tests: when the last change arrived and when its repaint was posted to the webview (ms since the epoch). */
  private timing: { changed: number; posted?: number } | undefined;
  private readonly listeners: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.listeners.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.document && e.contentChanges.length > 0) {
          this.timing = { changed: Date.now() };
          this.schedule();
        }
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        void this.updateContext(editor);
        // Like Markdown's preview: it follows the editor in front when that shows another report.
        if (this.panel && editor && editor.document !== this.document && isCandidate(editor.document))
          void this.show(editor.document, false);
      }),
      // Like Markdown's preview: the panel scrolls with the editor.
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        const first = e.visibleRanges[0];
        if (e.textEditor.document === this.document && first) this.scrollTo(first.start.line);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d === this.document) this.document = undefined;
      }),
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) void this.updateContext(vscode.window.activeTextEditor);
      }),
    );
  }

  /** Opens (beside the editor) or reuses the panel for `document`; false when it is not a report. */
  async show(document: vscode.TextDocument, reveal: boolean): Promise<boolean> {
    const result = await this.fetch(document);
    if (!result) return false;
    this.sequence++; // an older refresh in flight must not paint over this
    this.document = document;
    let panel = this.panel;
    if (!panel) {
      panel = this.adopt(
        vscode.window.createWebviewPanel(
          VIEW_TYPE,
          '',
          { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
          { enableScripts: true, localResourceRoots: [], enableFindWidget: true },
        ),
      );
    } else if (reveal) panel.reveal(undefined, true);
    const name = document.uri.path.split('/').pop() ?? '';
    panel.title = vscode.l10n.t('Preview {0}', name);
    this.body = renderPreviewBody(result, strings());
    this.shownVersion = result.version;
    this.paintPage();
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const visible = editor?.visibleRanges[0];
    if (visible) this.scrollTo(visible.start.line);
    return true;
  }

  /** Takes a panel on: a new one, or one VS Code restores after a window reload. */
  private adopt(panel: vscode.WebviewPanel): vscode.WebviewPanel {
    this.panel = panel;
    panel.onDidDispose(() => {
      if (this.panel === panel) {
        this.panel = undefined;
        this.document = undefined;
      }
    });
    panel.webview.onDidReceiveMessage((m: unknown) => this.received(m));
    // A hidden webview is discarded; shown again, it is rebuilt from the last body.
    panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.visible) this.paintPage();
    });
    return panel;
  }

  /** A panel VS Code kept across a reload: shows its document again, or closes when that is gone or no report. */
  async restore(panel: vscode.WebviewPanel, uri: string | undefined): Promise<void> {
    if (this.panel && this.panel !== panel) this.panel.dispose();
    panel.webview.options = { enableScripts: true, localResourceRoots: [] };
    this.adopt(panel);
    try {
      if (!uri) throw new Error('no document');
      const parsed = vscode.Uri.parse(uri);
      const document =
        vscode.workspace.textDocuments.find((d) => d.uri.toString() === parsed.toString()) ??
        (await vscode.workspace.openTextDocument(parsed));
      if (!(await this.show(document, false))) panel.dispose();
    } catch {
      panel.dispose();
    }
  }

  private scrollTo(line: number): void {
    void this.panel?.webview.postMessage({ type: 'scroll', line });
  }

  private paintPage(): void {
    if (!this.panel) return;
    const nonce = randomBytes(16).toString('base64');
    this.panel.webview.html = renderPreviewPage({
      nonce,
      cspSource: this.panel.webview.cspSource,
      body: this.body,
      version: this.shownVersion,
      lang: vscode.env.language,
      title: this.panel.title,
      ...(this.document ? { documentUri: this.document.uri.toString() } : {}),
    });
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, REPAINT_DELAY_MS);
  }

  private async refresh(): Promise<void> {
    const document = this.document;
    if (!this.panel || !document) return;
    const result = await this.request(document);
    if (!result || document !== this.document || !this.panel) return;
    // Asked before the change reached the server: ask again.
    if (result.version < document.version) {
      this.schedule();
      return;
    }
    this.body = renderPreviewBody(result, strings());
    this.shownVersion = result.version;
    void this.panel.webview.postMessage({ type: 'update', html: this.body, version: result.version });
    if (this.timing) this.timing.posted = Date.now();
  }

  /** The newest answer only: null when a later request superseded this one. */
  private async request(document: vscode.TextDocument): Promise<PreviewResult | null> {
    const mine = ++this.sequence;
    const result = await this.fetch(document);
    return mine === this.sequence ? result : null;
  }

  private async fetch(document: vscode.TextDocument): Promise<PreviewResult | null> {
    const params: PreviewParams = { uri: document.uri.toString() };
    try {
      return await this.client.sendRequest<PreviewResult | null>(PREVIEW_REQUEST, params);
    } catch {
      return null;
    }
  }

  private received(message: unknown): void {
    if (typeof message !== 'object' || message === null) return;
    const m = message as { type?: unknown; range?: PreviewRange; version?: unknown };
    if (m.type === 'painted' && typeof m.version === 'number') this.painted = { version: m.version, at: Date.now() };
    if (m.type === 'reveal' && m.range && this.document) void this.reveal(this.document, toRange(m.range));
  }

  /** Shows the cell in the editor the report is open in (or opens it), selected. */
  private async reveal(document: vscode.TextDocument, range: vscode.Range): Promise<void> {
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      selection: range,
      preserveFocus: false,
      preview: false,
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** The editor-title button: shown for Markdown, plain text and web pages only when the server says they are reports. */
  private async updateContext(editor: vscode.TextEditor | undefined): Promise<void> {
    const document = editor?.document;
    let previewable = false;
    if (document && isCandidate(document) && this.client.state === State.Running) {
      try {
        previewable = document.languageId === 'xxgk-report' || document.uri.scheme === VIEW_SCHEME || (await this.fetch(document)) !== null;
      } catch {
        previewable = false;
      }
    }
    if (editor === vscode.window.activeTextEditor) await vscode.commands.executeCommand('setContext', CONTEXT_KEY, previewable);
  }

  state() {
    return {
      uri: this.document?.uri.toString(),
      shownVersion: this.shownVersion,
      painted: this.painted,
      timing: this.timing,
      body: this.body,
    };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const l of this.listeners) l.dispose();
  }
}

export function registerPreview(client: LanguageClient): vscode.Disposable[] {
  const preview = new PreviewPanel(client);
  return [
    preview,
    vscode.commands.registerCommand('xxgk.showPreview', async (uri?: vscode.Uri) => {
      const document =
        uri instanceof vscode.Uri
          ? (vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ??
            (await vscode.workspace.openTextDocument(uri)))
          : vscode.window.activeTextEditor?.document;
      if (!document) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open an annual report to preview its tables.'));
        return;
      }
      if (!(await preview.show(document, true)))
        void vscode.window.showInformationMessage(
          vscode.l10n.t('This document is not an annual report, so there are no tables to preview.'),
        );
    }),
    // After a window reload VS Code hands back the panels it kept: the preview shows its report again.
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: (panel: vscode.WebviewPanel, state: unknown) =>
        preview.restore(panel, isRecord(state) && typeof state.uri === 'string' ? state.uri : undefined),
    }),
    // For the integration tests: what the panel shows and when it was last painted.
    vscode.commands.registerCommand('xxgk._previewState', () => preview.state()),
  ];
}
