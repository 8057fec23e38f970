"""Reading numbers again, glyph by glyph, wherever a line may hold one.

Tesseract's Thai model knows *where* a number is better than *which*
digits it holds, but not always: it drops digits from dense runs, reads
๗ as ฒ and ๘ as ส, and now and then leaves a whole number out.  So each
line is cut into ink words (glyphs between gaps as wide as a space), and
every ink word Tesseract read with a digit, number punctuation, a letter it
mistakes for a digit, low confidence, or nothing at all is read again by
the digit model.  A run of glyphs the model reads as a number replaces
whatever Tesseract wrote over it; everything else keeps Tesseract's
letters, so ordinary words are never respelled by a model that only knows
digits.  A word Tesseract read surely in Latin script (an English term, an
e-mail or web address: ``tesseract.surely_latin``) is never read again: its
digits are Arabic, which Tesseract reads right, and its letters are no
digits at all.  Short or unsure Latin words are suspects like any other,
since the English model also writes Thai numbers as Latin letters, but
over Latin letters only a number in Thai digits is taken: English reads
Arabic digits as digits, so where it wrote letters the ink is letters or
Thai digits it does not know ("LINE ID" had come out as "LINE 10";
tuning set only).
"""
import re
import unicodedata
from dataclasses import dataclass

import cv2
import numpy as np

from damrong.ocr import glyphs, tesseract
from damrong.ocr.digit_model import OTHER, digit_model
from damrong.ocr.page import Word
from damrong.ocr.tesseract import Line, joined

_ARABIC_DIGITS, _THAI_DIGITS = "0123456789", "๐๑๒๓๔๕๖๗๘๙"
_DIGITS = _ARABIC_DIGITS + _THAI_DIGITS
# What Tesseract writes over a Thai number's glyphs: Thai digits, and the
# letters and marks it mistakes for ๔ ๖ ๗ ๘ ๙.  Arabic digits it reads
# right (99 %), better than the digit model, and they stay its own.
_SUSPECT = re.compile(r"[๐-๙ฒสะณญซฉ'«»]")
_PUNCTUATION = "/.,:()-"
_DIGIT = re.compile("[0-9๐-๙]")
_THAI_DIGIT = re.compile("[๐-๙]")
# Ink words longer than this many glyphs are runs of Thai letters, not
# numbers, unless Tesseract saw a digit in them: the letters it doubts there
# are left alone (tuning pages: a fifth less time per page, CER 3.51 → 3.54 %).
_LONGEST_NUMBER = 14
# An ink word of this many glyphs standing alone is read again whatever Tesseract wrote: it is
# mostly a digit (วันที่ ๖ เมษายน, จำนวน ๗ ฉบับ, ๑.) that Tesseract took for a letter (อ, ๆ, @).
_STANDING_ALONE = 2
_UNSURE = 60  # Tesseract's confidence (0..100) below which a piece is read again
# Glyphs further apart than this share of the line's letter height stand
# either side of a space.
_SPACE = 0.35
# A piece of Tesseract's belongs to a number if its centre lies within the
# number's glyphs or this share of a letter height beyond them (its boxes
# of Thai characters drift by up to a glyph's width).
_REACH = 0.3
_UNSURE_SHARE = 0.25
_OPENING, _CLOSING = "(", ")."  # punctuation a number may start or end with
_BAND = 3  # pixels above and below a line's box where a neighbour's ink is told from its own


@dataclass(frozen=True)
class _Number:
    text: str
    left: int
    top: int
    right: int
    bottom: int
    confidence: float


