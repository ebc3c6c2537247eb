#!/usr/bin/env bash
# The mixed day: the release server on a copy of the generated city (bench/city.h,
# cached by bench_city in lib.sh) under a mix of 60 % directory search, 20 % partner inbox, 10 %
# case pages and 10 % referral transitions driven by wrk Lua scripts, with the bare cpp-httplib
# hello-world and the bare SQLite FULL commit loop measured in the same run; then the server's
# memory after the mix, its start-up time on the city and the cost of the audit write on a read.
# How the mix is driven and timed per kind: bench/mixed.py's header.
# BENCH_SECONDS (10), BENCH_MIXED_CONNECTIONS (64), BENCH_SEED (19), BENCH_SCALE (1),
# BENCH_CITY_DIR (build/bench-city), BENCH_STARTS (3).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
export TSUNAGU_AUDIT_KEY=tsunagu-bench-city-audit-key-0123456789abcdef
bench_build tsunagu-server bench_bare_hello bench_referrals bench_gen
city=$(bench_city)
work=$(mktemp -d -p "${BENCH_DIR:-$bench_root/build}")
trap 'rm -rf "$work"' EXIT
echo "bench mixed: copying $city…" >&2
bench_city_copy "$city" "$work/city.db"
python3 "$bench_root/bench/mixed.py" --server "$bench_bin/server/tsunagu-server" \
  --bare-hello "$bench_bin/bench/bench_bare_hello" --bare-sqlite "$bench_bin/bench/bench_referrals" \
  --db "$work/city.db" --work "$work" --seconds "$BENCH_SECONDS" \
  --connections "${BENCH_MIXED_CONNECTIONS:-64}" --starts "${BENCH_STARTS:-3}"
