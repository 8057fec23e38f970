"""Tambon teams: the district chief names each subdistrict team's members, an officer assigns
a case to a team, and a member sees it on the phone page and records a visit with a photo and
a GPS position, reporting back; nobody outside the team records visits."""

import datetime
import io

import webtest
from PIL import Image
from pyramid.traversal import find_resource

from damrong.casework import send_for_action
from damrong.security import Actor
from damrong.teams import assign_team, members
from helpers import login, new_complaint, user_app


def _photo():
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (90, 140, 60)).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def _client(app, login_id):
    client = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    login(client, login_id).follow()
    return client


def test_a_member_records_a_visit_and_reports_back(app, site, make_user):
    member, other = make_user("officer", "7001"), make_user("clerk", "7001")
    chief = user_app(app, make_user, "supervisor", "7001")
    page = chief.get("/moi/70/7001/@@teams")
    form = page.forms[next(k for k, f in page.forms.items()
                           if f.get("team", default=None) and f["team"].value == "700101")]
    for box in form.fields["member"]:
        if box._value == member:
            box.checked = True
    form.submit(status=303)
    with site() as s:
        assert [u.national_id for u in members(s.users, s.centers["7001"], "700101")] == [member]
        path = new_complaint(s, "7001", "ข้อพิพาทแนวเขตที่ดินระหว่างเพื่อนบ้าน")
    officer = user_app(app, make_user, "officer", "7001")
    form = officer.get(path + "/@@team", {"name": "assign"}).forms["team"]
    form["team"] = "700101"
    form.submit(status=303)
    with site() as s:
        complaint = find_resource(s, path)
        assert (complaint.status, complaint.team) == ("assigned", "700101")

    phone = _client(app, member)
    field = phone.get("/moi/70/7001/@@field")
    assert "ข้อพิพาทแนวเขตที่ดินระหว่างเพื่อนบ้าน" in field.text
    visit = phone.get(path + "/@@visit")
    assert "สมปอง" not in visit.text                              # no complainant's identity
    form = visit.forms["visit"]
    form["findings"] = "ลงพื้นที่แล้ว ทั้งสองฝ่ายตกลงให้รังวัดใหม่"
    form["file"] = [webtest.Upload("visit.jpg", _photo(), "image/jpeg")]
    form["lat"].force_value("13.536512")
    form["lon"].force_value("99.817420")
    form["report"] = True
    form.submit(status=303)
    with site() as s:
        complaint = find_resource(s, path)
        assert complaint.status == "reported"
        assert [d.filename for d in complaint.documents()] == ["visit.jpg"]
        visit_entry = list(complaint.history)[-2]
        assert "พิกัด 13.536512, 99.817420" in visit_entry["note"]
        assert "ทั้งสองฝ่ายตกลงให้รังวัดใหม่" in visit_entry["note"]
    assert "ข้อพิพาทแนวเขตที่ดิน" not in phone.get("/moi/70/7001/@@field").text
    phone.get(path + "/@@visit", status=403)                      # no longer waiting for it
    _client(app, other).get(path + "/@@visit", status=403)


def _assigned(app, site, make_user, subject, team):
    """A case of 7001 assigned to ``team``, and a member of it logged in on a phone."""
    member = make_user("officer", "7001")
    with site() as s:
        s.users[member].teams = (team,)
        path = new_complaint(s, "7001", subject)
        assign_team(app.registry.workflow, s, find_resource(s, path),
                    Actor.staff("3100600123459", "officer", "7001"), team)
    return path, _client(app, member)


def test_a_visit_needs_findings_and_a_real_date(app, site, make_user):
    path, phone = _assigned(app, site, make_user, "ไฟฟ้าส่องสว่างดับ", "700102")
    form = phone.get(path + "/@@visit").forms["visit"]
    page = form.submit(status=400)
    assert "กรุณาบันทึกสิ่งที่พบจากการลงพื้นที่" in page.text
    form = page.forms["visit"]
    form["findings"] = "ไฟดับสามต้น"
    form["day"] = "31/02/2569"
    assert "วันที่ลงพื้นที่ไม่ถูกต้อง" in form.submit(status=400).text
    with site() as s:
        assert find_resource(s, path).status == "assigned"


def test_a_team_is_one_of_the_district_s_subdistricts(app, site, make_user):
    with site() as s:
        path = new_complaint(s, "7001", "ถนนชำรุด")
    officer = user_app(app, make_user, "officer", "7001")
    form = officer.get(path + "/@@team").forms["team"]
    form["team"].force_value("700201")                              # ปากท่อ's, not ours
    assert "กรุณาเลือก ชปต. ของอำเภอที่ดำเนินการเรื่องนี้" in form.submit(status=400).text


