"""Roles, permissions and the security policy.

A user has one role at one center. Their principal is ``role:<role>@<center code>``; a center
grants the role's permissions to that principal of every center that sees it (visibility.py: it
and the centers above it), and its complaints inherit its ACL. So a district clerk's principal
only matches at their district (and its complaints), a province officer's at the province and
every district below it, and the ministry's everywhere.
A user who must still change the initial password gets no role principal at all, so the only
thing they can reach is the change-password page.
"""

import secrets
import threading
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pyramid.authentication import AuthTktCookieHelper
from pyramid.authorization import ACLHelper, Allow, Authenticated, Deny, Everyone
from zxcvbn import zxcvbn

from .i18n import _
from .visibility import seen_from

#: The right to correct a closed complaint's record without reopening it; the history records
#: such a change as a correction (resources/complaint.py).
CORRECT_CLOSED = "correct-closed"

#: What each role may do at its center and the centers below it. ``write-letters`` is apart from
#: ``edit`` because letters are still written about a closed complaint (the result notice).
#: ``write-public`` drafts what the citizens' site will show (news of field work, answers to
#: their questions); only ``publish`` puts it there.
ROLE_PERMISSIONS = {
    "clerk": ("view", "register", "edit", "write-letters", "view-personal"),
    "officer": ("view", "register", "edit", "write-letters", "view-personal", "reports",
                "write-public"),
    "supervisor": ("view", "edit", "write-letters", "approve", CORRECT_CLOSED, "view-personal",
                   "reports", "write-public", "publish"),
    "executive": ("view", "reports"),
    "admin": ("view", "manage-users", "manage-center"),
}

#: What each role of a center a complaint was sent to for action holds on that complaint alone
#: (the case stays the sender's: no edit). ``report`` exists only here, so the sender can never
#: report to itself; so does ``assign-team``, the receiver's own part of the work: handing the
#: case to one of its tambon teams (the workflow's ``assign-received``), without any right over
#: the sender's record.
RECEIVER_PERMISSIONS = {
    "clerk": ("view", "view-personal"),
    "officer": ("view", "view-personal", "write-letters", "report", "assign-team"),
    "supervisor": ("view", "view-personal", "write-letters", "report", "assign-team"),
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


#: Checked when the ID typed has no account, so that a wrong ID takes as long as a wrong password.
_NOBODY = hash_password(secrets.token_hex(16))


def verify_login(user, password):
    """Whether ``password`` opens ``user``'s active account; as slow when there is none."""
    if user is None or not user.active:
        verify_password(_NOBODY, password)
        return False
    return verify_password(user.password_hash, password)


#: zxcvbn's score (0-4) a password needs: 3 is "safely unguessable" for an online attack with
#: throttling (about 10^8 guesses); "password12", "qwertyuiop" and ten spaces score 0 or 1.
MIN_PASSWORD_SCORE = 3


def password_problem(password, national_id="", full_name=""):
    """Why ``password`` is too weak (a message to translate), or ``None`` if it will do.

    Length and content rules first (their messages say what to do), then zxcvbn's estimate of
    how guessable it is, which knows common passwords, keyboard rows, repeats and sequences,
    and is told the user's own ID and name."""
    if len(password) < 10:
        return _("รหัสผ่านต้องยาวอย่างน้อย ๑๐ ตัวอักษร")
    if password.isdigit():
        return _("รหัสผ่านต้องมีตัวอักษรอื่นนอกจากตัวเลข")
    if national_id and national_id in password:
        return _("รหัสผ่านต้องไม่มีเลขประจำตัวประชาชน")
    if zxcvbn(password[:100], user_inputs=[national_id, *full_name.split()])["score"] < MIN_PASSWORD_SCORE:
        return _("รหัสผ่านนี้เดาง่ายเกินไป (เป็นรหัสผ่านที่ใช้กันทั่วไป ตัวอักษรซ้ำ หรือเรียงตามแป้นพิมพ์) "
                 "กรุณาใช้วลีที่ยาวขึ้นหรือผสมคำที่ไม่เกี่ยวกันหลายคำ")
    return None


class LoginThrottle:
    """Limits wrong passwords, in memory (each web process counts its own), three ways:

    * per address and account: ``attempts`` failures lock that pair for ``lockout_minutes``.
      Someone guessing a colleague's password locks only themselves out, and the colleague still
      gets in from their own desk;
    * per address: ``ADDRESS_FACTOR`` times as many failures, on any IDs, lock the address, so
      IDs cannot be tried without limit;
    * per account: ``ACCOUNT_FACTOR`` times as many failures from all addresses together lock
      the account for ``ACCOUNT_FACTOR`` times as long (a guess spread over many machines).

    Failures count by the ID typed, whether an account has it or not, so a lock says nothing
    about which IDs exist. At most ``MAX_KEYS`` counters are kept: a flood of made-up IDs
    cannot grow the process.
    """

    ADDRESS_FACTOR = 4
    ACCOUNT_FACTOR = 10
    MAX_KEYS = 100_000

    def __init__(self, attempts, lockout_minutes):
        self.attempts = attempts
        self.lockout_minutes = lockout_minutes
        self.lockout = lockout_minutes * 60
        self._counters = {}  # key -> [failures, locked until (monotonic seconds)]
        self._lock = threading.Lock()

    def _keys(self, address, login):
        return ((("pair", address, login), self.attempts, self.lockout),
                (("address", address), self.attempts * self.ADDRESS_FACTOR, self.lockout),
                (("account", login), self.attempts * self.ACCOUNT_FACTOR,
                 self.lockout * self.ACCOUNT_FACTOR))

    def locked(self, address, login, now=None):
        now = time.monotonic() if now is None else now
        with self._lock:
            return any(self._counters.get(key, (0, 0))[1] > now
                       for key, _, _ in self._keys(address, login))

    def failed(self, address, login, now=None):
        now = time.monotonic() if now is None else now
        with self._lock:
            if len(self._counters) >= self.MAX_KEYS:
                self._forget_unlocked(now)
            for key, limit, lockout in self._keys(address, login):
                counter = self._counters.setdefault(key, [0, 0])
                counter[0] += 1
                if counter[0] >= limit:
                    counter[:] = [0, now + lockout]

    def succeeded(self, address, login):
        with self._lock:
            self._counters.pop(("pair", address, login), None)

    def _forget_unlocked(self, now):
        self._counters = {key: counter for key, counter in self._counters.items()
                          if counter[1] > now}


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
    """Identity from a signed auth ticket cookie; permissions from the resource tree's ACLs.

    The ticket names no person: its user id is the account's session key (``Users.revoke``), so
    the server ends every session of a user by changing it, and the cookie tells nobody who
    logged in.
    """

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
        user = self.find_users(request).by_session_key(ticket["userid"])
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
