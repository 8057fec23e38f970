"""The summary counters: one conflict-free count per center × table × month × category × public
state, moved in the same transaction as the change that moves it.

A complaint is counted in one *cell*: the centers that see it (its lineage: ministry, province,
district), the level of the center that holds it (which taxonomy its category comes from, hence
which official table it is a row of), the Bangkok month it was received, its category and its
public state (config/workflow.yaml's ``public``). The complaint remembers the cell it is counted
in (``_summary_cell``), so following a change is: if the cell differs, take one from the old
cell and add one to the new one. That covers every way a complaint can move (edit of the
category or the received time, a transition into or out of closed, a transfer to another
center, removal) without the counters knowing which of them happened.

Each count is a ``BTrees.Length.Length``, whose conflict resolution adds concurrent changes, so
two registrations at the same center and month never conflict on it. (The first registration
in a new cell inserts the key into the BTree; two such inserts at once conflict once and the
request is retried.)

Keys sort so that the reads are range scans: a table over a period is the cells of
``(code, table, first month)`` … ``(code, table, last month)``; a center's totals (a row of its
parent's breakdown) come from ``totals`` keyed ``(code, month, state)``.
"""

from typing import NamedTuple

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.threadlocal import get_current_registry

from ..thai.dates import bangkok_date

#: Sorts after every category code and public state: the upper end of a range scan.
_HIGHEST = "\U0010ffff"


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


class SummaryCounters(Persistent):
    """``cells``: (code, table, month, category, state) → Length; ``totals``: (code, month,
    state) → Length, every table of a center together (its row in its parent's breakdown)."""

    def __init__(self):
        self.cells = OOBTree()
        self.totals = OOBTree()

    # -- maintenance ------------------------------------------------------------------------

    def follow(self, complaint, cell):
        """Count ``complaint`` in ``cell`` (``None``: it is gone) instead of where it was."""
        self.follow_many([(complaint, cell)])

    def follow_many(self, moves):
        """``follow`` for many ``(complaint, cell)`` pairs at once (a batch of registrations):
        the moves are tallied first, so each count is changed once for the batch."""
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
        for name in ("cells", "totals"):
            tree = getattr(self, name)
            for key, delta in getattr(tally, name).items():
                if delta:
                    self._bump(tree, key, delta)

    def add(self, cell, delta):
        for code in cell.lineage:
            self._bump(self.cells, (code, cell.table, cell.month, cell.category, cell.state),
                       delta)
            self._bump(self.totals, (code, cell.month, cell.state), delta)

    @staticmethod
    def _bump(tree, key, delta):
        length = tree.get(key)
        if length is None:
            length = tree[key] = Length(0)
        length.change(delta)

    def set(self, tree, key, value):
        """Set one count outright (``verify-counters --repair``)."""
        length = tree.get(key)
        self._bump(tree, key, value - (length() if length is not None else 0))

    # -- reading ----------------------------------------------------------------------------

    def table(self, code, table, first_month, last_month):
        """``{category: {state: n}}`` of one table of center ``code``, months inclusive."""
        counts = {}
        for (_, _, _, category, state), length in self.cells.items(
                (code, table, first_month), (code, table, last_month, _HIGHEST)):
            value = length()
            if value:
                by_state = counts.setdefault(category, {})
                by_state[state] = by_state.get(state, 0) + value
        return counts

    def total(self, code, first_month, last_month):
        """``{state: n}`` of everything center ``code`` sees, months inclusive."""
        counts = {}
        for (_, _, state), length in self.totals.items(
                (code, first_month), (code, last_month, _HIGHEST)):
            counts[state] = counts.get(state, 0) + length()
        return counts

    def month_cells(self, code, month):
        """``{(table, category, state): n}`` of center ``code`` in one month (freezing)."""
        found = {}
        for table in ("ministry", "province", "district"):
            for (_, _, _, category, state), length in self.cells.items(
                    (code, table, month), (code, table, month, _HIGHEST)):
                if length():
                    found[(table, category, state)] = length()
        return found


class Tally(SummaryCounters):
    """The counters' own ``add`` over plain dicts of ints: a batch's moves before they are
    applied, and the recount of verify.py, so neither can key a cell differently from the
    maintenance."""

    def __init__(self):  # no persistent trees: plain dicts
        self.cells, self.totals = {}, {}

    @staticmethod
    def _bump(tree, key, delta):
        tree[key] = tree.get(key, 0) + delta
