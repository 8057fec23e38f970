"""Per-address limits of what anyone may do without logging in: follow a case by its code, file
a complaint, ask a question.

Counted in memory by ``limits``' moving window (each web process counts its own, like the login
throttle in security.py); no third-party service sees the citizens' addresses. A limit is
written in ``limits``' notation (``30/10minutes``) in the settings (``damrong.public.*``).
"""

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter


class PublicLimits:
    """One moving window per action and address."""

    def __init__(self, app_settings):
        self.limits = {
            "lookup": parse(app_settings.public_lookups),
            "filing": parse(app_settings.public_filings),
            "question": parse(app_settings.public_questions),
        }
        self.storage = MemoryStorage()
        self.limiter = MovingWindowRateLimiter(self.storage)

    def hit(self, action, address):
        """Count one ``action`` from ``address``; ``False`` once its limit is reached."""
        return self.limiter.hit(self.limits[action], action, address or "-")

    def reset(self):
        self.storage.reset()


def allowed(request, action):
    """Count one ``action`` from the request's address against its limit."""
    return request.registry.public_limits.hit(action, request.client_addr)
