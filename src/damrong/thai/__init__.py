"""Thai-language helpers: digits, Buddhist Era dates, fiscal years, national IDs
and text normalisation.

Kept free of Pyramid and ZODB so that views, reports, imports and demo data
all share one tested implementation of these Thai conventions.  National ID
helpers have generic names (``clean``, ``is_valid``...) and are therefore
used through the ``national_id`` module rather than re-exported one by one.
"""

from damrong.thai import national_id
from damrong.thai.dates import (
    BANGKOK,
    BE_OFFSET,
    MONTHS,
    MONTHS_SHORT,
    bangkok_date,
    be_year,
    format_date,
    format_datetime,
    now_bangkok,
    parse_thai_date,
)
from damrong.thai.digits import format_number, format_percent, to_arabic_digits, to_thai_digits
from damrong.thai.fiscal import fiscal_month_starts, fiscal_year, fiscal_year_bounds
from damrong.thai.normalize import normalize_text

__all__ = [
    "BANGKOK",
    "BE_OFFSET",
    "MONTHS",
    "MONTHS_SHORT",
    "bangkok_date",
    "be_year",
    "fiscal_month_starts",
    "fiscal_year",
    "fiscal_year_bounds",
    "format_date",
    "format_datetime",
    "format_number",
    "format_percent",
    "national_id",
    "normalize_text",
    "now_bangkok",
    "parse_thai_date",
    "to_arabic_digits",
    "to_thai_digits",
]
