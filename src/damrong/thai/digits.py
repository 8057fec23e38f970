"""Thai digits and number formatting.

Official Thai documents (letters, reports of the Damrongdhama centers) print
numbers with Thai digits (๐-๙), while storage, search and arithmetic use
Arabic digits.  These helpers convert between the two so that data keeps one
canonical form and only the presentation layer chooses the script.
"""

_ARABIC = "0123456789"
_THAI = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans(_ARABIC, _THAI)
_TO_ARABIC = str.maketrans(_THAI, _ARABIC)


def to_thai_digits(text: str) -> str:
    """Replace Arabic digits 0-9 by Thai digits ๐-๙; nothing else changes."""
    return text.translate(_TO_THAI)


def to_arabic_digits(text: str) -> str:
    """Replace Thai digits ๐-๙ by Arabic digits 0-9; nothing else changes.

    Used on user and OCR input so that validation and parsing only have to
    deal with one set of digits.
    """
    return text.translate(_TO_ARABIC)


def format_number(n: int, thai: bool = True) -> str:
    """Format an integer with comma thousands separators, e.g. ``๒๐๘,๑๔๒``.

    Statistics tables in reports are read by people, so large counts need
    grouping; ``thai`` chooses the digit script.
    """
    text = f"{n:,}"
    return to_thai_digits(text) if thai else text


def format_percent(value: float, thai: bool = True, places: int = 2) -> str:
    """Format a percentage value (already multiplied by 100) with ``places`` decimals.

    The result carries no ``%`` sign because Thai documents usually write
    "ร้อยละ" before the number instead.  A value that rounds to zero is shown
    without a minus sign, so tiny negative noise never prints as ``-0.00``.
    """
    text = f"{value:z,.{places}f}"
    return to_thai_digits(text) if thai else text
