// Integration tests that drive the real extension inside a real VS Code
// extension host. Mocha BDD; loaded by ./index.js. No sleeps: every wait is on a
// VS Code event with a timeout that fails with a message saying what was seen.
'use strict';

const assert = require('assert');
const path = require('path');
const fs = require('fs');
const vscode = require('vscode');
const { out } = require('./log');

const REPO = path.resolve(__dirname, '..', '..', '..');
// The runners open a scratch copy of test/vscode/workspace as the folder (so an
// autosave can never touch the fixtures); fall back to the fixtures themselves.
const WORKSPACE =
  vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0] && vscode.workspace.workspaceFolders[0].uri.scheme === 'file'
    ? vscode.workspace.workspaceFolders[0].uri.fsPath
    : path.resolve(__dirname, '..', 'workspace');
// The extension under test: the repo, unless the runner points elsewhere (used to
// check the harness itself against a stub extension).
const EXTENSION_DIR = process.env.XXGK_EXTENSION_DEV_PATH || REPO;
const PKG = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, 'package.json'), 'utf8'));
const EXTENSION_ID = `${PKG.publisher}.${PKG.name}`;
const LANGUAGE_ID = 'xxgk-report';
const SOURCE = 'xxgk';

const REPORT_XXGK = path.join(WORKSPACE, 'shandong-guodongban-2023.xxgk');
const REPORT_TXT = path.join(WORKSPACE, 'shandong-guodongban-2023.txt');

const OFFICIAL_TITLES = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
];

const WAIT_MS = 20_000;

// ------------------------------------------------------------------ helpers

