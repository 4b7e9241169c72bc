// Entry point of the VS Code integration suite, written to @vscode/test-electron's
// contract: the extension host loads this module (given as `extensionTestsPath`)
// and awaits `run()`. A rejected promise means failure.
//
// The same module runs under desktop VS Code (test/vscode/runTest-electron.js)
// and under the VS Code server bundled in code-server, driven by a headless
// browser (scripts/e2e/run-vscode.mjs). Extension-host console output is not
// visible in the latter, so the reporter also writes every line to the file
// named by XXGK_VSCODE_TEST_RESULTS (default: <repo>/test-results/vscode-suite.log).
'use strict';

const path = require('path');
const Mocha = require('mocha');

const { RESULTS_FILE, reset, out } = require('./log');

function makeReporter(out) {
  const { EVENT_RUN_BEGIN, EVENT_RUN_END, EVENT_SUITE_BEGIN, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } =
    Mocha.Runner.constants;

  return class FileReporter extends Mocha.reporters.Base {
    constructor(runner, options) {
      super(runner, options);
      let depth = 0;
      const indent = () => '  '.repeat(Math.max(depth, 0));
      const failures = [];
      runner.on(EVENT_RUN_BEGIN, () => out(`xxgk VS Code suite — ${new Date().toISOString()} — VS Code ${require('vscode').version}`));
      runner.on(EVENT_SUITE_BEGIN, (s) => {
        if (s.title) out(`${indent()}${s.title}`);
        depth++;
      });
      runner.on('suite end', () => {
        depth--;
      });
      runner.on(EVENT_TEST_PASS, (t) => out(`${indent()}✓ ${t.title} (${t.duration} ms)`));
      runner.on(EVENT_TEST_PENDING, (t) => out(`${indent()}- ${t.title} (pending)`));
      runner.on(EVENT_TEST_FAIL, (t, err) => {
        failures.push([t, err]);
        out(`${indent()}✗ ${t.fullTitle ? t.title : t} — ${err && err.message}`);
      });
      runner.once(EVENT_RUN_END, () => {
        const s = this.stats;
        out('');
        failures.forEach(([t, err], i) => {
          out(`${i + 1}) ${t.fullTitle ? t.fullTitle() : t.title}`);
          out(
            String((err && err.stack) || err)
              .split('\n')
              .map((l) => '   ' + l)
              .join('\n'),
          );
        });
        out(`RESULT: ${s.passes} passing, ${s.failures} failing, ${s.pending} pending (${s.duration} ms)`);
      });
    }
  };
}

async function run() {
  reset();

  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: makeReporter(out) });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));

  const failures = await new Promise((resolve, reject) => {
    try {
      mocha.run((n) => resolve(n));
    } catch (err) {
      out(`suite crashed while loading: ${(err && err.stack) || err}`);
      reject(err);
    }
  });
  if (failures > 0) throw new Error(`${failures} test(s) failed — see ${RESULTS_FILE}`);
}

module.exports = { run };
