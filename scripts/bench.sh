#!/usr/bin/env bash
# Runs every benchmark (bench/*.bench.ts) against a real PostgreSQL (embedded unless
# DATABASE_URL is set), then merges the partial results into the files the issues name:
# bench/results/ledger.json (ledger + Merkle log), crypto.json (ballots + tally). The log's
# read API over HTTP (proofs, tiles, the whole log through Go's sumdb/tlog) writes
# bench/results/log-tiles.json (bench/log-tiles.bench.ts; `npm run bench -- log-tiles`).
# Sign-in flooding (issue 16 §4.1): a real voter's sign-in while 64 made-up sign-ins stay in
# flight, from one address and from many, with and without the work budgets, side by side:
# bench/results/signin-flood.json (bench/signin-flood.bench.ts; `npm run bench -- signin-flood`).
#   npm run bench            all benchmarks (about 55 min; BENCH_100K=0 leaves out the
#                            100,000-voter record, bench/tally-100000.bench.ts: about 16 min)
#   npm run bench -- merkle  only the ones whose file name contains "merkle" (so "tally" runs
#                            tally-100000 too; "tally.bench" the 1,000/10,000 one alone)
# Like the tests and the simulacro, it installs the Debian packages it needs and builds the
# native backends first, so a clean clone measures the default backend (libdecaf), not the
# fallback; each result file records the backend it measured.
set -uo pipefail
cd "$(dirname "$0")/.."
filter="${1:-}"
bash scripts/ensure-system-packages.sh || echo "warning: could not install the Debian packages; benchmarks that need them will fail"
bash scripts/build-native.sh --if-missing
mkdir -p bench/results
status=0
for file in bench/*.bench.ts; do
  [ -e "$file" ] || continue
  case "$file" in *"$filter"*) ;; *) continue ;; esac
  echo "== $file"
  if ! node -r urna-ts-register scripts/with-postgres.ts node --expose-gc -r urna-ts-register "$file"; then
    echo "benchmark failed: $file"
    status=1
  fi
done
node -r urna-ts-register scripts/merge-bench-results.ts || status=1
exit $status
