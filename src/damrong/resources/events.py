"""Events fired by folders and content, so indexes follow changes without being called by hand.

A change that nobody hears is a change the listing, the search index and (later) the summaries
never see, so ``notify`` refuses to send into the void: with no application registry current it
raises instead of doing nothing.
"""

from pyramid.registry import global_registry
from pyramid.threadlocal import get_current_registry


class NoApplicationRegistry(RuntimeError):
    """An event was sent with no application registry current (a script that did not open the
    application), so no subscriber would have heard it."""


class ObjectEvent:
    """Base: ``obj`` is the content that changed, ``parent`` the folder that holds it."""

    def __init__(self, obj, parent=None):
        self.object = obj
        self.parent = parent if parent is not None else getattr(obj, "__parent__", None)


class ObjectAdded(ObjectEvent):
    """Fired after ``obj`` was placed in ``parent`` (it has its name and parent already)."""


class ObjectWillBeRemoved(ObjectEvent):
    """Fired before ``obj`` leaves ``parent``, while it can still be found by its path."""


class ObjectModified(ObjectEvent):
    """Fired after fields of ``obj`` changed."""


class ComplaintsRegistered:
    """Fired once after ``complaints.register_complaints`` filed new ``complaints`` (one from a
    form, thousands from an import) in their centers' folders, in place of an ``ObjectAdded``
    each: what follows complaints (the listing, the summary counters, the search outbox) takes
    the whole batch in one pass, writing each shared set and count once, not once per
    complaint."""

    def __init__(self, site, complaints):
        self.site = site
        self.complaints = complaints


class StatusChanged(ObjectEvent):
    """Fired after a workflow transition moved ``complaint`` from ``before`` to ``after`` (after
    its ``ObjectModified``): the hook for anything that follows states, such as summaries and
    deadlines."""

    def __init__(self, complaint, before, after, transition):
        super().__init__(complaint)
        self.complaint = complaint
        self.before = before
        self.after = after
        self.transition = transition


class CenterChanged(ObjectEvent):
    """Fired after a transfer handed ``complaint`` from center ``before`` to center ``after``
    (after its ``ObjectModified``): it is counted at its new owner from now on, and is no longer
    found at ``old_path``."""

    def __init__(self, complaint, before, after, old_path):
        super().__init__(complaint)
        self.complaint = complaint
        self.before = before
        self.after = after
        self.old_path = old_path


def notify(event):
    """Send ``event`` to the subscribers of the current Pyramid registry (web, CLI or worker)."""
    registry = get_current_registry()
    if registry is global_registry:
        raise NoApplicationRegistry(
            f"{type(event).__name__} sent with no application registry current: open the "
            "application first (scripts.cli.open_site, or push its registry)")
    registry.notify(event)
