#!/usr/bin/env bash
# Native tools the tests use, installed when missing (idempotent, quiet):
#   pdftotext (Debian poppler-utils): the reference reader of the real PDFs in
#   ../shared/corpus/pdf/, whose text test/engine/forms.test.mjs and
#   scripts/measure-forms.mjs compare with the reports' text copies.
# Without apt-get it only says so: those checks then report that they did not run.
set -euo pipefail

if command -v pdftotext >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-tools: pdftotext is not installed and apt-get is not available here; install poppler-utils by hand to check the real PDFs (the tests say they skipped them)." >&2
  exit 0
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    echo "setup-tools: pdftotext is not installed and installing poppler-utils needs root (no password-less sudo); the real-PDF checks will say they skipped." >&2
    exit 0
  fi
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "setup-tools: installing poppler-utils (pdftotext) with apt-get"
if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
  && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils; } >"$log" 2>&1; then
  echo "setup-tools: apt-get could not install poppler-utils:" >&2
  tail -n 5 "$log" >&2
  exit 1
fi
command -v pdftotext >/dev/null 2>&1 || { echo "setup-tools: poppler-utils installed but pdftotext is not on PATH" >&2; exit 1; }
echo "setup-tools: $(pdftotext -v 2>&1 | head -n 1)"
