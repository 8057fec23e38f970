"""Work queues: what each person has to do next, every list a query of the listing index
(responsible officer, due date, status, working center), never a scan of complaints."""

import datetime

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from ..assignment import AssignmentError, assign_responsible
from ..i18n import _
from ..listing import TO_COMPLETE, UNASSIGNED
from ..resources.center import Center
from ..resources.complaint import Complaint
from ..security import Actor
from ..thai.dates import BANGKOK
from .casework import case_rows
from ..flash import notice, problem

#: "Due soon" on the officer's queue: due within this many days from today.
DUE_SOON_DAYS = 3


@view_config(context=Complaint, name="responsible", request_method="POST", permission="view")
def responsible(request):
    """Make someone responsible for the case; ``assign_responsible`` checks who may."""
    complaint = request.context
    try:
        assign_responsible(request.root.users, complaint, request.POST.get("login", ""),
                           Actor.of(request.identity))
        notice(request, _("บันทึกผู้รับผิดชอบแล้ว"))
    except AssignmentError as error:
        problem(request, error.message)
    return HTTPSeeOther(request.resource_url(complaint) + "#casework")


def queues(listing, center_code, login, today, limit):
    """The officer's lists at the center coded ``center_code`` for the user ``login``: each a
    ``(anchor, title, page)``."""
    soon = (today, today + datetime.timedelta(days=DUE_SOON_DAYS + 1))
    return [
        ("mine", _("เรื่องที่ท่านรับผิดชอบ"),
         listing.query(center_code, filters={"responsible": login}, limit=limit)),
        ("due-soon", _("ครบกำหนดภายใน ๓ วัน"),
         listing.query(center_code, filters={"responsible": login}, due=soon, limit=limit)),
        ("overdue", _("เรื่องที่เกินกำหนด"),
         listing.query(center_code, due=(None, today), limit=limit)),
        ("replies", _("เรื่องที่หน่วยงานตอบกลับแล้ว"),
         listing.query(center_code, filters={"status": "replied"}, limit=limit)),
        ("reports", _("เรื่องที่ได้รับรายงานผลแล้ว"),
         listing.query(center_code, filters={"status": "reported"}, limit=limit)),
        ("unassigned", _("เรื่องที่ยังไม่มีผู้รับผิดชอบ"),
         listing.query(center_code, own_only=True, filters={"responsible": UNASSIGNED},
                       limit=limit)),
    ]


@view_config(context=Center, name="work", permission="view", renderer="damrong:templates/work.pt")
def work(request):
    """The user's own queue at this center: the officer's lists, and the counts a clerk and a
    supervisor act on (to complete, unfiled scans, awaiting approval)."""
    center = request.context
    listing = request.root.listing
    today = datetime.datetime.now(BANGKOK).date()
    limit = request.registry.app_settings.page_size
    officer = request.has_permission("edit", center)
    return {
        "center": center,
        "rows": case_rows(),
        "queues": queues(listing, center.code, request.identity.national_id, today, limit)
        if officer else [],
        "to_complete": listing.query(center.code, filters={"todo": TO_COMPLETE}, limit=0).total,
        "unfiled": len(center.unfiled),
        "proposed": listing.query(center.code, filters={"status": "closure-proposed"},
                                  limit=0).total,
    }
