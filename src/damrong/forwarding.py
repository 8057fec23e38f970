"""Forwarding a case to an outside agency of the directory, and registering its paper reply.

Forwarding is the workflow's ``forward`` (config/workflow.yaml, ``form: forward``): it names
the agency and sets the date the reply is due (config/letters.yaml's ``report_days`` unless
the officer sets another), and the case waits (``awaits``) until the reply comes; the
forwarding letter itself is then drafted by the letters module, addressed to that agency. The
reply is scanned in as a document of the case (read, OCR'd and indexed like any other) in the
same step as the ``reply`` transition, so "reply received" always has its paper.
"""

from .complaints import attach_document
from .i18n import _
from .thai.dates import format_date
from .workdays import due_in
from .workflow import WorkflowError


def forward_to_agency(workflow, site, complaint, actor, agency_id, note="", days=15):
    """Forward ``complaint`` to the directory's agency ``agency_id``, its reply due in ``days``
    working days; returns the agency."""
    agency = site.agencies.get(agency_id)
    if agency is None:
        raise WorkflowError(_("กรุณาเลือกหน่วยงานจากทะเบียนหน่วยงาน"))
    due_date = due_in(days)
    workflow.apply(complaint, "forward", actor, note,
                   changes=[(_("หน่วยงานที่ส่งไป"), complaint.agency, agency.name),
                            (_("กำหนดรายงานผล"), "", format_date(due_date))],
                   agency=agency.name, due_date=due_date)
    return agency


def register_reply(workflow, complaint, uploads, actor, note=""):
    """Attach the scanned reply (``uploads``, validated files) and take ``reply``. Checks the
    transition first, so a reply to a case that is not waiting for one attaches nothing."""
    transition = workflow.transitions["reply"]
    if not uploads:
        raise WorkflowError(_("กรุณาแนบหนังสือตอบที่สแกนไว้"))
    if complaint.status not in transition.sources or not actor.may(transition.permission,
                                                                     complaint):
        raise WorkflowError(_("ไม่สามารถเปลี่ยนสถานะนี้ได้จากสถานะปัจจุบันของเรื่อง"))
    documents = [attach_document(complaint, upload, actor.login) for upload in uploads]
    names = ", ".join(document.filename for document in documents)
    workflow.apply(complaint, "reply", actor, "\n".join(filter(None, (note.strip(), names))))
    return documents