function codeOf(d) {
  return d.code && typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

function fmtRange(r) {
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

function fmtDiags(list) {
  if (!list.length) return '  (none)';
  return list.map((d) => `  [${d.source}/${codeOf(d)}] ${fmtRange(d.range)} ${d.message.split('\n')[0]}`).join('\n');
}

/**
 * Resolve with the diagnostics of `uri` as soon as `predicate(diags)` holds,
 * checked now (unless `onlyAfterEvent`) and on every onDidChangeDiagnostics
 * event for `uri`. Rejects after `ms` with the last diagnostics seen.
 */
function waitForDiagnostics(uri, predicate, what, { ms = WAIT_MS, onlyAfterEvent = false } = {}) {
  return new Promise((resolve, reject) => {
    let sub;
    const finish = (fn, v) => {
      clearTimeout(timer);
      if (sub) sub.dispose();
      fn(v);
    };
    const timer = setTimeout(() => {
      finish(
        reject,
        new Error(
          `timed out after ${ms} ms waiting for ${what} on ${path.basename(uri.fsPath)}; diagnostics now:\n` +
            fmtDiags(vscode.languages.getDiagnostics(uri)),
        ),
      );
    }, ms);
    const check = () => {
      const diags = vscode.languages.getDiagnostics(uri);
      let ok = false;
      try {
        ok = predicate(diags);
      } catch (err) {
        finish(reject, err);
        return;
      }
      if (ok) finish(resolve, diags);
    };
    sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    if (!onlyAfterEvent) check();
  });
}

/** The 7 numeric cells of the section-三 table row whose label line matches `labelRe`. */
function rowCells(doc, labelRe) {
  let line = -1;
  for (let i = 0; i < doc.lineCount; i++)
    if (labelRe.test(doc.lineAt(i).text)) {
      line = i;
      break;
    }
  assert.ok(line >= 0, `row label ${labelRe} not found in ${path.basename(doc.uri.fsPath)}`);
  const cells = [];
  for (let i = line + 1; i < doc.lineCount && cells.length < 7; i++) {
    const m = /^(\t)(\d+)\s*$/.exec(doc.lineAt(i).text);
    if (m) cells.push({ line: i, value: Number(m[2]), range: new vscode.Range(i, 1, i, 1 + m[2].length) });
    else if (cells.length) break;
  }
  assert.strictEqual(cells.length, 7, `expected 7 numeric cells after ${labelRe}, got ${cells.length}`);
  return { labelLine: line, cells };
}

async function replace(doc, range, text) {
  const we = new vscode.WorkspaceEdit();
  we.replace(doc.uri, range, text);
  assert.ok(await vscode.workspace.applyEdit(we), `applyEdit(${fmtRange(range)} → ${text}) was refused`);
}

function atCell(d, cell) {
  return d.range.start.line === cell.line && d.range.end.line === cell.line && d.range.contains(cell.range);
}

function hoverText(hovers) {
  return (hovers || [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n')
    .trim();
}

function flattenSymbols(symbols) {
  const all = [];
  const walk = (list, depth) =>
    (list || []).forEach((s) => {
      all.push({ s, depth });
      walk(s.children, depth + 1);
    });
  walk(symbols, 0);
  return all;
}

async function openReport(file) {
  const uri = vscode.Uri.file(file);
  const opened = waitForDiagnostics(uri, () => true, 'the first diagnostics publication', { onlyAfterEvent: true });
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return { uri, doc, opened };
}

// -------------------------------------------------------------------- tests

describe('xxgk extension in a real VS Code', function () {
  /** @type {vscode.TextDocument} */ let doc;
  /** @type {vscode.Uri} */ let uri;
  let firstDiagnostics;
  let total; // the （七）总计 row's 总计 cell

  before(async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded (extensionDevelopmentPath=${EXTENSION_DIR})`);
    ({ uri, doc, opened: firstDiagnostics } = await openReport(REPORT_XXGK));
    await ext.activate();
  });

  after(async function () {
    // Never leave the fixture modified on disk (we never save, but be explicit).
    if (doc && doc.isDirty && vscode.window.activeTextEditor?.document === doc) {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('opens a .xxgk report with the xxgk-report language and activates the extension', function () {
    assert.strictEqual(doc.languageId, LANGUAGE_ID);
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID).isActive, 'extension did not activate');
  });

  it('publishes diagnostics for the unmodified report, with no sum-mismatch (its sums hold)', async function () {
    const diags = await firstDiagnostics;
    const foreign = diags.filter((d) => d.source === SOURCE && !d.code);
    assert.deepStrictEqual(foreign, [], 'xxgk diagnostics must carry the rule id as code');
    const sums = diags.filter((d) => d.source === SOURCE && codeOf(d) === 'sum-mismatch');
    assert.deepStrictEqual(
      sums.map((d) => fmtRange(d.range)),
      [],
      `unexpected sum-mismatch:\n${fmtDiags(sums)}`,
    );
  });

  it('reports sum-mismatch at the exact cell after the （七）总计 row total is changed', async function () {
    ({
      cells: [, , , , , , total],
    } = rowCells(doc, /^\t（七）总计\s*$/));
    assert.strictEqual(total.value, 3, 'fixture changed? expected （七）总计/总计 = 3');
    const versionBefore = doc.version;
    const seen = waitForDiagnostics(
      uri,
      (ds) => ds.some((d) => d.source === SOURCE && codeOf(d) === 'sum-mismatch' && atCell(d, total)),
      `a sum-mismatch diagnostic at ${fmtRange(total.range)}`,
    );
    await replace(doc, total.range, '4');
    assert.ok(doc.version > versionBefore);
    assert.strictEqual(doc.getText(total.range), '4');
    const diags = await seen;
    const d = diags.find((x) => codeOf(x) === 'sum-mismatch' && atCell(x, total));
    out(`      diagnostics at the cell:\n${fmtDiags(diags.filter((x) => atCell(x, total))).replace(/^/gm, '      ')}`);
    assert.ok(/\S/.test(d.message), 'diagnostic message is empty');
    assert.ok(d.severity <= vscode.DiagnosticSeverity.Warning, `sum-mismatch should be an error or warning, got ${d.severity}`);
  });

  it('offers a quick-fix for it; applying the fix makes every sum-mismatch disappear', async function () {
    assert.ok(total, 'previous test did not locate the cell');
    const diag = vscode.languages.getDiagnostics(uri).find((x) => codeOf(x) === 'sum-mismatch' && atCell(x, total));
    assert.ok(diag, 'no sum-mismatch at the cell to fix');

    const actions = await vscode.commands.executeCommand(
      'vscode.executeCodeActionProvider',
      uri,
      diag.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fixes = (actions || []).filter((a) => a.edit && a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
    assert.ok(
      fixes.length > 0,
      `no quick-fix with an edit; got: ${JSON.stringify((actions || []).map((a) => ({ title: a.title, kind: a.kind && a.kind.value })))}`,
    );
    const touchesCell = (a) =>
      a.edit
        .entries()
        .some(
          ([u, edits]) =>
            u.toString() === uri.toString() && edits.some((e) => e.range.intersection(total.range) && e.newText.trim() === '3'),
        );
    const fix = fixes.find(touchesCell) || fixes.find((a) => a.isPreferred) || fixes[0];
    out(
      `      quick-fixes offered: ${fixes.map((a) => JSON.stringify(a.title) + (a.isPreferred ? ' (preferred)' : '')).join(', ')}; applying ${JSON.stringify(fix.title)}`,
    );

    const gone = waitForDiagnostics(
      uri,
      (ds) => !ds.some((d) => codeOf(d) === 'sum-mismatch'),
      `all sum-mismatch diagnostics to disappear after applying "${fix.title}"`,
      { onlyAfterEvent: true },
    );
    assert.ok(await vscode.workspace.applyEdit(fix.edit), `applyEdit refused the fix "${fix.title}"`);
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments || []));
    await gone;
    assert.strictEqual(doc.getText(total.range), '3', `fix "${fix.title}" should restore the total to 3`);
  });

  it('gives Outline symbols for the six sections with their official titles', async function () {
    const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
    assert.ok(Array.isArray(symbols) && symbols.length > 0, 'no document symbols');
    // Section symbols are the top level (or, failing that, any symbol named with a section numeral).
    const sections = symbols.length >= 6 ? symbols : flattenSymbols(symbols).map((x) => x.s);
    const names = sections.map((s) => s.name);
    for (const title of OFFICIAL_TITLES) {
      assert.ok(
        names.some((n) => n.includes(title)),
        `no symbol named "${title}"; top-level symbols: ${JSON.stringify(names)}`,
      );
    }
    const six = OFFICIAL_TITLES.map((t) => sections.find((s) => s.name.includes(t)));
    const range = (s) => s.range || s.location.range;
    for (let i = 1; i < six.length; i++) {
      assert.ok(
        range(six[i]).start.isAfterOrEqual(range(six[i - 1]).start),
        `section ${OFFICIAL_TITLES[i]} starts before the previous one`,
      );
    }
    // The section-三 symbol spans its table, including the （七）总计 row; its
    // heading line is the report's own (variant) heading.
    const s3 = six[2];
    assert.ok(range(s3).contains(total.range), `section 三 range ${fmtRange(range(s3))} does not contain line ${total.line + 1}`);
    if (s3.selectionRange) {
      assert.ok(
        doc.lineAt(s3.selectionRange.start.line).text.startsWith('三、'),
        `section 三 selectionRange is not on its heading line: ${JSON.stringify(doc.lineAt(s3.selectionRange.start.line).text)}`,
      );
    }
    const s4 = six[3];
    assert.ok(!range(s4).contains(total.range), 'section 四 should not contain the section-三 table');
  });

  it('shows a hover on a section-三 row label', async function () {
    const { labelLine } = rowCells(doc, /^\t（七）总计\s*$/);
    const pos = new vscode.Position(labelLine, 3);
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, pos);
    const text = hoverText(hovers);
    assert.ok(text.length > 0, `empty hover at ${labelLine + 1}:4`);
    assert.ok(/总计/.test(text), `hover on （七）总计 does not name the row:\n${text}`);

    const r1 = rowCells(doc, /一、本年新收政府信息公开申请数量/);
    const t1 = hoverText(
      await vscode.commands.executeCommand(
        'vscode.executeHoverProvider',
        uri,
        new vscode.Position(r1.labelLine, doc.lineAt(r1.labelLine).text.indexOf('本年新收') + 1),
      ),
    );
    assert.ok(/本年新收/.test(t1), `hover on 一、本年新收… does not name the row:\n${t1}`);
  });
});

describe('a report in a plain .txt file', function () {
  it('is checked too: the same edit gives sum-mismatch at the same cell', async function () {
    const { uri, doc } = await openReport(REPORT_TXT);
    try {
      const { cells } = rowCells(doc, /^\t（七）总计\s*$/);
      const cell = cells[6];
      const seen = waitForDiagnostics(
        uri,
        (ds) => ds.some((d) => d.source === SOURCE && codeOf(d) === 'sum-mismatch' && atCell(d, cell)),
        `a sum-mismatch diagnostic at ${fmtRange(cell.range)} (languageId ${doc.languageId})`,
      );
      await replace(doc, cell.range, '5');
      await seen;
    } finally {
      if (vscode.window.activeTextEditor && vscode.window.activeTextEditor.document === doc) {
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });
});

// A published PDF (read in place from ../shared/corpus, never copied) opened
// through the 打开报告视图 command: the read-only view of what the reader read,
// checked like any report. Its real section-四 error is there; a screenshot of
// the view with its squiggles and Problems is saved as vscode-pdf-view.png.
describe('the view of a PDF report', function () {
  const PDF = path.resolve(REPO, '..', 'shared', 'corpus', 'pdf', 'hongze-2023.pdf');

  it('opens the view through the command: read-only, the report language, the real 行政复议 total error', async function () {
    if (!fs.existsSync(PDF)) this.skip();
    this.timeout(90_000);
    await vscode.commands.executeCommand('xxgk.openView', vscode.Uri.file(PDF));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    const doc = editor.document;
    assert.strictEqual(doc.uri.scheme, 'xxgk-view');
    assert.strictEqual(doc.languageId, LANGUAGE_ID);
    assert.match(doc.getText(), /一、总体情况/);
    const diags = await waitForDiagnostics(
      doc.uri,
      (ds) => ds.some((d) => codeOf(d) === 'sum-mismatch' && /行政复议/.test(d.message)),
      'the 行政复议 sum-mismatch in the PDF view',
      { ms: 60_000 },
    );
    const wrong = diags.find((d) => codeOf(d) === 'sum-mismatch' && /行政复议/.test(d.message));
    // The hover says where in the PDF.
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, wrong.range.start);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /第 4 页|page 4/);
    // Read-only: no quick-fix edits the view.
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, wrong.range);
    assert.ok(!actions.some((a) => a.edit), 'no edits offered on a read-only view');

    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: false });
    editor.revealRange(wrong.range, vscode.TextEditorRevealType.InCenter);
    const request = process.env.XXGK_SCREENSHOT_REQUEST;
    if (request) {
      const answer = await requestScreenshot(request, 45_000, 'pdf-view');
      assert.deepStrictEqual(answer.problems, [], `workbench DOM checks: ${JSON.stringify(answer)}`);
    }
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});

// Leaves the workbench in a state worth a screenshot: a squiggle in the
// section-三 table, the Problems panel and the Outline open, a hover shown.
// Runs last; the browser runner takes the screenshot after the suite settles.
describe('workbench state for the screenshot', function () {
  it('shows squiggles, Problems and Outline', async function () {
    const uri = vscode.Uri.file(REPORT_XXGK);
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const { labelLine, cells } = rowCells(doc, /^\t（七）总计\s*$/);
    const cell = cells[6];
    const seen = waitForDiagnostics(
      uri,
      (ds) => ds.some((d) => codeOf(d) === 'sum-mismatch' && atCell(d, cell)),
      'sum-mismatch for the screenshot',
    );
    if (doc.getText(cell.range) === '3') await replace(doc, cell.range, '4');
    await seen;

    // The secondary side bar (chat) only takes room; not every version has the command.
    await Promise.resolve(vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar')).catch(() => {});
    await vscode.commands.executeCommand('outline.focus');
    // Sections only, so all six fit; the Explorer's file tree is not the point here.
    await Promise.resolve(vscode.commands.executeCommand('outline.collapse')).catch(() => {});
    await Promise.resolve(vscode.commands.executeCommand('workbench.files.action.collapseExplorerFolders')).catch(() => {});
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: false });
    // The row hover (its numbers and sums) on the label; the squiggled cell stays in view below it.
    const labelPos = new vscode.Position(labelLine, 2);
    editor.selection = new vscode.Selection(labelPos, labelPos);
    editor.revealRange(new vscode.Range(labelLine - 12, 0, cell.line + 4, 0), vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.showHover');

    // Under scripts/e2e/run-vscode.mjs: ask the browser side for a screenshot
    // now (once the extension host exits its diagnostics are cleared) and wait
    // for its answer, which also reports whether squiggles/Problems/Outline were in the DOM.
    const request = process.env.XXGK_SCREENSHOT_REQUEST;
    if (request) {
      this.timeout(60_000);
      const answer = await requestScreenshot(request, 45_000);
      assert.deepStrictEqual(answer.problems, [], `workbench DOM checks: ${JSON.stringify(answer)}`);
    }
  });
});

function requestScreenshot(request, ms, name = 'workbench') {
  const done = request + '.done';
  fs.rmSync(done, { force: true }); // the answer to an earlier shot
  return new Promise((resolve, reject) => {
    let watcher;
    const finish = (fn, v) => {
      clearTimeout(timer);
      if (watcher) watcher.close();
      fn(v);
    };
    const timer = setTimeout(() => finish(reject, new Error(`no screenshot answer (${done}) within ${ms} ms`)), ms);
    const check = () => {
      if (!fs.existsSync(done)) return;
      try {
        finish(resolve, JSON.parse(fs.readFileSync(done, 'utf8')));
      } catch {
        /* partially written; next event */
      }
    };
    watcher = fs.watch(path.dirname(done), check);
    fs.writeFileSync(request + '.tmp', JSON.stringify({ at: new Date().toISOString(), name }));
    fs.renameSync(request + '.tmp', request);
    check();
  });
}

// -------------------------------------------------------------------- the tables preview and the sums in the editor

// 预览报告表格 on the one-cell-per-line report (where a clerk cannot see the
// table at all): the panel lays the tables out as the form does, marks the
// broken total, repaints after typing, and a real click in the webview (the
// browser runner clicks) selects the cell in the editor; the PDF view gets a
// preview too. Then inlay hints and code lenses on a Markdown report, the
// lens's command recomputing the totals. Screenshots: vscode-preview.png, vscode-sums.png.
describe('the tables preview, inlay hints and code lens', function () {
  const MD = fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'made', 'changchun-2023.md'), 'utf8');

  /** Resolves with the first truthy value of `probe()`, asked again every 25 ms (the panel answers no event). */
  async function until(what, probe, ms = WAIT_MS) {
    const end = Date.now() + ms;
    let last;
    for (;;) {
      last = await probe();
      if (last) return last;
      if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  const previewState = () => vscode.commands.executeCommand('xxgk._previewState');
  const paintedAt = (version) => async () => {
    const s = await previewState();
    return s && s.painted && s.painted.version === version ? s : undefined;
  };

  /** A screenshot request naming the shot, and optionally a cell for the runner to click in the preview. */
  function requestShot(request, ms, name, click) {
    const done = request + '.done';
    fs.rmSync(done, { force: true });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        watcher.close();
        reject(new Error(`no screenshot answer (${done}) within ${ms} ms`));
      }, ms);
      const check = () => {
        if (!fs.existsSync(done)) return;
        try {
          const answer = JSON.parse(fs.readFileSync(done, 'utf8'));
          clearTimeout(timer);
          watcher.close();
          resolve(answer);
        } catch {
          /* partially written; next event */
        }
      };
      const watcher = fs.watch(path.dirname(done), check);
      fs.writeFileSync(request + '.tmp', JSON.stringify({ at: new Date().toISOString(), name, click }));
      fs.renameSync(request + '.tmp', request);
      check();
    });
  }

  let doc;
  after(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('xxgk').update('inlayHints.totals', undefined, vscode.ConfigurationTarget.Global);
  });

  it('预览报告表格: the form’s layout, the broken total marked, repainted after typing; a click in the panel selects the cell', async function () {
    this.timeout(120_000);
    const nls = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, 'package.nls.zh-cn.json'), 'utf8'));
    assert.strictEqual(nls['command.showPreview.title'], '预览报告表格');
    const title = (PKG.contributes.menus['editor/title'] || []).find((m) => m.command === 'xxgk.showPreview');
    assert.ok(title && /xxgk-report/.test(title.when), 'a button in the editor title of report documents');

    const uri = vscode.Uri.file(REPORT_XXGK);
    doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
    const { cells } = rowCells(doc, /^\t（七）总计\s*$/);
    const cell = cells[6];
    const broken = waitForDiagnostics(
      uri,
      (ds) => ds.some((d) => codeOf(d) === 'sum-mismatch' && atCell(d, cell)),
      'the broken （七）总计 total',
    );
    if (doc.getText(cell.range) === '3') await replace(doc, cell.range, '4');
    await broken;

    await vscode.commands.executeCommand('xxgk.showPreview');
    let state = await until('the preview painted', paintedAt(doc.version));
    assert.strictEqual(state.uri, uri.toString());
    const at = `data-range="${cell.range.start.line},${cell.range.start.character},`;
    assert.ok(new RegExp(`class="value number total sev-error[^"]*" ${at}`).test(state.body), 'the broken total marked where it is');
    assert.match(state.body, /<th class="header" colspan="5">法人或其他组织<\/th>/, 'merged header cells');
    assert.match(state.body, /<th class="corner" colspan="3" rowspan="3"/);

    // Typing: an addend of the same row changes; the panel shows the new number.
    const addend = cells[0];
    const typedText = String(addend.value + 1);
    const t0 = Date.now();
    await replace(doc, addend.range, typedText);
    state = await until('the repaint after typing', paintedAt(doc.version));
    const { changed, posted } = state.timing;
    out(
      `      (preview repainted ${state.painted.at - t0} ms after the edit: change event +${changed - t0} ms, repaint posted +${posted - t0} ms, painted acknowledged +${state.painted.at - t0} ms)`,
    );
    assert.ok(state.body.includes(`data-range="${addend.line},1,${addend.line},${1 + typedText.length}"`), 'the typed number in the panel');
    await replace(doc, new vscode.Range(addend.line, 1, addend.line, 1 + typedText.length), String(addend.value));
    await until('the repaint after undoing', paintedAt(doc.version));

    // The editor beside the panel, the broken cell in view; the Problems panel closed to give them the room.
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    editor.revealRange(cell.range, vscode.TextEditorRevealType.InCenter);
    const request = process.env.XXGK_SCREENSHOT_REQUEST;
    if (request) {
      const selected = new Promise((resolve) => {
        const sub = vscode.window.onDidChangeTextEditorSelection((e) => {
          if (e.textEditor.document === doc && e.selections[0].isEqual(cell.range)) {
            sub.dispose();
            resolve(true);
          }
        });
      });
      const answer = await requestShot(
        request,
        60_000,
        'preview',
        `td.sev-error[data-range^="${cell.range.start.line},${cell.range.start.character},"]`,
      );
      assert.deepStrictEqual(answer.problems, [], `workbench DOM checks: ${JSON.stringify(answer)}`);
      assert.ok(answer.clicked, 'the runner clicked the marked cell');
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('the click selected nothing in the editor')), 10_000));
      await Promise.race([selected, timeout]);
      assert.ok(vscode.window.activeTextEditor.selection.isEqual(cell.range));
    }
  });

  it('the view of a PDF file gets the preview too: the panel follows the editor to it', async function () {
    const PDF = path.resolve(REPO, '..', 'shared', 'corpus', 'pdf', 'hongze-2023.pdf');
    if (!fs.existsSync(PDF)) this.skip();
    this.timeout(90_000);
    await vscode.commands.executeCommand('xxgk.openView', vscode.Uri.file(PDF));
    const view = vscode.window.activeTextEditor.document;
    assert.strictEqual(view.uri.scheme, 'xxgk-view');
    const state = await until(
      'the preview of the PDF view with its 行政复议 error marked',
      async () => {
        const s = await previewState();
        return s && s.uri === view.uri.toString() && /sev-error/.test(s.body) ? s : undefined;
      },
      60_000,
    );
    assert.match(state.body, /行政复议/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('inlay hints beside the totals, a code lens above each table; the lens recomputes every total', async function () {
    this.timeout(90_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const lines = MD.split('\n');
    const row = lines.findIndex((l) => l.startsWith('| （一）予以公开'));
    const col = lines[row].lastIndexOf('| 30 |') + 2;
    lines[row] = lines[row].slice(0, col) + '31' + lines[row].slice(col + 2);
    const md = await vscode.workspace.openTextDocument({ language: 'markdown', content: lines.join('\n') });
    const editor = await vscode.window.showTextDocument(md, { preview: false });
    await waitForDiagnostics(md.uri, (ds) => ds.some((d) => codeOf(d) === 'sum-mismatch'), 'the broken （一）予以公开 total');

    const whole = new vscode.Range(0, 0, md.lineCount, 0);
    const labels = async () =>
      ((await vscode.commands.executeCommand('vscode.executeInlayHintProvider', md.uri, whole)) || []).map((h) =>
        typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''),
      );
    assert.ok((await labels()).includes('≠ 30'), 'the broken total: what its parts add up to');
    assert.ok(
      (await labels()).every((l) => l.startsWith('≠')),
      'by default only totals that do not hold',
    );
    await vscode.workspace.getConfiguration('xxgk').update('inlayHints.totals', 'all', vscode.ConfigurationTarget.Global);
    await until('a hint beside every total', async () => (await labels()).includes('= 59 ✓'));

    const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', md.uri);
    const titles = lenses.map((l) => l.command && l.command.title);
    assert.match(titles[0], /^\d+ (处不符 · 重算合计|sums? do(es)? not hold · Recompute totals)$/);
    assert.match(titles[1], /^(合计均相符|All sums hold)$/);

    await vscode.commands.executeCommand('workbench.action.closePanel');
    editor.revealRange(new vscode.Range(lenses[0].range.start.line, 0, row + 12, 0), vscode.TextEditorRevealType.AtTop);
    editor.selection = new vscode.Selection(row, col, row, col);
    const request = process.env.XXGK_SCREENSHOT_REQUEST;
    if (request) {
      const answer = await requestShot(request, 45_000, 'sums');
      assert.deepStrictEqual(answer.problems, [], `workbench DOM checks: ${JSON.stringify(answer)}`);
    }

    const fixed = waitForDiagnostics(
      md.uri,
      (ds) => !ds.some((d) => codeOf(d) === 'sum-mismatch' || codeOf(d) === 'balance-mismatch'),
      'every sum holding after 重算合计',
      { onlyAfterEvent: true },
    );
    await vscode.commands.executeCommand(lenses[0].command.command, ...lenses[0].command.arguments);
    await fixed;
    assert.strictEqual(md.getText(), MD, 'the total is 30 again');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});

// -------------------------------------------------------------------- a new report (issue 10 §8, §9)

// 新建政府信息公开工作年度报告 answered as a user would (the browser runner types
// into the input boxes and the quick pick): the untitled document is named for
// Save, its title and statistics period filled in, hints only where something
// is left to fill in; the status item counts errors and warnings, not hints.
// Screenshot: vscode-new-report.png.
describe('a new report', function () {
  /** Hands the runner the answers for the open input boxes and waits until it has typed them. */
  function answerInputs(request, steps, ms = 45_000) {
    const done = request + '.done';
    fs.rmSync(done, { force: true });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        watcher.close();
        reject(new Error(`the runner did not answer the inputs (${done}) within ${ms} ms`));
      }, ms);
      const check = () => {
        if (!fs.existsSync(done)) return;
        try {
          const answer = JSON.parse(fs.readFileSync(done, 'utf8'));
          clearTimeout(timer);
          watcher.close();
          resolve(answer);
        } catch {
          /* partially written */
        }
      };
      const watcher = fs.watch(path.dirname(done), check);
      fs.writeFileSync(request + '.tmp', JSON.stringify({ at: new Date().toISOString(), input: steps }));
      fs.renameSync(request + '.tmp', request);
      check();
    });
  }
  const statusState = () => vscode.commands.executeCommand('xxgk._statusState');
  async function statusUntil(what, test, ms = WAIT_MS) {
    const end = Date.now() + ms;
    for (;;) {
      const s = await statusState();
      if (s && test(s)) return s;
      if (Date.now() > end) throw new Error(`timed out waiting for the status item to show ${what}; it shows ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  after(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('asks for the agency, the year and the layout; opens the report named for Save with its title and period; hints on the blanks', async function () {
    this.timeout(120_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const year = new Date().getFullYear() - 1;
    const agency = '长春市统计局';
    const name = `${agency}${year}年政府信息公开工作年度报告.md`;
    const request = process.env.XXGK_SCREENSHOT_REQUEST;
    let editor;
    if (request) {
      const running = vscode.commands.executeCommand('xxgk.newReport');
      // The agency; the year as offered (last year); the first layout, Markdown.
      const answer = await answerInputs(request, [{ type: agency }, { press: 'Enter' }, { press: 'Enter' }, { press: 'Enter' }]);
      assert.deepStrictEqual(answer.problems, [], `typing the answers: ${JSON.stringify(answer)}`);
      editor = await running;
    } else {
      editor = await vscode.commands.executeCommand('xxgk.newReport', { agency, year, layout: 'markdown' });
    }
    assert.ok(editor, 'the command opened an editor');
    const doc = editor.document;
    assert.strictEqual(doc.uri.scheme, 'untitled');
    assert.strictEqual(path.basename(doc.uri.path), name, 'the name Save will use');
    assert.strictEqual(path.dirname(doc.uri.path), vscode.workspace.workspaceFolders[0].uri.path, 'in the workspace folder');
    assert.strictEqual(doc.languageId, 'markdown', 'from the name');
    assert.strictEqual(doc.lineAt(0).text, `# ${agency}${year}年政府信息公开工作年度报告`);
    assert.match(doc.getText(), new RegExp(`统计期限自${year}年1月1日起至${year}年12月31日止`));

    const diags = await waitForDiagnostics(
      doc.uri,
      (ds) => ds.filter((d) => codeOf(d) === 'placeholder-text').length === 2,
      'the placeholder-text hints of a new report',
    );
    const blanks = [];
    for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes('（待填写）')) blanks.push(i);
    assert.deepStrictEqual(
      diags.filter((d) => codeOf(d) === 'placeholder-text').map((d) => [d.range.start.line, d.severity]),
      blanks.map((line) => [line, vscode.DiagnosticSeverity.Hint]),
      'a hint exactly where （待填写） remains',
    );
    assert.deepStrictEqual(
      diags.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning).map((d) => codeOf(d)),
      [],
      'nothing to fix in a new report',
    );
    // The status item: no errors or warnings; the hints are in its detail, not its count.
    const status = await statusUntil('no errors or warnings', (s) => /no errors or warnings|无错误和警告/.test(s.text));
    assert.match(status.detail, /^(2 hints|2 条提示) · /);
    out(`      status item: ${JSON.stringify(status.text)} — ${JSON.stringify(status.detail)}`);

    if (request) {
      await vscode.commands.executeCommand('workbench.action.closePanel');
      // Sections 二–四 (the tables) folded, so the title, 一 and the hints in 五 and 六 fit in one screen.
      const headings = [];
      for (let i = 0; i < doc.lineCount; i++) if (/^## [二三四]、/.test(doc.lineAt(i).text)) headings.push(i);
      await vscode.commands.executeCommand('editor.fold', { selectionLines: headings, levels: 1 });
      editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
      const shot = await requestScreenshot(request, 45_000, 'new-report');
      assert.deepStrictEqual(shot.problems, [], `workbench DOM checks: ${JSON.stringify(shot)}`);
    }

    // Save writes the proposed name without asking (an untitled document with an associated path); removed again.
    const target = path.join(WORKSPACE, name);
    const saved = await Promise.race([
      Promise.resolve(vscode.workspace.save(doc.uri)),
      new Promise((_, reject) => setTimeout(() => reject(new Error('Save asked for a name (a dialog?)')), 15_000)),
    ]);
    try {
      assert.ok(saved, 'saved');
      assert.strictEqual(path.basename(saved.path), name);
      assert.ok(fs.existsSync(target), `${target} written`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      fs.rmSync(target, { force: true });
    }
  });

  it('the status item counts the errors and warnings of a report, not its hints', async function () {
    const { uri, doc } = await openReport(REPORT_TXT);
    const { cells } = rowCells(doc, /^\t（七）总计\s*$/);
    const seen = waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'sum-mismatch'), 'a sum-mismatch');
    await replace(doc, cells[6].range, String(cells[6].value + 1));
    const diags = await seen;
    const errors = diags.filter((d) => d.source === SOURCE && d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = diags.filter((d) => d.source === SOURCE && d.severity === vscode.DiagnosticSeverity.Warning).length;
    const count = (n, en, zh) => new RegExp(`\\b${n} (${en}${n === 1 ? '' : 's'}|个${zh})`);
    const status = await statusUntil(`${errors} errors`, (s) => count(errors, 'error', '错误').test(s.text));
    out(`      status item: ${JSON.stringify(status.text)} (${errors} errors, ${warnings} warnings among ${diags.length} diagnostics)`);
    if (warnings > 0) assert.match(status.text, count(warnings, 'warning', '警告'));
    else assert.doesNotMatch(status.text, /warning|警告/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
