#!/usr/bin/env python3
"""End-to-end test of the tsunagu command-line client: the real binary against a real
tsunagu-server on a free port with the demo data.

A scripted day: coord.chuo finds a night nursery open tonight at 23:30 and refers a case to it;
the nursery (partner.night) accepts and completes the referral; the coordinator reads its history
and the gaps report, records a home visit and a call, and assesses the household (特定妊婦). Along the way: exit codes, problem+json errors as one line, --json parsed,
a table with Japanese text checked column by column, the token file's modes, colour only on a
terminal and never with NO_COLOR, every command's --help, and an unreachable server.

Usage: session_test.py TSUNAGU_BINARY TSUNAGU_SERVER_BINARY
"""
import datetime
import json
import os
import pty
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import unicodedata

CLI, SERVER = sys.argv[1], sys.argv[2]
PASSWORD = "cli-session-password-1"
NIGHT_NURSERY = "a0000000-0000-4000-8000-000000000002"  # すすきの夜間保育園ほしぞら (17:00–02:00, Mon–Sat)
CASE_REF = "中央-2026-0012"
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)
    return condition


def width(text):
    """Display columns by East Asian Width: W and F count two (what the client must do)."""
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def start_server(tmp):
    env = dict(os.environ, TSUNAGU_DEMO_PASSWORD=PASSWORD)
    proc = subprocess.Popen([SERVER, "--db", os.path.join(tmp, "cli.db"), "--demo", "--port", "0",
                             "--access-log", "false"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, env=env, text=True)
    found = {}

    def read():
        for line in proc.stdout:
            m = re.search(r"listening on http://[^:]+:(\d+)", line)
            if m and "port" not in found:
                found["port"] = int(m.group(1))
                ready.set()
        ready.set()

    ready = threading.Event()
    threading.Thread(target=read, daemon=True).start()
    ready.wait(60)
    if "port" not in found:
        proc.kill()
        sys.exit("the server did not start")
    return proc, found["port"]


class User:
    """One person's shell: their own config folder (so their own token)."""

    def __init__(self, tmp, name, server):
        self.config = os.path.join(tmp, "config-" + name)
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("NO_COLOR", "COLUMNS", "TSUNAGU_SERVER")}
        self.env.update(XDG_CONFIG_HOME=self.config, TSUNAGU_SERVER=server, COLUMNS="100")

    def run(self, *args, expect=0, stdin=None, env=None):
        result = subprocess.run([CLI, *args], input=stdin, capture_output=True, text=True,
                                env=dict(self.env, **(env or {})), timeout=60)
        check(result.returncode == expect,
              f"tsunagu {' '.join(args)}: exit {result.returncode}, expected {expect}\n"
              f"stdout: {result.stdout}\nstderr: {result.stderr}")
        return result

    def json(self, *args):
        return json.loads(self.run(*args, "--json").stdout)


def columns_of(header, names):
    """Display column where each header name starts."""
    out = []
    for name in names:
        at = header.find(name)
        assert at >= 0, (name, header)
        out.append(width(header[:at]))
    return out


def cells(line, starts):
    """Cuts a table line into cells at the header's display columns."""
    out, col, cur, bounds = [], 0, "", starts[1:] + [10**6]
    i = 0
    for ch in line:
        if col >= bounds[i]:
            out.append(cur.rstrip())
            cur, i = "", i + 1
        cur += ch
        col += width(ch)
    out.append(cur.rstrip())
    while len(out) < len(starts):
        out.append("")
    return out


def check_table_columns(stdout, headers, items, fields, limit):
    """Every cell of every row starts at its header's column, after a gap of two spaces, and
    holds the JSON's value (or a prefix of it ending in an ellipsis); no line is wider than
    `limit`."""
    lines = stdout.rstrip("\n").split("\n")
    starts = columns_of(lines[0], headers)
    check(len(lines) == len(items) + 1, f"one line per item: {len(lines) - 1} vs {len(items)}")
    for line, item in zip(lines[1:], items):
        check(width(line) <= limit, f"line wider than {limit}: {line!r}")
        row = cells(line, starts)
        for start, cell, field in zip(starts, row, fields):
            expected = field(item)
            if start > 0 and width(line) > start:  # an empty last cell leaves the line short
                prefix = "".join(ch for ch in line)
                # the two display columns before a cell are spaces
                col, before = 0, ""
                for ch in prefix:
                    if col >= start:
                        break
                    if col >= start - 2:
                        before += ch
                    col += width(ch)
                check(before == "  ", f"gap before column at {start} in {line!r}")
            if cell.endswith("…"):
                check(expected.startswith(cell[:-1]), f"{cell!r} is not a cut of {expected!r}")
            else:
                check(cell == expected, f"cell {cell!r} != {expected!r} in {line!r}")


