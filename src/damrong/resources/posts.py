"""What the centers put on the citizens' site (news of field work, answered questions): written
by staff, shown to the public only once a supervisor publishes it.

Each kind lives in a site-wide BTree folder keyed by a name that sorts by the time it was made,
so the newest come first by walking the keys backwards, without sorting.
"""

import datetime
import secrets

from persistent import Persistent

from .folder import Folder


def _now():
    return datetime.datetime.now(datetime.timezone.utc)


class Post(Persistent):
    """Something of one center for the public site; ``published_at`` is ``None`` until a
    supervisor publishes it."""

    published_at = None
    published_by = ""

    def __init__(self, center_code, created_by):
        self.center_code = center_code
        self.created_by = created_by
        self.created_at = _now()

    @property
    def published(self):
        return self.published_at is not None

    def publish(self, who):
        self.published_at = _now()
        self.published_by = who

    def withdraw(self):
        self.published_at = None
        self.published_by = ""


class PostFolder(Folder):
    """Posts of every center, newest name last."""

    def add_post(self, post):
        name = f"{post.created_at:%Y%m%d%H%M%S%f}-{secrets.token_hex(2)}"
        self.add(name, post, send_events=False)
        return name

    def newest(self, keep=lambda post: True, limit=None):
        """Posts for which ``keep`` holds, newest first, at most ``limit``."""
        found = []
        for name in reversed(self.data.keys()):
            post = self.data[name]
            if keep(post):
                found.append(post)
                if limit is not None and len(found) >= limit:
                    break
        return found
