#!/usr/bin/env bash
# Installs the Debian packages the tests use, when missing: softhsm2 (PKCS#11 tokens for
# trustees and the log's signing key), chromium (browser tests) and poppler-utils (the tests
# rasterize the printed acta to check every page renders) and libsodium-dev (the native
# ristretto255 backend, native/ristretto255, built by scripts/test.sh), golang-go and
# golang-golang-x-mod-dev (test/go-tiles-client: Go's own sumdb/tlog and note follow the log
# through its tiles, built offline from /usr/share/gocode) and postgresql (test/failover: a primary
# and a streaming standby need pg_basebackup and pg_ctl promote, which the embedded package
# lacks; Debian's own cluster is left stopped and manual), libdecaf-dev with build-essential and
# python3 for node-gyp (native/decaf255, the default verification backend, scripts/build-native.sh),
# and nginx (test/scale-out: the reverse proxy the test starts in front of two service instances).
# Needs root (or sudo).
# With arguments, only those packages are considered (`npm run simulacro`: softhsm2
# and what native/decaf255 needs).
# Installed only when named, never by default (the tests do not need them): belenios-tool, the
# peer that `npm run bench -- peer` runs the same election in, and time (GNU time, which reads
# the CPU time of each belenios-tool command).
set -euo pipefail
wanted=("${@:-softhsm2 chromium poppler-utils libsodium-dev golang-go golang-golang-x-mod-dev postgresql libdecaf-dev build-essential python3 nginx}")
wants() { [[ " ${wanted[*]} " == *" $1 "* ]]; }
need=()
wants softhsm2 && ! command -v softhsm2-util >/dev/null 2>&1 && need+=(softhsm2)
wants chromium && ! command -v chromium >/dev/null 2>&1 && need+=(chromium)
wants poppler-utils && ! command -v pdftoppm >/dev/null 2>&1 && need+=(poppler-utils)
wants libsodium-dev && [ ! -e /usr/include/sodium.h ] && need+=(libsodium-dev)
wants golang-go && ! command -v go >/dev/null 2>&1 && need+=(golang-go)
wants libdecaf-dev && [ ! -e /usr/include/decaf/decaf/point_255.h ] && need+=(libdecaf-dev)
wants build-essential && ! { command -v cc && command -v make && command -v g++; } >/dev/null 2>&1 && need+=(build-essential)
wants python3 && ! command -v python3 >/dev/null 2>&1 && need+=(python3)
wants golang-golang-x-mod-dev && [ ! -d /usr/share/gocode/src/golang.org/x/mod/sumdb/tlog ] && need+=(golang-golang-x-mod-dev)
wants nginx && [ ! -x /usr/sbin/nginx ] && need+=(nginx)
wants belenios-tool && ! command -v belenios-tool >/dev/null 2>&1 && need+=(belenios-tool)
wants time && [ ! -x /usr/bin/time ] && need+=(time)
wants postgresql && ! ls /usr/lib/postgresql/*/bin/pg_basebackup >/dev/null 2>&1 && need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "== installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# The tests start their own servers from /usr/lib/postgresql/<v>/bin: Debian's default cluster
# (created by the package) must not hold port 5432 or start at boot.
if [[ " ${need[*]} " == *" postgresql "* ]] && command -v pg_lsclusters >/dev/null 2>&1; then
  pg_lsclusters -h 2>/dev/null | while read -r version cluster _; do
    $SUDO pg_ctlcluster "$version" "$cluster" stop 2>/dev/null || true
    echo manual | $SUDO tee "/etc/postgresql/$version/$cluster/start.conf" >/dev/null || true
  done
fi
