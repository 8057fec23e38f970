"""The hot folder on a real FileStorage: filing by name, unfiled scans, bad input, crashes."""

import dataclasses
import os
import shutil
import time
import tracemalloc

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

import scanfiles
from damrong.complaints import attach_document
from damrong.numbering import format_receipt
from damrong.scans import hotfolder
from damrong.scans.hotfolder import HotFolder
from damrong.worker import drain, until_idle
from helpers import (complaint_at, drop, encrypted_pdf, huge_png_header, listing,
                     reason_of, scanned_page)
from scan_intake import app, hot  # noqa: F401 - fixtures: the app with a hot folder


def _documents(s, path_names):
    return [d.filename for d in s.centers["7001"].complaints[path_names].documents()]


def test_file_named_with_receipt_number_is_attached(hot, db, site):
    with site() as s:
        target = complaint_at(s)
        year, number = target.receipt_year, target.receipt_number
        name = target.__name__
    drop(hot, f"{number}-{year}.jpg", scanfiles.jpeg())
    thai = format_receipt(year, number).replace("/", "-")  # รับที่ ๑-๒๕๖๙
    drop(hot, f"{thai} ใบแนบ.png", scanfiles.png())
    assert hot.poll(db) == 2
    with site() as s:
        assert _documents(s, name) == [f"{number}-{year}.jpg", f"{thai} ใบแนบ.png"]
        assert len(s.centers["7001"].unfiled) == 0
    assert sorted(listing(hot.done)) == sorted([f"{number}-{year}.jpg", f"{thai} ใบแนบ.png"])
    assert listing(hot.inbox) == []
    assert drain(db) == 4  # each document read, then its searchable PDF made
    with site() as s:
        assert all(d.state == "ready" for d in s.centers["7001"].complaints[name].documents())


def test_batch_named_with_tracking_code_becomes_documents_of_one_complaint(hot, db, site):
    with site() as s:
        target = complaint_at(s)
        code, name = target.tracking_code, target.__name__
    drop(hot, f"{code[:4]}-{code[4:]}/1.jpg", scanfiles.jpeg(label="1"))
    drop(hot, f"{code[:4]}-{code[4:]}/2.tif", scanfiles.tiff(2))
    assert hot.poll(db) == 1
    with site() as s:
        assert _documents(s, name) == ["1.jpg", "2.tif"]
        history = [entry["action"] for entry in s.centers["7001"].complaints[name].history]
        assert history.count("แนบเอกสาร") == 2
    assert listing(hot.done) == [f"{code[:4]}-{code[4:]}"]


def test_file_that_points_nowhere_becomes_unfiled_scan_with_note(hot, db, site):
    drop(hot, "999-2569.jpg", scanfiles.jpeg())
    drop(hot, "scan0001.pdf", scanfiles.pdf(2))
    assert hot.poll(db) == 2
    with site() as s:
        scans = {scan.source_name: scan for scan in s.centers["7001"].unfiled.values()}
        assert set(scans) == {"999-2569.jpg", "scan0001.pdf"}
        assert "เลขรับ รับที่ ๙๙๙/๒๕๖๙" in scans["999-2569.jpg"].note and "ไม่พบ" in scans["999-2569.jpg"].note
        assert scans["scan0001.pdf"].note == ""
        assert scans["scan0001.pdf"].documents()[0].page_count == 2
        assert len(s.jobs.pending) == 2  # queued for pages (and OCR) like any document


@pytest.mark.parametrize("name, data, expected", [
    ("empty.pdf", b"", "ว่างเปล่า"),
    ("half.jpg", scanfiles.jpeg()[:20_000], "เสียหายหรือไม่สมบูรณ์"),
    ("locked.pdf", encrypted_pdf(), "มีรหัสผ่าน"),
    ("huge.png", huge_png_header(), "ใหญ่"),
    ("program.jpg", b"MZ\x90\x00 not a scan at all" * 50, "ไม่ใช่ไฟล์ภาพสแกน"),
])
def test_bad_file_goes_to_failed_with_its_reason_and_the_queue_moves_on(hot, db, site, name, data,
                                                                        expected):
    drop(hot, name, data)
    drop(hot, "zz-good.jpg", scanfiles.jpeg())
    assert hot.poll(db) == 2
    assert listing(hot.inbox) == []
    assert sorted(listing(hot.failed)) == [name, name + ".reason.txt"]
    with open(os.path.join(hot.failed, name), "rb") as kept:
        assert kept.read() == data  # the original is kept as it came
    reason = reason_of(hot, name)
    assert expected in reason and name in reason
    assert listing(hot.done) == ["zz-good.jpg"]
    with site() as s:
        assert [scan.source_name for scan in s.centers["7001"].unfiled.values()] == ["zz-good.jpg"]


