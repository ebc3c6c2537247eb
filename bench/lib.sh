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
     cmake --build --preset release -j "${BENCH_JOBS:-2}" "${targets[@]}" >/dev/null)
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

# bench_city: prints the path of the generated city (bench/city.h) for BENCH_SEED (19) and
# BENCH_SCALE (1: 5 000 organizations … 1 000 000 referrals), generating it first when the cache
# has none. The cache is BENCH_CITY_DIR (build/bench-city), one file per seed, scale and day (the
# city's "now" is today 09:00 in Sapporo, so its open referrals are not yet due). A new city is
# checked with `tsunagu-server audit-verify`. Benchmarks that write use a copy (bench_city_copy).
# Needs the bench_gen and tsunagu-server targets built.
bench_city() {
  local dir=${BENCH_CITY_DIR:-$bench_root/build/bench-city}
  local seed=${BENCH_SEED:-19} scale=${BENCH_SCALE:-1}
  local day
  day=$(TZ=Asia/Tokyo date +%Y-%m-%d)
  local path="$dir/city-s$seed-x$scale-$day.db"
  mkdir -p "$dir"
  if [ ! -f "$path" ]; then
    echo "bench: generating the city (seed $seed, scale $scale) into $path…" >&2
    rm -f "$path.partial" "$path.partial-wal" "$path.partial-shm"
    "$bench_bin/bench/bench_gen" --seed "$seed" --scale "$scale" --now "${day}T09:00:00+09:00" \
      "$path.partial" >&2
    TSUNAGU_AUDIT_KEY=tsunagu-bench-city-audit-key-0123456789abcdef \
      "$bench_bin/server/tsunagu-server" audit-verify --db "$path.partial" >&2
    mv "$path.partial" "$path"
  fi
  echo "$path"
}

# bench_city_copy SRC DEST: a copy of a generated city to run a benchmark on (it writes), written
# back to disk before the benchmark starts: else the first fsync of the copy (a checkpoint) waits
# for its 7 GB of dirty pages and the writes queued behind it stall for seconds.
bench_city_copy() { cp "$1" "$2" && sync "$2"; }
