"""Registering a petition through the real WSGI stack, with scans, on a real FileStorage."""

import datetime
import re

import pytest
import webtest

import scanfiles
from damrong.thai.dates import BANGKOK
from damrong.worker import drain
from helpers import GOOD_ID, fill, register_page

def test_register_with_scan_gives_receipt_number_and_tracking_code(testapp, clerk, db, site):
    form = fill(register_page(testapp).forms["intake"])
    form["file"] = [webtest.Upload("petition.jpg", scanfiles.jpeg(), "image/jpeg")]
    response = form.submit("register")
    assert response.status_int == 303
    page = response.follow()
    assert "รับที่ ๑/" in page.text
    assert "บันทึกเรื่องเรียบร้อย" in page.text
    assert "petition.jpg" in page.text
    with site() as s:
        complaints = s.centers["7001"].complaints
        assert len(complaints) == 1
        complaint = next(iter(complaints.values()))
        assert complaint.complainant["national_id"] == GOOD_ID
        assert s.tracking[complaint.tracking_code] is complaint
        document = complaint.documents()[0]
        assert document.state == "queued"
        assert len(document.sha256) == 64
    assert drain(db) == 2  # reading the document, then making its searchable PDF
    with site() as s:
        document = next(iter(s.centers["7001"].complaints.values())).documents()[0]
        assert document.state == "ready" and len(document.pages) == 1


@pytest.mark.slow
def test_multipage_tiff_and_pdf_become_pages(testapp, clerk, db, site):
    for name, data, mime, pages in (("bundle.tif", scanfiles.tiff(3), "image/tiff", 3),
                                    ("letter.pdf", scanfiles.pdf(2), "application/pdf", 2)):
        form = fill(register_page(testapp).forms["intake"])
        form["file"] = [webtest.Upload(name, data, mime)]
        form.submit("register").follow()
    drain(db)
    with site() as s:
        documents = [c.documents()[0] for c in s.centers["7001"].complaints.values()]
        assert sorted(len(d.pages) for d in documents) == [2, 3]
        assert all(d.state == "ready" for d in documents)


def test_original_is_served_byte_for_byte(testapp, clerk, db):
    data = scanfiles.png()
    form = fill(register_page(testapp).forms["intake"])
    form["file"] = [webtest.Upload("scan.png", data, "image/png")]
    page = form.submit("register").follow()
    download = page.click(description="ดาวน์โหลดต้นฉบับ")
    assert download.body == data
    assert download.headers["ETag"]


def test_wrong_national_id_checksum_is_refused_and_form_stays_filled(testapp, clerk, site):
    form = fill(register_page(testapp).forms["intake"], national_id="1101700203451")
    response = form.submit("register", status=400)
    assert "เลขประจำตัวประชาชนไม่ถูกต้อง" in response.text
    assert "ขอให้ตรวจสอบโรงงานปล่อยน้ำเสียลงลำห้วย" in response.text
    assert 'value="มาลีวรรณ"' in response.text
    with site() as s:
        assert len(s.centers["7001"].complaints) == 0


def test_missing_required_fields_get_thai_messages(testapp, clerk):
    form = fill(register_page(testapp).forms["intake"], subject="", category="", first_name="")
    response = form.submit("register", status=400)
    assert "กรุณากรอกช่องนี้" in response.text
    assert "กรุณากรอกชื่อผู้ร้อง" in response.text


def test_other_category_needs_a_subtype(testapp, clerk):
    form = fill(register_page(testapp).forms["intake"], category="other")
    response = form.submit("register", status=400)
    assert "เรื่องอื่นๆ ต้องระบุประเภทย่อย" in response.text


