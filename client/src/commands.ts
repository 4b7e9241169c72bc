// The commands: a new report (asked for the agency, year and layout, opened
// untitled under the name Save will use), checking the workspace, and the
// server's output channel and restart. The server writes the new report and
// reads and checks the workspace's files; the client only asks and opens.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CHECK_FILES_REQUEST,
  NEW_REPORT_REQUEST,
  type CheckFilesParams,
  type CheckFilesResult,
  type NewReportParams,
  type NewReportResult,
} from '../../common/protocol';
import { countDiagnostics } from './status';

/** Report files worth looking at; the server tells which of them really are reports. */
const CANDIDATES = '**/*.{xxgk,md,txt,html,htm,shtml,mht,mhtml,pdf,docx,doc,wps}';
const EXCLUDE = '**/{node_modules,.git,out,dist}/**';
const MAX_FILES = 5000;

type Layout = NonNullable<NewReportParams['layout']>;

/** What the new-report command asks; `undefined` when the user pressed Escape. */
export interface NewReportAnswers {
  agency: string;
  year: number;
  layout: Layout;
}

/** The name Save proposes: `<机关><年>年政府信息公开工作年度报告.md` (.txt for the TAB layouts). */
export function newReportFileName(answers: NewReportAnswers): string {
  // Characters no file system takes are left out of the name (the title keeps them).
  const agency = answers.agency.replace(/[\\/:*?"<>|\s]+/g, '');
  return `${agency}${answers.year}年政府信息公开工作年度报告${answers.layout === 'markdown' ? '.md' : '.txt'}`;
}

function isAnswers(value: unknown): value is NewReportAnswers {
  const v = value as Partial<NewReportAnswers> | undefined;
  return (
    typeof v?.agency === 'string' && typeof v.year === 'number' && ['markdown', 'tab-separated', 'cell-per-line'].includes(String(v.layout))
  );
}

async function askNewReport(): Promise<NewReportAnswers | undefined> {
  const title = vscode.l10n.t('New annual report');
  const agency = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('The agency issuing the report, as in its title'),
    placeHolder: vscode.l10n.t('e.g. 长春市统计局 or 淮安市洪泽区人民政府'),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Enter the agency’s full name.') : undefined),
  });
  if (agency === undefined) return undefined;
  const last = new Date().getFullYear() - 1;
  const year = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('The year the report is for (reports are written in January for the year before)'),
    value: String(last),
    ignoreFocusOut: true,
    validateInput: (v) =>
      /^\s*\d{4}\s*$/.test(v) && Number(v) >= 2008 && Number(v) <= last + 1
        ? undefined
        : vscode.l10n.t('Enter a year from 2008 to {0}.', last + 1),
  });
  if (year === undefined) return undefined;
  const layouts: (vscode.QuickPickItem & { layout: Layout })[] = [
    {
      label: vscode.l10n.t('Markdown table'),
      description: '.md',
      detail: vscode.l10n.t('Tables as Markdown pipe tables.'),
      layout: 'markdown',
    },
    {
      label: vscode.l10n.t('TAB rows'),
      description: '.txt',
      detail: vscode.l10n.t('A row per line, cells separated by TAB (as pasted from Excel).'),
      layout: 'tab-separated',
    },
    {
      label: vscode.l10n.t('Word one cell per line'),
      description: '.txt',
      detail: vscode.l10n.t('Each cell on a line of its own, as Word saves a table as plain text.'),
      layout: 'cell-per-line',
    },
  ];
  const layout = await vscode.window.showQuickPick(layouts, {
    title,
    placeHolder: vscode.l10n.t('How the tables are written'),
    ignoreFocusOut: true,
  });
  if (!layout) return undefined;
  return { agency: agency.trim(), year: Number(year), layout: layout.layout };
}

/**
 * An untitled document with an associated path: VS Code shows the name on
 * the tab and Save writes to that path (no dialog). The path is in the first
 * workspace folder (else the home folder) and must not exist yet.
 */
