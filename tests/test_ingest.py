"""Back-capture through the real command line: resume without duplicates, the clerk's queue."""

import pytest

from pyramid.traversal import resource_path

import scanfiles
from damrong.complaints import PENDING_SUBJECT
from damrong.indexing import index_document
from damrong.resources.document import Page
from damrong.scans import ingest as ingest_module
from damrong.scans.ingest import fill_subject_from_ocr
from damrong.scripts.cli import main as cli
from damrong.searching import search_complaints
from damrong.worker import drain
from helpers import fill, scanned_page


@pytest.fixture
def archive(tmp_path):
    """Old paper as scanned: two batch folders, a single file, and a batch with a broken scan."""
    root = tmp_path / "archive"
    for name, data in (("2560-ก/1.jpg", scanfiles.jpeg(label="a1")),
                       ("2560-ก/2.jpg", scanfiles.jpeg(label="a2")),
                       ("2560-ข/letter.pdf", scanfiles.pdf(2)),
                       ("2560-ค/1.jpg", b""),
                       ("หนังสือเดี่ยว.png", scanfiles.png())):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return str(root)


def _page_with(text):
    page = Page(1, 10, 10)
    page.text = text
    return page


class Interrupted(BaseException):
    """Ctrl+C in the middle of a run."""


def test_ingest_resumes_without_duplicates(ini, archive, monkeypatch, capsys, request):
    register = ingest_module._register_batch
    calls = []

    def interrupt_at_second_batch(*args):
        calls.append(args)
        if len(calls) == 2:
            raise Interrupted()
        return register(*args)
    monkeypatch.setattr(ingest_module, "_register_batch", interrupt_at_second_batch)
    with pytest.raises(Interrupted):
        cli(["-c", ini, "ingest", archive, "--center", "7001"])
    monkeypatch.undo()

    assert cli(["-c", ini, "ingest", archive, "--center", "7001"]) == 1  # one broken batch
    out, err = capsys.readouterr()
    assert "นำเข้า 4/4 ชุด (ใหม่ 2, มีแล้ว 1, ไม่สำเร็จ 1)" in out and "ชุด/วินาที" in out
    assert "เหลือประมาณ" in out
    assert "2560-ค" in err and "ว่างเปล่า" in err

    assert cli(["-c", ini, "ingest", archive, "--center", "7001"]) == 1
    assert "(ใหม่ 0, มีแล้ว 3, ไม่สำเร็จ 1)" in capsys.readouterr().out

    site = request.getfixturevalue("site")
    with site() as s:
        center = s.centers["7001"]
        complaints = list(center.complaints.values())
        assert len(complaints) == 3 and len(center.ingested_batches) == 3
        assert sorted(len(c) for c in complaints) == [1, 1, 2]
        assert all(c.to_complete and c.subject == PENDING_SUBJECT for c in complaints)
        assert s.listing.count("todo", "to-complete") == 3
        kinds = sorted(job.kind for job in s.jobs.pending.values())
        assert kinds == ["fill-from-ocr"] * 3 + ["read-document"] * 4


def test_subject_comes_from_the_ocr_text_once_pages_are_read(ini, archive, capsys, request):
    cli(["-c", ini, "ingest", archive, "--center", "7001"])
    site = request.getfixturevalue("site")
    db = request.getfixturevalue("db")
    with site() as s:
        complaint = next(iter(s.centers["7001"].complaints.values()))
        name = complaint.__name__
        fill_subject_from_ocr(complaint)  # its pages are not read yet: it waits behind them
        assert complaint.subject == PENDING_SUBJECT
        assert sum(job.kind == "fill-from-ocr" for job in s.jobs.pending.values()) == 4
    drain(db)
    with site() as s:
        complaint = s.centers["7001"].complaints[name]
        assert complaint.subject == PENDING_SUBJECT  # the test scans carry no เรื่อง line
        complaint.documents()[0].pages[1].text = "เรียน นายอำเภอ\nเรื่อง ขอความช่วยเหลือน้ำประปาไม่ไหล"
        fill_subject_from_ocr(complaint)
        assert complaint.subject == "ขอความช่วยเหลือน้ำประปาไม่ไหล"
        assert list(complaint.history)[-1]["action"] == "กรอกเรื่องจากข้อความในเอกสาร"


