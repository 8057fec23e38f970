"""Intake and listing benchmark: our figures and a peer's, side by side, in one run.

    .venv/bin/python bench/intake.py [--complaints 1000000] [--quick] [--var DIR] [--keep]

a. Registration throughput through the real WSGI stack. The real application runs under waitress
   (threads=4) in a separate process on 127.0.0.1, on a fresh FileStorage with blobs. Each HTTP
   client logs in as a clerk of ศูนย์ดำรงธรรมอำเภอเมืองราชบุรี (7001) and, in a loop, GETs the
   register page, replays every field of the intake form in document order (deform's peppercorn
   markers included) with one small JPEG under the ``file`` input, and POSTs it as
   multipart/form-data built by hand; a registration counts when the answer is the 303 to the new
   complaint. Afterwards the database is opened and the receipt numbers are checked: none may
   repeat, and there must be exactly one complaint per 303.
   Peer: a bare Pyramid application on the same stack (same waitress, same pyramid_tm,
   pyramid_retry and pyramid_zodbconn configuration, its own FileStorage): its GET returns the
   register page we served (same bytes, nothing rendered) and its POST parses the same multipart
   body and answers 303 without touching the database. Same clients, same concurrency, so the ratio
   shows how close registration comes to the framework's own ceiling.

b. Listing latency at scale. ``damrong.bulk`` loads ``--complaints`` synthetic complaints over
   the districts of Ratchaburi (70) and Chiang Mai (50) and the two province centers; a ministry
   executive then GETs listing pages of 7001, 70 and the ministry, with and without filters
   (category, status, fiscal year, a combination, page 5), through the real WSGI stack, one
   request at a time. The first request of each query kind (cold caches) is reported apart; the
   percentiles are over the warm repetitions.
   Peer: the same queries answered by a naive scan (every complaint in the folders of the center
   and the centers below it, filtered, sorted by time received, sliced), run in-process on the
   same database, which spares the peer the HTTP and template cost; it is timed on a sample of
   queries within a time budget. The totals of the sampled queries are compared with the page's.

With BENCH_PROFILE_DIR=DIR in the environment, each server process profiles every request
(cProfile, CPU time of the request's thread) and writes ``DIR/<kind>-<database>.prof`` when it
stops; read it with ``python -m pstats``.

Client and server processes share this machine's CPUs, as they would not in production; the
figures are therefore a floor. Data.fs lives in a temporary directory deleted at the end unless
``--keep``; with ``--var DIR`` the listing database is kept there and reused by the next run
(loaded again only when it holds a different number of complaints).
"""

import argparse
import datetime
import html.parser
import http.client
import io
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "correct-horse-battery"
INTAKE_CENTER = ("70", "7001")
REGISTER_PATH = "/moi/70/7001/@@register"
PEER_PATH = "/register"
TARGET_RATE = 30.0
TARGET_P95_MS = 150.0

# -- settings and databases -------------------------------------------------------------------


def bench_settings(var_dir, worker="none"):
    """The application settings of the tests (tests/conftest.make_settings)."""
    var_dir = str(var_dir)
    return {
        "zodbconn.uri": (f"file://{var_dir}/Data.fs?blobstorage_dir={var_dir}/blobs"
                         "&connection_cache_size=100000"),
        "retry.attempts": "10",
        "tm.manager_hook": "pyramid_tm.explicit_manager",
        "damrong.var_dir": var_dir,
        "damrong.config_dir": os.path.join(ROOT, "config"),
        "damrong.scans_dir": os.path.join(var_dir, "scans"),
        "damrong.development": "true",
        "damrong.worker": worker,
        "damrong.upload_limit_mb": "5",
        "damrong.max_image_pixels": "40000000",
    }


class OpenSite:
    """The damrong site of ``var_dir`` opened in this process with its registry current."""

    def __init__(self, var_dir):
        self.var_dir = var_dir

    def __enter__(self):
        import transaction
        from pyramid.threadlocal import manager

        import damrong
        from damrong.resources.site import get_site

        settings = dict(bench_settings(self.var_dir), **{"damrong.warm_templates": "false"})
        self.app = damrong.main({}, **settings)  # renders no page: no templates to compile
        self.db = self.app.registry._zodb_databases[""]
        manager.push({"registry": self.app.registry, "request": None})
        self.tm = transaction.TransactionManager()
        self.connection = self.db.open(transaction_manager=self.tm)
        self.site = get_site(self.connection)
        return self

    def __exit__(self, *exc):
        from pyramid.threadlocal import manager

        self.tm.abort()
        self.connection.close()
        manager.pop()
        self.db.close()


