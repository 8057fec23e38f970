"""``damrong verify-counters``: recount the summary cells from the complaints themselves.

The counters are derived data (ARCHITECTURE: ZODB is the truth); this recount walks every
center's complaints folder (not the listing index, itself derived), builds the counts the
counters should hold and reports every cell where they differ. ``repair`` sets them to the
recount and re-marks each complaint with the cell it is counted in.
"""

from dataclasses import dataclass

from .counters import NAMES, Tally, cell_of


@dataclass
class Drift:
    tree: str       # cells or totals
    key: tuple
    maintained: int
    recounted: int


def recount(site, workflow, center_code=None):
    """A ``Tally`` of every complaint (``{flat key: n}`` for cells and totals) and the
    complaints with their cells. ``center_code``: only complaints it sees."""
    scratch = Tally()
    complaints = []
    seen = _seen(site, center_code) if center_code else None
    for code, center in site.centers.items():
        if seen is not None and code not in seen:
            continue
        for complaint in center.complaints.values():
            cell = cell_of(complaint, workflow)
            scratch.add(cell, 1)
            complaints.append((complaint, cell))
    return scratch, complaints


def verify(site, workflow, center_code=None, repair=False):
    """Cells where the counters differ from a recount (all of them fixed if ``repair``)."""
    scratch, complaints = recount(site, workflow, center_code)
    counters = site.summaries
    drifts = []
    seen = _seen(site, center_code) if center_code else None

    def covered(key):
        """The recount of one center holds only part of the counts of the centers above it."""
        return seen is None or key[0] in seen

    for name in NAMES:
        wanted = getattr(scratch, name)
        keys = {key for key in wanted if covered(key)}
        keys.update(key for key, _n in counters.items(name) if covered(key))
        for key in sorted(keys):
            maintained = counters.count(name, key)
            if maintained != wanted.get(key, 0):
                drifts.append(Drift(name, key, maintained, wanted.get(key, 0)))
                if repair:
                    counters.set(name, key, wanted.get(key, 0))
    if repair:
        for complaint, cell in complaints:
            complaint._summary_cell = tuple(cell)
    return drifts


def _seen(site, center_code):
    """Codes of the center and those below it: the counters' rows a partial check covers."""
    return {code for code, center in site.centers.items() if center_code in center.lineage_codes}

