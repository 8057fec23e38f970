"""A searchable PDF of a scanned document: the page images with an invisible OCR text layer.

Each OCR word is written in text render mode 3 (invisible) at its box, stretched horizontally to
the box's width, so selecting on the page selects the word under the cursor and a PDF reader's
search finds it. Written with ReportLab: it embeds a TrueType subset with a ToUnicode map from
the characters we give it, so what a reader extracts is exactly our Thai text in our order
(checked with pdftotext and pypdf in the tests). ReportLab does not shape Thai, so tone marks would
sit wrongly if the text were visible; the layer is invisible, and only the extracted text counts.
(WeasyPrint shapes Thai but cannot place text by the pixel box over an image in a 500-page stream;
Tesseract's own PDF renderer would mean running OCR a second time.)

Pages are written one at a time as the OCR yields them; what stays in memory until the file is
closed is the compressed JPEG of each page (ReportLab keeps a document's objects until ``save``).

The original file is never touched: this PDF is derived data, kept in its own blob and rebuilt
from the original whenever needed. A born-digital PDF already is searchable, so for one whose
every page came from its text layer the original blob itself is used.
"""

import functools
import io

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from ZODB.blob import Blob

from ..ocr.prepare import TARGET_DPI
from ..ocr.sources import rasterize

FONT_NAME = "DamrongLaksaman"
#: TrueType outlines from Debian's fonts-tlwg-laksaman-ttf (Makefile); ReportLab cannot embed the
#: PostScript-outline WOFF files of static/fonts. Any font with Thai glyphs would do: it is never
#: seen, it only has to map every character.
FONT_FILE = "/usr/share/fonts/truetype/tlwg/Laksaman.ttf"
DEFAULT_DPI = TARGET_DPI  # what ``rasterize`` renders at, and OCR's pages are
JPEG_QUALITY = 75
INVISIBLE = 3  # PDF text render mode: neither fill nor stroke


@functools.cache
def _font():
    """Register the Thai font with ReportLab once per process."""
    pdfmetrics.registerFont(TTFont(FONT_NAME, FONT_FILE))
    return FONT_NAME


class SearchablePdfWriter:
    """Write pages into ``target`` (a path or a binary file object) as they come; ``close()``
    finishes the file. ``rasterize(number)`` gives the image of a page the OCR returned without
    one (a text-layer page of a mixed PDF); it is only called for such pages."""

    def __init__(self, target, rasterize=None):
        self.canvas = canvas.Canvas(target, pageCompression=1, invariant=1)
        self.canvas.setCreator("damrong")
        self.rasterize = rasterize
        self.pages = 0
        self.scanned_pages = 0
        self.font = _font()

    def add_page(self, page):
        image = page.image
        if image is not None:
            self.scanned_pages += 1
            self._draw_image(image, page.dpi or DEFAULT_DPI)
            for word in page.words:
                self._write_word(word)
        elif self.rasterize is not None:
            # A text-layer page: no OCR boxes to place words by, so its text goes in line by
            # line from the top; a reader still finds it, selection is approximate.
            self._draw_image(self.rasterize(page.number), DEFAULT_DPI)
            self._write_lines(page.text)
        else:
            raise ValueError(f"page {page.number} has no image to put its text on")
        self.canvas.showPage()
        self.pages += 1

    def _draw_image(self, image, dpi):
        self.scale = 72 / dpi  # image pixels → PDF points
        self.width, self.height = image.width * self.scale, image.height * self.scale
        self.canvas.setPageSize((self.width, self.height))
        self.canvas.drawImage(ImageReader(io.BytesIO(_jpeg(image))), 0, 0, self.width, self.height)

    def _write_lines(self, text, size=10):
        layer = self.canvas.beginText()
        layer.setTextRenderMode(INVISIBLE)
        layer.setFont(self.font, size)
        layer.setTextOrigin(size, self.height - 2 * size)
        for line in (text or "").splitlines():
            layer.textLine(line)
        self.canvas.drawText(layer)

    def _write_word(self, word):
        text = word.text.strip()
        if not text or word.width <= 0 or word.height <= 0:
            return
        size = word.height * self.scale
        natural = pdfmetrics.stringWidth(text, self.font, size)
        if natural <= 0:
            return
        layer = self.canvas.beginText()
        layer.setTextRenderMode(INVISIBLE)
        layer.setFont(self.font, size)
        layer.setHorizScale(100 * word.width * self.scale / natural)
        # Baseline a fifth of the box above its bottom: below-base vowels hang under it.
        layer.setTextOrigin(word.left * self.scale,
                            self.height - (word.top + word.height * 0.8) * self.scale)
        layer.textOut(text)
        self.canvas.drawText(layer)

    def close(self):
        self.canvas.save()


def _jpeg(image):
    image = image.convert("L") if image.mode in ("1", "L", "I;16", "I", "F") else image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


def write_searchable_pdf(pages, target, rasterize=None):
    """Write ``pages`` (``PageText`` from ``damrong.ocr``, in order) to ``target``.

    Returns the writer, whose ``pages`` and ``scanned_pages`` say what was written.
    """
    writer = SearchablePdfWriter(target, rasterize)
    for page in pages:
        writer.add_page(page)
    writer.close()
    return writer


def build_searchable_pdf(pages):
    """The searchable PDF of ``pages`` as bytes (for small documents and tests)."""
    buffer = io.BytesIO()
    write_searchable_pdf(pages, buffer)
    return buffer.getvalue()


def store_searchable_pdf(document, pages):
    """Build the searchable PDF of ``document`` from its OCR ``pages`` into a new blob.

    Meant to be called by the document job right after OCR, with the same ``PageText``
    iterator (pages are consumed as they come). Returns the number of pages written.
    """
    source = document.original.committed()
    blob = Blob()
    with blob.open("w") as target:
        writer = write_searchable_pdf(
            pages, target, rasterize=lambda number: rasterize(source, number))
    if writer.pages and not writer.scanned_pages and document.mimetype == "application/pdf":
        document.searchable = document.original  # born digital: the original is searchable
    else:
        document.searchable = blob
    return writer.pages
