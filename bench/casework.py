"""Case-work benchmark: our figures and a peer's, side by side, in one run.

    .venv/bin/python bench/casework.py [--complaints 1200000] [--var DIR]

The real application (``damrong.main``, FileStorage + blobs in a temporary directory, or
``--var DIR`` kept and reused) is loaded with ``--complaints`` synthetic complaints over the
districts of Ratchaburi (``damrong.bulk``); then about one in fifty is made a case awaiting a
report (sent to a district, forwarded to an agency or assigned to a team) with a due date within
thirty days either side of today and a responsible officer, and 60 closures are proposed at
7001 (again on each run with a kept ``--var``). Every request goes through the whole WSGI stack in-process (WebTest, no network), so the
times are server times.

a. Approving 30 proposed closures in one request (the supervisor's approval page).
   Peer: another 30 approved one page at a time (a POST of the complaint page's button, then
   the page it returns to), as a supervisor had to before.
b. The work queues and the overdue list: the officer's work page at 7001 and at the province,
   the inbox, the approval queue, the overdue list; 20 warm repetitions each, p50 and p95.
   Peer: the overdue list computed by a naive scan (every complaint of the province and its
   districts, its due date and state read), in-process, which spares it HTTP and templates.
c. The daily deadline job: the first run (every due date before today) and a day's run (the
   due dates of one day); both read only the listing's due-date sets. Each overdue case that
   waits for an agency or another center also gets its stored follow-up letter draft.
   Peer: the naive scan of b, which any job without the index has to do every day.
"""

import argparse
import datetime
import os
import random
import shutil
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

import transaction  # noqa: E402
import webtest  # noqa: E402
from pyramid.threadlocal import manager as threadlocal_manager  # noqa: E402

import damrong  # noqa: E402
from damrong.accounts import add_user  # noqa: E402
from damrong.bulk import load_synthetic  # noqa: E402
from damrong.deadlines import note_overdue  # noqa: E402
from damrong.resources.site import get_site  # noqa: E402
from damrong.security import Actor  # noqa: E402
from damrong.thai import national_id  # noqa: E402
from damrong.thai.dates import BANGKOK  # noqa: E402
from helpers import PASSWORD, login, make_settings  # noqa: E402

AWAITING = ("sent", "forwarded", "assigned")
PROPOSED = 60


def build(var_dir, complaints, rng, log):
    """The app on ``var_dir``, loaded once (a kept ``--var`` with the same size is reused)."""
    app = damrong.main({}, **make_settings(var_dir))
    db = app.registry._zodb_databases[""]
    threadlocal_manager.push({"registry": app.registry, "request": None})
    connection = db.open()
    site = get_site(connection)
    staff = getattr(site, "bench_staff", None)
    if staff is None or site.listing.size() < complaints:
        began = time.perf_counter()
        codes = [c.code for c in site.centers["70"].subcenters()]
        load_synthetic(site, codes, complaints, rng,
                       progress=lambda done, total: log(f"  loaded {done:,}/{total:,}")
                       if done % 100_000 == 0 else None)
        log(f"  loaded {complaints:,} complaints in {time.perf_counter() - began:.0f} s")
        staff = _staff(site, rng)
        _make_cases(site, staff, rng, log)
        site.bench_staff = staff
        transaction.commit()
    _propose(site, app.registry.workflow, staff, log)  # again on a kept database
    connection.close()
    threadlocal_manager.pop()
    return app, staff


def _staff(site, rng):
    staff = {}
    for role, code in (("officer", "7001"), ("supervisor", "7001"), ("officer", "70"),
                       ("supervisor", "70")):
        login_id = national_id.generate(rng)
        user, _ = add_user(site, login_id, f"ทดสอบ {role}", role, code, password=PASSWORD)
        user.must_change_password = False
        staff[f"{role}@{code}"] = login_id
    return staff


def _make_cases(site, staff, rng, log):
    """About one complaint in fifty awaits a report with a due date."""
    today = datetime.datetime.now(BANGKOK).date()
    officer = staff["officer@7001"]
    made = 0
    for number, key in enumerate(list(site.listing.ids.keys())):
        if number % 20_000 == 0:
            site._p_jar.cacheGC()  # memory stays bounded at a million complaints
        complaint = site.listing.complaint(key)
        if complaint.read_only or rng.random() >= 0.02:
            continue
        status = rng.choice(AWAITING)
        due = today + datetime.timedelta(days=rng.randint(-30, 30))
        extra = {"working_center": "70"} if status == "sent" else {}
        complaint.change("bench", "ข้อมูลทดสอบ", status=status, due_date=due,
                         responsible=officer if complaint.center.code == "7001" else None,
                         **extra)
        made += 1
        if made % 5000 == 0:
            transaction.commit()
    transaction.commit()
    log(f"  {made:,} cases awaiting a report")


def _propose(site, workflow, staff, log):
    """Closures proposed at 7001 up to ``PROPOSED`` (the last run approved them)."""
    waiting = site.listing.query("7001", filters={"status": "closure-proposed"}, limit=0).total
    proposer = Actor.staff(staff["officer@7001"], "officer", "7001")
    page = site.listing.query("7001", filters={"status": "received"},
                              limit=max(PROPOSED - waiting, 0))
    for complaint in page.complaints:
        for name in ("screen", "work"):
            workflow.apply(complaint, name, proposer, "ข้อมูลทดสอบ")
        workflow.apply(complaint, "propose", proposer, "ดำเนินการแล้ว เห็นควรยุติเรื่อง")
    transaction.commit()
    log(f"  {PROPOSED} closures proposed at 7001")


def client(app, login_id):
    c = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    login(c, login_id).follow()
    return c


