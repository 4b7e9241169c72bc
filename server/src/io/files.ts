// Finding report files under the paths given, and writing one back safely.

import { closeSync, fsyncSync, lstatSync, openSync, readdirSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

export const REPORT_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.xxgk']);
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist']);

export type WalkEntry = { path: string } | { path: string; problem: string };

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
        if (lstatSync(p, { throwIfNoEntry: false })?.isSymbolicLink()) out.push({ path: p, problem: 'broken symbolic link' });
        else out.push({ path: p, problem: ioMessage(e) });
        continue;
      }
      if (st.isDirectory()) {
        if (!SKIP_DIRS.has(name) && !name.startsWith('.')) walk(p);
      } else if (st.isFile() && REPORT_EXTENSIONS.has(extname(name).toLowerCase()) && !name.endsWith('.expected.json')) {
        out.push({ path: p });
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
      return 'too many levels of symbolic links';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

/** Writes to a temporary file beside the target, flushes it, then renames over the target. */
export function writeAtomically(path: string, data: Uint8Array, mode: number): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.xxgk-tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', mode);
    writeSync(fd, data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    throw e;
  }
}
