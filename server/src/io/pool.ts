// Every core for a folder of reports: tasks handed to worker threads running
// the same bundle, results given back in task order whatever the scheduling
// (so output is stable), a time limit per task (a file that hangs its worker
// is reported as timed out, the worker replaced, the run goes on), and a
// worker that dies takes only its current task with it. This thread may check
// small files itself while it waits (`local`): on two cores, one worker and
// this thread together use both, where two workers would compete with it.

import { Worker, parentPort } from 'node:worker_threads';

/** Old-generation limit of a worker thread (XXGK_WORKER_HEAP_MB overrides): enough for a 64 MB file's reading. */
const WORKER_HEAP_MB = Math.max(64, Number(process.env.XXGK_WORKER_HEAP_MB) || 224);

/**
 * Tasks sent ahead to each worker, so that it never waits for this thread to
 * hand it the next one (this thread may be checking a file of its own).
 */
const DEPTH = 4;

/** This thread works at most this far ahead of the oldest result not yet given back (memory stays bounded). */
const LOCAL_WINDOW = 256;

export interface PoolOptions<T, R> {
  /** The script the workers run (this bundle). */
  script: string;
  /** Passed to every worker as `workerData`. */
  workerData: unknown;
  /** Worker threads (at least 1). */
  jobs: number;
  /** Per task on a worker; the worker is terminated and replaced when a task takes longer. */
  timeoutMs: number;
  /** The result of a task whose worker timed out or died. */
  failed: (task: T, why: 'timeout' | 'crash', detail: string) => R;
  /** Called as tasks finish (in any order): for a progress line. */
  progress?: (done: number, total: number) => void;
  /**
   * Tasks this thread may do itself, between results, with no time limit —
   * so only tasks whose cost is bounded (a small text file, not a PDF).
   */
  local?: { accepts: (task: T) => boolean; compute: (task: T) => Promise<R> };
}

interface Slot {
  worker: Worker;
  /** Indices sent and not yet answered, in the order sent (a worker does them one at a time, in order). */
  sent: number[];
  /** The time limit of the first of `sent`, which the worker is doing now. */
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** Runs `tasks` on `jobs` workers (and here, for `local` tasks); yields each result in task order, as soon as it and all before it are done. */
export async function* runPool<T, R>(tasks: readonly T[], options: PoolOptions<T, R>): AsyncGenerator<R> {
  const results = new Map<number, R>();
  /** The next task nobody has taken. */
  let next = 0;
  /** Tasks for the workers only: passed over by this thread, or taken back from a worker that was replaced. */
  const forWorkers: number[] = [];
  let done = 0;
  let emitted = 0;
  let wake: (() => void) | undefined;
  const settle = (index: number, result: R) => {
    if (results.has(index)) return;
    results.set(index, result);
    done++;
    options.progress?.(done, tasks.length);
    wake?.();
  };
  const slots: Slot[] = [];
  const remaining = () => forWorkers.length > 0 || next < tasks.length;
  const takeForWorker = (): number | undefined => (forWorkers.length > 0 ? forWorkers.shift() : next < tasks.length ? next++ : undefined);

  const startTimer = (slot: Slot) => {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    const index = slot.sent[0];
    if (index === undefined) return;
    slot.timer = setTimeout(() => {
      if (slot.sent[0] !== index) return;
      slot.sent.shift();
      settle(
        index,
        options.failed(
          tasks[index] as T,
          'timeout',
          options.timeoutMs >= 1000 ? `${Math.round(options.timeoutMs / 1000)} s` : `${options.timeoutMs} ms`,
        ),
      );
      replace(slot);
    }, options.timeoutMs);
  };

  const start = (): Slot => {
    const slot: Slot = {
      // A bounded old generation: each worker collects before its heap outgrows its share (a folder of PDFs kept
      // every worker near 200 MB); a file that needs more is that file's error, and the worker is replaced.
      worker: new Worker(options.script, { workerData: options.workerData, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } }),
      sent: [],
      timer: undefined,
    };
    slot.worker.on('message', (message: { index: number; result: R } | { ready: true }) => {
      // A worker is fed once it has loaded: its start-up is not counted against its first file's time.
      if ('ready' in message) return feed(slot);
      const at = slot.sent.indexOf(message.index);
      if (at >= 0) slot.sent.splice(at, 1);
      settle(message.index, message.result);
      startTimer(slot);
      feed(slot);
    });
    const lost = (detail: string) => {
      clearTimeout(slot.timer);
      const [task, ...rest] = slot.sent;
      slot.sent = [];
      // The task it was doing is lost with it; the ones waiting behind it go to another worker.
      forWorkers.unshift(...rest);
      if (task !== undefined) settle(task, options.failed(tasks[task] as T, 'crash', detail));
      replace(slot);
    };
    slot.worker.on('error', (error) => lost(error instanceof Error ? error.message : String(error)));
    slot.worker.on('exit', (code) => {
      if (slot.sent.length > 0) lost(`worker exited with code ${code}`);
    });
    return slot;
  };

