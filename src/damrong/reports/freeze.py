"""Month-end freeze: the figures "as of month end" (ข้อมูล ณ สิ้นเดือน) the monthly report sends.

On the first day of a month the worker copies every center's counters of the month before into
a ``FrozenMonth``; it never changes afterwards. A later correction moves the live counters only,
so a page shows the frozen figures beside the live ones and marks where they differ.
"""

import datetime
import logging

import transaction
from BTrees.IOBTree import IOBTree
from BTrees.OOBTree import OOBTree
from persistent import Persistent

from ..resources.site import get_site
from ..thai.dates import now_bangkok
from .counters import month_key

log = logging.getLogger(__name__)


class FrozenMonth(Persistent):
    """One month's figures as frozen: ``centers`` maps a center code to its
    ``{(table, category, state): n}`` (centers with no complaint that month are left out)."""

    def __init__(self, month, frozen_at):
        self.month = month
        self.frozen_at = frozen_at
        self.centers = OOBTree()


class FrozenReports(Persistent):
    """``months``: yyyymm → ``FrozenMonth``."""

    def __init__(self):
        self.months = IOBTree()

    def get(self, month):
        return self.months.get(month)

    def frozen_months(self):
        """Months frozen so far, newest first."""
        return list(reversed(self.months.keys()))


def previous_month(today):
    first = today.replace(day=1) - datetime.timedelta(days=1)
    return month_key(first)


def freeze_month(site, month, now=None):
    """Freeze every center's figures of ``month`` (yyyymm); a month frozen already is kept as
    it was. Returns the ``FrozenMonth``."""
    frozen = site.frozen.get(month)
    if frozen is not None:
        return frozen
    frozen = site.frozen.months[month] = FrozenMonth(
        month, now or datetime.datetime.now(datetime.timezone.utc))
    for code in site.centers.keys():
        cells = site.summaries.month_cells(code, month)
        if cells:
            frozen.centers[code] = cells
    return frozen


def freeze_due(db, today=None):
    """The worker's check, every poll: freeze last month if it is not frozen yet (the first
    poll on the 1st does it; a worker that was down then does it when it comes back)."""
    month = previous_month(today or now_bangkok().date())
    tm = transaction.TransactionManager()
    connection = db.open(transaction_manager=tm)
    try:
        site = get_site(connection)
        if site is None or site.frozen.get(month) is not None:
            return False
        freeze_month(site, month)
        tm.get().note(f"freeze {month}")
        tm.commit()
        log.info("froze the figures of %s", month)
        return True
    finally:
        tm.abort()
        connection.close()
