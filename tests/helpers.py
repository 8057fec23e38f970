"""What several test modules share: settings, logging in, registering, scanned pages.

Fixtures live in conftest.py; test modules import plain helpers from here, never from each
other.
"""

import datetime
import io
import os
import random
import struct
import threading
import zlib
from collections import deque

import transaction
import webtest
from pypdf import PdfWriter
from pyramid.threadlocal import manager as threadlocal_manager
from pyramid.traversal import find_resource, resource_path

import scanfiles

from damrong.complaints import register_complaint
from damrong.demo import scans
from damrong.resources.site import get_site
from damrong.thai import national_id
from damrong.thai.dates import BANGKOK

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "correct-horse-battery"


def make_settings(var_dir, worker="none"):
    return {
        "zodbconn.uri": (f"file://{var_dir}/Data.fs?blobstorage_dir={var_dir}/blobs"
                         "&connection_cache_size=100000"),
        "retry.attempts": "10",
        "tm.manager_hook": "pyramid_tm.explicit_manager",
        "damrong.var_dir": str(var_dir),
        "damrong.config_dir": os.path.join(ROOT, "config"),
        "damrong.scans_dir": os.path.join(str(var_dir), "scans"),
        "damrong.development": "true",
        "damrong.worker": worker,
        "damrong.upload_limit_mb": "5",
        "damrong.max_image_pixels": "40000000",
        # Compiling every template takes seconds per app; tests compile only what they render.
        "damrong.warm_templates": "false",
    }


def write_ini(path, settings):
    """An .ini file for the command line with the tests' settings."""
    lines = ["[app:main]", "use = egg:damrong"]
    lines += [f"{key} = {value}" for key, value in settings.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


class Site:
    """Opens the site outside a request (as the CLI does) to arrange and check data."""

    def __init__(self, app):
        self.app = app
        self.db = app.registry._zodb_databases[""]

    def __enter__(self):
        threadlocal_manager.push({"registry": self.app.registry, "request": None})
        self.tm = transaction.TransactionManager()
        self.connection = self.db.open(transaction_manager=self.tm)
        return get_site(self.connection)

    def __exit__(self, *exc):
        if exc[0] is None:
            self.tm.commit()
        else:
            self.tm.abort()
        self.connection.close()
        threadlocal_manager.pop()


def path_to(workflow, state, skip=()):
    """Transition names that take a new complaint from the initial state to ``state`` by the
    fewest steps, leaving out the transitions ``skip``; ``None`` if it cannot be reached."""
    paths, seen = deque([(workflow.initial, [])]), {workflow.initial}
    while paths:
        current, names = paths.popleft()
        if current == state:
            return names
        for t in workflow.transitions.values():
            if t.name not in skip and current in t.sources and t.target not in seen:
                seen.add(t.target)
                paths.append((t.target, names + [t.name]))
    return None


def login(testapp, login_id, password=PASSWORD):
    page = testapp.get("/@@login")
    form = page.forms[0]
    form["login"] = login_id
    form["password"] = password
    return form.submit("submit", status="*")


def all_at_once(work, items):
    """Run ``work(item)`` for every item, each in a thread of its own, all let go at the same
    moment (as requests that meet on one counter); returns when every thread is done."""
    start = threading.Barrier(len(items), timeout=60)

    def run(item):
        start.wait()
        work(item)

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


GOOD_ID = "1101700203450"  # synthetic, passes the checksum


def fill(form, **overrides):
    values = {
        "category": "d02",
        "channel": "walk-in",
        "subject": "ขอให้ตรวจสอบโรงงานปล่อยน้ำเสียลงลำห้วย",
        "details": "น้ำในลำห้วยมีกลิ่นเหม็นตั้งแต่เดือนที่แล้ว",
        "province": "70",
        "district": "7001",
        "title": "นาง",
        "first_name": "มาลีวรรณ",
        "last_name": "ทองประเสริฐสุข",
        "national_id": GOOD_ID,
        "phone": "081-234-5678",
        "agency": "โรงงานตัวอย่าง",
    }
    values.update(overrides)
    for name, value in values.items():
        if name == "national_id" or name == "received_at":
            form.set(name, value)
        else:
            form[name] = value
    return form


def register_page(testapp):
    return testapp.get("/moi/70/7001/@@register")


TEXT = ("เรื่อง ขอให้ซ่อมถนนในหมู่บ้าน\n"
        "ข้าพเจ้าขอร้องเรียนว่าถนนหมู่ที่ ๔ ชำรุดตั้งแต่วันที่ ๒๖ สิงหาคม ๒๕๖๗\n"
        "โทร ๐๘๑ ๙๗๖ ๕๔๓๒")


def scanned_page(text=TEXT, seed=3):
    rng = random.Random(seed)
    image = scans.degrade(scans.render_page(text, scans.find_thai_font(), rng), rng)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, dpi=(300, 300))
    return buffer.getvalue()


