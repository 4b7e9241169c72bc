// The suite's output: console (visible under desktop VS Code) and the file named
// by XXGK_VSCODE_TEST_RESULTS (the only place it is visible under code-server).
'use strict';

const fs = require('fs');
const path = require('path');

const RESULTS_FILE = process.env.XXGK_VSCODE_TEST_RESULTS || path.join(__dirname, '..', '..', '..', 'test-results', 'vscode-suite.log');

function reset() {
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, '');
}

function out(line) {
  // eslint-disable-next-line no-console
  console.log(line);
  fs.appendFileSync(RESULTS_FILE, line + '\n');
}

module.exports = { RESULTS_FILE, reset, out };
