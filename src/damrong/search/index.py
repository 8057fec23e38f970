"""The search interface the application calls, and what both backends share.

A backend is a ``SearchIndex``: the worker (the one writer) calls ``add_or_update``/``delete``
then ``commit`` after draining the outbox; web processes call ``search``; ``reindex`` and
``check-index`` use ``ids_and_stamps``.  ``BaseIndex`` does everything that must behave the same
in both engines (turning the parsed query, the filters and the user's permissions into one
engine query, the facets, the snippets); a backend only supplies the engine's query primitives
(a ``QueryBuilder``) and runs the query.

Ranking: every part of the query is matched three ways, OR-ed: the engine's BM25 on the word
field, a constant ``WORD_BONUS`` when the whole word/phrase is there, and a constant 1 when only
its skeleton bigrams are (see ``analyzer``).  The bonus is larger than any BM25 score, so a
complaint containing the words always outranks one found through OCR-tolerant grams only.

Gram phrases are costly: their bigrams occur in nearly every complaint, so their cost grows with
the archive, while the words' postings stay cheap.  They are therefore only added when the
query's whole words match fewer than ``FUZZY_BELOW`` complaints (counted first, with the same
filters and permissions).  Above that, gram-only matches would rank after more pages than anyone
reads; the total and facets then count complaints with the words, which is what they are.
Permissions and filters are part of the engine query, so totals and facet counts never include
complaints the user may not see.
"""

import json
import os
from collections.abc import Iterable, Mapping
from typing import Protocol

from damrong.search import analyzer, highlight
from damrong.search.document import (FACETS, SORTS, Hit, IndexDoc, Results, check_filters,
                                     load_passages)
from damrong.search.query import ParsedQuery, Term, parse

WORD_BONUS = 100.0
FUZZY_BELOW = 200
GRAM_SCORE = 1.0
META_FILE = "damrong-search.json"
# Bump when the fields or their meaning change: existing indexes then need a reindex.
SCHEMA_VERSION = 1


class IndexOutdated(Exception):
    """The index on disk was built by another analyzer, ICU or schema: run ``damrong reindex``."""


class SearchIndex(Protocol):
    def add_or_update(self, docs: Iterable[IndexDoc]) -> None: ...

    def delete(self, ids: Iterable[str]) -> None: ...

    def commit(self) -> None: ...

    def search(self, text: str, filters: Mapping[str, object] | None = None,
               allowed_centers: Iterable[str] | None = (), can_see_personal: bool = False,
               sort: str = "relevance", offset: int = 0, limit: int = 20) -> Results: ...

    def ids_and_stamps(self) -> dict[str, str]: ...

    def close(self) -> None: ...


class QueryBuilder(Protocol):
    """An engine's query primitives; ``BaseIndex`` composes them the same way for every engine."""

    def words(self, field: str, words: tuple[str, ...]): ...

    def grams(self, field: str, variant: tuple[tuple[int, str], ...]): ...

    def constant(self, query, score: float): ...

    def any_of(self, queries: list): ...

    def all_of(self, must: list, must_not: list): ...

    def values(self, field: str, values: list[str]): ...

    def everything(self): ...


def check_meta(path: str, backend: str) -> None:
    """Record what builds the index in a new one; refuse to open an index built differently."""
    expected = {"backend": backend, "schema": SCHEMA_VERSION, "analyzer": analyzer.ANALYZER_ID}
    meta_path = os.path.join(path, META_FILE)
    if not os.path.exists(meta_path):
        with open(meta_path, "w") as meta:
            json.dump(expected, meta)
        return
    with open(meta_path) as meta:
        found = json.load(meta)
    if found != expected:
        raise IndexOutdated(f"search index {path} was built by {found}, this code is {expected}: "
                            "rebuild it with `damrong reindex`")