def correct_lines(lines: list[Line], bilevel: np.ndarray) -> list[list[Word]]:
    """The words of each line, each number in them read again from the page.

    The digit model reads all the page's suspect glyphs in one call: each
    call goes once through all its samples, so one per line took several
    times longer.
    """
    shortest = tesseract.shortest_word(lines)
    found = [_suspects(line, bilevel, shortest) for line in lines]
    rows = [rows for _, suspects in found for _, rows, _ in suspects]
    readings = iter(digit_model().read(np.concatenate(rows)) if rows else [])
    corrected = []
    for line, (letter_height, suspects) in zip(lines, found):
        numbers = [number for group, rows, latin in suspects
                   if (number := _number(group, [next(readings) for _ in group],
                                         line.left, line.top))
                   and not (latin and not _THAI_DIGIT.search(number.text))]
        corrected.append(_merged(line.words, numbers, _REACH * letter_height))
    return corrected


def _suspects(line: Line, bilevel: np.ndarray, shortest: float):
    """(the line's letter height, [(ink word, its glyph features, whether Tesseract wrote Latin
    letters over it)] of the ink words to read again).  Ink words under ``shortest`` pixels high
    are the marks of a neighbouring line or dust, never a number."""
    ink = _own_ink(bilevel, line)
    boxes = glyphs.glyph_boxes(ink)
    if not boxes:
        return 0.0, []
    pieces = [piece for word in line.words for piece in word]
    letter_height = float(np.median([bottom - top for _, top, _, bottom in boxes]))
    suspects = []
    for group in _ink_words(boxes, _SPACE * letter_height):
        if max(box[3] for box in group) - min(box[1] for box in group) < shortest:
            continue
        left, right = line.left + group[0][0], line.left + group[-1][2]
        covering = [piece for piece in pieces
                    if left <= piece.left + piece.width / 2 <= right]
        if any(tesseract.surely_latin(piece) for piece in covering):
            continue
        if (not covering or len(group) <= _STANDING_ALONE
                or any(_DIGIT.search(piece.text) for piece in covering)
                or (len(group) <= _LONGEST_NUMBER and any(_suspect(piece) for piece in covering))):
            latin = bool(covering) and all(tesseract.is_latin(piece.text) for piece in covering)
            suspects.append((group, glyphs.features(ink, group), latin))
    return letter_height, suspects


def _own_ink(bilevel: np.ndarray, line: Line) -> np.ndarray:
    """The ink inside the line's box (True = ink) without what reaches in from
    the lines above and below.

    At single spacing the descenders of the line above and the marks of the
    line below cross into a line's box, and the glyph cutter would stack them
    onto digits (a ๒ with a foreign tail reads as ๗).  The line's own glyphs
    lie inside its box; a blob that still touches the edge of a band a few
    pixels wider than the box comes from a neighbour, and goes.
    """
    top, bottom = max(line.top - _BAND, 0), min(line.bottom + _BAND, bilevel.shape[0])
    band = (bilevel[top:bottom, line.left:line.right] == 0).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(band, connectivity=8)
    reaching = [label for label in range(1, count)
                if (stats[label, cv2.CC_STAT_TOP] == 0 and top > 0)
                or (stats[label, cv2.CC_STAT_TOP] + stats[label, cv2.CC_STAT_HEIGHT]
                    == bottom - top and bottom < bilevel.shape[0])]
    own = band.astype(bool) & ~np.isin(labels, reaching)
    return own[line.top - top:line.bottom - top]


def _suspect(piece: Word) -> bool:
    """Whether Tesseract may have written something else over a number here: it
    was unsure, wrote a letter it mistakes for a digit, or wrote Latin letters
    it is not sure of (the English model takes ๐๒๐๕ for "lnod", ก.ค. for "A.A.")."""
    return (piece.confidence < _UNSURE or bool(_SUSPECT.search(piece.text))
            or tesseract.is_latin(piece.text))


def _ink_words(boxes, gap: float) -> list[list[tuple[int, int, int, int]]]:
    """Glyph boxes grouped where the space between neighbours is under ``gap``."""
    groups = [[boxes[0]]]
    for box in boxes[1:]:
        if box[0] - max(other[2] for other in groups[-1]) > gap:
            groups.append([])
        groups[-1].append(box)
    return groups


