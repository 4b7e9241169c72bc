#!/usr/bin/env bash
# Native tools the tests use, installed when missing (idempotent, quiet):
#   pdftotext (Debian poppler-utils): the reference reader of the real PDFs in
#   ../shared/corpus/pdf/, whose text test/engine/forms.test.mjs and
#   scripts/measure-forms.mjs compare with the reports' text copies.
#   chromium and a CJK font (fonts-wqy-microhei, as scripts/e2e/setup.sh
#   installs them): scripts/pdf-forms.mjs prints the reports' web pages to PDF
#   with /usr/bin/chromium for test/engine/pdf-forms.test.mjs; without a CJK
#   font Chromium prints the Chinese text as empty boxes.
#   soffice (Debian libreoffice-writer-nogui: about 200 MB installed, 35 s
#   with apt-get update on a warm mirror): scripts/lo-forms.mjs converts the web pages to .docx, .doc and
#   PDF as LibreOffice writes them, for test/engine/lo-forms.test.mjs.
# Without apt-get (or root) it only says so: those checks then report that they did not run.
set -euo pipefail

pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
# The converters people turn reports into text with (test/engine/pdf-text-tools,
# converters and producers tests make each one's output at test time; ~25 s).
command -v mutool >/dev/null 2>&1 || missing+=(mupdf-tools)
[ -x /usr/bin/pdf2txt ] || missing+=(python3-pdfminer)
for tool in pandoc lynx w3m html2text antiword catdoc docx2txt; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
# Any CJK font will do (fc-list :lang=zh); the e2e setup's is the default.
if ! { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh family 2>/dev/null | head -n 1)" ]; }; then
  pkg_installed fonts-wqy-microhei || missing+=(fonts-wqy-microhei)
fi

if ((${#missing[@]} == 0)); then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-tools: ${missing[*]} not installed and apt-get is not available here; install them by hand (the tests that need them say they skipped)." >&2
  exit 0
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    echo "setup-tools: ${missing[*]} not installed and installing needs root (no password-less sudo); the tests that need them will say they skipped." >&2
    exit 0
  fi
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "setup-tools: installing ${missing[*]} with apt-get"
if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
  && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  echo "setup-tools: apt-get could not install ${missing[*]}:" >&2
  tail -n 5 "$log" >&2
  exit 1
fi
command -v pdftotext >/dev/null 2>&1 || { echo "setup-tools: poppler-utils installed but pdftotext is not on PATH" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "setup-tools: chromium installed but /usr/bin/chromium is missing" >&2; exit 1; }
command -v soffice >/dev/null 2>&1 || { echo "setup-tools: libreoffice-writer-nogui installed but soffice is not on PATH" >&2; exit 1; }
for tool in mutool pandoc lynx w3m html2text antiword catdoc docx2txt; do
  command -v "$tool" >/dev/null 2>&1 || { echo "setup-tools: $tool is not on PATH after installing" >&2; exit 1; }
done
# soffice --version starts LibreOffice (a second or two); the package version says the same.
echo "setup-tools: $(pdftotext -v 2>&1 | head -n 1); $(/usr/bin/chromium --version 2>/dev/null | head -n 1); LibreOffice $(dpkg-query -W -f='${Version}' libreoffice-writer-nogui 2>/dev/null)"
