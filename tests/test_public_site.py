"""The citizens' site (issue 17): following a case, filing online, news and answered questions.

WebTest on the real app and database: the rate limits, the honeypot, the form token, the
publishing permissions, and that no public page or JSON carries anyone's personal data.
"""

import io
import random
import re

import pytest
import webtest
from limits import parse
from PIL import Image
from pyramid.traversal import find_resource

import scanfiles
from damrong.forwarding import forward_to_agency
from damrong.security import Actor
from damrong.thai import national_id
from helpers import complaint_at, login, new_complaint

#: A complaint with every personal field filled in; none of these may reach a public page.
PERSONAL = {
    "first_name": "ศรีสมร", "last_name": "บุญประคองทรัพย์", "phone": "0819765432",
    "address": "๑๒๓ หมู่ ๔ ตำบลหน้าเมือง", "respondent": "นายเฉลิมชัย กำนันตัวอย่าง",
    "position": "กำนันตำบลตัวอย่าง", "agency": "องค์การบริหารส่วนตำบลตัวอย่าง",
    "place": "ซอยพุทธรักษา ๙", "details": "รายละเอียดภายในที่ไม่เปิดเผย", "note": "บันทึกภายในถึงนายอำเภอ",
}


def _full_complaint(s):
    complaint = complaint_at(s, "7001", "ขอให้ตรวจสอบการบุกรุกที่สาธารณะ")
    nid = national_id.generate(random.Random(17))
    complaint.change("system", "แก้ไขข้อมูล", note=PERSONAL["note"], complainant={
        "anonymous": False, "title": "นาง", "first_name": PERSONAL["first_name"],
        "last_name": PERSONAL["last_name"], "national_id": nid, "phone": PERSONAL["phone"],
        "address": PERSONAL["address"]}, respondent={
        "name": PERSONAL["respondent"], "position": PERSONAL["position"],
        "agency": PERSONAL["agency"]}, place={
        "province": "70", "district": "7001", "subdistrict": "", "address": PERSONAL["place"],
        "lat": "13.5", "lon": "99.8"}, complaint={
        "subject": complaint.subject, "details": PERSONAL["details"], "urgency": "normal"})
    return complaint.tracking_code, nid


def _assert_nothing_personal(text, nid):
    for value in [*PERSONAL.values(), nid, "081-976-5432", "๐๘๑๙๗๖๕๔๓๒", "ขอให้ตรวจสอบการบุกรุก"]:
        assert value not in text, value


def test_the_root_is_the_citizens_site_and_staff_reach_their_home(testapp, make_user):
    page = testapp.get("/")
    assert "ติดตามเรื่อง" in page.text and "ร้องเรียนออนไลน์" in page.text
    staff = page.click(href=r"/@@staff$", index=0)
    assert "/@@login" in staff.location
    login_id = make_user("clerk", "7001")
    landed = login(testapp, login_id).follow()  # /@@staff, then the center's listing
    assert landed.follow().request.path == "/moi/70/7001/"


def test_tracking_page_and_json_show_the_case_and_no_personal_data(testapp, site):
    with site() as s:
        code, nid = _full_complaint(s)
    page = testapp.get(f"/track/{code}")
    assert "รับที่ ๑/" in page.text and "ศูนย์ดำรงธรรมอำเภอเมืองราชบุรี" in page.text
    assert "ศูนย์ดำรงธรรมได้รับเรื่องแล้ว" in page.text
    _assert_nothing_personal(page.text, nid)
    data = testapp.get("/track.json", {"code": code.lower()}).json
    assert data["receipt"].startswith("รับที่") and data["closed"] is False
    assert set(data) == {"code", "receipt", "received", "center", "status", "closed",
                         "days_open", "steps"}
    # a step adds "result" only when an approved closure published one (test below)
    assert [set(step) for step in data["steps"]] == [{"when", "what"}]
    _assert_nothing_personal(str(data), nid)


