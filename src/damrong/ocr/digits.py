"""Reading numbers again, glyph by glyph, where Tesseract read a number.

Which words: those in which Tesseract itself saw a digit (Thai or Arabic).
Its Thai model knows *that* something is a number far better than *which*
digits it holds, and Thai letters are never touched unless Tesseract put a
digit among them.  Within such a word, the glyphs the model calls digits or
number punctuation replace Tesseract's reading; glyphs it calls something
else (the "มท" stuck to "๐๒๑๒") keep Tesseract's letters, as long as they
sit at the start or end of the word.  A word with letters between its
digits is left as Tesseract read it: we cannot tell which letters go where.
"""
import re

import numpy as np

from damrong.ocr import glyphs
from damrong.ocr.digit_model import OTHER, digit_model
from damrong.ocr.page import Word

_DIGIT = re.compile("[0-9๐-๙]")
# What Tesseract writes for a number's glyphs: digits, the punctuation of
# numbers, and the Thai letters it mistakes for ๔ ๖ ๗ ๘ ๙ (ฒ ส อ ซ ญ ต ...).
_LETTERS_AROUND = re.compile(r"^(?P<head>[^0-9๐-๙/.,:()\-]*)(?P<body>.*?)(?P<tail>[^0-9๐-๙/.,:()\-]*)$")
# Tesseract's boxes of Thai characters drift by up to a glyph's width, so
# a number is looked for this many line heights beyond its word box; the
# neighbours' letters found there are left out by ``_spell``.
_REACH = 0.4


def correct_line(words: list[Word], bilevel: np.ndarray) -> list[Word]:
    """The words of one line, each number in it read again from the page."""
    if not words:
        return words
    top = min(word.top for word in words)
    bottom = max(word.top + word.height for word in words)
    return [correct_word(word, bilevel, top, bottom) for word in words]


def correct_word(word: Word, bilevel: np.ndarray, line_top: int, line_bottom: int) -> Word:
    """``word`` with its digits read again from the page, or unchanged."""
    if not _DIGIT.search(word.text):
        return word
    reach = round(_REACH * (line_bottom - line_top))
    left = max(word.left - reach, 0)
    right = min(word.left + word.width + reach, bilevel.shape[1])
    ink = bilevel[line_top:line_bottom, left:right] == 0
    boxes = [box for box in glyphs.glyph_boxes(ink)
             if 0 < box[0] and box[2] < ink.shape[1]]  # not cut by the crop
    reading = digit_model().read(glyphs.features(ink, boxes))
    labels = [label for label, _ in reading]
    text = _spell(word.text, labels)
    if text is None:
        return word
    kept = [box for box, label in zip(boxes, labels) if label != OTHER]
    return Word(text, left + min(box[0] for box in kept), line_top + min(box[1] for box in kept),
                max(box[2] for box in kept) - min(box[0] for box in kept),
                max(box[3] for box in kept) - min(box[1] for box in kept), word.confidence)


def _spell(tesseract_text: str, labels: list[str]) -> str | None:
    """The word's new text, or None to keep Tesseract's."""
    if not labels:
        return None
    first = next((i for i, label in enumerate(labels) if label != OTHER), None)
    if first is None:
        return None
    last = max(i for i, label in enumerate(labels) if label != OTHER)
    middle = labels[first:last + 1]
    if OTHER in middle:
        return None
    around = _LETTERS_AROUND.match(tesseract_text)
    head = around["head"] if first > 0 else ""
    tail = around["tail"] if last < len(labels) - 1 else ""
    return head + "".join(middle) + tail
