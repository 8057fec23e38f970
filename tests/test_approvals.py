"""Closures approved in bulk: many at once, each recorded on its own complaint; returns need a
note; nobody approves their own proposal; two supervisors on one case: one wins, the other is
told, nothing is recorded twice."""

import datetime
import time

import webtest
from pyramid.traversal import find_resource

from damrong import public_result
from damrong.approvals import propose
from damrong.casework import send_for_action
from damrong.public_case import public_case
from damrong.security import Actor
from helpers import all_at_once, login, new_complaint, user_app

OFFICER = Actor.staff("3100600123459", "officer", "7001")


def _proposed(site, app, count, proposer=OFFICER, center="7001"):
    workflow = app.registry.workflow
    paths = []
    with site() as s:
        for number in range(count):
            path = new_complaint(s, center, f"เรื่องที่เสนอยุติ {number}")
            complaint = find_resource(s, path)
            for name in ("screen", "work"):
                workflow.apply(complaint, name, proposer, note="ดำเนินการ")
            workflow.apply(complaint, "propose", proposer, note=f"ไกล่เกลี่ยสำเร็จ {number}")
            paths.append(path)
    return paths


def _decide(client, paths, decision, note="", center="/moi/70/7001/"):
    page = client.get(center + "@@approvals")
    token = page.html.find("input", {"name": "csrf_token"})["value"]
    data = [("csrf_token", token), ("decision", decision), ("note", note)]
    data += [("case", path) for path in paths]
    return client.post(center + "@@approvals", data, status=303).follow()


def _closes(complaint, workflow):
    return sum(1 for entry in complaint.history if entry["action"] == workflow.transitions["close"].label)


def test_thirty_approved_in_one_request_each_on_its_own_record(app, site, make_user):
    paths = _proposed(site, app, 32)
    supervisor = user_app(app, make_user, "supervisor", "7001")
    page = supervisor.get("/moi/70/7001/@@approvals")
    assert "ไกล่เกลี่ยสำเร็จ 7" in page.text and "ทดสอบ officer" not in page.text
    began = time.perf_counter()
    page = _decide(supervisor, paths[:30], "approve")
    assert time.perf_counter() - began < 10
    assert "อนุมัติยุติเรื่องแล้ว ๓๐ เรื่อง" in page.text or "อนุมัติยุติเรื่องแล้ว 30 เรื่อง" in page.text
    workflow = app.registry.workflow
    with site() as s:
        for number, path in enumerate(paths[:30]):
            complaint = find_resource(s, path)
            assert complaint.status == "closed"
            entry = list(complaint.history)[-1]
            assert entry["note"] == f"ไกล่เกลี่ยสำเร็จ {number}"      # the proposal's summary
            assert _closes(complaint, workflow) == 1
        assert [find_resource(s, p).status for p in paths[30:]] == ["closure-proposed"] * 2


def test_returning_needs_a_note_and_goes_back_to_work(app, site, make_user):
    paths = _proposed(site, app, 2)
    supervisor = user_app(app, make_user, "supervisor", "7001")
    page = _decide(supervisor, paths, "return")
    assert "กรุณาระบุรายละเอียด" in page.html.find(class_="problem").text
    _decide(supervisor, paths[:1], "return", note="ขอหลักฐานการไกล่เกลี่ย")
    with site() as s:
        assert [find_resource(s, p).status for p in paths] == ["in-progress", "closure-proposed"]
        assert list(find_resource(s, paths[0]).history)[-1]["note"] == "ขอหลักฐานการไกล่เกลี่ย"


def test_nobody_approves_their_own_proposal_unless_the_center_allows(app, site, make_user):
    login_id = make_user("supervisor", "7001")
    with site() as s:
        proposer = Actor.of(s.users[login_id])
    paths = _proposed(site, app, 1, proposer=proposer)
    supervisor = user_app(app, make_user, "supervisor", "7001")
    own = webtest_for(app, login_id)
    page = own.get("/moi/70/7001/@@approvals")
    assert 'name="case"' not in page.text and "ท่านเป็นผู้เสนอ" in page.text
    page = _decide(own, paths, "approve")
    assert "ผู้เสนอยุติเรื่องจะอนุมัติเรื่องที่ตนเสนอเองไม่ได้" in page.text
    admin = user_app(app, make_user, "admin", "70")                 # the province's admin
    form = admin.get("/moi/70/7001/@@approval-rule").forms["approval-rule"]
    form["proposer_may_approve"] = True
    page = form.submit("save", status=400)                          # lifting it needs a reason
    assert "กรุณาระบุเหตุผลที่ให้ผู้เสนอยุติเรื่องอนุมัติเรื่องของตนเองได้" in page.text
    with site() as s:
        assert not s.centers["7001"].proposer_may_approve
    form = page.forms["approval-rule"]
    form["reason"] = "ศูนย์มีผู้บังคับบัญชาเพียงคนเดียว"
    assert "rule-changed" in form.submit("save", status=303).follow().text
    with site() as s:
        assert s.centers["7001"].proposer_may_approve
        assert s.centers["7001"].approval_rule_changed["reason"] == "ศูนย์มีผู้บังคับบัญชาเพียงคนเดียว"
    _decide(own, paths, "approve")
    with site() as s:
        assert find_resource(s, paths[0]).status == "closed"
    assert supervisor.get("/moi/70/7001/@@approvals").html.find(class_="empty")


