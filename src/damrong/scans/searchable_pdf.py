"""A searchable PDF of a scanned document: the page images with an invisible OCR text layer.

Each OCR word is written in text render mode 3 (invisible) at its box, stretched horizontally to
the box's width, so selecting on the page selects the word under the cursor and a PDF reader's
search finds it. Written with ReportLab: it embeds a TrueType subset with a ToUnicode map from
the characters we give it, so what a reader extracts is exactly our Thai text in our order
(checked with pdftotext and pypdf in the tests). ReportLab does not shape Thai, so tone marks would
sit wrongly if the text were visible; the layer is invisible, and only the extracted text counts.
WeasyPrint shapes Thai but its PDFs extract wrongly (the sara aa glyph it shares with sara am
comes back as ำ) and it cannot place text by pixel boxes; Tesseract's own PDF renderer would mean
reading every page a second time.

The PDF is derived data, built by a ``searchable-pdf`` job from what the document job stored: each
page's viewer image and its word boxes (``Page.words`` in pixels of ``Page.box_size``). So it is
rebuilt without OCR whenever a page's text is corrected (a corrected page carries its corrected
text, line by line, since the boxes belong to the machine's words). Pages are written one at a
time; what stays in memory until the file is closed is each page's JPEG, which is passed through
as it is stored. The original file is never touched; a born-digital PDF, whose every page has
its own text layer, is its own searchable PDF.

``build_searchable_pdf(pages)`` does the same straight from OCR ``PageText`` objects.
"""

import functools
import io

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from ZODB.blob import Blob

from ..resolution import TARGET_DPI
from ..pages import PDF_VIEW_DPI

FONT_NAME = "DamrongLaksaman"
#: TrueType outlines from Debian's fonts-tlwg-laksaman-ttf (Makefile); ReportLab cannot embed the
#: PostScript-outline WOFF files of static/fonts. Any font with Thai glyphs would do: it is never
#: seen, it only has to map every character.
FONT_FILE = "/usr/share/fonts/truetype/tlwg/Laksaman.ttf"
PDF = "application/pdf"
TEXT_LAYER = "text-layer"
JPEG_QUALITY = 75
INVISIBLE = 3  # PDF text render mode: neither fill nor stroke


@functools.cache
def _font():
    """Register the Thai font with ReportLab once per process."""
    pdfmetrics.registerFont(TTFont(FONT_NAME, FONT_FILE))
    return FONT_NAME


class SearchablePdfWriter:
    """Write pages into ``target`` (a path or a binary file object) as they come; ``close()``
    finishes the file."""

    def __init__(self, target):
        self.canvas = canvas.Canvas(target, pageCompression=1, invariant=1)
        self.canvas.setCreator("damrong")
        self.font = _font()
        self.pages = 0

    def add_page(self, page_text):
        """A page straight from OCR: its image (at ``dpi``) and its words' boxes on it."""
        if page_text.image is None:
            raise ValueError(f"page {page_text.number} has no image to put its text on")
        image = page_text.image
        scale = 72 / (page_text.dpi or TARGET_DPI)
        self._start_page(image.width * scale, image.height * scale, _jpeg(image))
        for word in page_text.words:
            self._write_word(word.text, word.left, word.top, word.width, word.height, scale)
        self._end_page()

    def add_stored_page(self, page):
        """A stored ``Page``: its viewer JPEG as is, and its words, or its corrected text."""
        if page.box_size[0]:  # read by OCR at TARGET_DPI: that gives the paper's size
            width = page.box_size[0] * 72 / TARGET_DPI
            scale = width / page.box_size[0]
        else:  # a text-layer page: its image was rasterized at PDF_VIEW_DPI
            width, scale = page.width * 72 / PDF_VIEW_DPI, 0
        with page.image.open() as image:
            self._start_page(width, width * page.height / page.width, image.read())
        if page.corrected or not page.words:
            self._write_lines(page.text)
        else:
            for text, left, top, box_width, box_height, _ in page.words:
                self._write_word(text, left, top, box_width, box_height, scale)
        self._end_page()

    def _start_page(self, width, height, jpeg):
        self.height = height
        self.canvas.setPageSize((width, height))
        self.canvas.drawImage(ImageReader(io.BytesIO(jpeg)), 0, 0, width, height)

    def _end_page(self):
        self.canvas.showPage()
        self.pages += 1

    def _write_word(self, text, left, top, width, height, scale):
        """``text`` over its box (pixels, top-left origin; ``scale`` pixels → points)."""
        text = text.strip()
        if not text or width <= 0 or height <= 0:
            return
        size = height * scale
        natural = pdfmetrics.stringWidth(text, self.font, size)
        if natural <= 0:
            return
        layer = self.canvas.beginText()
        layer.setTextRenderMode(INVISIBLE)
        layer.setFont(self.font, size)
        layer.setHorizScale(100 * width * scale / natural)
        # Baseline a fifth of the box above its bottom: below-base vowels hang under it.
        layer.setTextOrigin(left * scale, self.height - (top + height * 0.8) * scale)
        layer.textOut(text)
        self.canvas.drawText(layer)

    def _write_lines(self, text, size=10):
        """Text with no boxes to place it by, line by line from the top: a reader still finds
        it, selection is approximate."""
        layer = self.canvas.beginText()
        layer.setTextRenderMode(INVISIBLE)
        layer.setFont(self.font, size)
        layer.setTextOrigin(size, self.height - 2 * size)
        for line in (text or "").splitlines():
            layer.textLine(line)
        self.canvas.drawText(layer)

    def close(self):
        self.canvas.save()


def _jpeg(image):
    image = image.convert("L") if image.mode in ("1", "L", "I;16", "I", "F") else image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


def build_searchable_pdf(pages):
    """The searchable PDF of OCR ``pages`` (``damrong.ocr.PageText``, in order) as bytes."""
    buffer = io.BytesIO()
    writer = SearchablePdfWriter(buffer)
    for page in pages:
        writer.add_page(page)
    writer.close()
    return buffer.getvalue()


def store_searchable_pdf(document):
    """Build the searchable PDF of ``document`` from its stored pages into ``document.searchable``.

    Returns the number of pages written.
    """
    pages = [document.pages[number] for number in sorted(document.pages)]
    if document.mimetype == PDF and pages and all(p.source == TEXT_LAYER for p in pages):
        document.searchable = document.original
        return len(pages)
    blob = Blob()
    with blob.open("w") as target:
        writer = SearchablePdfWriter(target)
        for page in pages:
            writer.add_stored_page(page)
        writer.close()
    document.searchable = blob
    return writer.pages


def rebuild_searchable_pdf(document, run=None):
    """Job (queued when a document has been read, and after each text correction)."""
    store_searchable_pdf(document)
