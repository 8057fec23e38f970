"""One door for every change: a complaint's record and status change only through
``Complaint.change`` (and the workflow), which records the history and sends the event the
listing and the search outbox follow; an event with no application to hear it is an error."""

import datetime

import pytest
from pyramid.threadlocal import manager as threadlocal_manager
from pyramid.traversal import find_resource

from damrong.resources.complaint import RECORDED, UnrecordedChange
from damrong.resources.events import NoApplicationRegistry, ObjectModified, notify
from helpers import new_complaint


def test_the_record_cannot_be_assigned_around_the_door(site):
    with site() as s:
        complaint = find_resource(s, new_complaint(s, "7001", "ขอให้ซ่อมถนน"))
        for name in RECORDED:
            with pytest.raises(UnrecordedChange):
                setattr(complaint, name, getattr(complaint, name))
        complaint.listing_key = complaint.listing_key  # what is not the record is not guarded


def test_a_change_through_the_door_is_recorded_listed_and_marked_for_search(site):
    with site() as s:
        path = new_complaint(s, "7001", "ขอให้ซ่อมถนน")
        s.index_outbox.pending.clear()
    with site() as s:
        complaint = find_resource(s, path)
        received = datetime.datetime(2024, 1, 5, 3, tzinfo=datetime.timezone.utc)
        complaint.change("system", "แก้ไขข้อมูล", changes=[("เรื่อง", "ขอให้ซ่อมถนน", "ถนนชำรุด")],
                         complaint=dict(complaint.complaint, subject="ถนนชำรุด"),
                         received_at=received, status="screening")
    with site() as s:
        complaint = find_resource(s, path)
        assert complaint.subject == "ถนนชำรุด" and complaint.received_at == received
        assert list(complaint.history)[-1]["changes"] == (("เรื่อง", "ขอให้ซ่อมถนน", "ถนนชำรุด"),)
        assert s.listing.count("status", "screening") == 1
        assert s.listing.count("status", "received") == 0
        assert s.listing.query("7001", start=received,
                               end=received + datetime.timedelta(seconds=1)).complaints == [complaint]
        assert path in s.index_outbox.pending


def test_a_change_names_only_the_record(site):
    with site() as s:
        complaint = find_resource(s, new_complaint(s, "7001", "ขอให้ซ่อมถนน"))
        with pytest.raises(TypeError):
            complaint.change("system", "แก้ไขข้อมูล", tracking_code="XXXX-XXXX")


def test_an_event_with_no_application_registry_raises(app):
    event = ObjectModified(object())
    with pytest.raises(NoApplicationRegistry):
        notify(event)
    heard = []
    app.registry.registerHandler(heard.append, (ObjectModified,))
    threadlocal_manager.push({"registry": app.registry, "request": None})
    try:
        notify(event)
    finally:
        threadlocal_manager.pop()
    assert heard == [event]
