// A language status item: how many errors and warnings the document in front
// of the user has (hints and information are not problems to fix, so not
// counted), when it was last checked, and a click that re-checks the workspace.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CHECKED_NOTIFICATION, type CheckedParams } from '../../common/protocol';

/** The diagnostics source of every finding the server publishes (server/src/lsp/diagnostics.ts). */
const SOURCE = 'xxgk';

export interface Counts {
  errors: number;
  warnings: number;
  /** Information and hints: shown in the detail only. */
  others: number;
}

/** Errors, warnings and the rest among a document's diagnostics from this checker. */
export function countDiagnostics(diagnostics: readonly vscode.Diagnostic[]): Counts {
  const counts: Counts = { errors: 0, warnings: 0, others: 0 };
  for (const d of diagnostics) {
    if (d.source !== SOURCE) continue;
    if (d.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
    else counts.others++;
  }
  return counts;
}

/** `年度报告：2 个错误，1 个警告` — the status text for a checked report. */
export function countsText({ errors, warnings }: Counts): string {
  if (errors === 0 && warnings === 0) return vscode.l10n.t('Annual report: no errors or warnings');
  const parts = [
    ...(errors > 0 ? [errors === 1 ? vscode.l10n.t('1 error') : vscode.l10n.t('{0} errors', errors)] : []),
    ...(warnings > 0 ? [warnings === 1 ? vscode.l10n.t('1 warning') : vscode.l10n.t('{0} warnings', warnings)] : []),
  ];
  return vscode.l10n.t('Annual report: {0}', parts.join(vscode.l10n.t(', ')));
}

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
      // The counts come from the diagnostics VS Code holds, so they follow the user's severities and every republication.
      vscode.languages.onDidChangeDiagnostics((e) => {
        const uri = vscode.window.activeTextEditor?.document.uri.toString();
        if (uri && e.uris.some((u) => u.toString() === uri)) this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidCloseTextDocument((d) => this.checks.delete(d.uri.toString())),
    );
    this.refresh();
  }

  /** What the item shows now (for the integration suite: VS Code has no API to read a status item back). */
  state(): { text: string; detail: string | undefined; severity: vscode.LanguageStatusSeverity } {
    return { text: this.item.text, detail: this.item.detail, severity: this.item.severity };
  }

  private refresh(): void {
    const document = vscode.window.activeTextEditor?.document;
    const check = document ? this.checks.get(document.uri.toString()) : undefined;
    if (!document || !check) {
      this.item.text = vscode.l10n.t('Annual report: not checked');
      this.item.detail = '';
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    const time = new Date(check.time).toLocaleTimeString();
    if (!check.isReport && check.attachment !== undefined) {
      // A page whose report is an attached file: the file to open and check is named.
      this.item.text = vscode.l10n.t('The report is an attachment');
      this.item.detail = vscode.l10n.t('{0} · checked at {1}', check.attachment, time);
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
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
    const counts = countDiagnostics(vscode.languages.getDiagnostics(document.uri));
    this.item.text = countsText(counts);
    this.item.detail =
      counts.others > 0 ? vscode.l10n.t('{0} hints · checked at {1}', counts.others, time) : vscode.l10n.t('checked at {0}', time);
    this.item.severity =
      counts.errors > 0
        ? vscode.LanguageStatusSeverity.Error
        : counts.warnings > 0
          ? vscode.LanguageStatusSeverity.Warning
          : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.item.dispose();
    for (const l of this.listeners) l.dispose();
  }
}
