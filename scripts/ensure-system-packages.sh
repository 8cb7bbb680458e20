#!/usr/bin/env bash
# Installs the Debian packages the tests use, when missing: softhsm2 (PKCS#11 tokens for
# trustees and the log's signing key), chromium (browser tests) and poppler-utils (the tests
# rasterize the printed acta to check every page renders) and libsodium-dev (the native
# ristretto255 backend, native/ristretto255, built by scripts/test.sh). Needs root (or sudo).
set -euo pipefail
need=()
command -v softhsm2-util >/dev/null 2>&1 || need+=(softhsm2)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ -e /usr/include/sodium.h ] || need+=(libsodium-dev)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "== installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