def tokyo_today():
    return datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=9))).date().isoformat()


def one_line_error(r):
    return len(r.stderr.strip().split("\n")) == 1 and r.stderr.startswith("tsunagu: ")


def casework(coord, tmp):
    """The coordinator records a home visit and a call, assesses the household with the
    specified-pregnancy form and determines it; a typo in an item is refused before anything is
    sent, the server's 422 is one line."""
    me = coord.json("whoami")
    me = me.get("user", me)
    kinds = {"home_visit": "家庭訪問", "accompanied_visit": "同行訪問", "phone": "電話",
             "office_visit": "来所", "advice": "助言", "other": "その他"}
    org = coord.json("org", "show", NIGHT_NURSERY)
    org_name = org.get("name") or org.get("organization", {}).get("name")

    # Record a visit (a table line) and a call (--json).
    visit = "自宅を訪問。母は夜勤明けで疲れているが、子どもは元気。夜間保育の利用について説明し、見学の日程を相談した。"
    r = coord.run("case", "contacts", CASE_REF, "--add", "--kind", "home_visit", "--on", "today",
                  "--summary", visit, "--next-step", "来週、保育園の見学に同行する",
                  "--with-org", NIGHT_NURSERY)
    check(r.stdout.startswith("対応を記録しました: ") and "家庭訪問" in r.stdout, r.stdout)
    call = coord.json("case", "contacts", CASE_REF, "--add", "--kind", "phone", "--by", "me",
                      "--summary", "見学の日時を電話で確認。")
    check(call["kind"] == "phone" and call["by_user_ids"] == [me["id"]] and
          call["on"] == tokyo_today() and call["next_step"] is None, f"contact --json: {call}")

    contacts = coord.json("case", "contacts", CASE_REF)
    check(contacts["total"] == 2 and [c["kind"] for c in contacts["items"]] == ["phone", "home_visit"],
          f"contacts newest first: {contacts}")
    recorded = contacts["items"][1]
    check(recorded["summary"] == visit and recorded["with_organization_id"] == NIGHT_NURSERY and
          recorded["by_user_ids"] == [me["id"]] and recorded["on"] == tokyo_today(),
          f"the visit as recorded: {recorded}")
    names = {me["id"]: me["display_name"]}
    headers = ["日付", "種別", "対応者", "概要", "次の対応"]
    fields = [lambda c: c["on"], lambda c: kinds[c["kind"]],
              lambda c: "、".join([names.get(u, u) for u in c["by_user_ids"]] +
                                 ([org_name] if c["with_organization_id"] == NIGHT_NURSERY else [])),
              lambda c: c["summary"], lambda c: c["next_step"] or ""]
    table = coord.run("case", "contacts", CASE_REF).stdout
    check_table_columns(table, headers, contacts["items"], fields, 100)
    check(visit[:5] in table and "…" in table, f"the long summary is cut to fit 100 columns:\n{table}")
    narrow = coord.run("case", "contacts", CASE_REF, env={"COLUMNS": "80"}).stdout
    check_table_columns(narrow, headers, contacts["items"], fields, 80)
    paged = coord.json("case", "contacts", CASE_REF, "--per-page", "1", "--page", "2")
    check(paged["total"] == 2 and [c["id"] for c in paged["items"]] == [recorded["id"]], "paging")
    r = coord.run("case", "contacts", CASE_REF, "--per-page", "1")
    check("2 件中 1 件を表示" in r.stdout, r.stdout)
    # Recording flags without --add, and --add without its fields, are usage errors.
    r = coord.run("case", "contacts", CASE_REF, "--kind", "phone", expect=2)
    check("--add" in r.stderr, r.stderr)
    r = coord.run("case", "contacts", CASE_REF, "--add", "--kind", "phone", expect=2)
    check(one_line_error(r) and "--summary" in r.stderr, r.stderr)
    # The server's 422 (an accompanied visit names two people) is one line.
    r = coord.run("case", "contacts", CASE_REF, "--add", "--kind", "accompanied_visit",
                  "--summary", "同行訪問", expect=1)
    check(one_line_error(r) and "[HTTP 422" in r.stderr and "by_user_ids" in r.stderr, r.stderr)
    check(coord.json("case", "contacts", CASE_REF)["total"] == 2, "nothing more was recorded")

    # Assess with the newest form version; the score and suggested level are printed.
    forms = coord.json("case", "forms")
    newest = max((f for f in forms["items"] if f["form"] == "specified_pregnancy"),
                 key=lambda f: f["version"])
    weights = {i["code"]: i["weight"] for i in newest["items"]}
    texts = {i["code"]: i["text"] for i in newest["items"]}
    present = ["young_mother", "no_prenatal_checkups", "domestic_violence"]
    score = sum(weights[c] for c in present)
    level = ("high" if score >= newest["thresholds"]["high"] else
             "medium" if score >= newest["thresholds"]["medium"] else "low")
    check("young_mother" in coord.run("case", "forms").stdout, "case forms lists the items")
    r = coord.run("case", "assess", CASE_REF, "--form", "specified_pregnancy", "--item",
                  "young_mother", "--item", "no_prenatal_checkups,domestic_violence", "--note",
                  "妊娠届出時の面談。19歳。")
    check(r.stdout.startswith("アセスメントを記録しました: "), r.stdout)
    score_line = [l for l in r.stdout.split("\n") if l.startswith("点数")]
    check(score_line and re.search(rf"\b{score} 点", score_line[0]), f"score {score}: {r.stdout}")
    level_line = [l for l in r.stdout.split("\n") if l.startswith("判定目安")]
    check(level_line and level_line[0].split()[-1] == {"high": "高", "medium": "中", "low": "低"}[level],
          f"suggested {level}: {r.stdout}")

    assessments = coord.json("case", "assess", CASE_REF)
    check(assessments["total"] == 1, f"one assessment: {assessments}")
    a = assessments["items"][0]
    check(a["score"] == score and a["suggested_risk_level"] == level and
          a["form_version"] == newest["version"] and
          a["answers"] == {c: True for c in present} and a["assessed_on"] == tokyo_today(),
          f"the assessment as made: {a}")
    table = coord.run("case", "assess", CASE_REF).stdout
    check_table_columns(
        table, ["ID", "実施日", "様式", "点数", "目安", "決定", "主な要因"], assessments["items"],
        [lambda a: a["id"], lambda a: a["assessed_on"], lambda a: f"特定妊婦 v{a['form_version']}",
         lambda a: str(a["score"]), lambda a: {"high": "高", "medium": "中", "low": "低"}[level],
         lambda a: "未決定",
         lambda a: "、".join(f"{texts[d['code']]}({d['weight']})" for d in a["drivers"])], 100)

    # An item the form does not have: refused here, naming it and the valid ones; nothing sent.
    r = coord.run("case", "assess", CASE_REF, "--item", "young_mother,yuong_mother", expect=2)
    check(one_line_error(r) and r.stderr.startswith("tsunagu: --item:") and
          "yuong_mother" in r.stderr and all(c in r.stderr for c in weights), r.stderr)
    r = coord.run("case", "assess", CASE_REF, "--form", "no_such_form", expect=2)
    check(one_line_error(r) and "specified_pregnancy" in r.stderr, r.stderr)
    # A future date is the server's 422, one line.
    r = coord.run("case", "assess", CASE_REF, "--item", "young_mother", "--on", "tomorrow",
                  expect=1)
    check(one_line_error(r) and "[HTTP 422" in r.stderr and "assessed_on" in r.stderr, r.stderr)
    check(coord.json("case", "assess", CASE_REF)["total"] == 1, "no assessment was added")

    # The coordinator's determination: the case becomes a 特定妊婦 case; a second one is a 409.
    r = coord.run("case", "assess", CASE_REF, "--determine", a["id"], "--specified-pregnancy",
                  "yes", "--risk", "high", "--note", "実務者会議で合意")
    check("特定妊婦・高" in r.stdout, r.stdout)
    case = coord.json("case", "find", CASE_REF)
    check("specified_pregnancy" in case["risk_categories"] and case["risk_level"] == "high",
          f"determined: {case['risk_categories']} {case['risk_level']}")
    check("特定妊婦・高" in coord.run("case", "assess", CASE_REF).stdout, "the table shows it")
    r = coord.run("case", "assess", CASE_REF, "--determine", a["id"], "--specified-pregnancy",
                  "no", "--risk", "low", expect=1)
    check(one_line_error(r) and "[HTTP 409" in r.stderr, r.stderr)
    r = coord.run("case", "assess", CASE_REF, "--determine", a["id"], "--risk", "high", expect=2)
    check("--specified-pregnancy" in r.stderr, r.stderr)

    # --help names every flag; completion knows the new commands and flags.
    r = coord.run("case", "contacts", "--help")
    check(all(f in r.stdout for f in ("--add", "--kind", "--on", "--summary", "--next-step",
                                       "--with-org", "--by", "--page", "--per-page")), r.stdout)
    r = coord.run("case", "assess", "--help")
    check(all(f in r.stdout for f in ("--form", "--item", "--on", "--note", "--determine",
                                       "--specified-pregnancy", "--risk", "--page")), r.stdout)
    if shutil.which("bash"):
        script = coord.run("completion", "bash").stdout
        for words, expected in ((["case", "as"], "assess"), (["case", "cont"], "contacts"),
                                (["case", "contacts", CASE_REF, "--with"], "--with-org"),
                                (["case", "assess", CASE_REF, "--dete"], "--determine")):
            r = subprocess.run(["bash", "-c", script + "\nCOMP_WORDS=(tsunagu " + " ".join(words) +
                                "); COMP_CWORD=" + str(len(words)) + '; _tsunagu; echo "${COMPREPLY[*]}"'],
                               capture_output=True, text=True)
            check(r.stdout.strip() == expected, f"completion of {words}: {r.stdout!r} {r.stderr!r}")

    idempotency_on_the_wire(coord)


