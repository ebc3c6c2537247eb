#!/usr/bin/env bash
# Reports: the gaps report, the overview and a year of referral statistics over the generated
# city (bench/city.h: 10 wards, 5 000 organizations, 100 000 cases, 1 000 000 referrals; cached
# by bench_city in lib.sh, BENCH_SEED and BENCH_SCALE), p50/p99 through the domain against a bare
# SQLite read of the same year measured in the same run, then the plans they rely on
# (bench/reports_bench.cc; the figures and their reading: docs/development.md). The reports write
# audit entries, so they run on a copy. BENCH_CALLS (100) per measurement.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_build tsunagu-server bench_reports bench_gen
city=$(bench_city)
work=$(mktemp -d -p "${BENCH_DIR:-$bench_root/build}")
trap 'rm -rf "$work"' EXIT
bench_city_copy "$city" "$work/reports.db"
"$bench_bin/bench/bench_reports" "$work" "${BENCH_CALLS:-100}"
