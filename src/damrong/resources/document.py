"""Scanned documents: the original file exactly as received, and the pages made from it."""

import datetime

from BTrees.IOBTree import IOBTree
from persistent import Persistent
from ZODB.blob import Blob

from ..i18n import _
from ..ocr.page import REVIEW_CONFIDENCE

#: Processing states a clerk sees beside each document.
#: What a document is: a paper to read, or a photo to look at.
SCAN, PHOTO = "scan", "photo"
KINDS = (SCAN, PHOTO)

STATES = {
    "queued": _("รอประมวลผล"),
    "processing": _("กำลังอ่าน"),
    "ready": _("พร้อมใช้งาน"),
    "failed": _("ประมวลผลไม่สำเร็จ"),
}


class Page(Persistent):
    """One page: viewer image and thumbnail (derived, rebuildable) and the page's text.

    ``text`` is what readers and search use: the latest hand correction if there is one, else
    what the machine read (``machine_text``). Corrections are kept as revisions, oldest first.
    ``words`` are the machine's word boxes, ``(text, left, top, width, height, confidence)`` in
    pixels of an image ``box_size`` large, for highlights and the searchable PDF.
    """

    text = ""
    machine_text = ""
    confidence = None
    source = ""
    words = ()
    box_size = (0, 0)
    revisions = ()

    def __init__(self, number, width, height):
        self.number = number
        self.width = width
        self.height = height
        self.image = Blob()
        self.thumbnail = Blob()

    @property
    def corrected(self):
        return bool(self.revisions)

    @property
    def needs_review(self):
        """Whether a clerk should check this page's machine-read text against its image: read
        by OCR with a confidence that, on the benchmark, goes with several times the errors."""
        return (self.source == "ocr" and not self.corrected and self.confidence is not None
                and self.confidence < REVIEW_CONFIDENCE)

    def set_machine_text(self, page_text):
        """Keep what OCR (or the PDF's own text layer) read from this page."""
        self.machine_text = page_text.text
        self.confidence = page_text.confidence
        self.source = page_text.source
        self.words = tuple((w.text, w.left, w.top, w.width, w.height, round(w.confidence, 1))
                           for w in page_text.words)
        if page_text.image is not None:
            self.box_size = page_text.image.size
        if not self.revisions:
            self.text = page_text.text

    def correct(self, text, who):
        """A person's correction of the text; returns ``False`` if nothing changed."""
        if text == self.text:
            return False
        self.revisions += ({"text": text, "who": who,
                            "when": datetime.datetime.now(datetime.timezone.utc)},)
        self.text = text
        return True


class ScannedDocument(Persistent):
    """A file attached to a complaint. ``original`` is never altered after it is stored.

    ``cover_pages``: leading pages that are our own cover sheet (scanned in front of a batch),
    kept in the original but marked so nobody reads them as the petition.
    ``searchable``: a derived PDF of the page images with an invisible OCR text layer
    (scans/searchable_pdf.py), or ``None`` until one is built.
    ``kind``: ``SCAN`` (a paper to read: OCR'd and searchable) or ``PHOTO`` (a photo from a
    team's visit: shown, never read, so the worker spends no OCR on it; reading.py).
    """

    __parent__ = None
    __name__ = None
    cover_pages = 0
    searchable = None
    kind = "scan"

    def __init__(self, *, filename, mimetype, sha256, size, page_count, uploaded_by,
                 kind="scan"):
        if kind not in KINDS:
            raise ValueError(kind)
        self.kind = kind
        self.filename = filename
        self.mimetype = mimetype
        self.sha256 = sha256
        self.size = size
        self.page_count = page_count
        self.uploaded_by = uploaded_by
        self.uploaded_at = datetime.datetime.now(datetime.timezone.utc)
        self.original = Blob()
        self.pages = IOBTree()
        self.state = "queued"
        self.pages_read = 0
        self.error = ""

    @property
    def state_label(self):
        """The state as a clerk reads it, with the page being read while it works (a message:
        pages show it through ``th.translate``, which writes the numbers in the reader's digits)."""
        if self.state == "processing" and self.page_count:
            reading = min(self.pages_read + 1, self.page_count)
            return _("กำลังอ่านหน้า ${page} จาก ${pages}",
                     mapping={"page": reading, "pages": self.page_count})
        return STATES[self.state]

    def store_original(self, source_path):
        """Copy (not move) the uploaded file into the blob, so a retried transaction finds it."""
        with open(source_path, "rb") as source, self.original.open("w") as target:
            while chunk := source.read(1 << 20):
                target.write(chunk)
