"""The supervisor's queue of proposed closures, approved or returned many at a time."""

import datetime

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.traversal import find_resource
from pyramid.view import view_config

from .. import params as checked
from ..approvals import APPROVE, FINISHED, PROPOSED, SETTLE, decide, proposal
from ..flash import notice, report
from ..i18n import _
from ..resources.center import Center
from ..resources.complaint import Complaint
from ..security import Actor
from .complaint import staff_namer

#: Proposed closures on one page: a supervisor approves thirty or more at once.
PAGE = 50


@view_config(context=Center, name="approvals", permission="approve", request_method="GET",
             renderer="damrong:templates/approvals.pt")
def approvals(request):
    """Proposed closures of this center and those below, oldest first, each with its summary."""
    center = request.context
    workflow = request.registry.workflow
    older = checked.integer(request.GET, "older", None, OLDER_DAYS,
                            _("จำนวนวันไม่ถูกต้อง (ต้องเป็นตัวเลข ๐ ถึง ๓,๖๕๐)"))
    listing = request.root.listing
    if older is None:
        pages = [listing.query(center.code, filters={"status": PROPOSED}, limit=PAGE)]
    else:  # the backlog: finished cases received more than ``older`` days ago
        before = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=older)
        pages = [listing.query(center.code, filters={"status": state}, end=before, limit=PAGE)
                 for state in FINISHED]
    actor = Actor.of(request.identity)
    deciding = {APPROVE, SETTLE}
    rows = [(p, any(t.name in deciding for t in workflow.available(p.complaint, actor)))
            for p in (proposal(workflow, c) for page in pages for c in page.complaints)]
    return {"center": center, "rows": rows, "total": sum(page.total for page in pages),
            "older": older, "staff_name": staff_namer(request)}


#: The backlog's "older than N days" (a query parameter, checked by params.py: 400 beyond).
OLDER_DAYS = range(0, 3651)


def _days(text):
    """The backlog filter's number of days a decision was taken from, or ``None``."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and int(text) in OLDER_DAYS else None


@view_config(context=Center, name="approvals", permission="approve", request_method="POST")
def decide_many(request):
    """Approve or return the ticked cases; each one is decided on its own complaint."""
    center = request.context
    chosen, missing = [], []
    for path in request.POST.getall("case"):
        try:
            complaint = find_resource(request.root, path)
        except KeyError:
            complaint = None
        if isinstance(complaint, Complaint):
            chosen.append(complaint)
        else:
            missing.append(_("ไม่พบเรื่อง ${path} (อาจถูกโอนไปแล้ว)", mapping={"path": path}))
    if not chosen:
        report(request, problems=missing + [_("ยังไม่ได้เลือกเรื่อง")])
        return HTTPSeeOther(_back(request, center))
    approve = request.POST.get("decision") == "approve"
    done, refused = decide(request.registry.workflow, chosen, Actor.of(request.identity),
                           approve, request.POST.get("note", ""))
    if done:  # first, so that the count of what was done always finds room (flash.py)
        notice(request, _("อนุมัติยุติเรื่องแล้ว ${count} เรื่อง", mapping={"count": len(done)})
               if approve else _("ส่งกลับแล้ว ${count} เรื่อง", mapping={"count": len(done)}))
    # one line per reason, the rest counted: the session cookie stays small
    report(request, problems=missing + [
        f"{request.display.translate(message)}: "
        + ", ".join(request.display.receipt_number(c) for c in complaints)
        for message, complaints in _grouped(refused)])
    return HTTPSeeOther(_back(request, center))


def _back(request, center):
    """The queue the decision was taken from (the backlog keeps its filter)."""
    older = _days(request.POST.get("older", ""))
    query = {"older": older} if older is not None else {}
    return request.resource_url(center, "@@approvals", query=query)


def _grouped(refused):
    """``[(message, [complaint…])]`` for the ``(complaint, message)`` pairs, in first order."""
    groups = {}
    for complaint, message in refused:
        groups.setdefault(message, []).append(complaint)
    return list(groups.items())
