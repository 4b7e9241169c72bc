// The two commands. Both ask the server: it writes the new report, and it
// reads and checks the workspace's files; the client only opens and asks.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CHECK_FILES_REQUEST,
  NEW_REPORT_REQUEST,
  type CheckFilesParams,
  type CheckFilesResult,
  type NewReportParams,
  type NewReportResult,
} from '../../server/src/lsp/protocol';

/** Report files worth looking at; the server tells which of them really are reports. */
const CANDIDATES = '**/*.{xxgk,md,txt,html,htm,shtml,pdf,docx}';
const EXCLUDE = '**/{node_modules,.git,out,dist}/**';
const MAX_FILES = 5000;

async function newReport(client: LanguageClient): Promise<void> {
  const params: NewReportParams = {};
  const { text } = await client.sendRequest<NewReportResult>(NEW_REPORT_REQUEST, params);
  const document = await vscode.workspace.openTextDocument({ language: 'xxgk-report', content: text });
  await vscode.window.showTextDocument(document);
}

async function checkWorkspace(client: LanguageClient): Promise<void> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder to check the reports in it.'));
    return;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking annual reports in the workspace…') },
    async () => {
      const files = await vscode.workspace.findFiles(CANDIDATES, EXCLUDE, MAX_FILES);
      // The server reads files from disk, so only local files can be checked this way.
      const params: CheckFilesParams = { uris: files.filter((u) => u.scheme === 'file').map((u) => u.toString()) };
      return client.sendRequest<CheckFilesResult>(CHECK_FILES_REQUEST, params);
    },
  );
  let message = vscode.l10n.t('Checked {0} files: {1} annual reports, {2} problems.', result.checked, result.reports, result.problems);
  if (result.skipped.length > 0)
    message += ' ' + vscode.l10n.t('{0} files could not be read (see the output channel).', result.skipped.length);
  for (const s of result.skipped) client.outputChannel.appendLine(`[xxgk] ${s.uri}: ${s.reason}`);
  const show = vscode.l10n.t('Show Problems');
  // The user ran the command: offering to open the Problems panel is not stealing focus.
  if ((await vscode.window.showInformationMessage(message, show)) === show) {
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  }
}

/** Runs a command, reporting a failure instead of throwing into VS Code. */
function safely(client: LanguageClient, run: (client: LanguageClient) => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await run(client);
    } catch (error) {
      client.error(vscode.l10n.t('Command failed'), error, false);
      void vscode.window.showErrorMessage(vscode.l10n.t('The annual report checker could not complete the command: {0}', String(error)));
    }
  };
}

export function registerCommands(client: LanguageClient): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('xxgk.newReport', safely(client, newReport)),
    vscode.commands.registerCommand('xxgk.checkWorkspace', safely(client, checkWorkspace)),
  ];
}
