"""A center's complaints: filters, counts and pages, answered from the listing index."""

import datetime
import time

from pyramid.view import view_config

from .. import params as checked
from ..forms import DATE_EXAMPLE, date_problem
from ..listing import fiscal_year_range
from ..resources.center import Center
from ..thai.dates import BANGKOK, TypedDateError, now_bangkok, parse_typed_date
from ..thai.fiscal import fiscal_year

FIRST_FISCAL_YEAR = 2560


def _dates(filters):
    """The from–to dates as typed (วัน/เดือน/ปี พ.ศ.), and what is wrong with one, if anything."""
    dates, problem = [], None
    for text in (filters["from"], filters["to"]):
        try:
            dates.append(parse_typed_date(text)[0] if text else None)
        except TypedDateError as error:
            dates.append(None)
            problem = problem or date_problem(error)
    return dates, problem


def _time_bounds(filters, first, last):
    """The received-time range the filters ask for: fiscal year and/or from–to dates."""
    start = end = None
    year = checked.fiscal_year(filters, "fy")
    if year is not None:
        start, end = fiscal_year_range(year, BANGKOK)
    if first:
        day_start = datetime.datetime.combine(first, datetime.time(), BANGKOK)
        start = max(start, day_start) if start else day_start
    if last:
        day_end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(), BANGKOK)
        end = min(end, day_end) if end else day_end
    return start, end


@view_config(context=Center, permission="view", renderer="damrong:templates/listing.pt")
def listing(request):
    began = time.perf_counter()
    center = request.context
    taxonomy = request.registry.taxonomy
    workflow = request.registry.workflow
    params = request.GET
    filters = {name: params.get(name, "").strip()
               for name in ("category", "channel", "status", "fy", "from", "to", "level", "public")}
    filters["own"] = params.get("own") == "1"
    # ``owned=1`` (a summary's drill-down): only complaints owned in the center's lineage, as
    # the summaries count them, not those merely sent to one of its centers for action
    filters["owned"] = params.get("owned") == "1"
    offset = checked.offset(params)
    (first, last), error = _dates(filters)
    start, end = _time_bounds(filters, first, last)
    limit = request.registry.app_settings.page_size
    site = request.root
    page = site.listing.query(
        center.code, own_only=filters["own"],
        filters=dict({k: filters[k] for k in ("category", "channel", "status", "level", "public")},
                     owners=center.code if filters["owned"] else ""),
        start=start, end=end, offset=offset, limit=limit)
    subcenters = center.subcenters()

    def page_url(new_offset):
        query = {k: v for k, v in params.items() if k != "offset" and v}
        if new_offset:
            query["offset"] = str(new_offset)
        return request.resource_url(center, query=query)

    locale = request.locale_name
    level = center.level if center.level != "ministry" else "province"
    categories = taxonomy.categories(level, locale)
    if center.level != "district":  # a province also lists its districts' complaints
        categories = categories[:-1] + taxonomy.categories("district", locale)
    return {
        "center": center,
        "page": page,
        "filters": filters,
        "error": error,
        "date_example": DATE_EXAMPLE,
        "subcenters": subcenters,
        "counts": {sub.code: site.listing.count("lineage", sub.code) for sub in subcenters},
        "categories": categories,
        "channels": taxonomy.choices("channel", locale),
        "statuses": [(code, workflow.label(code, locale)) for code in workflow.states],
        "fiscal_years": list(range(fiscal_year(now_bangkok()), FIRST_FISCAL_YEAR - 1, -1)),
        "previous_url": page_url(max(offset - limit, 0)),
        "next_url": page_url(offset + limit),
        "elapsed_ms": (time.perf_counter() - began) * 1000,
    }
