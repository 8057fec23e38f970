"""The document job: real OCR page by page, progress, hand corrections, interruptions."""

import datetime
import io
import random

import pytest
import transaction
import webtest

from damrong import reading, worker
from damrong.demo import scans
from damrong.jobs import MAX_ATTEMPTS
from damrong.ocr import sources
from damrong.resources.site import get_site
from damrong.worker import JobRun, LeaseLost, drain, run_one, worker_name
from helpers import login, register_with, scanned_page

def scanned_tiff(pages):
    frames = [scans.render_page(f"หน้าที่ {n}\nเรื่อง ทดสอบการอ่าน", scans.find_thai_font(),
                                random.Random(n)) for n in range(1, pages + 1)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "TIFF", save_all=True, append_images=frames[1:],
                   compression="tiff_deflate", dpi=(300, 300))
    return buffer.getvalue()


def only_document(s):
    complaint = next(iter(s.centers["7001"].complaints.values()))
    return complaint.documents()[0]


def test_scanned_page_is_read_with_thai_digits_and_shown_beside_its_image(
        testapp, clerk, db, site, make_user):
    register_with(testapp, "petition.jpg", scanned_page(), "image/jpeg")
    assert drain(db) == 2  # then the searchable PDF
    with site() as s:
        document = only_document(s)
        page = document.pages[1]
        assert document.state == "ready" and document.pages_read == 1
        assert page.source == "ocr" and page.confidence > 50
        assert "ซ่อมถนน" in page.text
        assert "๒๖ สิงหาคม ๒๕๖๗" in page.text
        assert "๐๘๑" in page.text and "๙๗๖" in page.text
        assert page.words and page.box_size[0] > 2000
        flagged = page.needs_review
        url = "/" + "/".join(_path(document))
    viewer = testapp.get(url)
    assert "๒๖ สิงหาคม ๒๕๖๗" in viewer.text and "ความมั่นใจเฉลี่ย" in viewer.text
    assert ("ควรตรวจทานข้อความกับภาพ" in viewer.text) == flagged
    assert testapp.get(url + "/status.json").json["state"] == "ready"


def test_a_page_read_with_low_confidence_is_flagged_until_someone_corrects_it():
    from damrong.ocr import REVIEW_CONFIDENCE, PageText
    from damrong.resources.document import Page

    def read(confidence, source="ocr"):
        page = Page(1, 2480, 3508)
        page.set_machine_text(PageText(1, "ข้อความ", confidence, source=source))
        return page

    assert read(REVIEW_CONFIDENCE - 1).needs_review
    assert not read(REVIEW_CONFIDENCE + 1).needs_review
    assert not read(100.0, source="text-layer").needs_review
    corrected = read(REVIEW_CONFIDENCE - 20)
    corrected.correct("ข้อความที่แก้แล้ว", "officer")
    assert not corrected.needs_review


def _path(resource):
    names = []
    while resource.__parent__ is not None:
        names.append(resource.__name__)
        resource = resource.__parent__
    return reversed(names)


def test_officer_corrects_text_kept_as_revision_and_clerk_view_is_read_only(
        testapp, clerk, db, site, make_user, app):
    register_with(testapp, "petition.jpg", scanned_page(), "image/jpeg")
    drain(db)
    with site() as s:
        url = "/" + "/".join(_path(only_document(s)))
    officer = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    login(officer, make_user("officer", "7001")).follow()
    form = officer.get(url).forms[1]
    form["text"] = "เรื่อง ขอให้ซ่อมถนนในหมู่บ้าน หมู่ที่ ๔ (แก้ไขแล้ว)"
    page = form.submit().follow()
    assert "บันทึกการแก้ไขข้อความหน้า ๑ แล้ว" in page.text
    assert "แก้ไขโดยเจ้าหน้าที่ ๑ ครั้ง" in page.text
    with site() as s:
        document = only_document(s)
        corrected = document.pages[1]
        assert corrected.text.endswith("(แก้ไขแล้ว)")
        assert "๒๖ สิงหาคม" in corrected.machine_text
        assert [e["action"] for e in document.__parent__.history][-1] == "แก้ไขข้อความในเอกสาร"
    officer.post(url + "/@@correct", {"n": "1", "text": "x"}, status=400)  # no CSRF token
    assert testapp.post(url + "/@@correct", {"n": "1", "text": "x"}, status="*").status_int in (400, 403)


class CrashAfter:
    """A job run whose process 'dies' after ``pages`` checkpoints past the start."""

    def __init__(self, run, pages):
        self.run, self.left = run, pages + 1

    def checkpoint(self):
        if self.left == 0:
            raise SystemExit("worker killed")
        self.left -= 1
        self.run.checkpoint()


