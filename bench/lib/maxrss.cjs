// Preloaded into a measured child (`node --require bench/lib/maxrss.cjs …`)
// where /usr/bin/time is missing: at exit, writes the process's peak
// resident set size in kilobytes to $XXGK_BENCH_MAXRSS_FILE.
'use strict';
const { writeFileSync } = require('node:fs');

const file = process.env.XXGK_BENCH_MAXRSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      writeFileSync(file, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // nowhere to report; the benchmark shows "—"
    }
  });
}