def idempotency_on_the_wire(coord):
    """A creating POST carries an Idempotency-Key (a random UUID); when its answer is lost, the
    client sends it once more with the same key. A stand-in server records the requests, drops
    the first answer and answers the second."""
    import http.server
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            seen.append((self.path, self.headers.get("Idempotency-Key"), body))
            if len(seen) == 1:
                self.close_connection = True  # the answer is lost
                return
            answer = json.dumps({"id": "c1", "kind": "phone", "on": "2026-12-01"}).encode()
            self.send_response(201)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    fake = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=fake.serve_forever, daemon=True).start()
    try:
        case_id = "c0000000-0000-4000-8000-000000000001"
        r = coord.run("--server", f"http://127.0.0.1:{fake.server_address[1]}", "case",
                      "contacts", case_id, "--add", "--kind", "phone", "--on", "2026-12-01",
                      "--summary", "電話")
        check("c1" in r.stdout, r.stdout)
    finally:
        fake.shutdown()
    check(len(seen) == 2, f"sent twice: {seen}")
    if len(seen) == 2:
        check(seen[0][0] == f"/api/v1/cases/{case_id}/contacts", seen[0][0])
        check(re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}",
                           seen[0][1] or ""), f"Idempotency-Key is a UUID: {seen[0][1]!r}")
        check(seen[0][1] == seen[1][1] and seen[0][2] == seen[1][2],
              "the retry has the same key and body")


