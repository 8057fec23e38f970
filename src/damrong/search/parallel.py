"""Analysis on every core, for rebuilding a whole index.

A full reindex spends most of its time in the analyzer (ICU segmentation, pairs, skeleton
bigrams), which is pure Python work holding the GIL; the index writer and the database reads
are a smaller share.  ``analyzed_batches`` hands batches of ``IndexDoc`` to a pool of processes
and gives back their ``flat_fields`` in the order the batches came, so the one writer can add
them and checkpoint after each batch exactly as if it had analyzed them itself.

The pool is started with ``spawn``: the parent holds a database connection and the index
writer's threads, neither of which a forked child should inherit.
"""

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TypeVar

from damrong.search.document import IndexDoc, flat_fields

Key = TypeVar("Key")
# Batches handed out ahead of the one being written, per process: enough to keep every
# process busy while the writer adds a batch, few enough to bound memory.
AHEAD_PER_PROCESS = 2


def analyzed_batches(batches: Iterable[tuple[Key, list[IndexDoc]]], processes: int | None = None
                     ) -> Iterator[tuple[Key, list[dict]]]:
    """``(key, [flat_fields(doc) ...])`` for each ``(key, docs)`` of ``batches``, in order.

    ``processes`` defaults to the number of cores; with one, analysis stays in this process.
    """
    processes = processes or os.cpu_count() or 1
    if processes == 1:
        for key, docs in batches:
            yield key, [flat_fields(doc) for doc in docs]
        return
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        waiting = deque()
        for key, docs in batches:
            waiting.append((key, pool.apply_async(_analyze, (docs,))))
            if len(waiting) >= AHEAD_PER_PROCESS * processes:
                key, result = waiting.popleft()
                yield key, result.get()
        while waiting:
            key, result = waiting.popleft()
            yield key, result.get()


def _analyze(docs: list[IndexDoc]) -> list[dict]:
    return [flat_fields(doc) for doc in docs]
