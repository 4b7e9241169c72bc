// @ts-check
// The built bundles (`npm run build`, server/out/) the tests run against, each typed with the types of the
// source it is built from, so `tsc -p tsconfig.tests.json` checks the tests against the engine's source.
// Paths are joined at run time on purpose: tsc then never reads server/out/ (the check does not depend on
// a build, nor on how esbuild lays out its CommonJS).
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const require = createRequire(import.meta.url);
/** @param {string} path relative to server/out/ */
const load = (path) => require(join(ROOT, 'server', 'out', path));

/** The pure engine (server/out/engine.js, from server/src/engine/index.ts). */
export const engine = /** @type {typeof import('../../server/src/engine/index.ts')} */ (load('engine.js'));

/**
 * The readers, each its own bundle as the server loads them: loaded the first time a test asks (pdf.js is large).
 * `files`: reading files of any form from bytes (server/src/io/readers.ts); `html`: the HTML reader and writer
 * (server/src/engine/read/html-module.ts); `docx`, `pdf`: the Word and PDF readers (server/src/engine/read/);
 * `pdfHost`: the PDF reader's file-system host (server/src/io/pdf-host.ts).
 */
export const readers = {
  /** @returns {typeof import('../../server/src/io/readers.ts')} */
  get files() {
    return load('readers/files.js');
  },
  /** @returns {typeof import('../../server/src/engine/read/html-module.ts')} */
  get html() {
    return load('readers/html.js');
  },
  /** @returns {typeof import('../../server/src/engine/read/docx.ts')} */
  get docx() {
    return load('readers/docx.js');
  },
  /** @returns {typeof import('../../server/src/engine/read/pdf.ts')} */
  get pdf() {
    return load('readers/pdf.js');
  },
  /** @returns {typeof import('../../server/src/io/pdf-host.ts')} */
  get pdfHost() {
    return load('readers/pdf-host.js');
  },
};