def main():
    tmp = tempfile.mkdtemp(prefix="tsunagu-cli-")
    server, port = start_server(tmp)
    base = f"http://127.0.0.1:{port}"
    try:
        run_day(tmp, base)
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("ok")


def run_day(tmp, base):
    coord = User(tmp, "coord", base)
    night = User(tmp, "night", base)

    # Not signed in yet: exit 4 and a hint.
    r = coord.run("whoami", expect=4)
    check("tsunagu login" in r.stderr, "not signed in names tsunagu login")

    # A wrong password is one line, in Japanese by default, exit 4, no token written.
    r = coord.run("login", "-u", "coord.chuo", "--password-stdin", stdin="wrong-password-123\n",
                  expect=4)
    check(len(r.stderr.strip().split("\n")) == 1 and "[HTTP 401" in r.stderr, r.stderr)
    check(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", r.stderr), "the 401 title is Japanese")
    check(not os.path.exists(os.path.join(coord.config, "tsunagu", "credentials.json")),
          "no credentials after a failed sign-in")

    # Sign in; the token file is 0600 in a 0700 folder and holds the token.
    r = coord.run("login", "-u", "coord.chuo", "--password-stdin", stdin=PASSWORD + "\n")
    check(base in r.stdout and "coord.chuo" in r.stdout, r.stdout)
    cred = os.path.join(coord.config, "tsunagu", "credentials.json")
    check(stat.S_IMODE(os.stat(cred).st_mode) == 0o600, "credentials.json is 0600")
    check(stat.S_IMODE(os.stat(os.path.dirname(cred)).st_mode) == 0o700, "its folder is 0700")
    check(len(json.load(open(cred))["token"]) >= 32, "a token is saved")
    me = coord.json("whoami")
    check(me["user"]["role"] == "coordinator" if "user" in me else me["role"] == "coordinator",
          "whoami --json: coordinator")
    check("中央区" in coord.run("whoami").stdout, "whoami names the ward")

    # Tonight at 23:30 (tomorrow when today is a Sunday in Tokyo: the nursery is shut then).
    tokyo = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=9)))
    when = "tomorrow 23:30" if tokyo.weekday() == 6 else "today 23:30"
    found = coord.json("org", "search", "--category", "night_nursery", "--ward", "chuo",
                       "--open-at", when)
    ids = [o["id"] for o in found["items"]]
    check(NIGHT_NURSERY in ids, f"the night nursery is open at {when}: {ids}")
    check(all(o["category"] == "night_nursery" for o in found["items"]), "only night nurseries")
    closed = coord.json("org", "search", "--category", "night_nursery", "--ward", "chuo",
                        "--open-at", "today 12:00" if when.startswith("today") else "tomorrow 12:00")
    check(NIGHT_NURSERY not in [o["id"] for o in closed["items"]], "closed at noon")

    # The same search as a table: Japanese names line up, column by column.
    table = coord.run("org", "search", "--category", "night_nursery", "--ward", "chuo",
                      "--open-at", when).stdout
    check_table_columns(table, ["ID", "名称", "種別", "区", "地区", "受入"], found["items"],
                        [lambda o: o["id"], lambda o: o["name"], lambda o: "夜間保育所",
                         lambda o: "中央区", lambda o: o.get("district") or "",
                         lambda o: {"open": "受け入れ可", "limited": "残りわずか",
                                    "waitlist": "空き待ち", "full": "満員"}.get(
                                        (o.get("capacity") or {}).get("status"), "")],
                        100)
    # Narrow terminal: long names are cut with an ellipsis, the table fits 72 columns.
    all_chuo = coord.json("org", "search", "--ward", "chuo", "--per-page", "30")
    narrow = coord.run("org", "search", "--ward", "chuo", "--per-page", "30",
                       env={"COLUMNS": "72"}).stdout
    check("…" in narrow, "a narrow table cuts names with an ellipsis")
    for line in narrow.rstrip("\n").split("\n"):
        check(width(line) <= 72, f"fits 72 columns: {line!r}")
    lines = narrow.rstrip("\n").split("\n")
    starts = columns_of(lines[0], ["ID", "名称", "種別"])
    for line, item in zip(lines[1:], all_chuo["items"]):
        row = cells(line, starts)
        check(row[0] == item["id"], f"ids are never cut: {row[0]!r}")
        check(row[1] == item["name"] or (row[1].endswith("…") and
                                          item["name"].startswith(row[1][:-1])),
              f"name {row[1]!r} vs {item['name']!r}")

    # Bad option values are refused before anything is sent, naming the option.
    r = coord.run("org", "search", "--open-at", "tonight", expect=2)
    check(r.stderr.startswith("tsunagu: --open-at:"), r.stderr)
    r = coord.run("referral", "complete", "x", expect=2)
    check("--outcome" in r.stderr, r.stderr)

    # The case, by the ward's own number.
    case = coord.json("case", "find", CASE_REF)
    check(case["case_ref"] == CASE_REF, "case find")
    check(CASE_REF in coord.run("case", "list").stdout, "case list shows the case")

    # Refer it: a draft with consent, then send.
    referral = coord.json("referral", "create", "--case", CASE_REF, "--org", NIGHT_NURSERY,
                          "--basis", "consent", "--consent-scope",
                          "夜間保育の利用調整のため世帯の状況を共有",
                          "--summary", "母が夜勤。3歳児の夜間保育を相談したい。")
    rid = referral["id"]
    check(referral["status"] == "draft" and referral["case_id"] == case["id"], "a draft")
    r = coord.run("referral", "send", rid)
    check("送付済み" in r.stdout, r.stdout)

    # The nursery signs in, finds it in its inbox, accepts and completes it.
    night.run("login", "-u", "partner.night", "--password-stdin", stdin=PASSWORD + "\n")
    inbox = night.json("referral", "inbox")
    check(rid in [x["id"] for x in inbox["items"]], "the referral is in the partner's inbox")
    check(all("case_id" not in x for x in inbox["items"]), "the partner sees no case id")
    check(rid in night.run("referral", "inbox").stdout, "inbox table")
    check(night.json("referral", "accept", rid)["status"] == "accepted", "accepted")
    # A step that is no longer possible: 409 as one readable line, exit 1.
    r = night.run("referral", "decline", rid, "--reason", "no_capacity", expect=1)
    check(len(r.stderr.strip().split("\n")) == 1 and "[HTTP 409" in r.stderr, r.stderr)
    r = night.run("--lang", "en", "referral", "decline", rid, "--reason", "no_capacity",
                  expect=1)
    check("cannot become declined" in r.stderr or "state" in r.stderr, r.stderr)
    # A broken field: 422 names it.
    r = night.run("referral", "complete", rid, "--outcome", "maybe", expect=1)
    check("outcome" in r.stderr and "[HTTP 422" in r.stderr, r.stderr)
    done = night.json("referral", "complete", rid, "--outcome", "enrolled", "--note",
                      "12月から週3回利用")
    check(done["status"] == "completed" and done["outcome"] == "enrolled", "completed")
    # The partner may not read cases at all.
    night.run("case", "list", expect=1)

    # The coordinator reads the history and the reports.
    history = coord.json("referral", "history", rid)
    check([e["to"] for e in history["items"]] == ["draft", "sent", "accepted", "completed"],
          f"history: {[e['to'] for e in history['items']]}")
    r = coord.run("referral", "history", rid)
    check(all(s in r.stdout for s in ("下書き", "送付済み", "受理", "完了")), r.stdout)
    gaps = coord.json("gaps")
    check("overdue_action_items" in gaps["sections"], "gaps sections")
    r = coord.run("gaps")
    check("期限を過ぎた宿題" in r.stdout and "回答のない紹介" in r.stdout, r.stdout)
    check(gaps["sections"]["overdue_action_items"]["items"][0]["title"][:6] in r.stdout,
          "the overdue action item is printed")
    report = coord.json("report", "referrals", "--from", "today", "--to", "today",
                        "--group-by", "organization")
    check(report["total"]["sent"] >= 1 and report["total"]["with_outcome"] >= 1, "report totals")
    check(any(g["key"] == NIGHT_NURSERY for g in report["groups"]), "grouped by organization")
    csv = coord.run("report", "referrals", "--from", "today", "--to", "today", "--csv").stdout
    check(csv.startswith("\ufeffgroup_by,") or csv.startswith("group_by,"), csv[:40])
    dot = coord.run("network", "--dot").stdout
    check(dot.lstrip().startswith("graph") and NIGHT_NURSERY in dot, dot[:80])
    if shutil.which("dot"):
        svg = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True)
        check(svg.returncode == 0 and "<svg" in svg.stdout, "dot -Tsvg draws the network")

    # Meetings and action items.
    meetings = coord.json("meeting", "list")
    practitioners = [m for m in meetings["items"] if m["kind"] == "practitioners"]
    check(len(practitioners) == 1, "the demo's practitioners' meeting")
    agenda = coord.json("meeting", "agenda", practitioners[0]["id"], "--suggested")
    check(any(a["case_ref"] == CASE_REF for a in agenda["items"]), "suggested agenda")
    overdue = coord.json("actions", "--overdue")
    check(overdue["total"] >= 1 and all(a["overdue"] for a in overdue["items"]), "overdue items")
    minutes = os.path.join(tmp, "minutes.md")
    with open(minutes, "w") as f:
        f.write("# 実務者会議\n\n- 進行管理の確認\n")
    roundtable = [m for m in meetings["items"] if m["kind"] == "roundtable"][0]
    r = coord.run("meeting", "minutes", practitioners[0]["id"], "--file", minutes)
    check(coord.run("meeting", "minutes", practitioners[0]["id"]).stdout.startswith("# 実務者会議"),
          "minutes saved and read back")
    # The roundtable wall: minutes quoting a case reference are refused, naming the field.
    with open(minutes, "w") as f:
        f.write(f"{CASE_REF} について話した\n")
    r = coord.run("meeting", "minutes", roundtable["id"], "--file", minutes, expect=1)
    check("minutes" in r.stderr and "[HTTP 422" in r.stderr, r.stderr)

    casework(coord, tmp)

    # Colour: on a terminal only, never with NO_COLOR.
    def on_terminal(extra_env):
        master, slave = pty.openpty()
        proc = subprocess.Popen([CLI, "whoami"], stdout=slave, stderr=subprocess.PIPE,
                                env=dict(coord.env, **extra_env))
        os.close(slave)
        out = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        proc.wait(30)
        os.close(master)
        return out.decode()
    check("\x1b[1m" in on_terminal({}), "bold on a terminal")
    check("\x1b[" not in on_terminal({"NO_COLOR": "1"}), "no colour with NO_COLOR")
    check("\x1b[" not in coord.run("whoami").stdout, "no colour into a pipe")

    # Every command's --help, from the completion script's own list of command paths.
    script = coord.run("completion", "bash").stdout
    paths = re.findall(r'^    "([^"]*)"\) echo', script, re.M)
    check(len(paths) > 20 and "referral decline" in paths, f"completion lists {len(paths)}")
    for path in sorted(set(paths)):
        args = path.split() + ["--help"]
        r = coord.run(*args)
        usage = re.search(r"^Usage: (tsunagu[^\[\n]*?) ?(\[OPTIONS\]|$)", r.stdout, re.M)
        check(usage is not None and usage.group(1).strip() == f"tsunagu {path}".strip(),
              f"help of {path!r}: {r.stdout[:200]!r}")
    if shutil.which("bash"):
        r = subprocess.run(["bash", "-c", script + '\nCOMP_WORDS=(tsunagu referral de); '
                            'COMP_CWORD=2; _tsunagu; echo "${COMPREPLY[*]}"'],
                           capture_output=True, text=True)
        check(r.stdout.strip() == "decline", f"bash completion: {r.stdout!r} {r.stderr!r}")

    # An unreachable server is named, exit 3.
    r = coord.run("--server", "http://127.0.0.1:9", "org", "search", expect=3)
    check("http://127.0.0.1:9" in r.stderr, r.stderr)

    # Sign out: the token is revoked and deleted.
    token = json.load(open(cred))["token"]
    coord.run("logout")
    check(not os.path.exists(cred), "logout deletes the token")
    os.makedirs(os.path.dirname(cred), exist_ok=True)
    with open(cred, "w") as f:
        json.dump({"server": base, "token": token, "username": "coord.chuo"}, f)
    coord.run("whoami", expect=4)  # the old token no longer works


if __name__ == "__main__":
    main()
