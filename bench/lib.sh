# Shared helpers for the bench/*.sh scripts (sourced, not run).
# Every benchmark measures its subject and a baseline in the same run, on this machine, and
# prints the ratio: absolute numbers vary between machines, ratios much less.

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_bin="$bench_root/build/release"
BENCH_SECONDS=${BENCH_SECONDS:-10}
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-16}
BENCH_THREADS=${BENCH_THREADS:-2}

# bench_build [target…]: builds the release preset (only the given targets, if any).
bench_build() {
  command -v wrk >/dev/null || { echo "bench: wrk is missing; run scripts/setup" >&2; exit 1; }
  echo "bench: building the release preset…" >&2
  local targets=()
  if [ $# -gt 0 ]; then targets=(--target "$@"); fi
  (cd "$bench_root" && cmake --preset release >/dev/null &&
     cmake --build --preset release "${targets[@]}" >/dev/null)
}

# bench_wait_url FILE: waits up to 60 s for a server started with --port 0 to write
# "… listening on http://HOST:PORT" into FILE, then prints that URL.
bench_wait_url() {
  for _ in $(seq 1 600); do
    local url
    url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$1" 2>/dev/null | head -1)
    if [ -n "$url" ]; then echo "$url"; return 0; fi
    sleep 0.1
  done
  echo "bench: the server did not start; its output:" >&2
  cat "$1" >&2
  return 1
}

# bench_wrk URL [extra wrk args…]: runs wrk and prints "<requests/s> <p99 ms>".
bench_wrk() {
  local url=$1
  shift
  local out
  out=$(wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_SECONDS}s" --latency "$@" "$url")
  local rps p99 non2xx
  rps=$(echo "$out" | awk '/^Requests\/sec:/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}')
  non2xx=$(echo "$out" | awk '/Non-2xx or 3xx responses:/ {print $5}')
  if [ -n "$non2xx" ]; then echo "bench: $url had $non2xx non-2xx responses" >&2; fi
  echo "${rps:-0} ${p99:-0}"
}

# bench_ratio A B: prints A/B with two decimals.
bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
