#!/usr/bin/env bash
# Directory search under load vs GET /healthz in the same run (issue 5): generates 5 000
# organizations / 20 000 services, starts the release server on it, runs wrk with 16
# connections against /healthz and then against six searches (q + filters, rotating) twice:
#   search (cached)  as clients send them: repeated searches are answered from the search cache;
#   search (fresh)   the same requests with Cache-Control: no-cache, so every one is searched
#                    afresh — the cost of a search the cache has not seen (the miss path).
# Prints throughput, p99 latency and each ratio to /healthz. Target: ratio ≥ 0.5 and p99 < 20 ms.
# Usage: bench/directory.sh [SECONDS=10] [ORGANIZATIONS=5000]
set -euo pipefail
# The server refuses to start without an audit key (docs/operations.md); a throwaway one here.
export TSUNAGU_AUDIT_KEY="${TSUNAGU_AUDIT_KEY:-bench-audit-key-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
cd "$(dirname "$0")/.."
seconds=${1:-10}
orgs=${2:-5000}
port=${TSUNAGU_BENCH_PORT:-18680}

cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

build/release/bench/bench_directory_data "$work/bench.db" "$orgs"
build/release/server/tsunagu-server --db "$work/bench.db" --port "$port" --log-level warn --access-log false \
  >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

# Searches a coordinator would type: long and short words, kana, filters, open_at, near.
cat >"$work/search.lua" <<'LUA'
local paths = {
  "/api/v1/organizations?q=%E4%BF%9D%E8%82%B2%E5%9C%92&ward=chuo",                       -- 保育園
  "/api/v1/organizations?q=%E5%A4%9C%E9%96%93&category=night_nursery,youth_space",       -- 夜間
  "/api/v1/organizations?q=%E3%82%B5%E3%83%84%E3%82%AD&capacity=open,limited,unknown",   -- サツキ
  "/api/v1/organizations?q=%E7%9B%B8%E8%AB%87&open_at=2026-04-03T23:10:00%2B09:00&ward=kita", -- 相談
  "/api/v1/organizations?q=%E3%81%93%E3%81%A9%E3%82%82%E9%A3%9F%E5%A0%82&near=43.0556,141.353&within_km=3",
  "/api/v1/organizations?category=nursery&ward=higashi&council_member=true",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA

run() {  # run <label> <url> [script [header]]
  local out args=(-t2 -c16 -d"${seconds}s" --latency)
  [ -n "${3:-}" ] && args+=(-s "$3")
  [ -n "${4:-}" ] && args+=(-H "$4")
  out=$(wrk "${args[@]}" "$2")
  local rps p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  echo "$1 $rps $p99 ${errors:-0}"
}

echo "directory: $orgs organizations, $((orgs * 4)) services; wrk 16 connections, ${seconds}s each"
healthz=$(run healthz "http://127.0.0.1:$port/healthz")
cached=$(run cached "http://127.0.0.1:$port" "$work/search.lua")
fresh=$(run fresh "http://127.0.0.1:$port" "$work/search.lua" "Cache-Control: no-cache")
read -r _ h_rps h_p99 h_err <<<"$healthz"
read -r _ c_rps c_p99 c_err <<<"$cached"
read -r _ f_rps f_p99 f_err <<<"$fresh"
row() { printf '%-17s %10s req/s   p99 %8s   non-2xx %-4s' "$1" "$2" "$3" "$4"; }
ratio() { awk -v s="$1" -v h="$h_rps" 'BEGIN {printf "   ratio %.2f", s / h}'; }
row healthz "$h_rps" "$h_p99" "$h_err"; echo
row "search (cached)" "$c_rps" "$c_p99" "$c_err"; ratio "$c_rps"; echo "   repeated searches, search cache on"
row "search (fresh)" "$f_rps" "$f_p99" "$f_err"; ratio "$f_rps"; echo "   Cache-Control: no-cache, every search runs"
echo "target: ratio >= 0.5 and p99 < 20 ms"
