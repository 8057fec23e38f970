"""Unfiled scans: what the hot folder received but could not match to a complaint.

Each center has one ``UnfiledScans`` folder (``/moi/70/7001/unfiled``). An ``UnfiledScan`` is one
dropped file or batch folder; its documents are ordinary ``ScannedDocument`` objects, rendered and
read by the same jobs as a complaint's, so when a clerk attaches the scan to a complaint (or
registers a new one from it) the documents move over with their pages and text as they are.
"""

import datetime

from .complaint import DocumentFolder
from .folder import Folder


class UnfiledScan(DocumentFolder):
    """One dropped file or batch. ``note`` says why it was not filed when the name or a cover
    sheet pointed at a complaint that was not found (empty when nothing pointed anywhere)."""

    def __init__(self, source_name, note=""):
        super().__init__()
        self.source_name = source_name
        self.note = note
        self.received_at = datetime.datetime.now(datetime.timezone.utc)

    @property
    def center(self):
        return self.__parent__.__parent__

    @property
    def page_count(self):
        return sum(document.page_count for document in self.documents())


class UnfiledScans(Folder):
    """A center's unfiled scans, named ``s1``, ``s2``… from a counter that never goes back, so a
    scan that was filed away never leaves its name to a newer one (a plain attribute, not a
    conflict-resolving ``Length``: two workers adding at once must conflict, not share a name)."""

    def __init__(self):
        super().__init__()
        self.last_number = 0

    def add_scan(self, scan):
        self.last_number += 1
        return self.add(f"s{self.last_number}", scan)

    def newest_first(self):
        return sorted(self.values(), key=lambda scan: scan.received_at, reverse=True)
