"""Receipt numbers: per center, per calendar year, consecutive, never repeated.

The counter deliberately has no conflict resolution. Two transactions that take a number at the
same moment must conflict, so that one of them is retried (pyramid_retry) and takes the next
number; a conflict-resolving counter (like ``BTrees.Length``) would hand both the same number.
An aborted transaction returns its number, so the sequence has no gaps either.
"""

from persistent import Persistent

from .thai.dates import be_year
from .thai.digits import to_thai_digits


class SequenceCounter(Persistent):
    """The last number handed out; ``take()`` hands out the next one."""

    def __init__(self):
        self.value = 0

    def take(self):
        self.value += 1
        return self.value


def next_receipt_number(center, received_at):
    """Take the next receipt number of ``center`` for the calendar year of ``received_at``.

    Returns ``(be_year, number)``.
    """
    year = be_year(received_at)
    counter = center.receipt_counters.get(year)
    if counter is None:
        counter = center.receipt_counters[year] = SequenceCounter()
    return year, counter.take()


def format_receipt(year, number, thai_digits=True):
    """``รับที่ ๑๒๓/๒๕๖๘``, the form printed on the receipt stamp."""
    text = f"{number}/{year}"
    return "รับที่ " + (to_thai_digits(text) if thai_digits else text)
