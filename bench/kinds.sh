#!/usr/bin/env bash
# What each kind of the mixed day costs the server in CPU per request, each kind alone on a copy of
# the generated city, against GET /healthz in the same run (bench/kinds.py's header).
# BENCH_SECONDS (10; 5 is enough), BENCH_SEED (19), BENCH_SCALE (1), BENCH_CITY_DIR.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
export TSUNAGU_AUDIT_KEY=tsunagu-bench-city-audit-key-0123456789abcdef
bench_build tsunagu-server bench_gen
city=$(bench_city)
work=$(mktemp -d -p "${BENCH_DIR:-$bench_root/build}")
trap 'rm -rf "$work"' EXIT
echo "bench kinds: copying $city…" >&2
bench_city_copy "$city" "$work/city.db"
python3 "$bench_root/bench/kinds.py" --server "$bench_bin/server/tsunagu-server" \
  --db "$work/city.db" --work "$work" --seconds "$BENCH_SECONDS"
