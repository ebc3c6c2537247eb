#!/usr/bin/env bash
# GET /healthz on tsunagu-server vs a bare cpp-httplib hello-world (bench/bare_hello.cc, same
# tuning and thread count), both built from this tree in the release preset, under wrk at
# BENCH_CONNECTIONS (16) connections. Tsunagu runs twice: with its access log (to /dev/null) and
# without. The three servers run side by side and are measured in BENCH_ROUNDS (3) alternating
# rounds of BENCH_SECONDS (10) / rounds each; the medians are compared, so a burst of load
# elsewhere on the machine hits all of them alike. Target: Tsunagu ≥ 0.8 × bare.
set -euo pipefail
# The server refuses to start without an audit key (docs/operations.md); a throwaway one here.
export TSUNAGU_AUDIT_KEY="${TSUNAGU_AUDIT_KEY:-bench-audit-key-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
source "$(dirname "$0")/lib.sh"
bench_build tsunagu-server bench_bare_hello

rounds=${BENCH_ROUNDS:-3}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

"$bench_bin/bench/bench_bare_hello" 0 64 >"$work/bare.out" &
pids+=($!)
for log in false true; do
  "$bench_bin/server/tsunagu-server" --db "$work/h-$log.db" --port 0 --access-log "$log" \
    >"$work/t-$log.out" 2>/dev/null &
  pids+=($!)
done
declare -A url=(
  [bare]=$(bench_wait_url "$work/bare.out")
  [quiet]=$(bench_wait_url "$work/t-false.out")
  [logged]=$(bench_wait_url "$work/t-true.out"))

per_round=$(( BENCH_SECONDS / rounds > 0 ? BENCH_SECONDS / rounds : 1 ))
echo "bench healthz: ${BENCH_CONNECTIONS} connections, $rounds rounds of ${per_round}s" >&2
declare -A rps p99
for _ in $(seq 1 "$rounds"); do
  for s in bare quiet logged; do
    read -r r p < <(BENCH_SECONDS=$per_round bench_wrk "${url[$s]}/healthz")
    rps[$s]+="$r "
    p99[$s]+="$p "
  done
done
median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

printf '%-34s %12s %10s %8s\n' "subject (median of $rounds)" "req/s" "p99 ms" "ratio"
bare=$(median "${rps[bare]}")
for s in bare quiet logged; do
  case $s in
    bare) name="bare cpp-httplib (baseline)" ;;
    quiet) name="tsunagu /healthz, no access log" ;;
    logged) name="tsunagu /healthz, access log" ;;
  esac
  r=$(median "${rps[$s]}")
  printf '%-34s %12.0f %10.2f %8s\n' "$name" "$r" "$(median "${p99[$s]}")" "$(bench_ratio "$r" "$bare")"
done
echo "target: ratio ≥ 0.80 with the access log on"
