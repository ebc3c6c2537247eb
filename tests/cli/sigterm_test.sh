#!/usr/bin/env bash
# Starts the real binary on a free port, checks /healthz, sends SIGTERM and expects exit 0 with
# the database checkpointed (no -wal content left behind).
set -euo pipefail
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
TSUNAGU_AUDIT_KEY=cli-test-audit-key-0123456789abcdef0123456789 "$bin" --db "$dir/t.db" --port 0 --access-log false >"$dir/out" 2>"$dir/err" &
pid=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$dir/out" 2>/dev/null && break
  sleep 0.1
done
url=$(sed -n 's/^Tsunagu listening on //p' "$dir/out")
[ -n "$url" ] || { echo "server did not start"; cat "$dir/err"; exit 1; }
curl -sf "$url/healthz" | grep -q '"status":"ok"' || { echo "healthz failed"; exit 1; }
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
[ "$rc" -eq 0 ] || { echo "exit code $rc after SIGTERM"; cat "$dir/err"; exit 1; }
grep -q "checkpointed" "$dir/err" || { echo "no checkpoint at shutdown"; cat "$dir/err"; exit 1; }
wal="$dir/t.db-wal"
if [ -s "$wal" ]; then echo "WAL not truncated at shutdown"; exit 1; fi
echo "sigterm: clean exit 0"
