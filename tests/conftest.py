"""Shared fixtures: a real FileStorage with blobs per test, copied from one built per session."""

import atexit
import os
import shutil
import tempfile

# Every test builds its own app, and each app compiled every page it rendered afresh: that was
# half the suite's CPU time. Chameleon's own disk cache (keyed by the template's source) keeps
# the compiled templates for the session; it is read when chameleon is first imported, below.
# (pytest-xdist's workers inherit the directory; Chameleon writes each entry atomically.)
if "CHAMELEON_CACHE" not in os.environ:
    os.environ["CHAMELEON_CACHE"] = tempfile.mkdtemp(prefix="damrong-templates-")
    atexit.register(shutil.rmtree, os.environ["CHAMELEON_CACHE"], ignore_errors=True)

import random  # noqa: E402 - this and the imports below come after it: they load chameleon

import pytest
import webtest
from pyramid.threadlocal import manager as threadlocal_manager

import damrong
from damrong.accounts import add_user
from damrong.thai import national_id
from damrong.worker import until_idle
from helpers import PASSWORD, Site, login, make_settings, write_ini


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


@pytest.fixture
def clerk(testapp, make_user):
    """A logged-in clerk at ศูนย์ดำรงธรรมอำเภอเมืองราชบุรี (7001)."""
    login_id = make_user("clerk", "7001")
    login(testapp, login_id).follow()
    return login_id




@pytest.fixture
def indexed(app, db):
    """Runs the worker (jobs and the search outbox) until nothing is left, as the worker
    thread does: ``db`` has the app's registry current, so the jobs' events reach the
    subscribers."""
    return lambda: until_idle(db, None, app.registry.indexer)
