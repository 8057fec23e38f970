"""The search page of a center and its JSON twin: one box, facets with counts, snippets."""

import time

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from .. import params as checked, personal
from ..i18n import _
from ..resources.center import Center
from ..search import FACETS
from ..searching import PAGE_SIZE, filters_from, named_complaint, search_complaints


def _run(request):
    center = request.context
    params = request.GET
    text = params.get("q", "").strip()
    began = time.perf_counter()
    results, found = search_complaints(
        request.root, request.registry.indexer.index, center, text,
        can_see_personal=personal.may_see(request, center),
        filters=filters_from(params), sort=params.get("sort", "relevance"),
        offset=checked.offset(params))
    return text, results, found, (time.perf_counter() - began) * 1000


@view_config(context=Center, name="search", permission="view",
             renderer="damrong:templates/search.pt")
def search_page(request):
    """A receipt number or tracking code that names one complaint the user sees goes straight
    to it; anything else is a full-text search."""
    complaint = named_complaint(request.root, request.context, request.GET.get("q", ""))
    if complaint is not None and request.has_permission("view", complaint):
        return HTTPSeeOther(request.resource_url(complaint))
    text, results, found, elapsed_ms = _run(request)
    params = request.GET
    offset = checked.offset(params)

    def url_with(**changes):
        query = [(k, v) for k, v in params.items() if k not in changes and k != "offset"]
        for key, value in changes.items():
            if value not in (None, ""):
                query.append((key, value))
        return request.resource_url(request.context, "@@search", query=query)

    def facet_url(name, value):
        """Toggle one facet value, keeping the others."""
        chosen = params.getall(name)
        query = [(k, v) for k, v in params.items() if k not in (name, "offset")]
        values = [v for v in chosen if v != value] if value in chosen else chosen + [value]
        query += [(name, v) for v in values]
        return request.resource_url(request.context, "@@search", query=query)

    display, centers = request.display, request.root.centers

    def facet_label(name, value):
        if name == "status":
            return display.status(value)
        if name in ("category", "channel"):
            return display.label(name, value)
        if name == "center":
            return display.center_name(centers[value]) if value in centers else value
        return display.fiscal_year(int(value))

    return {
        "center": request.context,
        "q": text,
        "facet_label": facet_label,
        "sort": params.get("sort", "relevance"),
        "results": results,
        "found": found,
        "facet_names": FACETS,
        "chosen": {name: params.getall(name) for name in FACETS},
        "facet_url": facet_url,
        "offset": offset,
        "page_size": PAGE_SIZE,
        "previous_url": url_with(offset=str(max(offset - PAGE_SIZE, 0)) if offset > PAGE_SIZE else None),
        "next_url": url_with(offset=str(offset + PAGE_SIZE)),
        "sort_url": lambda sort: url_with(sort=sort),
        "elapsed_ms": elapsed_ms,
        "facet_titles": {
            "status": _("สถานะ"), "category": _("ประเภทเรื่อง"), "center": _("ศูนย์"),
            "channel": _("ช่องทาง"), "fiscal_year": _("ปีงบประมาณ"),
        },
    }


@view_config(context=Center, name="search.json", permission="view", renderer="json")
def search_json(request):
    """The same search for scripts and the page's own enhancements."""
    text, results, found, elapsed_ms = _run(request)
    return {
        "query": text,
        "total": results.total,
        "elapsed_ms": round(elapsed_ms, 1),
        "facets": results.facets,
        "hits": [hit_json(request, item) for item in found],
    }


def hit_json(request, item):
    complaint = item.complaint
    return {
        "tracking_code": complaint.tracking_code,
        "receipt": f"{complaint.receipt_number}/{complaint.receipt_year}",
        "subject": complaint.subject,
        "status": complaint.status,
        "score": round(item.score, 3),
        "snippet": item.snippet,
        "url": request.resource_url(complaint),
        "page_url": (request.resource_url(item.document, query={"n": item.page_number})
                     if item.document is not None else None),
    }
