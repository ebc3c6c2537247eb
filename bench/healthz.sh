#!/usr/bin/env bash
# GET /healthz on tsunagu-server vs a bare cpp-httplib hello-world (bench/bare_hello.cc, same
# tuning and thread count), both built from this tree in the release preset, each under wrk at
# BENCH_CONNECTIONS (16) connections for BENCH_SECONDS (10). Target: Tsunagu ≥ 0.8 × bare.
# Tsunagu is measured twice: with its access log (to /dev/null) and without.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_build

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

"$bench_bin/bench/bench_bare_hello" 0 64 >"$work/bare.out" &
pids+=($!)
bare_url=$(bench_wait_url "$work/bare.out")

run_tsunagu() {  # run_tsunagu ACCESS_LOG → "<rps> <p99>"
  local pid url
  "$bench_bin/server/tsunagu-server" --db "$work/h-$1.db" --port 0 --access-log "$1" \
    >"$work/t-$1.out" 2>/dev/null &
  pid=$!
  url=$(bench_wait_url "$work/t-$1.out")
  bench_wrk "$url/healthz"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

echo "bench healthz: ${BENCH_CONNECTIONS} connections, ${BENCH_SECONDS}s each" >&2
read -r bare_rps bare_p99 < <(bench_wrk "$bare_url/healthz")
read -r quiet_rps quiet_p99 < <(run_tsunagu false)
read -r logged_rps logged_p99 < <(run_tsunagu true)

printf '%-34s %12s %10s %8s\n' "subject" "req/s" "p99 ms" "ratio"
printf '%-34s %12.0f %10.2f %8s\n' "bare cpp-httplib (baseline)" "$bare_rps" "$bare_p99" "1.00"
printf '%-34s %12.0f %10.2f %8s\n' "tsunagu /healthz, no access log" "$quiet_rps" "$quiet_p99" \
  "$(bench_ratio "$quiet_rps" "$bare_rps")"
printf '%-34s %12.0f %10.2f %8s\n' "tsunagu /healthz, access log" "$logged_rps" "$logged_p99" \
  "$(bench_ratio "$logged_rps" "$bare_rps")"
echo "target: ratio ≥ 0.80 with the access log on"