@pytest.mark.slow
def test_interrupted_document_keeps_read_pages_and_corrections_then_finishes(
        testapp, clerk, db, site, monkeypatch):
    register_with(testapp, "bundle.tif", scanned_tiff(3), "image/tiff")
    real = reading.read_document
    monkeypatch.setitem(worker.HANDLERS, "read-document",
                        lambda doc, run: real(doc, CrashAfter(run, 2)))
    with pytest.raises(SystemExit):
        run_one(db)
    with site() as s:
        document = only_document(s)
        assert sorted(document.pages) == [1, 2] and document.state == "processing"
        # A message; pages show it through th.translate ("กำลังอ่านหน้า ๓ จาก ๓" in Thai).
        assert document.state_label.mapping == {"page": 3, "pages": 3}
        document.pages[2].correct("แก้ด้วยมือ", "officer")
        job = next(iter(s.jobs.pending.values()))
        job.leased_until = None  # the dead worker's lease has run out
    monkeypatch.setitem(worker.HANDLERS, "read-document", real)
    read_again = []
    real_ocr_image = sources.ocr_image
    monkeypatch.setattr(sources, "ocr_image",
                        lambda image, number: read_again.append(number) or real_ocr_image(
                            image, number))
    assert drain(db) == 2  # then the searchable PDF
    assert read_again == [3]  # the saved pages are not read again
    with site() as s:
        document = only_document(s)
        assert sorted(document.pages) == [1, 2, 3] and document.state == "ready"
        assert document.pages[2].text == "แก้ด้วยมือ"
        assert "ทดสอบการอ่าน" in document.pages[3].text
        assert "3" in document.pages[3].text or "๓" in document.pages[3].text
        [finished] = [job for job in s.jobs.finished.values() if job.kind == "read-document"]
        assert finished.attempts == 2


@pytest.mark.slow
def test_a_long_document_is_read_in_turns_with_the_scans_registered_after_it(
        testapp, clerk, db, site, monkeypatch):
    monkeypatch.setattr(reading, "PAGES_PER_TURN", 2)
    register_with(testapp, "box.tif", scanned_tiff(3), "image/tiff")
    register_with(testapp, "petition.jpg", scanned_page(), "image/jpeg")
    assert run_one(db) and run_one(db)  # two pages of the long one, then the petition
    with site() as s:
        long_one, petition = sorted((c.documents()[0] for c in s.centers["7001"].complaints.values()),
                                    key=lambda d: d.page_count, reverse=True)
        assert sorted(long_one.pages) == [1, 2] and long_one.state == "processing"
        assert petition.state == "ready"
    drain(db)
    with site() as s:
        long_one = next(d for c in s.centers["7001"].complaints.values() for d in c.documents()
                        if d.filename == "box.tif")
        assert sorted(long_one.pages) == [1, 2, 3] and long_one.state == "ready"


def test_a_file_that_kills_its_worker_every_time_is_set_aside_with_a_thai_reason(
        testapp, clerk, db, site, monkeypatch):
    register_with(testapp, "petition.jpg", scanned_page(), "image/jpeg")
    monkeypatch.setitem(worker.HANDLERS, "read-document",
                        lambda doc, run: (_ for _ in ()).throw(SystemExit("worker killed")))
    for _attempt in range(MAX_ATTEMPTS):
        with pytest.raises(SystemExit):
            run_one(db)
        with site() as s:  # the dead worker's lease runs out
            [job] = s.jobs.pending.values()
            job.leased_until = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(
                seconds=1)
    assert run_one(db) is False  # parks the job, then finds nothing else to lease
    with site() as s:
        [parked] = s.jobs.failed.values()
        assert parked.kind == "read-document" and parked.attempts == MAX_ATTEMPTS
        document = only_document(s)
        assert document.state == "failed" and "ไฟล์ต้นฉบับยังเก็บไว้ครบ" in document.error
        assert document.original.open().read()[:2] == b"\xff\xd8"  # the original is kept


def test_a_worker_whose_lease_was_taken_over_stops_without_saving(testapp, clerk, db, site):
    register_with(testapp, "petition.jpg", scanned_page(), "image/jpeg")
    now = datetime.datetime.now(datetime.timezone.utc)
    tm = transaction.TransactionManager()
    connection = db.open(transaction_manager=tm)
    jobs = get_site(connection).jobs
    job_id, _ = jobs.lease_next(now, "worker-a")
    tm.commit()
    with site() as s:  # the lease expired and worker-b took the job
        s.jobs.pending[job_id].leased_by = "worker-b"
    tm.begin()
    with pytest.raises(LeaseLost):
        JobRun(tm, connection, job_id, "worker-a").checkpoint()
    tm.abort()
    connection.close()
    assert worker_name().count(":") == 2
