"""Thai 13-digit national ID numbers (เลขประจำตัวประชาชน).

The last digit is a checksum: the first twelve digits are weighted 13 down
to 2 and summed to S, and the check digit is (11 - S mod 11) mod 10.
Checking it catches most typing and OCR mistakes before a complainant's
record is saved.  Display helpers use the official 1-4-5-2-1 grouping.
"""

import random
import re

from damrong.thai.digits import to_arabic_digits

_WEIGHTS = range(13, 1, -1)
_GROUPS = (1, 4, 5, 2, 1)
# Whitespace plus the dash look-alikes that word processors and OCR produce.
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u2212]")
_TWELVE_DIGITS = re.compile(r"[0-9]{12}")
_THIRTEEN_DIGITS = re.compile(r"[0-9]{13}")


def clean(text: str) -> str:
    """Strip spaces and dashes and turn Thai digits into Arabic ones.

    Anything else is kept, so a malformed input stays malformed and fails
    validation instead of being silently repaired.
    """
    return to_arabic_digits(_SEPARATORS.sub("", text))


def check_digit(first12: str) -> int:
    """Return the check digit for the first twelve (Arabic) digits of an ID."""
    if not _TWELVE_DIGITS.fullmatch(first12):
        raise ValueError(f"expected 12 digits, got {first12!r}")
    total = sum(int(digit) * weight for digit, weight in zip(first12, _WEIGHTS))
    return (11 - total % 11) % 10


def is_valid(text: str) -> bool:
    """Tell whether ``text`` is, once cleaned, 13 digits with a correct checksum."""
    digits = clean(text)
    if not _THIRTEEN_DIGITS.fullmatch(digits):
        return False
    return check_digit(digits[:12]) == int(digits[12])


def _thirteen(id13: str) -> str:
    """Clean ``id13`` and insist on 13 digits (the checksum is not checked)."""
    digits = clean(id13)
    if not _THIRTEEN_DIGITS.fullmatch(digits):
        raise ValueError(f"expected 13 digits, got {id13!r}")
    return digits


def _group(chars: str) -> str:
    """Join 13 characters with dashes in the 1-4-5-2-1 pattern."""
    parts = []
    position = 0
    for size in _GROUPS:
        parts.append(chars[position:position + size])
        position += size
    return "-".join(parts)


def format_id(id13: str) -> str:
    """Write an ID in the official grouping, e.g. ``1-2345-67890-12-1``."""
    return _group(_thirteen(id13))


def mask(id13: str) -> str:
    """Hide all but the first and last digit, e.g. ``1-xxxx-xxxxx-xx-1``.

    For lists and printouts where staff need to tell records apart but must
    not see a complainant's full ID.
    """
    digits = _thirteen(id13)
    return _group(digits[0] + "x" * 11 + digits[12])


def generate(rng: random.Random) -> str:
    """Return a synthetic valid ID for demo data and tests; never a real person's.

    The first digit is 1-8 like issued IDs; taking ``rng`` explicitly keeps
    the output reproducible from a seed.
    """
    first12 = str(rng.randint(1, 8)) + "".join(str(rng.randrange(10)) for _ in range(11))
    return first12 + str(check_digit(first12))
