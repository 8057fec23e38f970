"""Scanned documents: the original file exactly as received, and the pages made from it."""

import datetime

from BTrees.IOBTree import IOBTree
from persistent import Persistent
from ZODB.blob import Blob

from ..i18n import _

#: Processing states a clerk sees beside each document.
STATES = {
    "queued": _("รอประมวลผล"),
    "processing": _("กำลังประมวลผล"),
    "ready": _("พร้อมใช้งาน"),
    "failed": _("ประมวลผลไม่สำเร็จ"),
}


class Page(Persistent):
    """One page: an image for the viewer and a thumbnail, both derived and rebuildable."""

    def __init__(self, number, width, height):
        self.number = number
        self.width = width
        self.height = height
        self.image = Blob()
        self.thumbnail = Blob()
        self.text = ""


class ScannedDocument(Persistent):
    """A file attached to a complaint. ``original`` is never altered after it is stored."""

    __parent__ = None
    __name__ = None

    def __init__(self, *, filename, mimetype, sha256, size, page_count, uploaded_by):
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
        self.progress = ""
        self.error = ""

    @property
    def state_label(self):
        return STATES[self.state]

    def store_original(self, source_path):
        """Copy (not move) the uploaded file into the blob, so a retried transaction finds it."""
        with open(source_path, "rb") as source, self.original.open("w") as target:
            while chunk := source.read(1 << 20):
                target.write(chunk)
