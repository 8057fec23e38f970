"""What a complaint looks like to the search index, and what a search gives back.

One index document per complaint.  Counts and facets count complaints, so pages are not index
documents of their own: a complaint's scanned pages and letters are kept in it as *passages*
(stored, with their page reference) and all their terms go into its text fields.  The
highlighter re-reads the passages of the few hits shown and picks the page that matched best;
that page's number and document are returned with the snippet for the link to the scan.

The complainant's identity is personal data (PDPA): their name and national ID go into separate
personal fields, searched only for roles allowed to see them, and are blanked out of the public
text (a petition's scan usually names its author) before that text is indexed or stored.
"""

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from damrong.search import analyzer
from damrong.thai.dates import BANGKOK, bangkok_date
from damrong.thai.fiscal import fiscal_year
from damrong.thai.normalize import normalize_text

FACETS = ("status", "category", "center", "channel", "fiscal_year")
SORTS = ("relevance", "newest", "oldest")
# The analyzer's term streams, each a text field of the index (and a ``personal_`` twin).
STREAMS = ("words", "pairs", "triples", "grams")
REDACTED = "\u2022"  # what a blanked-out personal value is replaced by, letter for letter


@dataclass(frozen=True)
class PageRef:
    """Where a passage comes from: a scanned document in the complaint folder and its page."""

    document: str
    number: int


@dataclass(frozen=True)
class Passage:
    """A piece of a complaint's text shown in snippets: a field, a scanned page or a letter."""

    kind: str  # "subject", "details", "page", "letter", ...
    text: str
    page: PageRef | None = None


@dataclass
class IndexDoc:
    """Everything the index holds about one complaint; built by the indexer from the ZODB record.

    ``centers`` is the complaint's center code followed by every ancestor's code (district
    7001 -> ("7001", "70", "moi"); damrong.visibility): a user's permission filter is their own
    center's code, which then matches all complaints at or below it.  ``stamp`` changes whenever
    what is indexed changes (a digest of it) and lets ``check-index`` find stale entries.
    """

    id: str
    stamp: str
    centers: tuple[str, ...]
    received: datetime
    status: str
    category: str
    channel: str
    tracking_code: str = ""
    receipt_number: str = ""
    subject: str = ""
    details: str = ""
    respondent: str = ""
    complainant_name: str = ""
    complainant_id: str = ""
    pages: Sequence[tuple[PageRef, str]] = ()
    letters: Sequence[str] = ()

    @property
    def center(self) -> str:
        return self.centers[0]

    @property
    def fiscal_year(self) -> int:
        return fiscal_year(self.received)

    def personal_values(self) -> list[str]:
        return [value for value in (self.complainant_name, self.complainant_id) if value.strip()]

    def passages(self) -> list[Passage]:
        """The public text of the complaint, personal values blanked, in display order."""
        found = [Passage("subject", self.subject), Passage("details", self.details)]
        found += [Passage("page", text, ref) for ref, text in self.pages]
        found += [Passage("letter", text) for text in self.letters]
        personal = self.personal_values()
        return [Passage(p.kind, redact(p.text, personal), p.page) for p in found if p.text.strip()]


def redact(text: str, values: Iterable[str]) -> str:
    """Blank the personal ``values`` (after folding) out of ``text``, as a page may write them.

    A name is blanked part by part (the first name alone, the surname alone, both together);
    each part, like a national ID, is found whatever spaces, line breaks or dashes stand between
    its characters (``1-2345-67890-12-3``, a name OCR split).  A misread name survives.  Folding
    keeps lengths, so the folded text's offsets are the normalized text's.
    """
    text = normalize_text(text)
    pattern = _personal_pattern(values)
    if pattern is None:
        return text
    pieces, last = [], 0
    for match in pattern.finditer(analyzer.fold(text)):
        pieces += [text[last:match.start()], REDACTED * (match.end() - match.start())]
        last = match.end()
    return "".join(pieces) + text[last:]


_SEPARATORS = r"[\s\-]*"
_SHORTEST_PART = 2  # a one-letter part (an initial) would blank that letter everywhere


def _personal_pattern(values: Iterable[str]) -> re.Pattern | None:
    parts = {part for value in values for part in analyzer.fold(value).split()
             if len(part) >= _SHORTEST_PART}
    if not parts:
        return None
    # Longest first, so a part that contains another is blanked whole.
    return re.compile("|".join(_SEPARATORS.join(map(re.escape, part))
                               for part in sorted(parts, key=len, reverse=True)))


def received_seconds(received: datetime | date) -> int:
    """Sort key for the date received: seconds since the epoch, Bangkok time for naive values."""
    if not isinstance(received, datetime):
        received = datetime.combine(bangkok_date(received), datetime.min.time())
    if received.tzinfo is None:
        received = received.replace(tzinfo=BANGKOK)
    return int(received.timestamp())


def flat_fields(doc: IndexDoc) -> dict:
    """The backend-neutral field values of ``doc``; both backends index exactly these.

    ``words``/``pairs``/``triples``/``grams`` and their ``personal_`` twins are analyzer output
    (space-separated terms); ``passages`` is stored JSON for the highlighter.
    """
    passages = doc.passages()
    public = "\n".join(
        [doc.tracking_code, doc.receipt_number, doc.status, doc.category, doc.channel,
         redact(doc.respondent, doc.personal_values())] + [p.text for p in passages])
    public_streams = analyzer.analyze(public)
    personal_streams = analyzer.analyze("\n".join(doc.personal_values()))
    return {
        "id": doc.id,
        "stamp": doc.stamp,
        "centers": list(doc.centers),
        "center": doc.center,
        "status": doc.status,
        "category": doc.category,
        "channel": doc.channel,
        "fiscal_year": doc.fiscal_year,
        "received": received_seconds(doc.received),
        **dict(zip(STREAMS, public_streams)),
        **{f"personal_{name}": value for name, value in zip(STREAMS, personal_streams)},
        "passages": json.dumps([[p.kind, p.text, p.page and [p.page.document, p.page.number]]
                                for p in passages], ensure_ascii=False),
    }


def load_passages(stored: str) -> list[Passage]:
    return [Passage(kind, text, ref and PageRef(*ref)) for kind, text, ref in json.loads(stored)]


@dataclass(frozen=True)
class Hit:
    id: str
    score: float
    snippet: str  # HTML, escaped, matches wrapped in <mark>
    page: PageRef | None  # the scanned page the snippet comes from, if any


@dataclass
class Results:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


def check_filters(filters: Mapping[str, object]) -> dict[str, list[str]]:
    """Filters as lists of strings per facet; unknown facet names are a programming error."""
    unknown = set(filters) - set(FACETS)
    if unknown:
        raise ValueError(f"unknown filter {sorted(unknown)}; facets are {FACETS}")
    checked = {}
    for name, value in filters.items():
        values = [value] if isinstance(value, (str, int)) else list(value)
        checked[name] = [str(v) for v in values]
    return checked
