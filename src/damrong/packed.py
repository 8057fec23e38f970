"""Integer BTrees whose buckets are stored as packed bytes: the listing's key sets and id maps,
and the tracking codes' map.

ZODB's pickler asks a Python function of every object it writes whether it is a reference, so
writing a bucket of 60 keys asked 60 times, and loading it unpickled 60 ints. An import of old
records spread over years writes a bucket of each such tree for almost every record (listing.py),
which made those questions a large part of its time. These buckets store their keys (and, in a
map, values) as one ``array('q')`` of bytes instead: one question, one object to unpickle. The
trees are the BTrees package's own in every other respect: the C code makes each new bucket of
the tree's ``_bucket_type``, and set operations take them like any other.

Packed, a bucket costs about the same to write or load whatever it holds, so these buckets hold
up to ``LEAF_SIZE`` integers, not BTrees' 120: an import spread over years then touches, and
writes, about a third as many of them. Into 1.2 million complaints, 30,000 records spread over
three years wrote 1.64 set buckets and 0.76 map buckets a record with 120, 0.53 and 0.26 with
500, and ran about a third faster. Every registration pays for it: it rewrites the last bucket
of each set it joins, 28 KB of new records a registration instead of 11 KB, until a pack.
"""

from array import array

from BTrees.LLBTree import LLBTree, LLBucket, LLSet, LLTreeSet
from ZODB.utils import p64, u64

#: Integers a bucket holds at most before it splits (BTrees' C code reads ``max_leaf_size``).
LEAF_SIZE = 500


def _packed(state):
    """A bucket's state with its flat tuple of integers as bytes (the next bucket kept)."""
    return (array("q", state[0]).tobytes(),) + tuple(state[1:])


def _unpacked(state):
    """``_packed`` undone; a state stored before packing (a tuple) is taken as it is."""
    if not isinstance(state[0], bytes):
        return state
    return (tuple(array("q", state[0])),) + tuple(state[1:])


class _PackedBucket:
    """The stored state of an integer bucket, packed; the same bucket in memory."""

    __slots__ = ()

    def __getstate__(self):
        return _packed(super().__getstate__())

    def __setstate__(self, state):
        super().__setstate__(_unpacked(state))

    def _p_resolveConflict(self, old, committed, new):
        """Two transactions that changed the same bucket (two registrations listed at once)
        merge as BTrees merges them, on the unpacked states."""
        return _packed(super()._p_resolveConflict(
            _unpacked(old), _unpacked(committed), _unpacked(new)))


class PackedSet(_PackedBucket, LLSet):
    __slots__ = ()


class PackedBucket(_PackedBucket, LLBucket):
    __slots__ = ()


class PackedTreeSet(LLTreeSet):
    """An ``LLTreeSet`` of ``PackedSet`` buckets."""

    _bucket_type = PackedSet
    max_leaf_size = LEAF_SIZE


class PackedTree(LLBTree):
    """An ``LLBTree`` (integer → integer) of ``PackedBucket`` buckets."""

    _bucket_type = PackedBucket
    max_leaf_size = LEAF_SIZE


def id_number(obj, holder):
    """``obj``'s id in the database as an integer, what a ``PackedTree`` holds for it; an object
    registered in this transaction gets its id now, through ``holder``'s connection."""
    if obj._p_oid is None:
        holder._p_jar.add(obj)
    return u64(obj._p_oid)


def object_of(number, holder):
    """The object whose ``id_number`` is ``number``, through ``holder``'s connection."""
    return holder._p_jar.get(p64(number))
