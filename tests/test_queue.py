"""The job queue's order: work someone waits for before background work; its place shown."""

import datetime

import scanfiles
from damrong.resources.site import get_site
from damrong.worker import HANDLERS, run_one
from helpers import register_with

NOW = datetime.datetime.now(datetime.timezone.utc)


def _finish(jobs, seconds):
    """Lease and finish the next job as if it ran ``seconds`` long."""
    job_id, _job = jobs.lease_next(NOW - datetime.timedelta(seconds=seconds), "earlier-worker")
    jobs.done(job_id, NOW)


def test_a_counter_scan_goes_before_background_work_and_shows_its_place(testapp, clerk, site):
    """Issue 13 item 2: a counter scan waited 14 minutes behind the demo's 53 with only
    "รอประมวลผล 0/1" shown."""
    with site() as s:
        for _ in range(2):  # two jobs already done, 90 seconds each: the estimate's basis
            s.jobs.put("noop", ("done",))
            _finish(s.jobs, 90)
        for number in range(53):  # the demo's scans, queued first
            s.jobs.put("read-document", ("demo", f"d{number}"), background=True)
        s.jobs.put("searchable-pdf", ("corrected", "d1"))  # someone corrected a page just before
    page = register_with(testapp, "petition.jpg", scanfiles.jpeg(), "image/jpeg")
    note = page.html.find("small", class_="queue").text
    assert note == "ลำดับที่ ๒ ในคิว · อ่านเสร็จในประมาณ ๓ นาที"
    status = testapp.get(page.request.path + "d1/status.json").json
    assert status["queue"] == note
    with site() as s:
        assert s.jobs.lease_next(NOW, "w")[1].path == ("corrected", "d1")
        _job_id, job = s.jobs.lease_next(NOW, "w")
        assert job.kind == "read-document" and job.path[:2] == ("", "moi") and job.path[-1] == "d1"
        assert s.jobs.lease_next(NOW, "w")[1].path == ("demo", "d0")  # then the demo's, in order
    # leased now: being read, so no place in the queue any more
    assert testapp.get(page.request.path).html.find("small", class_="queue").text == ""


def test_the_jobs_a_background_job_queues_stay_background(app, db, site, monkeypatch):
    """A background document's next turn and searchable PDF do not jump the counter's queue."""
    def queue_next_turn(context, run):
        get_site(run.connection).jobs.put("next-turn", (), background=run.background)

    for kind in ("counter", "next-turn"):
        monkeypatch.setitem(HANDLERS, kind, lambda context, run: None)
    monkeypatch.setitem(HANDLERS, "turn", queue_next_turn)
    with site() as s:
        s.jobs.put("turn", (), background=True)
        s.jobs.put("counter", ())
    assert run_one(db)  # the counter's job first
    with site() as s:
        assert [job.kind for job in s.jobs.pending.values()] == ["turn"]
    assert run_one(db)  # then the background one, which queues its next turn as background
    with site() as s:
        s.jobs.put("counter", ())
        assert [job.kind for job in s.jobs.pending.values()] == ["counter", "next-turn"]


def test_the_place_of_a_document_with_no_job_waiting_is_none(site):
    with site() as s:
        assert s.jobs.place(("", "nothing"), NOW) is None
        for number in range(5):
            s.jobs.put("read-document", ("", f"d{number}"))
        assert s.jobs.place(("", "d3"), NOW) == (3, None)  # nothing finished yet: no estimate
        assert s.jobs.place(("", "d4"), NOW, limit=2) == (2, None)  # "more than 2 ahead"
        assert s.jobs.place(("", "nothing"), NOW) is None
