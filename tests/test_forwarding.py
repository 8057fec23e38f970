"""Forwarding to an outside agency of the directory: the letter drafted for it, the reply due
in report_days, and the agency's paper reply registered as a scanned document of the case,
read and found by search like any other."""

import datetime

import webtest
from pyramid.traversal import find_resource

from damrong.thai.dates import BANGKOK
from helpers import new_complaint, scanned_page, user_app

REPLY = ("หนังสือตอบ สำนักงานที่ดินจังหวัดราชบุรี\n"
         "ได้ตรวจสอบแนวเขตที่ดินสาธารณประโยชน์แล้ว พบว่ามีการรังวัดคลาดเคลื่อน")


def test_the_directory_is_seeded_and_kept_by_administrators(app, site, make_user):
    with site() as s:
        assert "แขวงทางหลวงราชบุรี" in [a.name for a in s.agencies.values()]
    admin = user_app(app, make_user, "admin", "70")
    form = admin.get("/moi/70/@@agencies").forms["agency"]
    form["name"] = "เทศบาลเมืองราชบุรี"
    form["parent"] = "กรมส่งเสริมการปกครองท้องถิ่น"
    page = form.submit(status=303).follow()
    assert "เทศบาลเมืองราชบุรี" in page.text
    with site() as s:
        added = next(a for a in s.agencies.values() if a.name == "เทศบาลเมืองราชบุรี")
        name = added.__name__
    form = admin.get("/moi/70/@@agencies", {"id": name}).forms["agency"]
    form["contact"] = "0 0000 0099"
    form.submit(status=303)
    with site() as s:
        assert s.agencies[name].contact == "0 0000 0099"
    for role in ("clerk", "officer", "supervisor"):
        user_app(app, make_user, role, "70").get("/moi/70/@@agencies", status=403)


def test_forward_to_an_agency_then_its_scanned_reply_is_found(app, site, make_user, indexed):
    with site() as s:
        path = new_complaint(s, "7001", "ขอให้ตรวจสอบแนวเขตที่ดินสาธารณประโยชน์")
        land = next(a for a in s.agencies.values() if a.name == "สำนักงานที่ดินจังหวัดราชบุรี")
        land_id = land.__name__
    officer = user_app(app, make_user, "officer", "7001")
    case = officer.get(path + "/")
    assert "@@forward?name=forward" in case.text
    form = officer.get(path + "/@@forward", {"name": "forward"}).forms["forward"]
    assert form["days"].value == "15"
    form["agency"] = land_id
    form["note"] = "ส่งให้ตรวจสอบแนวเขต"
    letter_page = form.submit(status=303).follow()
    assert letter_page.request.path.endswith("/@@issue-letter")
    letter = letter_page.forms["letter"]
    assert letter["kind"].value == "forward"
    assert "สำนักงานที่ดินจังหวัดราชบุรี" in letter["addressee"].value
    letter["signer_name"] = "ทดสอบ ผู้ลงนาม"
    letter.submit("issue", status=303)
    with site() as s:
        complaint = find_resource(s, path)
        assert (complaint.status, complaint.agency) == ("forwarded", "สำนักงานที่ดินจังหวัดราชบุรี")
        today = datetime.datetime.now(BANGKOK).date()
        assert complaint.due_date == app.registry.working_calendar.add(today, 15)  # working days
        assert len(complaint.issued_letters()) == 1

    form = officer.get(path + "/@@reply", {"name": "reply"}).forms["reply"]
    form["note"] = "หน่วยงานแจ้งผลการตรวจสอบแล้ว"
    form.submit(status=400)                                          # no scan, no reply
    form = officer.get(path + "/@@reply").forms["reply"]
    form["file"] = [webtest.Upload("reply.jpg", scanned_page(REPLY, seed=5), "image/jpeg")]
    form.submit(status=303)
    with site() as s:
        complaint = find_resource(s, path)
        assert complaint.status == "replied"
        assert [d.filename for d in complaint.documents()] == ["reply.jpg"]
    assert "ขอให้ตรวจสอบแนวเขตที่ดิน" in officer.get("/moi/70/7001/@@work").html.find(
        id="replies").text
    indexed()
    found = officer.get("/moi/70/7001/@@search.json", {"q": "รังวัด"}).json
    assert found["total"] == 1
    assert found["hits"][0]["subject"] == "ขอให้ตรวจสอบแนวเขตที่ดินสาธารณประโยชน์"


def test_only_an_agency_of_the_directory_is_forwarded_to(app, site, make_user):
    with site() as s:
        path = new_complaint(s, "7001", "ถนนชำรุด")
    officer = user_app(app, make_user, "officer", "7001")
    form = officer.get(path + "/@@forward").forms["forward"]
    form["agency"].force_value("a999")
    page = form.submit(status=400)
    assert "กรุณาเลือกหน่วยงานจากทะเบียนหน่วยงาน" in page.text
    user_app(app, make_user, "executive", "7001").get(path + "/@@forward", status=403)
