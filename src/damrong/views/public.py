"""The published summaries, for everyone without logging in: ``/summary`` (the nation) and
``/summary/<DOPA code>`` (a province or district center).

The same official tables as the staff page, with a bar chart by category, the month-by-month
trend of the fiscal year and, for the nation, a map of the provinces; no figure links to
complaints and nothing about a person is shown. They are pages of the citizens' site, in its
layout (public_layout.pt) beside following a case, filing one, the news and the answers.
"""

from pyramid.view import view_config

from ..i18n import _
from ..params import BadParameter
from ..reports import charts, periods
from ..reports.summary import Counts, summarize, total_counts
from ..resources.center import MINISTRY_CODE
from ..resources.site import Site
from ..thai.dates import MONTHS_SHORT, now_bangkok
from ..thai.fiscal import fiscal_month_starts, fiscal_year
from .home import message_page
from .summary import chosen_period, note_text, period_choices

_BAR_TITLE = _("จำนวนเรื่องแยกตามประเภท (สีเขียว: ยุติเรื่อง, สีเหลือง: อยู่ระหว่างดำเนินการ)")
_TREND_TITLE = _("จำนวนเรื่องรายเดือนในปีงบประมาณ")
_MAP_TITLE = {"volume": _("จำนวนเรื่องของแต่ละจังหวัด"), "rate": _("ร้อยละที่ยุติของแต่ละจังหวัด")}


def public_url(request, center):
    """A center's published summary: the clean address other pages (the citizens' site) link."""
    if center.code == MINISTRY_CODE:
        return request.resource_url(request.root, "summary")
    return request.resource_url(request.root, "summary", center.code)


def trend(site, center, period):
    """``[(month, counts)]`` of the fiscal year the period starts in."""
    months = fiscal_month_starts(fiscal_year(period.first))
    return [(first, Counts.of(total_counts(site, center.code, periods.month(first.year, first.month))))
            for first in months]


@view_config(context=Site, name="summary", permission="read-published",
             renderer="damrong:templates/public_summary.pt")
def public_summary(request):
    site = request.root
    code = request.subpath[0] if request.subpath else MINISTRY_CODE
    center = site.centers.get(code)
    if center is None or len(request.subpath) > 1:
        # An honest 404, also to someone not logged in: the centers' codes are public (DOPA's),
        # so the login redirect that hides which complaint paths exist (issue 14.14) would only
        # send a citizen who mistyped a code to a staff login.
        return message_page(request, 404, _("ไม่พบหน้าที่ต้องการ"),
                            _("ไม่พบศูนย์ดำรงธรรมตามรหัสที่ระบุ"))
    display = request.display
    period = chosen_period(request)
    summary = summarize(site, center, period, request.registry.taxonomy, request.locale_name)
    bars = [(row.label, row.counts.closed, row.counts.in_progress)
            for table in summary.tables for row in table.rows if row.counts.total]
    months = trend(site, center, period)
    points = [(display.digits(MONTHS_SHORT[first.month - 1]) if display.thai
               else f"{first:%b}", counts.closed, counts.in_progress) for first, counts in months]
    measure = request.GET.get("map", "").strip() or "volume"
    if measure not in _MAP_TITLE:
        raise BadParameter(_("ค่า map ไม่ถูกต้อง (ใช้ volume หรือ rate)"))
    province_map = None
    if center.code == MINISTRY_CODE:
        values = {row.center.code: (row.counts.total, row.counts.percent_closed)
                  for row in summary.breakdown}
        province_map = charts.province_map(
            values, display.translate(_MAP_TITLE[measure]), measure,
            lambda code: public_url(request, site.centers[code]), display.area,
            number=display.digits)
    return {
        "center": center,
        "summary": summary,
        "period": period,
        "choices": period_choices(display, now_bangkok().date()),
        "params": request.GET,
        "bar_chart": charts.bar_chart(bars, display.translate(_BAR_TITLE), number=display.digits),
        "trend_chart": charts.trend_chart(points, display.translate(_TREND_TITLE),
                                          number=display.digits),
        "province_map": province_map,
        "measure": measure,
        "map_credit": charts.MAP_CREDIT,
        "note_text": lambda counts: note_text(display, counts),
        "row_link": lambda sub: public_url(request, sub),
        "parent": center.__parent__ if center.code != MINISTRY_CODE else None,
        "public_url": lambda c: public_url(request, c),
            }
