"""A responsible officer per open case and the work queues: each list is a listing query (the
responsible officer, the due date, the status), so a case shows up where it should as soon as
it changes."""

import datetime

from pyramid.traversal import find_resource

from damrong import evolve
from damrong.casework import send_for_action
from damrong.security import Actor
from damrong.thai.dates import BANGKOK
from helpers import new_complaint, user_app

PROVINCE = Actor.staff("3100600123459", "officer", "70")


def _section(page, anchor):
    return page.html.find(id=anchor).text


def _assign(client, path, login_id):
    page = client.get(path + "/")
    form = page.forms["responsible-form"]
    form["login"] = login_id
    return form.submit(status=303).follow()


def test_the_receiver_makes_its_own_officer_responsible_and_sees_the_deadlines(
        app, site, make_user):
    district_officer = make_user("officer", "7001")
    with site() as s:
        path = new_complaint(s, "70", "ขอให้ตรวจสอบร้านค้าจำหน่ายสุรา")
        send_for_action(app.registry.workflow, s, find_resource(s, path), PROVINCE, "7001",
                        due_date=datetime.datetime.now(BANGKOK).date() + datetime.timedelta(2))
    district = user_app(app, make_user, "officer", "7001")
    page = _assign(district, path, district_officer)
    assert "บันทึกผู้รับผิดชอบแล้ว" in page.text
    with site() as s:
        complaint = find_resource(s, path)
        assert complaint.responsible == district_officer
        assert list(complaint.history)[-1]["changes"][0][2] == "ทดสอบ officer"
    mine = user_app(app, lambda *_: district_officer, "officer", "7001")
    work = mine.get("/moi/70/7001/@@work")
    assert "ขอให้ตรวจสอบร้านค้าจำหน่ายสุรา" in _section(work, "mine")
    assert "ขอให้ตรวจสอบร้านค้าจำหน่ายสุรา" in _section(work, "due-soon")
    assert "ขอให้ตรวจสอบร้านค้าจำหน่ายสุรา" not in _section(work, "overdue")
    with site() as s:
        find_resource(s, path).change("system", "ทดสอบ", due_date=datetime.date(2020, 1, 1))
    for client, center in ((mine, "/moi/70/7001/"), (user_app(app, make_user, "officer", "70"),
                                                     "/moi/70/")):
        work = client.get(center + "@@work")
        assert "ขอให้ตรวจสอบร้านค้าจำหน่ายสุรา" in _section(work, "overdue")
    assert "ขอให้ตรวจสอบร้านค้าจำหน่ายสุรา" not in _section(
        user_app(app, make_user, "officer", "7002").get("/moi/70/7002/@@work"), "overdue")


def test_an_open_case_without_an_officer_is_listed_until_one_is_chosen(app, site, make_user):
    officer = make_user("officer", "7001")
    with site() as s:
        path = new_complaint(s, "7001", "ถนนชำรุดหน้าโรงเรียน")
    supervisor = user_app(app, make_user, "supervisor", "7001")
    assert "ถนนชำรุดหน้าโรงเรียน" in _section(supervisor.get("/moi/70/7001/@@work"), "unassigned")
    _assign(supervisor, path, officer)
    assert "ถนนชำรุดหน้าโรงเรียน" not in _section(supervisor.get("/moi/70/7001/@@work"),
                                                  "unassigned")


def test_only_staff_of_the_case_are_chosen_and_only_by_who_works_it(app, site, make_user):
    outsider = make_user("officer", "7002")
    with site() as s:
        path = new_complaint(s, "7001", "ถนนชำรุด")
    supervisor = user_app(app, make_user, "supervisor", "7001")
    page = supervisor.get(path + "/")
    form = page.forms["responsible-form"]
    form["login"].force_value(outsider)
    page = form.submit(status=303).follow()
    assert "ผู้ที่เลือกไม่ใช่เจ้าหน้าที่ของศูนย์ที่ดำเนินการเรื่องนี้" in page.text
    executive = user_app(app, make_user, "executive", "7001")
    assert "responsible-form" not in executive.get(path + "/").text
    token = executive.get(path + "/").html.find("input", {"name": "csrf_token"})["value"]
    page = executive.post(path + "/@@responsible", {"login": outsider, "csrf_token": token},
                          status=303).follow()
    assert "ท่านไม่มีสิทธิ์มอบหมายผู้รับผิดชอบเรื่องนี้" in page.text


def test_the_evolve_step_lists_existing_complaints_by_their_new_fields(site):
    with site() as s:
        path = new_complaint(s, "7001", "เรื่องเก่า")
        complaint = find_resource(s, path)
        s.listing.unindex(complaint)
        complaint.listing_key = None
        assert s.listing.count("responsible", "-") == 0
        evolve.list_complaints_by_responsible_and_due(s)
        assert s.listing.count("responsible", "-") == 1
