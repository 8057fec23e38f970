"""Clerks filing scans through the web pages: cover sheets, unfiled scans, pre-filled intake."""

import io
import os
import re
import subprocess

import webtest
from PIL import Image
from pypdf import PdfReader, PdfWriter

import scanfiles
from damrong.scans.coversheet import code_in_image
from damrong.thai.digits import to_thai_digits
from damrong.worker import drain
from helpers import GOOD_ID, complaint_at, drop, fill, listing, login, register_page, url_of
from scan_intake import app, hot  # noqa: F401 - fixtures: the app with a hot folder

PETITION_TEXT = """เลขรับ วันที่รับ ๓ มิ.ย. ๖๙ เวลา ๑๐.๑๕ น.
เรื่อง ขอให้ซ่อมถนนในหมู่บ้านที่ชำรุด
เรียน นายอำเภอเมืองราชบุรี
ข้าพเจ้า เลขประจำตัวประชาชน 1 1017 00203 45 0 โทร ๐๘๙ ๘๗๖ ๕๔๓๒"""


def _comparable(text):
    """WeasyPrint shapes Thai right on paper, but its PDFs map the sara aa glyph back to the
    sara am it is part of (ราชบุรี extracts as รำชบุรี) and break lines anywhere: compare without
    that difference and without spaces."""
    return "".join(text.split()).replace("ำ", "า")


def _cover_pdf(testapp, url):
    response = testapp.get(url + "cover-sheet.pdf")
    assert response.content_type == "application/pdf"
    return response.body


def _rasterize_first_page(pdf, tmp_path, dpi=100):
    source = tmp_path / "cover.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", str(dpi), "-gray", "-png", "-singlefile",
                    str(source), str(tmp_path / "cover")], check=True)
    return (tmp_path / "cover.png").read_bytes()


