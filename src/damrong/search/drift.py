"""What ``check-index`` reports: how the index differs from the database it is derived from.

The database is the truth.  The index holds, per complaint, the stamp (e.g. the ZODB serial) of
the record it was built from; comparing that with the records' current stamps finds what a crash
or a bug left behind.  ``reindex`` resumes by indexing ``missing + stale`` and deleting
``phantom``.
"""

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Drift:
    missing: list[str]  # in the database, not in the index
    stale: list[str]  # in both, indexed from an older version of the record
    phantom: list[str]  # in the index, no longer in the database

    @property
    def clean(self) -> bool:
        return not (self.missing or self.stale or self.phantom)


def drift(indexed: Mapping[str, str], current: Mapping[str, str]) -> Drift:
    """Compare ``SearchIndex.ids_and_stamps()`` with {id: stamp} read from the database."""
    return Drift(
        missing=sorted(set(current) - set(indexed)),
        stale=sorted(doc_id for doc_id, stamp in current.items()
                     if doc_id in indexed and indexed[doc_id] != stamp),
        phantom=sorted(set(indexed) - set(current)),
    )
