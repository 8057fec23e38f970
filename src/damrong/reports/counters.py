"""The summary counters: how many complaints each center counts per table × month × category ×
public state, moved in the same transaction as the change that moves it.

A complaint is counted in one *cell*: the centers that see it (its lineage: ministry, province,
district), the level of the center that holds it (which taxonomy its category comes from, hence
which official table it is a row of), the Bangkok month it was received, its category and its
public state (config/workflow.yaml's ``public``). The complaint remembers the cell it is counted
in (``_summary_cell``), so following a change is: if the cell differs, take one from the old
cell and add one to the new one. That covers every way a complaint can move (edit of the
category or the received time, a transition into or out of closed, a transfer to another
center, removal) without the counters knowing which of them happened.

The counts of one center in one month are one persistent object, a ``MonthCounts`` of plain
ints, in the ``months`` tree keyed ``(code, month)``. A complaint moves the counts of the three
centers of its lineage, so a registration writes three small records and an import of old
records spread over years writes one per center-month it touches, however many cells that is
(one ``BTrees.Length`` per cell, as before, cost a record and a cold load per cell, some 30 %
of such an import). Two transactions changing one center-month at once both commit:
``MonthCounts`` resolves the conflict by adding their changes. (The first count of a
center-month inserts its key into the tree; two such inserts of the same key at once conflict
once and the request is retried.)

Reading a table or a center's total over a period is a range scan of ``months`` from
``(code, first month)`` to ``(code, last month)``: twelve small records for a fiscal year.
Outside this module (verify.py, a ``Tally``) a count is named by a flat key: ``cells``
``(code, table, month, category, state)`` and ``totals`` ``(code, month, state)``.
"""

import pickle
from typing import NamedTuple

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.threadlocal import get_current_registry

from ..thai.dates import bangkok_date

#: The two kinds of count: a center's cells, and its totals over every table (its row in its
#: parent's breakdown).
NAMES = ("cells", "totals")


class Cell(NamedTuple):
    """Where one complaint is counted."""

    lineage: tuple   # center codes from the ministry down to the complaint's center
    table: str       # the level of the complaint's center: district, province or ministry
    month: int       # yyyymm (Christian era) of the Bangkok date it was received
    category: str
    state: str       # public state: closed or in-progress


def month_key(day):
    """``yyyymm`` of a date (Christian era): how months are keyed in the counters."""
    return day.year * 100 + day.month


def cell_of(complaint, workflow=None):
    """The cell a complaint counts in now."""
    workflow = workflow or get_current_registry().workflow
    center = complaint.center
    return Cell(tuple(center.lineage_codes), center.level,
                month_key(bangkok_date(complaint.received_at)),
                complaint.type["category"], workflow.states[complaint.status]["public"])


class Tally:
    """Counts under their flat keys, in plain dicts: a batch's moves before they are applied to
    the counters, and the recount of verify.py. ``add`` is the one place a cell becomes keys,
    so neither can key a cell differently from the other."""

    def __init__(self):
        self.cells, self.totals = {}, {}

    def add(self, cell, delta):
        for code in cell.lineage:
            _bump(self.cells, (code, cell.table, cell.month, cell.category, cell.state), delta)
            _bump(self.totals, (code, cell.month, cell.state), delta)


def _split(name, key):
    """A flat key of ``name`` → its ``(code, month)`` and its key inside that ``MonthCounts``."""
    if name == "cells":
        code, table, month, category, state = key
        return (code, month), (table, category, state)
    code, month, state = key
    return (code, month), state


def _join(name, code, month, inner):
    """``_split`` undone."""
    if name == "cells":
        table, category, state = inner
        return code, table, month, category, state
    return code, month, inner


def _bump(counts, key, delta):
    """Add ``delta`` to one count of a dict; a count that comes to zero is dropped."""
    value = counts.get(key, 0) + delta
    if value:
        counts[key] = value
    else:
        counts.pop(key, None)


def _add(counts, deltas):
    for key, delta in deltas.items():
        _bump(counts, key, delta)


def _pack(cells, totals):
    return pickle.dumps((cells, totals), protocol=5)