def test_the_timeline_moves_when_an_officer_forwards_the_case(testapp, site, app):
    with site() as s:
        complaint = complaint_at(s, "7001")
        code = complaint.tracking_code
        agency = next(iter(s.agencies.values()))
        forward_to_agency(app.registry.workflow, s, complaint,
                          Actor.staff("3100100123458", "officer", "7001"), agency.__name__)
    page = testapp.get("/track", {"code": f"{code[:4]}-{code[4:]}"})
    steps = [" ".join(li.text.split()) for li in page.html.select("ol.timeline li")]
    assert len(steps) == 2 and steps[1].endswith("ส่งเรื่องให้หน่วยงานที่เกี่ยวข้องดำเนินการ")
    assert agency.name not in page.text  # which agency is not the public's business


def test_a_wrong_code_reads_the_same_whether_or_not_it_could_exist(testapp):
    unknown = testapp.get("/track/ACDE-FGHJ", status=404)
    malformed = testapp.get("/track/0000-0000", status=404)
    assert unknown.text.replace("ACDE-FGHJ", "X") == malformed.text.replace("0000-0000", "X")
    assert testapp.get("/track.json", {"code": "ACDEFGHJ"}, status=404).json == \
        testapp.get("/track.json", {"code": "nothing"}, status=404).json


def test_lookups_are_limited_per_address(testapp, app):
    app.registry.public_limits.limits["lookup"] = parse("3/minute")
    for _ in range(3):
        testapp.get("/track/ACDE-FGHJ", status=404)
    refused = testapp.get("/track/ACDE-FGHJ", status=429)
    assert "บ่อยเกินไป" in refused.text
    testapp.get("/track.json", {"code": "ACDEFGHJ"}, status=429)
    other = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost", "REMOTE_ADDR": "10.0.0.9"})
    other.get("/track/ACDE-FGHJ", status=404)


def _online_form(testapp, **overrides):
    form = testapp.get("/file").forms["online"]
    form["subject"] = "ไฟส่องสว่างดับทั้งซอย"
    form["details"] = "ไฟถนนดับมาสองสัปดาห์ กลางคืนมืดมาก"
    form["province"] = "70"
    form.fields["district"][0].options.append(("7005", False, "บ้านโป่ง"))
    form["district"] = "7005"
    form["first_name"] = "ประชา"
    form["phone"] = "0812345678"
    for name, value in overrides.items():
        form[name] = value
    return form


def test_a_complaint_filed_online_lands_at_the_district_for_a_clerk_to_screen(testapp, site):
    form = _online_form(testapp)
    form["file"] = [webtest.Upload("photo.jpg", scanfiles.jpeg(), "image/jpeg")]
    filed = form.submit("send")
    code = re.search(r"/track/([A-Z0-9]{8})", filed.location).group(1)
    page = filed.follow()
    assert "ส่งเรื่องเรียบร้อยแล้ว" in page.text and "ประชา" not in page.text
    with site() as s:
        complaint = s.tracking[code]
        assert complaint.center.code == "7005" and complaint.status == "received"
        assert complaint.type["channel"] == "website"
        assert complaint.complainant["first_name"] == "ประชา"
        assert [d.filename for d in complaint.documents()] == ["photo.jpg"]


def test_online_form_errors_are_in_thai_and_a_bad_file_is_refused(testapp, site):
    form = _online_form(testapp, subject="", district="")
    form["file"] = [webtest.Upload("photo.jpg", b"not really a photo", "image/jpeg")]
    page = form.submit("send", status=400)
    assert "กรุณากรอกช่องนี้" in page.text
    assert "กรุณาเลือกอำเภอ/เขตที่เกิดเหตุ" in page.text
    assert "ไม่ใช่ไฟล์ภาพสแกน" in page.text
    with site() as s:
        assert len(s.centers["7005"].complaints) == 0


def test_the_honeypot_and_the_form_token_refuse_and_store_nothing(testapp, site):
    refused = _online_form(testapp, homepage="http://spam.example").submit("send", status=400)
    assert "รับแบบฟอร์มนี้ไม่ได้" in refused.text
    form = _online_form(testapp)
    form["csrf_token"] = "forged"
    form.submit("send", status=400)
    with site() as s:
        assert len(s.centers["7005"].complaints) == 0


