"""Keeping the listing index in step with complaints, through folder and content events."""

from pyramid.events import subscriber
from pyramid.traversal import find_root

from .resources.complaint import Complaint
from .resources.events import ObjectAdded, ObjectModified, ObjectWillBeRemoved


@subscriber(ObjectAdded)
@subscriber(ObjectModified)
def index_complaint(event):
    if isinstance(event.object, Complaint):
        find_root(event.object).listing.index(event.object)


@subscriber(ObjectWillBeRemoved)
def unindex_complaint(event):
    if isinstance(event.object, Complaint):
        find_root(event.object).listing.unindex(event.object)
