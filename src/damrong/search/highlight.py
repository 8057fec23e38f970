"""Snippets: the passage of a hit that matched best, its matches in <mark>, and its page.

Shared by both backends, so a hit looks the same whichever engine found it.  Matching repeats
the analyzer's two ways of matching on the few passages shown: whole words (and phrases of
them) first, then skeletons with at most one letter substituted, traced back to the original
characters.  A whole-word match counts double when choosing the passage, as in ranking.
"""

import bisect
import html
import re

from damrong.search import analyzer
from damrong.search.document import PageRef, Passage
from damrong.search.query import ParsedQuery, Term

SNIPPET_CHARS = 180
_WORD_WEIGHT, _FUZZY_WEIGHT = 2, 1


def _word_matches(folded: str, term: Term) -> list[tuple[int, int]]:
    spans = analyzer.word_spans(folded)
    found = [folded[start:end] for start, end in spans]
    size = len(term.words)
    return [(spans[i][0], spans[i + size - 1][1]) for i in range(len(found) - size + 1)
            if tuple(found[i:i + size]) == term.words]


def _skeleton_pattern(term: Term) -> re.Pattern | None:
    """The term's skeleton and its one-letter substitutions, as one regular expression."""
    shape = analyzer.skeleton(term.text)
    if len(shape) < analyzer.MIN_FUZZY_SKELETON:
        return None
    options = [re.escape(shape)]
    if len(shape) > analyzer.MAX_FUZZY_SKELETON:  # as the engine query (analyzer.gram_variants)
        return re.compile(options[0])
    options += [re.escape(shape[:i]) + "." + re.escape(shape[i + 1:]) for i in range(len(shape))]
    return re.compile("|".join(options))


def _fuzzy_matches(folded: str, term: Term) -> list[tuple[int, int]]:
    pattern = _skeleton_pattern(term)
    if pattern is None:
        return []
    shape, offsets = analyzer.skeleton_offsets(folded)
    matches = []
    for match in pattern.finditer(shape):
        end = offsets[match.end() - 1] + 1
        while end < len(folded) and folded[end] in analyzer.THAI_MARKS:
            end += 1  # take the marks above and below the last letter along
        matches.append((offsets[match.start()], end))
    return matches


def _marks(text: str, query: ParsedQuery) -> tuple[int, list[tuple[int, int]]]:
    """(score, non-overlapping marked spans) of one passage."""
    folded = analyzer.fold(text)
    score, spans = 0, []
    for term in query.required:
        words = _word_matches(folded, term)
        fuzzy = [] if words else _fuzzy_matches(folded, term)
        score += _WORD_WEIGHT * len(words) + _FUZZY_WEIGHT * len(fuzzy)
        spans += words + fuzzy
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return score, merged


def _window(text: str, first: int) -> tuple[int, int]:
    """About ``SNIPPET_CHARS`` of ``text`` around offset ``first``, cut between words: a cut
    inside one splits a Thai cluster ("…ำริมถนน" from น้ำ). The window grows to the
    nearest boundaries, so the matched word itself is never cut."""
    start = max(0, min(first - SNIPPET_CHARS // 3, len(text) - SNIPPET_CHARS))
    end = min(len(text), start + SNIPPET_CHARS)
    cuts = analyzer.boundaries(text)
    start = cuts[bisect.bisect_right(cuts, start) - 1]
    end = cuts[min(bisect.bisect_left(cuts, end), len(cuts) - 1)]
    return start, end


def _render(text: str, spans: list[tuple[int, int]]) -> str:
    start, end = _window(text, spans[0][0] if spans else 0)
    parts, cursor = [], start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        parts += [html.escape(text[cursor:span_start]), "<mark>",
                  html.escape(text[span_start:span_end]), "</mark>"]
        cursor = span_end
    parts.append(html.escape(text[cursor:end]))
    return ("…" if start > 0 else "") + "".join(parts).strip() + ("…" if end < len(text) else "")


def snippet(passages: list[Passage], query: ParsedQuery) -> tuple[str, PageRef | None]:
    """HTML snippet of the best-matching passage and the page it is on (None if not a page)."""
    if not passages:
        return "", None
    best, best_score, best_spans = passages[0], 0, []
    for passage in passages:
        score, spans = _marks(passage.text, query)
        if score > best_score:
            best, best_score, best_spans = passage, score, spans
    return _render(best.text, best_spans), best.page
