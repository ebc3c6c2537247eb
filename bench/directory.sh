#!/usr/bin/env bash
# Directory search under load vs GET /healthz in the same run: generates 5 000 organizations /
# 20 000 services, starts the release server on it (which builds the directory index and logs
# its size and build time), runs wrk with 16 connections against /healthz and then against
# searches that are all different (search.lua below), so nothing answered before can be reused.
# Prints throughput, p99 latency and the ratio to /healthz. Target: ratio ≥ 0.5, p99 < 5 ms.
# Usage: bench/directory.sh [SECONDS=10] [ORGANIZATIONS=5000]
set -euo pipefail
# The server refuses to start without an audit key (docs/operations.md); a throwaway one here.
export TSUNAGU_AUDIT_KEY="${TSUNAGU_AUDIT_KEY:-bench-audit-key-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
cd "$(dirname "$0")/.."
seconds=${1:-10}
orgs=${2:-5000}
port=${TSUNAGU_BENCH_PORT:-18680}

cmake --preset release >/dev/null
cmake --build --preset release --target tsunagu-server bench_directory_data >/dev/null
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

build/release/bench/bench_directory_data "$work/bench.db" "$orgs"
build/release/server/tsunagu-server --db "$work/bench.db" --port "$port" --log-level info --access-log false \
  >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

# Every request a different search, as people type them: one to three words (long and short,
# kanji, kana, katakana, half-width), filters, open_at at a minute no other request uses, or
# near a point no other request uses, page 1–3. Each wrk thread numbers its requests apart
# from the other's, so no two requests in the run are the same.
cat >"$work/search.lua" <<'LUA'
local words = {"保育園", "保育", "夜間", "相談", "子育て", "食堂", "こども食堂", "クリニック",
               "くりにっく", "ｸﾘﾆｯｸ", "居場所", "町内会", "支援", "学習支援", "産後ケア", "見守り",
               "一時預かり", "発達", "さつき", "サツキ", "ほし", "そら", "子", "夜", "札幌"}
local categories = {"youth_space", "night_nursery", "family_support_center", "medical",
                    "midwife", "nursery", "npo", "resident_group", "other"}
local wards = {"chuo", "kita", "higashi", "shiroishi", "atsubetsu", "toyohira", "kiyota",
               "minami", "nishi", "teine"}
local function enc(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local function pick(t) return t[math.random(#t)] end
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
local n = 0
function init(args)
  math.randomseed(1000 + (tid or 0))
end
request = function()
  n = n + 1
  local k = n * 2 + (tid or 0)  -- unique across the two threads
  local parts = {}
  local nwords = math.random(0, 2)
  if nwords > 0 then
    local q = pick(words)
    if nwords > 1 then q = q .. " " .. pick(words) end
    parts[#parts + 1] = "q=" .. enc(q)
  end
  local r = math.random()
  if r < 0.3 then parts[#parts + 1] = "category=" .. pick(categories) end
  if math.random() < 0.4 then parts[#parts + 1] = "ward=" .. pick(wards) end
  if math.random() < 0.15 then parts[#parts + 1] = "capacity=open,limited,unknown" end
  if math.random() < 0.1 then parts[#parts + 1] = "council_member=true" end
  if k % 2 == 0 or math.random() < 0.3 then
    -- A minute of the year no other request asks for.
    local minute = (k * 7919) % (366 * 1440)
    local day = math.floor(minute / 1440)
    local month, mday = math.floor(day / 31) % 12 + 1, day % 28 + 1
    local hh, mm = math.floor(minute % 1440 / 60), minute % 60
    parts[#parts + 1] = string.format("open_at=2026-%02d-%02dT%02d:%02d:%02d%%2B09:00", month,
                                      mday, hh, mm, k % 60)
  end
  if k % 2 == 1 or math.random() < 0.3 then
    -- A point no other request asks about, somewhere in the city.
    local lat = 42.98 + (k * 37 % 150000) / 1000000
    local lon = 141.24 + (k * 53 % 240000) / 1000000
    local radius = ({0.5, 1, 2, 3, 5})[math.random(5)]
    parts[#parts + 1] = string.format("near=%.6f,%.6f&within_km=%s", lat, lon, radius)
  end
  if math.random() < 0.2 then parts[#parts + 1] = "page=" .. math.random(2, 3) end
  return wrk.format("GET", "/api/v1/organizations?" .. table.concat(parts, "&"))
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
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
healthz=$(run healthz "http://127.0.0.1:$port/healthz")
fresh=$(run fresh "http://127.0.0.1:$port" "$work/search.lua")
read -r _ h_rps h_p99 h_err <<<"$healthz"
read -r _ f_rps f_p99 f_err <<<"$fresh"
row() { printf '%-17s %10s req/s   p99 %8s   non-2xx %-4s' "$1" "$2" "$3" "$4"; }
ratio() { awk -v s="$1" -v h="$h_rps" 'BEGIN {printf "   ratio %.2f", s / h}'; }
row healthz "$h_rps" "$h_p99" "$h_err"; echo
row "search (fresh)" "$f_rps" "$f_p99" "$f_err"; ratio "$f_rps"; echo "   every request a different search"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -h "directory index:" "$work/server.log" || true
echo "target: ratio >= 0.5 and p99 < 5 ms"
