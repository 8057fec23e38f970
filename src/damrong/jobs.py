"""The outbox of background work, stored in ZODB and committed with the change that caused it.

A job is only visible to the worker once the transaction that queued it commits, so slow work
(rendering pages now, OCR and indexing later) never runs for a change that was rolled back.
The worker leases a job before running it: a worker that dies mid-job leaves a lease that
expires, and the job runs again; a job that keeps failing is parked in ``failed`` with its
error instead of blocking the queue.

Work someone is waiting for (a scan uploaded at the counter, a page being corrected) runs before
background work (the demo's scans, back-capture): a counter scan once waited 14 minutes behind
the demo's 53. A background job's id carries ``BACKGROUND``, so in the id-ordered queue every
waited-for job comes first and each kind keeps its own first-in, first-out order.
"""

import datetime
import itertools
import random
import time

from BTrees.Length import Length
from BTrees.LOBTree import LOBTree
from persistent import Persistent

from .i18n import _, thai_text

LEASE = datetime.timedelta(minutes=10)
MAX_ATTEMPTS = 3
#: The error of a job parked because its worker stopped in the middle of every attempt.
ABANDONED = thai_text(_("ระบบหยุดทำงานกลางคันระหว่างอ่านไฟล์นี้ทุกครั้งที่ลอง "
                        "จึงพักไว้ไม่อ่านซ้ำ ไฟล์ต้นฉบับยังเก็บไว้ครบ"))
#: How many finished jobs are kept for the record (who ran what, when, in how many attempts).
FINISHED_KEPT = 10_000
#: The bit of a background job's id: above any time-ordered id (microseconds << 8 stay below
#: 2**62 until the year 2255), below the sign of the LOBTree's 64-bit keys.
BACKGROUND = 1 << 62
#: How far ``place`` counts: beyond this many jobs ahead, the page says "more than".
PLACE_LIMIT = 10_000
#: Finished jobs an estimate averages the run time of (the most recent ones).
ESTIMATE_FROM = 20


def is_background(job_id):
    """Whether the job of ``job_id`` was put as background work (the jobs it queues are too)."""
    return bool(job_id & BACKGROUND)


class Job(Persistent):
    """One unit of work: ``kind`` names the handler, ``path`` the object it works on."""

    started_at = None  # (jobs finished before this was recorded have none)

    def __init__(self, kind, path):
        self.kind = kind
        self.path = tuple(path)
        self.created_at = datetime.datetime.now(datetime.timezone.utc)
        self.attempts = 0
        self.leased_until = None
        self.leased_by = None
        self.finished_at = None
        self.error = ""


