"""Which complaint a scan's file or folder name points at: a receipt number or a tracking code.

Clerks name a scan after the stamp on the paper, ``123-2568`` or ``รับที่ ๑๒๓-๒๕๖๘`` (a file name
cannot hold the ``/`` of ``๑๒๓/๒๕๖๘``), or after the tracking code ``ABCD-EFGH`` of the receipt
slip. Only a Buddhist-era year 25xx counts as a year, so dates like ``2025-01-05`` in a scanner's
default file names are not taken for receipt numbers; a code only counts if it is registered.
"""

import re
from dataclasses import dataclass

from ..thai.digits import to_arabic_digits
from ..tracking import ALPHABET

_RECEIPT = re.compile(r"(?<![0-9])(?P<number>[0-9]{1,6})\s*[-_/.]\s*(?P<year>25[0-9]{2})(?![0-9])")
_TRACKING = re.compile(rf"(?<![A-Z0-9])([{ALPHABET}]{{4}})-?([{ALPHABET}]{{4}})(?![A-Z0-9])")


@dataclass(frozen=True)
class NameHints:
    """What a name says: ``receipt`` as ``(be_year, number)`` and/or a tracking ``code``."""

    receipt: tuple[int, int] | None = None
    code: str | None = None


def hints_from_name(name):
    """Read a file's stem or a batch folder's name (the extension must already be gone)."""
    text = to_arabic_digits(name)
    receipt = _RECEIPT.search(text)
    code = _TRACKING.search(text.upper())
    return NameHints(
        receipt=(int(receipt["year"]), int(receipt["number"])) if receipt else None,
        code=code[1] + code[2] if code else None,
    )


def exact_reference(text):
    """``NameHints`` if ``text`` is nothing but a receipt number or a tracking code (what a
    search box takes as "go to that complaint"), else ``None``."""
    text = to_arabic_digits((text or "").strip())
    receipt = _RECEIPT.fullmatch(text)
    code = _TRACKING.fullmatch(text.upper())
    if receipt:
        return NameHints(receipt=(int(receipt["year"]), int(receipt["number"])))
    if code:
        return NameHints(code=code[1] + code[2])
    return None


def parse_reference(text):
    """What a clerk types to find a complaint: ``๑๒๓/๒๕๖๘`` or ``ABCD-EFGH``; same rules as names."""
    return hints_from_name((text or "").strip())
