"""The one rule for a complainant's personal data, used by every page that could show it.

PDPA: whoever's role lacks ``view-personal`` on a complaint (the executive, the administrator)
never gets the complainant's identity, wherever it would leave the server:

* **text** (a page's OCR text and its revisions, the history's before → after) comes masked:
  the name, national ID and phone are blanked letter for letter as search blanks them
  (``search.document.redact``), identifying fields of the history are hidden;
* **images and files** (a page image or thumbnail, the original file, the searchable PDF) are
  refused: a scanned petition carries its author's name, ID card copy and signature in pixels
  that no text rule can find reliably (a misread name would survive a redacted rendering).

Whoever has the right still sees it only through logged reveals: the complaint page shows the
ID masked until its reveal button; opening the edit form, a document's page with its image, the
original or the searchable PDF shows it in full and is written to the history, at most once per
person and complaint every ``REVEAL_LOGGED_EVERY`` (a page of thumbnails is one reveal, not ten).
"""

import datetime
import re

from pyramid.httpexceptions import HTTPForbidden

from .i18n import _
from .search.document import redact

#: The permission that lets a role see who complained.
RIGHT = "view-personal"
#: The record's fields that identify the complainant (masked in the history without the right).
IDENTIFYING = frozenset(("complainant", name) for name in (
    "title", "first_name", "last_name", "national_id", "phone", "address"))
REVEAL = _("เปิดดูข้อมูลส่วนบุคคลของผู้ร้อง")
HIDDEN = _("(ข้อมูลส่วนบุคคล)")
REVEAL_LOGGED_EVERY = datetime.timedelta(minutes=30)
_DIGIT_SEPARATORS = re.compile(r"[\s\-]+")
#: How far back the history is looked through for this person's last reveal.
_RECENT_ENTRIES = 50


def may_see(request, context):
    """Whether the request's user may see the personal data of ``context``'s complaint."""
    return bool(request.has_permission(RIGHT, context))


def require(request, context):
    """Refuse (403) an image or file of ``context`` to a user without the right."""
    if not may_see(request, context):
        raise HTTPForbidden(_("ภาพและไฟล์ต้นฉบับของเอกสารมีข้อมูลส่วนบุคคล "
                              "แสดงเฉพาะผู้มีสิทธิ์ดูข้อมูลส่วนบุคคล"))


def values(holder):
    """The complainant's name parts, national ID and phone as a page may write them; an unfiled
    scan (no record yet) has none. Numbers lose their dashes and spaces: ``redact`` finds them
    however a page groups the digits (081-234-5678 typed, ๐๘๑ ๒๓๔ ๕๖๗๘ on the paper)."""
    complainant = getattr(holder, "complainant", None) or {}
    names = [complainant.get(name, "") for name in ("first_name", "last_name")]
    numbers = [_DIGIT_SEPARATORS.sub("", complainant.get(name, ""))
               for name in ("national_id", "phone")]
    return [value for value in names + numbers if value.strip()]


def text_for(request, holder, text):
    """``text`` of ``holder`` (a complaint or unfiled scan) as this user may read it."""
    return text if may_see(request, holder) else redact(text, values(holder))


def history_changes(request, holder, labels):
    """A function giving an entry's ``(field, before, after)`` as this user may read them;
    ``labels`` maps record fields to the labels history entries carry."""
    hidden_labels = {str(labels[field]) for field in IDENTIFYING if field in labels}
    if may_see(request, holder):
        return lambda changes: changes
    return lambda changes: [(label, HIDDEN if before else "", HIDDEN if after else "")
                            if label in hidden_labels else (label, before, after)
                            for label, before, after in changes]


def log_reveal(request, holder, where, now=None):
    """Record that this user saw ``holder``'s personal data in full through ``where`` (a note),
    unless they already did within ``REVEAL_LOGGED_EVERY``."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    who = request.identity.national_id
    for entry in holder.history.latest(_RECENT_ENTRIES + 1):
        if (entry["who"] == who and entry["action"] == str(REVEAL)
                and now - entry["when"] < REVEAL_LOGGED_EVERY):
            return
    holder.history.record(who, REVEAL, note=where, when=now)
