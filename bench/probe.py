"""The security probe of issue 14, repeatable: run it against every release.

    .venv/bin/python bench/probe.py                 # a throw-away server of its own
    .venv/bin/python bench/probe.py --url http://127.0.0.1:6543 --accounts accounts.json

Without ``--url`` it makes a database in a temporary folder with synthetic accounts (a clerk and
an executive of อำเภอเมืองราชบุรี / ราชบุรี, a province administrator) and one complaint with a
scanned page naming its complainant, serves it with waitress on 127.0.0.1 (a free port) in the
production configuration (``damrong.development = false``), and probes it over HTTP. With
``--url`` it probes a running server, which must be on this machine (loopback only); the
accounts file gives ``{"clerk": [id, password], "executive": [...], "complaint": "/moi/70/7001/2569-1/"}``
and the checks that need more than that are skipped.

Every check is bounded (a request times out after ``TIMEOUT`` seconds, the long query is 5,000
characters, 40 tiny files are attached once), so a run takes well under a minute. Each line
says what an attacker gets; the exit status is the number of checks that failed.
"""

import argparse
import io
import json
import os
import shutil
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIMEOUT = 20
LOOPBACK = ("127.0.0.1", "localhost", "::1")
HEADERS = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
           "Referrer-Policy")
# Synthetic national IDs (they pass the checksum; nobody's).
CLERK, EXECUTIVE, ADMIN = "1101700203450", "3914177763175", "1234567890121"
PASSWORD = "ranong-mangosteen-harbour"
COMPLAINANT = ("สมปอง", "ใจดีมาก", "5710100012340")
NEW_ADDRESS = "๙๙ หมู่บ้านลับเฉพาะ"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Response:
    status: int
    headers: object
    body: bytes
    seconds: float

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


@dataclass
class Client:
    """A browser without one: keeps cookies itself (also Secure ones, to test them over plain
    HTTP on loopback) and never follows redirects."""

    base: str
    cookies: dict = field(default_factory=dict)
    set_cookies: list = field(default_factory=list)

    def request(self, path, data=None, content_type=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(self.base + path, data=data, headers=headers)
        opener = urllib.request.build_opener(NoRedirect)
        began = time.perf_counter()
        try:
            response = opener.open(request, timeout=TIMEOUT)
            status, body, reply = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, body, reply = error.code, error.read(), error.headers
        for cookie in reply.get_all("Set-Cookie") or ():
            self.set_cookies.append(cookie)
            name, _, value = cookie.split(";")[0].partition("=")
            if value in ("", '""') or "Max-Age=0" in cookie:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return Response(status, reply, body, time.perf_counter() - began)

    def get(self, path, **params):
        return self.request(path + ("?" + urllib.parse.urlencode(params) if params else ""))

    def post(self, path, fields):
        return self.request(path, urllib.parse.urlencode(fields).encode(),
                            "application/x-www-form-urlencoded")

    def csrf(self, path="/@@password"):
        text = self.get(path).text
        marker = 'name="csrf_token" value="'
        start = text.index(marker) + len(marker)
        return text[start:text.index('"', start)]

    def login(self, login_id, password):
        return self.post("/@@login", {"login": login_id, "password": password,
                                      "csrf_token": self.csrf("/@@login"), "submit": "1"})

    def attach(self, path, files):
        boundary = uuid.uuid4().hex
        body = io.BytesIO()
        for name, value in (("csrf_token", self.csrf(path)),):
            body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                       f"{value}\r\n".encode())
        for filename, data in files:
            body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                       f'filename="{filename}"\r\nContent-Type: image/png\r\n\r\n'.encode())
            body.write(data + b"\r\n")
        body.write(f"--{boundary}--\r\n".encode())
        return self.request(path + "@@attach", body.getvalue(),
                            f"multipart/form-data; boundary={boundary}")


