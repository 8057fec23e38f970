"""What an attach reports: issue 14.9 (the page after it never fails on the cookie session) and
14.11 (too many pages in one file)."""

import io

import webtest
from PIL import Image
from pypdf import PdfWriter

from helpers import complaint_at, url_of


def _png(shade):
    buffer = io.BytesIO()
    Image.new("L", (40, 40), shade).save(buffer, "PNG")
    return buffer.getvalue()


def test_attaching_forty_files_or_a_huge_name_reports_without_500(testapp, clerk, site):
    with site() as s:
        url = url_of(complaint_at(s))
    form = next(f for f in testapp.get(url).forms.values() if f.action.endswith("@@attach"))
    form["file"] = [webtest.Upload(f"หน้าที่-{n:02d}-สแกนจากเครื่องถ่ายเอกสาร.png", _png(n), "image/png")
                    for n in range(40)]
    form["as_one"] = False  # each image a document of its own: one message per file
    page = form.submit(status=303).follow()
    flashes = page.html.select("div.flash")
    assert len(flashes) == 3 and "และอีก ๓๘ รายการ" in flashes[-1].text
    assert not page.html.select("div.flash.problem")  # all were attached: no alert
    form = next(f for f in page.forms.values() if f.action.endswith("@@attach"))
    form["file"] = [webtest.Upload("ก" * 3000 + ".png", _png(200), "image/png")]
    page = form.submit(status=303).follow()
    assert len(page.html.select("div.flash")[0].text) <= 100
    with site() as s:
        assert len(list(s.centers["7001"].complaints.values())[0].documents()) == 41


def test_refusals_and_notices_share_the_bounds_and_refusals_come_first(testapp, clerk, site):
    """Issue 13's two queues under issue 14's bounds: refused files are problems (red, an
    alert) shown before what was attached, and both queues together stay within three lines."""
    with site() as s:
        url = url_of(complaint_at(s))
    form = next(f for f in testapp.get(url).forms.values() if f.action.endswith("@@attach"))
    form["file"] = ([webtest.Upload(f"เสีย-{n}.png", b"not a picture", "image/png") for n in range(2)]
                    + [webtest.Upload(f"ดี-{n}.png", _png(n), "image/png") for n in range(5)])
    form["as_one"] = False
    page = form.submit(status=303).follow()
    flashes = page.html.select("div.flash")
    assert len(flashes) == 3
    problems = page.html.select("div.flash.problem")
    assert [f.get("role") for f in problems] == ["alert", "alert"]
    assert all("เสีย-" in f.text for f in problems)
    assert flashes[-1].get("role") == "status" and "และอีก ๕ รายการ" in flashes[-1].text


def _pdf(pages):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_file_of_too_many_pages_is_refused_with_a_clear_message(testapp, clerk, site):
    """Issue 14.11: pages per file are capped (damrong.max_pages, 300 by default)."""
    with site() as s:
        url = url_of(complaint_at(s))
    form = next(f for f in testapp.get(url).forms.values() if f.action.endswith("@@attach"))
    form["file"] = [webtest.Upload("หนา.pdf", _pdf(3000), "application/pdf"),
                    webtest.Upload("พอดี.pdf", _pdf(300), "application/pdf")]
    page = form.submit(status=303).follow()
    assert "ไฟล์ หนา.pdf มี ๓,๐๐๐ หน้า เกินกำหนด ๓๐๐ หน้าต่อไฟล์" in page.text
    with site() as s:
        documents = list(s.centers["7001"].complaints.values())[0].documents()
        assert [d.filename for d in documents] == ["พอดี.pdf"]
