"""Thai calendar dates: Buddhist Era years, Thai month names, Bangkok time.

Thai official documents date everything in the Buddhist Era (BE = Gregorian
+ 543) with Thai month names, and the complaint centers work on Bangkok
local time.  The system stores Gregorian dates and aware datetimes; these
helpers produce and read the Thai written form.

Naive datetimes are taken to be Bangkok local time already; aware datetimes
are converted to Asia/Bangkok before their calendar date is used, so a
record stamped 18:00 UTC belongs to the next Thai day.
"""

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from damrong.thai.digits import to_arabic_digits, to_thai_digits

BANGKOK = ZoneInfo("Asia/Bangkok")
BE_OFFSET = 543

MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)

MONTHS_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)


def bangkok_date(d: date | datetime) -> date:
    """Return the calendar date of ``d`` as seen in Bangkok.

    Shared by the date and fiscal-year helpers so that every one of them
    agrees on which Thai day an aware timestamp falls on.
    """
    if isinstance(d, datetime):
        if d.tzinfo is not None and d.utcoffset() is not None:
            d = d.astimezone(BANGKOK)
        return d.date()
    return d


def now_bangkok() -> datetime:
    """Return the current time as an aware datetime in Asia/Bangkok."""
    return datetime.now(BANGKOK)


def be_year(d: date | datetime) -> int:
    """Return the Buddhist Era year of ``d`` (Gregorian year + 543)."""
    return bangkok_date(d).year + BE_OFFSET


def format_date(d: date | datetime, short: bool = False, thai_digits: bool = True) -> str:
    """Write a date the Thai way: ``๒๕ มิถุนายน ๒๕๖๒`` or, short, ``๒๕ มิ.ย. ๖๒``.

    The short form uses the abbreviated month and the last two digits of
    the BE year, as in tables and document headers.
    """
    local = bangkok_date(d)
    year = local.year + BE_OFFSET
    if short:
        text = f"{local.day} {MONTHS_SHORT[local.month - 1]} {year % 100:02d}"
    else:
        text = f"{local.day} {MONTHS[local.month - 1]} {year}"
    return to_thai_digits(text) if thai_digits else text


def format_date_en(d: date | datetime, short: bool = False) -> str:
    """The same Bangkok date as the English pages write it: ``25 June 2025`` or ``25 Jun 2025``."""
    local = bangkok_date(d)
    return f"{local.day} {local:%b %Y}" if short else f"{local.day} {local:%B %Y}"


def format_datetime(dt: datetime, short: bool = False, thai_digits: bool = True) -> str:
    """Write a date and time in Thai official style, e.g. ``๒๕ มิถุนายน ๒๕๖๒ เวลา ๑๔.๓๐ น.``.

    Thai official writing separates hours and minutes with a dot and ends
    with "น." (นาฬิกา); hours are always two digits.
    """
    if dt.tzinfo is not None and dt.utcoffset() is not None:
        dt = dt.astimezone(BANGKOK)
    clock = f"{dt.hour:02d}.{dt.minute:02d}"
    if thai_digits:
        clock = to_thai_digits(clock)
    return f"{format_date(dt, short=short, thai_digits=thai_digits)} เวลา {clock} น."


def _month_pattern() -> str:
    """Build the regex alternation matching any full or abbreviated month name.

    Abbreviations tolerate what OCR commonly does to them: spaces after the
    dots and a missing final dot ("ม. ค." and "ม.ค" both mean มกราคม).
    """
    names = [re.escape(name) for name in MONTHS]
    for short in MONTHS_SHORT:
        first, second = short.rstrip(".").split(".")
        names.append(rf"{first}\.\s*{second}\.?")
    return "|".join(f"(?:{name})" for name in names)


_DIGIT = "[0-9๐-๙]"
_DATE_RE = re.compile(
    rf"(?<!{_DIGIT})(?P<day>{_DIGIT}{{1,2}})\s*"
    rf"(?P<month>{_month_pattern()})\s*"
    rf"(?:พ\.?\s*ศ\.?\s*)?"
    rf"(?P<year>{_DIGIT}{{4}}|{_DIGIT}{{2}})(?!{_DIGIT})"
)


_MONTH_NUMBERS = {name: number for number, name in enumerate(MONTHS, start=1)} | {
    short.replace(".", ""): number for number, short in enumerate(MONTHS_SHORT, start=1)
}


