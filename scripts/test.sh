#!/usr/bin/env bash
# The project's test command (README, .ci/run): type-check, then every Jest suite
# against a real PostgreSQL (embedded unless DATABASE_URL is set) and SoftHSM 2 when
# installed. Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-packages.sh || echo "warning: could not install softhsm2/chromium; tests that need them will fail"
echo "== native ristretto255 backends (libdecaf and libsodium through N-API)"
bash scripts/build-native.sh
echo "== type-check (tsc --noEmit)"
if ! node_modules/.bin/tsc --noEmit; then
  echo "type-check failed"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "== tests"
report=$(mktemp)
node -r urna-ts-register scripts/with-postgres.ts node_modules/.bin/jest --json --outputFile="$report" "$@"
status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const failedSuites = r.numRuntimeErrorTestSuites || 0;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests + failedSuites} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' "$report" 2>/dev/null || { echo "0 passed, 1 failed"; status=1; }
rm -f "$report"
exit $status
