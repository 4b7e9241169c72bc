// The preview panel's HTML, made from the server's xxgk/preview structure.
// Pure (no vscode import) so a plain Node test can check it. Every text is
// escaped; the page runs only its own nonce'd script under a strict
// Content-Security-Policy and loads nothing from anywhere.

import type { PreviewCell, PreviewResult, PreviewTable } from '../../common/protocol';

/** UI strings, translated by the caller (vscode.l10n). */
export interface PreviewStrings {
  blank: string;
  unread: string;
  text: string;
  absent: string;
  total: string;
  likely: string;
  involved: string;
  written: string;
  missingTable: string;
  allHold: string;
  /** `{0}` is the number of sums that do not hold. */
  broken: string;
  reveal: string;
  legend: string;
  empty: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c); // (every character the pattern matches has an escape)
}

function format(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}

function spans(cell: PreviewCell): string {
  return `${cell.colspan && cell.colspan > 1 ? ` colspan="${cell.colspan}"` : ''}${cell.rowspan && cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : ''}`;
}

function rangeAttribute(cell: PreviewCell): string {
  const r = cell.range;
  if (!r) return '';
  return ` data-range="${[r.start.line, r.start.character, r.end.line, r.end.character].join(',')}" tabindex="0"`;
}

/** The tooltip: what the cell is, then the messages of its findings. */
function tooltip(cell: PreviewCell, s: PreviewStrings): string {
  const lines: string[] = [];
  if (cell.kind === 'value') {
    if (cell.state === 'blank') lines.push(s.blank);
    else if (cell.state === 'unread') lines.push(`${s.unread}：${cell.text}`);
    else if (cell.state === 'text') lines.push(s.text);
    else if (cell.state === 'absent') lines.push(s.absent);
    if (cell.total && cell.computed) lines.push(`${s.total} ${cell.computed}`);
  }
  if (cell.written) lines.push(`${s.written}：${cell.written}`);
  if (cell.suspect === 'likely') lines.push(s.likely);
  else if (cell.suspect === 'involved') lines.push(s.involved);
  lines.push(...(cell.messages ?? []));
  if (cell.range) lines.push(s.reveal);
  return lines.length > 0 ? ` title="${escapeHtml(lines.join('\n'))}"` : '';
}

function classes(cell: PreviewCell): string {
  const list: string[] = [cell.kind];
  if (cell.state) list.push(cell.state);
  if (cell.total) list.push('total');
  if (cell.severity) list.push(`sev-${cell.severity}`);
  if (cell.suspect) list.push(`suspect-${cell.suspect}`);
  if (cell.written) list.push('variant');
  return list.join(' ');
}

function content(cell: PreviewCell): string {
  if (cell.kind !== 'value') return escapeHtml(cell.text);
  switch (cell.state) {
    case 'unread':
      return '<span class="mark">?</span>';
    case 'absent':
      return '<span class="mark">—</span>';
    case 'blank':
      return cell.computed ? `<span class="computed">${escapeHtml(cell.computed)}</span>` : '';
    default:
      return `${escapeHtml(cell.text)}${cell.computed ? `<span class="computed">${escapeHtml(cell.computed)}</span>` : ''}`;
  }
}

function renderCell(cell: PreviewCell, s: PreviewStrings): string {
  const tag = cell.kind === 'value' ? 'td' : 'th';
  return `<${tag} class="${classes(cell)}"${spans(cell)}${rangeAttribute(cell)}${tooltip(cell, s)}>${content(cell)}</${tag}>`;
}

function renderTable(table: PreviewTable, s: PreviewStrings): string {
  const present = table.range !== undefined;
  const status = !present
    ? `<span class="badge missing">${escapeHtml(s.missingTable)}</span>`
    : table.hasSums
      ? table.broken > 0
        ? `<span class="badge broken">${escapeHtml(format(s.broken, table.broken))}</span>`
        : `<span class="badge ok">${escapeHtml(s.allHold)}</span>`
      : '';
  const heading = `<h3${table.range ? rangeAttribute({ kind: 'label', text: '', range: table.range }) : ''}>${escapeHtml(table.name)} ${status}</h3>`;
  const head = table.header.map((row) => `<tr>${row.map((c) => renderCell(c, s)).join('')}</tr>`).join('');
  const body = table.body.map((row) => `<tr>${row.map((c) => renderCell(c, s)).join('')}</tr>`).join('');
  return `<section class="table${present ? '' : ' absent-table'}" data-table="${escapeHtml(table.id)}">${heading}<table><thead>${head}</thead><tbody>${body}</tbody></table></section>`;
}

