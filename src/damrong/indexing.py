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

Each index entry carries a *content stamp*, a digest of exactly what was indexed. ``check-index``
recomputes it from the record, so a stale entry is found however it came about, even by a change
that never marked the outbox. ``reindex`` rebuilds the whole index from the database.
"""

import dataclasses
import hashlib
import itertools
import os

import transaction
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.traversal import find_resource, find_root, resource_path
from ZODB.POSException import ConflictError

from .locks import ProcessLock
from .resources.complaint import Complaint
from .resources.site import get_site
from .search import IndexDoc, PageRef
from .search.parallel import analyzed_batches
from .thai.digits import to_thai_digits
from .tracking import format_code
from .visibility import complaint_seen_from

BATCH = 200


class IndexOutbox(Persistent):
    """Complaint paths waiting to be (re)indexed, each with the revision that was marked.

    Marks of different complaints are different keys of one BTree, which ZODB merges when two
    transactions add them at once, so marking does not make concurrent requests conflict.
    """

    def __init__(self):
        self.pending = OOBTree()

    def mark(self, complaint):
        self.mark_many([complaint])

    def mark_many(self, complaints):
        """``mark`` for many complaints at once (a batch of registrations): one update of the
        BTree."""
        marks = {}
        for complaint in complaints:
            complaint.index_revision = getattr(complaint, "index_revision", 0) + 1
            marks[resource_path(complaint)] = complaint.index_revision
        self.pending.update(marks)

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
    doc = IndexDoc(
        id=resource_path(complaint),
        stamp="",
        centers=tuple(reversed(complaint_seen_from(complaint))),
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
    return dataclasses.replace(doc, stamp=content_stamp(doc))


def content_stamp(doc):
    """A digest of everything ``doc`` holds but its stamp: equal stamps, equal index entries."""
    text = repr(dataclasses.replace(doc, stamp=""))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


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
    """``{path: content stamp}`` of every complaint, as ``check-index`` compares them with the
    index: each is built from the record as the indexer would build it, pages and letters
    included, so this reads the whole database."""
    stamps = {}
    for _code, _name, complaint in iter_complaints(site):
        stamps[resource_path(complaint)] = index_document(complaint).stamp
        if len(stamps) % BATCH == 0:
            site._p_jar.cacheMinimize()  # bounded memory over millions of complaints
    return stamps


def reindex(site, index, batch=1000, processes=None, restart=False, progress=None):
    """Rebuild the search index from the database; returns how many phantoms were deleted.

    Resumable: the last complaint written is kept in a checkpoint file inside the index (so an
    index replaced as outdated starts from the beginning), and a new run starts after it unless
    ``restart``. ``progress(done, total)`` is called after each batch. The caller must hold the
    writer's lock; ZODB is only read, but for outbox marks settled in commits of their own.
    """
    checkpoint = _checkpoint_path(index)
    start = None if restart else reindex_start(index)
    total = sum(len(center.complaints) for center in site.centers.values())
    done = 0

    def batches():
        docs, marks, last = [], [], None
        for code, name, complaint in iter_complaints(site, start):
            docs.append(index_document(complaint))
            marks.append((docs[-1].id, getattr(complaint, "index_revision", 0)))
            last = (code, name)
            if len(docs) >= batch:
                yield (last, marks), docs
                docs, marks = [], []
        if docs:
            yield (last, marks), docs

    for (last, marks), analyzed in analyzed_batches(batches(), processes):
        index.add_analyzed(analyzed)
        index.commit()
        with open(checkpoint, "w") as f:
            f.write(" ".join(last))
        _settle(site, marks)
        done += len(analyzed)
        if progress is not None:
            progress(done, total)
        site._p_jar.cacheMinimize()  # bounded memory over millions of complaints
    current = current_paths(site)
    phantoms = sorted(set(index.ids_and_stamps()) - current)
    index.delete(phantoms)
    index.commit()
    _settle(site, [(path, revision) for path, revision in site.index_outbox.pending.items()
                   if revision == -1 and path not in current])
    if os.path.exists(checkpoint):
        os.remove(checkpoint)
    return len(phantoms)


def reindex_start(index):
    """Where an interrupted ``reindex`` will go on from: ``(center code, name)`` or ``None``."""
    checkpoint = _checkpoint_path(index)
    if not os.path.exists(checkpoint):
        return None
    with open(checkpoint) as f:
        return tuple(f.read().split())


def _checkpoint_path(index):
    return os.path.join(index.path, "reindex.checkpoint")


def _settle(site, marks):
    """Forget the outbox marks of what the index now holds, so the worker does not index a
    million complaints again after a rebuild (``settle`` keeps any marked again since). A
    conflict leaves the marks: indexing a complaint twice is harmless."""
    site.index_outbox.settle(marks)
    try:
        transaction.commit()
    except ConflictError:
        transaction.abort()


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
