"""The one Thai analyzer: the same text always becomes the same terms, in documents and queries.

Both backends receive the output of this module as space-separated terms and split it on spaces
only, so Whoosh and tantivy can never disagree on what a word is.  Four term streams are made:

* **words**: ICU's dictionary word segmentation (``BreakIterator`` for Thai, about 10 M chars/s,
  20-100x faster than pythainlp's newmm) of the normalized text, digits folded to Arabic and
  Latin lowercased.  ICU splits compounds finer than newmm (ร้องเรียน -> ร้อง เรียน), which lets a
  query for part of a compound find it.  A different ICU version may split differently, so the
  version is recorded in the index and a mismatch asks for a reindex (see ``ANALYZER_ID``).
* **pairs** and **triples**: every two and every three neighbouring words joined into one term
  ("shingles").  Thai words are short, so most of what officers type is a phrase of ICU words
  (ร้องเรียน is ร้อง + เรียน), and an engine checks a phrase position by position in every
  complaint holding all its words: 170 ms for ร้องเรียน over 1.2 million complaints.  The same
  words as one shingle term are a plain term lookup (about 12 ms); a longer phrase is the
  phrase of its triples, rarer terms with fewer positions to check.
* **grams**: character bigrams of the text's *skeleton*: every letter and digit in order, with
  spaces and punctuation removed, Thai marks above and below the line removed and a few
  look-alike letters merged.  OCR drops and confuses exactly those marks and letters, and
  inserts or loses spaces; segmentation may cut a compound differently in a query and a
  document.  A query word's bigrams, searched as a positional phrase, match wherever the word's
  skeleton occurs, whatever happened to its marks, spaces and segmentation.  One substituted
  letter is tolerated through "variants": the same phrase with the bigrams touching one letter
  left out, at their original offsets (tantivy) or within a small slop (Whoosh).
"""

import re
import threading

import icu

from damrong.thai.digits import to_arabic_digits
from damrong.thai.normalize import normalize_text

# Bump when this module's output changes for the same input: indexes built before need a reindex.
ANALYZER_VERSION = 3
ICU_VERSION = icu.ICU_VERSION
# What an index records about the analyzer that built it; compared when the index is opened.
ANALYZER_ID = f"damrong-thai-{ANALYZER_VERSION}/icu-{ICU_VERSION}"

# Characters outside the Basic Multilingual Plane count as two UTF-16 units in ICU's offsets and
# as one in Python's; they never belong to a Thai word, so one placeholder keeps offsets aligned.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_WORDLIKE = re.compile(r"\w")
# Thai marks above/below the line (mai han-akat, sara i..u, phinthu, mai taikhu, tone marks,
# thanthakhat, nikhahit, yamakkan), then letters OCR and typists confuse, merged one way.
THAI_MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
_SKELETON_FOLD = str.maketrans({"ำ": "า", "ฃ": "ข", "ฅ": "ค", "ฎ": "ด", "ฏ": "ต"} | dict.fromkeys(THAI_MARKS))
_NOT_SKELETON = re.compile(r"[\W_]+")
# Joins the words of a shingle term; ICU always breaks at it, so no word contains it.
SHINGLE_JOINER = "|"

# A skeleton of two letters is a single bigram, found by chance across word boundaries in most
# documents: such short words are matched as words only.
MIN_FUZZY_SKELETON = 3
# A variant keeps at least this many bigrams, else chance matches swamp the real ones.
MIN_VARIANT_GRAMS = 3
# One-letter variants cost a phrase per letter, each as long as the skeleton: quadratic.  A
# longer part (a sentence pasted in) is matched by its exact skeleton only, which at that length
# is specific enough anyway; so a query's grams grow linearly with its length.
MAX_FUZZY_SKELETON = 24

_local = threading.local()


def _break_iterator():
    """One ICU word BreakIterator per thread: creating one costs more than segmenting a page."""
    iterator = getattr(_local, "iterator", None)
    if iterator is None:
        iterator = _local.iterator = icu.BreakIterator.createWordInstance(icu.Locale("th"))
    return iterator


