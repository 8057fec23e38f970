"""The two questions we ask Tesseract: which way is up, and which words are where.

Every call to the tesseract binary goes through here so that it always
runs single-threaded: OpenMP threads make one page barely faster and, with
several workers on a small machine, everything much slower (four pages took
15 s with OpenMP's default threads, 4.7 s without).  Workers get their
parallelism from processes instead.
"""
import csv
import os
import re
import statistics
import tempfile

import pytesseract
from PIL import Image

from damrong.ocr.page import Word

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # inherited by every tesseract child process

# "tha" alone: its model already knows the Latin letters of e-mail
# addresses, while "tha+eng" let the English model take over Thai words
# (จำนวน read "Huw", บาท "UN") and took a fifth longer.
LANGUAGES = "tha"
# Page segmentation "single column of text of variable sizes": the default
# (automatic) cut rows of Thai tone marks into lines of their own.
_LAYOUT = "--psm 4"
# OSD votes over this many letters (default 50): a page of text is decided
# as surely by 20, in a third of the time.
_OSD_CHARACTERS = 20


def orientation(image: Image.Image, dpi: int) -> tuple[int, float] | None:
    """(clockwise degrees to turn upright, confidence), or None when the
    page has too little text for Tesseract's orientation detector."""
    try:
        report = pytesseract.image_to_osd(
            image, config=f"--psm 0 --dpi {dpi} -c min_characters_to_try={_OSD_CHARACTERS}")
    except pytesseract.TesseractError:
        return None
    rotate = re.search(r"Rotate: (\d+)", report)
    confidence = re.search(r"Orientation confidence: ([\d.]+)", report)
    if not rotate or not confidence:
        return None
    return int(rotate[1]) % 360, float(confidence[1])


def read_lines(image: Image.Image, dpi: int) -> list[list[Word]]:
    """The words Tesseract recognizes, line by line in reading order; an
    empty line (``[]``) separates blocks, which keeps paragraphs apart.

    Tesseract 5 reports Thai in its TSV one *character* at a time (its
    LSTM has no Thai word boundaries), with boxes that drift by a few
    pixels; only its plain text keeps the spaces the page has.  One run
    writes both, and each line's text is cut into words at its spaces,
    each word boxed by its characters.
    """
    with tempfile.TemporaryDirectory(prefix="damrong-ocr-") as tmp:
        page = os.path.join(tmp, "page.png")
        image.save(page, dpi=(dpi, dpi))
        pytesseract.pytesseract.run_tesseract(
            page, os.path.join(tmp, "page"), extension="txt", lang=LANGUAGES,
            config=f"{_LAYOUT} --dpi {dpi} -c tessedit_create_tsv=1")
        with open(os.path.join(tmp, "page.txt"), encoding="utf-8") as txt:
            text_lines = [line for line in txt.read().split("\n") if line.strip()]
        with open(os.path.join(tmp, "page.tsv"), encoding="utf-8") as tsv:
            box_lines = _tsv_lines(tsv)
    lines: list[list[Word]] = []
    previous_block = None
    for text, (block, characters) in zip(text_lines, box_lines):
        if previous_block is not None and block != previous_block:
            lines.append([])
        lines.append(_words(text, characters))
        previous_block = block
    return lines


def _tsv_lines(tsv) -> list[tuple[int, list[Word]]]:
    """(block number, the line's recognized pieces) per line of the TSV."""
    lines: list[tuple[int, list[Word]]] = []
    current = None
    for row in csv.DictReader(tsv, delimiter="\t", quoting=csv.QUOTE_NONE):
        if row["level"] != "5" or not (row["text"] or "").strip():
            continue
        key = (row["page_num"], row["block_num"], row["par_num"], row["line_num"])
        if key != current:
            lines.append((int(row["block_num"]), []))
            current = key
        lines[-1][1].append(Word(row["text"].strip(), int(row["left"]), int(row["top"]),
                                 int(row["width"]), int(row["height"]), float(row["conf"])))
    return lines


def _words(text: str, pieces: list[Word]) -> list[Word]:
    """Cut a line's text at its spaces and box each word by the TSV pieces
    that spell it.  Should the two ever disagree, the line is one word."""
    spelled = "".join(piece.text for piece in pieces)
    if spelled != "".join(text.split()):
        return [_joined(text.strip(), pieces)] if pieces else []
    words, position = [], 0
    for chunk in text.split():
        taken, length = [], 0
        while length < len(chunk):
            taken.append(pieces[position])
            length += len(pieces[position].text)
            position += 1
        words.append(_joined(chunk, taken))
    return words


def _joined(text: str, pieces: list[Word]) -> Word:
    left = min(piece.left for piece in pieces)
    top = min(piece.top for piece in pieces)
    right = max(piece.left + piece.width for piece in pieces)
    bottom = max(piece.top + piece.height for piece in pieces)
    confidence = statistics.fmean(piece.confidence for piece in pieces)
    return Word(text, left, top, right - left, bottom - top, confidence)