def test_a_receiving_district_hands_a_case_sent_to_it_to_its_own_team(app, site, make_user):
    """The district a province sent a case to assigns it to one of its tambon teams with the
    narrow ``assign-team`` right: never the sender's ``edit``, never beyond the sender's due date;
    the team's report goes back to the province, which accepts it."""
    member = make_user("officer", "7002")
    province = Actor.staff("3100600123459", "officer", "70")
    with site() as s:
        s.users[member].teams = ("700201",)
        path = new_complaint(s, "70", "น้ำประปาไม่ไหลสามวัน")
        send_for_action(app.registry.workflow, s, find_resource(s, path), province, "7002",
                        due_date=datetime.date.today() + datetime.timedelta(days=5))
        sender_due = find_resource(s, path).due_date
    receiver = user_app(app, make_user, "officer", "7002")
    case = receiver.get(path + "/")
    moves = [a["href"].rsplit("/", 1)[-1] for a in case.html.select("#casework a.btn")]
    assert "@@team?name=assign-received" in moves and "@@team?name=assign" not in moves
    assert "@@edit" not in case.text
    receiver.get(path + "/@@edit", status=403)
    receiver.get(path + "/@@team", {"name": "assign"}, status=403)      # the sender's own step
    user_app(app, make_user, "clerk", "7002").get(
        path + "/@@team", {"name": "assign-received"}, status=403)      # officers and chiefs only
    user_app(app, make_user, "officer", "70").get(
        path + "/@@team", {"name": "assign-received"}, status=403)      # the sender is no receiver
    form = receiver.get(path + "/@@team", {"name": "assign-received"}).forms["team"]
    offered = [value for value, *_ in form["team"].options if value]
    assert "700201" in offered and "700101" not in offered               # ปากท่อ's teams
    form["team"] = "700201"
    form["days"] = "30"
    form.submit(status=303)
    with site() as s:
        complaint = find_resource(s, path)
        assert (complaint.status, complaint.team, complaint.working_center) == (
            "assigned", "700201", "7002")
        assert complaint.due_date == sender_due                           # not pushed back
        assert list(complaint.history)[-1]["center"] == "7002"
    phone = _client(app, member)
    assert "น้ำประปาไม่ไหลสามวัน" in phone.get("/moi/70/7002/@@field").text
    form = phone.get(path + "/@@visit").forms["visit"]
    form["findings"] = "ท่อแตกหน้าหมู่บ้าน ประปาส่วนภูมิภาคซ่อมแล้ว"
    form["report"] = True
    form.submit(status=303)
    with site() as s:
        assert find_resource(s, path).status == "reported"
    sender = user_app(app, make_user, "officer", "70")
    token = sender.get(path + "/").html.find("input", {"name": "csrf_token"})["value"]
    sender.post(path + "/@@transition", {"name": "accept", "csrf_token": token}, status=303)
    with site() as s:
        assert find_resource(s, path).status == "in-progress"


def test_a_visit_photo_is_shown_but_never_read(app, site, make_user, indexed, monkeypatch):
    """A photo from a visit becomes a document of its own kind: the worker makes its viewer
    image and thumbnail, upright, and spends no OCR on it; a scanned paper is still read."""
    path, phone = _assigned(app, site, make_user, "ต้นไม้ล้มขวางถนน", "700101")
    form = phone.get(path + "/@@visit").forms["visit"]
    form["findings"] = "ตัดต้นไม้ออกแล้ว"
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6                                                # taken with the phone upright
    Image.new("RGB", (640, 480), (90, 140, 60)).save(buffer, "JPEG", exif=exif)
    form["file"] = [webtest.Upload("tree.jpg", buffer.getvalue(), "image/jpeg")]
    form.submit(status=303)

    def no_ocr(*args, **kwargs):
        raise AssertionError("a photo went to OCR")
    monkeypatch.setattr("damrong.reading.ocr_file", no_ocr)
    indexed()
    with site() as s:
        (photo,) = find_resource(s, path).documents()
        assert (photo.kind, photo.state, photo.page_count) == ("photo", "ready", 1)
        page = photo.pages[1]
        assert page.text == "" and (page.width, page.height) == (480, 640)   # turned upright
        assert photo.searchable is None
    case = user_app(app, make_user, "officer", "7001").get(path + "/")
    assert "ภาพถ่ายลงพื้นที่ (ไม่อ่านข้อความ)" in case.text


def test_a_province_sent_a_case_is_offered_no_team_step(app, site, make_user):
    """A province has no tambon teams: a case the ministry sent it shows no team button (the
    form would only refuse), while the province can still report back."""
    ministry = Actor.staff("3100600123459", "officer", "moi")
    with site() as s:
        path = new_complaint(s, "moi", "ขอให้ตรวจสอบการก่อสร้างถนน")
        send_for_action(app.registry.workflow, s, find_resource(s, path), ministry, "70",
                        due_date=datetime.date.today() + datetime.timedelta(days=5))
    case = user_app(app, make_user, "officer", "70").get(path + "/")
    moves = [a["href"].rsplit("/", 1)[-1] for a in case.html.select("#casework a.btn")]
    assert not any("@@team" in move for move in moves)
    assert case.html.select("button[name=name][value=report]")
