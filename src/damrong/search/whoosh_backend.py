"""The pure-Python backend: Whoosh, through the maintained ``whoosh-reloaded`` fork (pinned 2.7.5).

Pure Python, no server, one directory: the design's first choice for a single center's archive,
no longer the default because it is too slow with gram phrases (see ``damrong.search``).
Whoosh stopped in 2016 and the fork's last release is from 2024, so nothing outside this module
imports it.  Text fields split the analyzer's output on spaces only; facet fields are sortable
columns counted with Whoosh's grouping over all matches.  Whoosh phrases cannot place a word at an exact offset, so a
fuzzy variant becomes a phrase whose slop spans the left-out bigrams: slightly more permissive
than tantivy's, never less.
"""

import os
from collections.abc import Iterable

from whoosh import fields, index, query, sorting
from whoosh.analysis import SpaceSeparatedTokenizer

from damrong.search.document import FACETS, STREAMS
from damrong.search.index import BaseIndex, check_meta

WRITER_MEMORY_MB = 256


def _schema() -> fields.Schema:
    terms = SpaceSeparatedTokenizer()
    keyword = dict(stored=False, sortable=True)
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        stamp=fields.STORED(),
        centers=fields.KEYWORD(),
        center=fields.ID(**keyword),
        status=fields.ID(**keyword),
        category=fields.ID(**keyword),
        channel=fields.ID(**keyword),
        fiscal_year=fields.ID(**keyword),
        received=fields.NUMERIC(bits=64, sortable=True),
        **{prefix + name: fields.TEXT(analyzer=terms, phrase=True)
           for prefix in ("", "personal_") for name in STREAMS},
        passages=fields.STORED(),
    )


class WhooshQueries:
    """``QueryBuilder`` for Whoosh."""

    def words(self, field, words):
        if len(words) == 1:
            return query.Term(field, words[0])
        return query.Phrase(field, list(words), slop=1)

    def grams(self, field, variant):
        if len(variant) == 1:
            return query.Term(field, variant[0][1])
        offsets = [offset for offset, _ in variant]
        widest_gap = max(b - a for a, b in zip(offsets, offsets[1:]))
        return query.Phrase(field, [gram for _, gram in variant], slop=widest_gap)

    def constant(self, q, score):
        return query.ConstantScoreQuery(q, score)

    def any_of(self, queries):
        return queries[0] if len(queries) == 1 else query.Or(queries)

    def all_of(self, must, must_not):
        combined = must[0] if len(must) == 1 else query.And(must)
        if must_not:
            combined = query.AndNot(combined, self.any_of(must_not))
        return combined

    def values(self, field, values):
        return self.any_of([query.Term(field, v) for v in values])

    def everything(self):
        return query.Every()


class WhooshIndex(BaseIndex):
    backend = "whoosh"

    def __init__(self, path: str):
        os.makedirs(path, exist_ok=True)
        check_meta(path, self.backend)
        self.path = path
        if index.exists_in(path):
            self.index = index.open_dir(path)
        else:
            self.index = index.create_in(path, _schema())
        self.builder = WhooshQueries()
        self._writer = None

    @property
    def writer(self):
        if self._writer is None:
            self._writer = self.index.writer(limitmb=WRITER_MEMORY_MB)
        return self._writer

    def add_analyzed(self, analyzed: Iterable[dict]) -> None:
        for fields in analyzed:
            values = dict(fields)
            values["centers"] = " ".join(values["centers"])
            values["fiscal_year"] = str(values["fiscal_year"])
            self.writer.update_document(**values)

    def delete(self, ids: Iterable[str]) -> None:
        for doc_id in ids:
            self.writer.delete_by_term("id", doc_id)

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()
            self._writer = None

    def close(self) -> None:
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None
        self.index.close()

    def _doc_freq(self, field, term):
        with self.index.searcher() as searcher:
            return searcher.doc_frequency(field, term)

    def _run(self, engine_query, sort, offset, limit):
        groups = {name: sorting.FieldFacet(name, maptype=sorting.Count) for name in FACETS}
        options = dict(limit=offset + limit, groupedby=groups)
        if sort != "relevance":
            options.update(sortedby="received", reverse=(sort == "newest"))
        with self.index.searcher() as searcher:
            found = searcher.search(engine_query, **options)
            rows = [(hit["id"], float(hit.score or 0.0), hit["passages"])
                    for hit in found[offset:offset + limit]]
            facets = {name: dict(found.groups(name)) for name in FACETS}
            return len(found), rows, lambda: facets

    def ids_and_stamps(self) -> dict[str, str]:
        with self.index.searcher() as searcher:
            return {stored["id"]: stored["stamp"] for stored in searcher.all_stored_fields()}
