"""Case work between centers: sending a case for action or transferring it (a form on the
complaint), and the center's inbox of cases sent to it and reports come back."""

from pyramid.httpexceptions import HTTPBadRequest, HTTPSeeOther
from pyramid.renderers import get_renderer
from pyramid.view import view_config

from ..casework import REPORT_DAYS, reachable, send_for_action, transfer
from ..i18n import _
from ..resources.center import Center
from ..resources.complaint import Complaint
from ..security import Actor
from ..workdays import due_in
from ..workflow import WorkflowError
from ..flash import notice, problem

#: The transitions with a receiving center, and what each does with it.
MOVES = {"send": send_for_action, "transfer": transfer}
#: The longest report period a sender may set, in days.
MAX_REPORT_DAYS = 365


@view_config(context=Complaint, name="move", permission="edit",
             renderer="damrong:templates/move.pt")
def move(request):
    """Send the case to a center for action (report due in N days) or transfer it there; the
    centers offered are those the user's center reaches (casework.reachable)."""
    complaint = request.context
    name = request.params.get("name", "")
    if name not in MOVES:
        raise HTTPBadRequest()
    workflow = request.registry.workflow
    actor = Actor.of(request.identity)
    targets = [c for c in reachable(request.root, actor.center_code) if c is not complaint.center]
    values = {"center": request.POST.get("center", ""), "note": request.POST.get("note", ""),
              "days": request.POST.get("days", str(REPORT_DAYS))}
    if request.method == "POST":
        try:
            days = int(values["days"]) if name == "send" else 0
            if not 0 <= days <= MAX_REPORT_DAYS:
                raise ValueError(days)
        except ValueError:
            problem(request, _("จำนวนวันที่กำหนดรายงานผลไม่ถูกต้อง"))
        else:
            extra = {"due_date": due_in(days)} if name == "send" else {}
            try:
                done = MOVES[name](workflow, request.root, complaint, actor, values["center"],
                                   values["note"], **extra)
            except WorkflowError as error:
                problem(request, error.message)
            else:
                notice(request, _("${action} แล้ว",
                                  mapping={"action": request.display.transition(done)}))
                if request.has_permission("view", complaint):
                    return HTTPSeeOther(request.resource_url(complaint))
                return HTTPSeeOther(request.resource_url(request.user_center))  # no longer ours
        request.response.status = 400
    return {"c": complaint, "transition": workflow.transitions[name], "targets": targets,
            "values": values}


@view_config(context=Center, name="inbox", permission="view",
             renderer="damrong:templates/inbox.pt")
def inbox(request):
    """What is waiting for this center between centers: cases other centers sent it to work
    on, and results reported back on the cases it sent out. Both come from the listing index."""
    center = request.context
    listing = request.root.listing
    limit = request.registry.app_settings.page_size
    return {
        "center": center,
        "rows": case_rows(),
        "received": listing.query(center.code, filters={"working": center.code, "status": "sent"},
                                  limit=limit),
        "reported": listing.query(center.code, own_only=True, filters={"status": "reported"},
                                  limit=limit),
        "sent": listing.query(center.code, own_only=True, filters={"status": "sent"},
                              limit=limit),
    }


def case_rows():
    """The macro that lists cases with where they are worked and when their report is due."""
    return get_renderer("damrong:templates/case_rows.pt").implementation()
