"""The published summary of a center over a period, in the ministry's official shape.

For each table of a center (a district: its own, under the 5 district categories; a province:
its own under the 13 province categories and its districts' under the 5; the ministry: the
national province and district tables, and its own if it has any) one row per category, the
closed, in-progress and total columns, a total row and the official note; and one row per
center below it. Everything is read from the maintained counters (counters.py); only the days of
a date range outside whole months are counted from the listing index, complaint by complaint.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..i18n import _
from ..listing import key_bounds
from .counters import Cell
from .periods import day_bounds

CLOSED, IN_PROGRESS = "closed", "in-progress"
#: The official note under a table; numbers are filled in by whoever shows it (Display.translate
#: writes them in the reader's digits).
NOTE = _("เรื่องร้องเรียนทั้งหมด จำนวน ${total} เรื่อง ยุติแล้ว จำนวน ${closed} เรื่อง "
         "คิดเป็นร้อยละ ${percent} อยู่ระหว่างดำเนินการ จำนวน ${open} เรื่อง")
TABLE_TITLES = {
    ("district", "district"): _("ศูนย์ดำรงธรรมอำเภอ"),
    ("province", "province"): _("ศูนย์ดำรงธรรมจังหวัด"),
    ("province", "district"): _("ศูนย์ดำรงธรรมอำเภอในจังหวัด"),
    ("ministry", "province"): _("ศูนย์ดำรงธรรมจังหวัด (ทั้งประเทศ)"),
    ("ministry", "district"): _("ศูนย์ดำรงธรรมอำเภอ (ทั้งประเทศ)"),
    ("ministry", "ministry"): _("ศูนย์ดำรงธรรมกระทรวงมหาดไทย"),
}


def percent(part, whole):
    """``part`` of ``whole`` in per cent, two places, rounded half up from the exact integers."""
    if not whole:
        return Decimal("0.00")
    return (Decimal(part * 100) / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass
class Counts:
    closed: int = 0
    in_progress: int = 0

    @property
    def total(self):
        return self.closed + self.in_progress

    @property
    def percent_closed(self):
        return percent(self.closed, self.total)

    @classmethod
    def of(cls, by_state):
        return cls(by_state.get(CLOSED, 0), by_state.get(IN_PROGRESS, 0))


@dataclass
class Row:
    number: int
    category: str
    label: str
    counts: Counts


@dataclass
class Table:
    """One official table: ``level`` is the taxonomy of its rows (and of the cells it reads)."""

    level: str
    title: str
    rows: list
    counts: Counts

    @property
    def note(self):
        return note(self.counts)


@dataclass
class CenterRow:
    center: object
    counts: Counts


@dataclass
class Summary:
    center: object
    period: object
    tables: list
    breakdown: list = field(default_factory=list)


def note(counts):
    """The official note as a message with its figures (ints; the percentage as text)."""
    return _(NOTE, mapping={"total": counts.total, "closed": counts.closed,
                            "percent": f"{counts.percent_closed:.2f}",
                            "open": counts.in_progress})


def table_levels(center):
    """The tables a center publishes, by the level of the centers whose complaints they count."""
    if center.level == "district":
        return ["district"]
    return ["province", "district"] if center.level == "province" else ["province", "district",
                                                                         "ministry"]


def summarize(site, center, period, taxonomy, locale="th", cells=None):
    """The ``Summary`` of ``center`` over ``period``. ``cells`` (a frozen report's
    ``{code: {(table, category, state): n}}``) replaces the live counters."""
    tables = []
    for level in table_levels(center):
        by_category = (_frozen_table(cells, center.code, level) if cells is not None
                       else table_counts(site, center.code, level, period))
        if level == "ministry" and not by_category:
            continue
        tables.append(build_table(taxonomy, center, level, by_category, locale))
    breakdown = [CenterRow(sub, Counts.of(_frozen_total(cells, sub.code) if cells is not None
                                          else total_counts(site, sub.code, period)))
                 for sub in center.subcenters()]
    return Summary(center, period, tables, breakdown)


def build_table(taxonomy, center, level, by_category, locale="th"):
    """Rows for every category of ``level`` (numbered from ๑), then any other code counted
    there (a retired category, one brought by a transfer), so the total row is always the sum."""
    entries = taxonomy.categories(level, locale)
    known = {code for code, _label in entries}
    entries += [(code, taxonomy.label("category", code, locale))
                for code in sorted(by_category) if code not in known]
    rows = [Row(number, code, label, Counts.of(by_category.get(code, {})))
            for number, (code, label) in enumerate(entries, start=1)]
    total = Counts(sum(r.counts.closed for r in rows), sum(r.counts.in_progress for r in rows))
    title = TABLE_TITLES[(center.level, level)]
    return Table(level, title, rows, total)


def table_counts(site, code, level, period):
    """``{category: {state: n}}`` of one table of center ``code`` over ``period``."""
    months = period.whole_months()
    counts = site.summaries.table(code, level, *months) if months else {}
    for cell in _partial_cells(site, code, period):
        if cell.table == level:
            by_state = counts.setdefault(cell.category, {})
            by_state[cell.state] = by_state.get(cell.state, 0) + 1
    return counts


def total_counts(site, code, period):
    """``{state: n}`` of everything center ``code`` sees over ``period``."""
    months = period.whole_months()
    counts = site.summaries.total(code, *months) if months else {}
    for cell in _partial_cells(site, code, period):
        counts[cell.state] = counts.get(cell.state, 0) + 1
    return counts


def _partial_cells(site, code, period):
    """The cells of the complaints center ``code`` counts (those of its lineage's owners, as
    the counters count them), received in the period's days outside whole months: a key range
    of the listing index (keys sort by time received)."""
    listing = site.listing
    keys = listing.keys_of("owners", code)
    if keys is None:
        return
    for first, after in period.partial_days():
        low, high = key_bounds(*day_bounds(first, after))
        for key in keys.keys(low, high):
            yield Cell(*listing.complaint(key)._summary_cell)


def _frozen_table(cells, code, level):
    counts = {}
    for (table, category, state), n in cells.get(code, {}).items():
        if table == level:
            counts.setdefault(category, {})[state] = n
    return counts


def _frozen_total(cells, code):
    counts = {}
    for (_table, _category, state), n in cells.get(code, {}).items():
        counts[state] = counts.get(state, 0) + n
    return counts
