"""Roles, permissions and the security policy.

A user has one role at one center. Their principal is ``role:<role>@<center code>``; a center
grants the role's permissions to that principal of every center that sees it (visibility.py: it
and the centers above it), and its complaints inherit its ACL. So a district clerk's principal
only matches at their district (and its complaints), a province officer's at the province and
every district below it, and the ministry's everywhere.
A user who must still change the initial password gets no role principal at all, so the only
thing they can reach is the change-password page.
"""

import datetime
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pyramid.authentication import AuthTktCookieHelper
from pyramid.authorization import ACLHelper, Allow, Authenticated, Deny, Everyone

from .i18n import _
from .visibility import seen_from

#: The right to correct a closed complaint's record without reopening it; the history records
#: such a change as a correction (resources/complaint.py).
CORRECT_CLOSED = "correct-closed"

#: What each role may do at its center and the centers below it. ``write-letters`` is apart from
#: ``edit`` because letters are still written about a closed complaint (the result notice).
ROLE_PERMISSIONS = {
    "clerk": ("view", "register", "edit", "write-letters", "view-personal"),
    "officer": ("view", "register", "edit", "write-letters", "view-personal", "reports"),
    "supervisor": ("view", "edit", "write-letters", "approve", CORRECT_CLOSED, "view-personal",
                   "reports"),
    "executive": ("view", "reports"),
    "admin": ("view", "manage-users", "manage-center"),
}

#: What each role of a center a complaint was sent to for action holds on that complaint alone
#: (the case stays the sender's: no edit). ``report`` exists only here, so the sender can never
#: report to itself.
RECEIVER_PERMISSIONS = {
    "clerk": ("view", "view-personal"),
    "officer": ("view", "view-personal", "write-letters", "report"),
    "supervisor": ("view", "view-personal", "write-letters", "report"),
    "executive": ("view",),
}

#: What the members of a tambon team (ชปต.) hold on a case assigned to their team: seeing it and
#: recording visits (``visit`` exists only here, teams.py).
TEAM_PERMISSIONS = ("view", "visit")

#: Every permission some role has: what a view or a workflow transition may name.
PERMISSIONS = frozenset(p for grants in (ROLE_PERMISSIONS, RECEIVER_PERMISSIONS,
                                         {"team": TEAM_PERMISSIONS})
                        for permissions in grants.values() for p in permissions)

_hasher = PasswordHasher()


def center_acl(center):
    """The ACL of a center: each role's principal at every center that sees it
    (``visibility.seen_from``: itself and those above it) gets that role's permissions."""
    return [
        (Allow, role_principal(role, code), permissions)
        for code in seen_from(center)
        for role, permissions in ROLE_PERMISSIONS.items()
    ]


def read_only_acl(center):
    """The ACL of a complaint whose state keeps it as it is (ยุติเรื่อง), before its center's:
    ``edit`` stays only with the roles that have ``CORRECT_CLOSED``; everyone else must have
    it reopened first. Every other permission comes from the center as before."""
    correctors = [(Allow, role_principal(role, code), "edit")
                  for code in seen_from(center)
                  for role, permissions in ROLE_PERMISSIONS.items()
                  if CORRECT_CLOSED in permissions]
    return correctors + [(Deny, Everyone, "edit")]


def receiver_acl(center_code):
    """The grants of a complaint sent for action to the center coded ``center_code``: only its
    own staff, not the centers above it (they see the sender's case through its own center)."""
    return [(Allow, role_principal(role, center_code), permissions)
            for role, permissions in RECEIVER_PERMISSIONS.items()]


def team_acl(subdistrict_code):
    """The grants of a case assigned to the tambon team of ``subdistrict_code``."""
    return [(Allow, team_principal(subdistrict_code), TEAM_PERMISSIONS)]


def team_principal(subdistrict_code):
    return f"team:{subdistrict_code}"


def role_principal(role, center_code):
    return f"role:{role}@{center_code}"


def hash_password(password):
    return _hasher.hash(password)


