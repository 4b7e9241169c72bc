// @ts-check
// Preloaded into a server under test (`node --expose-gc --require …`): on
// SIGUSR2, a full garbage collection, then the process's memory figures
// written as JSON to the file named by XXGK_GC_REPORT. A memory test reads
// what the server keeps, not how much garbage V8 had not yet collected.
'use strict';
const { writeFileSync, renameSync } = require('node:fs');

const report = process.env.XXGK_GC_REPORT;
const gc = /** @type {(() => void) | undefined} */ (globalThis.gc);
if (report && gc) {
  process.on('SIGUSR2', () => {
    gc();
    gc(); // a second pass frees what the first one's finalizers let go
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    // Written whole, then renamed: the test never reads half a file.
    writeFileSync(`${report}.part`, JSON.stringify({ rss, heapUsed, heapTotal, external }));
    renameSync(`${report}.part`, report);
  });
}
