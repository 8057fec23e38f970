"""Packed integer buckets (packed.py) store their integers as bytes, read back the same, and
merge two transactions' inserts into one bucket as plain BTrees buckets do."""

import transaction
import ZODB
from BTrees.LLBTree import LLTreeSet, intersection
from ZODB.FileStorage import FileStorage

from damrong.packed import LEAF_SIZE, PackedTree, PackedTreeSet


def test_buckets_are_stored_as_bytes_and_read_back_the_same(tmp_path):
    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    with db.transaction() as connection:
        connection.root.keys = PackedTreeSet(range(0, 100_000, 10))
        connection.root.ids = PackedTree({key: key * 7 for key in range(0, 100_000, 10)})
    with db.transaction() as connection:
        keys, ids = connection.root.keys, connection.root.ids
        bucket = keys.__getstate__()[0][0]
        assert isinstance(bucket.__getstate__()[0], bytes)
        assert list(keys) == list(range(0, 100_000, 10))
        assert dict(ids.items()) == {key: key * 7 for key in range(0, 100_000, 10)}
        assert len(intersection(keys, LLTreeSet(range(0, 1000, 4)))) == 50
    db.close()


def test_two_transactions_inserting_into_one_bucket_both_commit(tmp_path):
    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    with db.transaction() as connection:
        connection.root.keys = PackedTreeSet(range(0, 100_000, 10))
        connection.root.ids = PackedTree({key: key for key in range(0, 100_000, 10)})
    managers = [transaction.TransactionManager() for _ in range(2)]
    connections = [db.open(manager) for manager in managers]
    # the same bucket, one with room left (inserts that split a bucket conflict, in BTrees too)
    for connection, key in zip(connections, (50_003, 50_005)):
        connection.root.keys.insert(key)
        connection.root.ids[key] = key
    for manager in managers:
        manager.commit()
    with db.transaction() as connection:
        assert {50_003, 50_005} <= set(connection.root.keys)
        assert connection.root.ids[50_003] == 50_003 and connection.root.ids[50_005] == 50_005
    db.close()


def _bucket_sizes(tree):
    bucket, sizes = tree._firstbucket, []
    while bucket is not None:
        sizes.append(len(bucket))
        bucket = bucket._next
    return sizes


def test_buckets_hold_up_to_leaf_size_integers_not_btrees_120():
    """Fewer, fuller buckets are what an import spread over years writes fewer of."""
    for tree in (PackedTreeSet(range(10_000)), PackedTree({key: key for key in range(10_000)})):
        sizes = _bucket_sizes(tree)
        assert sum(sizes) == 10_000
        assert max(sizes) <= LEAF_SIZE
        assert len(sizes) <= 2 * 10_000 // LEAF_SIZE + 1  # BTrees' own would make 167