def verify_password(password_hash, password):
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password, national_id=""):
    """Why ``password`` is too weak (a message to translate), or ``None`` if it will do."""
    if len(password) < 10:
        return _("รหัสผ่านต้องยาวอย่างน้อย ๑๐ ตัวอักษร")
    if password.isdigit():
        return _("รหัสผ่านต้องมีตัวอักษรอื่นนอกจากตัวเลข")
    if national_id and national_id in password:
        return _("รหัสผ่านต้องไม่มีเลขประจำตัวประชาชน")
    return None


class LoginThrottle:
    """Locks an account for a while after repeated wrong passwords (stored on the user)."""

    def __init__(self, attempts, lockout_minutes):
        self.attempts = attempts
        self.lockout_minutes = lockout_minutes
        self.lockout = datetime.timedelta(minutes=lockout_minutes)

    def locked(self, user, now):
        return user.locked_until is not None and now < user.locked_until

    def failed(self, user, now):
        user.failed_logins += 1
        if user.failed_logins >= self.attempts:
            user.locked_until = now + self.lockout
            user.failed_logins = 0

    def succeeded(self, user):
        user.failed_logins = 0
        user.locked_until = None


def user_principals(user):
    """Who ``user`` is to the ACLs (a web request, or a command run on someone's behalf).

    Until the first password change a user has no role, so a temporary password opens nothing
    but the password page.
    """
    if user is None:
        return [Everyone]
    if user.must_change_password:
        return staff_principals(user.national_id, None, user.center_code)
    return (staff_principals(user.national_id, user.role, user.center_code)
            + [team_principal(code) for code in user.teams])


def staff_principals(login, role, center_code):
    """A member of staff's principals; with no ``role``, only those of being logged in."""
    principals = [Everyone, Authenticated, f"user:{login}"]
    if role is not None:
        principals.append(role_principal(role, center_code))
    return principals


@dataclass(frozen=True)
class Actor:
    """Someone doing something outside the view machinery's own checks (a workflow transition,
    a command, the demo loader): the login the history names, and the principals the ACLs see.

    A web request's actor is ``Actor.of(request.identity)``: the same principals the security
    policy gives the request, so a check here and ``request.has_permission`` always agree.
    """

    login: str
    principals: tuple
    #: The center the actor works at: where the history says a step came from, and what the
    #: centers a case may be sent to are reckoned from (casework.py).
    center_code: str = ""

    @classmethod
    def of(cls, user):
        if user is None:
            return cls("", tuple(user_principals(None)))
        return cls(user.national_id, tuple(user_principals(user)), user.center_code)

    @classmethod
    def staff(cls, login, role, center_code):
        """A member of staff who has no account here (the demo's invented signers)."""
        return cls(login, tuple(staff_principals(login, role, center_code)), center_code)

    def may(self, permission, context):
        return bool(ACLHelper().permits(context, self.principals, permission))


class SecurityPolicy:
    """Identity from a signed auth ticket cookie; permissions from the resource tree's ACLs."""

    def __init__(self, secret, find_users, secure_cookie=False):
        self.cookie = AuthTktCookieHelper(
            secret, hashalg="sha512", http_only=True, secure=secure_cookie,
            samesite="Lax", timeout=8 * 3600, reissue_time=600,
        )
        self.find_users = find_users
        self.acl = ACLHelper()

    def identity(self, request):
        """The active ``User`` behind the request's ticket, or ``None``.

        Pyramid asks again for every permission check on a page; the answer is kept on the
        request so the ticket is verified and the user looked up once.
        """
        try:
            return request.damrong_identity
        except AttributeError:
            request.damrong_identity = self._identify(request)
            return request.damrong_identity

    def _identify(self, request):
        ticket = self.cookie.identify(request)
        if ticket is None:
            return None
        user = self.find_users(request).get(ticket["userid"])
        if user is None or not user.active:
            return None
        return user

    def authenticated_userid(self, request):
        user = request.identity
        return user.national_id if user is not None else None

    def principals(self, request):
        return user_principals(request.identity)

    def permits(self, request, context, permission):
        return self.acl.permits(context, self.principals(request), permission)

    def remember(self, request, userid, **kw):
        return self.cookie.remember(request, userid, **kw)

    def forget(self, request, **kw):
        return self.cookie.forget(request)
