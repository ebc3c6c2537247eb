#!/usr/bin/env bash
# Referrals: create+send throughput vs a bare SQLite loop (same settings, same disk, same run),
# and the partner inbox's latency with 1 000 000 referrals in the database (see
# bench/referrals_bench.cc); then the same create+send end to end: POST /api/v1/referrals with
# "send": true over HTTP (16 connections, token check, JSON) against the bare loop measured just
# before and after it. BENCH_SECONDS (10) per throughput run, BENCH_REFERRALS (1000000).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_build
work=$(mktemp -d -p "${BENCH_DIR:-$bench_root/build}")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
"$bench_bin/bench/bench_referrals" "$work/domain" "$BENCH_SECONDS" "${BENCH_REFERRALS:-1000000}"

echo "bench referrals: over HTTP, ${BENCH_CONNECTIONS} connections, ${BENCH_SECONDS}s…" >&2
password="bench-$(date +%s)-password"
mkdir -p "$work/http"
TSUNAGU_DEMO_PASSWORD=$password "$bench_bin/server/tsunagu-server" --db "$work/http/tsunagu.db" \
  --demo --port 0 --access-log false --log-level warn >"$work/server.log" 2>&1 &
server_pid=$!
url=$(bench_wait_url "$work/server.log")
token=$(curl -fs -X POST "$url/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"coord.chuo\",\"password\":\"$password\"}" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
case_id=$(curl -fs "$url/api/v1/cases" -H "Authorization: Bearer $token" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
# To 夜の居場所 under the council's sharing rule, as the domain measurement does.
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
wrk.body = '{"case_id":"$case_id","organization_id":"a0000000-0000-4000-8000-000000000002","legal_basis":"council","summary":"今夜の居場所が必要","send":true}'
LUA
bare_before=$("$bench_bin/bench/bench_referrals" --bare "$work/bare" "$BENCH_SECONDS")
read -r rps p99 < <(bench_wrk "$url/api/v1/referrals" -s "$work/post.lua")
bare_after=$("$bench_bin/bench/bench_referrals" --bare "$work/bare" "$BENCH_SECONDS")
bare=$(awk -v a="$bare_before" -v b="$bare_after" 'BEGIN { printf "%.0f", (a + b) / 2 }')
groups=$(curl -fs "$url/metrics" | awk '$1 == "tsunagu_db_writes_total" {w=$2} $1 == "tsunagu_db_write_groups_total" {g=$2} END { if (g > 0) printf "%.1f", w / g }')
printf '%-48s %8s /s %6s\n' "bare SQLite insert+commit (before/after)" "$bare_before/$bare_after" "1.00"
printf '%-48s %8.0f /s %6s  p99 %s ms, %s writes per commit\n' \
  "POST /api/v1/referrals, send, ${BENCH_CONNECTIONS} conns" "$rps" "$(bench_ratio "$rps" "$bare")" "$p99" "$groups"
echo "target: ratio >= 0.50"
