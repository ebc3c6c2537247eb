#!/usr/bin/env bash
# Benchmark of sign-in throughput (Argon2id, 19 MiB, t=2 — deliberately slow) and the
# per-request cost of token checking and auditing, each against GET /healthz in the same run:
#   healthz          no auth, no database
#   me               bearer token → hash lookup → user (token checking only)
#   audited read     token checking + an audit entry written in the read's transaction
#                    (GET /api/v1/audit as the auditor, which records every search)
#   login            POST /api/v1/auth/login: Argon2id verify + session insert + audit entry
# Uses the release binary; build it first:
#   cmake --preset release && cmake --build --preset release
# Environment: DURATION (s, default 10), CONNECTIONS (default 8), THREADS (wrk, default 2).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=build/release/server/tsunagu-server
if [ ! -x "$bin" ]; then
  echo "bench/auth.sh: $bin is missing; run: cmake --preset release && cmake --build --preset release" >&2
  exit 2
fi
command -v wrk >/dev/null || { echo "bench/auth.sh: wrk is not installed" >&2; exit 2; }

duration=${DURATION:-10}
connections=${CONNECTIONS:-8}
threads=${THREADS:-2}
password="bench-password-$(date +%s)"
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"

TSUNAGU_DEMO_PASSWORD=$password "$bin" --db "$work/bench.db" --demo --port "$port" \
  --access-log false --log-level warn >"$work/server.out" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

for _ in $(seq 1 100); do
  curl -fs "$base/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

token_of() {
  curl -fs -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$password\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
coord=$(token_of coord.chuo)
auditor=$(token_of auditor)

cat >"$work/login.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"username":"coord.chuo","password":"$password"}'
LUA

# rate <name> <wrk args…>: runs wrk and prints requests/second (non-2xx answers make it fail).
rate() {
  local name=$1
  shift
  local out
  out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$@")
  if echo "$out" | grep -q "Non-2xx"; then
    echo "bench/auth.sh: $name got error answers:" >&2
    echo "$out" >&2
    exit 1
  fi
  local rps p50
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  printf '%-14s %10.1f req/s   p50 %s\n' "$name" "$rps" "$p50" >&2
  echo "$rps"
}

echo "tsunagu bench/auth.sh: ${duration}s each, $connections connections, $threads wrk threads, $(nproc) cores" >&2
healthz=$(rate healthz "$base/healthz")
me=$(rate me -H "Authorization: Bearer $coord" "$base/api/v1/me")
audited=$(rate audited-read -H "Authorization: Bearer $auditor" \
  "$base/api/v1/audit?actor=admin&per_page=1")
login=$(rate login -s "$work/login.lua" "$base/api/v1/auth/login")

python3 - "$healthz" "$me" "$audited" "$login" <<'PY'
import sys
healthz, me, audited, login = map(float, sys.argv[1:])
print(f"healthz        {healthz:10.1f} req/s")
print(f"me (token)     {me:10.1f} req/s   ratio to healthz {me / healthz:.3f}"
      f"   (+{1e6 / me - 1e6 / healthz:.0f} us per request)")
print(f"audited read   {audited:10.1f} req/s   ratio to healthz {audited / healthz:.3f}"
      f"   (+{1e6 / audited - 1e6 / healthz:.0f} us per request)")
print(f"login          {login:10.1f} req/s   ratio to healthz {login / healthz:.4f}")
PY
