// View documents for the forms VS Code cannot show as text — a PDF, a Word
// file, a web archive (.mht): the server reads the file (xxgk/view) and the editor shows its
// reading text, read-only, checked like any report (diagnostics, hover with
// the page or table cell, outline). "Open report view" on a .pdf, .docx or .mht,
// from the Explorer's context menu or the command palette.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { VIEW_REQUEST, VIEW_SCHEME, type ViewParams, type ViewResult } from '../../common/protocol';

class ViewProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: LanguageClient) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const params: ViewParams = { uri: uri.toString() };
    const result = await this.client.sendRequest<ViewResult | null>(VIEW_REQUEST, params);
    if (!result) return vscode.l10n.t('The file could not be read (see the output channel).');
    // Nothing read: the reason instead of an empty page (a scan needs text recognition first).
    if (result.text.trim() === '') return result.problems.join('\n') || vscode.l10n.t('The file holds no text.');
    return result.text;
  }

  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }
}

/** The view URI of a file: the same path under the view scheme. */
export function viewUriOf(file: vscode.Uri): vscode.Uri {
  return file.with({ scheme: VIEW_SCHEME });
}

async function openView(file: vscode.Uri | undefined): Promise<void> {
  const target =
    file ??
    (
      await vscode.window.showOpenDialog({
        canSelectMany: false,
        filters: { [vscode.l10n.t('PDF, Word and web archive reports')]: ['pdf', 'docx', 'doc', 'wps', 'mht', 'mhtml'] },
        openLabel: vscode.l10n.t('Open report view'),
      })
    )?.[0];
  if (!target) return;
  const document = await vscode.workspace.openTextDocument(viewUriOf(target));
  const shown = await vscode.languages.setTextDocumentLanguage(document, 'xxgk-report');
  await vscode.window.showTextDocument(shown, { preview: false });
}

export function registerViews(client: LanguageClient): vscode.Disposable[] {
  const provider = new ViewProvider(client);
  // A changed file on disk: its open view is read again.
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{pdf,docx,doc,wps,mht,mhtml}', true, false, true);
  return [
    vscode.workspace.registerTextDocumentContentProvider(VIEW_SCHEME, provider),
    watcher,
    watcher.onDidChange((file) => {
      const view = viewUriOf(file);
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === view.toString())) provider.refresh(view);
    }),
    vscode.commands.registerCommand('xxgk.openView', async (file?: vscode.Uri) => {
      try {
        await openView(
          file instanceof vscode.Uri
            ? file
            : vscode.window.activeTextEditor?.document.uri.scheme === 'file' &&
                /\.(pdf|docx|doc|wps|mht|mhtml)$/i.test(vscode.window.activeTextEditor.document.uri.path)
              ? vscode.window.activeTextEditor.document.uri
              : undefined,
        );
      } catch (error) {
        void vscode.window.showErrorMessage(vscode.l10n.t('The report view could not be opened: {0}', String(error)));
      }
    }),
  ];
}
