"""Where a complaint is created and edited; each change is recorded in its history.

Views, the demo loader, the back-capture command, the import and the bulk loader all register
through ``register_complaints`` (a form's one complaint through ``register_complaint``), so
numbering, tracking codes, indexing, counting and the document jobs happen the same way whatever
the entry point. The record itself changes only through ``Complaint.change``
(edits here, status in workflow.py), documents only through ``attach_document`` and the
folder's ``add``, texts through ``correct_page_text`` and reading.py: each sends the event the
indexes subscribe to.
"""

import datetime
from typing import NamedTuple

from pyramid.traversal import find_root, resource_path_tuple

from .i18n import _
from .numbering import format_receipt, next_receipt_number
from .personal import HIDDEN
from .resources.complaint import GROUPS, Complaint
from .resources.document import SCAN, ScannedDocument
from .resources.events import ComplaintsRegistered, ObjectModified, notify
from .thai.digits import format_number
from .thai.normalize import normalize_text
from .tracking import new_code

#: Labels of the record's fields, as history entries record them (in Thai; pages translate them).
FIELD_LABELS = {
    ("type", "category"): _("ประเภทเรื่อง"),
    ("type", "category_other"): _("ประเภทย่อย (เรื่องอื่นๆ)"),
    ("type", "channel"): _("ช่องทาง"),
    ("complaint", "subject"): _("เรื่อง"),
    ("complaint", "details"): _("รายละเอียด"),
    ("complaint", "urgency"): _("ความเร่งด่วน"),
    ("place", "province"): _("จังหวัดที่เกิดเหตุ"),
    ("place", "district"): _("อำเภอที่เกิดเหตุ"),
    ("place", "subdistrict"): _("ตำบลที่เกิดเหตุ"),
    ("place", "address"): _("สถานที่เกิดเหตุ"),
    ("place", "lat"): _("ละติจูด"),
    ("place", "lon"): _("ลองจิจูด"),
    ("complainant", "anonymous"): _("ไม่ประสงค์ออกนาม"),
    ("complainant", "title"): _("คำนำหน้า"),
    ("complainant", "first_name"): _("ชื่อผู้ร้อง"),
    ("complainant", "last_name"): _("นามสกุลผู้ร้อง"),
    ("complainant", "national_id"): _("เลขประจำตัวประชาชนผู้ร้อง"),
    ("complainant", "phone"): _("โทรศัพท์ผู้ร้อง"),
    ("complainant", "address"): _("ที่อยู่ผู้ร้อง"),
    ("respondent", "name"): _("ผู้ถูกร้องเรียน"),
    ("respondent", "position"): _("ตำแหน่งผู้ถูกร้องเรียน"),
    ("respondent", "agency"): _("หน่วยงานผู้ถูกร้องเรียน"),
}
#: Personal data is never copied into history in clear: an ID change shows as masked.
PERSONAL_FIELDS = {("complainant", "national_id"), ("complainant", "phone")}
#: The history's name for a registration.
RECEIVED = _("รับเรื่อง")
#: The subject of a back-captured record until its OCR text (or a clerk) supplies one.
PENDING_SUBJECT = "รอกรอก"


class DuplicateDocument(Exception):
    """The same file (by SHA-256) is already attached to this complaint."""

    def __init__(self, existing):
        super().__init__(existing.filename)
        self.existing = existing


class Registration(NamedTuple):
    """One complaint to register: at ``center``, the ``record`` (the five groups plus
    ``received_at``), registered by ``who`` in state ``status``; ``to_complete``: nobody has
    typed the record yet (back-capture). ``action`` names the registration in the first
    history entry, and ``origin`` notes where the record came from beside its receipt number
    (an import: the source system's id)."""

    center: object  # a resources.center.Center
    record: dict
    who: str
    status: str
    to_complete: bool = False
    action: str = RECEIVED
    origin: str = ""


def register_complaints(site, registrations):
    """Register many complaints in the current transaction; returns them in the same order.

    Each is numbered, given a tracking code, filed in its center's folder and its history, one
    by one; then a single ``ComplaintsRegistered`` lets the listing, the summary counters and
    the search outbox take them all at once. That is the whole of registering: a form registers
    a batch of one (``register_complaint``), an import or the bulk loader a batch of thousands,
    which is what makes them fast (each shared set, count and folder is written once per batch).
    """
    complaints = [_file_new_complaint(site, registration) for registration in registrations]
    if complaints:
        notify(ComplaintsRegistered(site, complaints))
    return complaints


