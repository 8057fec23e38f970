"""The complaint page: editing with history, status changes with permissions, the listing."""

import datetime

import pytest
from pyramid.traversal import find_resource, resource_path

from damrong.complaints import edit_complaint
from damrong.resources.complaint import (GROUPS, SHORT_HISTORY, Complaint, ComplaintClosed,
                                        History, ShortHistory)
from damrong.security import Actor
from damrong.thai.dates import BANGKOK
from helpers import fill, login, new_complaint, user_app


def _register(testapp):
    form = fill(testapp.get("/moi/70/7001/@@register").forms["intake"])
    return form.submit("register", status=303).location.split("?")[0]


def test_edit_records_before_and_after_in_history(testapp, clerk, site):
    url = _register(testapp)
    form = testapp.get(url + "@@edit").forms["edit"]
    form["subject"] = "ขอให้ตรวจสอบโรงงานปล่อยน้ำเสีย (แก้ไข)"
    form["category"] = "d01"
    page = form.submit("save", status=303).follow()
    assert "บันทึกการแก้ไขแล้ว (๒ รายการ)" in page.text or "บันทึกการแก้ไขแล้ว (2 รายการ)" in page.text
    assert "แก้ไขข้อมูล" in page.text
    assert "ไม่ได้รับความเป็นธรรม" in page.text and "กรณีขัดแย้งทางสังคม" in page.text
    with site() as s:
        complaint = next(iter(s.centers["7001"].complaints.values()))
        entry = list(complaint.history)[-1]
        assert ("เรื่อง", "ขอให้ตรวจสอบโรงงานปล่อยน้ำเสียลงลำห้วย",
                "ขอให้ตรวจสอบโรงงานปล่อยน้ำเสีย (แก้ไข)") in entry["changes"]
        assert s.listing.count("category", "d01") == 1 and s.listing.count("category", "d02") == 0


def test_edit_never_writes_national_id_into_history(testapp, clerk, site):
    url = _register(testapp)
    form = testapp.get(url + "@@edit").forms["edit"]
    form.set("national_id", "3914177763175")
    form.submit("save", status=303)
    with site() as s:
        complaint = next(iter(s.centers["7001"].complaints.values()))
        text = repr(list(complaint.history))
        assert "3914177763175" not in text and "1101700203450" not in text


def test_closure_needs_a_supervisor(testapp, make_user, site):
    with site() as s:
        path = new_complaint(s, "7001", "เรื่องที่จะยุติ")
    officer = make_user("officer", "7001")
    login(testapp, officer).follow()
    for name, note in (("screen", ""), ("forward", ""), ("work", ""), ("propose", "ดำเนินการแล้ว")):
        page = testapp.get(path + "/")
        form = next(f for f in page.forms.values() if f.action.endswith("@@transition"))
        form["note"] = note
        form.submit("name", value=name, status=303)
    page = testapp.get(path + "/")
    assert "เสนอยุติเรื่อง" in page.text
    assert 'value="close"' not in page.text  # an officer is not offered the approval
    token = next(iter(page.forms.values()))["csrf_token"].value
    refused = testapp.post(path + "/@@transition", {"name": "close", "note": "x",
                                                     "csrf_token": token}, status=303).follow()
    assert "ท่านไม่มีสิทธิ์เปลี่ยนสถานะนี้" in refused.text  # Workflow.apply's own check
    with site() as s:
        assert s.listing.count("status", "closure-proposed") == 1
    supervisor = make_user("supervisor", "7001")
    testapp.reset()
    login(testapp, supervisor).follow()
    page = testapp.get(path + "/")
    form = page.forms["transition-form"]
    form["note"] = "ผู้ร้องพอใจผลการดำเนินการ ยุติเรื่อง"
    form.submit("name", value="close", status=303)
    with site() as s:
        assert s.listing.count("status", "closed") == 1
        assert s.listing.count("status", "closure-proposed") == 0


def test_listing_filters_by_category_status_and_dates(testapp, make_user, site):
    with site() as s:
        for i in range(30):
            new_complaint(s, "7001", f"เรื่องที่ {i}")
        complaints = list(s.centers["7001"].complaints.values())
        old = complaints[0]
        old.change("system", "แก้ไขข้อมูล",
                   received_at=datetime.datetime(2023, 5, 1, 10, tzinfo=datetime.timezone.utc))
    login(testapp, make_user("officer", "7001")).follow()
    page = testapp.get("/moi/70/7001/")
    assert "เรื่องร้องเรียนทั้งหมด ๓๐ เรื่อง" in page.text
    assert page.text.count('class="status') == 25  # first page
    second = page.click(description="เก่ากว่า →")
    assert second.text.count('class="status') == 5
    assert "เรื่องที่ 0" in second.text  # oldest last
    fy2566 = testapp.get("/moi/70/7001/", {"fy": "2566"})
    assert "แสดง ๑–๑ จาก ๑" not in fy2566.text  # single page: no pager
    assert fy2566.text.count('class="status') == 1
    assert testapp.get("/moi/70/7001/", {"category": "d02"}).text.count('class="status') == 0
    by_date = testapp.get("/moi/70/7001/", {"from": "2023-05-01", "to": "2023-05-01"})
    assert by_date.text.count('class="status') == 1
    today = datetime.datetime.now(BANGKOK).date().isoformat()
    assert testapp.get("/moi/70/7001/", {"from": today, "status": "received"}).text.count(
        'class="status') == 25


