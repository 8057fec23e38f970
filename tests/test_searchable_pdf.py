"""Searchable PDFs: the Thai text layer must come back out exactly, in order."""

import io
import random
import subprocess

import weasyprint
from PIL import Image
from pypdf import PdfReader

import scanfiles
from damrong.demo.scans import find_thai_font, render_line
from damrong.complaints import correct_page_text
from damrong.ocr import PageText, Word, ocr_image
from damrong.scans.searchable_pdf import build_searchable_pdf
from damrong.worker import drain
from helpers import complaint_at, drop, url_of
from scan_intake import app, hot  # noqa: F401 - fixtures: the app with a hot folder

LINES = [["เรื่อง", "ขอให้ตรวจสอบ", "น้ำท่วมขัง", "หน้าบ้านผู้ใหญ่บ้าน"],
         ["เลขรับ", "๑๒๓/๒๕๖๘", "วันที่", "๒๕", "มิถุนายน", "๒๕๖๒"]]


def _page(number, lines=LINES, size=(1240, 1754)):
    words = [Word(text, 60 + 190 * i, 150 + 90 * row, 180, 60, 90.0)
             for row, line in enumerate(lines) for i, text in enumerate(line)]
    text = "\n".join(" ".join(line) for line in lines)
    return PageText(number, text, 90.0, words, Image.new("L", size, 255), 150, "ocr")


def _pdftotext(pdf):
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()


def test_thai_words_come_back_in_order_with_pdftotext_and_pypdf():
    pdf = build_searchable_pdf([_page(1), _page(2)])
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    assert len(reader.pages[0].images) == 1  # the page image is there, under the text
    assert [line.split() for line in _pdftotext(pdf).split("\f")[0].strip().splitlines()] == LINES
    assert reader.pages[1].extract_text().split() == [word for line in LINES for word in line]


def test_page_size_follows_the_image_and_its_resolution():
    page = PdfReader(io.BytesIO(build_searchable_pdf([_page(1)]))).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_real_ocr_text_round_trips(tmp_path):
    """A printed Thai line read by the OCR engine, written as a layer, extracted again."""
    strip = render_line("ขอให้ตรวจสอบการปล่อยน้ำเสีย ๑๒๓/๒๕๖๘", find_thai_font(), random.Random(3))
    sheet = Image.new("L", (2480, 600), 255)
    sheet.paste(strip, (150, 200))
    sheet.info["dpi"] = (300, 300)
    page = ocr_image(sheet)
    assert page.words, "the OCR engine read nothing"
    extracted = _pdftotext(build_searchable_pdf([page]))
    assert _squeeze(extracted) == "".join(word.text for word in page.words)


def _thai_scan(text):
    """A JPEG 'scan' of one printed Thai line (A4 width at 300 dpi, a strip of a page)."""
    strip = render_line(text, find_thai_font(), random.Random(7))
    sheet = Image.new("L", (2480, 500), 255)
    sheet.paste(strip, (150, 150))
    buffer = io.BytesIO()
    sheet.save(buffer, "JPEG", quality=90, dpi=(300, 300))
    return buffer.getvalue()


def _squeeze(text):
    return "".join(text.split())


def test_read_document_gets_a_searchable_pdf_that_follows_corrections(testapp, clerk, hot, db, site):
    with site() as s:
        target = complaint_at(s)
        url, name = url_of(target), target.__name__
    data = _thai_scan("ขอให้ตรวจสอบการปล่อยน้ำเสีย")
    drop(hot, f"{target.receipt_number}-{target.receipt_year}.jpg", data)
    hot.poll(db)
    drain(db)  # reads the page, then builds the searchable PDF
    with site() as s:
        page = s.centers["7001"].complaints[name].documents()[0].pages[1]
        machine_words = "".join(word[0] for word in page.words)
    assert machine_words
    complaint_page = testapp.get(url)
    download = complaint_page.click(description="ดาวน์โหลด PDF ค้นหาข้อความได้")
    assert download.content_type == "application/pdf"
    assert _squeeze(_pdftotext(download.body)) == machine_words
    assert complaint_page.click(description="ดาวน์โหลดต้นฉบับ").body == data  # untouched

    with site() as s:
        document = s.centers["7001"].complaints[name].documents()[0]
        correct_page_text(document, document.pages[1], "ขอให้ตรวจสอบการปล่อยน้ำเสีย (แก้ไขแล้ว)",
                          "tester")
    drain(db)
    rebuilt = testapp.get(url + "d1/searchable.pdf")
    assert "ขอให้ตรวจสอบการปล่อยน้ำเสีย (แก้ไขแล้ว)" in _pdftotext(rebuilt.body)


def test_born_digital_pdf_is_its_own_searchable_pdf(testapp, clerk, hot, db, site):
    with site() as s:
        target = complaint_at(s, subject="หนังสือจากหน่วยงาน")
        url = url_of(target)
    letter = weasyprint.HTML(string="<p>หนังสือตอบกลับจากหน่วยงาน เรื่อง ถนนชำรุด</p>").write_pdf()
    drop(hot, f"{target.receipt_number}-{target.receipt_year}.pdf", letter)
    hot.poll(db)
    drain(db)
    assert testapp.get(url + "d1/searchable.pdf").body == letter


def test_no_searchable_pdf_before_the_document_is_read(testapp, clerk, hot, db, site):
    with site() as s:
        target = complaint_at(s)
        url = url_of(target)
    drop(hot, f"{target.receipt_number}-{target.receipt_year}.jpg", scanfiles.jpeg())
    hot.poll(db)
    testapp.get(url + "d1/searchable.pdf", status=404)
