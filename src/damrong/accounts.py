"""Creating staff accounts and resetting passwords (admin pages and the ``adduser`` command)."""

import secrets

from .i18n import MessageError, _
from .resources.users import ROLES, User
from .security import hash_password
from .thai import national_id

_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679"


class AccountError(MessageError):
    """Why the account cannot be created."""


def temporary_password():
    """A one-time password the user must replace at first login (12 unambiguous characters)."""
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(12))


def add_user(site, login_id, full_name, role, center_code, password=None, position=""):
    """Create an account; returns ``(user, password)`` where password is the initial one."""
    login_id = national_id.clean(login_id)
    if not national_id.is_valid(login_id):
        raise AccountError(_("เลขประจำตัวประชาชนไม่ถูกต้อง (ตรวจสอบหลักสุดท้ายไม่ผ่าน)"))
    if login_id in site.users:
        raise AccountError(_("มีผู้ใช้เลขประจำตัวประชาชนนี้อยู่แล้ว"))
    if role not in ROLES:
        raise AccountError(_("บทบาทไม่ถูกต้อง"))
    if center_code not in site.centers:
        raise AccountError(_("ไม่พบศูนย์ที่ระบุ"))
    if not full_name.strip():
        raise AccountError(_("กรุณากรอกชื่อ-นามสกุล"))
    password = password or temporary_password()
    user = User(login_id, full_name.strip(), role, center_code, hash_password(password), position)
    site.users.add_user(user)
    return user, password


def reset_password(user):
    """Give ``user`` a new temporary password they must change; returns it."""
    password = temporary_password()
    user.password_hash = hash_password(password)
    user.must_change_password = True
    user.failed_logins = 0
    user.locked_until = None
    return password
