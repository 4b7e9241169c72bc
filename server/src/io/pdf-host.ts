// What the PDF reader needs from the file system: the packed CMaps pdf.js
// looks up by name (a PDF whose Chinese font is not embedded has no text
// without them). They ship in a folder beside the bundle (server/out/cmaps/).
// And zlib's one-shot inflate, which pdf.js's streams go through here (much
// quicker in Node than its DecompressionStream).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, inflateSync } from 'node:zlib';
import type { PdfHost } from '../engine/read/pdf';

/** CMap names are plain file names (`UniGB-UCS2-H`); anything else is refused, never turned into a path. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A host reading `<cmapDir>/<name>.bcmap` (and, when given, standard fonts from `fontDir`). */
export function nodePdfHost(cmapDir: string, fontDir?: string): PdfHost {
  const cache = new Map<string, Uint8Array>();
  const load = (dir: string, file: string): Uint8Array => {
    if (!SAFE_NAME.test(file) || file.includes('..')) throw new Error(`refused file name ${JSON.stringify(file)}`);
    const path = join(dir, file);
    let data = cache.get(path);
    if (!data) {
      data = new Uint8Array(readFileSync(path));
      cache.set(path, data);
    }
    return data.slice(); // pdf.js may take over what it is given
  };
  const host: PdfHost = {
    loadCMap: (name) => load(cmapDir, `${name}.bcmap`),
    // throws on truncated or damaged data, as DecompressionStream fails: pdf.js then inflates what it can itself;
    // a copy, never a view of Buffer's shared pool (pdf.js may transfer what it is given)
    inflate: (data, format) =>
      format === 'deflate'
        ? new Uint8Array(inflateSync(data))
        : format === 'brotli'
          ? new Uint8Array(brotliDecompressSync(data))
          : undefined,
  };
  if (fontDir !== undefined) host.loadStandardFont = (filename) => load(fontDir, filename);
  return host;
}
