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
    settings = app.registry.app_settings
    late = _sent(site, app, "เรื่องที่เกินกำหนด", TODAY - datetime.timedelta(days=1), officer)
    _sent(site, app, "เรื่องที่ยังไม่ถึงกำหนด", TODAY + datetime.timedelta(days=3), officer)
    assert run_daily(db, settings, TODAY) == 1
    assert run_daily(db, settings, TODAY) is None                  # once a day
    assert run_daily(db, settings, TODAY + datetime.timedelta(days=1)) == 0
    with site() as s:
        notes = s.notifications.inboxes[officer].newest()
        assert len(notes) == 1 and "เรื่องที่เกินกำหนด" in notes[0]["text"]
        assert notes[0]["path"] == late
    # four days later the other one is overdue too, and only it is noted
    assert run_daily(db, settings, TODAY + datetime.timedelta(days=5)) == 1
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
    assert run_daily(db, app.registry.app_settings, TODAY) == 1
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
        assert run_daily(db, settings, TODAY) == 1
    finally:
        controller.stop()
    assert [to for to, _ in sink.messages] == [["officer@example.test"]]
    assert run_daily(db, app.registry.app_settings, TODAY) is None    # off by default
