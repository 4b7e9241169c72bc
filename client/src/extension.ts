// The VS Code extension: starts the language server and registers the two
// commands. Everything else (checking, fixes, outline, hover) is the
// server's; the client stays thin.

import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  NOT_A_REPORT_COMMAND,
  NOT_A_REPORT_REQUEST,
  VIEW_SCHEME,
  type InitializationOptions,
  type NotAReportParams,
} from '../../common/protocol';
import type { XxgkSettingsSection } from '../../common/settings';
import { registerCommands } from './commands';
import { registerPreview } from './preview';
import { CheckStatus } from './status';
import { registerViews } from './views';

const LANGUAGES = ['xxgk-report', 'markdown', 'plaintext', 'html'];

/** Our language, and Markdown / plain text / web pages that may hold a report (the server decides), saved or untitled. */
export const DOCUMENT_SELECTOR: DocumentSelector = [
  ...LANGUAGES.flatMap((language) => [
    { language, scheme: 'file' },
    { language, scheme: 'untitled' },
  ]),
  // The read-only views of PDF and Word files (views.ts).
  { scheme: VIEW_SCHEME },
];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const configWatcher = vscode.workspace.createFileSystemWatcher('**/.xxgk.json');
  context.subscriptions.push(configWatcher);
  // xxgk.locale: a chosen language, else (auto) VS Code's display language.
  const chosen = vscode.workspace.getConfiguration('xxgk').get<XxgkSettingsSection['locale']>('locale');
  const initializationOptions: InitializationOptions = { locale: chosen === 'en' || chosen === 'zh-cn' ? chosen : vscode.env.language };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    initializationOptions,
    // .xxgk.json changes reach the server as workspace/didChangeWatchedFiles.
    synchronize: { configurationSection: 'xxgk', fileEvents: configWatcher },
    // Quiet: the output channel is there to read, never pushed in front of the user.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  // The id `xxgk` makes the client honour the `xxgk.trace.server` setting.
  client = new LanguageClient('xxgk', vscode.l10n.t('Annual Report Checker (xxgk)'), serverOptions, clientOptions);

  // 这不是年度报告: the code action's command tells the server to skip the file at once (its .xxgk.json edit lasts).
  const notAReport = client;
  context.subscriptions.push(
    vscode.commands.registerCommand(NOT_A_REPORT_COMMAND, (params: NotAReportParams) =>
      notAReport.sendRequest(NOT_A_REPORT_REQUEST, params),
    ),
  );

  const status = new CheckStatus(client);
  context.subscriptions.push(status, ...registerCommands(client), ...registerViews(client), ...registerPreview(client));
  // For the integration suite: what the status item shows (VS Code cannot read it back).
  context.subscriptions.push(vscode.commands.registerCommand('xxgk._statusState', () => status.state()));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
