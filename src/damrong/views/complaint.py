"""One complaint: its record, documents and history; editing, attaching, status changes."""

import datetime

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.renderers import render_to_response
from pyramid.view import view_config

from .. import areas, personal, public_result
from ..approvals import PROPOSE, propose
from ..assignment import candidates, may_assign
from ..complaints import FIELD_LABELS, DuplicateDocument, attach_document, edit_complaint
from ..flash import notice, problem, report
from ..i18n import MessageError, _
from ..letters.drafts import FOLLOW_UP, stored_draft
from ..qr import qr_data_uri
from ..resources.complaint import GROUPS, Complaint
from ..schemas.complaint import complaint_schema, record_from_appstruct
from ..security import CORRECT_CLOSED, Actor
from ..teams import TEAM_TRANSITIONS, district_of
from ..thai import national_id
from ..thai.dates import format_datetime
from ..tracking import tracking_url
from ..uploads import UploadError
from ..workflow import WorkflowError
from .letters import letter_rows
from .queue import queue_note
from .scans import fill_blanks, scan_text


def describe(request):
    """Turns stored codes into the labels the history records: in Thai whatever the editor's
    language, because the history is the complaint's official record."""
    taxonomy = request.registry.taxonomy

    def label(group, field, value):
        if value in (None, ""):
            return ""
        if field in ("category", "channel", "urgency"):
            return taxonomy.label(field, value)
        if field in ("province", "district", "subdistrict"):
            return areas.name_of(value)
        if isinstance(value, datetime.datetime):
            return format_datetime(value)
        if isinstance(value, bool):
            return _("ใช่") if value else _("ไม่ใช่")
        return str(value)
    return label


@view_config(context=Complaint, permission="view", renderer="damrong:templates/complaint.pt")
def show(request):
    complaint = request.context
    workflow = request.registry.workflow
    actor = Actor.of(request.identity)
    available = workflow.available(complaint, actor)
    assignable = not complaint.read_only and may_assign(actor, complaint)
    buttons = [t for t in available if not t.form]
    return {
        "c": complaint,
        "transitions": buttons,
        "proposing": any(t.name == PROPOSE for t in buttons),
        "public_limit": public_result.MAX_CHARS,
        "typed": {},
        "moves": [t for t in available if t.form and _feasible(request.root, complaint, t)],
        "responsible": request.root.users.get(complaint.responsible or ""),
        "candidates": candidates(request.root.users, complaint) if assignable else [],
        "reveal": False,
        "just_registered": request.GET.get("registered") == "1",
        "tracking_qr": qr_data_uri(tracking_url(request, complaint.tracking_code), scale=4),
        "can_edit": request.has_permission("edit", complaint),
        "can_write_letters": request.has_permission("write-letters", complaint),
        "follow_up_draft": (stored_draft(complaint, FOLLOW_UP, request.identity.center_code)
                            if request.has_permission("write-letters", complaint) else None),
        "can_reveal": personal.may_see(request, complaint),
        "history_changes": personal.history_changes(request, complaint, FIELD_LABELS),
        "staff_name": staff_namer(request),
        "letters": letter_rows(request, complaint),
        "queue_note": lambda document: queue_note(request, document),
    }


def staff_namer(request):
    """History names staff by their account; an ID without an account is shown masked."""
    users = request.root.users

    def name(login_id):
        user = users.get(login_id)
        if user is not None:
            return user.full_name
        return national_id.mask(login_id) if national_id.is_valid(login_id) else login_id
    return name


@view_config(context=Complaint, name="reveal", request_method="POST", permission=personal.RIGHT,
             renderer="damrong:templates/complaint.pt")
def reveal(request):
    """Show the complainant's identity in full; every reveal is written to the history."""
    complaint = request.context
    complaint.history.record(request.identity.national_id, personal.REVEAL)
    values = show(request)
    values["reveal"] = True
    return values


@view_config(context=Complaint, name="edit", permission="edit",
             renderer="damrong:templates/edit.pt")
def edit(request):
    complaint = request.context
    place = ({"province": request.POST.get("province", ""), "district": request.POST.get("district", "")}
             if request.method == "POST" else complaint.place)
    schema = complaint_schema(request, complaint.center, place, for_edit=True)
    form = deform.Form(schema, buttons=(deform.Button("save", _("บันทึกการแก้ไข")),), formid="edit")
    if request.method == "POST" and "save" in request.POST:
        try:
            data = form.validate(request.POST.items())
        except deform.ValidationFailure as failure:
            request.response.status = 400
            return {"c": complaint, "form": failure.render()}
        record = record_from_appstruct(data)
        changed = edit_complaint(complaint, record, request.identity.national_id, describe(request),
                                 correction=request.has_permission(CORRECT_CLOSED, complaint))
        notice(request, _("บันทึกการแก้ไขแล้ว (${count} รายการ)", mapping={"count": changed})
               if changed else _("ไม่มีข้อมูลเปลี่ยนแปลง"))
        return HTTPSeeOther(request.resource_url(complaint))
    # The form holds the complainant's full ID and phone, as a reveal shows them: logged.
    personal.log_reveal(request, complaint, "แบบฟอร์มแก้ไขข้อมูล")
    appstruct = {group: getattr(complaint, group) for group in GROUPS}
    appstruct["complaint"] = dict(complaint.complaint, received_at=complaint.received_at)
    if complaint.to_complete:  # back-captured: nobody has typed it yet, its scans have text
        appstruct = fill_blanks(appstruct, scan_text(complaint))
    return {"c": complaint, "form": form.render(appstruct)}