def register(testapp, subject="ขอให้ซ่อมถนน", center="7001", details="ถนนชำรุด",
             name=None, upload=None):
    """Register through the intake form: anonymous unless ``name`` ("first last") is given,
    with ``upload`` ((filename, bytes, mimetype)) attached."""
    form = testapp.get(f"/moi/70/{center}/@@register").forms["intake"]
    form["category"] = "d04"
    form["channel"] = "walk-in"
    form["subject"] = subject
    form["details"] = details
    if name:
        form["title"] = "นาย"
        form["first_name"], form["last_name"] = name.split()
        form["national_id"] = national_id.generate(random.Random(name))
    else:
        form["anonymous"] = True
    if upload:
        form["file"] = [webtest.Upload(*upload)]
    return form.submit("register").follow()


def register_with(testapp, name, data, mimetype):
    return register(testapp, upload=(name, data, mimetype))


def user_app(app, make_user, role, center):
    client = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    login(client, make_user(role, center)).follow()
    return client


def new_complaint(s, center_code, subject):
    """Register a complaint at ``center_code`` as the system would; returns its URL path."""
    record = {
        "received_at": datetime.datetime.now(BANGKOK),
        "type": {"category": "d01", "category_other": "", "channel": "walk-in"},
        "complaint": {"subject": subject, "details": "", "urgency": "normal"},
        "place": {"province": center_code[:2], "district": "", "subdistrict": "", "address": "",
                  "lat": "", "lon": ""},
        "complainant": {"anonymous": False, "title": "นาย", "first_name": "สมปอง",
                        "last_name": "ใจดีมาก", "national_id": "1101700203450", "phone": "",
                        "address": ""},
        "respondent": {"name": "", "position": "", "agency": ""},
    }
    complaint, _ = register_complaint(s, s.centers[center_code], record, [], "system", "received")
    return resource_path(complaint)


def complaint_at(s, center_code="7001", subject="เรื่องทดสอบสแกน"):
    """The complaint ``new_complaint`` registers, as an object."""
    return find_resource(s, new_complaint(s, center_code, subject))


def drop(hot, name, data):
    """Put a file (or, with ``/`` in the name, a file of a batch folder) into the inbox."""
    path = os.path.join(hot.inbox, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as target:
        target.write(data)
    return path


def url_of(resource):
    names = []
    while resource.__parent__ is not None:
        names.append(resource.__name__)
        resource = resource.__parent__
    return "/" + "/".join(reversed(names)) + "/"


def listing(folder):
    """What a clerk sees in a folder (the watcher's lock file is hidden)."""
    return sorted(name for name in os.listdir(folder) if not name.startswith("."))


def reason_of(hot, name):
    with open(os.path.join(hot.failed, name + ".reason.txt"), encoding="utf-8") as note:
        return note.read()


def encrypted_pdf():
    writer = PdfWriter(clone_from=io.BytesIO(scanfiles.pdf(1)))
    writer.encrypt("รหัสลับ-secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def huge_png_header(width=30_000, height=30_000):
    """A valid PNG header declaring 30,000 × 30,000 pixels, with almost no data behind it."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 100)) + chunk(b"IEND", b""))
