// Finding report files under the paths given, and writing one back safely.

import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fsyncSync,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

export const TEXT_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.xxgk']);
export const HTML_EXTENSIONS = new Set(['.html', '.htm', '.shtml']);
/** Web archives ("single file web page" of IE, Edge, Chrome, WPS and Word): the page they hold is read. */
export const ARCHIVE_EXTENSIONS = new Set(['.mht', '.mhtml']);
export const DOCX_EXTENSIONS = new Set(['.docx']);
export const PDF_EXTENSIONS = new Set(['.pdf']);
/** Old binary Word files: read for what their first bytes say (an OLE file by the Word reader; an HTML or text file saved as .doc as such). */
export const DOC_EXTENSIONS = new Set(['.doc']);
/** Forms met in a report folder that cannot be read: listed with why, not passed over in silence. */
export const UNSUPPORTED_EXTENSIONS = new Set(['.wps']);
/** What a directory walk collects. */
export const REPORT_EXTENSIONS = new Set([
  ...TEXT_EXTENSIONS,
  ...HTML_EXTENSIONS,
  ...ARCHIVE_EXTENSIONS,
  ...DOCX_EXTENSIONS,
  ...PDF_EXTENSIONS,
  ...DOC_EXTENSIONS,
  ...UNSUPPORTED_EXTENSIONS,
]);
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist']);

/** A file to check, a path that could not be read (`problem`), or a FIFO, socket or device met in a walk (`special`: what it is). */
export type WalkEntry = { path: string } | { path: string; problem: string } | { path: string; special: string };

/**
 * Files to check: named files as given; directories walked for report
 * extensions. Symbolic links to directories are followed once each
 * (by real path), so a loop cannot hang the walk.
 */
export function collectFiles(paths: string[]): WalkEntry[] {
  const out: WalkEntry[] = [];
  const seenDirs = new Set<string>();
  const walk = (dir: string) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (e) {
      out.push({ path: dir, problem: ioMessage(e) });
      return;
    }
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (e) {
      out.push({ path: dir, problem: ioMessage(e) });
      return;
    }
    for (const name of names) {
      const p = join(dir, name);
      let st;
      try {
        st = statSync(p);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException)?.code;
        if (code === 'ENOENT' && lstatSync(p, { throwIfNoEntry: false })?.isSymbolicLink())
          out.push({ path: p, problem: 'broken symbolic link' });
        else out.push({ path: p, problem: ioMessage(e) });
        continue;
      }
      if (st.isDirectory()) {
        if (!SKIP_DIRS.has(name) && !name.startsWith('.')) walk(p);
      } else if (REPORT_EXTENSIONS.has(extname(name).toLowerCase()) && !name.endsWith('.expected.json')) {
        // A FIFO, socket or device with a report's name: reading it could block or never end.
        out.push(st.isFile() ? { path: p } : { path: p, special: kindOf(st) });
      }
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      out.push({ path: p, problem: ioMessage(e) });
      continue;
    }
    if (st.isDirectory()) walk(p);
    else out.push({ path: p });
  }
  return out;
}

export function ioMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'symbolic-link loop (too many levels of symbolic links)';
    case 'ENOTDIR':
      return 'not a directory';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EFBIG':
      return 'file too large for the file system or the process limit';
    case 'EEXIST':
      return 'file already exists';
    case 'EIO':
      return 'input/output error';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

function kindOf(st: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

export class TooLargeError extends Error {}

/**
 * Reads a path given on the command line. A regular file is read whole
 * (callers check its size first); anything else that can be read — a FIFO,
 * `/dev/stdin`, a shell's `<(…)` — is read until end of input but never past
 * `maxBytes`, so `/dev/zero` cannot exhaust memory.
 */
export function readInput(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw new TooLargeError(`more than ${maxBytes / 1048576} MB, not checked`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** What a file looked like when it was read: writing back checks it has not changed since. */
export interface FileIdentity {
  size: number;
  mtimeMs: number;
  ino: number;
  uid: number;
  gid: number;
  mode: number;
}

export function identityOf(st: { size: number; mtimeMs: number; ino: number; uid: number; gid: number; mode: number }): FileIdentity {
  return { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, uid: st.uid, gid: st.gid, mode: st.mode & 0o7777 };
}

/** The name of the temporary file `writeAtomically` uses beside `path` (hidden, per process). */
export function temporaryName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.xxgk-tmp`);
}

/**
 * Replaces a file's content without ever leaving it half-written: writes a
 * temporary file beside it (same directory, so the same file system),
 * flushes it to disk, and renames it over the original, which is the one
 * atomic step. If anything fails before the rename the original is untouched
 * and the temporary file is removed.
 *
 * - A symbolic link is followed: the file it points to is replaced and the
 *   link stays a link.
 * - The file's permission bits are kept, and its owner and group when the
 *   process may set them (running as root); a file the user cannot write
 *   (read-only) is refused rather than replaced, as an editor would.
 * - `expected`: the file as it was when read; if it changed since (another
 *   program saved it meanwhile), nothing is written.
 */
export function writeAtomically(path: string, data: Uint8Array, expected: FileIdentity): void {
  const target = realpathSync(path);
  const now = statSync(target);
  if (!now.isFile()) throw new Error('not a regular file; not written');
  if (now.size !== expected.size || now.mtimeMs !== expected.mtimeMs || now.ino !== expected.ino) {
    throw new Error('the file changed while it was being checked; not written');
  }
  // Read-only for everyone is a choice the user made, respected even by root.
  if ((now.mode & 0o222) === 0) throw new Error('file is read-only');
  try {
    accessSync(target, constants.W_OK);
  } catch {
    throw new Error('file is read-only for this user');
  }
  const tmp = temporaryName(target);
  let fd: number | undefined;
  let created = false;
  try {
    fd = openSync(tmp, 'wx', 0o600);
    created = true;
    fchmodSync(fd, expected.mode); // exactly the original bits, whatever the umask
    if (process.getuid?.() === 0 && (fstatSync(fd).uid !== expected.uid || fstatSync(fd).gid !== expected.gid)) {
      try {
        fchownSync(fd, expected.uid, expected.gid);
      } catch {
        // keep the new owner rather than fail the fix
      }
    }
    // writeSync may write less than asked (a file-size limit, a full disk): loop until all is written,
    // so the failure shows as an error here — never as a truncated file renamed over the original.
    for (let written = 0; written < data.length;) {
      const n = writeSync(fd, data, written, data.length - written);
      if (n <= 0) throw new Error('short write');
      written += n;
    }
    if (fstatSync(fd).size !== data.length) throw new Error('short write');
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, target);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    if (created) {
      try {
        unlinkSync(tmp);
      } catch {
        // already gone
      }
    }
    throw e;
  }
  // Make the rename itself durable; a failure here cannot undo it, so it is not reported.
  try {
    const dir = openSync(dirname(target), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // some file systems do not sync directories
  }
}
