"""The default backend: tantivy (Rust, through the ``tantivy`` package), embedded like Whoosh
(one directory, no server) and fast enough for the ministry's millions of complaints.

Text fields use tantivy's ``whitespace`` tokenizer on the analyzer's space-separated terms, so
segmentation is ours and identical to Whoosh's.  Facet fields are raw fast fields counted with a
terms aggregation over the same query as the hits, in a thread beside the search; the date
received is a fast integer field for sorting.  Fuzzy gram phrases keep their exact offsets
(tantivy phrases accept them).
"""

import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

import tantivy

from damrong.search.document import FACETS, STREAMS
from damrong.search.index import BaseIndex, check_meta

TEXT_FIELDS = STREAMS + tuple(f"personal_{name}" for name in STREAMS)
KEYWORD_FIELDS = ("center", "status", "category", "channel")
WRITER_HEAP = 200_000_000
# Enough buckets for every center of the country (1,006) in the center facet.
FACET_SIZE = 2000
# The facets are a second pass over the matches; tantivy releases the GIL, so it runs on
# another core while the hits are collected: 100 ms instead of 190 for a common phrase over
# 1.2 million complaints.
_FACET_THREADS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="damrong-facets")


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("stamp", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("centers", tokenizer_name="raw", index_option="basic")
    for name in KEYWORD_FIELDS:
        builder.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("fiscal_year", indexed=True, fast=True)
    builder.add_integer_field("received", fast=True)
    for name in TEXT_FIELDS:
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="position")
    builder.add_bytes_field("passages", stored=True)
    return builder.build()


class TantivyQueries:
    """``QueryBuilder`` for tantivy."""

    def __init__(self, schema):
        self.schema = schema

    def words(self, field, words):
        if len(words) == 1:
            return tantivy.Query.term_query(self.schema, field, words[0])
        return tantivy.Query.phrase_query(self.schema, field, list(words))

    def grams(self, field, variant):
        if len(variant) == 1:
            return tantivy.Query.term_query(self.schema, field, variant[0][1])
        return tantivy.Query.phrase_query(self.schema, field, list(variant))

    def constant(self, query, score):
        return tantivy.Query.const_score_query(query, score)

    def any_of(self, queries):
        if len(queries) == 1:
            return queries[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])

    def all_of(self, must, must_not):
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in must]
                                           + [(tantivy.Occur.MustNot, q) for q in must_not])

    def values(self, field, values):
        if field == "fiscal_year":
            return tantivy.Query.term_set_query(self.schema, field, [int(v) for v in values])
        return tantivy.Query.term_set_query(self.schema, field, values)

    def everything(self):
        return tantivy.Query.all_query()


class TantivyIndex(BaseIndex):
    backend = "tantivy"

    def __init__(self, path: str):
        os.makedirs(path, exist_ok=True)
        check_meta(path, self.backend)
        self.path = path
        self.schema = _schema()
        self.index = tantivy.Index(self.schema, path=path)
        self.builder = TantivyQueries(self.schema)
        self._writer = None

    @property
    def writer(self):
        """Opened on first write: only the worker writes, and tantivy allows one writer."""
        if self._writer is None:
            self._writer = self.index.writer(WRITER_HEAP, 1)
        return self._writer

    def add_analyzed(self, analyzed: Iterable[dict]) -> None:
        for fields in analyzed:
            self.writer.delete_documents_by_term("id", fields["id"])
            document = tantivy.Document()
            for name in ("id", "stamp", *KEYWORD_FIELDS, *TEXT_FIELDS):
                document.add_text(name, fields[name])
            for code in fields["centers"]:
                document.add_text("centers", code)
            document.add_integer("fiscal_year", fields["fiscal_year"])
            document.add_integer("received", fields["received"])
            document.add_bytes("passages", fields["passages"].encode())
            self.writer.add_document(document)

    def delete(self, ids: Iterable[str]) -> None:
        for doc_id in ids:
            self.writer.delete_documents_by_term("id", doc_id)

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()
        self.index.reload()

    def close(self) -> None:
        if self._writer is not None:
            self._writer.wait_merging_threads()
            self._writer = None

    def _doc_freq(self, field, term):
        return self.index.searcher().doc_freq(field, term)

    def _run(self, engine_query, sort, offset, limit):
        searcher = self.index.searcher()
        aggregations = {name: {"terms": {"field": name, "size": FACET_SIZE}} for name in FACETS}
        counting = _FACET_THREADS.submit(searcher.aggregate, engine_query, aggregations)
        options = dict(offset=offset)
        if sort != "relevance":
            options.update(order_by_field="received",
                           order=tantivy.Order.Desc if sort == "newest" else tantivy.Order.Asc)
        found = searcher.search(engine_query, limit, **options)
        rows = []
        for score, address in found.hits:
            stored = searcher.doc(address)
            rows.append((stored.get_first("id"), float(score),
                         bytes(stored.get_first("passages")).decode()))

        def facets():
            counted = counting.result()
            return {name: {str(bucket["key"]): bucket["doc_count"]
                           for bucket in counted[name]["buckets"]} for name in FACETS}
        return found.count, rows, facets

    def ids_and_stamps(self) -> dict[str, str]:
        searcher = self.index.searcher()
        everything = tantivy.Query.all_query()
        found = searcher.search(everything, max(1, searcher.num_docs), count=False)
        stamps = {}
        for _, address in found.hits:
            stored = searcher.doc(address)
            stamps[stored.get_first("id")] = stored.get_first("stamp")
        return stamps
