"""Fixtures of the scan intake tests: an app whose hot folder files for 7001, and the folder.
(Their plain helpers, such as ``drop``, are in helpers.py.)"""

import os

import pytest

import damrong
from damrong.scans.hotfolder import HotFolder
from helpers import make_settings


def hot_settings(var_dir, settle="0"):
    settings = make_settings(var_dir)
    scans = os.path.join(str(var_dir), "scans")
    settings.update({
        "damrong.scans.inbox": os.path.join(scans, "inbox"),
        "damrong.scans.center": "7001",
        "damrong.scans.settle_seconds": settle,
    })
    return settings


@pytest.fixture
def app(var_dir):
    """The conftest app, with a hot folder filing for 7001 that takes files at once."""
    wsgi = damrong.main({}, **hot_settings(var_dir))
    yield wsgi
    wsgi.registry._zodb_databases[""].close()


@pytest.fixture
def hot(app):
    return HotFolder.from_registry(app.registry)


