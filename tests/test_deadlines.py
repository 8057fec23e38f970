"""The daily deadline job notes each case once, on the first run after its due date, to its
responsible officer (in the app, and by e-mail when SMTP is configured), touching only the
cases whose due date passed since the last run."""

import dataclasses
import datetime
import socket

from aiosmtpd.controller import Controller
from pyramid.traversal import find_resource

from damrong.casework import send_for_action
from damrong.deadlines import run_daily
from damrong.security import Actor
from damrong.teams import assign_team
from helpers import new_complaint, user_app

PROVINCE = Actor.staff("3100600123459", "officer", "70")
TODAY = datetime.date(2026, 12, 4)


def _sent(site, app, subject, due, responsible=None):
    with site() as s:
        path = new_complaint(s, "70", subject)
        complaint = find_resource(s, path)
        send_for_action(app.registry.workflow, s, complaint, PROVINCE, "7001", due_date=due)
        if responsible:
            complaint.change("system", "ทดสอบ", responsible=responsible)
    return path


def test_each_overdue_case_is_noted_once_to_its_officer(app, site, make_user, db):
    officer = make_user("officer", "70")
    settings, kinds = app.registry.app_settings, app.registry.letter_kinds
    late = _sent(site, app, "เรื่องที่เกินกำหนด", TODAY - datetime.timedelta(days=1), officer)
    _sent(site, app, "เรื่องที่ยังไม่ถึงกำหนด", TODAY + datetime.timedelta(days=3), officer)
    assert run_daily(db, settings, kinds, TODAY) == 1
    assert run_daily(db, settings, kinds, TODAY) is None                  # once a day
    assert run_daily(db, settings, kinds, TODAY + datetime.timedelta(days=1)) == 0
    with site() as s:
        notes = s.notifications.inboxes[officer].newest()
        assert len(notes) == 1 and "เรื่องที่เกินกำหนด" in notes[0]["text"]
        assert notes[0]["path"] == late
    # four days later the other one is overdue too, and only it is noted
    assert run_daily(db, settings, kinds, TODAY + datetime.timedelta(days=5)) == 1
    client = user_app(app, lambda *_: officer, "officer", "70")
    page = client.get("/moi/70/@@notifications")
    assert page.html.find(class_="badge").text.strip() == "๒"
    assert "kind=follow-up" in page.text
    page.forms["mark-read"].submit(status=303)
    assert client.get("/moi/70/@@notifications").html.find(class_="badge") is None


def test_without_an_officer_the_center_s_officers_are_noted(app, site, make_user, db):
    officers = [make_user("officer", "70"), make_user("supervisor", "70")]
    make_user("clerk", "70")
    _sent(site, app, "ไม่มีผู้รับผิดชอบ", TODAY - datetime.timedelta(days=2))
    assert run_daily(db, app.registry.app_settings, app.registry.letter_kinds,
                     TODAY) == 1
    with site() as s:
        assert sorted(s.notifications.inboxes) == sorted(officers)


class _Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


def test_an_overdue_note_is_mailed_when_smtp_is_configured(app, site, make_user, db):
    officer = make_user("officer", "70")
    with site() as s:
        s.users[officer].email = "officer@example.test"
    _sent(site, app, "เรื่องที่ต้องส่งอีเมล", TODAY - datetime.timedelta(days=1), officer)
    sink = _Sink()
    with socket.socket() as probe:  # a free port for the local SMTP server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings = dataclasses.replace(app.registry.app_settings, smtp_host="127.0.0.1",
                                       smtp_port=port)
        assert run_daily(db, settings, app.registry.letter_kinds, TODAY) == 1
    finally:
        controller.stop()
    assert [to for to, _ in sink.messages] == [["officer@example.test"]]
    assert run_daily(db, app.registry.app_settings, app.registry.letter_kinds,
                     TODAY) is None                                # off by default


def test_the_job_keeps_one_follow_up_draft_the_officer_issues(app, site, make_user, db):
    """An overdue case sent for action gets a real follow-up letter draft kept on it, once
    however often the job runs; the officer finds it on the letter form, edits it and issues it
    with the next number of the outgoing register, which uses the draft up."""
    officer = make_user("officer", "70")
    settings, kinds = app.registry.app_settings, app.registry.letter_kinds
    path = _sent(site, app, "ถนนชำรุดหน้าโรงเรียน", TODAY - datetime.timedelta(days=1), officer)
    assert run_daily(db, settings, kinds, TODAY) == 1
    with site() as s:
        prepared = find_resource(s, path).drafts["follow-up"].prepared_at
        s.deadline_watch.checked_through = None                     # as if it ran again afresh
    assert run_daily(db, settings, kinds, TODAY) == 1
    with site() as s:
        complaint = find_resource(s, path)
        assert list(complaint.drafts) == ["follow-up"]
        draft = complaint.drafts["follow-up"]
        assert draft.prepared_at == prepared                         # the same one, kept
        assert (draft.kind, draft.center_code) == ("follow-up", "70")
        assert draft.fields["addressee"] == s.centers["7001"].title
        assert "ถนนชำรุดหน้าโรงเรียน" in draft.fields["body"]
        assert complaint.issued_letters() == []                     # nothing issued by the job
        note = s.notifications.inboxes[officer].newest()[0]["text"]
        assert "ระบบเตรียมร่างหนังสือติดตามไว้" in note
    client = user_app(app, lambda *_: officer, "officer", "70")
    page = client.get(path + "/").click(href="@@issue-letter", linkid=None, index=None,
                                          description="ตรวจร่างหนังสือติดตาม")
    assert "ร่างนี้ระบบเตรียมไว้เมื่อ" in page.text
    form = page.forms["letter"]
    assert form["addressee"].value == draft.fields["addressee"]
    form["body"] = form["body"].value + "\n\nหากดำเนินการแล้ว ขอให้แจ้งผลโดยด่วน"
    form["signer_name"] = "นายทดสอบ ลงนาม"
    letter = form.submit("issue", status=303).follow()
    assert "ขอให้แจ้งผลโดยด่วน" in letter.text
    with site() as s:
        complaint = find_resource(s, path)
        (issued,) = complaint.issued_letters()
        assert (issued.kind, issued.center_code, issued.number) == ("follow-up", "70", 1)
        assert not complaint.drafts                                  # used up
    fresh = client.get(path + "/@@issue-letter", {"kind": "follow-up"})
    assert "ร่างนี้ระบบเตรียมไว้เมื่อ" not in fresh.text
    assert client.get(path + "/").html.find(id="stored-draft") is None


def test_a_case_with_its_own_team_gets_the_note_but_no_letter(app, site, make_user, db):
    officer = make_user("officer", "7001")
    with site() as s:
        path = new_complaint(s, "7001", "ไฟฟ้าส่องสว่างดับ")
        complaint = find_resource(s, path)
        assign_team(app.registry.workflow, s, complaint, Actor.staff(officer, "officer", "7001"),
                    "700101", days=1)
        complaint.change("system", "ทดสอบ", responsible=officer)
    later = TODAY + datetime.timedelta(days=30)
    assert run_daily(db, app.registry.app_settings, app.registry.letter_kinds, later) == 1
    with site() as s:
        assert find_resource(s, path).drafts is None
        assert "ร่างหนังสือ" not in s.notifications.inboxes[officer].newest()[0]["text"]