def test_clearing_the_national_id_on_edit_says_what_is_missing(testapp, clerk):
    """Issue 13 item 1: clearing the ID on the edit form was an HTTP 500 losing the edit."""
    url = _register(testapp)
    form = testapp.get(url + "@@edit").forms["edit"]
    form["subject"] = "เรื่องที่แก้ไขแล้วแต่ยังไม่บันทึก"
    form.set("national_id", "")
    response = form.submit("save", status=400)
    assert "กรุณากรอกเลขประจำตัวประชาชน หรือเลือก 'ไม่ประสงค์ออกนาม'" in response.text
    assert 'value="เรื่องที่แก้ไขแล้วแต่ยังไม่บันทึก"' in response.text


def _transition(testapp, path, name, note=""):
    form = testapp.get(path + "/").forms["transition-form"]
    form["note"] = note
    return form.submit("name", value=name, status=303).follow()


def _refused_proposal(testapp, path):
    """A proposal without its note: refused on the page itself, as typed (views/complaint.py)."""
    form = testapp.get(path + "/").forms["transition-form"]
    return form.submit("name", value="propose", status=400)


def test_errors_have_their_own_style_and_alert_role(testapp, make_user, site):
    """Issue 13 item 6: a refusal looked like a success (the same green box, role=status)."""
    with site() as s:
        path = new_complaint(s, "7001", "เรื่องที่จะเสนอยุติ")
    login(testapp, make_user("officer", "7001")).follow()
    done = _transition(testapp, path, "screen")
    success = done.html.find("div", class_="flash")
    assert success["role"] == "status" and "problem" not in success["class"]
    refused = _refused_proposal(testapp, path)
    error = refused.html.find("div", role="alert")
    assert error is not None and "problem" in error["class"]
    assert "กรุณาระบุรายละเอียดประกอบการเปลี่ยนสถานะ" in error.text
    assert not refused.html.find("div", role="status")


def test_a_closed_complaint_is_read_only_until_reopened(app, testapp, make_user, site):
    """Issue 13 item 4: a clerk could still edit a closed complaint. Now the record refuses
    (the one door, for every caller) unless a supervisor's logged correction; the pages follow."""
    workflow = app.registry.workflow
    officer = Actor.staff("3100600123459", "officer", "7001")
    supervisor_actor = Actor.staff("3100600123467", "supervisor", "7001")
    with site() as s:
        path = new_complaint(s, "7001", "เรื่องที่ยุติแล้ว")
        complaint = find_resource(s, path)
        for name in ("screen", "work", "propose"):
            workflow.apply(complaint, name, officer, note="ดำเนินการแล้ว")
        workflow.apply(complaint, "close", supervisor_actor, note="ยุติเรื่อง")
    clerk = user_app(app, make_user, "clerk", "7001")
    page = clerk.get(path + "/")
    assert "@@edit" not in page.text and "@@attach" not in page.text
    clerk.get(path + "/@@edit", status=403)
    token = clerk.get("/moi/70/7001/@@register").forms["intake"]["csrf_token"].value
    clerk.post(path + "/@@attach", {"csrf_token": token}, status=403)
    with site() as s:  # the door itself refuses, whoever calls it
        complaint = find_resource(s, path)
        record = {group: dict(getattr(complaint, group)) for group in GROUPS}
        record["received_at"] = complaint.received_at
        record["complaint"]["subject"] = "แก้ไขโดยไม่เปิดเรื่อง"
        with pytest.raises(ComplaintClosed):
            edit_complaint(complaint, record, "3100600123459")
    supervisor = user_app(app, make_user, "supervisor", "7001")
    form = supervisor.get(path + "/@@edit").forms["edit"]
    form["subject"] = "แก้ไขคำผิดหลังยุติเรื่อง"
    page = form.submit("save", status=303).follow()
    assert "แก้ไขข้อมูลเรื่องที่ยุติแล้ว" in page.text  # logged as a correction
    form = page.forms["transition-form"]
    form["note"] = "ผู้ร้องส่งเอกสารเพิ่ม"
    form.submit("name", value="reopen", status=303)
    clerk.get(path + "/@@edit", status=200)