def test_wrong_extension_is_judged_by_content(hot, db, site):
    drop(hot, "really-a-jpeg.pdf", scanfiles.jpeg())
    hot.poll(db)
    with site() as s:
        (scan,) = s.centers["7001"].unfiled.values()
        assert scan.documents()[0].mimetype == "image/jpeg"


def test_one_bad_file_fails_its_whole_batch(hot, db, site):
    drop(hot, "batch/1.jpg", scanfiles.jpeg())
    drop(hot, "batch/2.jpg", b"")
    hot.poll(db)
    assert sorted(listing(hot.failed)) == ["batch", "batch.reason.txt"]
    assert "batch/2.jpg" in reason_of(hot, "batch")
    with site() as s:
        assert len(s.centers["7001"].unfiled) == 0 and not s.centers["7001"].received_scans


def test_same_file_dropped_twice_is_received_once(hot, db, site):
    data = scanfiles.jpeg(label="twice")
    drop(hot, "petition.jpg", data)
    hot.poll(db)
    drop(hot, "petition.jpg", data)
    hot.poll(db)
    assert listing(hot.done) == ["petition.jpg"]
    assert sorted(listing(hot.failed)) == ["petition.jpg", "petition.jpg.reason.txt"]
    reason = reason_of(hot, "petition.jpg")
    assert "เคยรับเข้าระบบแล้ว" in reason and "ไฟล์สแกนรอระบุเรื่อง petition.jpg" in reason
    with site() as s:
        assert len(s.centers["7001"].unfiled) == 1


def test_file_the_clerk_already_attached_by_hand_is_refused_with_a_reason(hot, db, site):
    data = scanfiles.jpeg(label="by hand")
    with site() as s:
        target = complaint_at(s)
        name, stem = target.__name__, f"{target.receipt_number}-{target.receipt_year}"
        drop(hot, "upload.jpg", data)
        upload = hot.check(os.path.join(hot.inbox, "upload.jpg")).uploads[0]
        attach_document(target, upload, "clerk")
    os.unlink(os.path.join(hot.inbox, "upload.jpg"))
    drop(hot, f"{stem}.jpg", data)
    hot.poll(db)
    assert "ซ้ำกับเอกสาร upload.jpg" in reason_of(hot, f"{stem}.jpg")
    with site() as s:
        assert len(s.centers["7001"].complaints[name].documents()) == 1


class Crash(BaseException):
    """The process dying: not an ``Exception``, so nothing in the hot folder catches it."""


def test_crash_between_commit_and_move_never_duplicates(app, hot, db, site, monkeypatch):
    drop(hot, "petition.jpg", scanfiles.jpeg())

    def die_on_move_to_done(source, target):
        if target.startswith(hot.done):
            raise Crash()
        return shutil.move(source, target)
    monkeypatch.setattr(hotfolder.shutil, "move", die_on_move_to_done)
    with pytest.raises(Crash):
        hot.poll(db)
    monkeypatch.undo()
    hot.close()  # the process is gone, and its lock on the inbox with it
    assert listing(hot.inbox) == ["petition.jpg"]  # committed, but never moved
    restarted = HotFolder.from_registry(app.registry)
    assert restarted.poll(db) == 1
    assert listing(hot.inbox) == []
    assert "เคยรับเข้าระบบแล้ว" in reason_of(hot, "petition.jpg")
    with site() as s:
        assert len(s.centers["7001"].unfiled) == 1
        assert len(s.centers["7001"].received_scans) == 1


def test_file_is_taken_only_once_it_stops_changing(app, db, site):
    now = [1000.0]
    hot = HotFolder.from_registry(app.registry)
    hot.settle_seconds, hot.clock = 5, lambda: now[0]
    path = drop(hot, "growing.pdf", scanfiles.pdf(1)[:100])
    assert hot.poll(db) == 0
    now[0] += 3
    with open(path, "wb") as still_writing:
        still_writing.write(scanfiles.pdf(1))
    assert hot.poll(db) == 0
    now[0] += 4  # 4 s since the last change
    assert hot.poll(db) == 0
    now[0] += 2
    assert hot.poll(db) == 1
    with site() as s:
        (scan,) = s.centers["7001"].unfiled.values()
        assert scan.documents()[0].size == len(scanfiles.pdf(1))


