"""The search box's simple syntax, parsed into a backend-neutral query.

Officers type a few words, ``"a quoted phrase"`` or ``-excluded`` words; every part must match
(AND).  Thai is written without spaces, so a part typed without spaces (ร้องเรียนที่ดิน) is
several ICU words and is searched as a phrase of them: it means that run of text, as a quoted
phrase does.  Each part becomes a ``Term`` holding everything a backend needs, already analyzed,
so backends only translate and never analyze.

A query is bounded before anything is analyzed (``MAX_QUERY_CHARS``, ``MAX_PARTS``) and the
OCR-tolerant variants of a part only exist for short skeletons (``analyzer.MAX_FUZZY_SKELETON``),
so what a query costs grows at most linearly with its length: 1,800 Thai characters in one part
used to expand into 1,800 gram phrases of 1,800 grams each (3.6 GB, 8 s).
"""

import re
from dataclasses import dataclass

from damrong.i18n import _
from damrong.params import BadParameter
from damrong.search import analyzer

_PART = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')
#: Longer than any receipt number, name, address or sentence an officer searches for.
MAX_QUERY_CHARS = 200
#: Words and phrases ANDed together; each is a query of its own in the engine.
MAX_PARTS = 12


class QueryTooLong(BadParameter):
    """The search box holds more than a search needs (see the module doc)."""


@dataclass(frozen=True)
class Term:
    """One part of the query: its words (a phrase when several) and its fuzzy gram phrases."""

    text: str
    words: tuple[str, ...]
    gram_variants: tuple[tuple[tuple[int, str], ...], ...]


@dataclass(frozen=True)
class ParsedQuery:
    """Parts that must match and parts that must not; an empty ``required`` matches everything
    the filters allow (a listing), minus the excluded parts."""

    required: tuple[Term, ...]
    excluded: tuple[Term, ...]


def _term(text: str) -> Term | None:
    found = tuple(analyzer.words(text))
    if not found:
        return None
    variants = analyzer.gram_variants(analyzer.skeleton(text))
    return Term(text, found, tuple(tuple(v) for v in variants))


def parse(text: str) -> ParsedQuery:
    """Parse the search box.  Parts with no letter or digit (a lone ``-``, ``""``) are ignored;
    a query over the bounds raises ``QueryTooLong`` (a Thai message for the searcher)."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryTooLong(_("คำค้นยาวเกินไป (ไม่เกิน ${limit} ตัวอักษร) กรุณาค้นด้วยคำสำคัญไม่กี่คำ",
                             mapping={"limit": MAX_QUERY_CHARS}))
    required, excluded = [], []
    for match in _PART.finditer(text):
        negated = bool(match.group(1) or match.group(3))
        part = match.group(2) if match.group(2) is not None else match.group(4)
        term = _term(part)
        if term is not None:
            (excluded if negated else required).append(term)
    if len(required) + len(excluded) > MAX_PARTS:
        raise QueryTooLong(_("คำค้นมีหลายคำเกินไป (ไม่เกิน ${limit} คำหรือวลี)",
                             mapping={"limit": MAX_PARTS}))
    return ParsedQuery(tuple(required), tuple(excluded))
