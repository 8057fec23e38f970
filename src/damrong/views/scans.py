"""Scans a clerk files by hand, records still to complete, and the cover sheet to print.

An unfiled scan is either attached to an existing complaint (found by receipt number or tracking
code) or registered as a new complaint through the intake form, pre-filled from its OCR text.
"""

import os

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from .. import params as checked
from ..complaints import PENDING_SUBJECT, register_complaint
from ..flash import notice, problem
from ..i18n import _
from ..listing import TO_COMPLETE
from ..pdf import pdf_response
from ..resources.center import Center
from ..resources.complaint import Complaint
from ..resources.unfiled import UnfiledScan, UnfiledScans
from ..scans.coversheet import cover_sheet_pdf
from ..scans.filing import file_unfiled_scan, find_complaint
from ..scans.names import parse_reference
from ..scans.prefill import extract
from ..schemas.complaint import record_from_appstruct
from ..thai.dates import BANGKOK
from ..txn import write_with_retries
from .intake import chosen_place, intake_form

#: How many recent refusals of the hot folder the unfiled page lists.
RECENT_FAILURES = 20


def scan_text(holder):
    """The OCR text of every page of an unfiled scan's (or a complaint's) documents, in order."""
    return "\n".join(page.text for document in holder.documents()
                     for page in document.pages.values() if page.text)


@view_config(context=UnfiledScans, permission="register", renderer="damrong:templates/unfiled_list.pt")
def unfiled_list(request):
    folder = request.context
    return {"center": folder.__parent__, "scans": folder.newest_first(),
            "failures": recent_failures(request, folder.__parent__)}


def recent_failures(request, center):
    """The newest reasons in the hot folder's failed/, when this center is the one it files for."""
    settings = request.registry.app_settings
    if settings.scans_center != center.code or not os.path.isdir(settings.scans_failed):
        return []
    notes = [entry for entry in os.scandir(settings.scans_failed) if entry.name.endswith(".reason.txt")]
    notes.sort(key=lambda entry: entry.stat().st_mtime, reverse=True)
    failures = []
    for entry in notes[:RECENT_FAILURES]:
        with open(entry.path, encoding="utf-8") as note:
            failures.append({"name": entry.name[:-len(".reason.txt")], "text": note.read()})
    return failures


@view_config(context=UnfiledScan, permission="register", renderer="damrong:templates/unfiled_scan.pt")
def unfiled_scan(request):
    scan = request.context
    return {"scan": scan, "center": scan.center, "text": scan_text(scan)}


@view_config(context=UnfiledScan, name="attach", request_method="POST", permission="register")
def attach_scan(request):
    """File the scan's documents into the complaint the clerk names."""
    scan = request.context
    reference = request.POST.get("reference", "")
    hints = parse_reference(reference)
    complaint = find_complaint(request.root, scan.center, hints) if hints.code or hints.receipt else None
    if complaint is None or not request.has_permission("edit", complaint):
        problem(request, _(
            "ไม่พบเรื่องเลขรับหรือรหัสติดตาม '${reference}' ในศูนย์นี้ กรุณาระบุเช่น ๑๒๓/๒๕๖๘ หรือ ABCD-EFGH",
            mapping={"reference": reference.strip()}))
        return HTTPSeeOther(request.resource_url(scan))
    moved = file_unfiled_scan(scan, complaint, request.identity.national_id)
    notice(request, _(
        "แนบเอกสาร ${count} ไฟล์เข้ากับเรื่อง ${receipt} แล้ว",
        mapping={"count": len(moved), "receipt": request.display.receipt(complaint)}))
    return HTTPSeeOther(request.resource_url(complaint) + "#documents")


@view_config(context=UnfiledScan, name="register", permission="register",
             renderer="damrong:templates/register.pt")
def register_from_scan(request):
    """The intake form, pre-filled from the scan's text; saving moves the scan into the new
    complaint in the same transaction as its registration."""
    scan = request.context
    center = scan.center
    place = chosen_place(request, center)
    form = intake_form(request, center, place, with_scans=False)
    text = scan_text(scan)
    page = {"center": center, "scan": scan, "text": text}
    if request.method == "POST" and "register" in request.POST:
        try:
            data = form.validate(request.POST.items())
        except deform.ValidationFailure as failure:
            request.response.status = 400
            return dict(page, form=failure.render())
        record = record_from_appstruct(data)
        who = request.identity.national_id

        def work():
            complaint, created = register_complaint(
                request.root, center, record, [], who, request.registry.workflow.initial,
                submission_id=data["submission_id"])
            if created:
                file_unfiled_scan(scan, complaint, who)
            return complaint
        complaint = write_with_retries(request, work)
        return HTTPSeeOther(request.resource_url(complaint, query={"registered": "1"}))
    return dict(page, form=form.render(prefilled(text, place)))


def suggestions(text):
    """Intake form values suggested by the text, by group; what is not found is left out."""
    found = extract(text)
    complaint, complainant = {}, {}
    if found.subject:
        complaint["subject"] = found.subject
    if found.received_at:
        complaint["received_at"] = found.received_at.astimezone(BANGKOK)
    if found.national_ids:
        complainant["national_id"] = found.national_ids[0]
    if found.phones:
        complainant["phone"] = found.phones[0]
    return {"complaint": complaint, "complainant": complainant}


def prefilled(text, place):
    """The intake form's values for a new complaint from an unfiled scan."""
    return dict(suggestions(text), place=place)


def fill_blanks(appstruct, text):
    """The edit form of a back-captured record: suggestions go where nothing is entered yet
    (and over the received time, which was only the moment of the import)."""
    for group, values in suggestions(text).items():
        current = dict(appstruct[group])
        for field, value in values.items():
            if field == "received_at" or current.get(field) in (None, "", PENDING_SUBJECT):
                current[field] = value
        appstruct[group] = current
    return appstruct


@view_config(context=Center, name="to-complete", permission="view",
             renderer="damrong:templates/to_complete.pt")
def to_complete(request):
    """Back-captured records of this center (and those below) that a clerk still has to complete."""
    center = request.context
    offset = checked.offset(request.GET)
    limit = request.registry.app_settings.page_size
    page = request.root.listing.query(center.code, filters={"todo": TO_COMPLETE},
                                      offset=offset, limit=limit)
    return {"center": center, "page": page,
            "previous_url": request.resource_url(center, "@@to-complete", query={"offset": max(offset - limit, 0)}),
            "next_url": request.resource_url(center, "@@to-complete", query={"offset": offset + limit})}


@view_config(context=Complaint, name="cover-sheet.pdf", permission="edit")
def cover_sheet(request):
    """The cover sheet to print and put on top of papers scanned for this complaint."""
    complaint = request.context
    return pdf_response(cover_sheet_pdf(complaint, request),
                        f"ใบปะหน้า-{complaint.receipt_number}-{complaint.receipt_year}.pdf")
