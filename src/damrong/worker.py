"""The background worker: drains the job outbox in ZODB after the commits that filled it.

``make run`` starts it as a thread of the web process (a FileStorage opens in one process only);
``damrong -c INI worker`` runs the same loop as its own process, several of them side by side on
ZEO: each job is leased to one worker at a time, and a worker that dies leaves a lease that
expires, so the job runs again elsewhere.
"""

import datetime
import logging
import os
import socket
import threading
import time

import transaction
from pyramid.threadlocal import manager as threadlocal_manager
from pyramid.traversal import find_resource
from ZODB.POSException import ConflictError

from .i18n import MessageError, _, thai_text
from .deadlines import run_daily
from .jobs import is_background
from .reading import read_document
from .reports.freeze import freeze_due
from .resources.document import ScannedDocument
from .resources.site import get_site
from .scans.hotfolder import HotFolder
from .scans.ingest import fill_subject_from_ocr
from .scans.searchable_pdf import rebuild_searchable_pdf

log = logging.getLogger(__name__)

#: Seconds between two sweeps of abandoned uploads (a form with scans that was never submitted
#: again leaves its checked files in var/uploads; they are kept a day, see uploads.py).
SWEEP_UPLOADS_EVERY = 3600

#: Job kinds and the functions that do them: ``handler(context, run)``.
HANDLERS = {
    "read-document": read_document,
    "searchable-pdf": rebuild_searchable_pdf,
    "fill-from-ocr": fill_subject_from_ocr,
}


class LeaseLost(Exception):
    """Our lease ran out and another worker took the job over: stop without saving."""


class JobRun:
    """A running job as its handler sees it.

    ``checkpoint()`` commits the work done so far and renews the lease, so a long job (the OCR
    of a 500-page PDF) shows its progress, loses at most one step in a crash, and is not taken
    over by another worker while this one is still at it.
    """

    def __init__(self, tm, connection, job_id, worker):
        self.tm = tm
        self.connection = connection
        self.job_id = job_id
        self.worker = worker
        #: Jobs this one queues (the next turn, the searchable PDF) wait as it waited.
        self.background = is_background(job_id)

    def checkpoint(self):
        if not get_site(self.connection).jobs.renew(self.job_id, self.worker, _now()):
            raise LeaseLost(self.job_id)
        self.tm.commit()
        self.tm.begin()


def _now():
    return datetime.datetime.now(datetime.timezone.utc)


def worker_name():
    """Names the worker in a lease: host, process and thread, unique on one machine."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def run_one(db):
    """Lease and run the oldest free job; returns False when there was none.

    The app's registry must be current (``WorkerThread`` and the command line make it so):
    jobs fire events, and the listing and search outbox follow them through its subscribers.
    The connection is closed on every way out: an idle poll that returned without closing it
    left one open connection a second behind (issue 13).
    """
    tm = transaction.TransactionManager()
    connection = db.open(transaction_manager=tm)
    try:
        return _lease_and_run(tm, connection, worker_name())
    finally:  # also on KeyboardInterrupt or SystemExit: nothing half-done is committed
        tm.abort()
        connection.close()


def _lease_and_run(tm, connection, worker):
    try:
        tm.begin()
        site = get_site(connection)
        parked = site.jobs.park_abandoned(_now())
        for _job_id, abandoned in parked:
            log.warning("job %s %s parked: its worker died in each attempt",
                        abandoned.kind, "/".join(abandoned.path))
            _mark_document_failed(site, abandoned.path, abandoned.error)
        leased = site.jobs.lease_next(_now(), worker)
        if leased is None:
            if parked:
                tm.commit()
            return False
        job_id, job = leased
        kind, path = job.kind, job.path
        tm.commit()
    except ConflictError:  # another worker leased the same job first: try the next one
        return True
    try:
        tm.begin()
        site = get_site(connection)
        HANDLERS[kind](find_resource(site, path), JobRun(tm, connection, job_id, worker))
        get_site(connection).jobs.done(job_id, _now())
        tm.commit()
        log.info("job %s %s done", kind, "/".join(path))
    except LeaseLost:
        tm.abort()
        log.info("job %s %s was taken over by another worker", kind, "/".join(path))
    except ConflictError:
        tm.abort()
        log.info("job %s %s met a write conflict; it will run again", kind, "/".join(path))
        _release(tm, connection, job_id)
    except Exception as error:  # a bad file must not stop the queue: record and go on
        tm.abort()
        log.warning("job %s %s (reference %s) failed: %s", kind, "/".join(path), job_id, error,
                    exc_info=True)
        _record_failure(tm, connection, job_id, path, error)
    return True


def _release(tm, connection, job_id):
    try:
        tm.begin()
        get_site(connection).jobs.release(job_id)
        tm.commit()
    except ConflictError:  # then the lease simply runs out
        tm.abort()


def _record_failure(tm, connection, job_id, path, error):
    tm.begin()
    site = get_site(connection)
    message = failure_reason(error, job_id)
    site.jobs.give_up_or_retry(job_id, message)
    if job_id in site.jobs.failed:
        _mark_document_failed(site, path, message)
    tm.commit()


def failure_reason(error, job_id):
    """What a clerk reads beside a document whose job failed: our own Thai message when the
    code raised one, else a Thai sentence with a reference to the log entry. The exception
    itself stays in the log: its text may name server paths (the blob file) or other details
    that are nobody's business on a page."""
    if isinstance(error, MessageError):
        return thai_text(error.message)
    return thai_text(_("อ่านไฟล์ไม่สำเร็จ ไฟล์ต้นฉบับยังเก็บไว้ครบ กรุณาแจ้งผู้ดูแลระบบ "
                       "(รหัสอ้างอิง ${reference})", mapping={"reference": str(job_id)}))