def test_two_supervisors_on_one_case_one_wins(app, site, make_user):
    paths = _proposed(site, app, 1)
    clients = [user_app(app, make_user, "supervisor", code) for code in ("7001", "70")]
    pages = {}
    forms = [(client, client.get("/moi/70/7001/@@approvals")) for client in clients]

    def approve(item):
        client, page = item
        token = page.html.find("input", {"name": "csrf_token"})["value"]
        pages[id(client)] = client.post(
            "/moi/70/7001/@@approvals",
            [("csrf_token", token), ("decision", "approve"), ("case", paths[0])],
            status=303).follow()

    all_at_once(approve, forms)
    told = [page for page in pages.values() if page.html.find(class_="problem")]
    assert len(told) == 1
    assert "ไม่สามารถเปลี่ยนสถานะนี้ได้จากสถานะปัจจุบันของเรื่อง" in told[0].text
    with site() as s:
        assert _closes(find_resource(s, paths[0]), app.registry.workflow) == 1


def test_only_supervisors_reach_the_approval_queue(app, site, make_user):
    for role, status in (("clerk", 403), ("officer", 403), ("executive", 403),
                         ("supervisor", 200)):
        user_app(app, make_user, role, "7001").get("/moi/70/7001/@@approvals", status=status)
    user_app(app, make_user, "supervisor", "7002").get("/moi/70/7001/@@approvals", status=403)


def webtest_for(app, login_id):
    client = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    login(client, login_id).follow()
    return client


def test_a_backlog_of_finished_cases_is_closed_through_the_same_approval(app, site, make_user):
    """The circular's backlog: open cases older than N days whose result is already recorded
    (here a district's report) are closed with that result as their summary."""
    workflow = app.registry.workflow
    province = Actor.staff("3100600123459", "officer", "70")
    district = Actor.staff("3100600123467", "officer", "7001")
    paths = []
    with site() as s:
        for subject, age in (("เรื่องค้างเก่า", 120), ("เรื่องค้างใหม่", 5)):
            path = new_complaint(s, "70", subject)
            complaint = find_resource(s, path)
            complaint.change("system", "ทดสอบ", received_at=complaint.received_at
                             - datetime.timedelta(days=age))
            send_for_action(workflow, s, complaint, province, "7001")
            workflow.apply(complaint, "report", district, note=f"ผลการตรวจสอบ {subject}")
            paths.append(path)
    supervisor = user_app(app, make_user, "supervisor", "70")
    page = supervisor.get("/moi/70/@@approvals", {"older": "90"})
    assert "เรื่องค้างเก่า" in page.text and "เรื่องค้างใหม่" not in page.text
    assert "ผลการตรวจสอบ เรื่องค้างเก่า" in page.text
    token = page.html.find("input", {"name": "csrf_token"})["value"]
    supervisor.post("/moi/70/@@approvals", [("csrf_token", token), ("decision", "approve"),
                                           ("older", "90"), ("case", paths[0])], status=303)
    with site() as s:
        old, new = (find_resource(s, p) for p in paths)
        assert (old.status, new.status) == ("closed", "reported")
        entry = list(old.history)[-1]
        assert entry["action"] == workflow.transitions["settle"].label
        assert entry["note"] == "ผลการตรวจสอบ เรื่องค้างเก่า"


def test_only_the_center_s_administrators_set_its_approval_rule(app, site, make_user):
    for role, center in (("supervisor", "7001"), ("officer", "7001"), ("admin", "7002")):
        user_app(app, make_user, role, center).get("/moi/70/7001/@@approval-rule", status=403)
    admin = user_app(app, make_user, "admin", "7001")
    page = admin.get("/moi/70/7001/@@approval-rule")
    token = page.forms["approval-rule"]["csrf_token"].value
    admin.post("/moi/70/7001/@@approval-rule", {"save": "1", "proposer_may_approve": "true",
                                                "reason": "ทดสอบ"}, status=400)  # no CSRF token
    admin.post("/moi/70/7001/@@approval-rule", {"save": "1", "csrf_token": token,
                                                "proposer_may_approve": "true",
                                                "reason": "ทดสอบ"}, status=303)
    with site() as s:
        assert s.centers["7001"].proposer_may_approve
    form = admin.get("/moi/70/7001/@@approval-rule").forms["approval-rule"]
    assert form["proposer_may_approve"].checked
    form["proposer_may_approve"] = False
    form.submit("save", status=303)
    with site() as s:
        assert not s.centers["7001"].proposer_may_approve


