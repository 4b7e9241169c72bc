// The one shape every reader produces. A reader turns one input form (text,
// Markdown, a web page, a Word file, a PDF) into a *reading text* — the lines
// the recognisers understand, table rows as TAB-separated cells — and a map
// from every reading offset back to where that character came from in the
// input. Recognition, the model and the checks only ever see the reading
// text, so they cannot depend on the form; shells (CLI, server) use the map
// to show a location in the file as the user has it.
//
// Pure: no file system, no node: modules.

/** The input forms the engine reads. */
export type ReadForm = 'text' | 'markdown' | 'html' | 'docx' | 'pdf';

/**
 * Where a reading-text character came from.
 * - `offset`: a character offset into the decoded source text (text, Markdown, HTML).
 * - `docx`: a character offset into one XML part of the package (`word/document.xml`),
 *   with the table/row/cell (1-based) or paragraph (1-based, body paragraphs outside tables) it sits in.
 * - `doc`: a character position (CP) in an old binary Word file's main document, with the table/row/cell or
 *   paragraph it sits in, numbered as `docx` numbers them.
 * - `pdf`: a page (1-based) and the top-left of the text item in PDF user space, y measured from the page top.
 */
export type SourceAnchor =
  | { kind: 'offset'; offset: number }
  | { kind: 'docx'; part: string; offset: number; paragraph?: number; table?: number; row?: number; cell?: number }
  | { kind: 'doc'; cp: number; paragraph?: number; table?: number; row?: number; cell?: number }
  | { kind: 'pdf'; page: number; x: number; y: number };

/**
 * The line a reader writes for a picture standing on its own (a web page's or Word file's `<img>`/drawing outside any
 * table): a table published as a picture is then seen where it stands, and said to be unreadable rather than missing.
 * The alternative text, when the page gives one, after a colon.
 */
export function imageLine(alt = ''): string {
  const words = alt.replace(/\s+/g, ' ').trim().slice(0, 40);
  return words ? `[图片：${words}]` : '[图片]';
}

/** Something a reader could not read, said once for the whole input (never a crash). */
export interface ReadProblem {
  /** Stable code, e.g. `no-text-layer`, `encrypted`, `corrupt`, `not-a-report-form`. */
  code: string;
  message: { zh: string; en: string };
}

export interface ReadDocument {
  form: ReadForm;
  /** What the recognisers read: lines; a table row as one line of TAB-separated cells. */
  text: string;
  /** Where the reading character at `offset` came from (defined for 0 … text.length). */
  anchorAt(offset: number): SourceAnchor;
  /** Where a range of the reading text that ends at `offset` ends in the source (the end of the character before it). */
  anchorEnd(offset: number): SourceAnchor;
  /** Whole-input problems: an empty text with a problem is an honest "cannot read", not "not a report". */
  problems: ReadProblem[];
  /** Whether the source is the reading text itself, so a fix to the reading text is a fix to the file. */
  editable: boolean;
}

/** The reader of text and Markdown: the text is its own reading text; the map is the identity. */
export function readText(text: string, form: 'text' | 'markdown' = 'text'): ReadDocument {
  const at = (offset: number): SourceAnchor => ({ kind: 'offset', offset: Math.max(0, Math.min(offset, text.length)) });
  return { form, text, anchorAt: at, anchorEnd: at, problems: [], editable: true };
}

/** A location a person can use for an anchor that is not a text offset (for PDF and .docx; text and HTML use line:col). */
export function describeAnchor(anchor: SourceAnchor, locale: 'zh' | 'en'): string {
  const zh = locale === 'zh';
  switch (anchor.kind) {
    case 'offset':
      return zh ? `第 ${anchor.offset} 个字符` : `character ${anchor.offset}`;
    case 'pdf':
      return zh ? `第 ${anchor.page} 页` : `page ${anchor.page}`;
    case 'docx':
    case 'doc':
      if (anchor.table !== undefined) {
        const cell =
          anchor.row !== undefined
            ? (zh ? ` 第 ${anchor.row} 行` : `, row ${anchor.row}`) +
              (anchor.cell !== undefined ? (zh ? `第 ${anchor.cell} 列` : `, column ${anchor.cell}`) : '')
            : '';
        return zh ? `表 ${anchor.table}${cell}` : `table ${anchor.table}${cell}`;
      }
      if (anchor.paragraph !== undefined) return zh ? `第 ${anchor.paragraph} 段` : `paragraph ${anchor.paragraph}`;
      if (anchor.kind === 'doc') return zh ? `第 ${anchor.cp + 1} 个字符` : `character ${anchor.cp + 1}`;
      return anchor.part;
  }
}