def _mark_document_failed(site, path, message):
    """Show on the document itself that its job was given up (when the job was about one)."""
    try:
        document = find_resource(site, path)
    except KeyError:
        return
    if isinstance(document, ScannedDocument):
        document.state = "failed"
        document.error = message


def drain(db, stop=None, indexer=None):
    """Run jobs until none is left (or ``stop`` is set); returns how many were taken.

    With an ``indexer``, the complaints each job changed are indexed right after it, so a
    document read a minute ago is searchable while a long queue is still being worked through.
    """
    count = 0
    if indexer is not None:
        indexer.drain(db)
    while not (stop and stop.is_set()) and run_one(db):
        count += 1
        if indexer is not None:
            indexer.drain(db)
    return count


def until_idle(db, hot_folder=None, indexer=None):
    """Take the hot folder's items, run jobs and index changed complaints until the inbox is
    empty and nothing is left to do; returns ``(items taken, jobs run)``. Waits for items that
    are still settling."""
    taken = ran = 0
    while True:
        new_items = hot_folder.poll(db) if hot_folder else 0
        new_jobs = drain(db, indexer=indexer)
        taken, ran = taken + new_items, ran + new_jobs
        if new_items or new_jobs:
            continue
        if not (hot_folder and hot_folder.waiting()):
            return taken, ran
        time.sleep(min(hot_folder.settle_seconds, 1.0) or 0.05)


class WorkerThread(threading.Thread):
    """Polls the queue every ``interval`` seconds until ``stop()``, freezes last month's figures
    once a new month has begun (reports/freeze.py), runs the daily deadline job (deadlines.py)
    once a day, and sweeps abandoned uploads every ``SWEEP_UPLOADS_EVERY`` seconds.

    The app's registry is made current in the thread, so events fired by jobs reach the same
    subscribers as in a web request.
    """

    def __init__(self, db, registry, interval=1.0):
        super().__init__(name="damrong-worker", daemon=True)
        self.db = db
        self.registry = registry
        self.interval = interval
        self._stop_event = threading.Event()

    def run(self):
        threadlocal_manager.push({"registry": self.registry, "request": None})
        hot_folder = HotFolder.from_registry(self.registry)
        swept = None
        while not self._stop_event.is_set():
            try:
                if swept is None or time.monotonic() - swept >= SWEEP_UPLOADS_EVERY:
                    self.registry.uploads.sweep()
                    swept = time.monotonic()
                if hot_folder is not None:
                    hot_folder.poll(self.db)
                freeze_due(self.db)
                run_daily(self.db, self.registry.app_settings, self.registry.letter_kinds)
                drain(self.db, self._stop_event, self.registry.indexer)
            except Exception:
                log.exception("worker loop error")
            self._stop_event.wait(self.interval)

    def stop(self):
        self._stop_event.set()