def add_users(opened, role, center_code, count, rng):
    """``count`` accounts ready to log in (no password change owed); returns their logins."""
    from damrong.accounts import add_user
    from damrong.thai import national_id

    logins = []
    while len(logins) < count:
        login = national_id.generate(rng)
        if login in opened.site.users:
            continue
        user, _ = add_user(opened.site, login, f"ผู้ทดสอบ {role} {len(logins) + 1}", role,
                           center_code, password=PASSWORD)
        user.must_change_password = False
        logins.append(login)
    opened.tm.commit()
    return logins


def data_fs_size(var_dir):
    path = os.path.join(str(var_dir), "Data.fs")
    return os.path.getsize(path) if os.path.exists(path) else 0


# -- the server process -----------------------------------------------------------------------


def make_peer_app(settings, form_path):
    """A bare Pyramid app on the same stack: GET gives the saved form, POST parses and 303s."""
    from pyramid.config import Configurator
    from pyramid.httpexceptions import HTTPSeeOther
    from pyramid.response import Response

    with open(form_path, "rb") as f:
        form_page = f.read()

    def form(request):
        return Response(body=form_page, content_type="text/html", charset="utf-8")

    def register(request):
        received = 0
        for value in request.POST.values():  # parses the multipart body, as deform's form would
            if hasattr(value, "file"):
                received += len(value.file.read())
        return HTTPSeeOther(request.application_url + f"{PEER_PATH}?registered={received}")

    with Configurator(settings=settings) as config:
        config.include("pyramid_tm")
        config.include("pyramid_retry")
        config.include("pyramid_zodbconn")
        config.add_route("register", PEER_PATH)
        config.add_view(form, route_name="register", request_method="GET")
        config.add_view(register, route_name="register", request_method="POST")
        return config.make_wsgi_app()


class ProfiledApp:
    """WSGI middleware: every request under its own cProfile (CPU time of its thread), the
    statistics summed and written to ``path`` when the server stops."""

    def __init__(self, app, path):
        self.app = app
        self.registry = app.registry
        self.path = path
        self.lock = threading.Lock()
        self.stats = None

    def __call__(self, environ, start_response):
        import cProfile
        import pstats

        profile = cProfile.Profile(time.thread_time)
        try:
            return profile.runcall(lambda: list(self.app(environ, start_response)))
        finally:
            with self.lock:
                if self.stats is None:
                    self.stats = pstats.Stats(profile)
                else:
                    self.stats.add(profile)

    def dump(self):
        if self.stats is not None:
            self.stats.dump_stats(self.path)


def serve(kind, var_dir, threads, form_path=None, profile_path=None):
    """Run in the server process: print the port as one JSON line, serve until SIGTERM."""
    import waitress

    settings = bench_settings(var_dir)
    if kind == "ours":
        import damrong

        app = damrong.main({}, **settings)
    else:
        app = make_peer_app(settings, form_path)
    wsgi = ProfiledApp(app, profile_path) if profile_path else app
    server = waitress.create_server(wsgi, host="127.0.0.1", port=0, threads=threads)

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    print(json.dumps({"port": server.effective_port}), flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        if profile_path:
            wsgi.dump()
        app.registry._zodb_databases[""].close()


class Server:
    """``serve`` in a child process (so clients and server do not share one GIL)."""

    def __init__(self, kind, var_dir, threads=4, form_path=None):
        command = [sys.executable, os.path.abspath(__file__), "--serve", kind, "--var",
                   str(var_dir), "--threads", str(threads)]
        if form_path:
            command += ["--form", str(form_path)]
        if os.environ.get("BENCH_PROFILE_DIR"):
            command += ["--profile", os.path.join(os.environ["BENCH_PROFILE_DIR"],
                                                  f"{kind}-{os.path.basename(str(var_dir))}.prof")]
        self.log_path = os.path.join(str(var_dir), f"server-{kind}.log")
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=self.log,
                                        cwd=ROOT)
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            self.log.close()
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                raise RuntimeError(f"{kind} server did not start:\n{f.read()[-3000:]}")
        self.port = json.loads(line)["port"]

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()
        self.log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


# -- the HTTP client --------------------------------------------------------------------------


