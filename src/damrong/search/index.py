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
Two or three words are searched as one shingle term, a longer phrase as the phrase of its
triples (``analyzer.shingles``).

Gram phrases are costly: their bigrams occur in nearly every complaint, so their cost grows with
the archive, while the words' postings stay cheap.  So a query is tried at growing tolerances
and stops at the first that finds enough (counted with the same filters and permissions):

1. ``WORDS``: the words only.  Enough when ``FUZZY_BELOW`` complaints match: gram-only matches
   would then rank after more pages than anyone reads; the total and facets count complaints
   with the words, which is what they are.
2. ``SKELETON``: also each part's whole skeleton as a gram phrase, which finds it whatever OCR
   did to its marks, spaces and segmentation (the commonest damage).  Enough with a page of
   hits (``ONE_LETTER_BELOW``).
3. ``ONE_LETTER``: also the variants with one letter substituted, a phrase per letter: ten
   times the cost of the skeleton (190 ms for a three-part surname over 1.2 million
   complaints), and chance matches by the thousand for a short name, so only when nothing
   better filled the first page.

Permissions and filters are part of the engine query, so totals and facet counts never include
complaints the user may not see.
"""

import json
import os
from collections.abc import Callable, Iterable, Mapping
from typing import Protocol

from damrong.search import analyzer, highlight
from damrong.search.document import (FACETS, SORTS, STREAMS, Hit, IndexDoc, Results,
                                     check_filters, flat_fields, load_passages)
from damrong.search.query import ParsedQuery, Term, parse

WORD_BONUS = 100.0
GRAM_SCORE = 1.0
# How far a query part may be damaged and still match, tried in this order (see the module doc).
WORDS, SKELETON, ONE_LETTER = 0, 1, 2
# SKELETON is tried when the words match fewer complaints than FUZZY_BELOW, ONE_LETTER when
# the skeleton matches fewer than ONE_LETTER_BELOW (less than a page of hits).
FUZZY_BELOW = 200
ONE_LETTER_BELOW = 10
# (words, pairs, triples, grams) fields of the public text and of the personal data.
PUBLIC_FIELDS = STREAMS
PERSONAL_FIELDS = tuple(f"personal_{name}" for name in STREAMS)
META_FILE = "damrong-search.json"
# Bump when the fields or their meaning change: existing indexes then need a reindex.
SCHEMA_VERSION = 4  # 4: every entry carries the ministry's code among its centers


class IndexOutdated(Exception):
    """The index on disk was built by another analyzer, ICU or schema: run ``damrong reindex``."""


class SearchIndex(Protocol):
    def add_or_update(self, docs: Iterable[IndexDoc]) -> None: ...

    def add_analyzed(self, analyzed: Iterable[dict]) -> None: ...

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

    Subclasses set ``backend`` and implement ``builder`` (a ``QueryBuilder``),
    ``add_analyzed``, ``_doc_freq`` and ``_run``.
    """

    backend = ""

    def add_or_update(self, docs: Iterable[IndexDoc]) -> None:
        """Add complaints, replacing their earlier version (same ``id``)."""
        self.add_analyzed(flat_fields(doc) for doc in docs)

    def add_analyzed(self, analyzed: Iterable[dict]) -> None:
        """``add_or_update`` for ``flat_fields`` already computed (``parallel`` analysis)."""
        raise NotImplementedError

    def search(self, text, filters=None, allowed_centers=(), can_see_personal=False,
               sort="relevance", offset=0, limit=20):
        """Search as a user: ``allowed_centers`` are the codes of the centers the user may see
        (their own center's code, the ministry's ``moi`` too: complaints at or below it match,
        see damrong.visibility), ``None`` for no restriction at all (benchmarks and tools).  An
        empty list matches nothing.  ``filters`` maps facet names (``FACETS``)
        to a value or a list of values (any of them)."""
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {SORTS}")
        parsed = parse(text)
        checked = check_filters(filters or {})
        tolerances = [WORDS]
        if any(term.gram_variants for term in parsed.required):
            tolerances.append(SKELETON)
            if any(len(term.gram_variants) > 1 for term in parsed.required):
                tolerances.append(ONE_LETTER)
        for tolerance in tolerances:
            engine_query = self.compose(parsed, checked, allowed_centers, can_see_personal,
                                        tolerance)
            total, rows, facets = self._run(engine_query, sort, offset, limit)
            if total >= (FUZZY_BELOW if tolerance == WORDS else ONE_LETTER_BELOW):
                break
        hits = []
        for doc_id, score, stored_passages in rows:
            html, page = highlight.snippet(load_passages(stored_passages), parsed)
            hits.append(Hit(doc_id, score, html, page))
        return Results(total, hits, facets())

    def compose(self, parsed: ParsedQuery, filters: dict[str, list[str]],
                allowed_centers: Iterable[str] | None, can_see_personal: bool,
                tolerance: int = WORDS):
        """One engine query for the parsed search box, the filters and the user's permissions;
        ``tolerance`` says how far a part may be damaged and still match (see the module doc)."""
        b = self.builder
        restrictions = []
        if allowed_centers is not None:
            restrictions.append(b.values("centers", list(allowed_centers)))
        for name, values in filters.items():
            restrictions.append(b.values("centers" if name == "center" else name, values))
        restrictions = [b.constant(restriction, 0.0) for restriction in restrictions]
        fields = [PUBLIC_FIELDS] + ([PERSONAL_FIELDS] if can_see_personal else [])
        if tolerance == WORDS or len(parsed.required) < 2:
            must = [self._part(term, fields, tolerance, restrictions) for term in parsed.required]
        else:
            # Every part must match anyway, so a part's gram phrases may be intersected with
            # the rarest part as well: same matches, but common words' grams are then only
            # checked in the few complaints that hold the rare part (the letter number's
            # 4799, not the 0011.3 of every letter from that office).
            ranked = sorted(parsed.required, key=lambda term: self._rarity(term))
            anchor = self._part(ranked[0], fields, tolerance, restrictions)
            must = [anchor] + [self._part(term, fields, tolerance, restrictions + [anchor])
                               for term in ranked[1:]]
        must_not = [b.any_of([self._exact(term.words, field_names) for field_names in fields])
                    for term in parsed.excluded]
        must += restrictions or ([] if must else [b.constant(b.everything(), 0.0)])
        return b.all_of(must, must_not)

    def _exact(self, words: tuple[str, ...], field_names: tuple[str, ...]):
        """The words as they are: one word, pair or triple term, or the phrase of triples."""
        field, terms = _shingled(words, field_names)
        return self.builder.words(field, terms)

    def _rarity(self, term: Term) -> int:
        """About how many complaints hold the part: its rarest term's count."""
        field, terms = _shingled(term.words, PUBLIC_FIELDS)
        return min(self._doc_freq(field, one) for one in terms)

    def _part(self, term: Term, fields: list[tuple[str, ...]], tolerance: int,
              gram_within: list):
        """Alternatives for one query part: its words scored by the engine and with the bonus,
        and, beyond ``WORDS``, its gram phrases intersected with ``gram_within``.

        Each gram phrase is intersected itself: engines evaluate a union of phrases eagerly,
        so a phrase left outside the intersection would be evaluated over the whole archive
        even for a district officer.
        """
        b = self.builder
        variants = term.gram_variants[:1] if tolerance == SKELETON else term.gram_variants
        alternatives = []
        for field_names in fields:
            exact = self._exact(term.words, field_names)
            alternatives += [exact, b.constant(exact, WORD_BONUS)]
            if tolerance != WORDS and variants:
                phrases = [b.grams(field_names[-1], variant) for variant in variants]
                if gram_within:
                    phrases = [b.all_of([phrase, *gram_within], []) for phrase in phrases]
                alternatives.append(b.constant(b.any_of(phrases), GRAM_SCORE))
        return b.any_of(alternatives)

    # Implemented by backends -------------------------------------------------------------

    builder: QueryBuilder

    def _doc_freq(self, field: str, term: str) -> int:
        """How many complaints hold ``term`` in ``field`` (deleted ones may still count)."""
        raise NotImplementedError

    def _run(self, engine_query, sort: str, offset: int, limit: int
             ) -> tuple[int, list[tuple[str, float, str]], Callable[[], dict[str, dict[str, int]]]]:
        """Return (total, [(id, score, stored passages)], facets).

        ``facets()`` gives {name: {value: count}} over every match; it is called only for the
        query whose hits are shown.  An engine that counts them in a pass of its own may run
        that pass beside the hits and wait for it there.
        """
        raise NotImplementedError


def _shingled(words: tuple[str, ...], field_names: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """(field, terms) that find ``words`` in a row: the word, pair or triple field for up to
    three words, else the phrase of the triples."""
    words_field, pairs_field, triples_field, _ = field_names
    if len(words) == 1:
        return words_field, words
    size, field = (2, pairs_field) if len(words) == 2 else (3, triples_field)
    return field, tuple(analyzer.shingles(words, size))


__all__ = ["FACETS", "BaseIndex", "IndexOutdated", "QueryBuilder", "SearchIndex", "check_meta"]
