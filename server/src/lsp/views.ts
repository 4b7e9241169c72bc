// View documents: a PDF, a Word file or a web archive (.mht) shown in the
// editor as its reading text (read-only), checked like any report. The server
// reads the file when the client asks for the view (xxgk/view), keeps what the
// reader made of it — the anchors back to pages and table cells — and answers
// hovers with the place in the file ("第 3 页", "表 2 第 5 行第 7 列").

import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeAnchor, TextIndex, type Locale, type Position, type ReadDocument } from '../engine';
import { VIEW_SCHEME, type ViewParams, type ViewResult } from '../../../common/protocol';

type FilesModule = typeof import('../io/readers');
let filesModule: FilesModule | undefined;
/** The file readers as a bundle of their own (server/out/readers/files.js), loaded for the first view or workspace check. */
export function fileReaders(): FilesModule {
  filesModule ??= require(join(__dirname, 'readers', 'files.js')) as FilesModule;
  return filesModule;
}

const MAX_VIEW_BYTES = 64 * 1024 * 1024;
/** Views whose reading is kept for hovers. */
const MAX_KEPT = 32;

export function isViewUri(uri: string): boolean {
  return uri.startsWith(`${VIEW_SCHEME}:`);
}

/** file:///a/b.pdf ⇄ xxgk-view:///a/b.pdf */
export function viewUriOf(fileUri: string): string {
  return isViewUri(fileUri) ? fileUri : VIEW_SCHEME + fileUri.slice(fileUri.indexOf(':'));
}

export function fileUriOf(viewUri: string): string {
  return isViewUri(viewUri) ? 'file' + viewUri.slice(viewUri.indexOf(':')) : viewUri;
}

/** Extensions whose files are shown through a view. */
export function needsView(uri: string): boolean {
  return /\.(pdf|docx|doc|wps|mht|mhtml)$/i.test(uri.split(/[?#]/)[0] ?? uri);
}

/** One key for the spellings of a view URI (`xxgk-view:/a/b.pdf` from VS Code, `xxgk-view:///a/b.pdf` from us). */
function keyOf(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

export class Views {
  private readonly docs = new Map<string, { doc: ReadDocument; index: TextIndex }>();

  /** Reads the file behind a view (again, if asked again: the file may have changed). */
  async read(params: ViewParams, locale: Locale): Promise<ViewResult> {
    const fileUri = fileUriOf(params.uri);
    const viewUri = viewUriOf(fileUri);
    const path = fileURLToPath(fileUri);
    if ((await stat(path)).size > MAX_VIEW_BYTES) throw new Error(`file too large (more than ${MAX_VIEW_BYTES / 1048576} MB)`);
    const read = await fileReaders().readFileBytes(path, await readFile(path));
    const doc = read.doc;
    const key = keyOf(viewUri);
    this.docs.delete(key);
    this.docs.set(key, { doc, index: new TextIndex(doc.text) });
    // Kept after the view closes (an editor closes and reopens a document to change its language); the oldest go first.
    while (this.docs.size > MAX_KEPT) this.docs.delete(this.docs.keys().next().value as string);
    return { viewUri, text: doc.text, form: doc.form, problems: doc.problems.map((p) => p.message[locale]) };
  }

  /** The place in the file of a position of its view, in words; undefined for documents that are not views. */
  placeOf(viewUri: string, position: Position, locale: Locale): string | undefined {
    const entry = this.docs.get(keyOf(viewUri));
    if (!entry) return undefined;
    const anchor = entry.doc.anchorAt(entry.index.offsetAt(position));
    return anchor.kind === 'offset' ? undefined : describeAnchor(anchor, locale);
  }
}
