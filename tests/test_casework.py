"""Case work between centers: a case sent for action stays the sender's and comes back as a
report the sender accepts or returns; a transfer hands it to its new owner under a new receipt
number. Only centers the sender's center reaches can receive, and only the receiver's own staff
see what was sent to it."""

import datetime

import pytest
from pyramid.traversal import find_resource

from damrong.casework import reachable
from damrong.resources.events import CenterChanged
from damrong.thai.dates import BANGKOK
from helpers import new_complaint, user_app


def _token(client, page="/moi/70/"):
    return client.get(page).html.find("input", {"name": "csrf_token"})["value"]


def _send(client, path, center, days="10", note="ขอให้ตรวจสอบและรายงานผล", status=303):
    page = client.get(path + "/@@move", params={"name": "send"})
    form = page.forms["move"]
    form["center"].force_value(center)
    form["days"] = days
    form["note"] = note
    return form.submit(status=status)


def _transition(client, path, name, note=""):
    token = _token(client, path + "/")
    return client.post(path + "/@@transition", {"name": name, "note": note, "csrf_token": token},
                       status=303)


def test_the_tree_limits_where_a_case_goes(site):
    with site() as s:
        def codes(center):
            return {c.code for c in reachable(s, center)}
        assert "7001" in codes("70") and "moi" in codes("70") and "50" in codes("70")
        assert codes("7001") == {"70"} | {c.code for c in s.centers["70"].subcenters()} - {"7001"}
        assert "5001" not in codes("7001") and "50" not in codes("7001")
        assert "7001" not in codes("moi") and "70" in codes("moi")


def test_a_province_sends_a_case_to_its_district_which_reports_back(app, site, make_user):
    with site() as s:
        path = new_complaint(s, "70", "ขอให้ตรวจสอบการบุกรุกที่สาธารณะ")
    province = user_app(app, make_user, "officer", "70")
    district = user_app(app, make_user, "officer", "7001")
    district_clerk = user_app(app, make_user, "clerk", "7001")
    neighbour = user_app(app, make_user, "officer", "7002")

    form_page = province.get(path + "/@@move", params={"name": "send"})
    offered = [value for value, *_ in form_page.forms["move"]["center"].options]
    assert "7001" in offered and "5001" not in offered and "70" not in offered
    _send(province, path, "5001", status=400)                       # outside the tree
    with site() as s:
        assert find_resource(s, path).status == "received"
    page = _send(province, path, "7001").follow()
    assert "ส่งศูนย์อื่นดำเนินการ แล้ว" in page.html.find(class_="flash").text
    with site() as s:
        complaint = find_resource(s, path)
        assert (complaint.status, complaint.working_center) == ("sent", "7001")
        today = datetime.datetime.now(BANGKOK).date()
        assert complaint.due_date == app.registry.working_calendar.add(today, 10)  # working days
        assert complaint.center.code == "70"                            # still the sender's case
        assert list(complaint.history)[-1]["center"] == "70"

    inbox = district.get("/moi/70/7001/@@inbox")
    assert "ขอให้ตรวจสอบการบุกรุกที่สาธารณะ" in inbox.html.find(id="received").text
    assert "ขอให้ตรวจสอบการบุกรุกที่สาธารณะ" in district.get("/moi/70/7001/").text
    case = district.get(path + "/")
    assert "@@edit" not in case.text                                  # the sender's record
    district.get(path + "/@@edit", status=403)
    district_clerk.get(path + "/")                                   # its staff all see it
    neighbour.get(path + "/", status=403)                             # nobody else below
    assert "ขอให้ตรวจสอบการบุกรุกที่สาธารณะ" not in neighbour.get("/moi/70/7002/").text

    province.post(path + "/@@transition",
                  {"name": "report", "note": "x", "csrf_token": _token(province, path + "/")},
                  status=303)
    with site() as s:
        assert find_resource(s, path).status == "sent"                 # only the receiver reports
    _transition(district, path, "report", note="ตรวจสอบแล้ว ได้ไกล่เกลี่ยให้รื้อถอนแล้ว")
    with site() as s:
        complaint = find_resource(s, path)
        assert complaint.status == "reported"
        assert list(complaint.history)[-1]["center"] == "7001"
    reported = province.get("/moi/70/@@inbox").html.find(id="reported").text
    assert "ขอให้ตรวจสอบการบุกรุกที่สาธารณะ" in reported
    history = province.get(path + "/").text
    assert "ตรวจสอบแล้ว ได้ไกล่เกลี่ยให้รื้อถอนแล้ว" in history

    _transition(province, path, "return", note="ขอภาพถ่ายประกอบ")
    with site() as s:
        assert find_resource(s, path).status == "sent"
    _transition(district, path, "report", note="แนบภาพถ่ายแล้ว")
    _transition(province, path, "accept")
    with site() as s:
        assert find_resource(s, path).status == "in-progress"


def test_a_form_transition_is_not_taken_from_the_buttons(app, site, make_user):
    with site() as s:
        path = new_complaint(s, "7001", "ถนนชำรุด")
    clerk = user_app(app, make_user, "clerk", "7001")
    response = _transition(clerk, path, "transfer", note="ผิดศูนย์")
    assert "@@move" in response.location
    with site() as s:
        assert find_resource(s, path).status == "received"


def test_a_transfer_hands_the_case_to_its_new_owner(app, site, make_user):
    heard = []
    app.registry.registerHandler(heard.append, (CenterChanged,))
    with site() as s:
        path = new_complaint(s, "7001", "เหตุเกิดในอำเภอปากท่อ")
        old = find_resource(s, path)
        old_receipt = (old.receipt_year, old.receipt_number)
        assert s.listing.count("center", "7001") == 1
    clerk = user_app(app, make_user, "clerk", "7001")
    other = user_app(app, make_user, "clerk", "7002")
    form = clerk.get(path + "/@@move", params={"name": "transfer"}).forms["move"]
    form["center"] = "7002"
    form["note"] = "เหตุเกิดนอกเขตอำเภอ"
    page = form.submit(status=303).follow()                          # back to its own list
    assert page.request.path == "/moi/70/7001/" and "โอนเรื่อง แล้ว" in page.text
    clerk.get(path + "/", status=404)
    with site() as s:
        complaint = s.centers["7002"].complaints.values()[0]
        assert complaint.subject == "เหตุเกิดในอำเภอปากท่อ"
        assert complaint.origins == (("7001",) + old_receipt,)
        assert complaint.receipt_number == 1 and complaint.working_center is None
        assert s.tracking[complaint.tracking_code] is complaint          # the same code leads there
        assert (s.listing.count("center", "7001"), s.listing.count("center", "7002")) == (0, 1)
        assert s.index_outbox.pending[path] == -1                       # gone from the index
        new_path = "/".join(("", "moi", "70", "7002", "complaints", complaint.__name__))
        assert [(e.before.code, e.after.code, e.old_path) for e in heard] == [
            ("7001", "7002", path)]
    assert "รับโอนมาจาก" in other.get(new_path + "/").text
    clerk.get(new_path + "/", status=403)


@pytest.mark.parametrize("role, allowed", [("clerk", True), ("officer", True),
                                           ("supervisor", True), ("executive", False),
                                           ("admin", False)])
def test_who_may_send_or_transfer(app, site, make_user, role, allowed):
    with site() as s:
        path = new_complaint(s, "7001", "ถนนชำรุด")
    client = user_app(app, make_user, role, "7001")
    client.get(path + "/@@move", params={"name": "send"}, status=200 if allowed else 403)
