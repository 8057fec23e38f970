"""damrong: records system for Thailand's Damrongdhama Centers.

``main()`` reads like a table of contents: the parts are included first, then scanned.
"""

import atexit
import os

import transaction
from pyramid.config import Configurator
from pyramid.csrf import SessionCSRFStoragePolicy
from pyramid.session import SignedCookieSessionFactory
from pyramid.threadlocal import manager as threadlocal_manager
from pyramid_zodbconn import get_connection

from .evolve import bootstrap
from .indexing import Indexer
from .letters.kinds import LetterKinds
from .i18n import DEFAULT_LOCALE
from .ratelimits import PublicLimits
from .resources.site import get_site
from .search import open_index
from .security import LoginThrottle, SecurityPolicy
from .settings import AppSettings
from .taxonomy import Taxonomy
from .uploads import UploadStore
from .workdays import WorkingCalendar
from .warmup import warm_templates
from .workflow import Workflow
from .worker import WorkerThread


def root_factory(request):
    """The site object; it never writes (``damrong init`` creates the database)."""
    site = get_site(get_connection(request))
    if site is None:
        raise RuntimeError("the database is empty: run `damrong -c INI init` first")
    return site


def main(global_config, **settings):
    """The WSGI application."""
    app_settings = AppSettings.from_settings(settings)
    settings.setdefault("pyramid.default_locale_name", DEFAULT_LOCALE)  # Pyramid's would be en
    secret = app_settings.secret()
    with Configurator(settings=settings, root_factory=root_factory) as config:
        config.include("pyramid_chameleon")
        config.include("pyramid_tm")
        config.include("pyramid_retry")
        config.include("pyramid_zodbconn")
        config.set_session_factory(SignedCookieSessionFactory(
            secret + "-session", httponly=True, samesite="Lax",
            secure=app_settings.secure_cookies, timeout=8 * 3600))
        config.set_csrf_storage_policy(SessionCSRFStoragePolicy())
        config.set_default_csrf_options(require_csrf=True)
        config.set_security_policy(SecurityPolicy(
            secret, lambda request: root_factory(request).users, app_settings.secure_cookies))
        config.set_default_permission("view")
        configure_registry(config.registry, app_settings)
        config.include(".headers")
        config.include(".i18n")
        config.include(".forms")
        config.include(".views")
        config.scan()
        app = config.make_wsgi_app()
    if app_settings.warm_templates:
        warm_templates(config.registry)
    open_database(config.registry, app_settings)
    return app


def configure_registry(registry, app_settings):
    """The parts every view and command share, loaded once."""
    registry.app_settings = app_settings
    registry.taxonomy = Taxonomy.load(app_settings.config_dir)
    registry.workflow = Workflow.load(app_settings.config_dir)
    registry.letter_kinds = LetterKinds.load(app_settings.config_dir)
    registry.working_calendar = WorkingCalendar.load(app_settings.config_dir)
    registry.uploads = UploadStore(os.path.join(app_settings.var_dir, "uploads"),
                                   app_settings.upload_limits)
    registry.indexer = Indexer(
        open_index({**registry.settings, "damrong.var_dir": app_settings.var_dir}),
        os.path.join(app_settings.var_dir, "search.writer.lock"))
    registry.login_throttle = LoginThrottle(
        app_settings.login_attempts, app_settings.login_lockout_minutes)
    registry.public_limits = PublicLimits(app_settings)


def open_database(registry, app_settings):
    """Create or upgrade the database on first start, then start the worker thread."""
    db = registry._zodb_databases[""]
    threadlocal_manager.push({"registry": registry, "request": None})
    try:
        connection = db.open()
        try:
            bootstrap(connection)
        finally:
            transaction.abort()
            connection.close()
    finally:
        threadlocal_manager.pop()
    if app_settings.worker == "thread":
        worker = WorkerThread(db, registry)
        worker.start()
        registry.worker = worker
        atexit.register(worker.stop)