class JobQueue(Persistent):
    """Pending and failed jobs, keyed by a time-ordered id so the oldest runs first."""

    def __init__(self):
        self.pending = LOBTree()
        self.failed = LOBTree()
        self.finished = LOBTree()
        self.finished_count = Length()

    def put(self, kind, path, not_before=None, background=False):
        """Queue a job; one put ``not_before`` a time is leased to nobody until then (a job
        waiting for another to finish, without spinning through the queue meanwhile).
        ``background``: nobody is waiting for it, so every other job goes first."""
        job_id = (time.time_ns() // 1000) << 8 | random.getrandbits(8)
        if background:
            job_id |= BACKGROUND
        while job_id in self.pending:
            job_id += 1
        job = self.pending[job_id] = Job(kind, path)
        job.leased_until = not_before
        return job_id

    def lease_next(self, now, worker):
        """Lease the oldest job nobody holds to ``worker``; returns ``(job_id, job)`` or ``None``.

        Two workers leasing the same job write the same object, so one of them gets a
        ConflictError at commit and leases another: a job is never run twice at once.
        """
        for job_id, job in self.pending.items():
            if job.leased_until is None or job.leased_until < now:
                job.leased_until = now + LEASE
                job.leased_by = worker
                job.attempts += 1
                job.started_at = now
                return job_id, job
        return None

    def place(self, path, now, limit=PLACE_LIMIT):
        """Where the waiting job on ``path`` stands: ``(jobs ahead of it, seconds until it is
        done or None)``, or ``None`` if no job on it waits (it runs, or it is done). Only the
        first ``limit`` jobs are walked: past them, ``(limit, None)``."""
        path = tuple(path)
        ahead = -1
        for ahead, job in enumerate(itertools.islice(self.pending.values(), limit)):
            if job.path == path:
                if job.leased_until is not None and job.leased_until >= now:
                    return None  # running now (or waiting to be retried)
                seconds = self.seconds_per_job()
                return ahead, None if seconds is None else seconds * (ahead + 1)
        return (limit, None) if ahead == limit - 1 else None

    def seconds_per_job(self):
        """The mean run time of the most recently finished jobs, or ``None`` before any."""
        recent = []
        for job in self._recently_finished():
            if job.started_at is not None and job.finished_at is not None:
                recent.append((job.finished_at - job.started_at).total_seconds())
            if len(recent) == ESTIMATE_FROM:
                break
        return sum(recent) / len(recent) if recent else None

    def _recently_finished(self):
        """Finished jobs, newest first (their ids lose ``BACKGROUND``, so ids are times)."""
        if not self.finished:
            return
        key = self.finished.maxKey()
        while True:
            yield self.finished[key]
            try:
                key = self.finished.maxKey(key - 1)
            except ValueError:
                return

    def park_abandoned(self, now):
        """Park the jobs whose worker died during each of their ``MAX_ATTEMPTS`` leases.

        A job that kills its worker (out of memory, a crash in a C library) never reaches
        ``give_up_or_retry``; without this it would be leased, and kill a worker, forever.
        Returns the parked ``(job_id, job)`` pairs so the caller can tell what they were for.
        """
        abandoned = [(job_id, job) for job_id, job in self.pending.items()
                     if job.attempts >= MAX_ATTEMPTS and job.leased_until is not None
                     and job.leased_until < now]
        for job_id, job in abandoned:
            job.error = ABANDONED
            job.leased_until = None
            del self.pending[job_id]
            self.failed[job_id] = job
        return abandoned

    def repoint(self, old_path, new_path):
        """Make pending jobs on an object follow it when it moves (an unfiled scan's document
        attached to a complaint); a running job that wrote to it meanwhile conflicts and reruns."""
        for job in self._jobs_on(old_path):
            job.path = tuple(new_path)

    def cancel(self, path):
        """Drop pending jobs on an object that is gone (a duplicate document let go)."""
        for job_id in [job_id for job_id, job in self.pending.items() if job.path == tuple(path)]:
            del self.pending[job_id]

    def has_pending(self, path, kind):
        return any(job.kind == kind for job in self._jobs_on(path))

    def _jobs_on(self, path):
        """Walks the pending jobs: few at any time, since the worker drains them in seconds."""
        path = tuple(path)
        return [job for job in self.pending.values() if job.path == path]

    def renew(self, job_id, worker, now):
        """Extend ``worker``'s lease; ``False`` if the job is no longer leased to it."""
        job = self.pending.get(job_id)
        if job is None or job.leased_by != worker:
            return False
        job.leased_until = now + LEASE
        return True

    def release(self, job_id):
        """Free a job whose run was interrupted through no fault of its own (a write conflict)."""
        job = self.pending.get(job_id)
        if job is not None:
            job.leased_until = None
            job.attempts = max(job.attempts - 1, 0)

    def done(self, job_id, now):
        """Move a finished job to the record of finished work, keeping the newest ones."""
        job = self.pending.pop(job_id, None)
        if job is None:
            return
        job.finished_at = now
        self.finished[job_id & ~BACKGROUND] = job
        self.finished_count.change(1)
        while self.finished_count() > FINISHED_KEPT:
            del self.finished[self.finished.minKey()]
            self.finished_count.change(-1)

    def give_up_or_retry(self, job_id, error):
        """After a failure: park the job if it failed too often, else free it for a retry."""
        job = self.pending.get(job_id)
        if job is None:
            return
        job.error = error
        job.leased_until = None
        if job.attempts >= MAX_ATTEMPTS:
            del self.pending[job_id]
            self.failed[job_id] = job