def rss_mb():
    """This process's resident memory (the served app runs in it), from /proc."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def tiny_png(shade):
    from PIL import Image
    buffer = io.BytesIO()
    Image.new("L", (24, 24), shade).save(buffer, "PNG")
    return buffer.getvalue()


# -- the checks: each takes the probe's context and returns (passed, what an attacker gets) --

def check_long_query(ctx):
    """A 400-character query first: a server that accepts it would be taken down by the
    issue's 5,000 characters (cost grew with the square of the length), so that one is sent
    only to a server that refuses the first."""
    clerk = ctx.user("clerk")
    before = rss_mb()
    first = clerk.get(ctx.center + "@@search.json", q=("ถนนชำรุดเป็นหลุมเป็นบ่อ" * 20)[:400])
    if first.status != 400:
        return False, (f"400-character query: HTTP {first.status} in {first.seconds:.2f} s "
                       "(not bounded; the 5,000-character one is not sent)")
    answer = clerk.get(ctx.center + "@@search.json", q="ถนนชำรุดเป็นหลุมเป็นบ่อ" * 250)
    longest = clerk.get(ctx.center + "@@search.json", q=("ถนนชำรุดเป็นหลุมเป็นบ่อ" * 10)[:200])
    grown = rss_mb() - before
    ok = (answer.status == 400 and longest.status == 200 and longest.seconds < 3
          and (not ctx.local or grown < 200))
    return ok, (f"5,000 characters: HTTP {answer.status} in {answer.seconds:.2f} s; 200 (the limit):"
                f" HTTP {longest.status} in {longest.seconds:.2f} s"
                + (f"; server grew {grown:.0f} MB" if ctx.local else ""))


def check_personal_data(ctx):
    if not ctx.document:
        return None, "no scanned document to probe (give one with the accounts file)"
    executive = ctx.user("executive")
    refused = {route: executive.get(ctx.document + route).status
               for route in ("@@page?n=1", "@@page?n=1&size=thumb", "@@original",
                             "@@searchable.pdf")}
    viewer = executive.get(ctx.document).text
    leaked = [value for value in COMPLAINANT if value in viewer]
    ok = all(status in (403, 404) for status in refused.values()) and not leaked
    return ok, f"executive: images/files {sorted(set(refused.values()))}, leaked in text {leaked}"


def check_history(ctx):
    if not ctx.local:
        return None, "needs an edit of the record (local run only)"
    text = ctx.user("executive").get(ctx.complaint).text
    leaked = NEW_ADDRESS in text
    return not leaked, f"executive reads the complainant's edited address in the history: {leaked}"


def check_headers(ctx):
    anonymous = Client(ctx.base)
    pages = [anonymous.get("/@@login"), anonymous.get(ctx.complaint),
             ctx.user("clerk").get(ctx.center), ctx.user("clerk").get("/static/app.js")]
    missing = sorted({name for page in pages for name in HEADERS if name not in page.headers})
    inline = "'unsafe-inline'" in (pages[0].headers.get("Content-Security-Policy") or "")
    return not missing and not inline, f"missing headers {missing}, inline allowed: {inline}"


def check_cookies(ctx):
    client = Client(ctx.base)
    client.login(*ctx.accounts["clerk"])
    ticket = client.cookies.get("auth_tkt", "")
    login_id = ctx.accounts["clerk"][0]
    import base64
    names_person = login_id in ticket or base64.b64encode(login_id.encode()).decode()[:16] in ticket
    insecure = [c.split("=")[0] for c in client.set_cookies if "secure" not in c.lower()]
    stolen = dict(client.cookies)
    client.post("/@@logout", {"csrf_token": client.csrf()})
    replay = Client(ctx.base, cookies=stolen).get(ctx.center)
    ctx.forget("clerk")  # a logout ends every session of the user, the probe's own too
    ok = not names_person and replay.status == 303 and (not ctx.local or not insecure)
    return ok, (f"ticket names the user: {names_person}; cookie after logout: HTTP {replay.status}"
                f"; cookies without Secure: {insecure}")


def check_login_throttle(ctx):
    client = Client(ctx.base)
    known, unknown = ctx.accounts["executive"][0], "8800000000000"
    times = {login_id: min(client.login(login_id, f"wrong-guess-{n}").seconds for n in range(3))
             for login_id in (known, unknown)}  # the quickest of three: load on the machine varies
    same_message = "ไม่ถูกต้อง" in client.login(unknown, "wrong-guess-3").text
    ratio = times[unknown] / max(times[known], 1e-6)
    return 0.3 < ratio < 3 and same_message, f"unknown/known ID answer time ratio {ratio:.2f}"


def check_weak_password(ctx):
    clerk = ctx.user("clerk")
    answer = clerk.post("/@@password", {"csrf_token": clerk.csrf(), "current": ctx.accounts["clerk"][1],
                                        "new": "password12", "confirm": "password12",
                                        "submit": "1"})
    return answer.status == 400, f"'password12' as a new password: HTTP {answer.status}"


def check_bad_parameters(ctx):
    clerk = ctx.user("clerk")
    statuses = {query: clerk.get(ctx.center + query).status
                for query in ("?fy=0", "?fy=99999999999", "?offset=99999999999",
                              "@@search?fiscal_year=abc")}
    return set(statuses.values()) == {400}, f"statuses {statuses}"


def check_flash(ctx):
    if not ctx.local:
        return None, "attaches files (local run only)"
    answer = ctx.user("clerk").attach(ctx.complaint, [(f"หน้า-{n}.png", tiny_png(n))
                                                      for n in range(40)])
    return answer.status == 303, f"40 files in one attach: HTTP {answer.status}"


def check_anonymous_paths(ctx):
    anonymous = Client(ctx.base)
    existing = anonymous.get(ctx.complaint).status
    missing = anonymous.get(ctx.center + "2500-999999/").status
    return existing == missing, f"existing path HTTP {existing}, missing path HTTP {missing}"


CHECKS = [("14.1 long query", check_long_query), ("14.2 page images", check_personal_data),
          ("14.3 history", check_history), ("14.6 cookies", check_cookies),
          ("14.7 headers", check_headers), ("14.8 login", check_login_throttle),
          ("14.9 flash", check_flash), ("14.10 passwords", check_weak_password),
          ("14.12 parameters", check_bad_parameters), ("14.14 paths", check_anonymous_paths)]


@dataclass
class Context:
    base: str
    accounts: dict
    complaint: str
    document: str = ""
    local: bool = False
    _clients: dict = field(default_factory=dict)

    @property
    def center(self):
        """The complaint's center (``/moi/70/7001/`` of ``/moi/70/7001/complaints/…``)."""
        return self.complaint.split("/complaints/")[0] + "/"

    def forget(self, role):
        self._clients.pop(role, None)

    def user(self, role):
        """A logged-in client per role, made once."""
        if role not in self._clients:
            client = Client(self.base)
            client.login(*self.accounts[role])
            self._clients[role] = client
        return self._clients[role]


