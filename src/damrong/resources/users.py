"""Staff accounts, keyed by 13-digit national ID, with an index by center for admin pages."""

import datetime
import secrets

from BTrees.OOBTree import OOBTree, OOTreeSet
from persistent import Persistent

from ..i18n import _
from .folder import Folder

#: Role labels are messages (templates translate them), not data stored with the user.
ROLES = {
    "clerk": _("เจ้าหน้าที่รับเรื่อง"),
    "officer": _("เจ้าหน้าที่ผู้รับผิดชอบ"),
    "supervisor": _("ผู้บังคับบัญชา"),
    "executive": _("ผู้บริหาร"),
    "admin": _("ผู้ดูแลระบบ"),
}


class User(Persistent):
    """One member of staff. Belongs to exactly one center and has one role there.

    ``session_key`` is what the login cookie carries instead of the person's ID (see
    ``Users.revoke``); ``account_log`` records who created the account, reset its password or
    deactivated it, and when a temporary password was used (``temporary_used_at``: it opens one
    session only, so an administrator who used it first is found out and named).
    """

    __parent__ = None
    __name__ = None
    session_key = None
    account_log = ()
    temporary_used_at = None

    #: Subdistrict codes of the tambon teams (ชปต.) the user is a member of (teams.py).
    teams = ()
    #: Where notifications are e-mailed when an SMTP server is configured (empty: in the app only).
    email = ""

    def __init__(self, national_id, full_name, role, center_code, password_hash, position=""):
        if role not in ROLES:
            raise ValueError(role)
        self.national_id = national_id
        self.full_name = full_name
        self.role = role
        self.center_code = center_code
        self.position = position
        self.password_hash = password_hash
        self.must_change_password = True
        self.active = True
        self.created_at = datetime.datetime.now(datetime.timezone.utc)

    @property
    def role_label(self):
        return ROLES[self.role]

    def log(self, who, what, note=""):
        self.account_log += ({"when": datetime.datetime.now(datetime.timezone.utc), "who": who,
                              "what": str(what), "note": note},)


class Users(Folder):
    """All accounts; ``by_center`` lets an admin list a center's staff without a full scan;
    ``by_session`` finds the account a login cookie's session key belongs to."""

    def __init__(self):
        super().__init__()
        self.by_center = OOBTree()
        self.by_session = OOBTree()

    def add_user(self, user):
        self.add(user.national_id, user, send_events=False)
        self.by_center.setdefault(user.center_code, OOTreeSet()).add(user.national_id)
        return user

    def of_centers(self, codes):
        for code in codes:
            for national_id in self.by_center.get(code, ()):
                yield self[national_id]

    def session_key(self, user):
        """The key a login cookie of ``user`` carries (made on first use)."""
        if user.session_key is None:
            self.revoke(user)
        return user.session_key

    def revoke(self, user):
        """End every session of ``user`` at once: their cookies carry a key that no longer
        leads anywhere (logout, password change, reset, deactivation)."""
        if user.session_key is not None:
            self.by_session.pop(user.session_key, None)
        user.session_key = secrets.token_urlsafe(24)
        self.by_session[user.session_key] = user.national_id

    def by_session_key(self, key):
        login = self.by_session.get(key) if isinstance(key, str) else None
        return self.get(login) if login is not None else None
