"""Searching the published answers with the staff search's own Thai parser and analyzer.

The FAQ is small (hundreds of answers, not millions of complaints), so it needs no index of its
own: each answer's words and skeleton (search/analyzer.py) are kept on it when it is published,
and a query parsed by search/query.py (words ANDed, "quoted phrases", -exclusion) is matched
against them. A part matches when its words occur in order, or when its skeleton does, which is
how the complaint search forgives a missing tone mark or a compound split differently.
"""

from .search import analyzer
from .search.query import parse


def terms_of(question):
    """What the search matches of a published question: its words and its skeleton."""
    text = f"{question.question}\n{question.answer}"
    return (tuple(analyzer.words(text)), analyzer.skeleton(text))


def _matches(term, terms):
    words, skeleton = terms
    size = len(term.words)
    if any(words[i:i + size] == term.words for i in range(len(words) - size + 1)):
        return True
    part = analyzer.skeleton(term.text)
    return len(part) >= analyzer.MIN_FUZZY_SKELETON and part in skeleton


def search(questions, text):
    """The published ``questions`` that the query ``text`` finds, in the order given.
    Raises ``search.query.QueryTooLong`` for a query over its bounds."""
    query = parse(text)
    return [q for q in questions
            if all(_matches(term, q.terms) for term in query.required)
            and not any(_matches(term, q.terms) for term in query.excluded)]