async function untitledFor(name: string): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const home = process.env.HOME ?? process.env.USERPROFILE;
  const dir = folder ?? (home ? vscode.Uri.file(home) : undefined);
  if (!dir) return vscode.Uri.from({ scheme: 'untitled', path: name });
  const dot = name.lastIndexOf('.');
  for (let n = 1; n < 100; n++) {
    const file = vscode.Uri.joinPath(dir, n === 1 ? name : `${name.slice(0, dot)}（${n}）${name.slice(dot)}`);
    const exists = await Promise.resolve(vscode.workspace.fs.stat(file)).then(
      () => true,
      () => false,
    );
    // Only the path: the untitled scheme takes the remote authority of the window itself.
    if (!exists) return vscode.Uri.from({ scheme: 'untitled', path: file.path });
  }
  return vscode.Uri.from({ scheme: 'untitled', path: name });
}

/** `answers`: given by a test (or another extension) instead of asking. */
async function newReport(client: LanguageClient, answers?: NewReportAnswers): Promise<vscode.TextEditor | undefined> {
  const given = isAnswers(answers) ? answers : await askNewReport();
  if (!given) return undefined;
  const params: NewReportParams = { agency: given.agency, year: given.year, layout: given.layout };
  const { text } = await client.sendRequest<NewReportResult>(NEW_REPORT_REQUEST, params);
  const document = await vscode.workspace.openTextDocument(await untitledFor(newReportFileName(given)));
  const editor = await vscode.window.showTextDocument(document);
  await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), text));
  // The cursor where writing starts: the first line after 一、总体情况.
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes('（一）主动公开情况'));
  const line = lines[at];
  if (line !== undefined) {
    const end = new vscode.Position(at, line.length);
    editor.selection = new vscode.Selection(end, end);
    editor.revealRange(new vscode.Range(0, 0, at, 0));
  }
  return editor;
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
  // Errors and warnings, as the status item counts them (hints are not problems to fix); open documents included.
  const counts = countDiagnostics(vscode.languages.getDiagnostics().flatMap(([, list]) => list));
  let message = vscode.l10n.t(
    'Checked {0} files: {1} annual reports, {2} errors and {3} warnings.',
    result.checked,
    result.reports,
    counts.errors,
    counts.warnings,
  );
  if (result.skipped.length > 0)
    message += ' ' + vscode.l10n.t('{0} files could not be read (see the output channel).', result.skipped.length);
  for (const s of result.skipped) client.outputChannel.appendLine(`[xxgk] ${s.uri}: ${s.reason}`);
  const show = vscode.l10n.t('Show Problems');
  // The user ran the command: offering to open the Problems panel is not stealing focus.
  if ((await vscode.window.showInformationMessage(message, show)) === show) {
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  }
}

/** Restarts the language server (when it seems stuck); the open documents are checked again as it starts. */
async function restartServer(client: LanguageClient): Promise<void> {
  await client.restart();
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Annual report checker restarted.'), 3000);
}

/** Runs a command, reporting a failure instead of throwing into VS Code. */
function safely<A extends unknown[], R>(
  client: LanguageClient,
  run: (client: LanguageClient, ...args: A) => Promise<R>,
): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await run(client, ...args);
    } catch (error) {
      client.error(vscode.l10n.t('Command failed'), error, false);
      void vscode.window.showErrorMessage(vscode.l10n.t('The annual report checker could not complete the command: {0}', String(error)));
      return undefined;
    }
  };
}

export function registerCommands(client: LanguageClient): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('xxgk.newReport', safely(client, newReport)),
    vscode.commands.registerCommand('xxgk.checkWorkspace', safely(client, checkWorkspace)),
    vscode.commands.registerCommand('xxgk.showOutput', () => client.outputChannel.show(true)),
    vscode.commands.registerCommand('xxgk.restartServer', safely(client, restartServer)),
  ];
}
