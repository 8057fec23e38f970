"""Thai government fiscal years (ปีงบประมาณ).

Complaint statistics are reported per fiscal year, which runs from
1 October to 30 September and is named by the Buddhist Era year in which it
ends: fiscal year 2568 is 1 October 2024 - 30 September 2025.
"""

from datetime import date, datetime

from damrong.thai.dates import BE_OFFSET, bangkok_date

_FIRST_MONTH = 10


def fiscal_year(d: date | datetime) -> int:
    """Return the BE fiscal year that ``d`` (Bangkok calendar date) falls in."""
    local = bangkok_date(d)
    ending_year = local.year + 1 if local.month >= _FIRST_MONTH else local.year
    return ending_year + BE_OFFSET


def fiscal_year_bounds(fy: int) -> tuple[date, date]:
    """Return (first day, first day of the next fiscal year) for BE fiscal year ``fy``.

    The end is exclusive so callers can filter with ``start <= d < end``
    without worrying about the time of day on 30 September.
    """
    ending_year = fy - BE_OFFSET
    return date(ending_year - 1, _FIRST_MONTH, 1), date(ending_year, _FIRST_MONTH, 1)


def fiscal_month_starts(fy: int) -> list[date]:
    """Return the first day of each of the 12 months of ``fy``, October to September.

    Monthly report columns of a fiscal year are keyed by these dates.
    """
    start, _ = fiscal_year_bounds(fy)
    months = []
    for offset in range(12):
        index = start.month - 1 + offset
        months.append(date(start.year + index // 12, index % 12 + 1, 1))
    return months
