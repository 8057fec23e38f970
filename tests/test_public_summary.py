"""The published summary: anyone, without logging in, at a clean address; the official tables,
charts and (nationally) the province map; no link to a complaint, nothing about a person."""

import datetime

from damrong.i18n import LOCALE_COOKIE
from damrong.thai.dates import now_bangkok
from test_summary_pages import arrange


def test_anyone_reads_the_national_summary_with_charts_and_map(app, site, testapp):
    arrange(site)
    page = testapp.get("/summary", params={"fy": "2568"})
    assert page.status_int == 200
    text = page.text
    assert "ศูนย์ดำรงธรรมอำเภอ (ทั้งประเทศ)" in text
    assert "เรื่องร้องเรียนทั้งหมด จำนวน ๔ เรื่อง ยุติแล้ว จำนวน ๒ เรื่อง คิดเป็นร้อยละ ๕๐.๐๐" in text
    assert text.count("<svg") == 3  # bars, trend, map
    assert "CC BY-IGO" in text
    assert "เรื่องทดสอบสรุป" not in text  # no subject, no complaint
    assert not page.html.find("a", href=lambda h: h and "/moi/" in h)
    province = page.html.find("a", href=lambda h: h and h.endswith("/summary/70"))
    assert province is not None


def test_a_province_page_has_its_districts_and_no_drill_down(app, site, testapp):
    arrange(site)
    page = testapp.get("/summary/70", params={"fy": "2568"})
    assert "ศูนย์ดำรงธรรมจังหวัดราชบุรี" in page.text
    assert page.html.find("a", href=lambda h: h and h.endswith("/summary/7001"))
    assert not page.html.find("a", href=lambda h: h and ("public=" in h or "category=" in h))
    testapp.get("/summary/99", status=404)
    rate = testapp.get("/summary", params={"map": "rate", "fy": "2568"})
    assert "rgb(" in rate.text
    assert datetime.date.today()  # the page needs no login: testapp never logged in


def test_the_summary_pages_keep_issue_14s_policy_and_refuse_bad_parameters(app, site, testapp,
                                                                          make_user):
    """After merging issue 15 into issue 14's policy: the staff and public summary pages write
    nothing inline (the charts and map colour by SVG presentation attributes), are no-store
    under the security headers, carry no complainant data publicly, and a period or map value
    they cannot read answers 400 in Thai instead of a silent fallback or a 500."""
    import re

    from damrong.headers import HEADERS
    from helpers import GOOD_ID, fill, user_app

    arrange(site)
    clerk = user_app(app, make_user, "clerk", "7001")
    record = fill(clerk.get("/moi/70/7001/@@register").forms["intake"]).submit("register")
    assert record.status_int == 303
    officer = user_app(app, make_user, "officer", "70")
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|\sstyle\s*=", re.I)
    pages = [officer.get("/moi/70/@@summary", params={"fy": "2568", "quarter": "2"}),
             officer.get("/moi/70/@@summary", params={"from": "05/03/2568", "to": "20/04/2568"}),
             testapp.get("/summary", params={"fy": "2568"}),
             testapp.get("/summary", params={"fy": "2568", "map": "rate"}),
             testapp.get("/summary/70"), testapp.get("/summary/7001", params={"month": "2568-03"})]
    for page in pages:
        for name, value in HEADERS.items():
            assert page.headers.get(name) == value, (page.request.url, name)
        assert page.cache_control.no_store, page.request.url
        assert not inline.findall(page.text), (page.request.url, inline.findall(page.text))
    for page in pages[2:]:
        for personal in ("มาลีวรรณ", "ทองประเสริฐสุข", "081-234-5678", GOOD_ID, "เรื่องทดสอบสรุป"):
            assert personal not in page.text, (page.request.url, personal)
    bad = [{"fy": "0"}, {"fy": "99999999999"}, {"fy": "abc"}, {"fy": "2568", "quarter": "5"},
           {"month": "2568-13"}, {"month": "march"}, {"month": "99999-01"},
           {"from": "31/02/2568"}, {"from": "01/01/2025"}, {"from": "20/04/2568", "to": "05/03/2568"},
           {"from": "01/01/0001", "to": "31/12/9999"}]
    for params in bad:
        for response in (officer.get("/moi/70/@@summary", params=params, status=400),
                         officer.get("/moi/70/@@summary.csv", params=params, status=400),
                         testapp.get("/summary/70", params=params, status=400)):
            assert "คำขอไม่ถูกต้อง" in response.text, params
    response = testapp.get("/summary", params={"map": "<svg>"}, status=400)
    assert "ค่า map ไม่ถูกต้อง" in response.text


def test_the_english_summary_names_its_period_and_provinces_in_english(app, site, testapp):
    arrange(site)
    testapp.set_cookie(LOCALE_COOKIE, "en")
    page = testapp.get("/summary", params={"fy": "2568"})
    assert page.html.find("p", class_="meta").text == "FY 2025"
    assert "<title>Ratchaburi: " in page.text and "ราชบุรี:" not in page.text  # the map's dots
    month = testapp.get("/summary/70", params={"month": "2568-03"})
    assert month.html.find("p", class_="meta").text == "March 2025"
    months = [option.text for option in month.html.select("#month option")][1:]
    assert len(months) == 24 and months[0] == f"{now_bangkok():%B %Y}"