def uploads_from(request, required=True, refused=None):
    """The files of the request's ``file`` fields, checked and stored; page images become one
    document if ``as_one`` is ticked. A refused file (and no file at all, if ``required``) is
    added to ``refused``, or, without that list, told at once as problems, all in one
    bounded report (flash.py: a 40-file upload still fits the session cookie)."""
    store = request.registry.uploads
    files = [item for item in request.POST.getall("file") if getattr(item, "filename", "")]
    told = [] if refused is None else refused
    if not files and required:
        told.append(_("ไม่ได้เลือกไฟล์"))
    uploads = []
    for item in files:
        try:
            uploads.append(store.add(item.file, item.filename))
        except UploadError as error:
            told.append(error.message)
    if refused is None:
        report(request, problems=told)
    return store.combine_pages(uploads) if request.POST.get("as_one") else uploads


@view_config(context=Complaint, name="attach", request_method="POST", permission="edit")
def attach(request):
    """Attach more scans to an existing complaint (papers that arrive later); several page
    images sent together are one document unless the clerk unticked ``as_one``."""
    complaint = request.context
    store = request.registry.uploads
    # One message per file, reported together so that a 40-file attach stays within the
    # flash bounds (the rest are counted) and refusals go in the problems' queue.
    done, refused = [], []
    for upload in uploads_from(request, refused=refused):
        try:
            attach_document(complaint, upload, request.identity.national_id)
            done.append(_("แนบไฟล์ ${filename} แล้ว", mapping={"filename": upload.filename}))
            request.tm.get().addAfterCommitHook(lambda ok, uid=upload.uid: store.discard(uid))
        except DuplicateDocument as duplicate:
            store.discard(upload.uid)
            refused.append(_("ไฟล์ ${filename} ซ้ำกับเอกสาร ${existing} ที่แนบไว้แล้ว จึงไม่แนบซ้ำ",
                             mapping={"filename": upload.filename,
                                      "existing": duplicate.existing.filename}))
    report(request, notices=done, problems=refused)
    return HTTPSeeOther(request.resource_url(complaint) + "#documents")


@view_config(context=Complaint, name="transition", request_method="POST", permission="view")
def transition(request):
    """Change status; ``Workflow.apply`` checks the transition's own permission."""
    complaint = request.context
    name = request.POST.get("name", "")
    workflow = request.registry.workflow
    if name in workflow.transitions and workflow.transitions[name].form:
        form = workflow.transitions[name].form
        return HTTPSeeOther(request.resource_url(complaint, f"@@{form}", query={"name": name}))
    if name == PROPOSE:
        return _propose(request)
    try:
        done = workflow.apply(complaint, name, Actor.of(request.identity),
                              request.POST.get("note", ""))
        notice(request, _("${action} แล้ว", mapping={"action": request.display.transition(done)}))
    except WorkflowError as error:
        problem(request, error.message)
    return HTTPSeeOther(request.resource_url(complaint))


def _feasible(site, complaint, transition):
    """Whether a step with a form of its own can be taken here at all: a team step needs a
    district whose tambon teams may take the case (a province sent a case has none), and a
    button leading only to a refusal would waste the officer's time."""
    if transition.name not in TEAM_TRANSITIONS:
        return True
    return district_of(site, complaint, receiving=transition.name == "assign-received") is not None


def _propose(request):
    """Propose closure with the internal summary and the result for the public. A refusal
    shows the page again with both texts as typed (status 400): the public one takes care to
    write, and a session cookie is too small to carry it."""
    complaint = request.context
    typed = {"note": request.POST.get("note", ""),
             "public_result": request.POST.get("public_result", "")}
    try:
        done = propose(request.registry.workflow, complaint, Actor.of(request.identity),
                       typed["note"], typed["public_result"])
    except MessageError as error:  # the workflow's refusals and the public text's
        problem(request, error.message)
        response = render_to_response("damrong:templates/complaint.pt",
                                      dict(show(request), typed=typed), request=request)
        response.status = 400
        return response
    notice(request, _("${action} แล้ว", mapping={"action": request.display.transition(done)}))
    return HTTPSeeOther(request.resource_url(complaint))