def timed(fn, repeats):
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    return times


def p95(times):
    return sorted(times)[max(int(len(times) * 0.95) - 1, 0)]


def approvals(app, staff):
    """a: 30 in one request (ours) against 30 one page at a time (the peer)."""
    supervisor = client(app, staff["supervisor@7001"])
    page = supervisor.get("/moi/70/7001/@@approvals")
    token = page.html.find("input", {"name": "csrf_token"})["value"]
    cases = [box["value"] for box in page.html.find_all("input", {"name": "case"})]
    ours_cases = cases[:30]
    began = time.perf_counter()
    supervisor.post("/moi/70/7001/@@approvals",
                    [("csrf_token", token), ("decision", "approve")]
                    + [("case", path) for path in ours_cases], status=303)
    ours = time.perf_counter() - began
    if "อนุมัติยุติเรื่องแล้ว ๓๐ เรื่อง" not in supervisor.get("/moi/70/7001/@@approvals").text:
        raise RuntimeError("the 30 were not all approved")
    page = supervisor.get("/moi/70/7001/@@approvals")
    peer_cases = [box["value"] for box in page.html.find_all("input", {"name": "case"})][:30]
    began = time.perf_counter()
    for path in peer_cases:
        supervisor.post(path + "@@transition", {"csrf_token": token, "name": "close",
                                                "note": "ยุติเรื่อง"}, status=303).follow()
    peer = time.perf_counter() - began
    return {"ours_s": ours, "peer_s": peer, "approved": len(ours_cases)}


def queues(app, staff, repeats):
    """b: each queue page, warm, through the whole stack."""
    district = client(app, staff["officer@7001"])
    province = client(app, staff["officer@70"])
    supervisor = client(app, staff["supervisor@7001"])
    pages = {
        "work 7001": (district, "/moi/70/7001/@@work"),
        "work 70": (province, "/moi/70/@@work"),
        "inbox 70": (province, "/moi/70/@@inbox"),
        "approvals 7001": (supervisor, "/moi/70/7001/@@approvals"),
    }
    figures = {}
    for name, (c, url) in pages.items():
        c.get(url, status=200)  # cold
        times = timed(lambda: c.get(url, status=200), repeats)
        figures[name] = {"p50_ms": statistics.median(times), "p95_ms": p95(times)}
    return figures


def naive_overdue(site, center_code, today, workflow):
    """The peer: every complaint of the center and below, its state and due date read."""
    found = 0
    stack = [site.centers[center_code]]
    while stack:
        center = stack.pop()
        stack.extend(center.subcenters())
        for complaint in center.complaints.values():
            if (complaint.due_date and workflow.awaits(complaint.status)
                    and complaint.due_date < today):
                found += 1
    return found


def deadline_job(app, today):
    """c: the first run and a day's run of the job (ours), the naive scan (peer)."""
    db = app.registry._zodb_databases[""]
    threadlocal_manager.push({"registry": app.registry, "request": None})
    tm = transaction.TransactionManager()
    connection = db.open(transaction_manager=tm)
    try:
        site = get_site(connection)
        site.deadline_watch.checked_through = None
        began = time.perf_counter()
        first, _mails = note_overdue(site, today, app.registry.letter_kinds)
        first_s = time.perf_counter() - began
        site.deadline_watch.checked_through = today - datetime.timedelta(days=2)
        began = time.perf_counter()
        day, _mails = note_overdue(site, today, app.registry.letter_kinds)
        day_s = time.perf_counter() - began
        tm.abort()
        connection.cacheMinimize()
        began = time.perf_counter()
        naive = naive_overdue(site, "70", today, app.registry.workflow)
        naive_s = time.perf_counter() - began
        tm.abort()
    finally:
        connection.close()
        threadlocal_manager.pop()
    return {"first_run_s": first_s, "first_run_cases": first, "day_run_s": day_s,
            "day_run_cases": day, "naive_s": naive_s, "naive_cases": naive}


def run(var_dir, complaints, repeats=20, seed=2569, log=print):
    rng = random.Random(seed)
    app, staff = build(var_dir, complaints, rng, log)
    try:
        today = datetime.datetime.now(BANGKOK).date()
        measured_queues = queues(app, staff, repeats)  # the approval queue still full
        return {"complaints": complaints,
                "approvals": approvals(app, staff),
                "queues": measured_queues,
                "deadlines": deadline_job(app, today)}
    finally:
        app.registry._zodb_databases[""].close()


def report(figures, out=print):
    out(f"case work at {figures['complaints']:,} complaints (server time, in-process WSGI)")
    a = figures["approvals"]
    out(f"approve 30 closures        ours {a['ours_s']:.2f} s in one request   "
        f"peer {a['peer_s']:.2f} s one page at a time   (target <= 2 s)")
    for name, q in figures["queues"].items():
        out(f"queue {name:<16}     ours p50 {q['p50_ms']:.0f} ms  p95 {q['p95_ms']:.0f} ms   "
            "(target p95 <= 150 ms)")
    d = figures["deadlines"]
    out(f"deadline job, first run    ours {d['first_run_s']:.2f} s ({d['first_run_cases']:,} cases)"
        f"   a day's run {d['day_run_s']:.3f} s ({d['day_run_cases']:,} cases)   (target <= 60 s)")
    out(f"overdue by naive scan      peer {d['naive_s']:.2f} s ({d['naive_cases']:,} overdue "
        "in 70 and its districts)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=1_200_000)
    parser.add_argument("--var", help="keep the loaded database here and reuse it")
    args = parser.parse_args()
    work = args.var or tempfile.mkdtemp(prefix="damrong-casework-")
    try:
        report(run(work, args.complaints))
    finally:
        if not args.var:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