def test_filings_are_limited_per_address(testapp, app, site):
    app.registry.public_limits.limits["filing"] = parse("2/hour")
    for _ in range(2):
        _online_form(testapp).submit("send", status=303)
    assert "หลายครั้ง" in _online_form(testapp).submit("send", status=429).text
    with site() as s:
        assert len(s.centers["7005"].complaints) == 2


def _photo_with_gps():
    image = Image.new("RGB", (1200, 900), (40, 120, 60))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (13.0, 32.0, 10.0), 3: "E", 4: (99.0, 49.0, 3.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    assert b"PhoneMaker" in buffer.getvalue()
    return buffer.getvalue()


def _post_news(client):
    form = client.get("/moi/70/7001/@@news-post").forms["news"]
    form["title"] = "ชปต. ลงพื้นที่ไกล่เกลี่ยข้อพิพาทที่ดิน"
    form["team"] = "ชุดปฏิบัติการประจำตำบลหน้าเมือง"
    form["day"] = "02/12/2569"
    form["place"] = "ศาลาประชาคมหมู่ ๓"
    form["text"] = "ทีมงานรับฟังทั้งสองฝ่ายและตกลงแนวเขตร่วมกัน"
    form["file"] = [webtest.Upload("field.jpg", _photo_with_gps(), "image/jpeg")]
    return form.submit("post").follow()


def test_news_waits_for_a_supervisor_and_its_photos_carry_no_location(app, make_user, testapp, site):
    officer = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    login(officer, make_user("officer", "7001"))
    page = _post_news(officer)
    assert "รอเผยแพร่" in page.text
    with site() as s:
        name = next(iter(s.news))
    testapp.get(f"/news/{name}", status=404)
    assert "ไกล่เกลี่ย" not in testapp.get("/news").text
    # An officer may write but not publish; a supervisor of the district publishes.
    token = officer.get("/moi/70/7001/@@outreach").html.find("input", {"name": "csrf_token"})["value"]
    officer.post("/moi/70/7001/@@outreach", {"csrf_token": token, "kind": "news", "item": name,
                                              "action": "publish"}, status=403)
    supervisor = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    login(supervisor, make_user("supervisor", "7001"))
    board = supervisor.get("/moi/70/7001/@@outreach")
    board.forms[1].submit("action", value="publish").follow()
    item = testapp.get(f"/news/{name}")
    assert "ชุดปฏิบัติการประจำตำบลหน้าเมือง" in item.text
    assert "ไกล่เกลี่ย" in testapp.get("/news", {"center": "70"}).text
    for kind in ("photo", "thumb"):
        photo = testapp.get(f"/news/{name}/{kind}/0")
        assert photo.content_type == "image/jpeg"
        assert b"PhoneMaker" not in photo.body and b"Exif" not in photo.body
        assert not Image.open(io.BytesIO(photo.body)).getexif()
    testapp.get(f"/news/{name}/photo/5", status=404)


def test_a_question_is_answered_published_and_found_with_thai_search(app, make_user, testapp, site):
    asked = testapp.get("/ask").forms[0]
    asked["question"] = "ยื่นเรื่องร้องเรียนที่ศูนย์ดำรงธรรมต้องใช้เอกสารอะไรบ้าง"
    asked["province"] = "70"
    assert "ส่งคำถามแล้ว" in asked.submit().follow().text
    officer = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    login(officer, make_user("officer", "70"))
    board = officer.get("/moi/70/@@outreach")
    form = board.forms[1]
    form["answer"] = "ใช้สำเนาบัตรประจำตัวประชาชนและหลักฐานที่เกี่ยวข้อง"
    form.submit("action", value="answer").follow()
    assert "สำเนาบัตร" not in testapp.get("/faq").text  # answered, not yet published
    supervisor = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    login(supervisor, make_user("supervisor", "70"))
    supervisor.get("/moi/70/@@outreach").forms[1].submit("action", value="publish").follow()
    assert "สำเนาบัตร" in testapp.get("/faq").text
    assert "สำเนาบัตร" in testapp.get("/faq", {"q": "เอกสาร ประชาชน"}).text
    assert "สำเนาบัตร" in testapp.get("/faq", {"q": "ร้องเรียน"}).text  # part of a compound
    assert "สำเนาบัตร" not in testapp.get("/faq", {"q": "ที่ดิน"}).text
    assert "สำเนาบัตร" not in testapp.get("/faq", {"q": "เอกสาร -บัตร"}).text


def test_questions_are_limited_and_a_filled_honeypot_is_refused(testapp, app, site):
    app.registry.public_limits.limits["question"] = parse("1/hour")
    form = testapp.get("/ask").forms[0]
    form["question"] = "ศูนย์เปิดวันเสาร์หรือไม่"
    form["homepage"] = "spam"
    form.submit(status=400)
    form["homepage"] = ""
    form.submit(status=303)
    testapp.get("/ask").forms[0].submit(status=429)
    with site() as s:
        assert len(s.questions) == 1


@pytest.mark.parametrize("path", ["/", "/summary", "/summary/70"])
def test_a_public_page_weighs_less_than_300_kb_on_first_load(testapp, path):
    page = testapp.get(path)
    total = len(page.body)
    assets = set(re.findall(r'(?:href|src)="http://localhost(/static/[^"]+)"', page.text))
    assert "/static/public.css" in assets and "/static/app.css" not in assets  # the public layout
    css = testapp.get("/static/public.css").text
    assets |= {"/static/" + url for url in re.findall(r'url\("([^"]+)"\)', css)}
    for asset in assets:
        total += len(testapp.get(asset).body)
    assert total < 300_000, total
    assert "http" not in css and not re.search(r'(?:href|src)="https?://(?!localhost)', page.text)


def test_the_public_pages_read_in_english_after_the_switch(testapp, site):
    with site() as s:
        code = complaint_at(s, "7001").tracking_code
    page = testapp.get("/")
    page = page.click(description="English", href="@@locale").follow()
    assert "Follow a case" in page.text
    for path in ("/", "/track", f"/track/{code}", "/file", "/news", "/faq", "/ask"):
        html = testapp.get(path).html
        for element in html.select("nav.locale, .meta"):
            element.decompose()
        text = " ".join(html.get_text(" ").split())
        assert not re.findall("[\u0e00-\u0e7f]+", text), path


def test_only_supervisors_who_see_a_post_publish_it_and_an_answer_comes_first(app, make_user,
                                                                            testapp, site):
    from damrong.resources.questions import Question

    with site() as s:
        name = s.questions.add_post(Question("7001", "ศูนย์อำเภอรับเรื่องทางไปรษณีย์หรือไม่"))

    def press(client, center_path, action, answer=""):
        token = client.get(center_path + "@@outreach").html.find(
            "input", {"name": "csrf_token"})["value"]
        return client.post(center_path + "@@outreach", {
            "csrf_token": token, "kind": "question", "item": name, "action": action,
            "answer": answer}, status="*")

    elsewhere = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    login(elsewhere, make_user("supervisor", "7002"))
    assert "ไม่พบรายการที่เลือก" in press(elsewhere, "/moi/70/7002/", "publish").follow().text
    province = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    login(province, make_user("supervisor", "70"))
    assert "ยังไม่มีคำตอบ" in press(province, "/moi/70/", "publish").follow().text
    assert "กรุณาพิมพ์คำตอบ" in press(province, "/moi/70/", "answer", " ").follow().text
    press(province, "/moi/70/", "answer", "รับ ส่งถึงที่ว่าการอำเภอได้")
    press(province, "/moi/70/", "publish")
    assert "ส่งถึงที่ว่าการอำเภอได้" in testapp.get("/faq").text
    clerk = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    login(clerk, make_user("clerk", "7001"))
    clerk.get("/moi/70/7001/@@outreach", status=403)  # clerks neither write nor publish


def test_the_printed_receipt_carries_a_qr_code_of_the_tracking_page(testapp, clerk, site):
    from damrong.qr import qr_data_uri
    from helpers import register

    page = register(testapp, subject="ขอให้ซ่อมท่อระบายน้ำ")
    with site() as s:
        code = next(iter(s.tracking))
    image = page.html.select_one(".print-receipt img.receipt-qr")
    assert image["src"] == qr_data_uri(f"http://localhost/track/{code}", scale=4)


#: What the officer writes for the public, with markup that must come out as text.
PUBLIC_RESULT = "อำเภอรื้อถอนสิ่งปลูกสร้างที่รุกล้ำแล้ว <b>คืนพื้นที่</b> & เปิดทางสาธารณะ"


def _propose_on_page(client, path, public_text, note="ผู้ถูกร้องรื้อถอนแล้ว ตามที่นายอำเภอสั่ง",
                     status=303):
    form = client.get(path + "/").forms["transition-form"]
    form["note"] = note
    form["public_result"] = public_text
    return form.submit("name", value="propose", status=status)


def test_the_closing_result_for_the_public_shows_only_once_the_closure_is_approved(
        app, make_user, testapp, site):
    """Issue 17: the closed step shows the result written for the public, escaped, after a
    supervisor approved it; before that, nothing of it is public."""
    workflow = app.registry.workflow
    with site() as s:
        path = new_complaint(s, "7001", "ขอให้ตรวจสอบการบุกรุกที่สาธารณะ")
        complaint = find_resource(s, path)
        code = complaint.tracking_code
        workflow.apply(complaint, "screen", Actor.staff("3100600123450", "officer", "7001"))
    officer = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    login(officer, make_user("officer", "7001")).follow()
    _propose_on_page(officer, path, PUBLIC_RESULT)

    before = testapp.get(f"/track/{code}")
    assert "คืนพื้นที่" not in before.text and "รื้อถอน" not in before.text
    data = testapp.get("/track.json", {"code": code}).json
    assert all(set(step) == {"when", "what"} for step in data["steps"])

    supervisor = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    login(supervisor, make_user("supervisor", "7001")).follow()
    queue = supervisor.get("/moi/70/7001/@@approvals")
    token = queue.html.find("input", {"name": "csrf_token"})["value"]
    supervisor.post("/moi/70/7001/@@approvals", [("csrf_token", token), ("decision", "approve"),
                                                 ("case", path)], status=303)

    after = testapp.get(f"/track/{code}")
    closed_step = after.html.select("ol.timeline li")[-1]
    assert closed_step.select_one(".result").text.endswith(PUBLIC_RESULT)
    assert "&lt;b&gt;คืนพื้นที่&lt;/b&gt; &amp; เปิดทางสาธารณะ" in after.text  # text, not HTML
    assert "<b>คืนพื้นที่" not in after.text
    assert "ตามที่นายอำเภอสั่ง" not in after.text  # the internal summary stays internal
    data = testapp.get("/track.json", {"code": code}).json
    assert data["closed"] is True and data["steps"][-1]["result"] == PUBLIC_RESULT
    assert all("result" not in step for step in data["steps"][:-1])


def test_a_public_result_with_an_id_or_a_phone_is_refused_in_thai_and_kept_to_edit(
        app, make_user, site):
    workflow = app.registry.workflow
    nid = national_id.format_id(national_id.generate(random.Random(71)))
    with site() as s:
        path = new_complaint(s, "7001", "ขอให้ตรวจสอบการบุกรุกที่สาธารณะ")
        workflow.apply(find_resource(s, path), "screen", Actor.staff("3100600123450", "officer", "7001"))
    officer = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    login(officer, make_user("officer", "7001")).follow()
    refusals = {
        f"ผู้ร้อง เลขประจำตัว {nid} ได้รับเงินคืนแล้ว": "มีเลขประจำตัวประชาชน",
        "ติดต่อผู้ใหญ่บ้านได้ที่ ๐๘๑-๒๓๔-๕๖๗๘": "มีหมายเลขโทรศัพท์",
        "ซ่อมแล้ว" * 100: "ยาวเกิน ๕๐๐ ตัวอักษร",
    }
    for text, reason in refusals.items():
        page = _propose_on_page(officer, path, text, status=400)
        assert reason in page.html.find("div", role="alert").text
        assert page.forms["transition-form"]["public_result"].value == text  # kept to edit
        assert page.forms["transition-form"]["note"].value.startswith("ผู้ถูกร้องรื้อถอนแล้ว")
    with site() as s:
        complaint = find_resource(s, path)
        assert complaint.status == "screening" and complaint.public_result == ""