def test_cover_sheet_shows_receipt_center_subject_and_a_readable_qr(testapp, clerk, site, tmp_path):
    with site() as s:
        target = complaint_at(s, subject="ขอให้ตรวจสอบไฟฟ้าดับบ่อย")
        url, code = url_of(target), target.tracking_code
        receipt = f"รับที่ {to_thai_digits(f'{target.receipt_number}/{target.receipt_year}')}"
    pdf = _cover_pdf(testapp, url)
    text = _comparable(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    for expected in (receipt, "ศูนย์ดำรงธรรมอำเภอเมืองราชบุรี", "ขอให้ตรวจสอบไฟฟ้าดับบ่อย",
                     "วางใบนี้ไว้บนสุดของชุดเอกสาร", f"{code[:4]}-{code[4:]}"):
        assert _comparable(expected) in text
    assert "๒๕๖" in text  # Buddhist-era date in Thai digits
    with Image.open(io.BytesIO(_rasterize_first_page(pdf, tmp_path))) as image:
        assert code_in_image(image) == code


def test_batch_behind_a_cover_sheet_is_attached_and_the_sheet_not_kept(testapp, clerk, hot, db, site,
                                                                       tmp_path):
    with site() as s:
        target = complaint_at(s)
        url, name = url_of(target), target.__name__
    cover_png = _rasterize_first_page(_cover_pdf(testapp, url), tmp_path)
    drop(hot, "batch-0007/page-00.png", cover_png)
    drop(hot, "batch-0007/page-01.jpg", scanfiles.jpeg(label="petition"))
    drop(hot, "batch-0007/page-02.jpg", scanfiles.jpeg(label="id card"))
    assert hot.poll(db) == 1
    with site() as s:
        documents = s.centers["7001"].complaints[name].documents()
        assert [d.filename for d in documents] == ["page-01.jpg", "page-02.jpg"]
        assert len(s.centers["7001"].unfiled) == 0
    assert listing(hot.done) == ["batch-0007"]
    assert sorted(os.listdir(os.path.join(hot.done, "batch-0007")))[0] == "page-00.png"


def test_pdf_whose_first_page_is_the_cover_sheet_is_attached_and_marked(testapp, clerk, hot, db, site):
    with site() as s:
        target = complaint_at(s)
        url, name = url_of(target), target.__name__
    writer = PdfWriter(clone_from=io.BytesIO(_cover_pdf(testapp, url)))
    writer.append(io.BytesIO(scanfiles.pdf(2)))
    buffer = io.BytesIO()
    writer.write(buffer)
    drop(hot, "scanner-output.pdf", buffer.getvalue())
    assert hot.poll(db) == 1
    with site() as s:
        (document,) = s.centers["7001"].complaints[name].documents()
        assert document.page_count == 3 and document.cover_pages == 1
        with document.original.open() as original:
            assert original.read() == buffer.getvalue()  # the original is kept as received
    page = testapp.get(url)
    assert "หน้าแรกเป็นใบปะหน้า" in page.text


def test_clerk_attaches_an_unfiled_scan_to_a_complaint_by_receipt_number(testapp, clerk, hot, db, site):
    with site() as s:
        target = complaint_at(s)
        url, name = url_of(target), target.__name__
        reference = to_thai_digits(f"{target.receipt_number}/{target.receipt_year}")
    drop(hot, "IMG_0042.jpg", scanfiles.jpeg())
    hot.poll(db)
    listing = testapp.get("/moi/70/7001/").click(description="ไฟล์สแกนรอระบุเรื่อง")
    assert "IMG_0042.jpg" in listing.text
    scan_page = listing.click(description="IMG_0042.jpg")
    form = next(f for f in scan_page.forms.values() if f.action.endswith("@@attach"))
    form["reference"] = "๙๙๙/๒๕๖๙"
    assert "ไม่พบเรื่อง" in form.submit().follow().text
    form["reference"] = reference
    page = form.submit().follow()
    assert "แนบเอกสาร ๑ ไฟล์" in page.text or "แนบเอกสาร 1 ไฟล์" in page.text
    assert "IMG_0042.jpg" in page.text
    assert drain(db) == 2  # the reading job followed the document to its complaint (then its PDF)
    with site() as s:
        (document,) = s.centers["7001"].complaints[name].documents()
        assert document.state == "ready" and len(document.pages) == 1
        assert document.searchable is not None
        assert len(s.centers["7001"].unfiled) == 0 and not s.jobs.failed
        assert s.centers["7001"].received_scans[document.sha256] is document


def test_unfiled_scan_becomes_a_new_complaint_with_fields_from_its_text(testapp, clerk, hot, db, site):
    drop(hot, "walk-in.jpg", scanfiles.jpeg())
    hot.poll(db)
    drain(db)
    with site() as s:  # what the document job's OCR leaves on the page
        (scan,) = s.centers["7001"].unfiled.values()
        scan.documents()[0].pages[1].text = PETITION_TEXT
        scan_url = url_of(scan)
    viewer = testapp.get(scan_url).click(description="walk-in.jpg", index=0)
    assert "ไฟล์สแกนรอระบุเรื่อง walk-in.jpg" in viewer.text and "เรียน นายอำเภอเมืองราชบุรี" in viewer.text
    page = testapp.get(scan_url).click(description="รับเป็นเรื่องใหม่")
    form = page.forms["intake"]
    assert "file" not in form.fields  # the scan's own documents are moved over
    assert form["subject"].value == "ขอให้ซ่อมถนนในหมู่บ้านที่ชำรุด"
    assert form["national_id"].value == GOOD_ID
    assert form["phone"].value == "089-876-5432"
    assert re.fullmatch(r"03/06/25\d\d 10:15", form["received_at"].value)  # วัน/เดือน/ปี พ.ศ.
    assert "เรียน นายอำเภอเมืองราชบุรี" in page.text  # the OCR text beside the form
    form["category"] = "d04"
    form["first_name"] = "สมศรี"
    form["received_at"] = "03/06/2568 10:15"  # the test must not depend on today's year
    registered = form.submit("register", status=303).follow()
    assert "บันทึกเรื่องเรียบร้อย" in registered.text and "walk-in.jpg" in registered.text
    with site() as s:
        (created,) = s.centers["7001"].complaints.values()
        assert created.subject == "ขอให้ซ่อมถนนในหมู่บ้านที่ชำรุด"
        assert [d.filename for d in created.documents()] == ["walk-in.jpg"]
        assert created.documents()[0].pages[1].text == PETITION_TEXT
        assert len(s.centers["7001"].unfiled) == 0


def test_unfiled_pages_need_the_register_permission(testapp, make_user, hot, db):
    drop(hot, "x.jpg", scanfiles.jpeg())
    hot.poll(db)
    login(testapp, make_user("executive", "7001")).follow()
    testapp.get("/moi/70/7001/unfiled/", status=403)
    testapp.get("/moi/70/7001/unfiled/s1/", status=403)


def test_hot_folder_refusals_are_listed_for_the_clerk(testapp, clerk, hot, db):
    drop(hot, "empty.jpg", b"")
    hot.poll(db)
    page = testapp.get("/moi/70/7001/unfiled/")
    assert "empty.jpg" in page.text and "ว่างเปล่า" in page.text


def test_attach_form_without_csrf_token_is_refused(testapp, clerk, hot, db, site):
    drop(hot, "x.jpg", scanfiles.jpeg())
    hot.poll(db)
    testapp.post("/moi/70/7001/unfiled/s1/@@attach", {"reference": "1/2569"}, status=400)
    with site() as s:
        assert len(s.centers["7001"].unfiled) == 1


def test_clerk_uploads_are_untouched_by_the_hot_folder(testapp, clerk, site):
    """The counter's own upload form still works beside the hot folder (same document model)."""
    form = fill(register_page(testapp).forms["intake"])
    form["file"] = [webtest.Upload("petition.jpg", scanfiles.jpeg(), "image/jpeg")]
    form.submit("register", status=303)
    with site() as s:
        (created,) = s.centers["7001"].complaints.values()
        assert created.documents()[0].cover_pages == 0 and created.documents()[0].searchable is None


def test_scan_pages_speak_english_too(testapp, clerk, hot, db):
    from damrong.i18n import LOCALE_COOKIE
    drop(hot, "x.jpg", scanfiles.jpeg())
    hot.poll(db)
    testapp.set_cookie(LOCALE_COOKIE, "en")
    listing = testapp.get("/moi/70/7001/unfiled/")
    assert "Unfiled scans" in listing.text and "Recently refused" not in listing.text
    scan = listing.click(description="x.jpg")
    assert "Attach to an existing complaint" in scan.text and "Register as a new complaint" in scan.text
    assert "Records to complete" in testapp.get("/moi/70/7001/@@to-complete").text
