// Logging to the client's output channel (the connection console): never a
// window message, so nothing steals focus. `once` keeps a repeating failure
// (one broken check, re-run on every keystroke) to a single line.

import type { RemoteConsole } from 'vscode-languageserver';

const MAX_KEYS = 1000;

export class Logger {
  private readonly seen = new Set<string>();

  constructor(private readonly console: RemoteConsole) {}

  info(message: string): void {
    this.console.info(message);
  }

  warn(message: string): void {
    this.console.warn(message);
  }

  error(message: string, error?: unknown): void {
    this.console.error(error === undefined ? message : `${message}: ${describeError(error)}`);
  }

  /** Logs an error the first time `key` is seen; later calls are silent. */
  errorOnce(key: string, message: string, error?: unknown): void {
    if (this.seen.has(key)) return;
    // Keys may carry a URI or an error message: bound the set so a long session cannot grow it without end.
    if (this.seen.size >= MAX_KEYS) this.seen.clear();
    this.seen.add(key);
    this.error(message, error);
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
