"""Reporting periods: a fiscal year, a fiscal quarter, a month or a date range.

A period is a half-open range of Bangkok dates. Summaries read it as the whole months inside it
(from the monthly counters) plus, for a range that does not fall on month boundaries, the days
left at either end (counted from the listing index, see summary.py).
"""

import datetime
import re
from dataclasses import dataclass

from .. import params as checked
from ..forms import date_problem
from ..i18n import _
from ..params import BadParameter
from ..thai.dates import (BANGKOK, BE_OFFSET, MONTHS, TypedDateError, format_date,
                          format_date_en, parse_typed_date)
from ..thai.digits import to_thai_digits
from ..thai.fiscal import fiscal_year as current_fiscal_year, fiscal_year_bounds
from .counters import month_key


@dataclass(frozen=True)
class Period:
    first: datetime.date   # first day
    after: datetime.date   # the day after the last
    label: str             # Thai, as the table's heading says it
    query: tuple = ()      # the URL parameters that choose it again
    label_en: str = ""     # the same in English, Christian era (``Display.period``)

    def whole_months(self):
        """``(first month, last month)`` keys of the whole months inside, or ``None``."""
        start = _month_start_on_or_after(self.first)
        end = self.after.replace(day=1)  # first day of the month the period stops in
        if start >= end:
            return None
        return month_key(start), month_key(_previous_month(end))

    def partial_days(self):
        """Half-open date ranges not covered by ``whole_months`` (at most two)."""
        months = self.whole_months()
        if months is None:
            return [(self.first, self.after)]
        start = _month_start_on_or_after(self.first)
        end = self.after.replace(day=1)
        return [(a, b) for a, b in ((self.first, start), (end, self.after)) if a < b]

    def bounds(self):
        """The received-time range as aware datetimes (the listing's ``start``/``end``)."""
        return day_bounds(self.first, self.after)


def day_bounds(first, after):
    """Aware datetimes for the Bangkok days ``[first, after)``."""
    return (datetime.datetime.combine(first, datetime.time(), BANGKOK),
            datetime.datetime.combine(after, datetime.time(), BANGKOK))


def fiscal_year(fy):
    first, after = fiscal_year_bounds(fy)
    return Period(first, after, f"ปีงบประมาณ พ.ศ. {to_thai_digits(str(fy))}", (("fy", str(fy)),),
                  _english_fiscal_year(fy))


def fiscal_quarter(fy, quarter):
    """Quarter 1 is October–December of the fiscal year's first calendar year."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(quarter)
    first = fiscal_year_bounds(fy)[0]
    for _ in range(3 * (quarter - 1)):
        first = _next_month(first)
    after = _next_month(_next_month(_next_month(first)))
    label = (f"ไตรมาสที่ {to_thai_digits(str(quarter))} "
             f"ปีงบประมาณ พ.ศ. {to_thai_digits(str(fy))}")
    return Period(first, after, label, (("fy", str(fy)), ("quarter", str(quarter))),
                  f"Quarter {quarter} of {_english_fiscal_year(fy)}")


def month(year, number):
    """A calendar month; ``year`` is Christian era (as the counters key it)."""
    first = datetime.date(year, number, 1)
    label = f"เดือน{MONTHS[number - 1]} {to_thai_digits(str(year + BE_OFFSET))}"
    return Period(first, _next_month(first), label,
                  (("month", f"{year + BE_OFFSET}-{number:02d}"),), f"{first:%B %Y}")


def date_range(first, last):
    """From ``first`` to ``last`` inclusive."""
    if last < first:
        raise ValueError("the range ends before it starts")
    label = f"ตั้งแต่ {format_date(first)} ถึง {format_date(last)}"
    return Period(first, last + datetime.timedelta(days=1), label,
                  (("from", first.isoformat()), ("to", last.isoformat())),
                  f"{format_date_en(first)} to {format_date_en(last)}")


def _english_fiscal_year(fy):
    """``FY 2026``: named, as ``Display.fiscal_year`` does, by the Christian-era year it ends in."""
    return f"FY {fy - BE_OFFSET}"


def _month_start_on_or_after(day):
    return day if day.day == 1 else _next_month(day.replace(day=1))


def _next_month(first):
    return (first.replace(year=first.year + 1, month=1) if first.month == 12
            else first.replace(month=first.month + 1))


def _previous_month(first):
    return (first.replace(year=first.year - 1, month=12) if first.month == 1
            else first.replace(month=first.month - 1))


def from_params(params, today):
    """The period a page's query asks for: ``month=2568-03``, ``fy=2568`` (with
    ``quarter=1``…``4``), or ``from``/``to`` typed dates (วัน/เดือน/ปี พ.ศ.); by default the
    current fiscal year. A value it cannot read raises ``params.BadParameter`` (400, saying
    why in Thai), through the same checks as every other page's parameters."""
    if params.get("from", "").strip() or params.get("to", "").strip():
        first = _typed_or_iso(params.get("from", "") or params.get("to", ""))
        last = _typed_or_iso(params.get("to", "") or params.get("from", ""))
        if last < first:
            raise BadParameter(_("ช่วงวันที่ไม่ถูกต้อง: วันสิ้นสุดอยู่ก่อนวันเริ่มต้น"))
        return date_range(first, last)
    if params.get("month", "").strip():
        return _month_param(params["month"].strip())
    fy = checked.fiscal_year(params, "fy") or current_fiscal_year(today)
    quarter = checked.integer(params, "quarter", None, range(1, 5),
                              _("ไตรมาสไม่ถูกต้อง (ใช้เลข ๑ ถึง ๔)"))
    if quarter:
        return fiscal_quarter(fy, quarter)
    return fiscal_year(fy)


_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})", re.ASCII)


def _month_param(text):
    """``2568-03``: a Buddhist-era year the system can hold and a month 1…12."""
    found = _MONTH.fullmatch(text)
    if found:
        be_year, number = int(found.group(1)), int(found.group(2))
        if be_year in checked.FISCAL_YEARS and 1 <= number <= 12:
            return month(be_year - BE_OFFSET, number)
    raise BadParameter(_("เดือนไม่ถูกต้อง (ใช้ ปี พ.ศ.-เดือน เช่น ๒๕๖๘-๐๓)"))


def _typed_or_iso(text):
    """A date as staff type it, or as a period's own query writes it (ISO), within the years
    the system can hold."""
    text = text.strip()
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        day = None
    if day is None or day.year + BE_OFFSET not in checked.FISCAL_YEARS:  # 2568-03-05 is BE
        try:
            day = parse_typed_date(text)[0]
        except TypedDateError as error:
            raise BadParameter(date_problem(error)) from None
    if day.year + BE_OFFSET not in checked.FISCAL_YEARS:
        raise BadParameter(_("วันที่ไม่ถูกต้อง (ใช้ปี พ.ศ. ระหว่าง ${low} ถึง ${high})",
                             mapping={"low": checked.FISCAL_YEARS.start,
                                      "high": checked.FISCAL_YEARS.stop - 1}))
    return day
