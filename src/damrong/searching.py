"""Searching complaints as a user: what the web page, the JSON view and the command share.

The user's center decides what they may find (visibility.py: every complaint's entry carries the
codes of the centers that see it, and a search asks for the user's center code), enforced
inside the engine's query so that totals and facet counts never include another
center's complaints; their role decides whether the complainant's name and ID are searchable.
"""

from dataclasses import dataclass

from pyramid.traversal import find_resource

from . import params as checked
from .scans.names import exact_reference
from .search import FACETS, SORTS

PAGE_SIZE = 20


@dataclass
class Found:
    """One result: the complaint, its score, a highlighted snippet and the page it came from."""

    complaint: object
    score: float
    snippet: str
    document: object
    page_number: int | None


def search_complaints(site, index, center, text, *, can_see_personal, filters=None,
                      sort="relevance", offset=0, limit=PAGE_SIZE):
    """Search ``center``'s complaints (and its sub-centers'); returns ``(results, found)``."""
    results = index.search(text, filters=filters or {}, allowed_centers=[center.code],
                           can_see_personal=can_see_personal,
                           sort=sort if sort in SORTS else "relevance",
                           offset=max(offset, 0), limit=limit)
    found = []
    for hit in results.hits:
        try:
            complaint = find_resource(site, hit.id)
        except KeyError:  # removed since it was indexed; the outbox deletes it shortly
            continue
        document = complaint.get(hit.page.document) if hit.page else None
        found.append(Found(complaint, hit.score, hit.snippet, document,
                           hit.page.number if hit.page else None))
    return results, found


def named_complaint(site, center, text):
    """The one complaint ``text`` names exactly by its receipt number (at ``center`` or a center
    right below it) or its tracking code, or ``None``: a full-text search for ``๑๕/๒๕๖๙`` would
    find every complaint of that year. Whether the user may see it is the caller's check."""
    hints = exact_reference(text)
    if hints is None:
        return None
    if hints.code:
        return site.tracking.get(hints.code)
    year, number = hints.receipt
    found = [c.complaints.get(f"{year}-{number}") for c in [center] + center.subcenters()]
    found = [complaint for complaint in found if complaint is not None]
    return found[0] if len(found) == 1 else None


def filters_from(params):
    """Facet filters from query parameters (a facet may be given several times); a fiscal year
    that is no year raises ``params.BadParameter``."""
    filters = {name: params.getall(name) for name in FACETS if params.getall(name)}
    if "fiscal_year" in filters:
        filters["fiscal_year"] = checked.fiscal_years(params, "fiscal_year")
    return filters
