"""The staff summary page: the official tables of the user's center, Thai digits, the note in
the official wording, every figure a link to exactly its complaints; only for who may see it."""

import datetime

from pyramid.threadlocal import get_current_registry

from damrong.complaints import register_complaint
from damrong.security import Actor
from damrong.thai.dates import BANGKOK
from helpers import user_app

SUPERVISOR = Actor.staff("3100600123454", "supervisor", "moi")
#: Approves the closures SUPERVISOR proposed: the workflow's four eyes (issue 16, `not_by`).
APPROVER = Actor.staff("1101700203450", "supervisor", "moi")


def complaint(s, code, category, day, closed=False):
    record = {
        "received_at": datetime.datetime.combine(day, datetime.time(10), BANGKOK),
        "type": {"category": category, "category_other": "", "channel": "walk-in"},
        "complaint": {"subject": "เรื่องทดสอบสรุป", "details": "", "urgency": "normal"},
        "place": {"province": "70", "district": "", "subdistrict": "", "address": "",
                  "lat": "", "lon": ""},
        "complainant": {"anonymous": True},
        "respondent": {"name": "", "position": "", "agency": ""},
    }
    made, _ = register_complaint(s, s.centers[code], record, [], "import", "received")
    if closed:
        workflow = get_current_registry().workflow
        for name in ("screen", "propose", "close"):
            workflow.apply(made, name, APPROVER if name == "close" else SUPERVISOR, note="ทดสอบ")
    return made


def arrange(site):
    day = datetime.date(2025, 3, 10)
    with site() as s:
        complaint(s, "7001", "d02", day, closed=True)
        complaint(s, "7001", "d02", day)
        complaint(s, "7002", "d04", day, closed=True)
        complaint(s, "70", "p06", day)
        complaint(s, "1001", "d02", day)  # another province: never in Ratchaburi's figures


def test_a_province_officer_sees_both_tables_its_districts_and_drills_down(app, site, make_user):
    arrange(site)
    officer = user_app(app, make_user, "officer", "70")
    page = officer.get("/moi/70/@@summary", params={"fy": "2568"})
    text = page.text
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๘" in text
    assert "ขอความช่วยเหลือ" in text and "ไม่ได้รับความเป็นธรรม" in text  # 13 and 5 categories
    assert ("เรื่องร้องเรียนทั้งหมด จำนวน ๓ เรื่อง ยุติแล้ว จำนวน ๒ เรื่อง คิดเป็นร้อยละ ๖๖.๖๗ "
            "อยู่ระหว่างดำเนินการ จำนวน ๑ เรื่อง") in text
    assert "เรื่องร้องเรียนทั้งหมด จำนวน ๑ เรื่อง ยุติแล้ว จำนวน ๐ เรื่อง คิดเป็นร้อยละ ๐.๐๐" in text
    districts = page.html.find_all("section", class_="card")[-1]
    assert "เมืองราชบุรี" in districts.text
    link = page.html.find("a", href=lambda h: h and "category=d02" in h and "public=closed" in h)
    listing = officer.get(link["href"])
    rows = listing.html.select("table.list tbody tr")
    assert len(rows) == 1 and "ยุติเรื่อง" in rows[0].text


def test_a_district_sees_its_own_table_only_and_not_the_province(app, site, make_user):
    arrange(site)
    officer = user_app(app, make_user, "executive", "7001")
    page = officer.get("/moi/70/7001/@@summary", params={"month": "2568-03"})
    assert "เดือนมีนาคม ๒๕๖๘" in page.text
    assert "คิดเป็นร้อยละ ๕๐.๐๐" in page.text
    officer.get("/moi/70/@@summary", status=403)
    clerk = user_app(app, make_user, "clerk", "7001")
    clerk.get("/moi/70/7001/@@summary", status=403)


def test_a_date_range_off_month_boundaries_counts_the_partial_days(app, site, make_user):
    arrange(site)
    officer = user_app(app, make_user, "officer", "moi")
    page = officer.get("/moi/@@summary", params={"from": "05/03/2568", "to": "20/04/2568"})
    assert "เรื่องร้องเรียนทั้งหมด จำนวน ๔ เรื่อง" in page.text  # national district table
    none = officer.get("/moi/@@summary", params={"from": "11/03/2568", "to": "20/04/2568"})
    assert "เรื่องร้องเรียนทั้งหมด จำนวน ๔ เรื่อง" not in none.text
