"""Several worker processes on one ZEO database never do the same job twice."""

import contextlib
import gc
import io
import os
import random
import shutil
import socket
import subprocess
import sys
import textwrap
import time

import pytest
import transaction
import webtest
from pyramid.threadlocal import manager

import damrong
import scanfiles
from damrong.accounts import add_user
from damrong.resources.site import get_site
from damrong.thai import national_id
from damrong.worker import HANDLERS, WorkerThread, drain
from helpers import PASSWORD, login, make_settings, register_with, scanned_page, write_ini

DAMRONG = os.path.join(os.path.dirname(sys.executable), "damrong")


@pytest.fixture
def zeo(tmp_path, template_var):
    """A ZEO server over a copy of the template database, on a Unix socket."""
    var = tmp_path / "zeo-var"
    shutil.copytree(template_var, var)
    conf = tmp_path / "zeo.conf"
    conf.write_text(textwrap.dedent(f"""\
        <zeo>
          address {var}/zeo.sock
        </zeo>
        <blobstorage>
          blob-dir {var}/blobs
          <filestorage>
            path {var}/Data.fs
          </filestorage>
        </blobstorage>
        """))
    server = subprocess.Popen([os.path.join(os.path.dirname(sys.executable), "runzeo"),
                               "-C", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _wait_for_socket(var / "zeo.sock", server)
    yield var
    server.terminate()
    server.wait(10)


def _wait_for_socket(path, server, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            with socket.socket(socket.AF_UNIX) as probe:
                if probe.connect_ex(str(path)) == 0:
                    return
        if server.poll() is not None:
            raise RuntimeError(server.stderr.read().decode())
        time.sleep(0.1)
    raise TimeoutError("ZEO did not start")


def zeo_settings(var):
    settings = make_settings(var)
    settings["zodbconn.uri"] = (f"zeo://{var}/zeo.sock?blob_dir={var}/blobs&shared_blob_dir=true")
    return settings


@contextlib.contextmanager
def opened_app(settings):
    """The app on ZEO, and its site opened outside a request (committed on the way out)."""
    app = damrong.main({}, **settings)
    db = app.registry._zodb_databases[""]
    manager.push({"registry": app.registry, "request": None})
    connection = db.open()
    try:
        yield app, get_site(connection)
        transaction.commit()
    finally:
        transaction.abort()
        connection.close()
        manager.pop()
        db.close()


@pytest.mark.slow
def test_two_worker_processes_share_the_queue_and_run_each_job_once(zeo, tmp_path):
    settings = zeo_settings(zeo)
    login_id = national_id.generate(random.Random(8))
    with opened_app(settings) as (app, site):
        user, _ = add_user(site, login_id, "เสมียน ทดสอบ", "clerk", "7001", password=PASSWORD)
        user.must_change_password = False
        transaction.commit()
        clerk = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
        login(clerk, login_id).follow()
        for seed in range(6):
            register_with(clerk, f"p{seed}.jpg", scanned_page(seed=seed), "image/jpeg")

    ini = tmp_path / "worker.ini"
    write_ini(ini, settings)
    workers = [subprocess.Popen([DAMRONG, "-c", str(ini), "worker", "--until-idle"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(2)]
    for worker in workers:
        _, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err

    with opened_app(settings) as (app, site):
        documents = [d for c in site.centers["7001"].complaints.values() for d in c.documents()]
        assert len(documents) == 6
        assert all(d.state == "ready" and d.pages[1].text for d in documents)
        finished = list(site.jobs.finished.values())
        assert len(finished) == 12 and not site.jobs.pending  # read, then searchable PDF
        assert all(job.attempts == 1 for job in finished)
        processes = {job.leased_by.split(":")[1] for job in finished}
        assert len(processes) == 2, "both workers took jobs"


def test_the_worker_sweeps_uploads_abandoned_for_a_day(app, db):
    """A form with scans that was never submitted again leaves checked files behind."""
    store = app.registry.uploads
    abandoned = store.add(io.BytesIO(scanfiles.png()), "old.png")
    recent = store.add(io.BytesIO(scanfiles.jpeg()), "new.jpg")
    two_days_ago = time.time() - 2 * 24 * 3600
    for path in (abandoned.path, abandoned.path[:-len(".bin")] + ".json"):
        os.utime(path, (two_days_ago, two_days_ago))
    worker = WorkerThread(db, app.registry, interval=0.05)
    worker.start()
    try:
        deadline = time.monotonic() + 30
        while store.get(abandoned.uid) is not None and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        worker.stop()
        worker.join(30)
    assert store.get(abandoned.uid) is None and not os.path.exists(abandoned.path)
    assert store.get(recent.uid) == recent


def _open_connections(db):
    """Connections of ``db`` opened and not closed (the pool's ``all`` minus its ``available``)."""
    return len(db.pool.all) - len(db.pool.available)


def test_the_worker_closes_its_connections_when_idle_and_after_jobs(app, db, site, monkeypatch):
    """Issue 13 item 3: an idle poll left its connection open (``DB.open() has 27 open
    connections``). The garbage collector is held off so a leak cannot hide behind it."""
    ran = []
    monkeypatch.setitem(HANDLERS, "noop", lambda context, run: ran.append(context))
    gc.disable()
    try:
        for _cycle in range(50):
            drain(db, indexer=app.registry.indexer)
        assert _open_connections(db) == 0
        for _job in range(20):
            with site() as s:
                s.jobs.put("noop", ())
            drain(db, indexer=app.registry.indexer)
        assert len(ran) == 20
        assert _open_connections(db) == 0
    finally:
        gc.enable()


def test_a_failed_document_shows_a_reason_without_server_paths(app, db, monkeypatch, testapp,
                                                                make_user, site, caplog):
    """Issue 14.13: the error beside a document named the server's blob file."""
    from damrong import worker
    from damrong.complaints import attach_document
    from damrong.uploads import Upload
    from helpers import complaint_at, url_of, user_app

    secret_path = "/srv/damrong/var/blobs/0x00/0x2a/0x03deadbeef.blob"

    def broken(document, run):
        raise OSError(2, "No such file or directory", secret_path)
    monkeypatch.setitem(worker.HANDLERS, "read-document", broken)
    source = app.registry.uploads.directory + "/petition.bin"
    with open(source, "wb") as data:
        data.write(b"%PDF-1.4 synthetic")
    with site() as s:
        complaint = complaint_at(s)
        attach_document(complaint, Upload("", "petition.pdf", "application/pdf", 18, "cd" * 32, 1,
                                          source), "system")
        url = url_of(complaint)
    while worker.run_one(db):
        pass
    clerk = user_app(app, make_user, "clerk", "7001")
    for page in (clerk.get(url), clerk.get(url + "d1/"), clerk.get(url + "d1/status.json")):
        assert "ประมวลผลไม่สำเร็จ" in page.text or "failed" in page.text
        assert secret_path not in page.text and "/srv/" not in page.text and "blobs" not in page.text
    assert "รหัสอ้างอิง" in clerk.get(url).text
    assert secret_path in caplog.text  # the detail is kept in the log