def fold(text: str) -> str:
    """Canonical searchable form: normalized Thai, Arabic digits, lowercase.

    For Thai and Latin text, folding never changes the length of ``text`` after
    ``normalize_text``, so offsets in the folded text are offsets in the normalized text (the
    highlighter and the redaction of personal data rely on it).
    """
    return to_arabic_digits(normalize_text(text)).lower()


def word_spans(folded: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the words of already folded text, punctuation and spaces left out."""
    iterator = _break_iterator()
    iterator.setText(_ASTRAL.sub("\ufffd", folded))
    spans = []
    start = 0
    for end in iterator:
        if _WORDLIKE.search(folded, start, end):
            spans.append((start, end))
        start = end
    return spans


def boundaries(text: str) -> list[int]:
    """Every offset of ``text`` where ICU may break it into words (0 and ``len(text)`` included):
    where a snippet may cut it without splitting a word or a Thai character cluster."""
    iterator = _break_iterator()
    iterator.setText(_ASTRAL.sub("\ufffd", text))
    return [0, *iterator]


def words(text: str) -> list[str]:
    """The word terms of ``text``, in order."""
    folded = fold(text)
    return [folded[start:end] for start, end in word_spans(folded)]


def shingles(words_in_order: list[str] | tuple[str, ...], size: int) -> list[str]:
    """Terms of ``size`` consecutive words: a phrase of n >= size words is the phrase of its
    n - size + 1 shingles."""
    return [SHINGLE_JOINER.join(words_in_order[i:i + size])
            for i in range(len(words_in_order) - size + 1)]


def skeleton(text: str) -> str:
    """Letters and digits of folded text without marks, spaces or punctuation (see module doc)."""
    return _NOT_SKELETON.sub("", fold(text).translate(_SKELETON_FOLD))


def skeleton_offsets(folded: str) -> tuple[str, list[int]]:
    """The skeleton of already folded text and, for each of its letters, its offset in ``folded``.

    Slower than ``skeleton`` (one Python step per character): for highlighting the few hits
    shown, where a fuzzy match must be traced back to the original text.
    """
    letters, offsets = [], []
    for offset, char in enumerate(folded):
        kept = char.translate(_SKELETON_FOLD)
        if kept and not _NOT_SKELETON.fullmatch(kept):
            letters.append(kept)
            offsets.append(offset)
    return "".join(letters), offsets


def bigrams(skeleton_text: str) -> list[str]:
    """Overlapping two-character grams; a one-character skeleton is its own gram."""
    if len(skeleton_text) < 2:
        return [skeleton_text] if skeleton_text else []
    return [skeleton_text[i:i + 2] for i in range(len(skeleton_text) - 1)]


def analyze(text: str) -> tuple[str, str, str, str]:
    """The four term streams of a document field (words, pairs, triples, grams), each one
    string of space-separated terms."""
    found = words(text)
    return (" ".join(found), " ".join(shingles(found, 2)), " ".join(shingles(found, 3)),
            " ".join(bigrams(skeleton(text))))


def gram_variants(skeleton_text: str) -> list[list[tuple[int, str]]]:
    """Positional bigram phrases that find ``skeleton_text`` with at most one letter substituted.

    The first phrase is the exact skeleton.  Each further phrase leaves out the (one or two)
    bigrams touching letter ``i`` and keeps the others at their offsets, so a document where OCR
    replaced that letter still matches, and one that merely contains the same bigrams scattered
    about does not.  Skeletons shorter than ``MIN_FUZZY_SKELETON`` get no phrase at all, those
    longer than ``MAX_FUZZY_SKELETON`` only the exact one.
    """
    if len(skeleton_text) < MIN_FUZZY_SKELETON:
        return []
    exact = list(enumerate(bigrams(skeleton_text)))
    variants = [exact]
    if len(skeleton_text) > MAX_FUZZY_SKELETON:
        return variants
    for letter in range(len(skeleton_text)):
        kept = [(offset, gram) for offset, gram in exact if offset not in (letter - 1, letter)]
        if len(kept) >= MIN_VARIANT_GRAMS:
            variants.append(kept)
    return variants
