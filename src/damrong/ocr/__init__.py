"""Image → text for scanned petitions and letters (pure functions, no database).

``ocr_image`` reads one page image; ``ocr_file`` reads a PDF, TIFF or image
file page by page (born-digital PDF pages from their own text layer);
``page_count`` tells a caller how many pages to expect.  The steps live in
their own modules: ``prepare`` (300 dpi, upright, level, bilevel),
``tesseract`` (recognition), ``digits`` with ``digit_model`` and ``glyphs``
(Thai digits read again), ``sources`` (files → pages).
"""
from damrong.ocr.page import REVIEW_CONFIDENCE, PageText, Word
from damrong.ocr.pipeline import ocr_image
from damrong.ocr.sources import ocr_file, page_count

__all__ = ["REVIEW_CONFIDENCE", "PageText", "Word", "ocr_file", "ocr_image", "page_count"]
