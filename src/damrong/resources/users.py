"""Staff accounts, keyed by 13-digit national ID, with an index by center for admin pages."""

import datetime

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
    """One member of staff. Belongs to exactly one center and has one role there."""

    __parent__ = None
    __name__ = None

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
        self.failed_logins = 0
        self.locked_until = None
        self.active = True
        self.created_at = datetime.datetime.now(datetime.timezone.utc)

    @property
    def role_label(self):
        return ROLES[self.role]


class Users(Folder):
    """All accounts; ``by_center`` lets an admin list a center's staff without a full scan."""

    def __init__(self):
        super().__init__()
        self.by_center = OOBTree()

    def add_user(self, user):
        self.add(user.national_id, user, send_events=False)
        self.by_center.setdefault(user.center_code, OOTreeSet()).add(user.national_id)
        return user

    def of_centers(self, codes):
        for code in codes:
            for national_id in self.by_center.get(code, ()):
                yield self[national_id]
