#!/usr/bin/env python3
"""The real server binary under write load, stopped with SIGTERM: every write it acknowledged is
in the database afterwards, no request got a 5xx, new connections are refused, the exit code is
0 and the WAL is empty. Then: a second SIGTERM while the first waits for a slow client ends the
process at once (exit 143), and SIGHUP makes it reopen a log file that logrotate moved away.

usage: shutdown_under_load_test.py path/to/tsunagu-server
"""
import http.client
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

SERVER = sys.argv[1]
KEY = "shutdown-test-audit-key-0123456789abcdef0123"
PASSWORD = "demo-password-2026"


def start(tmp, *extra):
    env = dict(os.environ, TSUNAGU_AUDIT_KEY=KEY, TSUNAGU_DEMO_PASSWORD=PASSWORD)
    proc = subprocess.Popen(
        [SERVER, "--db", os.path.join(tmp, "t.db"), "--port", "0", "--access-log", "false",
         "--threads", "16", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE if "--log-file" not in extra else None,
        env=env, text=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        m = re.search(r"listening on http://[^:]+:(\d+)", line)
        if m:
            threading.Thread(target=proc.stdout.read, daemon=True).start()
            return proc, int(m.group(1))
    proc.kill()
    sys.exit("the server did not start")


def request(port, method, path, body=None, token=None, timeout=30):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    conn.request(method, path, json.dumps(body) if body is not None else None, headers)
    res = conn.getresponse()
    data = res.read()
    conn.close()
    return res.status, data


def fail(message, proc=None):
    if proc and proc.stderr:
        proc.kill()
        print(proc.stderr.read()[-3000:], file=sys.stderr)
    sys.exit("FAIL: " + message)


def sigterm_under_load(tmp):
    proc, port = start(tmp, "--demo")
    status, body = request(port, "POST", "/api/v1/auth/login",
                           {"username": "coord.chuo", "password": PASSWORD})
    if status != 200:
        fail("login: %d %s" % (status, body), proc)
    token = json.loads(body)["token"]
    acknowledged, server_errors, refused, dropped, kinds = [], [], [0], [0], set()
    lock = threading.Lock()
    stop = threading.Event()

    def writer(w):
        i = 0
        while not stop.is_set():
            i += 1
            try:
                status, data = request(port, "POST", "/api/v1/cases",
                                       {"ward": "chuo", "case_ref": "S-%d-%d" % (w, i),
                                        "household_label": "S.T.", "risk_level": "low"}, token)
            except ConnectionRefusedError:
                with lock:
                    refused[0] += 1
                return  # the server stopped accepting: nothing more can be sent
            except (ConnectionError, http.client.HTTPException, socket.timeout) as e:
                # Connections the kernel had queued but the server never accepted are reset
                # when it closes its listening socket: sent, but never received by the server.
                with lock:
                    dropped[0] += 1
                    kinds.add(type(e).__name__)
                continue
            with lock:
                if status == 201:
                    acknowledged.append(json.loads(data)["id"])
                elif status >= 500:
                    server_errors.append((status, data[:200]))

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    time.sleep(2.0)
    before = len(acknowledged)
    proc.send_signal(signal.SIGTERM)
    try:
        rc = proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        fail("the server did not stop within 60 s of SIGTERM", proc)
    time.sleep(0.5)
    stop.set()
    for t in threads:
        t.join()
    err = proc.stderr.read()
    if rc != 0:
        fail("exit code %d after SIGTERM\n%s" % (rc, err[-3000:]))
    if server_errors:
        fail("5xx answers: %r" % server_errors[:5])
    if before < 20:
        fail("only %d writes before the signal: no load" % before)
    if refused[0] == 0:
        fail("no writer saw a refused connection after the stop")
    if os.path.exists(os.path.join(tmp, "t.db-wal")) and os.path.getsize(os.path.join(tmp, "t.db-wal")) > 0:
        fail("the WAL was not checkpointed")
    db = sqlite3.connect(os.path.join(tmp, "t.db"))
    stored = {row[0] for row in db.execute("SELECT id FROM cases")}
    db.close()
    lost = [i for i in acknowledged if i not in stored]
    if lost:
        fail("%d acknowledged writes are not in the database: %r" % (len(lost), lost[:5]))
    print("sigterm under load: %d writes acknowledged (%d before the signal), all stored; "
          "%d connections refused, %d reset unanswered (%s), no 5xx, exit 0"
          % (len(acknowledged), before, refused[0], dropped[0], ", ".join(sorted(kinds))))


def second_signal_exits_at_once(tmp):
    proc, port = start(tmp)
    slow = socket.create_connection(("127.0.0.1", port))
    slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # a head that never ends
    time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    if proc.poll() is not None:
        fail("the first SIGTERM did not wait for the request it had received")
    started = time.time()
    proc.send_signal(signal.SIGTERM)
    try:
        rc = proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        fail("a second SIGTERM did not end the server at once", proc)
    slow.close()
    if rc != 128 + signal.SIGTERM:
        fail("a second SIGTERM exited with %d, not %d" % (rc, 128 + signal.SIGTERM))
    print("second SIGTERM: exit %d after %.2f s" % (rc, time.time() - started))


def sighup_reopens_the_log(tmp):
    log = os.path.join(tmp, "server.log")
    proc, port = start(tmp, "--log-file", log, "--access-log", "true")
    request(port, "GET", "/healthz")
    time.sleep(0.3)
    os.rename(log, log + ".1")  # what logrotate does
    proc.send_signal(signal.SIGHUP)
    deadline = time.time() + 10
    while not os.path.exists(log) and time.time() < deadline:
        time.sleep(0.1)
    if not os.path.exists(log):
        fail("no new log file after SIGHUP", proc)
    request(port, "GET", "/healthz")
    proc.send_signal(signal.SIGTERM)
    rc = proc.wait(timeout=30)
    with open(log) as f:
        new = f.read()
    with open(log + ".1") as f:
        old = f.read()
    if rc != 0 or "listening" in new or "reopened" not in new or "checkpointed" not in new:
        fail("after SIGHUP the log went elsewhere (exit %d):\nold:\n%s\nnew:\n%s" % (rc, old, new))
    print("SIGHUP: the log file was reopened")


with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b, \
        tempfile.TemporaryDirectory() as c:
    sigterm_under_load(a)
    second_signal_exits_at_once(b)
    sighup_reopens_the_log(c)
