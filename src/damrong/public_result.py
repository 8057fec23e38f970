"""The result of a case in words the public may read (ข้อความแจ้งผลการดำเนินการต่อผู้ร้อง).

The closing summary an officer proposes is internal: it names the people met and what each
said. The citizen's tracking page needs the outcome too, so the proposal carries a second,
explicitly public text, written for it. It is checked here before it is stored: short, plain
text (shown escaped, never as HTML), and refused if it looks like it carries someone's national
ID or phone number, found by the same rules the intake's OCR pre-fill uses (scans/prefill.py),
so what counts as an ID or a phone is decided in one place.
"""

from .i18n import MessageError, _
from .scans.prefill import extract
from .thai.normalize import normalize_text

#: Characters at most: a short result, as a tracking page shows it, not a report.
MAX_CHARS = 500
#: The history's name for the field, and the form's.
LABEL = _("ข้อความแจ้งผลการดำเนินการต่อผู้ร้อง")


class PublicResultRefused(MessageError):
    """The public result cannot be published as written (the message says why, in Thai)."""


def checked(text):
    """``text`` as it will be stored and published (normalized, trimmed), or raise
    ``PublicResultRefused``. Empty is allowed: the tracking page then shows the closed state's
    own wording only."""
    text = normalize_text(text or "").strip()
    if len(text) > MAX_CHARS:
        raise PublicResultRefused(_(
            "ข้อความแจ้งผลต่อผู้ร้องยาวเกิน ${limit} ตัวอักษร (พิมพ์ไว้ ${count} ตัวอักษร)",
            mapping={"limit": MAX_CHARS, "count": len(text)}))
    found = extract(text)
    if found.national_ids:
        raise PublicResultRefused(_(
            "ข้อความแจ้งผลต่อผู้ร้องมีเลขประจำตัวประชาชน ซึ่งจะเผยแพร่ในหน้าติดตามเรื่อง "
            "กรุณาลบออก"))
    if found.phones:
        raise PublicResultRefused(_(
            "ข้อความแจ้งผลต่อผู้ร้องมีหมายเลขโทรศัพท์ ซึ่งจะเผยแพร่ในหน้าติดตามเรื่อง "
            "กรุณาลบออก"))
    return text
