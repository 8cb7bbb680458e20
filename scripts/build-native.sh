#!/usr/bin/env bash
# Builds the native ristretto255 addons (N-API, node-gyp with the system's Node headers):
#   native/decaf255      libdecaf (Debian libdecaf-dev): the default verification backend
#   native/ristretto255  libsodium (Debian libsodium-dev): the previous native backend
# With --if-missing, only addons not built yet are built (the simulacro and `npm run verify`
# call it before starting). An addon that cannot be built is reported in one line and the
# processes fall back (group-backend.ts: decaf, else libsodium, else @noble/curves); the script
# itself never fails, so a machine without a C compiler still runs everything.
set -uo pipefail
cd "$(dirname "$0")/.."
if_missing=0
[ "${1:-}" = "--if-missing" ] && if_missing=1
# npm's own node-gyp (no download; the headers come from the system's Node, --nodedir).
gyp() {
  if command -v node-gyp >/dev/null 2>&1; then node-gyp "$@"; return; fi
  local bundled
  bundled="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
  node "$bundled" "$@"
}
nodedir=()
[ -e /usr/include/node/node_api.h ] && nodedir=(--nodedir=/usr)
build() { # dir addon-file needs
  local dir=$1 file=$2 needs=$3
  if [ $if_missing -eq 1 ] && [ -e "native/$dir/build/Release/$file" ]; then return 0; fi
  local log
  log=$(mktemp)
  if gyp rebuild "${nodedir[@]}" -C "native/$dir" >"$log" 2>&1; then
    rm -f "$log"
  else
    echo "note: native/$dir could not be built (needs $needs and a C compiler; see \`bash scripts/build-native.sh\`); falling back to the next backend"
    rm -f "$log"
  fi
}
build decaf255 decaf255.node "libdecaf-dev"
build ristretto255 ristretto255_sodium.node "libsodium-dev"
exit 0
