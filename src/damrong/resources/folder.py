"""A container whose children live in an OOBTree, so it can hold millions of them."""

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from persistent import Persistent

from .events import ObjectAdded, ObjectWillBeRemoved, notify


class Folder(Persistent):
    """Children by name in a BTree with a conflict-free counter beside it.

    The counter exists because ``len()`` of a BTree walks every bucket; at a million children
    that is thousands of object loads.
    """

    __parent__ = None
    __name__ = None

    def __init__(self):
        self.data = OOBTree()
        self._count = Length(0)

    def __getitem__(self, name):
        return self.data[name]

    def get(self, name, default=None):
        return self.data.get(name, default)

    def __contains__(self, name):
        return name in self.data

    def __len__(self):
        return self._count()

    def __iter__(self):
        return iter(self.data.keys())

    def keys(self, min=None, max=None):
        return self.data.keys(min, max)

    def values(self, min=None, max=None):
        return self.data.values(min, max)

    def items(self, min=None, max=None):
        return self.data.items(min, max)

    def add(self, name, obj, send_events=True):
        """Place ``obj`` under ``name``; names are never silently replaced."""
        if not isinstance(name, str) or not name or "/" in name or name.startswith("@@"):
            raise ValueError(f"invalid name: {name!r}")
        if name in self.data:
            raise KeyError(f"{name!r} already exists in {self.__name__!r}")
        obj.__parent__ = self
        obj.__name__ = name
        self._put_child(name, obj)
        if send_events:
            notify(ObjectAdded(obj, self))
        return obj

    def remove(self, name, send_events=True):
        obj = self.data[name]
        if send_events:
            notify(ObjectWillBeRemoved(obj, self))
        self._drop_child(name)
        obj.__parent__ = None
        obj.__name__ = None
        return obj

    def _put_child(self, name, obj):
        self.data[name] = obj
        self._count.change(1)

    def _drop_child(self, name):
        del self.data[name]
        self._count.change(-1)
