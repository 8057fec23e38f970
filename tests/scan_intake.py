"""Shared set-up of the scan intake tests: an app with a hot folder, complaints, bad files."""

import datetime
import io
import os
import struct
import zlib

import pytest
from pypdf import PdfWriter

import damrong
import scanfiles
from damrong.complaints import register_complaint
from damrong.scans.hotfolder import HotFolder
from damrong.thai.dates import BANGKOK
from helpers import make_settings


def hot_settings(var_dir, settle="0"):
    settings = make_settings(var_dir)
    scans = os.path.join(str(var_dir), "scans")
    settings.update({
        "damrong.scans.inbox": os.path.join(scans, "inbox"),
        "damrong.scans.center": "7001",
        "damrong.scans.settle_seconds": settle,
    })
    return settings


@pytest.fixture
def app(var_dir):
    """The conftest app, with a hot folder filing for 7001 that takes files at once."""
    wsgi = damrong.main({}, **hot_settings(var_dir))
    yield wsgi
    wsgi.registry._zodb_databases[""].close()


@pytest.fixture
def hot(app):
    return HotFolder.from_registry(app.registry)


def drop(hot, name, data):
    """Put a file (or, with ``/`` in the name, a file of a batch folder) into the inbox."""
    path = os.path.join(hot.inbox, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as target:
        target.write(data)
    return path


def complaint(s, subject="เรื่องทดสอบสแกน", center="7001"):
    record = {
        "received_at": datetime.datetime.now(BANGKOK),
        "type": {"category": "d01", "category_other": "", "channel": "walk-in"},
        "complaint": {"subject": subject, "details": "", "urgency": "normal"},
        "place": {"province": center[:2], "district": "", "subdistrict": "", "address": "",
                  "lat": "", "lon": ""},
        "complainant": {"anonymous": True},
        "respondent": {},
    }
    created, _ = register_complaint(s, s.centers[center], record, [], "system", "received")
    return created


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
