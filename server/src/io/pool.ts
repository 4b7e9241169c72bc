// Every core for a folder of reports: tasks handed to worker threads running
// the same bundle, results given back in task order whatever the scheduling
// (so output is stable), a time limit per task (a file that hangs its worker
// is reported as timed out, the worker replaced, the run goes on), and a
// worker that dies takes only its current task with it.

import { Worker, parentPort } from 'node:worker_threads';

/** Old-generation limit of a worker thread (XXGK_WORKER_HEAP_MB overrides): enough for a 64 MB file's reading. */
const WORKER_HEAP_MB = Math.max(64, Number(process.env.XXGK_WORKER_HEAP_MB) || 224);

export interface PoolOptions<T, R> {
  /** The script the workers run (this bundle). */
  script: string;
  /** Passed to every worker as `workerData`. */
  workerData: unknown;
  jobs: number;
  /** Per task; the worker is terminated and replaced when a task takes longer. */
  timeoutMs: number;
  /** The result of a task whose worker timed out or died. */
  failed: (task: T, why: 'timeout' | 'crash', detail: string) => R;
  /** Called as tasks finish (in any order): for a progress line. */
  progress?: (done: number, total: number) => void;
}

interface Slot {
  worker: Worker;
  task: number | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** Runs `tasks` on `jobs` workers; yields each result in task order, as soon as it and all before it are done. */
export async function* runPool<T, R>(tasks: readonly T[], options: PoolOptions<T, R>): AsyncGenerator<R> {
  const results = new Map<number, R>();
  let next = 0;
  let done = 0;
  let wake: (() => void) | undefined;
  const settle = (index: number, result: R) => {
    if (results.has(index)) return;
    results.set(index, result);
    done++;
    options.progress?.(done, tasks.length);
    wake?.();
  };
  const slots: Slot[] = [];

  const start = (): Slot => {
    const slot: Slot = {
      // A bounded old generation: each worker collects before its heap outgrows its share (a folder of PDFs kept
      // every worker near 200 MB); a file that needs more is that file's error, and the worker is replaced.
      worker: new Worker(options.script, { workerData: options.workerData, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } }),
      task: undefined,
      timer: undefined,
    };
    slot.worker.on('message', (message: { index: number; result: R } | { ready: true }) => {
      // A worker is fed once it has loaded: its start-up is not counted against its first file's time.
      if ('ready' in message) return feed(slot);
      clearTimeout(slot.timer);
      settle(message.index, message.result);
      slot.task = undefined;
      feed(slot);
    });
    const lost = (detail: string) => {
      clearTimeout(slot.timer);
      const task = slot.task;
      slot.task = undefined;
      // (A slot only ever holds an index below tasks.length.)
      if (task !== undefined) settle(task, options.failed(tasks[task] as T, 'crash', detail));
      replace(slot);
    };
    slot.worker.on('error', (error) => lost(error instanceof Error ? error.message : String(error)));
    slot.worker.on('exit', (code) => {
      if (slot.task !== undefined) lost(`worker exited with code ${code}`);
    });
    return slot;
  };

  const replace = (old: Slot) => {
    const i = slots.indexOf(old);
    if (i < 0) return;
    old.worker.removeAllListeners();
    void old.worker.terminate();
    if (next >= tasks.length) {
      slots.splice(i, 1);
      return;
    }
    slots[i] = start();
  };

  const feed = (slot: Slot) => {
    if (next >= tasks.length) return;
    const index = next++;
    slot.task = index;
    slot.timer = setTimeout(() => {
      if (slot.task !== index) return;
      slot.task = undefined;
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
    slot.worker.postMessage({ index, task: tasks[index] });
  };

  for (let j = 0; j < Math.min(options.jobs, tasks.length); j++) slots.push(start());
  try {
    for (let emitted = 0; emitted < tasks.length; emitted++) {
      while (!results.has(emitted)) await new Promise<void>((resolve) => (wake = resolve));
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

/** The worker side: answers each task with `compute`'s result. */
export function serveTasks<T, R>(compute: (task: T) => Promise<R>): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks outside a worker thread');
  port.on('message', (message: { index: number; task: T }) => {
    void compute(message.task).then((result) => port.postMessage({ index: message.index, result }));
  });
  port.postMessage({ ready: true });
}