def run(ctx, only=None, out=print):
    """Run the checks (``only``: their names' prefixes); returns the number that failed."""
    failed = 0
    for name, check in CHECKS:
        if only and not any(name.startswith(prefix) for prefix in only):
            continue
        try:
            passed, detail = check(ctx)
        except Exception as error:  # a check that cannot even run has failed
            passed, detail = False, f"{type(error).__name__}: {error}"
        mark = "skip" if passed is None else "ok" if passed else "FAIL"
        failed += passed is False
        out(f"{mark:>4}  {name:<18} {detail}")
    return failed


# -- a server of its own ---------------------------------------------------------------------

def local_site(var_dir):
    """A production-configured app over a new database with the probe's accounts and one
    complaint whose scanned page names its complainant; returns (app, Context without base)."""
    import datetime

    import transaction
    from pyramid.threadlocal import manager as threadlocal_manager
    from pyramid.traversal import resource_path
    from ZODB.blob import Blob

    import damrong
    from damrong.accounts import add_user
    from damrong.complaints import edit_complaint, register_complaint
    from damrong.resources.document import Page, ScannedDocument
    from damrong.resources.site import get_site
    from damrong.thai.dates import BANGKOK

    settings = {
        "zodbconn.uri": f"file://{var_dir}/Data.fs?blobstorage_dir={var_dir}/blobs",
        "tm.manager_hook": "pyramid_tm.explicit_manager", "retry.attempts": "5",
        "damrong.var_dir": str(var_dir), "damrong.config_dir": os.path.join(ROOT, "config"),
        "damrong.scans_dir": os.path.join(str(var_dir), "scans"),
        "damrong.development": "false", "damrong.worker": "none",
        "damrong.warm_templates": "false",
    }
    app = damrong.main({}, **settings)
    db = app.registry._zodb_databases[""]
    threadlocal_manager.push({"registry": app.registry, "request": None})
    connection = db.open()
    try:
        site = get_site(connection)
        for login_id, role, center in ((CLERK, "clerk", "7001"), (EXECUTIVE, "executive", "70"),
                                       (ADMIN, "admin", "70")):
            user, _ = add_user(site, login_id, f"ทดสอบ {role}", role, center, password=PASSWORD)
            user.must_change_password = False
        first, last, national = COMPLAINANT
        record = {
            "received_at": datetime.datetime.now(BANGKOK),
            "type": {"category": "d01", "category_other": "", "channel": "walk-in"},
            "complaint": {"subject": "ขอให้ซ่อมถนน", "details": "ถนนชำรุดเป็นหลุมเป็นบ่อ",
                          "urgency": "normal"},
            "place": {"province": "70", "district": "", "subdistrict": "", "address": "",
                      "lat": "", "lon": ""},
            "complainant": {"anonymous": False, "title": "นาย", "first_name": first,
                            "last_name": last, "national_id": national, "phone": "",
                            "address": ""},
            "respondent": {"name": "", "position": "", "agency": ""},
        }
        complaint, _ = register_complaint(site, site.centers["7001"], record, [], CLERK, "received")
        document = ScannedDocument(filename="petition.png", mimetype="image/png", sha256="ab" * 32,
                                   size=4, page_count=1, uploaded_by=CLERK)
        page = Page(1, 24, 24)
        for blob in (document.original, page.image, page.thumbnail):
            with blob.open("w") as target:
                target.write(tiny_png(128))
        page.text = page.machine_text = f"ข้าพเจ้า นาย{first} {last} เลขประจำตัว {national}"
        document.pages[1] = page
        document.state = "ready"
        document.searchable = Blob()
        with document.searchable.open("w") as target:
            target.write(b"%PDF-1.4")
        complaint.add("d1", document)
        edited = dict(record, complainant=dict(record["complainant"], address=NEW_ADDRESS))
        edit_complaint(complaint, edited, CLERK, lambda group, name, value: str(value))
        path = resource_path(complaint) + "/"
        transaction.commit()
    finally:
        transaction.abort()
        connection.close()
        threadlocal_manager.pop()
    accounts = {"clerk": [CLERK, PASSWORD], "executive": [EXECUTIVE, PASSWORD],
                "admin": [ADMIN, PASSWORD]}
    return app, Context("", accounts, path, path + "d1/", local=True)