class MonthCounts(Persistent):
    """One center's counts of one month: ``cells`` {(table, category, state): n} and ``totals``
    {state: n}, plain dicts of ints without zeros.

    Its record is one inner pickle of the two dicts (``__getstate__``): ZODB's pickler asks a
    Python hook of every object it writes (each tuple, string and int of the dicts) whether it
    is a reference; pickled apart, in C, they cost one question.

    ``_p_resolveConflict`` lets two transactions that changed the same center-month (two clerks
    registering at one district at once) both commit: each count becomes the committed one plus
    this transaction's change to it. This is what keeps concurrent registrations free of
    conflicts on the counters, as one ``BTrees.Length`` per cell did before.
    """

    def __init__(self):
        self.cells, self.totals = {}, {}

    def change(self, cells, totals):
        """Add the deltas ``cells`` and ``totals`` (keyed like the counts)."""
        _add(self.cells, cells)
        _add(self.totals, totals)
        self._p_changed = True

    def __getstate__(self):
        return _pack(self.cells, self.totals)

    def __setstate__(self, state):
        cells, totals = pickle.loads(state)
        super().__setstate__({"cells": cells, "totals": totals})

    def _p_resolveConflict(self, old, committed, new):
        """``committed`` + (``new`` − ``old``), count by count; each is a stored state."""
        old, committed, new = (pickle.loads(state) for state in (old, committed, new))
        for was, now, merged in zip(old, new, committed):
            for key in was.keys() | now.keys():
                _bump(merged, key, now.get(key, 0) - was.get(key, 0))
        return _pack(*committed)


class SummaryCounters(Persistent):
    """``months``: (code, month) → ``MonthCounts``, that center's counts of that month."""

    def __init__(self):
        self.months = OOBTree()

    # -- maintenance ------------------------------------------------------------------------

    def follow(self, complaint, cell):
        """Count ``complaint`` in ``cell`` (``None``: it is gone) instead of where it was."""
        self.follow_many([(complaint, cell)])

    def follow_many(self, moves):
        """``follow`` for many ``(complaint, cell)`` pairs at once (a batch of registrations):
        the moves are tallied first, so each center-month is changed once for the batch."""
        tally = Tally()
        for complaint, cell in moves:
            old = getattr(complaint, "_summary_cell", None)
            if old == cell:
                continue
            if old is not None:
                tally.add(Cell(*old), -1)
            if cell is not None:
                tally.add(cell, 1)
            complaint._summary_cell = tuple(cell) if cell is not None else None
        self.apply(tally)

    def add(self, cell, delta):
        """Count ``delta`` more in ``cell``."""
        tally = Tally()
        tally.add(cell, delta)
        self.apply(tally)

    def apply(self, tally):
        """Add the counts of a ``Tally``, changing each center-month it touches once."""
        changes = {}
        for name in NAMES:
            for key, delta in getattr(tally, name).items():
                where, inner = _split(name, key)
                if where not in changes:
                    changes[where] = {each: {} for each in NAMES}
                changes[where][name][inner] = delta
        for where, deltas in changes.items():
            counts = self.months.get(where)
            if counts is None:
                counts = self.months[where] = MonthCounts()
            counts.change(**deltas)

    def set(self, name, key, value):
        """Set the count of flat ``key`` of ``name`` outright (``verify-counters --repair``)."""
        delta = value - self.count(name, key)
        if delta:
            tally = Tally()
            getattr(tally, name)[key] = delta
            self.apply(tally)

    # -- reading ----------------------------------------------------------------------------

    def table(self, code, table, first_month, last_month):
        """``{category: {state: n}}`` of one table of center ``code``, months inclusive."""
        counts = {}
        for month_counts in self._months_of(code, first_month, last_month):
            for (in_table, category, state), value in month_counts.cells.items():
                if in_table == table:
                    by_state = counts.setdefault(category, {})
                    by_state[state] = by_state.get(state, 0) + value
        return counts

    def total(self, code, first_month, last_month):
        """``{state: n}`` of everything center ``code`` sees, months inclusive."""
        counts = {}
        for month_counts in self._months_of(code, first_month, last_month):
            _add(counts, month_counts.totals)
        return counts

    def month_cells(self, code, month):
        """``{(table, category, state): n}`` of center ``code`` in one month (freezing)."""
        counts = self.months.get((code, month))
        return dict(counts.cells) if counts is not None else {}

    def _months_of(self, code, first_month, last_month):
        return self.months.values((code, first_month), (code, last_month))

    # -- by flat key (verify.py) ------------------------------------------------------------

    def items(self, name):
        """Every count of ``name`` (cells or totals): ``(flat key, n)``."""
        for (code, month), counts in self.months.items():
            for inner, value in getattr(counts, name).items():
                yield _join(name, code, month, inner), value

    def count(self, name, key):
        """The count of flat ``key`` of ``name``."""
        where, inner = _split(name, key)
        counts = self.months.get(where)
        return getattr(counts, name).get(inner, 0) if counts is not None else 0
