"""Issue 14.9: whatever an attach reports, the page after it never fails on the cookie session."""

import io

import webtest
from PIL import Image

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
    page = form.submit(status=303).follow()
    flashes = page.html.select("div.flash")
    assert len(flashes) == 3 and "และอีก ๓๘ รายการ" in flashes[-1].text
    form = next(f for f in page.forms.values() if f.action.endswith("@@attach"))
    form["file"] = [webtest.Upload("ก" * 3000 + ".png", _png(200), "image/png")]
    page = form.submit(status=303).follow()
    assert len(page.html.select("div.flash")[0].text) <= 100
    with site() as s:
        assert len(list(s.centers["7001"].complaints.values())[0].documents()) == 41
