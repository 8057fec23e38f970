"""Receipt and outgoing letter numbers: per center, per calendar year, consecutive, never repeated.

A center keeps two registers, each a map of Buddhist-era calendar year to a counter: received
petitions (``receipt_counters``, เลขรับ) and letters sent (``letter_counters``, เลขที่หนังสือส่ง).
Both restart every 1 January.

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


def next_in_year(counters, moment):
    """Take the next number of the register ``counters`` for the calendar year of ``moment``.

    Returns ``(be_year, number)``. A year's counter is created by its first number; two
    transactions creating it at once conflict on the key, as two taking a number do.
    """
    year = be_year(moment)
    counter = counters.get(year)
    if counter is None:
        counter = counters[year] = SequenceCounter()
    return year, counter.take()


def next_receipt_number(center, received_at):
    """Take the next receipt number of ``center`` for the calendar year of ``received_at``."""
    return next_in_year(center.receipt_counters, received_at)


def next_letter_number(center, issued_at):
    """Take the next outgoing letter number of ``center`` for the year of ``issued_at``."""
    return next_in_year(center.letter_counters, issued_at)


def format_receipt(year, number, thai_digits=True):
    """``รับที่ ๑๒๓/๒๕๖๘``, the form printed on the receipt stamp."""
    return _printed("รับที่", f"{number}/{year}", thai_digits)


def format_letter_number(prefix, number, thai_digits=True):
    """``ที่ มท ๐๒๐๕.๓/๓๕๑๒``: the agency prefix, ``/``, the running number (the year is not
    printed: the letter's date says it)."""
    return _printed("ที่", f"{prefix}/{number}", thai_digits)


def _printed(label, number, thai_digits):
    return f"{label} " + (to_thai_digits(number) if thai_digits else number)