def serve(app):
    """Serve ``app`` on a free loopback port in a thread; returns (base URL, stop).

    The loop runs in short rounds and closes its own sockets when asked to stop: closing them
    from another thread while it waits in ``select`` would break it (EBADF)."""
    from waitress.server import create_server
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    stopping = threading.Event()

    def loop():
        while not stopping.is_set():
            server.asyncore.loop(timeout=0.1, map=server._map, count=1)
        for channel in list(server._map.values()):
            channel.close()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()

    def stop():
        stopping.set()
        thread.join(timeout=TIMEOUT)
        server.task_dispatcher.shutdown()
    return f"http://127.0.0.1:{server.effective_port}", stop


def probe_local(only=None, out=print):
    """Build, serve and probe a server of our own; returns the number of failed checks."""
    var_dir = tempfile.mkdtemp(prefix="damrong-probe-")
    try:
        app, ctx = local_site(var_dir)
        ctx.base, stop = serve(app)
        try:
            return run(ctx, only, out)
        finally:
            stop()
            app.registry._zodb_databases[""].close()
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="a running server on this machine")
    parser.add_argument("--accounts", help="JSON: clerk/executive [id, password], complaint path")
    parser.add_argument("--only", nargs="*", help="check names to run, e.g. 14.1 14.7")
    args = parser.parse_args(argv)
    if not args.url:
        return probe_local(args.only)
    if urllib.parse.urlsplit(args.url).hostname not in LOOPBACK:
        parser.error("the probe only targets this machine (127.0.0.1 / localhost)")
    if not args.accounts:
        parser.error("--url needs --accounts")
    with open(args.accounts, encoding="utf-8") as source:
        given = json.load(source)
    complaint = given.pop("complaint")
    ctx = Context(args.url.rstrip("/"), given, complaint, given.pop("document", ""))
    return run(ctx, args.only)


if __name__ == "__main__":
    sys.exit(main())