def test_only_one_watcher_takes_an_inbox(app, hot, db):
    other_worker = HotFolder.from_registry(app.registry)
    drop(hot, "a.jpg", scanfiles.jpeg())
    assert hot.poll(db) == 1
    drop(hot, "b.jpg", scanfiles.jpeg(label="b"))
    assert other_worker.poll(db) == 0 and not other_worker.waiting()
    hot.close()
    assert other_worker.poll(db) == 1


def test_until_idle_takes_the_inbox_and_runs_the_jobs(hot, db, site):
    drop(hot, "a.jpg", scanfiles.jpeg(label="a"))
    drop(hot, "b/1.png", scanfiles.png())
    assert until_idle(db, hot) == (2, 4)
    with site() as s:
        assert all(d.state == "ready" for scan in s.centers["7001"].unfiled.values()
                   for d in scan.documents())


def _big_pdf(path, pages=500, padding=40_000):
    """A 500-page PDF of ~20 MB whose pages carry incompressible content."""
    writer = PdfWriter()
    for number in range(pages):
        page = writer.add_blank_page(595, 842)
        stream = DecodedStreamObject()
        stream.set_data(b"% " + os.urandom(padding // 2).hex().encode() + b"\n")
        page[NameObject("/Contents")] = writer._add_object(stream)
    with open(path, "wb") as target:
        writer.write(target)


def _peak_memory_of_poll(hot, db):
    tracemalloc.start()
    try:
        assert hot.poll(db) == 1
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_500_page_pdf_is_accepted_without_reading_it_into_memory(hot, db, site):
    """Taking a 1-page PDF costs a fixed amount (its first page rasterized to look for a cover
    sheet); a 500-page one must cost barely more, not its size."""
    hot.limits = dataclasses.replace(hot.limits, bytes=100 << 20, pages=500)
    drop(hot, "one-page.pdf", scanfiles.pdf(1))
    baseline = _peak_memory_of_poll(hot, db)
    path = os.path.join(hot.inbox, "archive.pdf")
    _big_pdf(path)
    size = os.path.getsize(path)
    extra = _peak_memory_of_poll(hot, db) - baseline
    assert extra < size / 4, f"{extra:,} more bytes for a {size:,}-byte file"
    with site() as s:
        scan = s.centers["7001"].unfiled["s2"]
        assert scan.documents()[0].page_count == 500
        assert scan.documents()[0].size == size


def test_links_and_special_files_are_refused_with_a_reason(hot, db, site, tmp_path):
    """Issue 14.5: a link to a folder outside the inbox pulled its files in as a batch."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.jpg").write_bytes(scanned_page())
    os.symlink(outside, os.path.join(hot.inbox, "linked-folder"))
    os.symlink(outside / "secret.jpg", os.path.join(hot.inbox, "linked.jpg"))
    drop(hot, "batch/page1.jpg", scanned_page(seed=4))
    os.symlink(outside / "secret.jpg", os.path.join(hot.inbox, "batch", "page2.jpg"))
    os.mkfifo(os.path.join(hot.inbox, "pipe"))
    assert hot.poll(db) == 4
    assert listing(hot.inbox) == [] and listing(hot.done) == []
    for name in ("linked-folder", "linked.jpg", "pipe"):
        assert "ระบบไม่รับ" in reason_of(hot, name)
    assert "page2.jpg" in reason_of(hot, "batch") and "ลิงก์" in reason_of(hot, "batch")
    assert (outside / "secret.jpg").exists()  # the link went, not what it pointed to
    with site() as s:
        assert len(s.centers["7001"].unfiled) == 0 and not s.centers["7001"].complaints


def test_hidden_files_left_in_the_inbox_go_to_failed(hot, db):
    drop(hot, ".scan0001.jpg", scanned_page())
    assert hot.poll(db) == 0  # perhaps still being written
    now = time.time() + hot.abandoned_after + 1
    hot.clock = lambda: now
    assert hot.poll(db) == 1
    assert "ขึ้นต้นด้วยจุด" in reason_of(hot, ".scan0001.jpg")
    assert os.path.exists(os.path.join(hot.inbox, ".damrong-watcher.lock"))
