"""Keeping the listing index, the search outbox and the summary counters in step with complaints;
spacing out retries."""

import time

from pyramid.events import subscriber
from pyramid.threadlocal import get_current_registry
from pyramid_retry import BeforeRetry
from pyramid.traversal import find_root, resource_path

from .indexing import mark_for_index
from .reports.counters import cell_of
from .resources.complaint import Complaint
from .resources.document import ScannedDocument
from .resources.letter import Letter
from .resources.events import (CenterChanged, ComplaintsRegistered, ObjectAdded, ObjectModified,
                               ObjectWillBeRemoved)
from .txn import backoff


@subscriber(ObjectModified)
def index_complaint(event):
    if isinstance(event.object, Complaint):
        find_root(event.object).listing.index(event.object)


@subscriber(ComplaintsRegistered)
def index_registered(event):
    event.site.listing.index_many(event.complaints)


@subscriber(ObjectWillBeRemoved)
def unindex_complaint(event):
    if isinstance(event.object, Complaint):
        find_root(event.object).listing.unindex(event.object)


@subscriber(ObjectWillBeRemoved)
def forget_tracking_code(event):
    """A removed complaint's code leads nowhere (the map holds its id, which a pack would
    leave pointing at nothing)."""
    if isinstance(event.object, Complaint):
        find_root(event.object).tracking.pop(event.object.tracking_code, None)


@subscriber(ObjectModified)
def count_complaint(event):
    """Every change through the one door (``Complaint.change``: edits, transitions, transfers)
    moves the complaint's summary cell in the same transaction."""
    if isinstance(event.object, Complaint):
        find_root(event.object).summaries.follow(event.object, cell_of(event.object))


@subscriber(ComplaintsRegistered)
def count_registered(event):
    """New complaints, however many, are counted in the transaction that registers them."""
    workflow = get_current_registry().workflow
    event.site.summaries.follow_many(
        [(complaint, cell_of(complaint, workflow)) for complaint in event.complaints])


@subscriber(ObjectWillBeRemoved)
def uncount_complaint(event):
    if isinstance(event.object, Complaint):
        find_root(event.object).summaries.follow(event.object, None)


@subscriber(ObjectAdded)
@subscriber(ObjectModified)
def mark_for_search(event):
    """A complaint, or a document or letter in one, changed: queue the complaint for the
    search index."""
    if isinstance(event.object, (Complaint, ScannedDocument, Letter)):
        mark_for_index(event.object)


@subscriber(ComplaintsRegistered)
def mark_registered_for_search(event):
    event.site.index_outbox.mark_many(event.complaints)


@subscriber(ObjectWillBeRemoved)
def mark_removal_for_search(event):
    """A complaint leaves (its path goes from the index); a document leaves its complaint."""
    if isinstance(event.object, Complaint):
        find_root(event.object).index_outbox.mark_removed(resource_path(event.object))
    elif isinstance(event.object, ScannedDocument):
        mark_for_index(event.parent)


@subscriber(CenterChanged)
def unmark_transferred_path(event):
    """A transferred complaint lives under its new center: its old path leaves the index
    (``ObjectModified`` already marked the new one)."""
    find_root(event.complaint).index_outbox.mark_removed(event.old_path)


@subscriber(BeforeRetry)
def back_off_before_retry(event):
    """Wait a random, growing moment before a request is retried after a conflict.

    Retried at once, requests that conflicted on the same object (a center's receipt counter)
    meet again at the same instant and conflict again; a randomized exponential back-off spreads
    them out so each gets through within a few attempts.
    """
    time.sleep(backoff(event.request.environ.get("retry.attempt", 0)))
