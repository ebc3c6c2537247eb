#!/usr/bin/env bash
# systemd-analyze verify on packaging/tsunagu.service, with its ExecStart pointing at the built
# binary (verify checks that the program exists). Any message — an unknown key is only a
# warning to systemd-analyze — fails the test.
#
# usage: systemd_verify_test.sh path/to/tsunagu-server path/to/tsunagu.service
set -euo pipefail
bin=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
sed "s#/usr/local/bin/tsunagu-server#$bin#" "$2" >"$dir/tsunagu.service"
rc=0
systemd-analyze verify --man=no "$dir/tsunagu.service" >"$dir/out" 2>&1 || rc=$?
# Messages about other units of this machine (not ours) are not the unit's problem.
grep "tsunagu" "$dir/out" >"$dir/ours" || true
if [ "$rc" -ne 0 ] || [ -s "$dir/ours" ]; then
  echo "systemd-analyze verify (exit $rc):"; cat "$dir/out"; exit 1
fi
echo "systemd-analyze verify: the unit is clean"