def _number(group, reading: list[tuple[str, float, str, str]],
            left: int, top: int) -> _Number | None:
    """The number the digit model reads in one ink word, in page pixels, if any.

    A number is a run of digits and number punctuation holding a digit,
    trimmed of punctuation it cannot start or end with (the full stop of
    "โทร." stays Tesseract's); letters may stand before or after it
    (มท๐๒๑๒).  A glyph between digits that the model calls a letter is
    mostly a digit a scan damaged (a broken ๖): when at most a quarter of
    the run, each is read as the digit it is most like; more, and the word
    is one the model is unsure of, and Tesseract's reading stays.  A number
    is written in one script: in a run of mostly Thai digits, a glyph read
    as an Arabic one is read as the Thai digit it is most like.  A lone
    digit is taken when it is the whole ink word, or stands at one end of it
    and all its nearest neighbours agree (a ๖ whose curl touches what comes
    next); inside a word it is more likely a letter the model mistook.
    """
    found = [index for index, (label, *_) in enumerate(reading) if label != OTHER]
    while found and reading[found[0]][0] in "/.,:-" + _CLOSING:
        found.pop(0)
    while found and reading[found[-1]][0] in "/,:-" + _OPENING:
        found.pop()
    if not found:
        return None
    run = list(range(found[0], found[-1] + 1))
    unsure = [index for index in run if reading[index][0] == OTHER]
    if len(unsure) > _UNSURE_SHARE * len(run):
        return None
    for index in unsure:
        _, share, like, thai_like = reading[index]
        reading[index] = (like, share, like, thai_like)
    if (sum(reading[i][0] in _THAI_DIGITS for i in run)
            > sum(reading[i][0] in _ARABIC_DIGITS for i in run)):
        for index in run:  # one number is written in one script: Thai throughout
            _, share, like, thai_like = reading[index]
            reading[index] = (thai_like, share, like, thai_like)
    digits = sum(reading[i][0] in _DIGITS for i in run)
    lone_at_an_end = (len(run) == 1 and run[0] in (0, len(group) - 1)
                      and reading[run[0]][1] == 1.0)
    if not (digits >= 2 or (digits == 1 and (len(run) == len(group) or lone_at_an_end))):
        return None
    boxes = [group[i] for i in run]
    return _Number("".join(reading[i][0] for i in run),
                   left + boxes[0][0], top + min(box[1] for box in boxes),
                   left + max(box[2] for box in boxes), top + max(box[3] for box in boxes),
                   100 * min(reading[i][1] for i in run))


def _merged(words, numbers: list[_Number], reach: float) -> list[Word]:
    """Tesseract's words with every piece over a number taken out, and
    each number as a word of its own, in reading order.

    Over a number means centred within its glyphs, or, for what Tesseract
    wrote as a number's characters (digits, punctuation, the letters it
    mistakes for digits), within ``reach`` of them.  Tone marks and vowels
    above or below go with their letter, whose box may drift over a
    number (the ่ of ที่ before ๑๔, the ํ of น้ำ before a cell of
    digits): they are taken out only with all the letters of their word.
    """
    if not numbers:
        return [joined(word) for word in words]

    def replaced(piece: Word) -> bool:
        centre = piece.left + piece.width / 2
        within = reach if _spelled_like_number(piece.text) else 0
        return (not _marks_only(piece.text) and not tesseract.surely_latin(piece) and any(
            number.left - within <= centre <= number.right + within for number in numbers))

    kept = [kept for word in words
            if (kept := [piece for piece in word if not replaced(piece)])
            and not all(_marks_only(piece.text) for piece in kept)]
    result = [joined(word) for word in kept] + [
        Word(number.text, number.left, number.top, number.right - number.left,
             number.bottom - number.top, number.confidence) for number in numbers]
    return sorted(result, key=lambda word: word.left)


def _spelled_like_number(text: str) -> bool:
    return all(_SUSPECT.match(char) or char in _PUNCTUATION for char in text)


def _marks_only(text: str) -> bool:
    return all(unicodedata.category(char) == "Mn" for char in text)