def register_complaint(site, center, record, uploads, who, initial_status, submission_id=None,
                       to_complete=False, background=False):
    """Register a complaint at ``center``; returns ``(complaint, created)``.

    ``record`` maps the five groups to dicts plus ``received_at``; ``uploads`` are validated
    temporary files (see uploads.py). A ``submission_id`` seen before returns the complaint it
    registered, which is how a double-clicked submit registers one complaint, not two.
    ``to_complete``: nobody has typed the record yet (back-capture). ``background``: nobody
    waits for its scans to be read (demo data, back-capture), so they queue behind the counter's.
    """
    if submission_id and submission_id in site.submissions:
        return site.submissions[submission_id], False
    [complaint] = register_complaints(
        site, [Registration(center, record, who, initial_status, to_complete)])
    if submission_id:
        site.submissions[submission_id] = complaint
    for upload in uploads:
        attach_document(complaint, upload, who, background=background)
    return complaint, True


def _file_new_complaint(site, registration):
    """Number a new complaint and file it in its center's folder (no event: the caller sends
    one for the batch)."""
    center, record, who = registration.center, registration.record, registration.who
    received_at = as_utc(record["received_at"])
    year, number = next_receipt_number(center, received_at)
    complaint = Complaint(
        tracking_code=new_code(site.tracking),
        receipt_year=year,
        receipt_number=number,
        received_at=received_at,
        registered_by=who,
        status=registration.status,
        to_complete=registration.to_complete,
        **{group: record[group] for group in GROUPS},
    )
    center.complaints.add(f"{year}-{number}", complaint, send_events=False)
    site.tracking[complaint.tracking_code] = complaint
    note = format_receipt(year, number)
    if registration.origin:
        note = f"{note} ({registration.origin})"
    complaint.history.record(who, registration.action, note=note)
    return complaint


def attach_document(complaint, upload, who, background=False, kind=SCAN):
    """Store an uploaded file as a new document and queue the job that reads its pages
    (``background``: behind every job someone waits for, see jobs.py); a ``PHOTO`` only gets
    its viewer image and thumbnail, nothing is read from it.

    ``complaint`` may also be an unfiled scan (any ``DocumentFolder``)."""
    for existing in complaint.documents():
        if existing.sha256 == upload.sha256:
            raise DuplicateDocument(existing)
    document = ScannedDocument(
        filename=upload.filename, mimetype=upload.mimetype, sha256=upload.sha256,
        size=upload.size, page_count=upload.page_count, uploaded_by=who, kind=kind,
    )
    document.store_original(upload.path)
    complaint.add(complaint.next_document_name(), document)
    find_root(complaint).jobs.put("read-document", resource_path_tuple(document),
                                  background=background)
    complaint.history.record(who, _("แนบเอกสาร"), note=upload.filename)
    return document


def correct_page_text(document, page, text, who):
    """A person's correction of a page's text, recorded on the complaint's history."""
    if not page.correct(normalize_text(text).strip(), who):
        return False
    complaint = document.__parent__
    complaint.history.record(
        who, _("แก้ไขข้อความในเอกสาร"),
        note=f"{document.filename} หน้า {format_number(page.number)}")
    notify(ObjectModified(document))
    find_root(document).jobs.put("searchable-pdf", resource_path_tuple(document))
    return True


def edit_complaint(complaint, record, who, describe=None, correction=False):
    """Apply edited groups; records one history entry listing each field before → after.

    ``describe(group, field, value)`` turns stored codes into readable labels for the history.
    ``correction``: ``who`` has the right to correct a closed complaint (``Complaint.change``).
    Returns the number of fields that changed.
    """
    describe = describe or (lambda group, field, value: "" if value is None else str(value))
    changes, values = [], {}
    for group in GROUPS:
        old, new = getattr(complaint, group), record[group]
        group_changes = [_change(group, field, old.get(field), new.get(field), describe)
                         for field in sorted(set(old) | set(new))
                         if old.get(field) != new.get(field)]
        if group_changes:
            changes += group_changes
            values[group] = dict(new)
    received_at = as_utc(record["received_at"])
    if received_at != complaint.received_at:
        changes.append((_("วันเวลาที่รับเรื่อง"), describe("complaint", "received_at", complaint.received_at),
                        describe("complaint", "received_at", received_at)))
        values["received_at"] = received_at
    if complaint.to_complete:  # the edit form only saves a complete record
        values["to_complete"] = False
        changes.append((_("สถานะการบันทึก"), _("ต้องบันทึกให้ครบ"), _("บันทึกครบแล้ว")))
    if changes:
        complaint.change(who, _("แก้ไขข้อมูล"), changes=changes, correction=correction, **values)
    return len(changes)


def as_utc(moment):
    """Stored datetimes are UTC: zoneinfo objects do not pickle into ZODB records."""
    return moment.astimezone(datetime.timezone.utc)


def _change(group, field, before, after, describe):
    label = FIELD_LABELS.get((group, field), field)
    if (group, field) in PERSONAL_FIELDS:
        return (label, HIDDEN if before else "", HIDDEN if after else "")
    return (label, describe(group, field, before), describe(group, field, after))