class BaseIndex:
    """Query composition, facets and snippets shared by the backends.

    Subclasses set ``backend`` and implement ``builder`` (a ``QueryBuilder``) and ``_run``.
    """

    backend = ""

    def search(self, text, filters=None, allowed_centers=(), can_see_personal=False,
               sort="relevance", offset=0, limit=20):
        """Search as a user: ``allowed_centers`` are the codes of the centers the user may see
        (their own center's code: complaints at or below it match), ``None`` for everything
        (ministry).  An empty list matches nothing.  ``filters`` maps facet names (``FACETS``)
        to a value or a list of values (any of them)."""
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {SORTS}")
        parsed = parse(text)
        checked = check_filters(filters or {})
        engine_query = self.compose(parsed, checked, allowed_centers, can_see_personal, False)
        known_total = None
        if any(term.gram_variants for term in parsed.required):
            known_total = self._count(engine_query)
            if known_total < FUZZY_BELOW:
                known_total = None
                engine_query = self.compose(parsed, checked, allowed_centers, can_see_personal,
                                            True)
        total, rows, facets = self._run(engine_query, sort, offset, limit, known_total)
        hits = []
        for doc_id, score, stored_passages in rows:
            html, page = highlight.snippet(load_passages(stored_passages), parsed)
            hits.append(Hit(doc_id, score, html, page))
        return Results(total, hits, facets)

    def compose(self, parsed: ParsedQuery, filters: dict[str, list[str]],
                allowed_centers: Iterable[str] | None, can_see_personal: bool, fuzzy: bool):
        b = self.builder
        restrictions = []
        if allowed_centers is not None:
            restrictions.append(b.values("centers", list(allowed_centers)))
        for name, values in filters.items():
            restrictions.append(b.values("centers" if name == "center" else name, values))
        restrictions = [b.constant(restriction, 0.0) for restriction in restrictions]
        fields = [("words", "grams")] + ([("personal_words", "personal_grams")]
                                         if can_see_personal else [])
        must = [self._term(term, fields, restrictions if fuzzy else None)
                for term in parsed.required]
        must_not = [b.any_of([b.words(words, term.words) for words, _ in fields])
                    for term in parsed.excluded]
        must += restrictions or ([] if must else [b.constant(b.everything(), 0.0)])
        return b.all_of(must, must_not)

    def _term(self, term: Term, fields: list[tuple[str, str]], fuzzy_within: list | None):
        """Alternatives for one query part; gram phrases only if ``fuzzy_within`` is a list.

        Each gram phrase is intersected with the restrictions (``fuzzy_within``) itself: engines
        evaluate a union of phrases eagerly, so a phrase left outside the intersection would be
        evaluated over the whole archive even for a district officer.
        """
        b = self.builder
        alternatives = []
        for words_field, grams_field in fields:
            exact = b.words(words_field, term.words)
            alternatives += [exact, b.constant(exact, WORD_BONUS)]
            if fuzzy_within is not None and term.gram_variants:
                phrases = [b.grams(grams_field, variant) for variant in term.gram_variants]
                if fuzzy_within:
                    phrases = [b.all_of([phrase, *fuzzy_within], []) for phrase in phrases]
                alternatives.append(b.constant(b.any_of(phrases), GRAM_SCORE))
        return b.any_of(alternatives)

    # Implemented by backends -------------------------------------------------------------

    builder: QueryBuilder

    def _count(self, engine_query) -> int:
        """How many complaints ``engine_query`` matches."""
        raise NotImplementedError

    def _run(self, engine_query, sort: str, offset: int, limit: int, known_total: int | None
             ) -> tuple[int, list[tuple[str, float, str]], dict[str, dict[str, int]]]:
        """Return (total, [(id, score, stored passages)], facets {name: {value: count}}).

        ``known_total``, when not None, is the number of matches, already counted: an engine
        that can skip counting may return it as the total.
        """
        raise NotImplementedError


__all__ = ["FACETS", "BaseIndex", "IndexOutdated", "QueryBuilder", "SearchIndex", "check_meta"]
