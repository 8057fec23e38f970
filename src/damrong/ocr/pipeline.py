"""One page image in, its text out: the steps every OCR'd page goes through.

prepare (a photographed sheet flattened, 300 dpi, level, bilevel) → a table's
rules off → Tesseract tha+eng, line by line → numbers read again → a table's
words cell by cell → Thai normalisation; a page read with low confidence is turned
upright and read again.  Words and page text are built from the same
corrected words, so a searchable PDF says what the index says.
"""
import statistics

from PIL import Image

from damrong.ocr import tesseract
from damrong.ocr.digits import correct_lines
from damrong.ocr.page import PageText, Word
from damrong.ocr.prepare import prepare, turned_upright
from damrong.ocr.tables import in_reading_order, without_rules
from damrong.resolution import TARGET_DPI
from damrong.thai.normalize import normalize_text

# Mean word confidence under which a page may be lying on its side or
# upside down, and Tesseract's orientation detector is asked.  Measured:
# upright bench pages read at 85-94, a three-line page at 71; turned pages
# at 0 (on their side) and 58-65 (upside down).  The detector decides; this
# only spares most pages its cost.
UPRIGHT_CONFIDENCE = 75


def ocr_image(image: Image.Image, number: int = 1) -> PageText:
    """Recognize one page image (any mode, any resolution)."""
    gray, bilevel = prepare(image)
    page = _read(gray, bilevel, number)
    if page.confidence < UPRIGHT_CONFIDENCE and (upright := turned_upright(gray)):
        page = _read(*upright, number)
    return page


def _read(gray, bilevel, number: int) -> PageText:
    bilevel, tables = without_rules(bilevel)
    read = tesseract.read_lines(bilevel, TARGET_DPI)
    lines, previous_block = [], None
    for block, words in in_reading_order(
            [(line.block, corrected) for line, corrected in zip(read, correct_lines(read, bilevel))],
            tables):
        if previous_block is not None and block != previous_block:
            lines.append([])  # an empty line between blocks keeps paragraphs apart
        lines.append([_normalized(word) for word in words])
        previous_block = block
    words = [word for line in lines for word in line]
    text = "\n".join(" ".join(word.text for word in line) for line in lines)
    confidence = statistics.fmean(word.confidence for word in words) if words else 0.0
    return PageText(number=number, text=normalize_text(text).strip("\n"), confidence=confidence,
                    words=words, image=Image.fromarray(gray), dpi=TARGET_DPI, source="ocr")


def _normalized(word: Word) -> Word:
    text = normalize_text(word.text)
    if text == word.text:
        return word
    return Word(text, word.left, word.top, word.width, word.height, word.confidence)
