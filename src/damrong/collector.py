"""Python's cyclic garbage collector, held back while complaints are registered in bulk.

An import or the bulk loader makes millions of small objects (records, history entries, index
values) that all live until their batch is committed. At its default thresholds the collector
runs every 700 new objects and keeps walking those survivors, and the objects of the database
cache with them: about a tenth of an import's time, measured on 20,000 records. Held back, it
still collects, only much less often, and what was loaded before (the cache, the registry) is
set aside from its walks altogether (``gc.freeze``).
"""

import contextlib
import gc

#: New objects between two collections of the youngest generation while held back (default 700).
THRESHOLD = 50_000


@contextlib.contextmanager
def fewer_collections():
    """Collect rarely inside the block; back to the thresholds it had after."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
