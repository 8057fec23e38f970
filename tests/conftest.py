"""Shared fixtures: a real FileStorage with blobs per test, copied from one built per session."""

import os
import random
import shutil
import threading

import pytest
import transaction
import webtest
from pyramid.threadlocal import manager as threadlocal_manager

import damrong
from damrong.accounts import add_user
from damrong.resources.site import get_site
from damrong.thai import national_id

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "correct-horse-battery"


def make_settings(var_dir, worker="none"):
    return {
        "zodbconn.uri": (f"file://{var_dir}/Data.fs?blobstorage_dir={var_dir}/blobs"
                         "&connection_cache_size=100000"),
        "retry.attempts": "10",
        "tm.manager_hook": "pyramid_tm.explicit_manager",
        "damrong.var_dir": str(var_dir),
        "damrong.config_dir": os.path.join(ROOT, "config"),
        "damrong.scans_dir": os.path.join(str(var_dir), "scans"),
        "damrong.development": "true",
        "damrong.worker": worker,
        "damrong.upload_limit_mb": "5",
        "damrong.max_image_pixels": "40000000",
        # Compiling every template takes seconds per app; tests compile only what they render.
        "damrong.warm_templates": "false",
    }


def write_ini(path, settings):
    """An .ini file for the command line with the tests' settings."""
    lines = ["[app:main]", "use = egg:damrong"]
    lines += [f"{key} = {value}" for key, value in settings.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def ini(var_dir, tmp_path):
    return write_ini(tmp_path / "test.ini", make_settings(var_dir))


@pytest.fixture(scope="session")
def template_var(tmp_path_factory):
    """A database with the full center tree, built once (1,006 centers take about a second)."""
    var_dir = tmp_path_factory.mktemp("template-var")
    app = damrong.main({}, **make_settings(var_dir))
    app.registry._zodb_databases[""].close()
    return var_dir


@pytest.fixture
def var_dir(template_var, tmp_path):
    target = tmp_path / "var"
    shutil.copytree(template_var, target)
    return target


@pytest.fixture
def app(var_dir):
    wsgi = damrong.main({}, **make_settings(var_dir))
    yield wsgi
    wsgi.registry._zodb_databases[""].close()


@pytest.fixture
def db(app):
    """The app's database, with the app's registry current as in its worker: jobs send events,
    and an event sent with no registry current raises."""
    threadlocal_manager.push({"registry": app.registry, "request": None})
    yield app.registry._zodb_databases[""]
    threadlocal_manager.pop()


class Site:
    """Opens the site outside a request (as the CLI does) to arrange and check data."""

    def __init__(self, app):
        self.app = app
        self.db = app.registry._zodb_databases[""]

    def __enter__(self):
        threadlocal_manager.push({"registry": self.app.registry, "request": None})
        self.tm = transaction.TransactionManager()
        self.connection = self.db.open(transaction_manager=self.tm)
        return get_site(self.connection)

    def __exit__(self, *exc):
        if exc[0] is None:
            self.tm.commit()
        else:
            self.tm.abort()
        self.connection.close()
        threadlocal_manager.pop()


@pytest.fixture
def site(app):
    return lambda: Site(app)


@pytest.fixture
def rng():
    return random.Random(1567)


@pytest.fixture
def make_user(site, rng):
    def make(role, center_code, must_change=False):
        login = national_id.generate(rng)
        with site() as s:
            user, _ = add_user(s, login, f"ทดสอบ {role}", role, center_code, password=PASSWORD)
            user.must_change_password = must_change
        return login
    return make


@pytest.fixture
def testapp(app):
    return webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})


def login(testapp, login_id, password=PASSWORD):
    page = testapp.get("/@@login")
    form = page.forms[0]
    form["login"] = login_id
    form["password"] = password
    return form.submit("submit", status="*")


@pytest.fixture
def clerk(testapp, make_user):
    """A logged-in clerk at ศูนย์ดำรงธรรมอำเภอเมืองราชบุรี (7001)."""
    login_id = make_user("clerk", "7001")
    login(testapp, login_id).follow()
    return login_id


def all_at_once(work, items):
    """Run ``work(item)`` for every item, each in a thread of its own, all let go at the same
    moment (as requests that meet on one counter); returns when every thread is done."""
    start = threading.Barrier(len(items), timeout=60)

    def run(item):
        start.wait()
        work(item)

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
