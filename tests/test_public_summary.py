"""The published summary: anyone, without logging in, at a clean address; the official tables,
charts and (nationally) the province map; no link to a complaint, nothing about a person."""

import datetime

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