class Client:
    """One user's browser: a keep-alive connection and its cookies."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method, path, body=None, headers=None):
        """Returns ``(status, headers, body bytes)``; follows nothing, keeps cookies."""
        headers = dict(headers or {})
        headers["Host"] = f"127.0.0.1:{self.port}"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection.close()  # the server closed an idle keep-alive connection
                if attempt:
                    raise
        for header in response.msg.get_all("Set-Cookie") or ():
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in header.lower() or not value:
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value
        return response.status, response.msg, data

    def get(self, path):
        return self.request("GET", path)

    def post_form(self, path, fields):
        body = urllib.parse.urlencode(fields).encode()
        return self.request("POST", path, body,
                            {"Content-Type": "application/x-www-form-urlencoded"})

    def login(self, login_id, password=PASSWORD):
        status, _, page = self.get("/@@login")
        form = parse_form(page.decode("utf-8"))
        fields = [(name, value) for kind, name, value in form.fields if kind != "button"]
        fields = [(n, login_id if n == "login" else password if n == "password" else v)
                  for n, v in fields] + [("submit", "")]
        status, headers, _ = self.post_form("/@@login", fields)
        if status != 303:
            raise RuntimeError(f"login of {login_id} failed: HTTP {status}")

    def close(self):
        self.connection.close()


class FormParser(html.parser.HTMLParser):
    """The fields of one form, in document order: ``(kind, name, value)``.

    Unchecked checkboxes and radios are left out, as a browser leaves them out; a select gives
    its selected option (else its first); buttons are kept as kind ``button`` so the caller can
    send the one it clicks; file inputs as kind ``file``.
    """

    def __init__(self, form_id=None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.fields = []
        self.action = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if self.form_id is None or a.get("id") == self.form_id:
                self.in_form = True
                self.action = a.get("action")
            return
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("checkbox", "radio"):
                self.fields.append((kind, name, a.get("value", "on")))
            elif kind == "file":
                self.fields.append(("file", name, ""))
            elif kind in ("submit", "image", "button", "reset"):
                self.fields.append(("button", name, a.get("value", "")))
            else:
                self.fields.append((kind, name, a.get("value", "")))
        elif tag == "button" and name:
            self.fields.append(("button", name, a.get("value", "")))
        elif tag == "select" and name:
            self._select = [name, None, None]  # name, first option, selected option
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select[1] is None:
                self._select[1] = value
            if "selected" in a:
                self._select[2] = value
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "select" and self._select is not None:
            name, first, selected = self._select
            self.fields.append(("select", name, selected if selected is not None else first or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self.fields.append(("textarea", name, text[1:] if text.startswith("\n") else text))
            self._textarea = None


def parse_form(page, form_id=None):
    parser = FormParser(form_id)
    parser.feed(page)
    parser.close()
    return parser


def intake_values(rng):
    """What the clerk types, by field name (as tests/test_intake.fill)."""
    from damrong.thai import national_id

    return {
        "category": "d02",
        "channel": "walk-in",
        "subject": "ขอให้ตรวจสอบโรงงานปล่อยน้ำเสียลงลำห้วย",
        "details": "น้ำในลำห้วยมีกลิ่นเหม็นตั้งแต่เดือนที่แล้ว (ข้อมูลทดสอบ)",
        "province": "70",
        "district": "7001",
        "title": "นาง",
        "first_name": "มาลีวรรณ",
        "last_name": "ทองประเสริฐสุข",
        "national_id": national_id.generate(rng),
        "phone": "081-234-5678",
        "agency": "โรงงานตัวอย่าง",
    }


def multipart(fields, boundary):
    """Encode ``(name, value)`` pairs in order; a ``(filename, mimetype, bytes)`` value is a
    file."""
    out = io.BytesIO()
    for name, value in fields:
        out.write(f"--{boundary}\r\n".encode())
        if isinstance(value, tuple):
            filename, mimetype, data = value
            out.write(f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                      f"Content-Type: {mimetype}\r\n\r\n".encode())
            out.write(data)
        else:
            out.write(f'Content-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
            out.write(value.encode("utf-8"))
        out.write(b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue()


def filled_form(page, values, scan, button="register"):
    """The intake form's fields as the page has them, with ``values`` typed in and ``scan``
    under the file input, in document order; returns ``(action or None, fields)``."""
    form = parse_form(page, "intake")
    fields = []
    for kind, name, value in form.fields:
        if kind == "button":
            if name == button:
                fields.append((name, value))
        elif kind == "file":
            fields.append((name, scan))
        else:
            fields.append((name, values.get(name, value)))
    return form.action, fields


def small_jpeg():
    """A one-page grey scan of ruled paper (about 20 KB), as tests/scanfiles.jpeg makes."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (620, 877), 255)
    draw = ImageDraw.Draw(image)
    for y in range(80, 877 - 80, 40):
        draw.line((60, y, 620 - 60, y), fill=40, width=3)
    draw.text((60, 30), "1", fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


# -- a. registration throughput ---------------------------------------------------------------


def in_work_dir(prefix, var, body):
    """``body(work_dir, var_dir)`` in a temporary directory removed afterwards; the database is
    in ``var`` when one is given (kept for the next run), else inside the temporary directory."""
    work = tempfile.mkdtemp(prefix=prefix)
    try:
        return body(work, var or os.path.join(work, "var"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def percentile(values, q):
    """Nearest-rank percentile (q in 0–100) of ``values``; ``None`` when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
    return ordered[rank - 1]


def drive_registrations(port, form_path, logins, duration, max_registrations, seed=1567,
                        form_page_out=None):
    """Run one client thread per login (``None`` = no login) against ``form_path`` until
    ``duration`` seconds pass or ``max_registrations`` succeeded. Returns the figures."""
    scan = ("petition.jpg", "image/jpeg", small_jpeg())
    lock = threading.Lock()
    state = {"done": 0, "errors": 0, "error_samples": [], "post_ms": [], "get_ms": [],
             "locations": [], "page": None}
    clients = [Client(port) for _ in logins]
    for client, login in zip(clients, logins):
        if login:
            client.login(login)
    # One request before the clock starts, so templates are compiled by a single thread: the
    # first renders compile chameleon templates, and CPython 3.11's compile() is not safe to run
    # in several threads at once (SystemError: AST constructor recursion depth mismatch).
    clients[0].get(form_path)
    start_barrier = threading.Barrier(len(clients) + 1)

    def run(client, number):
        rng = random.Random(seed + number)
        start_barrier.wait()
        while True:
            with lock:
                if state["done"] >= max_registrations or time.perf_counter() >= state["deadline"]:
                    return
            began = time.perf_counter()
            status, _, page = client.get(form_path)
            get_ms = (time.perf_counter() - began) * 1000
            if status != 200:
                with lock:
                    state["errors"] += 1
                    if len(state["error_samples"]) < 5:
                        state["error_samples"].append(f"GET {status}")
                continue
            text = page.decode("utf-8")
            action, fields = filled_form(text, intake_values(rng), scan)
            boundary = "----bench" + uuid.uuid4().hex
            body = multipart(fields, boundary)
            began = time.perf_counter()
            status, headers, answer = client.request(
                "POST", action or form_path, body,
                {"Content-Type": f"multipart/form-data; boundary={boundary}"})
            post_ms = (time.perf_counter() - began) * 1000
            with lock:
                state["get_ms"].append(get_ms)
                if state["page"] is None:
                    state["page"] = page
                if status == 303:
                    state["done"] += 1
                    state["post_ms"].append(post_ms)
                    state["locations"].append(headers.get("Location", ""))
                else:
                    state["errors"] += 1
                    if len(state["error_samples"]) < 5:
                        state["error_samples"].append(
                            f"POST {status}: {answer[:300].decode('utf-8', 'replace')}")

    threads = [threading.Thread(target=run, args=(client, n), daemon=True)
               for n, client in enumerate(clients)]
    for thread in threads:
        thread.start()
    state["deadline"] = time.perf_counter() + duration
    began = time.perf_counter()
    start_barrier.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    for client in clients:
        client.close()
    if form_page_out and state["page"] is not None:
        with open(form_page_out, "wb") as f:
            f.write(state["page"])
    return {
        "registrations": state["done"],
        "seconds": elapsed,
        "rate": state["done"] / elapsed if elapsed else 0.0,
        "post_p50_ms": percentile(state["post_ms"], 50),
        "post_p95_ms": percentile(state["post_ms"], 95),
        "get_p50_ms": percentile(state["get_ms"], 50),
        "get_p95_ms": percentile(state["get_ms"], 95),
        "errors": state["errors"],
        "error_samples": state["error_samples"],
        "distinct_locations": len(set(state["locations"])),
    }


def check_receipts(var_dir, center_code, expected):
    """Receipt numbers of ``center_code`` in the database: duplicates, gaps, count."""
    with OpenSite(var_dir) as opened:
        complaints = list(opened.site.centers[center_code].complaints.values())
        numbers = [(c.receipt_year, c.receipt_number) for c in complaints]
        codes = [c.tracking_code for c in complaints]
    distinct = set(numbers)
    gaps = 0
    for year in {y for y, _ in distinct}:
        taken = sorted(n for y, n in distinct if y == year)
        gaps += taken[-1] - len(taken)
    return {
        "complaints": len(complaints),
        "duplicates": len(numbers) - len(distinct),
        "duplicate_tracking_codes": len(codes) - len(set(codes)),
        "gaps": gaps,
        "missing": expected - len(complaints),
    }


def intake_benchmark(work_dir, clients=4, duration=20.0, max_registrations=10**9, threads=4,
                     seed=1567, log=print):
    """Part a: ours, then the peer, on fresh databases under ``work_dir``."""
    ours_dir = os.path.join(str(work_dir), "intake-ours")
    peer_dir = os.path.join(str(work_dir), "intake-peer")
    for path in (ours_dir, peer_dir):
        shutil.rmtree(path, ignore_errors=True)
        os.makedirs(path)
    rng = random.Random(seed)
    with OpenSite(ours_dir) as opened:
        logins = add_users(opened, "clerk", INTAKE_CENTER[1], clients, rng)
    form_copy = os.path.join(peer_dir, "form.html")
    log(f"  ours: {clients} clerks registering at 7001 for up to {duration:g} s …")
    with Server("ours", ours_dir, threads) as server:
        ours = drive_registrations(server.port, REGISTER_PATH, logins, duration,
                                   max_registrations, seed, form_page_out=form_copy)
    ours.update(check_receipts(ours_dir, INTAKE_CENTER[1], ours["registrations"]))
    ours["data_fs"] = data_fs_size(ours_dir)
    log(f"  peer: bare Pyramid view, same stack, {clients} clients …")
    with Server("peer", peer_dir, threads, form_path=form_copy) as server:
        peer = drive_registrations(server.port, PEER_PATH, [None] * clients, duration,
                                   max_registrations, seed)
    return {"ours": ours, "peer": peer, "clients": clients, "threads": threads,
            "duration": duration}


# -- b. listing latency -----------------------------------------------------------------------


def listing_centers(site):
    """The districts of provinces 70 and 50 and the two province centers."""
    codes = []
    for province in ("70", "50"):
        codes.append(province)
        codes += [sub.code for sub in site.centers[province].subcenters()]
    return codes


def kept_facts(var_dir, name, complaints):
    """The facts an earlier run stored (as ``name``) beside a database of ``complaints`` it kept
    in ``var_dir``, marked reused; ``None`` when there is none, after clearing a ``var_dir``
    that holds another size, so the caller loads afresh."""
    marker = os.path.join(str(var_dir), name)
    if os.path.exists(marker):
        with open(marker) as f:
            facts = json.load(f)
        if facts.get("complaints") == complaints:
            return dict(facts, reused=True)
        shutil.rmtree(str(var_dir))
    os.makedirs(str(var_dir), exist_ok=True)
    return None


def keep_facts(var_dir, name, facts):
    """Store ``facts`` of a freshly loaded database beside it for the next run; returns them."""
    facts = dict(facts, reused=False)
    with open(os.path.join(str(var_dir), name), "w") as f:
        json.dump(facts, f)
    return facts


def bulk_progress(log, every):
    """A ``load_synthetic`` progress callback logging the rate at most every ``every`` seconds."""
    began = last = time.perf_counter()

    def progress(done, count):
        nonlocal last
        now = time.perf_counter()
        if now - last >= every or done == count:
            log(f"  bulk-load {done:,}/{count:,}  {done / (now - began):,.0f} complaints/s")
            last = now
    return progress


def prepare_listing_db(var_dir, complaints, seed=2568, log=print):
    """Bulk-load ``complaints`` (unless ``var_dir`` already holds them); returns facts."""
    facts = kept_facts(var_dir, "bench-listing.json", complaints)
    if facts:
        return facts
    from damrong.bulk import load_synthetic

    rng = random.Random(seed)
    with OpenSite(var_dir) as opened:
        codes = listing_centers(opened.site)
        began = time.perf_counter()
        batch = min(5000, max(complaints // 4, 500))
        rate = load_synthetic(opened.site, codes, complaints, rng, batch=batch,
                              progress=bulk_progress(log, 15), commit=opened.tm.commit)
        seconds = time.perf_counter() - began
        executive = add_users(opened, "executive", "moi", 1, rng)[0]
    return keep_facts(var_dir, "bench-listing.json", {
        "complaints": complaints, "rate": rate, "seconds": seconds, "centers": codes,
        "executive": executive, "data_fs": data_fs_size(var_dir)})


def listing_queries(today=None):
    """``(label, path, query params, center code, own_only)`` for every query kind timed."""
    from damrong.thai.fiscal import fiscal_year

    fy = str(fiscal_year(today or datetime.date.today()) - 1)  # the last full fiscal year
    centers = (("7001", "/moi/70/7001/", "d02"), ("70", "/moi/70/", "p03"),
               ("moi", "/moi/", "d02"))
    queries = []
    for code, path, category in centers:
        variants = (
            ("all", {}),
            (f"category={category}", {"category": category}),
            ("status=closed", {"status": "closed"}),
            (f"fy={fy}", {"fy": fy}),
            ("cat+status+fy", {"category": category, "status": "received", "fy": fy}),
            ("page 5", {"offset": "100"}),
        )
        for label, params in variants:
            queries.append((f"{code:<4} {label}", path, params, code))
    return queries


_TOTAL = re.compile(r"เรื่องร้องเรียนทั้งหมด\s*([0-9๐-๙,]+)\s*เรื่อง")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def page_total(page):
    match = _TOTAL.search(page)
    return int(match.group(1).translate(_THAI_DIGITS).replace(",", "")) if match else None


def page_rows(page):
    return page.count('<td class="nowrap"><a href=')


def time_listing(var_dir, login, queries, repeats, threads=4):
    """GET every query ``repeats`` times (after one cold request each) through the real app."""
    results = []
    with Server("ours", var_dir, threads) as server:
        client = Client(server.port)
        client.login(login)
        for label, path, params, code in queries:
            url = path + ("?" + urllib.parse.urlencode(params) if params else "")
            began = time.perf_counter()
            status, _, page = client.get(url)
            cold = (time.perf_counter() - began) * 1000
            if status != 200:
                raise RuntimeError(f"GET {url}: HTTP {status}")
            text = page.decode("utf-8")
            results.append({"label": label, "url": url, "params": params, "code": code,
                            "total": page_total(text), "rows": page_rows(text),
                            "cold_ms": cold, "ms": []})
        for _ in range(repeats):  # round-robin, so no query kind has the caches to itself
            for result in results:
                began = time.perf_counter()
                status, _, _ = client.get(result["url"])
                result["ms"].append((time.perf_counter() - began) * 1000)
                if status != 200:
                    raise RuntimeError(f"GET {result['url']}: HTTP {status}")
        client.close()
    return results


def _query_args(params, code):
    from damrong.listing import fiscal_year_range
    from damrong.thai.dates import BANGKOK

    start = end = None
    if params.get("fy"):
        start, end = fiscal_year_range(int(params["fy"]), BANGKOK)
    filters = {k: params[k] for k in ("category", "channel", "status") if params.get(k)}
    return {"filters": filters, "start": start, "end": end,
            "offset": int(params.get("offset", 0)), "limit": 25}


def naive_query(site, center_code, filters, start, end, offset, limit, gc_every=20000):
    """The peer: scan the complaint folders of the center and every center below it, keep
    what matches, sort newest first, slice. Returns ``(total, page of complaints)``."""
    pending = [site.centers[center_code]]
    matches = []
    seen = 0
    jar = site._p_jar
    while pending:
        center = pending.pop()
        pending.extend(center.subcenters())
        for complaint in center.complaints.values():
            seen += 1
            if seen % gc_every == 0:
                jar.cacheGC()  # keep memory bounded; matched complaints stay as ghosts
            kind = complaint.type
            if "category" in filters and kind["category"] != filters["category"]:
                continue
            if "channel" in filters and kind["channel"] != filters["channel"]:
                continue
            if "status" in filters and complaint.status != filters["status"]:
                continue
            received = complaint.received_at
            if (start and received < start) or (end and received >= end):
                continue
            matches.append((received, complaint))
    matches.sort(key=lambda pair: pair[0], reverse=True)
    return len(matches), [complaint for _, complaint in matches[offset:offset + limit]]


def in_process_figures(var_dir, results, naive_budget, naive_repeats=3, index_repeats=20,
                       repeat_within=15.0):
    """Index query times in-process, and the naive scan on a sample within ``naive_budget`` s.

    The sample takes the unfiltered query of each center first (district, province, ministry),
    then the filtered ones in the same order, until the budget is spent; a query is repeated
    (up to ``naive_repeats`` times) only while its runs took less than ``repeat_within`` s.
    ``naive_ms`` is the median of the runs after the first (which fills the caches), or the
    one run there was. Fills ``index_ms``, ``naive_ms``, ``naive_cold_ms``, ``naive_runs`` and
    ``naive_total`` into ``results``."""
    levels = {"moi": 2, "70": 1}
    order = [r for _, r in sorted(enumerate(results), key=lambda item: (
        item[1]["params"] != {}, item[0] % 6, levels.get(item[1]["code"], 0)))]
    with OpenSite(var_dir) as opened:
        listing = opened.site.listing
        for result in results:
            args = _query_args(result["params"], result["code"])
            listing.query(result["code"], **args)
            times = []
            for _ in range(index_repeats):
                began = time.perf_counter()
                page = listing.query(result["code"], **args)
                times.append((time.perf_counter() - began) * 1000)
            result["index_ms"] = statistics.median(times)
            result["index_total"] = page.total
        spent = 0.0
        for result in order:
            if naive_budget is not None and spent >= naive_budget:
                break
            args = _query_args(result["params"], result["code"])
            times = []
            for _ in range(naive_repeats):
                began = time.perf_counter()
                total, _ = naive_query(opened.site, result["code"], **args)
                took = time.perf_counter() - began
                times.append(took * 1000)
                spent += took
                opened.tm.abort()
                if sum(times) >= repeat_within * 1000 or (
                        naive_budget is not None and spent >= naive_budget):
                    break
            result["naive_ms"] = statistics.median(times[1:] or times)
            result["naive_cold_ms"] = times[0]
            result["naive_runs"] = len(times)
            result["naive_total"] = total


def listing_benchmark(work_dir, complaints, repeats=25, naive_budget=180.0, seed=2568,
                      log=print):
    """Part b: bulk-load, time the pages through WSGI, then the index and the naive scan."""
    var_dir = os.path.join(str(work_dir), "listing")
    facts = prepare_listing_db(var_dir, complaints, seed, log)
    if facts["reused"]:
        log(f"  reusing {complaints:,} complaints already loaded in {var_dir}")
    queries = listing_queries()
    log(f"  timing {len(queries)} query kinds × {repeats} through the WSGI stack …")
    results = time_listing(var_dir, facts["executive"], queries, repeats)
    budget = f"budget {naive_budget:g} s" if naive_budget is not None else "no budget"
    log(f"  naive scan on a sample ({budget}) and index queries in-process …")
    in_process_figures(var_dir, results, naive_budget)
    return {"facts": facts, "results": results, "repeats": repeats,
            "data_fs": data_fs_size(var_dir)}


# -- report -----------------------------------------------------------------------------------


def _fmt(value, digits=1):
    if value is None:
        return "—"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.{digits}f}"


def _ratio(ours, peer):
    if ours is None or peer is None or not peer:
        return "—"
    return f"{ours / peer:.2f}"


def _ms(value):
    if value is None:
        return "—"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _times(ratio):
    return f"{ratio:,.0f}×" if ratio >= 10 else f"{ratio:.1f}×"


def report_intake(figures, out=print):
    ours, peer = figures["ours"], figures["peer"]
    out(f"\n== a. Registration through the WSGI stack (waitress threads={figures['threads']}, "
        f"{figures['clients']} clients, up to {figures['duration']:g} s; one JPEG scan each) ==")
    out("   a cycle = GET the register page + POST the filled form (303); ours is the real app,")
    out("   peer is a bare Pyramid view on the same stack returning the same page / a 303")
    rows = [
        ("registrations", ours["registrations"], peer["registrations"]),
        ("registrations/s", ours["rate"], peer["rate"]),
        ("POST latency p50 (ms)", ours["post_p50_ms"], peer["post_p50_ms"]),
        ("POST latency p95 (ms)", ours["post_p95_ms"], peer["post_p95_ms"]),
        ("form GET latency p50 (ms)", ours["get_p50_ms"], peer["get_p50_ms"]),
        ("form GET latency p95 (ms)", ours["get_p95_ms"], peer["get_p95_ms"]),
        ("errors (not 303)", ours["errors"], peer["errors"]),
    ]
    out(f"{'figure':<32}{'ours':>12}{'peer':>12}{'ratio':>9}")
    for label, a, b in rows:
        out(f"{label:<32}{_fmt(a):>12}{_fmt(b):>12}{_ratio(a, b):>9}")
    out(f"{'duplicate receipt numbers (DB)':<32}{_fmt(ours['duplicates']):>12}{'—':>12}{'':>9}")
    out(f"{'complaints in DB / 303s':<32}"
        f"{ours['complaints']:>7,}/{ours['registrations']:<4,}{'—':>12}")
    out(f"{'gaps in receipt numbers':<32}{_fmt(ours['gaps']):>12}{'—':>12}")
    for sample in ours["error_samples"][:3] + peer["error_samples"][:3]:
        out(f"   error: {sample}")
    met = (ours["rate"] >= TARGET_RATE and ours["duplicates"] == 0 and ours["missing"] == 0
           and ours["errors"] == 0)
    out(f"target ≥ {TARGET_RATE:g} complaints/s with 0 duplicates: "
        f"{'MET' if met else 'NOT MET'} ({ours['rate']:.1f}/s, {ours['duplicates']} duplicates)")
    return met


def report_listing(figures, out=print):
    facts, results = figures["facts"], figures["results"]
    reused = " (reused)" if facts["reused"] else ""
    out(f"\n== b. Listing with {facts['complaints']:,} complaints over {len(facts['centers'])} "
        f"centers (provinces 70 and 50 and their districts){reused} ==")
    when = " when this database was loaded" if facts["reused"] else ""
    out(f"   bulk-load (damrong.bulk){when}: {facts['rate']:,.0f} complaints/s "
        f"({facts['seconds']:.0f} s)")
    out(f"   Data.fs {figures['data_fs'] / 2**20:,.0f} MiB; pages GET through waitress by a "
        f"logged-in ministry executive, one at a time, {figures['repeats']} warm requests each")
    out("   index ms = the listing index query alone, in-process (median)")
    out("   peer = naive scan of the center's folders (in-process, no HTTP or template), sampled;")
    out("   naive ms = median of warm runs; * = a single run (first run fills the caches)")
    out(f"{'query':<26}{'total':>10}{'cold ms':>9}{'p50 ms':>8}{'p95 ms':>8}{'index ms':>10}"
        f"{'naive ms':>11}{'ratio':>9}")
    everything = []
    for r in results:
        p50, p95 = percentile(r["ms"], 50), percentile(r["ms"], 95)
        everything += r["ms"]
        naive = r.get("naive_ms")
        ratio = _times(naive / p50) if naive else "—"
        once = "*" if r.get("naive_runs") == 1 else " "
        mismatch = ""
        if r.get("naive_total") is not None and r["naive_total"] != r["total"]:
            mismatch = f"  TOTAL MISMATCH naive {r['naive_total']}"
        out(f"{r['label']:<26}{_fmt(r['total']):>10}{r['cold_ms']:>9.0f}{p50:>8.1f}{p95:>8.1f}"
            f"{r['index_ms']:>10.2f}{_ms(naive):>11}{once}{ratio:>8}{mismatch}")
    p50, p95 = percentile(everything, 50), percentile(everything, 95)
    out(f"{'overall':<26}{'':>10}{max(r['cold_ms'] for r in results):>9.0f}{p50:>8.1f}"
        f"{p95:>8.1f}")
    sampled = [r for r in results if r.get("naive_ms")]
    if sampled:
        naive_median = statistics.median(r["naive_ms"] for r in sampled)
        ours_median = statistics.median(percentile(r["ms"], 50) for r in sampled)
        agree = all(r["naive_total"] == r["total"] for r in sampled)
        out(f"naive scan: {len(sampled)} of {len(results)} query kinds sampled, median "
            f"{_ms(naive_median)} ms vs ours {ours_median:.1f} ms (p50) on the same kinds "
            f"(ratio {_times(naive_median / ours_median)}); "
            f"totals agree: {'yes' if agree else 'NO'}")
    met = p95 <= TARGET_P95_MS
    out(f"target p95 ≤ {TARGET_P95_MS:g} ms: {'MET' if met else 'NOT MET'} "
        f"(overall p95 {p95:.1f} ms; worst kind p95 "
        f"{max(percentile(r['ms'], 95) for r in results):.1f} ms)")
    return met


# -- main -------------------------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--complaints", type=int, default=None,
                        help="complaints to bulk-load for the listing (default 1,000,000)")
    parser.add_argument("--quick", action="store_true",
                        help="20,000 complaints, shorter runs")
    parser.add_argument("--var", help="work directory to keep and reuse (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the temp directory")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--duration", type=float, default=None,
                        help="seconds of registrations (default 20, quick 8)")
    parser.add_argument("--registrations", type=int, default=10**9,
                        help="stop after this many registrations")
    parser.add_argument("--repeats", type=int, default=None,
                        help="warm requests per listing query kind (default 25, quick 10)")
    parser.add_argument("--naive-budget", type=float, default=None,
                        help="seconds for the naive-scan sample (default 180, quick 30)")
    parser.add_argument("--skip-intake", action="store_true")
    parser.add_argument("--skip-listing", action="store_true")
    parser.add_argument("--serve", choices=("ours", "peer"), help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=4, help=argparse.SUPPRESS)
    parser.add_argument("--form", help=argparse.SUPPRESS)
    parser.add_argument("--profile", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        return serve(args.serve, args.var, args.threads, args.form, args.profile)

    complaints = args.complaints or (20_000 if args.quick else 1_000_000)
    duration = args.duration or (8.0 if args.quick else 20.0)
    repeats = args.repeats or (10 if args.quick else 25)
    naive_budget = args.naive_budget if args.naive_budget is not None else (
        30.0 if args.quick else 180.0)
    work_dir = args.var or tempfile.mkdtemp(prefix="damrong-bench-")
    os.makedirs(work_dir, exist_ok=True)
    log = lambda text: print(text, flush=True)  # noqa: E731
    log(f"damrong intake/listing bench — work dir {work_dir}, {os.cpu_count()} CPUs shared by "
        "clients and server")
    try:
        intake = listing = None
        if not args.skip_intake:
            log("a. registration throughput")
            intake = intake_benchmark(work_dir, args.clients, duration, args.registrations,
                                      log=log)
        if not args.skip_listing:
            log(f"b. listing over {complaints:,} complaints")
            listing = listing_benchmark(work_dir, complaints, repeats, naive_budget, log=log)
        verdicts = []
        if intake:
            verdicts.append(report_intake(intake, log))
        if listing:
            verdicts.append(report_listing(listing, log))
        return 0 if all(verdicts) else 1
    finally:
        if args.var or args.keep:
            log(f"(kept {work_dir})")
        else:
            shutil.rmtree(work_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
