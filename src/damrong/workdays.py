"""Deadlines in working days: a report due "in 15 days" is due 15 working days later, skipping
Saturdays, Sundays and the days government offices are closed.

The holidays are Thailand's public and government-office holidays of the ``holidays`` package
(the lunar Buddhist days, substitution days and special days it knows, for any year), corrected
by config/holidays.yaml per Buddhist-era year: days the cabinet closes later are added, days it
moved are taken out. The calendar is read at start-up and kept on the registry.
"""

import datetime
import os

import holidays
import yaml
from pyramid.threadlocal import get_current_registry

from .thai.dates import BANGKOK, TypedDateError, parse_typed_date

#: The ``holidays`` categories a government office is closed on (วันพืชมงคล is ``government``).
CATEGORIES = ("public", "government")


class HolidayConfigError(ValueError):
    """config/holidays.yaml has a date that is not one; the message names it."""


class WorkingCalendar:
    def __init__(self, closed=None, opened=()):
        """``closed``: ``{date: name}`` added to the package's holidays; ``opened``: dates
        taken out of them."""
        this_year = datetime.date.today().year
        # The years around now are worked out here, so requests only read (later years are
        # added by the package when first asked).
        self._package = holidays.country_holidays(
            "TH", years=range(this_year - 3, this_year + 4), language="th", categories=CATEGORIES)
        self.closed = dict(closed or {})
        self.opened = frozenset(opened)

    @classmethod
    def load(cls, config_dir):
        path = os.path.join(config_dir, "holidays.yaml")
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f) or {}
        closed, opened = {}, set()
        for year, days in data.items():
            for entry in days.get("closed") or ():
                closed[_date(entry["date"], year, path)] = entry.get("name", "")
            for entry in days.get("open") or ():
                opened.add(_date(entry["date"] if isinstance(entry, dict) else entry, year, path))
        return cls(closed, opened)

    def holiday(self, day):
        """The name of the holiday ``day`` is, or ``None`` (weekends are not named)."""
        if day in self.closed:
            return self.closed[day]
        if day in self.opened:
            return None
        return self._package.get(day)

    def is_working_day(self, day):
        return day.weekday() < 5 and self.holiday(day) is None

    def add(self, start, days):
        """The date ``days`` working days after ``start`` (``start`` itself when 0)."""
        day = start
        for _ in range(days):
            day += datetime.timedelta(days=1)
            while not self.is_working_day(day):
                day += datetime.timedelta(days=1)
        return day


def due_in(days, today=None):
    """The date a report is due ``days`` working days from ``today`` (Bangkok's, by default),
    by the application's calendar."""
    today = today or datetime.datetime.now(BANGKOK).date()
    return get_current_registry().working_calendar.add(today, days)


def _date(text, year, path):
    """A ``วัน/เดือน/ปี พ.ศ.`` date of the file, which must fall in the year it is listed under."""
    try:
        day, _clock = parse_typed_date(str(text))
    except TypedDateError:
        raise HolidayConfigError(f"{path}: {text!r} is not a date วัน/เดือน/ปี พ.ศ.") from None
    if day.year + 543 != int(year):
        raise HolidayConfigError(f"{path}: {text} is listed under {year}")
    return day
