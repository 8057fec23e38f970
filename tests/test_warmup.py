"""Templates are compiled before the first request when the setting asks for it."""

import concurrent.futures

import deform
import pytest
import webtest
from pyramid.renderers import get_renderer

import damrong
from damrong.warmup import _template_names
from helpers import make_settings


def _cooked(registry, name):
    return get_renderer(f"damrong:templates/{name}", registry=registry).implementation()._cooked


@pytest.mark.slow
def test_start_up_compiles_every_template_then_concurrent_first_requests_succeed(var_dir):
    settings = dict(make_settings(var_dir), **{"damrong.warm_templates": "true"})
    app = damrong.main({}, **settings)
    try:
        names = _template_names("damrong", "templates")
        assert "listing.pt" in names and "layout.pt" in names
        assert all(_cooked(app.registry, name) for name in names)
        assert deform.Form.default_renderer.load("textinput")._cooked
        client = webtest.TestApp(app)
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(lambda _: client.get("/@@login").status_int, range(16)))
        assert statuses == [200] * 16
    finally:
        app.registry._zodb_databases[""].close()


def test_templates_are_left_to_first_use_when_warming_is_off(app):
    assert not _cooked(app.registry, "users_reset.pt")
