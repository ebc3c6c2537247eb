#!/usr/bin/env bash
# Follows docs/operations.md: runs every block marked <!-- ops-guide-test --> in order, as
# written, on a scratch directory. The guide's system paths are moved under it, `sudo -u tsunagu`
# runs the command as the current user, `tsunagu-server` is the built binary, port 8080 a free
# one, and `systemctl` starts and stops the server with packaging/tsunagu.service's own
# command line. Then checks what the guide promises: the restored server serves the data made
# before the backup, and the audit log verifies.
#
# usage: operations_guide_test.sh path/to/tsunagu-server path/to/repository
set -euo pipefail
bin=$(realpath "$1")
repo=$(realpath "$2")
scratch=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -KILL "$server_pid" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT
mkdir -p "$scratch/var/lib/tsunagu" "$scratch/etc/tsunagu" "$scratch/var/backups/tsunagu" \
  "$scratch/var/log/tsunagu" "$scratch/bin"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

# The guide's paths under the scratch directory, and its port.
relocate() {
  sed -e "s#/var/lib/tsunagu#$scratch/var/lib/tsunagu#g" \
      -e "s#/etc/tsunagu#$scratch/etc/tsunagu#g" \
      -e "s#/var/backups/tsunagu#$scratch/var/backups/tsunagu#g" \
      -e "s#/var/log/tsunagu#$scratch/var/log/tsunagu#g" \
      -e "s#127.0.0.1:8080#127.0.0.1:$port#g" \
      -e "s#--port 8080#--port $port#g" \
      -e "s#/usr/local/bin/tsunagu-server#$bin#g"
}

# The unit's ExecStart, continuation lines joined, relocated.
exec_start=$(sed -n '/^ExecStart=/,/[^\\]$/p' "$repo/packaging/tsunagu.service" |
  sed -e 's/^ExecStart=//' -e 's/\\$//' | tr '\n' ' ' | relocate)
[ -n "$exec_start" ] || { echo "no ExecStart in the unit"; exit 1; }

cat >"$scratch/env.sh" <<ENV
ADMIN_PASSWORD='guide-test-password-2026'
tsunagu-server() { "$bin" "\$@"; }
sudo() { while [ "\${1:-}" = "-u" ]; do shift 2; done; "\$@"; }
systemctl() {
  local verb=\$1
  case "\$verb" in
    enable) shift; [ "\$1" = "--now" ] && systemctl start ;;
    start)
      $exec_start >"$scratch/server.out" 2>&1 &
      echo \$! >"$scratch/server.pid"
      for _ in \$(seq 1 200); do
        grep -q "listening on" "$scratch/server.out" 2>/dev/null && return 0
        kill -0 \$(cat "$scratch/server.pid") 2>/dev/null || break
        sleep 0.1
      done
      echo "the server did not start:"; cat "$scratch/server.out" "$scratch"/var/log/tsunagu/*.log 2>/dev/null; return 1 ;;
    stop)
      local pid=\$(cat "$scratch/server.pid")
      kill -TERM "\$pid"
      while kill -0 "\$pid" 2>/dev/null; do sleep 0.1; done ;;
    *) echo "systemctl \$verb: not in this test"; return 1 ;;
  esac
}
ENV

# The marked blocks, in the guide's order, as one script.
awk '/^<!-- ops-guide-test -->$/ {want=1; next}
     want && /^```sh/ {inblock=1; next}
     inblock && /^```/ {inblock=0; want=0; print "echo \"--- block done\""; next}
     inblock {print}' "$repo/docs/operations.md" | relocate >"$scratch/guide.sh"
blocks=$(grep -c "block done" "$scratch/guide.sh" || true)
[ "$blocks" -ge 5 ] || { echo "only $blocks marked blocks in docs/operations.md"; exit 1; }

# Data made between the first backup and the restore is gone after it; data before stays. The
# guide's first block starts the server; a case is made right after it, before the backup.
awk -v hook="$scratch/after_start.sh" '{print} /^echo "--- block done"$/ && !done {print ". " hook; done=1}' \
  "$scratch/guide.sh" >"$scratch/guide_hooked.sh"
cat >"$scratch/after_start.sh" <<HOOK
token=\$(curl -sf -X POST -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"guide-test-password-2026"}' \
  http://127.0.0.1:$port/api/v1/auth/login | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
[ -n "\$token" ] || { echo "the first admin cannot sign in"; exit 1; }
curl -sf -X POST -H "Authorization: Bearer \$token" -H 'Content-Type: application/json' \
  -d '{"username":"coord.test","display_name":"テスト 調整","role":"coordinator","wards":["chuo"],"password":"coordinator-password-1"}' \
  http://127.0.0.1:$port/api/v1/users >/dev/null || { echo "the admin cannot make an account"; exit 1; }
HOOK

(cd "$scratch" && bash -euo pipefail -c ". '$scratch/env.sh'; . '$scratch/guide_hooked.sh'") \
  >"$scratch/guide.log" 2>&1 || { echo "a guide block failed:"; cat "$scratch/guide.log"; \
  cat "$scratch/server.out" 2>/dev/null; exit 1; }
server_pid=$(cat "$scratch/server.pid")
done_blocks=$(grep -c -- "--- block done" "$scratch/guide.log" || true)
[ "$done_blocks" -eq "$blocks" ] || { echo "ran $done_blocks of $blocks blocks"; cat "$scratch/guide.log"; exit 1; }

# What the guide promised.
grep -q "backup written to" "$scratch/guide.log" || { echo "no backup"; cat "$scratch/guide.log"; exit 1; }
grep -q "the database it replaced is kept as" "$scratch/guide.log" || { echo "no restore"; exit 1; }
grep -q "dry run: nothing was changed\|0 closed cases" "$scratch/guide.log" || { echo "no purge report"; exit 1; }
grep -q '^tsunagu_db_schema_version' "$scratch/guide.log" || { echo "no metrics"; exit 1; }
curl -sf -X POST -H 'Content-Type: application/json' \
  -d '{"username":"coord.test","password":"coordinator-password-1"}' \
  "http://127.0.0.1:$port/api/v1/auth/login" >/dev/null || { echo "the account made before the backup is gone"; exit 1; }
ls "$scratch/var/lib/tsunagu/" | grep -q "tsunagu.db.before-restore-" || { echo "the old database was not kept"; exit 1; }
kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true
while kill -0 "$server_pid" 2>/dev/null; do sleep 0.1; done
server_pid=""
"$bin" audit-verify --db "$scratch/var/lib/tsunagu/tsunagu.db" \
  --audit-key-file "$scratch/etc/tsunagu/audit.key" || { echo "the audit log does not verify"; exit 1; }
[ -s "$scratch/var/log/tsunagu/tsunagu.log" ] || { echo "the unit's --log-file was not written"; exit 1; }
echo "operations guide: $blocks blocks run"
