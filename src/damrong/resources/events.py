"""Events fired by folders and content, so indexes follow changes without being called by hand."""

from pyramid.threadlocal import get_current_registry


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
    """Fired after fields of ``obj`` changed; ``before`` holds the indexed values it had."""

    def __init__(self, obj, before=None):
        super().__init__(obj)
        self.before = before or {}


def notify(event):
    """Send ``event`` to the subscribers of the current Pyramid registry (web, CLI or worker)."""
    get_current_registry().notify(event)
