#!/usr/bin/env bash
# Reports: the gaps report, the overview and a year of referral statistics over a generated city
# (10 wards, 5 000 organizations, 100 000 cases, 1 000 000 referrals), p50/p99 through the domain
# against a bare SQLite read of the same year measured in the same run, then the plans they rely
# on (bench/reports_bench.cc; the figures and their reading: docs/development.md).
# BENCH_CALLS (100) per measurement, BENCH_REFERRALS (1000000).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_build bench_reports
work=$(mktemp -d -p "${BENCH_DIR:-$bench_root/build}")
trap 'rm -rf "$work"' EXIT
"$bench_bin/bench/bench_reports" "$work" "${BENCH_CALLS:-100}" "${BENCH_REFERRALS:-1000000}"