def test_clerk_completes_a_back_captured_record_from_the_queue(ini, archive, capsys, request):
    cli(["-c", ini, "ingest", archive, "--center", "7001"])
    testapp = request.getfixturevalue("testapp")
    request.getfixturevalue("clerk")
    site = request.getfixturevalue("site")
    with site() as s:  # what the reading job leaves on the first page of each record
        for complaint in s.centers["7001"].complaints.values():
            complaint.documents()[0].pages[1] = _page_with(
                "วันที่รับ ๒ ม.ค. ๒๕๖๐\nเรื่อง ร้องเรียนเสียงดังจากโรงงาน\nเลขประจำตัว 1101700203450")
    queue = testapp.get("/moi/70/7001/").click(description="เรื่องที่ต้องบันทึกให้ครบ")
    assert queue.text.count("@@edit\">บันทึกให้ครบ</a>") == 3
    edit = queue.click(href="@@edit", index=0)
    form = edit.forms["edit"]
    assert form["subject"].value == "ร้องเรียนเสียงดังจากโรงงาน"  # from the scan's text
    assert form["national_id"].value == "1101700203450"
    assert form["received_at"].value == "02/01/2560 00:00"  # วัน/เดือน/ปี พ.ศ.
    form = fill(form, subject=PENDING_SUBJECT)
    refused = form.submit("save", status=400)
    assert "กรุณากรอกเรื่องแทนข้อความ" in refused.text
    form = fill(refused.forms["edit"])
    page = form.submit("save", status=303).follow()
    assert "ต้องบันทึกให้ครบ</span>" not in page.text
    queue = testapp.get("/moi/70/7001/@@to-complete")
    assert queue.text.count("@@edit\">บันทึกให้ครบ</a>") == 2
    with site() as s:
        completed = [c for c in s.centers["7001"].complaints.values() if not c.to_complete]
        assert len(completed) == 1
        assert ("สถานะการบันทึก", "ต้องบันทึกให้ครบ", "บันทึกครบแล้ว") in list(completed[0].history)[-1]["changes"]
        assert s.listing.count("todo", "to-complete") == 2


def test_ingest_refuses_an_unknown_center(ini, archive, capsys):
    assert cli(["-c", ini, "ingest", archive, "--center", "9999"]) == 2
    assert "ไม่พบศูนย์" in capsys.readouterr().err


def test_the_subject_filled_from_ocr_is_what_search_finds(ini, tmp_path, request):
    """The filled subject goes through the door: it is indexed, the placeholder is not left in
    the index, and check-index's content stamp agrees with the record."""
    batch = tmp_path / "archive" / "2561-ก"
    batch.mkdir(parents=True)
    (batch / "1.jpg").write_bytes(scanned_page())  # real OCR reads its เรื่อง line
    cli(["-c", ini, "ingest", str(batch.parent), "--center", "7001"])
    app, site = request.getfixturevalue("app"), request.getfixturevalue("site")
    request.getfixturevalue("indexed")()
    index = app.registry.indexer.index
    with site() as s:
        complaint = next(iter(s.centers["7001"].complaints.values()))
        assert "ซ่อมถนน" in complaint.subject
        center = s.centers["7001"]
        _results, found = search_complaints(s, index, center, complaint.subject,
                                            can_see_personal=False)
        assert [item.complaint for item in found] == [complaint]
        placeholder, _found = search_complaints(s, index, center, PENDING_SUBJECT,
                                                can_see_personal=False)
        assert placeholder.total == 0
        assert index.ids_and_stamps()[resource_path(complaint)] == index_document(complaint).stamp
