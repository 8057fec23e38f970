"""Where a scan goes in the database, and moving an unfiled scan into a complaint.

A dropped file or batch folder is filed under the complaint its name or its cover sheet points
at, or else kept as an unfiled scan of the hot folder's center for a clerk to file by hand.
Every file taken in is remembered by SHA-256 in its center, so one that comes again (dropped
twice, or left in the inbox by a crash between the commit and the move) is recognized and the
clerk told where the first copy went, instead of being stored twice.
"""

from dataclasses import dataclass, field

from pyramid.traversal import find_root, resource_path_tuple

from ..complaints import DuplicateDocument, attach_document
from ..i18n import _
from ..numbering import format_receipt
from ..resources.complaint import Complaint
from ..resources.unfiled import UnfiledScan
from ..thai.dates import format_datetime
from ..tracking import format_code
from ..visibility import sees
from .names import NameHints

#: Who the history names for what the hot folder files.
SCANNER = "ระบบรับไฟล์สแกน"


class ScanRefused(Exception):
    """A dropped item that cannot be taken in; the Thai message is written beside it in failed/."""


@dataclass
class Batch:
    """A dropped item whose files passed ``uploads.check_file``, in scanning order.

    ``cover_code`` is the tracking code read from a cover sheet on the first page; when the
    first file is nothing but that sheet (``cover_only_first``) it is not kept as a document.
    """

    name: str
    uploads: list
    hints: NameHints = field(default_factory=NameHints)
    cover_code: str | None = None
    cover_only_first: bool = False

    @property
    def documents(self):
        return self.uploads[1:] if self.cover_only_first else self.uploads


def file_batch(site, center, batch, who=SCANNER):
    """File ``batch`` at ``center``; returns the complaint or the new unfiled scan."""
    refuse_received(center, batch.uploads)
    if not batch.documents:
        raise ScanRefused(f"{batch.name}: มีแต่ใบปะหน้า ไม่มีเอกสารที่สแกนตามมา")
    target, note = find_target(site, center, batch.hints, batch.cover_code)
    holder = target if target is not None else center.unfiled.add_scan(UnfiledScan(batch.name, note))
    for upload in batch.documents:
        try:
            document = attach_document(holder, upload, who)
        except DuplicateDocument as duplicate:  # attached by hand before (not through here)
            raise ScanRefused(f"ไฟล์ {upload.filename} ซ้ำกับเอกสาร {duplicate.existing.filename} "
                              f"ที่แนบไว้แล้วใน{describe_holder(holder)} จึงไม่แนบซ้ำ")
        if batch.cover_code and not batch.cover_only_first and upload is batch.uploads[0]:
            document.cover_pages = 1
        center.received_scans[upload.sha256] = document
    return holder


def refuse_received(center, uploads):
    """Raise ``ScanRefused`` naming where each file already received by ``center`` went."""
    seen = []
    for upload in uploads:
        document = center.received_scans.get(upload.sha256)
        if document is not None:
            seen.append(f"{upload.filename} ได้รับแล้วเมื่อ {format_datetime(document.uploaded_at)} "
                        f"เป็นเอกสาร {document.filename} ของ{describe_holder(document.__parent__)}")
    if seen:
        raise ScanRefused("ไฟล์นี้เคยรับเข้าระบบแล้ว จึงไม่รับซ้ำ: " + "; ".join(seen))


def describe_holder(holder):
    if isinstance(holder, Complaint):
        return f"เรื่อง{format_receipt(holder.receipt_year, holder.receipt_number)} ({holder.center.title})"
    if isinstance(holder, UnfiledScan):
        return f"ไฟล์สแกนรอระบุเรื่อง {holder.source_name}"
    return "เอกสารที่ถูกนำออกแล้ว"


def find_complaint(site, center, hints):
    """The complaint ``hints`` name: a tracking code anywhere, a receipt number at ``center``;
    only one of ``center`` or the centers below it (a province hot folder serves its districts)."""
    candidates = []
    if hints.code:
        candidates.append(site.tracking.get(hints.code))
    if hints.receipt:
        year, number = hints.receipt
        candidates.append(center.complaints.get(f"{year}-{number}"))
    for complaint in candidates:
        if complaint is not None and sees(center.code, complaint.center):
            return complaint
    return None


def find_target(site, center, hints, cover_code):
    """``(complaint, None)``, or ``(None, note)`` where the note says what pointed nowhere."""
    complaint = find_complaint(site, center, hints)
    if complaint is None and cover_code:
        complaint = find_complaint(site, center, NameHints(code=cover_code))
    if complaint is not None:
        return complaint, None
    missing = []
    if hints.receipt:
        missing.append("เลขรับ " + format_receipt(hints.receipt[0], hints.receipt[1]))
    if hints.code:
        missing.append("รหัสติดตาม " + format_code(hints.code))
    if cover_code:
        missing.append("ใบปะหน้ารหัส " + format_code(cover_code))
    if not missing:
        return None, ""
    return None, f"ระบุ{' และ '.join(missing)} แต่ไม่พบเรื่องนี้ใน{center.title}"


def file_unfiled_scan(scan, complaint, who):
    """Move the documents of ``scan`` into ``complaint`` (pages and text go with them), then
    remove the scan. A document the complaint already has (same SHA-256) is let go. Returns the
    documents moved."""
    site = find_root(scan)
    center = scan.center
    moved, names = [], []
    for document in scan.documents():
        old_path = resource_path_tuple(document)
        scan.remove(document.__name__, send_events=False)
        existing = next((d for d in complaint.documents() if d.sha256 == document.sha256), None)
        if existing is not None:
            center.received_scans[document.sha256] = existing
            site.jobs.cancel(old_path)
            continue
        complaint.add(complaint.next_document_name(), document)
        site.jobs.repoint(old_path, resource_path_tuple(document))
        moved.append(document)
        names.append(document.filename)
    complaint.history.record(who, _("แนบเอกสารจากไฟล์สแกนรอระบุเรื่อง"),
                             note=f"{scan.source_name}: {', '.join(names) or '-'}")
    center.unfiled.remove(scan.__name__)
    return moved
