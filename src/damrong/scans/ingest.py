"""Back-capture: years of paper petitions scanned into folders, registered in one run.

``damrong -c INI ingest DIR --center CODE`` makes each subfolder of DIR (or each file directly in
it) one complaint of that center, registered through ``register_complaint`` like any other, so
receipt numbers, tracking codes and indexes stay right. Nobody has typed these records, so each
is flagged ``to_complete`` and waits in the center's "เรื่องที่ต้องบันทึกให้ครบ" queue until a clerk
saves it through the edit form.

Its subject is the placeholder ``รอกรอก`` at first: the text is not known before OCR, and OCR
must not run inside the import (it takes seconds a page). A ``fill-from-ocr`` job queued behind
the documents' jobs puts the petition's ``เรื่อง`` line in its place once the pages are read; if
a clerk got there first, their subject stays.

Each batch is registered in a transaction of its own, and the SHA-256 of its files is kept at
the center with the complaint it became, so a run that was interrupted is simply started again:
batches already registered are skipped, never duplicated.
"""

import datetime
import hashlib
import os
import time
from dataclasses import dataclass, field

from pyramid.traversal import find_root, resource_path_tuple

from ..complaints import FIELD_LABELS, PENDING_SUBJECT, register_complaint
from ..i18n import _
from ..txn import commit_in_own_connection
from .filing import ScanRefused, refuse_received
from .hotfolder import batch_files, checked_uploads, ignored
from .prefill import extract

#: Who the history names for back-captured records.
BACK_CAPTURE = "นำเข้าเอกสารย้อนหลัง"
READ_JOB = "read-document"
FILL_JOB = "fill-from-ocr"
RETRY_AFTER = datetime.timedelta(seconds=30)


@dataclass
class IngestReport:
    total: int = 0
    created: int = 0
    skipped: int = 0
    failed: list = field(default_factory=list)  # (batch name, Thai reason)

    @property
    def done(self):
        return self.created + self.skipped + len(self.failed)


def batches_in(directory):
    """``(name, files)`` for each subfolder and each single file directly in ``directory``."""
    found = []
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if ignored(name):
            continue
        if os.path.isdir(path):
            files = batch_files(path)
            if files:
                found.append((name, files))
        elif os.path.isfile(path):
            found.append((name, [path]))
    return found


def batch_key(uploads):
    """The identity of a batch: its files' SHA-256s, whatever the files are called."""
    return hashlib.sha256("\n".join(sorted(u.sha256 for u in uploads)).encode()).hexdigest()


def pending_record(center, received_at):
    """The record of a back-captured complaint before anyone has read it."""
    return {
        "type": {"category": "", "category_other": "", "channel": "letter"},
        "complaint": {"subject": PENDING_SUBJECT, "details": "", "urgency": "normal"},
        "place": {"province": center.province_code or "",
                  "district": center.code if center.level == "district" else "",
                  "subdistrict": "", "address": "", "lat": "", "lon": ""},
        "complainant": {"anonymous": False, "title": "", "first_name": "", "last_name": "",
                        "national_id": "", "phone": "", "address": ""},
        "respondent": {"name": "", "position": "", "agency": ""},
        "received_at": received_at,
    }


def ingest(db, registry, center_code, directory, progress=None):
    """Register every batch of ``directory`` at the center; returns an ``IngestReport``.

    ``progress(report, elapsed_seconds)`` is called after each batch.
    """
    settings = registry.app_settings
    batches = batches_in(directory)
    report = IngestReport(total=len(batches))
    began = time.monotonic()
    for name, files in batches:
        try:
            uploads = checked_uploads(files, directory, settings.upload_limits)
            created = commit_in_own_connection(
                db, lambda site: _register_batch(site, registry, center_code, name, uploads),
                user=BACK_CAPTURE)
        except ScanRefused as refusal:
            report.failed.append((name, str(refusal)))
        else:
            if created:
                report.created += 1
            else:
                report.skipped += 1
        if progress:
            progress(report, time.monotonic() - began)
    return report


def _register_batch(site, registry, center_code, name, uploads):
    """Register one batch; ``False`` when it was registered by an earlier run."""
    center = site.centers[center_code]
    key = batch_key(uploads)
    if key in center.ingested_batches:
        return False
    refuse_received(center, uploads)
    record = pending_record(center, datetime.datetime.now(datetime.timezone.utc))
    complaint = register_complaint(site, center, record, uploads, BACK_CAPTURE,
                                   registry.workflow.initial, to_complete=True, background=True)[0]
    complaint.history.record(BACK_CAPTURE, _("นำเข้าจากเอกสารย้อนหลัง"), note=name)
    for document in complaint.documents():
        center.received_scans[document.sha256] = document
    center.ingested_batches[key] = complaint
    site.jobs.put(FILL_JOB, resource_path_tuple(complaint), background=True)
    return True


def fill_subject_from_ocr(complaint, run=None):
    """Job: replace the placeholder subject with the ``เรื่อง`` line of the documents' text.

    Queued behind the documents' own jobs; if one of them is still pending (another worker
    has it, or it waits for a retry) this job puts itself back for a little later, and once no
    document is left to read it uses whatever text there is.
    """
    if complaint.subject != PENDING_SUBJECT:
        return
    site = find_root(complaint)
    documents = complaint.documents()
    if any(site.jobs.has_pending(resource_path_tuple(d), READ_JOB) for d in documents):
        site.jobs.put(FILL_JOB, resource_path_tuple(complaint), background=True,
                      not_before=datetime.datetime.now(datetime.timezone.utc) + RETRY_AFTER)
        return
    text = "\n".join(page.text for document in documents for page in document.pages.values())
    subject = extract(text).subject
    if subject:
        complaint.change(BACK_CAPTURE, _("กรอกเรื่องจากข้อความในเอกสาร"),
                         changes=[(FIELD_LABELS[("complaint", "subject")], PENDING_SUBJECT, subject)],
                         complaint=dict(complaint.complaint, subject=subject))


def describe_progress(report, elapsed):
    """``๑๒/๓๐๐ ชุด …`` with the rate and the time left, for the command line."""
    rate = report.done / elapsed if elapsed > 0 else 0.0
    left = (report.total - report.done) / rate if rate else 0.0
    return (f"นำเข้า {report.done:,}/{report.total:,} ชุด (ใหม่ {report.created:,}, "
            f"มีแล้ว {report.skipped:,}, ไม่สำเร็จ {len(report.failed):,}) "
            f"{rate:,.1f} ชุด/วินาที เหลือประมาณ {datetime.timedelta(seconds=round(left))}")
