"""The outbox of background work, stored in ZODB and committed with the change that caused it.

A job is only visible to the worker once the transaction that queued it commits, so slow work
(rendering pages now, OCR and indexing later) never runs for a change that was rolled back.
The worker leases a job before running it: a worker that dies mid-job leaves a lease that
expires, and the job runs again; a job that keeps failing is parked in ``failed`` with its
error instead of blocking the queue.
"""

import datetime
import random
import time

from BTrees.LOBTree import LOBTree
from persistent import Persistent

LEASE = datetime.timedelta(minutes=10)
MAX_ATTEMPTS = 3


class Job(Persistent):
    """One unit of work: ``kind`` names the handler, ``path`` the object it works on."""

    def __init__(self, kind, path):
        self.kind = kind
        self.path = tuple(path)
        self.created_at = datetime.datetime.now(datetime.timezone.utc)
        self.attempts = 0
        self.leased_until = None
        self.error = ""


class JobQueue(Persistent):
    """Pending and failed jobs, keyed by a time-ordered id so the oldest runs first."""

    def __init__(self):
        self.pending = LOBTree()
        self.failed = LOBTree()

    def put(self, kind, path):
        job_id = (time.time_ns() // 1000) << 8 | random.getrandbits(8)
        while job_id in self.pending:
            job_id += 1
        self.pending[job_id] = Job(kind, path)
        return job_id

    def lease_next(self, now):
        """Lease the oldest job nobody holds; returns ``(job_id, job)`` or ``None``."""
        for job_id, job in self.pending.items():
            if job.leased_until is None or job.leased_until < now:
                job.leased_until = now + LEASE
                job.attempts += 1
                return job_id, job
        return None

    def repoint(self, old_path, new_path):
        """Make pending jobs on an object follow it when it moves (an unfiled scan's document
        attached to a complaint); a running job that wrote to it meanwhile conflicts and reruns."""
        for job in self._jobs_on(old_path):
            job.path = tuple(new_path)

    def cancel(self, path):
        """Drop pending jobs on an object that is gone (a duplicate document let go)."""
        for job_id in [job_id for job_id, job in self.pending.items() if job.path == tuple(path)]:
            del self.pending[job_id]

    def _jobs_on(self, path):
        """Walks the pending jobs: few at any time, since the worker drains them in seconds."""
        path = tuple(path)
        return [job for job in self.pending.values() if job.path == path]

    def done(self, job_id):
        self.pending.pop(job_id, None)

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
