"""The supervisor's queue of proposed closures, approved or returned many at a time."""

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.traversal import find_resource
from pyramid.view import view_config

from ..approvals import PROPOSED, decide, proposal
from ..i18n import _
from ..resources.center import Center
from ..resources.complaint import Complaint
from ..security import Actor
from .complaint import staff_namer
from .flash import notice, problem

#: Proposed closures on one page: a supervisor approves thirty or more at once.
PAGE = 50


@view_config(context=Center, name="approvals", permission="approve", request_method="GET",
             renderer="damrong:templates/approvals.pt")
def approvals(request):
    """Proposed closures of this center and those below, oldest first, each with its summary."""
    center = request.context
    workflow = request.registry.workflow
    page = request.root.listing.query(center.code, filters={"status": PROPOSED}, limit=PAGE)
    actor = Actor.of(request.identity)
    rows = [(p, any(t.name == "close" for t in workflow.available(p.complaint, actor)))
            for p in (proposal(workflow, c) for c in page.complaints)]
    return {"center": center, "rows": rows, "total": page.total,
            "staff_name": staff_namer(request)}


@view_config(context=Center, name="approvals", permission="approve", request_method="POST")
def decide_many(request):
    """Approve or return the ticked cases; each one is decided on its own complaint."""
    center = request.context
    chosen = []
    for path in request.POST.getall("case"):
        try:
            complaint = find_resource(request.root, path)
        except KeyError:
            complaint = None
        if isinstance(complaint, Complaint):
            chosen.append(complaint)
        else:
            problem(request, _("ไม่พบเรื่อง ${path} (อาจถูกโอนไปแล้ว)", mapping={"path": path}))
    if not chosen:
        problem(request, _("ยังไม่ได้เลือกเรื่อง"))
        return HTTPSeeOther(request.resource_url(center, "@@approvals"))
    approve = request.POST.get("decision") == "approve"
    done, refused = decide(request.registry.workflow, chosen, Actor.of(request.identity),
                           approve, request.POST.get("note", ""))
    for message, complaints in _grouped(refused):  # one line per reason: the session
        problem(request, f"{request.display.translate(message)}: "  # cookie stays small
                         + ", ".join(request.display.receipt_number(c) for c in complaints))
    if done:
        notice(request, _("อนุมัติยุติเรื่องแล้ว ${count} เรื่อง", mapping={"count": len(done)})
               if approve else _("ส่งกลับแล้ว ${count} เรื่อง", mapping={"count": len(done)}))
    return HTTPSeeOther(request.resource_url(center, "@@approvals"))


def _grouped(refused):
    """``[(message, [complaint…])]`` for the ``(complaint, message)`` pairs, in first order."""
    groups = {}
    for complaint, message in refused:
        groups.setdefault(message, []).append(complaint)
    return list(groups.items())