def test_the_listing_filters_by_buddhist_era_dates(testapp, make_user, site):
    """Issue 13 item 8: the filters were the browser's mm/dd/yyyy Christian-era fields."""
    with site() as s:
        for day in (1, 2, 3):
            path = new_complaint(s, "7001", f"เรื่องวันที่ {day}")
            find_resource(s, path).change("system", "แก้ไขข้อมูล", received_at=datetime.datetime(
                2025, 5, day, 3, tzinfo=datetime.timezone.utc))
    login(testapp, make_user("officer", "7001")).follow()
    page = testapp.get("/moi/70/7001/")
    form = page.forms["filters"]
    form["from"], form["to"] = "02/05/2568", "๐๓/๐๕/๒๕๖๘"
    page = form.submit()
    assert page.text.count('class="status') == 2
    assert page.forms["filters"]["from"].value == "02/05/2568"
    refused = testapp.get("/moi/70/7001/", {"from": "05/02/2025"})
    assert "ปีคริสต์ศักราช" in refused.html.find(class_="alert").text
    assert refused.forms["filters"]["from"].value == "05/02/2025"


@pytest.mark.parametrize("kept_as", ["short", "record of its own"])
def test_a_history_reads_the_same_inline_or_in_a_record_of_its_own(site, kept_as):
    """A new complaint keeps its first entries in its own record; one registered before 15c
    (``History`` with a BTree, in records of their own) is read and extended the same way."""
    with site() as s:
        complaint = find_resource(s, new_complaint(s, "7001", "ขอให้ซ่อมถนน"))
        if kept_as != "short":
            complaint.history = History(complaint._history)
            del complaint._history
        complaint.history.record("3100000000001", "ส่งเรื่อง", note="ถึงอำเภอ")
        complaint.history.restamp(2, datetime.datetime(2025, 3, 1, tzinfo=datetime.timezone.utc))
        path = resource_path(complaint)
    with site() as s:
        history = find_resource(s, path).history
        assert isinstance(history, History if kept_as != "short" else ShortHistory)
        assert [entry["action"] for entry in history] == ["รับเรื่อง", "ส่งเรื่อง"]
        assert [entry["note"] for entry in reversed(history)][0] == "ถึงอำเภอ"
        assert len(history) == 2 and history.latest(1)[0]["when"].year == 2025
        assert [entry["action"] for entry in history.latest(5)] == ["รับเรื่อง", "ส่งเรื่อง"]


def test_a_long_history_moves_into_a_record_of_its_own(site):
    with site() as s:
        complaint = find_resource(s, new_complaint(s, "7001", "ขอให้ซ่อมถนน"))
        for number in range(2, SHORT_HISTORY + 1):
            complaint.history.record("3100000000001", "ติดตามเรื่อง", note=str(number))
        assert isinstance(complaint.history, ShortHistory)
        assert complaint.history.record("3100000000001", "ติดตามเรื่อง", note="33") == 33
        path = resource_path(complaint)
    with site() as s:
        complaint = find_resource(s, path)
        assert isinstance(complaint.history, History) and "_history" not in vars(complaint)
        complaint.history.record("3100000000001", "ติดตามเรื่อง", note="34")
        assert [entry["note"] for entry in complaint.history][1:] == [
            str(number) for number in range(2, 35)]


def test_a_complaints_plain_data_is_stored_apart_and_read_back_whole(site):
    """``Complaint.__getstate__`` pickles everything but references as one inner pickle; a
    record stored before (a plain state) reads the same, and a persistent object inside plain
    data keeps the record unpacked rather than copying that object by value."""
    with site() as s:
        complaint = find_resource(s, new_complaint(s, "7001", "ขอให้ซ่อมถนน"))
        complaint.history.record("3100000000001", "ส่งเรื่อง", note="ถึงอำเภอ")
        path, code = resource_path(complaint), complaint.tracking_code
    with site() as s:
        complaint = find_resource(s, path)
        state = complaint.__getstate__()
        assert set(state) == {"__parent__", "_plain"}
        assert complaint.subject == "ขอให้ซ่อมถนน" and complaint.tracking_code == code
        assert complaint.complainant["national_id"] == "1101700203450"
        assert [entry["note"] for entry in complaint.history][-1] == "ถึงอำเภอ"
        assert s.tracking[code] is complaint and complaint._summary_cell[-1] == "in-progress"
        as_before = dict(vars(complaint), __parent__=complaint.__parent__)
        older = Complaint.__new__(Complaint)
        older.__setstate__(as_before)  # a record stored before packing
        assert vars(older) == vars(complaint)
        complaint._listed_values = dict(complaint._listed_values, odd=[s.listing])
        assert "_plain" not in complaint.__getstate__()


def test_a_removed_complaints_code_leads_nowhere(site):
    with site() as s:
        complaint = find_resource(s, new_complaint(s, "7001", "ขอให้ซ่อมถนน"))
        code = complaint.tracking_code
    with site() as s:
        complaint = s.tracking[code]
        complaint.__parent__.remove(complaint.__name__)
        assert code not in s.tracking and s.tracking.get(code) is None