/** The panel's body: the title, a legend, and the tables under their section headings. */
export function renderPreviewBody(result: PreviewResult, s: PreviewStrings): string {
  const parts: string[] = [];
  if (result.title) parts.push(`<h1>${escapeHtml(result.title)}</h1>`);
  parts.push(`<p class="meta">${escapeHtml(result.format)} · ${escapeHtml(s.legend)}</p>`);
  if (result.tables.length === 0) parts.push(`<p>${escapeHtml(s.empty)}</p>`);
  let section = -1;
  for (const table of result.tables) {
    if (table.section !== section) {
      section = table.section;
      parts.push(`<h2>${escapeHtml(table.sectionTitle)}</h2>`);
    }
    parts.push(renderTable(table, s));
  }
  return parts.join('\n');
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 24px; }
h1 { font-size: 1.3em; margin: 12px 0 4px; }
h2 { font-size: 1.1em; margin: 20px 0 6px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border)); padding-bottom: 2px; }
h3 { font-size: 1em; font-weight: 600; margin: 12px 0 4px; }
h3[data-range] { cursor: pointer; }
.meta { color: var(--vscode-descriptionForeground); margin: 0 0 8px; }
table { border-collapse: collapse; margin-bottom: 8px; }
th, td { border: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border, #8884)); padding: 2px 6px; }
th { font-weight: normal; text-align: left; background: var(--vscode-editorWidget-background, transparent); }
thead th { text-align: center; font-weight: 600; }
th.corner { font-size: 0.9em; color: var(--vscode-descriptionForeground); max-width: 16em; }
th.caption { text-align: left; }
th.group { vertical-align: middle; text-align: center; max-width: 7em; }
th.label { min-width: 8em; max-width: 28em; }
th.variant { font-style: italic; }
td { text-align: right; font-family: var(--vscode-editor-font-family); min-width: 2.5em; white-space: nowrap; }
td.total { font-weight: 600; }
td.blank { background: repeating-linear-gradient(135deg, transparent 0 4px, var(--vscode-editorWidget-border, #8883) 4px 5px); }
td.absent, td.unread, td.text { color: var(--vscode-descriptionForeground); }
td.unread .mark { color: var(--vscode-editorWarning-foreground); font-weight: 700; }
td.text { font-style: italic; font-family: var(--vscode-font-family); }
.computed { margin-left: 4px; font-size: 0.85em; color: var(--vscode-editorError-foreground); }
.sev-error { background: var(--vscode-inputValidation-errorBackground, #f002); outline: 2px solid var(--vscode-editorError-foreground); outline-offset: -2px; }
.sev-warning { outline: 2px solid var(--vscode-editorWarning-foreground); outline-offset: -2px; }
.sev-info, .sev-hint { text-decoration: underline dotted var(--vscode-editorInfo-foreground); }
.suspect-likely { outline: 2px dashed var(--vscode-editorError-foreground); outline-offset: -2px; background: var(--vscode-inputValidation-errorBackground, #f002); }
.suspect-involved { background: color-mix(in srgb, var(--vscode-editorError-foreground) 10%, transparent); }
[data-range] { cursor: pointer; }
[data-range]:hover, [data-range]:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.selected { box-shadow: inset 0 0 0 2px var(--vscode-focusBorder); }
.badge { font-weight: normal; font-size: 0.85em; padding: 0 6px; border-radius: 8px; margin-left: 6px; }
.badge.broken { color: var(--vscode-editorError-foreground); border: 1px solid var(--vscode-editorError-foreground); }
.badge.ok { color: var(--vscode-testing-iconPassed, var(--vscode-descriptionForeground)); border: 1px solid currentColor; }
.badge.missing { color: var(--vscode-editorWarning-foreground); border: 1px solid currentColor; }
.absent-table table { opacity: 0.6; }
`;

// Posts the cell's range on click or Enter; replaces the body on update (no reload, so the scroll stays).
const SCRIPT = `
const vscode = acquireVsCodeApi();
const root = document.getElementById('root');
let selected;
function reveal(el) {
  const r = el.dataset.range.split(',').map(Number);
  if (selected) selected.classList.remove('selected');
  selected = el; el.classList.add('selected');
  vscode.postMessage({ type: 'reveal', range: { start: { line: r[0], character: r[1] }, end: { line: r[2], character: r[3] } } });
}
root.addEventListener('click', (e) => { const el = e.target.closest('[data-range]'); if (el) reveal(el); });
root.addEventListener('keydown', (e) => { if (e.key === 'Enter') { const el = e.target.closest('[data-range]'); if (el) reveal(el); } });
window.addEventListener('message', (e) => {
  const m = e.data;
  if (m && m.type === 'update' && typeof m.html === 'string') { root.innerHTML = m.html; selected = undefined; vscode.postMessage({ type: 'painted', version: m.version }); }
  if (m && m.type === 'scroll' && typeof m.line === 'number') {
    // The first table row at or below the editor's top line comes to the top of the panel.
    for (const el of root.querySelectorAll('tr [data-range], h3[data-range]')) {
      if (Number(el.dataset.range.split(',')[0]) >= m.line) { (el.closest('tr') || el).scrollIntoView({ block: 'start' }); break; }
    }
  }
});
vscode.postMessage({ type: 'painted', version: Number(root.dataset.version) });
// Which document this shows, kept by VS Code across a reload (the extension's serializer restores the panel).
if (root.dataset.uri) vscode.setState({ uri: root.dataset.uri });
`;

/** The whole page. `cspSource` is the webview's own origin; nothing else may load. */
export function renderPreviewPage(options: {
  nonce: string;
  cspSource: string;
  body: string;
  version: number;
  lang: string;
  title: string;
  /** The previewed document, remembered by the webview for a window reload. */
  documentUri?: string;
}): string {
  const { nonce, cspSource, body, version, lang, title } = options;
  const uri = options.documentUri ? ` data-uri="${escapeHtml(options.documentUri)}"` : '';
  const csp = `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${cspSource}; font-src ${cspSource};`;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<div id="root" data-version="${version}"${uri}>${body}</div>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}
