#!/usr/bin/env bash
# Neovim as a second real LSP client: runs test/nvim/check.lua headless against
# the built language server (server/out/server.js) on two real reports.
#   test/nvim/run.sh            (needs: apt neovim, npm run build)
# Cases:
#   shandong-2023 (all sums hold): no sum-mismatch as opened; after setting the
#     （七）总计 row's 总计 cell 3→4 in the buffer, sum-mismatch at that cell.
#   hongze-2023 (section 四 does not add up, as published): sum-mismatch in section 四.
# Each case also needs the six section symbols and a non-empty hover on a row label.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/test/nvim"
NVIM="${NVIM:-nvim}"
export XXGK_SERVER="${XXGK_SERVER:-$ROOT/server/out/server.js}"
export XXGK_NODE="${XXGK_NODE:-node}"

command -v "$NVIM" >/dev/null || { echo "nvim not found — run scripts/e2e/setup.sh (apt neovim)"; exit 1; }
[ -f "$XXGK_SERVER" ] || { echo "$XXGK_SERVER not found — run npm run build"; exit 1; }

SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/xxgk-nvim-XXXXXX")"
trap 'rm -rf "$SCRATCH"' EXIT
mkdir -p "$SCRATCH"/{home,config,data,cache,state,runtime,tmp,reports}
chmod 700 "$SCRATCH/runtime"
export HOME="$SCRATCH/home" XDG_CONFIG_HOME="$SCRATCH/config" XDG_DATA_HOME="$SCRATCH/data" \
  XDG_CACHE_HOME="$SCRATCH/cache" XDG_STATE_HOME="$SCRATCH/state" XDG_RUNTIME_DIR="$SCRATCH/runtime" \
  TMPDIR="$SCRATCH/tmp" NVIM_LOG_FILE="$SCRATCH/nvim.log"

status=0
run_case() { # name fixture [VAR=value ...]
  local name="$1" fixture="$2"; shift 2
  cp "$HERE/fixtures/$fixture" "$SCRATCH/reports/$fixture" # never touch the fixture itself
  chmod u+w "$SCRATCH/reports/$fixture"
  echo "=== nvim case: $name ($fixture)"
  local t0=$(date +%s%N)
  ( cd "$ROOT" && env "$@" timeout 60 "$NVIM" --headless -u NONE -i NONE -n \
      -c "luafile $HERE/check.lua" "$SCRATCH/reports/$fixture" ) 2>&1
  local rc=$?
  echo "=== $name: $([ $rc -eq 0 ] && echo PASS || echo "FAIL (exit $rc)") in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
  [ $rc -eq 0 ] || status=1
}

run_case shandong-2023-edit shandong-guodongban-2023.txt \
  XXGK_FORBID=sum-mismatch 'XXGK_EDIT=（七）总计|7|4' 'XXGK_HOVER=（七）总计'
run_case hongze-2023-as-published hongze-2023.txt \
  'XXGK_EXPECT=sum-mismatch@112-139' 'XXGK_HOVER=一、本年新收政府信息公开申请数量'

exit $status
