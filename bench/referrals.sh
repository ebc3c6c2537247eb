#!/usr/bin/env bash
# Referrals: create+send throughput vs a bare SQLite loop (same settings, same disk, same run),
# and the partner inbox's latency with 1 000 000 referrals in the database. See
# bench/referrals_bench.cc. BENCH_SECONDS (5) per throughput run, BENCH_REFERRALS (1000000).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_build
work=$(mktemp -d -p "${BENCH_DIR:-$bench_root/build}")
trap 'rm -rf "$work"' EXIT
"$bench_bin/bench/bench_referrals" "$work" "${BENCH_SECONDS:-5}" "${BENCH_REFERRALS:-1000000}"
