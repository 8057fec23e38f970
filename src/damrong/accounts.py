"""Creating staff accounts, resetting passwords and deactivating (admin pages, ``adduser``).

An administrator never holds a usable key to someone else's account: a temporary password opens
one session only and must be changed in it (``temporary_used_at``), so if the administrator used
it, the real user's first login fails and the account's log names who reset it. Every creation,
reset and deactivation is logged on the account, and nobody manages an account of a role above
their own (``ROLE_RANK``) or outside their center and the centers below it.
"""

import logging
import secrets

import colander

from .i18n import MessageError, _
from .resources.users import ROLES, User
from .security import hash_password
from .thai import national_id

log = logging.getLogger(__name__)

_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679"
#: Who may manage whom: an administrator manages every role up to their own rank.
ROLE_RANK = {"clerk": 1, "officer": 2, "executive": 2, "supervisor": 3, "admin": 3}
CREATED = _("สร้างบัญชี")
RESET = _("ตั้งรหัสผ่านชั่วคราวใหม่")
DEACTIVATED = _("ระงับการใช้งานบัญชี")
TEMPORARY_USED = _("เข้าระบบด้วยรหัสผ่านชั่วคราว")
EMAIL_CHANGED = _("เปลี่ยนอีเมลรับการแจ้งเตือน")
#: colander's check of an address's form (one @, a dotted domain); whether mail arrives is
#: for the mail server to say.
_EMAIL = colander.Email()
_EMAIL_NODE = colander.SchemaNode(colander.String())


class AccountError(MessageError):
    """Why the account cannot be created or changed."""


def temporary_password():
    """A one-time password the user must replace at first login (12 unambiguous characters)."""
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(12))


def check_may_manage(manager, role):
    """Refuse to let ``manager`` (a ``User``, or ``None`` for the command line) create or reset
    an account of a role ranked above their own."""
    if manager is not None and ROLE_RANK[role] > ROLE_RANK[manager.role]:
        raise AccountError(_("ไม่มีสิทธิ์จัดการบัญชีของบทบาทที่สูงกว่าของท่าน"))


def add_user(site, login_id, full_name, role, center_code, password=None, position="",
             by=None, email=""):
    """Create an account; returns ``(user, password)`` where password is the initial one.
    ``by``: the administrator creating it (``None``: the command line or the demo); ``email``
    where its notifications are mailed (optional)."""
    login_id = national_id.clean(login_id)
    if not national_id.is_valid(login_id):
        raise AccountError(_("เลขประจำตัวประชาชนไม่ถูกต้อง (ตรวจสอบหลักสุดท้ายไม่ผ่าน)"))
    if login_id in site.users:
        raise AccountError(_("มีผู้ใช้เลขประจำตัวประชาชนนี้อยู่แล้ว"))
    if role not in ROLES:
        raise AccountError(_("บทบาทไม่ถูกต้อง"))
    check_may_manage(by, role)
    if center_code not in site.centers:
        raise AccountError(_("ไม่พบศูนย์ที่ระบุ"))
    if not full_name.strip():
        raise AccountError(_("กรุณากรอกชื่อ-นามสกุล"))
    email = checked_email(email)
    password = password or temporary_password()
    user = User(login_id, full_name.strip(), role, center_code, hash_password(password), position)
    user.email = email
    site.users.add_user(user)
    user.log(by.national_id if by else "", CREATED)
    return user, password


def checked_email(email):
    """``email`` trimmed, or ``AccountError`` if it is not an e-mail address; empty is allowed
    (notifications then stay in the app)."""
    email = (email or "").strip()
    if len(email) > 254:
        raise AccountError(_("อีเมลยาวเกินไป"))
    if email:
        try:
            _EMAIL(_EMAIL_NODE, email)
        except colander.Invalid:
            raise AccountError(_("อีเมลไม่ถูกต้อง กรุณาตรวจสอบ เช่น name@example.go.th")) from None
    return email


def set_email(user, email, by):
    """Change where ``user``'s notifications are mailed, as the administrator ``by``; logged on
    the account with the old and new address."""
    check_may_manage(by, user.role)
    email = checked_email(email)
    if email != user.email:
        user.log(by.national_id, EMAIL_CHANGED, note=f"{user.email or '-'} → {email or '-'}")
        user.email = email


def reset_password(users, user, by):
    """Give ``user`` a new temporary password they must change, end their sessions and log
    who did it; returns the password."""
    check_may_manage(by, user.role)
    password = temporary_password()
    user.password_hash = hash_password(password)
    user.must_change_password = True
    user.temporary_used_at = None
    users.revoke(user)
    user.log(by.national_id, RESET)
    log.info("password of %s reset by %s", user.__name__, by.national_id)
    return password


def deactivate(users, user, by):
    """Close an account: it can no longer log in and every open session of it ends now."""
    check_may_manage(by, user.role)
    user.active = False
    users.revoke(user)
    user.log(by.national_id, DEACTIVATED)
    log.info("account %s deactivated by %s", user.__name__, by.national_id)
