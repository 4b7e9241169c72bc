#!/usr/bin/env bash
# End-to-end editor tests, as .ci/run calls them (after `npm ci && npm run build`):
#   1. scripts/e2e/setup.sh        install chromium, neovim, Node 24, code-server (idempotent)
#   2. scripts/e2e/run-vscode.mjs  the VS Code suite in code-server's extension host
#   3. test/nvim/run.sh            Neovim as a second LSP client
# Runs every stage even if an earlier test stage fails (setup failure stops it);
# prints how long each took; exits non-zero if any stage failed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

for f in server/out/server.js client/out/extension.js; do
  [ -f "$f" ] || { echo "run-all: $f missing — run npm ci && npm run build first"; exit 1; }
done

declare -a SUMMARY=()
overall=0
stage() { # name command...
  local name="$1"; shift
  echo; echo "################ e2e: $name"
  local t0=$(date +%s%N)
  "$@"
  local rc=$?
  local ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  SUMMARY+=("$(printf '%-8s %-4s %4d.%d s' "$name" "$([ $rc -eq 0 ] && echo ok || echo FAIL)" $((ms / 1000)) $((ms % 1000 / 100)))")
  [ $rc -eq 0 ] || overall=1
  return $rc
}

if ! stage setup scripts/e2e/setup.sh; then
  echo "run-all: setup failed — not running the editor tests"
  printf '%s\n' "${SUMMARY[@]}"
  exit 1
fi
stage vscode node scripts/e2e/run-vscode.mjs
stage nvim test/nvim/run.sh

echo; echo "################ e2e summary"
printf '  %s\n' "${SUMMARY[@]}"
for shot in test-results/vscode-workbench.png test-results/vscode-pdf-view.png; do
  [ -f "$shot" ] && echo "  screenshot: $shot"
done
exit $overall
