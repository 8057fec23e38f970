"""The ``damrong.*`` settings of an .ini file, parsed once into typed values."""

import os
import secrets
from dataclasses import dataclass

from pyramid.settings import asbool

from .uploads import Limits


@dataclass(frozen=True)
class AppSettings:
    var_dir: str
    config_dir: str
    scans_dir: str
    scans_inbox: str
    scans_done: str
    scans_failed: str
    scans_center: str
    scans_settle_seconds: float
    development: bool
    worker: str
    upload_limit_bytes: int
    max_image_pixels: int
    max_pages: int
    login_attempts: int
    login_lockout_minutes: int
    page_size: int
    secure_cookies: bool
    warm_templates: bool
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_from: str = "damrong@localhost"
    #: Per-address limits of the public side (``limits`` notation, ratelimits.py).
    public_lookups: str = "30/10minutes"
    public_filings: str = "10/hour"
    public_questions: str = "10/hour"

    @classmethod
    def from_settings(cls, settings):
        def get(name, default=None):
            return settings.get(f"damrong.{name}", default)

        var_dir = os.path.abspath(get("var_dir", "var"))
        development = asbool(get("development", False))
        scans_dir = os.path.abspath(get("scans_dir", "scans"))
        inbox = os.path.abspath(get("scans.inbox", os.path.join(scans_dir, "inbox")))
        beside_inbox = os.path.dirname(inbox)
        return cls(
            var_dir=var_dir,
            config_dir=os.path.abspath(get("config_dir", "config")),
            scans_dir=scans_dir,
            scans_inbox=inbox,
            scans_done=os.path.abspath(get("scans.done", os.path.join(beside_inbox, "done"))),
            scans_failed=os.path.abspath(get("scans.failed", os.path.join(beside_inbox, "failed"))),
            scans_center=get("scans.center", "").strip(),
            scans_settle_seconds=float(get("scans.settle_seconds", 5)),
            development=development,
            worker=get("worker", "thread"),
            upload_limit_bytes=int(float(get("upload_limit_mb", 50)) * (1 << 20)),
            max_image_pixels=int(get("max_image_pixels", 100_000_000)),
            max_pages=int(get("max_pages", 300)),
            login_attempts=int(get("login_attempts", 5)),
            login_lockout_minutes=int(get("login_lockout_minutes", 15)),
            page_size=int(get("page_size", 25)),
            # Cookies go over HTTPS only, except on a developer's http://localhost.
            secure_cookies=asbool(get("secure_cookies", not development)),
            warm_templates=asbool(get("warm_templates", True)),
            smtp_host=get("smtp_host", "").strip(),
            smtp_port=int(get("smtp_port", 25)),
            smtp_from=get("smtp_from", "damrong@localhost"),
            public_lookups=get("public.lookups", "30/10minutes"),
            public_filings=get("public.filings", "10/hour"),
            public_questions=get("public.questions", "10/hour"),
        )

    @property
    def upload_limits(self):
        """What one uploaded or dropped file may be (``uploads.Limits``)."""
        return Limits(self.upload_limit_bytes, self.max_image_pixels, self.max_pages)

    def secret(self):
        """The signing secret, made once per installation and kept in var/ (never in git)."""
        path = os.path.join(self.var_dir, "secret")
        if not os.path.exists(path):
            os.makedirs(self.var_dir, exist_ok=True)
            with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as f:
                f.write(secrets.token_hex(32))
        with open(path) as f:
            return f.read().strip()
