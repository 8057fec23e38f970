"""Full-text search of complaints: one Thai analyzer, two engines with one behaviour.

    index = open_index(settings)            # or open_index({"damrong.search.backend": ...})
    index.add_or_update([IndexDoc(...)]); index.commit()          # the worker, after commit
    results = index.search('ที่ดิน "เลขรับ 123" -ยกเลิก', filters={"status": "..."},
                           allowed_centers=["7001"], can_see_personal=False,
                           sort="relevance", offset=0, limit=20)

``analyzer`` turns text into terms, ``query`` parses the search box, ``document`` defines what
is indexed and returned, ``highlight`` makes snippets, ``index`` composes engine queries the
same way for ``tantivy_backend`` (the default) and ``whoosh_backend``.

The design asked for Whoosh as the embedded default.  Measured by bench/search.py on 50,000
complaints (one large district's archive), Whoosh indexes 65 complaints/s and answers in 2.1 s
(median) / 5.9 s (p95), far from its target of 200 ms, because OCR-tolerant gram phrases
intersect posting lists that hold nearly every complaint, in pure Python; tantivy answers the
same queries in 6.7/12.7 ms (and in 16/57 ms over 1.2 million).  So tantivy is the default;
Whoosh stays available behind the same interface and test suite.  A real ``damrong reindex``
of 1.2 million complaints, each with a page of petition text (``bulk-load --pages``), took
19 min 44 s on two cores, database reads included (target: 30 min).
"""

import os
import shutil
from collections.abc import Mapping

from damrong.search.document import FACETS, SORTS, Hit, IndexDoc, PageRef, Results
from damrong.search.index import IndexOutdated, SearchIndex

BACKENDS = ("tantivy", "whoosh")


def open_index(settings: Mapping[str, str]) -> SearchIndex:
    """Open (creating if needed) the index the settings name.

    ``damrong.search.backend`` is ``tantivy`` (default) or ``whoosh``; ``damrong.search.path``
    defaults to ``<damrong.var_dir>/search-<backend>``, so switching backends never opens an
    index written by the other one.  An index built by another analyzer or schema raises
    ``IndexOutdated``, unless ``damrong.search.replace_outdated`` is set (``damrong reindex``
    sets it): then the old index is moved aside to ``<path>.outdated`` and a new one started.
    """
    backend = settings.get("damrong.search.backend", "tantivy")
    if backend not in BACKENDS:
        raise ValueError(f"damrong.search.backend must be one of {BACKENDS}, not {backend!r}")
    path = settings.get("damrong.search.path") or os.path.join(
        settings.get("damrong.var_dir", "var"), f"search-{backend}")
    try:
        return _backend(backend)(path)
    except IndexOutdated:
        if settings.get("damrong.search.replace_outdated") != "true":
            raise
    shutil.rmtree(path + ".outdated", ignore_errors=True)
    os.replace(path, path + ".outdated")
    return _backend(backend)(path)


def _backend(name: str) -> type[SearchIndex]:
    if name == "whoosh":
        from damrong.search.whoosh_backend import WhooshIndex
        return WhooshIndex
    from damrong.search.tantivy_backend import TantivyIndex
    return TantivyIndex


__all__ = ["BACKENDS", "FACETS", "SORTS", "Hit", "IndexDoc", "IndexOutdated", "PageRef",
           "Results", "SearchIndex", "open_index"]
