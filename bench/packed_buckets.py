"""Packed integer buckets (damrong/packed.py) against BTrees' own, side by side in one run.

    .venv/bin/python bench/packed_buckets.py [--keys 600000] [--repetitions 3]

The same ``--keys`` random 60-bit keys go into four trees of one FileStorage: an ``LLTreeSet``
and a ``PackedTreeSet`` (the listing's key sets), an ``LLBTree`` and a ``PackedTree`` (key → id,
the listing's ids and the tracking map). For every bucket of each tree: the time to load it
from the storage into a ghost (``_p_activate``, with the connection's cache emptied first) and
to serialize it as a commit does (``ZODB.serialize.ObjectWriter``); per bucket and for the
whole tree, best of ``--repetitions``. Ours hold up to ``packed.LEAF_SIZE`` keys a bucket,
BTrees' own 120, so the whole tree is the fair comparison. An import of old records writes, and
first loads, about one bucket of such trees per record and set, so this is the part of its time
the packing changes.
"""

import argparse
import os
import random
import sys
import tempfile
import time

import ZODB
from BTrees.LLBTree import LLBTree, LLTreeSet
from ZODB.FileStorage import FileStorage
from ZODB.serialize import ObjectWriter

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src"))

from damrong.packed import PackedTree, PackedTreeSet  # noqa: E402

TREES = (("sets", "ours (packed)", PackedTreeSet), ("sets", "peer (BTrees)", LLTreeSet),
         ("maps", "ours (packed)", PackedTree), ("maps", "peer (BTrees)", LLBTree))


def buckets_of(tree):
    """Every bucket of a tree of more than one bucket, from its internal nodes' states."""
    found = []
    for position, child in enumerate(tree.__getstate__()[0]):
        if position % 2:
            continue
        found.extend(buckets_of(child) if hasattr(child, "_bucket_type") else [child])
    return found


def run(keys, repetitions, work_dir):
    rng = random.Random(15)
    numbers = sorted({rng.getrandbits(60) for _ in range(keys)})
    db = ZODB.DB(FileStorage(os.path.join(work_dir, "Data.fs")), cache_size=100)
    with db.transaction() as connection:
        for index, (kind, _label, factory) in enumerate(TREES):
            connection.root()[index] = (factory(numbers) if kind == "sets"
                                        else factory({n: n & 0xFFFFFF for n in numbers}))
    figures = []
    for index, (kind, label, factory) in enumerate(TREES):
        load = write = float("inf")
        for _ in range(repetitions):
            connection = db.open()
            buckets = buckets_of(connection.root()[index])
            connection.cacheMinimize()
            began = time.perf_counter()
            for bucket in buckets:
                bucket._p_activate()
            load = min(load, (time.perf_counter() - began) / len(buckets))
            began = time.perf_counter()
            for bucket in buckets:
                ObjectWriter(bucket).serialize(bucket)
            write = min(write, (time.perf_counter() - began) / len(buckets))
            connection.close()
        figures.append({"kind": kind, "label": label, "tree": factory.__name__,
                        "buckets": len(buckets), "load_us": load * 1e6, "write_us": write * 1e6})
    db.close()
    return figures


def report(figures, out=print):
    for figure in figures:
        out(f"{figure['kind']:4}  {figure['label']:13} {figure['tree']:13} "
            f"{figure['buckets']:6,} buckets  load {figure['load_us']:5.1f} us  "
            f"serialize {figure['write_us']:5.1f} us per bucket; whole tree: load "
            f"{figure['load_us'] * figure['buckets'] / 1000:6.1f} ms  serialize "
            f"{figure['write_us'] * figure['buckets'] / 1000:6.1f} ms  (best run)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=600_000)
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="damrong-bench-packed-") as work_dir:
        report(run(args.keys, args.repetitions, work_dir))


if __name__ == "__main__":
    main()
