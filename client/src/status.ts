// A language status item: when the document in front of the user was last
// checked and how many problems were found.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CHECKED_NOTIFICATION, type CheckedParams } from '../../server/src/lsp/protocol';

export class CheckStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('xxgk.status', [
    { language: 'xxgk-report' },
    { language: 'markdown' },
    { language: 'plaintext' },
  ]);
  private readonly checks = new Map<string, CheckedParams>();
  private readonly listeners: vscode.Disposable[] = [];

  constructor(client: LanguageClient) {
    this.item.name = vscode.l10n.t('Annual report check');
    this.item.command = { title: vscode.l10n.t('Check workspace'), command: 'xxgk.checkWorkspace' };
    this.listeners.push(
      client.onNotification(CHECKED_NOTIFICATION, (params: CheckedParams) => {
        this.checks.set(params.uri, params);
        this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidCloseTextDocument((d) => this.checks.delete(d.uri.toString())),
    );
    this.refresh();
  }

  private refresh(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const check = uri ? this.checks.get(uri) : undefined;
    if (!check) {
      this.item.text = vscode.l10n.t('Annual report: not checked');
      this.item.detail = undefined;
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    const time = new Date(check.time).toLocaleTimeString();
    if (!check.isReport) {
      this.item.text = vscode.l10n.t('Not an annual report');
      this.item.detail = vscode.l10n.t('checked at {0}', time);
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    if (check.tooLarge) {
      this.item.text = vscode.l10n.t('Annual report: too large to check');
      this.item.detail = vscode.l10n.t('checked at {0}', time);
      this.item.severity = vscode.LanguageStatusSeverity.Warning;
      return;
    }
    this.item.text =
      check.problems === 0 ? vscode.l10n.t('Annual report: no problems') : vscode.l10n.t('Annual report: {0} problems', check.problems);
    this.item.detail = vscode.l10n.t('checked at {0}', time);
    this.item.severity = check.problems === 0 ? vscode.LanguageStatusSeverity.Information : vscode.LanguageStatusSeverity.Warning;
  }

  dispose(): void {
    this.item.dispose();
    for (const l of this.listeners) l.dispose();
  }
}
