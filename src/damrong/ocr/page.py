"""What OCR hands back for one page: its text, confidence and word boxes.

Callers index ``text``, show ``confidence`` to the clerk, and build a
searchable PDF from ``image`` + ``words`` (invisible text placed over each
word's box), so every word carries the same corrected text as the page.
"""
from dataclasses import dataclass, field

from PIL import Image

# Mean word confidence under which a page is flagged for a clerk to check its
# text against the image.  Chosen on the tuning set (bench/ocr.py, seed 1),
# where its 9 pages under 90 read at 10.7 % CER, the other 21 at 7.3 % (r = -0.69).
REVIEW_CONFIDENCE = 90


@dataclass(frozen=True)
class Word:
    """One recognized word; the box is in pixels of its page's ``image``."""

    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float  # 0..100 as Tesseract reports it


@dataclass
class PageText:
    number: int  # 1-based page number within its file
    text: str  # normalized with damrong.thai.normalize, Thai digits corrected
    confidence: float  # mean word confidence 0..100; 100.0 for a born-digital text layer
    words: list[Word] = field(default_factory=list)
    image: Image.Image | None = None  # the normalized page the boxes refer to; None for text layers
    dpi: int = 300  # resolution of ``image``
    source: str = "ocr"  # "ocr" or "text-layer"
