"""สรุปผลการดำเนินงาน: a center's official tables over a period, every figure a link to exactly
the complaints it counts (the center's listing, filtered by the cell), the figures frozen at
month end beside the live ones, and the monthly report's files."""

import datetime
from urllib.parse import quote

from pyramid.response import Response
from pyramid.view import view_config

from ..forms import DATE_EXAMPLE
from ..pdf import pdf_response
from ..reports import periods
from ..reports.counters import month_key
from ..reports.exports import report_csv, report_xlsx
from ..reports.memo import report_pdf
from ..reports.summary import note, summarize
from ..resources.center import Center
from ..thai.dates import BE_OFFSET, format_typed_date, now_bangkok
from ..thai.fiscal import fiscal_year
from .listing import FIRST_FISCAL_YEAR

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def chosen_period(request):
    """The period the query asks for; a value that cannot be read raises
    ``params.BadParameter`` (400 in Thai, like every page's parameters)."""
    return periods.from_params(request.GET, now_bangkok().date())


def period_choices(display, today):
    """What the period form offers: fiscal years and the last 24 months, newest first."""
    years = list(range(fiscal_year(today), FIRST_FISCAL_YEAR - 1, -1))
    months, first = [], today.replace(day=1)
    for _ in range(24):
        value = f"{first.year + BE_OFFSET}-{first.month:02d}"
        months.append((value, display.period(periods.month(first.year, first.month))))
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return {"years": [(str(fy), display.fiscal_year(fy)) for fy in years], "months": months}


def note_text(display, counts):
    """The official note in the reader's language and digits."""
    message = note(counts)
    message.mapping["percent"] = display.digits(message.mapping["percent"])
    return display.translate(message)


class DrillDown:
    """Links from a summary's figures to the listing of exactly the complaints they count."""

    def __init__(self, request, center, period):
        self.request = request
        self.center = center
        last = period.after - datetime.timedelta(days=1)
        self.dates = {"from": format_typed_date(period.first), "to": format_typed_date(last)}

    def cell(self, level, category=None, state=None):
        query = dict(self.dates)
        if level == self.center.level:
            query["own"] = "1"
        else:  # by the owner's lineage: a case only *sent* to a center below is not its figure
            query["level"] = level
            query["owned"] = "1"
        if category:
            query["category"] = category
        if state:
            query["public"] = state
        return self.request.resource_url(self.center, query=query)

    def center_row(self, center, state=None):
        query = dict(self.dates, owned="1", **({"public": state} if state else {}))
        return self.request.resource_url(center, query=query)


def frozen_beside(site, summary, period, taxonomy, locale):
    """For a month that was frozen: the frozen ``Summary`` and when it was frozen; else None."""
    months = period.whole_months()
    if months is None or months[0] != months[1] or period.partial_days():
        return None
    frozen = site.frozen.get(months[0])
    if frozen is None:
        return None
    return summarize(site, summary.center, period, taxonomy, locale, cells=frozen.centers), frozen


def changes_since_freeze(live, frozen):
    """``{(table level, category)}`` of the rows whose live figures differ from the frozen."""
    rows = {}
    for summary, side in ((live, 0), (frozen, 1)):
        for table in summary.tables:
            for row in table.rows:
                rows.setdefault((table.level, row.category), [None, None])[side] = row.counts
    return {key for key, (now, then) in rows.items() if now != then}


@view_config(context=Center, name="summary", permission="reports",
             renderer="damrong:templates/summary.pt")
def summary_page(request):
    center = request.context
    site = request.root
    period = chosen_period(request)
    taxonomy = request.registry.taxonomy
    summary = summarize(site, center, period, taxonomy, request.locale_name)
    beside = frozen_beside(site, summary, period, taxonomy, request.locale_name)
    today = now_bangkok().date()
    query = dict(period.query)
    return {
        "center": center,
        "summary": summary,
        "period": period,
        "frozen": beside,
        "frozen_changes": changes_since_freeze(summary, beside[0]) if beside else set(),
        "frozen_months": [(m, periods.month(m // 100, m % 100)) for m in site.frozen.frozen_months()
                          if m <= month_key(today)][:24],
        "choices": period_choices(request.display, today),
        "params": request.GET,
        "date_example": DATE_EXAMPLE,
        "drill": DrillDown(request, center, period),
        "note_text": lambda counts: note_text(request.display, counts),
        "export_url": lambda kind: request.resource_url(center, f"@@summary.{kind}", query=query),
    }


def report_summary(request):
    """The summary a monthly report sends: the frozen figures of a frozen month, else the live
    ones (a report asked for before the month closed). Always in Thai."""
    center = request.context
    period = chosen_period(request)
    taxonomy = request.registry.taxonomy
    live = summarize(request.root, center, period, taxonomy)
    beside = frozen_beside(request.root, live, period, taxonomy, "th")
    return (beside[0], beside[1].frozen_at) if beside else (live, None)


def _filename(summary, extension):
    return f"summary-{summary.center.code}-{'-'.join(v for _k, v in summary.period.query)}.{extension}"


@view_config(context=Center, name="summary.pdf", permission="reports")
def summary_pdf(request):
    summary, frozen_at = report_summary(request)
    return pdf_response(report_pdf(summary, request, frozen_at), _filename(summary, "pdf"))


@view_config(context=Center, name="summary.xlsx", permission="reports")
def summary_xlsx(request):
    summary, frozen_at = report_summary(request)
    return _download(report_xlsx(summary, frozen_at), XLSX, _filename(summary, "xlsx"))


@view_config(context=Center, name="summary.csv", permission="reports")
def summary_csv(request):
    summary, frozen_at = report_summary(request)
    return _download(report_csv(summary, frozen_at), "text/csv", _filename(summary, "csv"),
                     charset="utf-8")


def _download(body, content_type, filename, charset=None):
    return Response(body, content_type=content_type, charset=charset,
                    content_disposition=f"attachment; filename*=UTF-8''{quote(filename)}")