def _month_number(name: str) -> int:
    """Map a matched month name (full or OCR-tolerant abbreviation) to 1-12."""
    return _MONTH_NUMBERS[re.sub(r"[.\s]", "", name)]


def parse_thai_date(text: str) -> date | None:
    """Find the first Thai-written date in ``text`` and return it as a Gregorian date.

    Recognises day + full or abbreviated Thai month + BE year (four digits,
    or two digits meaning 25xx), with Thai or Arabic digits and an optional
    "พ.ศ." before the year, e.g. "วันที่ ๒๕ มิถุนายน ๒๕๖๒" or "3 ก.ค. 67".
    Meant to pre-fill forms from OCR text, so it only suggests: when the
    first date-like phrase is not a real date (31 เมษายน) it returns None
    rather than guessing or picking some later date.  Run the text through
    ``damrong.thai.normalize.normalize_text`` first if it may contain
    zero-width characters.
    """
    match = _DATE_RE.search(text)
    if match is None:
        return None
    day = int(to_arabic_digits(match["day"]))
    month = _month_number(match["month"])
    year_text = to_arabic_digits(match["year"])
    year = int(year_text) if len(year_text) == 4 else 2500 + int(year_text)
    try:
        return date(year - BE_OFFSET, month, day)
    except ValueError:
        return None


# -- dates as staff type them -------------------------------------------------------------

#: วัน/เดือน/ปี พ.ศ. with an optional time: ``25/06/2568 14:30``, ``๒๕-๐๖-๒๕๖๘ ๑๔.๓๐ น.``
_TYPED = re.compile(
    r"(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})\s*[/.-]\s*(?:พ\.?\s*ศ\.?\s*)?(?P<year>\d{4})"
    r"(?:\s*(?:เวลา)?\s*(?P<hour>\d{1,2})\s*[:.]\s*(?P<minute>\d{2})(?:\s*น\.?)?)?")
#: What machines send (scripts, a browser's own date field): ``2025-06-25`` or
#: ``2025-06-25T14:30``; its year is Christian-era unless it is plainly a Buddhist-era one.
_ISO = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:[T ](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?)?")
#: Typed day first, a year below this is a Christian-era year typed by habit (2025 for 2568).
FIRST_BE_YEAR = 2400


class TypedDateError(ValueError):
    """Why typed text is no date: ``reason`` is ``format``, ``christian-era`` (``year`` says
    which) or ``no-such-date``; the form says it in Thai."""

    def __init__(self, reason, year=None):
        super().__init__(reason)
        self.reason = reason
        self.year = year


def parse_typed_date(text: str) -> tuple[date, time | None]:
    """Read a date (and time, if given) as staff type it: วัน/เดือน/ปี พ.ศ., Thai or Arabic
    digits, ``/`` ``-`` or ``.`` between, the time as ``14:30`` or ``14.30 น.``. Returns the
    Gregorian date and the time or ``None``; raises ``TypedDateError``."""
    text = to_arabic_digits(text).strip()
    match = _TYPED.fullmatch(text)
    if match is not None:
        year = int(match["year"])
        if year < FIRST_BE_YEAR:
            raise TypedDateError("christian-era", year)
        year -= BE_OFFSET
    else:
        match = _ISO.fullmatch(text)
        if match is None:
            raise TypedDateError("format")
        year = int(match["year"])
        year -= BE_OFFSET if year >= FIRST_BE_YEAR else 0
    try:
        day = date(year, int(match["month"]), int(match["day"]))
        clock = None if match["hour"] is None else time(int(match["hour"]), int(match["minute"]))
    except ValueError:
        raise TypedDateError("no-such-date")
    return day, clock


def format_typed_date(d: date | datetime) -> str:
    """A date as a form field holds it: ``25/06/2568`` (the form ``parse_typed_date`` reads)."""
    local = bangkok_date(d)
    return f"{local.day:02d}/{local.month:02d}/{local.year + BE_OFFSET}"


def format_typed_datetime(dt: datetime) -> str:
    """``25/06/2568 14:30``, in Bangkok time."""
    if dt.tzinfo is not None and dt.utcoffset() is not None:
        dt = dt.astimezone(BANGKOK)
    return f"{format_typed_date(dt)} {dt:%H:%M}"
