"""Packed integer buckets (packed.py) store their integers as bytes, read back the same, and
merge two transactions' inserts into one bucket as plain BTrees buckets do."""

import transaction
import ZODB
from BTrees.LLBTree import LLTreeSet, intersection
from ZODB.FileStorage import FileStorage

from damrong.packed import PackedTree, PackedTreeSet


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
    for connection, key in zip(connections, (99_993, 99_995)):  # the same, last bucket
        connection.root.keys.insert(key)
        connection.root.ids[key] = key
    for manager in managers:
        manager.commit()
    with db.transaction() as connection:
        assert {99_993, 99_995} <= set(connection.root.keys)
        assert connection.root.ids[99_993] == 99_993 and connection.root.ids[99_995] == 99_995
    db.close()