def test_received_date_in_the_future_is_refused(testapp, clerk):
    future = (datetime.datetime.now(BANGKOK) + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    form = fill(register_page(testapp).forms["intake"], received_at=future)
    response = form.submit("register", status=400)
    assert "ต้องไม่เป็นเวลาในอนาคต" in response.text


def test_anonymous_complaint_needs_no_identity(testapp, clerk, site):
    form = fill(register_page(testapp).forms["intake"], first_name="", last_name="", national_id="")
    form["anonymous"] = True
    form.submit("register", status=303)
    with site() as s:
        assert len(s.centers["7001"].complaints) == 1


def _refused_upload(testapp, name, data, mime):
    form = fill(register_page(testapp).forms["intake"])
    form["file"] = [webtest.Upload(name, data, mime)]
    return form.submit("register", status=400)


def test_upload_that_is_not_an_image_is_refused_by_content(testapp, clerk, site):
    response = _refused_upload(testapp, "scan.jpg", b"MZ\x90\x00 this is an exe" * 20, "image/jpeg")
    assert "ไม่ใช่ไฟล์ภาพสแกน" in response.text
    assert 'value="มาลีวรรณ"' in response.text
    with site() as s:
        assert len(s.centers["7001"].complaints) == 0


def test_truncated_image_is_refused(testapp, clerk):
    data = scanfiles.jpeg()
    response = _refused_upload(testapp, "half.jpg", data[: len(data) // 2], "image/jpeg")
    assert "เสียหายหรือไม่สมบูรณ์" in response.text


def test_empty_file_is_refused(testapp, clerk):
    response = _refused_upload(testapp, "empty.pdf", b"", "application/pdf")
    assert "ว่างเปล่า" in response.text


def test_oversized_file_is_refused(testapp, clerk):
    big = scanfiles.jpeg() + b"\0" * (6 << 20)  # test settings allow 5 MB
    response = _refused_upload(testapp, "big.jpg", big, "image/jpeg")
    assert "เกินกำหนด" in response.text


def test_decompression_bomb_is_refused_without_decoding(testapp, clerk):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (20000, 20000), 1).save(buffer, "PNG")  # tiny file, 400 M pixels
    response = _refused_upload(testapp, "bomb.png", buffer.getvalue(), "image/png")
    assert "พิกเซล" in response.text or "ใหญ่ผิดปกติ" in response.text


def test_pdf_page_too_large_to_render_is_refused(testapp, clerk):
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=14_000, height=14_000)  # about 5 m square: 3.4 G pixels at 300 dpi
    buffer = io.BytesIO()
    writer.write(buffer)
    response = _refused_upload(testapp, "poster.pdf", buffer.getvalue(), "application/pdf")
    assert "หน้า ๑ ของไฟล์ PDF poster.pdf" in response.text and "พิกเซล" in response.text


def test_corrupt_pdf_is_refused(testapp, clerk):
    response = _refused_upload(testapp, "bad.pdf", b"%PDF-1.4\n garbage without xref", "application/pdf")
    assert "PDF" in response.text and "เสียหาย" in response.text


def test_good_scan_is_kept_when_another_field_is_wrong(testapp, clerk, site):
    form = fill(register_page(testapp).forms["intake"], subject="")
    form["file"] = [webtest.Upload("keep-me.jpg", scanfiles.jpeg(), "image/jpeg")]
    response = form.submit("register", status=400)
    assert "keep-me.jpg" in response.text
    form = response.forms["intake"]
    form["subject"] = "เรื่องที่กรอกเพิ่มภายหลัง"
    form.submit("register", status=303)
    with site() as s:
        complaint = next(iter(s.centers["7001"].complaints.values()))
        assert [d.filename for d in complaint.documents()] == ["keep-me.jpg"]


def test_double_submit_registers_one_complaint(testapp, clerk, site):
    form = fill(register_page(testapp).forms["intake"])
    first = form.submit("register", status=303)
    second = form.submit("register", status=303)
    assert first.location == second.location
    with site() as s:
        assert len(s.centers["7001"].complaints) == 1


def test_receipt_numbers_run_per_center(testapp, clerk, site):
    for _ in range(3):
        fill(register_page(testapp).forms["intake"]).submit("register", status=303)
    with site() as s:
        numbers = sorted(c.receipt_number for c in s.centers["7001"].complaints.values())
        assert numbers == [1, 2, 3]
        assert len(s.centers["7002"].complaints) == 0


def test_post_without_csrf_token_is_refused(testapp, clerk):
    form = fill(register_page(testapp).forms["intake"])
    form["csrf_token"] = "forged"
    response = form.submit("register", status=400)
    assert "แบบฟอร์มหมดอายุ" in response.text


def test_named_complainant_without_national_id_gets_a_thai_message_and_keeps_the_form(
        testapp, clerk, site):
    """Issue 13 item 1: a citizen without their card used to cost an HTTP 500 and the form."""
    form = fill(register_page(testapp).forms["intake"], national_id="")
    response = form.submit("register", status=400)
    assert "กรุณากรอกเลขประจำตัวประชาชน หรือเลือก 'ไม่ประสงค์ออกนาม'" in response.text
    assert "ขอให้ตรวจสอบโรงงานปล่อยน้ำเสียลงลำห้วย" in response.text
    assert 'value="มาลีวรรณ"' in response.text and 'value="081-234-5678"' in response.text
    with site() as s:
        assert len(s.centers["7001"].complaints) == 0


def _three_jpegs():
    """A three-page petition scanned page by page, chosen in the file dialog out of order."""
    return [webtest.Upload(f"petition-{n}.jpg", scanfiles.jpeg(label=str(n)), "image/jpeg")
            for n in (2, 1, 3)]


def test_several_jpegs_uploaded_together_become_one_document_of_several_pages(
        testapp, clerk, db, site):
    """Issue 13 item 13: three JPEGs of one petition became three one-page documents. Now one
    document, its pages in the order of the files' names, each JPEG kept in it as it was."""
    form = fill(register_page(testapp).forms["intake"])
    assert form["scans_as_one"].checked  # the default
    form["file"] = _three_jpegs()
    page = form.submit("register").follow()
    assert "petition-1–petition-3.pdf" in page.text and "๓ หน้า" in page.text
    drain(db)
    with site() as s:
        complaint = next(iter(s.centers["7001"].complaints.values()))
        [document] = complaint.documents()
        assert document.mimetype == "application/pdf" and len(document.pages) == 3
        with document.original.open() as original:
            data = original.read()
        for n in (1, 2, 3):  # the JPEG bytes themselves, not re-encoded
            assert scanfiles.jpeg(label=str(n))[-2000:] in data
        assert data.index(scanfiles.jpeg(label="1")[-2000:]) < data.index(
            scanfiles.jpeg(label="2")[-2000:])


def test_the_clerk_may_keep_each_image_a_document_of_its_own(testapp, clerk, site):
    form = fill(register_page(testapp).forms["intake"])
    form["scans_as_one"] = False
    form["file"] = _three_jpegs()
    form.submit("register").follow()
    with site() as s:
        complaint = next(iter(s.centers["7001"].complaints.values()))
        assert sorted(d.filename for d in complaint.documents()) == [
            "petition-1.jpg", "petition-2.jpg", "petition-3.jpg"]


def test_images_attached_later_together_are_one_document_too(testapp, clerk, site):
    page = fill(register_page(testapp).forms["intake"]).submit("register").follow()
    form = next(f for f in page.forms.values() if f.action.endswith("@@attach"))
    assert form["as_one"].checked
    form["file"] = _three_jpegs()
    page = form.submit().follow()
    with site() as s:
        complaint = next(iter(s.centers["7001"].complaints.values()))
        assert [(d.filename, d.page_count) for d in complaint.documents()] == [
            ("petition-1–petition-3.pdf", 3)]


# -- Buddhist-era dates (issue 13 item 8) ----------------------------------------------------

def test_the_received_time_is_typed_and_shown_as_a_buddhist_era_date(testapp, clerk, site):
    """The browser's own picker wrote mm/dd/yyyy in Christian-era years."""
    form = fill(register_page(testapp).forms["intake"])
    assert re.fullmatch(r"\d\d/\d\d/25\d\d \d\d:\d\d", form["received_at"].value)  # now, in BE
    form.set("received_at", "๒๕/๐๖/๒๕๖๘ ๑๔.๓๐ น.")  # Thai digits and the Thai clock work too
    page = form.submit("register").follow()
    assert "๒๕ มิถุนายน ๒๕๖๘ เวลา ๑๔.๓๐ น." in page.text
    with site() as s:
        complaint = next(iter(s.centers["7001"].complaints.values()))
        assert complaint.received_at == datetime.datetime(2025, 6, 25, 7, 30,
                                                          tzinfo=datetime.timezone.utc)
    edit = testapp.get(page.request.path + "@@edit").forms["edit"]
    assert edit["received_at"].value == "25/06/2568 14:30"


@pytest.mark.parametrize("typed, message", [
    ("25/06/2025 14:30", "ปี 2025 เป็นปีคริสต์ศักราช กรุณาพิมพ์ปีพุทธศักราช (2568)"),
    ("06-25-2568 14:30", "ไม่มีวันที่นี้ในปฏิทิน"),
    ("31/02/2568 10:00", "ไม่มีวันที่นี้ในปฏิทิน"),
    ("25/06/2568", "กรุณาระบุเวลาด้วย"),
    ("เมื่อวาน", "กรุณาพิมพ์เป็น วัน/เดือน/ปี พ.ศ."),
])
def test_a_wrong_date_gets_a_thai_message_and_stays_as_typed(testapp, clerk, typed, message):
    form = fill(register_page(testapp).forms["intake"])
    form.set("received_at", typed)
    response = form.submit("register", status=400)
    assert message in response.text
    assert response.forms["intake"]["received_at"].value == typed
