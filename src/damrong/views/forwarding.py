"""Forwarding a case to an outside agency (then its letter), registering the agency's scanned
reply, and the administrators' agency directory."""

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from ..complaints import DuplicateDocument
from ..forwarding import forward_to_agency, register_reply
from ..i18n import _
from ..resources.agency import FIELDS, Agency
from ..resources.center import Center
from ..resources.complaint import Complaint
from ..security import Actor
from ..workflow import WorkflowError
from .complaint import uploads_from
from ..flash import notice, problem


@view_config(context=Complaint, name="forward", permission="edit",
             renderer="damrong:templates/forward.pt")
def forward(request):
    """Choose the agency and the days it has to reply; then the forwarding letter's form,
    drafted for that agency by the letters module."""
    complaint = request.context
    kinds = request.registry.letter_kinds
    values = {"agency": request.POST.get("agency", ""), "note": request.POST.get("note", ""),
              "days": request.POST.get("days", str(kinds.report_days))}
    if request.method == "POST":
        try:
            days = int(values["days"])
            if not 1 <= days <= 365:
                raise ValueError(days)
            agency = forward_to_agency(request.registry.workflow, request.root, complaint,
                                       Actor.of(request.identity), values["agency"],
                                       values["note"], days)
        except ValueError:
            problem(request, _("จำนวนวันที่กำหนดรายงานผลไม่ถูกต้อง"))
        except WorkflowError as error:
            problem(request, error.message)
        else:
            notice(request, _("ส่งเรื่องให้ ${agency} แล้ว กรุณาออกหนังสือนำส่ง",
                              mapping={"agency": agency.name}))
            return HTTPSeeOther(request.resource_url(
                complaint, "@@issue-letter", query={"kind": "forward", "agency": agency.name}))
        request.response.status = 400
    return {"c": complaint, "agencies": request.root.agencies.by_name(), "values": values}


@view_config(context=Complaint, name="reply", permission="edit",
             renderer="damrong:templates/reply.pt")
def reply(request):
    """The agency's reply on paper: its scan becomes a document of the case and the case moves
    on to "reply received" for the officer."""
    complaint = request.context
    if request.method == "POST":
        store = request.registry.uploads
        uploads = uploads_from(request)
        try:
            register_reply(request.registry.workflow, complaint, uploads,
                           Actor.of(request.identity), request.POST.get("note", ""))
        except (WorkflowError, DuplicateDocument) as error:
            for upload in uploads:
                store.discard(upload.uid)
            problem(request, error.message if isinstance(error, WorkflowError)
                    else _("ไฟล์นี้แนบไว้กับเรื่องแล้ว"))
            request.response.status = 400
        else:
            for upload in uploads:
                request.tm.get().addAfterCommitHook(lambda ok, uid=upload.uid: store.discard(uid))
            notice(request, _("ลงรับหนังสือตอบจากหน่วยงานแล้ว"))
            return HTTPSeeOther(request.resource_url(complaint))
    return {"c": complaint}


@view_config(context=Center, name="agencies", permission="manage-center",
             renderer="damrong:templates/agencies.pt")
def agencies(request):
    """The directory: every agency, and a form to add one or correct one (``?edit=a3``)."""
    directory = request.root.agencies
    editing = directory.get(request.params.get("id", ""))
    if request.method == "POST":
        values = {field: request.POST.get(field, "") for field in FIELDS}
        if not values["name"].strip():
            problem(request, _("กรุณาระบุชื่อหน่วยงาน"))
        elif editing is not None:
            editing.update(**values)
            notice(request, _("บันทึกหน่วยงานแล้ว"))
        else:
            directory.add_agency(Agency(**{k: v.strip() for k, v in values.items()}))
            notice(request, _("บันทึกหน่วยงานแล้ว"))
        return HTTPSeeOther(request.resource_url(request.context, "@@agencies"))
    return {"center": request.context, "agencies": directory.by_name(), "editing": editing,
            "fields": [("name", _("ชื่อหน่วยงาน")), ("parent", _("สังกัด")),
                       ("address", _("ที่อยู่")), ("contact", _("ติดต่อ"))]}
