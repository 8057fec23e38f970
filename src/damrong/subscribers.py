"""Keeping the listing index in step with complaints; spacing out retried requests."""

import time

from pyramid.events import subscriber
from pyramid_retry import BeforeRetry
from pyramid.traversal import find_root

from .resources.complaint import Complaint
from .resources.events import ObjectAdded, ObjectModified, ObjectWillBeRemoved
from .txn import backoff


@subscriber(ObjectAdded)
@subscriber(ObjectModified)
def index_complaint(event):
    if isinstance(event.object, Complaint):
        find_root(event.object).listing.index(event.object)


@subscriber(ObjectWillBeRemoved)
def unindex_complaint(event):
    if isinstance(event.object, Complaint):
        find_root(event.object).listing.unindex(event.object)


@subscriber(BeforeRetry)
def back_off_before_retry(event):
    """Wait a random, growing moment before a request is retried after a conflict.

    Retried at once, requests that conflicted on the same object (a center's receipt counter)
    meet again at the same instant and conflict again; a randomized exponential back-off spreads
    them out so each gets through within a few attempts.
    """
    time.sleep(backoff(event.request.environ.get("retry.attempt", 0)))