  const replace = (old: Slot) => {
    const i = slots.indexOf(old);
    if (i < 0) return;
    old.worker.removeAllListeners();
    void old.worker.terminate();
    forWorkers.unshift(...old.sent);
    old.sent = [];
    if (!remaining()) {
      slots.splice(i, 1);
      return;
    }
    slots[i] = start();
    feedAll();
  };

  /** Workers that have loaded (fed as soon as they say so). */
  const ready = new WeakSet<Slot>();
  const feed = (slot: Slot) => {
    ready.add(slot);
    const idle = slot.sent.length === 0;
    while (slot.sent.length < DEPTH) {
      const index = takeForWorker();
      if (index === undefined) break;
      slot.sent.push(index);
      slot.worker.postMessage({ index, task: tasks[index] });
    }
    if (idle) startTimer(slot);
  };
  const feedAll = () => {
    for (const slot of slots) if (ready.has(slot) && slot.sent.length < DEPTH) feed(slot);
  };

  /** A task for this thread: the next one nobody has taken, if it may do it; the others are left to the workers. */
  const takeLocal = (): number | undefined => {
    const local = options.local;
    if (!local) return undefined;
    while (next < tasks.length && next < emitted + LOCAL_WINDOW) {
      const index = next++;
      if (local.accepts(tasks[index] as T)) return index;
      forWorkers.push(index);
      feedAll();
    }
    return undefined;
  };

  for (let j = 0; j < Math.min(options.jobs, tasks.length); j++) slots.push(start());
  try {
    for (; emitted < tasks.length; emitted++) {
      while (!results.has(emitted)) {
        const index = takeLocal();
        if (index !== undefined && options.local) {
          const task = tasks[index] as T;
          let result: R;
          try {
            result = await options.local.compute(task);
          } catch (error) {
            result = options.failed(task, 'crash', error instanceof Error ? error.message : String(error));
          }
          settle(index, result);
          // A file here may be read without a real wait (a synchronous read): let the workers' messages in.
          await new Promise<void>((resolve) => setImmediate(resolve));
          continue;
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const result = results.get(emitted) as R;
      results.delete(emitted); // memory stays bounded by what is out of order, not by the folder
      yield result;
    }
  } finally {
    for (const slot of slots) {
      clearTimeout(slot.timer);
      slot.worker.removeAllListeners();
      void slot.worker.terminate();
    }
  }
}

/** The worker side: answers each task with `compute`'s result, one at a time and in the order received. */
export function serveTasks<T, R>(compute: (task: T) => Promise<R>): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks outside a worker thread');
  const queue: { index: number; task: T }[] = [];
  let busy = false;
  const run = async () => {
    busy = true;
    for (let message = queue.shift(); message !== undefined; message = queue.shift()) {
      port.postMessage({ index: message.index, result: await compute(message.task) });
    }
    busy = false;
  };
  port.on('message', (message: { index: number; task: T }) => {
    queue.push(message);
    if (!busy) void run();
  });
  port.postMessage({ ready: true });
}
