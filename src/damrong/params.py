"""Query parameters of the pages, checked in one place.

A parameter a page cannot use (``?fy=0``, ``?offset=99999999999``, ``fiscal_year=abc``, a search
box of a thousand words) is the visitor's mistake, not the server's: ``BadParameter`` carries a
Thai message and the error view answers it with 400, instead of the 500 an unchecked ``int()``
or a date out of range would give.
"""

from .i18n import MessageError, _

#: Beyond this nobody pages by hand; a larger offset only makes the engines walk further.
MAX_OFFSET = 10_000
#: Buddhist-era fiscal years the system can hold (the centers started in 2557).
FISCAL_YEARS = range(2500, 2700)


class BadParameter(MessageError):
    """A query parameter that cannot be used; the message says which and why."""


def integer(params, name, default, allowed, message=None):
    """``params[name]`` as an int within ``allowed`` (a range), ``default`` when absent;
    ``message`` says what is wrong when it is not (by default: the range)."""
    value = params.get(name, "").strip()
    if not value:
        return default
    if not value.isascii() or not value.isdigit() or int(value) not in allowed:
        raise BadParameter(message or _("ค่า ${name} ไม่ถูกต้อง (ต้องเป็นตัวเลข ${low} ถึง ${high})",
                                        mapping={"name": name, "low": allowed.start,
                                                 "high": allowed.stop - 1}))
    return int(value)


def offset(params):
    return integer(params, "offset", 0, range(0, MAX_OFFSET + 1))


def fiscal_year(params, name):
    """A Buddhist-era fiscal year (a year is no number to write with a thousands separator,
    so it has a message of its own)."""
    return integer(params, name, None, FISCAL_YEARS,
                   _("ปีงบประมาณไม่ถูกต้อง (ใช้ปี พ.ศ. สี่หลัก เช่น ๒๕๖๙)"))


def fiscal_years(params, name):
    """Every value of a repeated fiscal-year parameter, checked."""
    return [fiscal_year({name: value}, name) for value in params.getall(name)]
