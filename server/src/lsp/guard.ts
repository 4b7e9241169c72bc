// Every handler runs inside `guarded`: an exception (a malformed request, a
// bug in one adapter) is logged and answered with an empty result, and the
// server goes on answering everything else. A ResponseError is an answer a
// handler chose (e.g. RequestCancelled) and is passed on to the client.

import { ResponseError } from 'vscode-languageserver';
import type { Logger } from './log';

export function guarded<P extends unknown[], R>(
  logger: Logger,
  name: string,
  fallback: R,
  handler: (...args: P) => R | Promise<R>,
): (...args: P) => Promise<R> {
  return async (...args: P): Promise<R> => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      logger.errorOnce(`handler:${name}:${String(error)}`, `[xxgk] ${name} failed`, error);
      return fallback;
    }
  };
}