def test_the_public_result_waits_beside_the_summary_and_a_return_keeps_it_to_edit(
        app, site, make_user):
    """Issue 17: the supervisor reads the result for the public beside the internal summary and
    approves or returns both together; a returned proposal keeps it for the officer to edit,
    and every version is in the history."""
    workflow = app.registry.workflow
    with site() as s:
        path = new_complaint(s, "7001", "ขอให้ซ่อมถนนในหมู่บ้าน")
        complaint = find_resource(s, path)
        workflow.apply(complaint, "screen", OFFICER)
        propose(workflow, complaint, OFFICER, "ผู้ใหญ่บ้านรับว่าจะซ่อมภายในเดือนนี้",
                "องค์การบริหารส่วนตำบลซ่อมถนนแล้ว <i>๒ จุด</i>")
    supervisor = user_app(app, make_user, "supervisor", "7001")
    row = supervisor.get("/moi/70/7001/@@approvals").html.find(
        "a", href=lambda href: href and href.rstrip("/").endswith(path)).find_parent("tr")
    cells = [" ".join(td.text.split()) for td in row.find_all("td")]
    assert "ผู้ใหญ่บ้านรับว่าจะซ่อมภายในเดือนนี้" in cells
    assert "องค์การบริหารส่วนตำบลซ่อมถนนแล้ว <i>๒ จุด</i>" in cells  # as text, beside it
    _decide(supervisor, [path], "return", "ขอให้ระบุวันที่ซ่อมเสร็จ")

    officer = user_app(app, make_user, "officer", "7001")
    form = officer.get(path + "/").forms["transition-form"]
    assert form["public_result"].value == "องค์การบริหารส่วนตำบลซ่อมถนนแล้ว <i>๒ จุด</i>"
    form["note"] = "ซ่อมเสร็จเมื่อ ๓ ธันวาคม"
    form["public_result"] = "องค์การบริหารส่วนตำบลซ่อมถนนเสร็จแล้วเมื่อ ๓ ธันวาคม"
    form.submit("name", value="propose", status=303)
    _decide(supervisor, [path], "approve")
    with site() as s:
        complaint = find_resource(s, path)
        assert complaint.status == "closed"
        assert complaint.public_result == "องค์การบริหารส่วนตำบลซ่อมถนนเสร็จแล้วเมื่อ ๓ ธันวาคม"
        recorded = [change for entry in complaint.history for change in entry["changes"]
                    if change[0] == public_result.LABEL]
        assert [after for _field, _before, after in recorded] == [
            "องค์การบริหารส่วนตำบลซ่อมถนนแล้ว <i>๒ จุด</i>",
            "องค์การบริหารส่วนตำบลซ่อมถนนเสร็จแล้วเมื่อ ๓ ธันวาคม"]


def test_a_returned_proposal_publishes_nothing_when_the_case_is_closed_from_the_backlog(app, site):
    """The result for the public goes out with the approval of the proposal it was written for:
    a case closed later from the backlog (``settle``, no proposal) shows the closed state's own
    wording only, not a text no supervisor approved."""
    workflow = app.registry.workflow
    province = Actor.staff("3100600123468", "officer", "70")
    district = Actor.staff("3100600123476", "officer", "7001")
    supervisor = Actor.staff("3100600123450", "supervisor", "70")
    with site() as s:
        complaint = find_resource(s, new_complaint(s, "70", "ขอให้ขุดลอกคลอง"))
        send_for_action(workflow, s, complaint, province, "7001")
        workflow.apply(complaint, "report", district, note="ขุดลอกแล้วบางส่วน")
        propose(workflow, complaint, province, "เห็นควรยุติ", "ขุดลอกคลองครบทั้งสายแล้ว")
        workflow.apply(complaint, "reject", supervisor, note="ยังขุดไม่ครบ")
        send_for_action(workflow, s, complaint, province, "7001")
        workflow.apply(complaint, "report", district, note="ขุดลอกครบแล้ว")
        workflow.apply(complaint, "settle", supervisor, note="ยุติตามรายงานผล")
        case = public_case(complaint, workflow)
        assert case.closed and [step.result for step in case.steps] == [""] * len(case.steps)
        assert complaint.public_result == "ขุดลอกคลองครบทั้งสายแล้ว"  # kept, not published
