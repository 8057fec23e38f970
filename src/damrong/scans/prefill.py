"""Form fields read out of a petition's OCR text, to pre-fill the intake form.

Pure functions: text in, suggestions out. They only suggest; the clerk checks every field
before saving, so each rule prefers finding nothing to finding something wrong: a national ID
must pass its checksum, a date must exist and not lie in the future, a phone number must have
the length of a Thai number.
"""

import datetime
import re
from dataclasses import dataclass, field

from ..thai import national_id
from ..thai.dates import BANGKOK, parse_thai_date
from ..thai.digits import to_arabic_digits
from ..thai.normalize import normalize_text

SUBJECT_MAX = 300
# "เรื่อง" as OCR writes it, tone mark or sara uee sometimes lost, then an optional colon.
_SUBJECT = re.compile(r"^[ \t]*เร[ื]?[่]?อง[ \t]*[:：.]?[ \t]*(?P<subject>\S.*)$", re.MULTILINE)
_ID = re.compile(r"(?<![0-9])[0-9](?:[ -]?[0-9]){12}(?![0-9])")
_PHONE = re.compile(r"(?<![0-9])(?:\+66[ -]?|0)[0-9](?:[ -]?[0-9]){7,8}(?![0-9])")
_TIME = re.compile(r"เวลา\s*(?P<hour>[0-9]{1,2})[.:](?P<minute>[0-9]{2})")


@dataclass
class Prefill:
    """Suggestions for the intake form; empty values mean "nothing reliable found"."""

    received_at: datetime.datetime | None = None
    subject: str = ""
    national_ids: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)


def extract(text, now=None):
    """Everything ``text`` suggests; ``now`` (aware) bounds the received date."""
    text = to_arabic_digits(normalize_text(text or ""))
    ids = _national_ids(text)
    return Prefill(
        received_at=received_at(text, now or datetime.datetime.now(BANGKOK)),
        subject=subject(text),
        national_ids=ids,
        phones=_phones(_ID.sub(" ", text)),
    )


def subject(text):
    """The text after the first ``เรื่อง`` at the start of a line, as official letters put it."""
    match = _SUBJECT.search(text)
    return match["subject"].strip()[:SUBJECT_MAX] if match else ""


def received_at(text, now):
    """The date (and ``เวลา HH.MM น.`` if given) of the receipt stamp, or the first Thai date.

    A receipt stamp is the line mentioning รับ (เลขรับ, รับที่, วันที่รับ) with a date on it.
    """
    lines = [line for line in text.splitlines() if "รับ" in line and parse_thai_date(line)]
    chosen = lines[0] if lines else text
    day = parse_thai_date(chosen)
    if day is None:
        return None
    clock = _TIME.search(chosen) if lines else None
    hour, minute = (int(clock["hour"]), int(clock["minute"])) if clock else (0, 0)
    if hour > 23 or minute > 59:
        hour = minute = 0
    moment = datetime.datetime.combine(day, datetime.time(hour, minute), BANGKOK)
    return moment if moment <= now else None


def _national_ids(text):
    found = []
    for match in _ID.finditer(text):
        digits = national_id.clean(match.group())
        if national_id.is_valid(digits) and digits not in found:
            found.append(digits)
    return found


def _phones(text):
    found = []
    for match in _PHONE.finditer(text):
        digits = re.sub(r"[^0-9+]", "", match.group()).replace("+66", "0")
        if len(digits) not in (9, 10):
            continue
        pretty = _format_phone(digits)
        if pretty not in found:
            found.append(pretty)
    return found


def _format_phone(digits):
    """``081-234-5678`` for mobiles, ``02-123-4567`` / ``032-123-456`` for fixed lines."""
    if len(digits) == 10:
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    if digits.startswith("02"):
        return f"{digits[:2]}-{digits[2:5]}-{digits[5:]}"
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
