#!/usr/bin/env python3
"""What each kind of the mixed day costs the server: its CPU per request (bench/kinds.sh runs this).

The release server on a copy of the generated city; each kind of bench/mixed.py alone — the same
Lua scripts, sessions and pools — on 16 connections for BENCH_SECONDS, and the server's own CPU
time (user + system, from /proc/<pid>/stat) divided by the requests answered. Wall-clock rates on
a shared 2-core machine move with everything else that runs; CPU per request moves much less,
and it is what the mix spends: at 5 000 req/s in 60/20/10/10 shares the four kinds may cost
0.6·search + 0.2·inbox + 0.1·case + 0.1·transition ≤ ~350 µs on average (2 cores, less what
wrk takes). The baseline, in the same run: GET /healthz, the HTTP stack with nothing behind it.
Also per kind: req/s, p50/p99 and the group commit (commits/s × writes per commit).
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mixed as M  # noqa: E402  (the city's sessions, pools and Lua scripts)

KINDS = ["search", "inbox", "case", "transition"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--connections", type=int, default=16)
    a = ap.parse_args()
    w = a.work
    busiest, pool, cases, coordinators, _ = M.prepare(a.db)
    server = M.Server(a.server, a.db, f"{w}/server.log")
    server.wait_ready()
    url = server.url

    def cpu_seconds():
        fields = open(f"/proc/{server.proc.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def measure(target, script, args):
        m0, c0 = M.metrics(url), cpu_seconds()
        r = M.parse_wrk(M.run_wrk(target, script, a.connections, a.seconds, args).communicate()[0])
        c1, m1 = cpu_seconds(), M.metrics(url)
        groups = m1["tsunagu_db_write_groups_total"] - m0["tsunagu_db_write_groups_total"]
        writes = m1["tsunagu_db_writes_total"] - m0["tsunagu_db_writes_total"]
        r["cpu_us"] = 1e6 * (c1 - c0) / max(r["requests"], 1)
        r["commits"] = f"{groups / a.seconds:.0f}/s × {writes / max(groups, 1):.1f}" if groups else "—"
        if r["non2xx"] + r["errors"]:
            raise SystemExit(f"kinds: {r['non2xx'] + r['errors']} failed requests; see {w}")
        return r

    try:
        users = list(coordinators.values()) + busiest + [p[3] for p in pool]
        tokens = M.login_all(url, users)
        coord = [tokens[coordinators[x]] for x in M.WARDS]
        with open(f"{w}/healthz.lua", "w") as f:
            f.write(M.hello_lua(f"{w}/healthz.hist"))
        rows = {"healthz": measure(url + "/healthz", f"{w}/healthz.lua", [])}
        for kind in KINDS:
            path = f"{w}/{kind}.lua"
            hist = f"{w}/{kind}.hist"
            if kind == "search":
                text = M.search_lua(coord, int(time.time() // 60), hist)
            elif kind == "inbox":
                text = M.inbox_lua([tokens[u] for u in busiest], hist)
            elif kind == "case":
                text = M.case_lua([(c, tokens[coordinators[ward]]) for c, ward in cases], hist)
            else:
                text = M.transition_lua([(r, v, s, tokens[u], d) for r, v, s, u, d in pool], hist)
            with open(path, "w") as f:
                f.write(text)
            rows[kind] = measure(url, path, [1] if kind != "transition" else [1, len(pool)])
    finally:
        server.stop()

    base = rows["healthz"]["cpu_us"]
    print(f"each kind alone: {a.connections} connections, {a.seconds} s, {os.cpu_count()} cores, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"{'':22} {'server CPU':>12} {'ratio':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}  group commit")
    for k, r in rows.items():
        label = "GET /healthz (baseline)" if k == "healthz" else k
        print(f"{label:22} {r['cpu_us']:9.0f} µs {r['cpu_us'] / base:7.1f} {r['rps']:8.0f} "
              f"{r['p50']:8.2f} {r['p99']:8.2f}  {r['commits']}")
    mix = sum(M.SHARES[k] * rows[k]["cpu_us"] for k in KINDS)
    print(f"at the 60/20/10/10 shares: {mix:.0f} µs of server CPU per request on average, "
          f"so at most {os.cpu_count() * 1e6 / mix:.0f} req/s on {os.cpu_count()} cores with nothing "
          "else running (wrk and the kernel's network work for the clients not counted)")


if __name__ == "__main__":
    main()
