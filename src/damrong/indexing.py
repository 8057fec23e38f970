"""Keeping the search index in step with ZODB: an outbox of changed complaints, one writer.

Every change that search can see (registration, edit, status change, a document attached, a page
read or corrected, a letter issued) marks its complaint in ``site.index_outbox`` in the same
transaction, with a new revision number. Only committed changes are ever marked, so the index
never shows a change that was rolled back. The worker drains the outbox: it builds each marked
complaint's ``IndexDoc`` from the database, writes the batch to the index and commits it there,
and only then removes the marks whose revision did not move meanwhile. A crash between the two
commits leaves the marks, and the complaints are simply indexed again; a complaint removed from
the database is deleted from the index by the same path, so no phantom is left behind.

One process writes (the engines allow one writer per index): the holder of a file lock beside
the index, so several worker processes on ZEO can all run the same loop.
"""

import itertools

import transaction
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.traversal import find_resource, find_root, resource_path
from ZODB.POSException import ConflictError

from .locks import ProcessLock
from .resources.complaint import Complaint
from .resources.site import get_site
from .search import IndexDoc, PageRef
from .thai.digits import to_thai_digits
from .tracking import format_code

BATCH = 200


class IndexOutbox(Persistent):
    """Complaint paths waiting to be (re)indexed, each with the revision that was marked.

    Marks of different complaints are different keys of one BTree, which ZODB merges when two
    transactions add them at once, so marking does not make concurrent requests conflict.
    """

    def __init__(self):
        self.pending = OOBTree()

    def mark(self, complaint):
        complaint.index_revision = getattr(complaint, "index_revision", 0) + 1
        self.pending[resource_path(complaint)] = complaint.index_revision

    def mark_removed(self, path):
        self.pending[path] = -1

    def batch(self, size=BATCH):
        return list(itertools.islice(self.pending.items(), size))

    def settle(self, batch):
        """Forget the marks of ``batch`` that nothing marked again while it was indexed."""
        for path, revision in batch:
            if self.pending.get(path) == revision:
                del self.pending[path]


def index_document(complaint):
    """What the index holds about ``complaint``, read from the database."""
    center = complaint.center
    respondent = complaint.respondent
    complainant = complaint.complainant
    pages = []
    for document in complaint.documents():
        for number, page in document.pages.items():
            if page.text:
                pages.append((PageRef(document.__name__, number), page.text))
    name = "" if complainant.get("anonymous") else " ".join(filter(None, (
        complainant.get("first_name"), complainant.get("last_name"))))
    receipt = f"{complaint.receipt_number}/{complaint.receipt_year}"
    return IndexDoc(
        id=resource_path(complaint),
        stamp=str(getattr(complaint, "index_revision", 0)),
        centers=tuple(code for code in reversed(center.lineage_codes) if code != "moi")
        or (center.code,),
        received=complaint.received_at,
        status=complaint.status,
        category=complaint.type.get("category", ""),
        channel=complaint.type.get("channel", ""),
        tracking_code=f"{complaint.tracking_code} {format_code(complaint.tracking_code)}",
        receipt_number=f"{receipt} {to_thai_digits(receipt)}",
        subject=complaint.subject,
        details=complaint.complaint.get("details", ""),
        respondent=" ".join(filter(None, (respondent.get("name"), respondent.get("position"),
                                           respondent.get("agency")))),
        complainant_name=name,
        complainant_id=complainant.get("national_id", "") or "",
        pages=pages,
        letters=[letter.full_text() for letter in complaint.issued_letters()],
    )


class Indexer:
    """The search index and the lock that says whether this process may write it."""

    def __init__(self, index, lock_path):
        self.index = index
        self.lock = ProcessLock(lock_path)

    def drain(self, db):
        """Index marked complaints until none is left, if this process is the writer; returns
        how many were indexed. Each batch is its own transaction."""
        if not self.lock.claimed():
            return 0
        tm = transaction.TransactionManager()
        connection = db.open(transaction_manager=tm)
        count = 0
        try:
            while True:
                tm.begin()
                try:
                    done = drain_outbox(get_site(connection), self.index)
                    tm.commit()
                except ConflictError:  # marked again meanwhile: the batch is indexed again
                    tm.abort()
                    continue
                if not done:
                    return count
                count += done
        finally:
            tm.abort()
            connection.close()

    def close(self):
        """Finish writing and let another process become the writer."""
        self.index.close()
        self.lock.release()


def drain_outbox(site, index, size=BATCH):
    """Index one batch of marked complaints; returns how many were handled.

    The caller commits the ZODB transaction afterwards (and aborts on a conflict: the marks
    then stay, and the batch is indexed again, which is harmless).
    """
    batch = site.index_outbox.batch(size)
    if not batch:
        return 0
    docs, gone = [], []
    for path, _revision in batch:
        complaint = _find_complaint(site, path)
        if complaint is None:
            gone.append(path)
        else:
            docs.append(index_document(complaint))
    index.add_or_update(docs)
    index.delete(gone)
    index.commit()
    site.index_outbox.settle(batch)
    return len(batch)


def iter_complaints(site, start=None):
    """Every complaint, center by center in code order then by name: ``(center code, name,
    complaint)``, beginning after ``start`` (such a pair) so an interrupted pass resumes."""
    for code in site.centers.keys(min=start[0] if start else None):
        center = site.centers[code]
        names = center.complaints.data.keys(min=start[1], excludemin=True) \
            if start and code == start[0] else center.complaints.data.keys()
        for name in names:
            yield code, name, center.complaints.data[name]


def current_paths(site):
    """The path of every complaint, from the folders' keys alone: no complaint is loaded, so
    finding an index's phantoms after a rebuild does not read the whole database again."""
    paths = set()
    for center in site.centers.values():
        folder = resource_path(center.complaints)
        paths.update(f"{folder}/{name}" for name in center.complaints.data.keys())
    return paths


def current_stamps(site):
    """``{path: stamp}`` of every complaint, as ``check-index`` compares them with the index."""
    return {resource_path(c): str(getattr(c, "index_revision", 0))
            for _code, _name, c in iter_complaints(site)}


def _find_complaint(site, path):
    try:
        found = find_resource(site, path)
    except KeyError:
        return None
    return found if isinstance(found, Complaint) else None


def mark_for_index(resource):
    """Mark the complaint that ``resource`` is or belongs to (a document, a page's document, a
    letter)."""
    node = resource
    while node is not None and not isinstance(node, Complaint):
        node = getattr(node, "__parent__", None)
    if node is not None:
        find_root(node).index_outbox.mark(node)
