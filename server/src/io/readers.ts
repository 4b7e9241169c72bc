// Which reader a file needs, and reading it: text and Markdown decoded as
// they are, web pages through the HTML reader, Word files and PDFs through
// their readers — bundles of their own, loaded the first time such a file is
// met, so the editor and a run over text files never load pdf.js.
//
// The form is told by the file's first bytes before its extension: a PDF
// saved as .txt, or a Word file named .html, is still read for what it is.
// A web archive (.mht) is read as the page it holds, and is never written
// back: it has no `decoded`, the text --fix would re-encode.

import { extname, join } from 'node:path';
import { readText, TextIndex, type ReadDocument, type ReadProblem } from '../engine';
import { readHtml } from '../engine/read/html';
import { decode, DecodeError, type Decoded } from './encoding';
import { ARCHIVE_EXTENSIONS, DOCX_EXTENSIONS, HTML_EXTENSIONS, PDF_EXTENSIONS } from './files';
import { decodeHtml } from './html-charset';
import { isWebArchive, readWebArchive } from './mhtml';

/** The reader a file needs: a form of the engine, or a web archive (its page read as HTML). */
export type FileForm = ReadDocument['form'] | 'mhtml';

/** A file read into the one shape every form gives. */
export interface ReadFile {
  doc: ReadDocument;
  /** Text forms: how the bytes were decoded, so `--fix` can write the same encoding back. */
  decoded?: Decoded;
  /** Forms whose anchors are offsets into a decoded source (text, HTML): its lines, for `line:col`. */
  sourceIndex?: TextIndex;
  /** A web archive (.mht): its page read as HTML, the file itself never rewritten. */
  archive?: true;
}

const startsWith = (bytes: Uint8Array, magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The reader a file needs: by its first bytes, then by its extension. `%PDF-` may follow junk within the first KB (the PDF standard allows it). */
export function formOf(path: string, bytes: Uint8Array): FileForm {
  // MIME headers at the very start (no page, text or PDF begins so): a web archive, whatever its name.
  if (isWebArchive(bytes)) return 'mhtml';
  if (startsWith(bytes, PDF_MAGIC) || Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-')) return 'pdf';
  // A zip, or an OLE compound file (an old binary .doc, or an encrypted .docx): the Word reader tells which.
  if (startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, OLE_MAGIC)) return 'docx';
  const ext = extname(path).toLowerCase();
  if (ARCHIVE_EXTENSIONS.has(ext)) return 'mhtml'; // no MIME header: the archive reader says so
  if (DOCX_EXTENSIONS.has(ext)) return 'docx'; // not a zip: the reader says so
  if (PDF_EXTENSIONS.has(ext)) return 'pdf'; // no %PDF- header: the reader says so
  if (HTML_EXTENSIONS.has(ext)) return 'html';
  return ext === '.md' || ext === '.markdown' ? 'markdown' : 'text';
}

type DocxModule = { readDocx: (bytes: Uint8Array) => ReadDocument };
type PdfModule = { readPdf: (bytes: Uint8Array, host: unknown) => Promise<ReadDocument> };
type PdfHostModule = { nodePdfHost: (cmapDir: string) => unknown };

// The reader bundles sit in server/out/readers/ — beside the CLI's bundle, or this module's own bundle there
// (the language server loads it for a workspace check). `require` of a computed path is left to run time.
const READERS_DIR = /[\\/]readers$/.test(__dirname) ? __dirname : join(__dirname, 'readers');
const loadReader = <T>(name: string): T => require(join(READERS_DIR, `${name}.js`)) as T;
let docxModule: DocxModule | undefined;
let pdfModule: PdfModule | undefined;

/** Reads one file's bytes in the form they are; a problem the reader met is in `doc.problems`, never thrown. */
export async function readFileBytes(path: string, bytes: Uint8Array): Promise<ReadFile> {
  const form = formOf(path, bytes);
  switch (form) {
    case 'docx': {
      docxModule ??= loadReader<DocxModule>('docx');
      return { doc: docxModule.readDocx(bytes) };
    }
    case 'pdf': {
      pdfModule ??= loadReader<PdfModule>('pdf');
      const host = loadReader<PdfHostModule>('pdf-host').nodePdfHost(join(READERS_DIR, '..', 'cmaps'));
      return { doc: await pdfModule.readPdf(bytes, host) };
    }
    case 'mhtml': {
      const page = readWebArchive(bytes);
      // Line:col are the reading text's (the report view's), as for Word files and PDFs: the page's source is not the file.
      return { doc: page.ok ? readHtml(page.html) : unreadable(page.problem), archive: true };
    }
    case 'html': {
      const decoded = decodeHtml(bytes);
      return { doc: readHtml(decoded.text), decoded, sourceIndex: new TextIndex(decoded.text) };
    }
    case 'text':
    case 'markdown': {
      const decoded = decode(bytes);
      return { doc: readText(decoded.text, form), decoded };
    }
  }
}

/** A document with no text and the problem that says why (the CLI reports the file as unreadable). */
function unreadable(problem: ReadProblem): ReadDocument {
  const at = () => ({ kind: 'offset', offset: 0 }) as const;
  return { form: 'html', text: '', anchorAt: at, anchorEnd: at, problems: [problem], editable: false };
}

export { DecodeError };
