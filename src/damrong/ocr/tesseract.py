"""The two questions we ask Tesseract: which way is up, and which words are where.

Tesseract runs in this process through tesserocr's API: the Thai model is
loaded once per thread and kept, where a tesseract child process per call
reloaded it every time.  An API object is not safe to share, so each thread
(the web process's worker thread, a bench process) has its own.

It runs single-threaded: OpenMP threads make one page barely faster and,
with several workers on a small machine, everything much slower (four
pages took 15 s with OpenMP's default threads, 4.7 s without).  Workers
get their parallelism from processes instead.
"""
import functools
import os
import re
import statistics
import subprocess
import threading
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from damrong.ocr.page import Word

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # read when libtesseract loads, so before tesserocr

import tesserocr  # noqa: E402
from tesserocr import PSM, RIL, iterate_level  # noqa: E402

# "tha" alone: its model already knows the Latin letters of e-mail
# addresses, while "tha+eng" let the English model take over Thai words
# (จำนวน read "Huw", บาท "UN") and took a fifth longer.
LANGUAGES = "tha"
# Rows of tone marks and upper vowels stand apart from their letters on
# some fonts (Kinnari, Garuda); Tesseract's line finder then makes them
# lines of their own, read as garbage, and the letters lose their marks
# (ที่ → ที).  Lines are therefore found on a copy of the page whose ink is
# smeared this far up and down (a twentieth of an inch at 300 dpi: more than a
# mark's gap, less than the space between two lines), then read from the
# page itself.
_SMEAR_PX = 15
_JOINED_LINES = 1.6  # a line box this many times the usual height holds two
_SAME_BOX = 0.9  # share of a line box inside another one that makes it a repeat
# Tesseract reads a line better with a little paper around its ink.
_MARGIN_PX = 10
# A line box that also caught the row of tone marks above the next line
# (or specks of dust beside a cell's rule) comes back with "words" a few
# pixels high, read as garbage (๔ ๓ ๓ ๔ ๙ จ” ๘ ๙ ปวั) or as full stops.
# Nothing a page prints is under a quarter of its usual word's height but a
# lone dash or full stop, and those were mostly dust: on the tuning pages,
# dropping all such words took CER from 2.74 to 2.27 %, keeping the
# punctuation among them to 2.46 %.
_SHORTEST_WORD = 0.25
# OSD votes over this many letters (default 50): a page of text is decided
# as surely by 20, in a third of the time.
_OSD_CHARACTERS = 20


@dataclass(frozen=True)
class Line:
    """One text line as Tesseract read it: its box on the page, the layout
    block it belongs to, and its words, each spelled by the symbols
    Tesseract boxed (for Thai, a character or a short cluster each)."""

    left: int
    top: int
    right: int
    bottom: int
    block: int
    words: tuple[tuple[Word, ...], ...]


def orientation(image: Image.Image, dpi: int) -> tuple[int, float] | None:
    """(clockwise degrees to turn upright, confidence), or None when the
    page has too little text for Tesseract's orientation detector."""
    api = _api("osd", PSM.OSD_ONLY)
    api.SetVariable("min_characters_to_try", str(_OSD_CHARACTERS))
    api.SetVariable("user_defined_dpi", str(dpi))
    api.SetImage(image)
    found = api.DetectOrientationScript()
    if not found:
        return None
    return (360 - found["orient_deg"]) % 360, float(found["orient_conf"])


def read_lines(bilevel: np.ndarray, dpi: int) -> list[Line]:
    """The lines Tesseract recognizes on a bilevel page (0 = ink), in reading order."""
    api = _api(LANGUAGES, PSM.SINGLE_COLUMN)
    api.SetVariable("user_defined_dpi", str(dpi))
    # Tesseract reads every unsure line a second time as white on black;
    # scanned petitions are never inverted, and that was a fifth of the time.
    api.SetVariable("tessedit_do_invert", "0")
    api.SetPageSegMode(PSM.SINGLE_COLUMN)
    ink = (bilevel == 0).astype(np.uint8)
    smeared = cv2.dilate(ink, np.ones((_SMEAR_PX, 1), np.uint8))
    # Specks of dust, smeared into hair-thin strokes, sent Tesseract's line
    # finder outside its boxes (leptonica errors on stderr); they go.
    smeared = cv2.morphologyEx(smeared, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    api.SetImage(Image.fromarray((1 - smeared) * 255))
    found = [(box, block) for _, box, block, _ in api.GetComponentImages(RIL.TEXTLINE, True)]
    api.SetPageSegMode(PSM.SINGLE_LINE)
    api.SetImage(Image.fromarray(bilevel))
    height, width = bilevel.shape
    lines = []
    for box, block in _by_rows(_separated(found, ink)):
        left, top = max(box["x"] - _MARGIN_PX, 0), max(box["y"] - _MARGIN_PX, 0)
        right = min(box["x"] + box["w"] + _MARGIN_PX, width)
        bottom = min(box["y"] + box["h"] + _MARGIN_PX, height)
        api.SetRectangle(left, top, right - left, bottom - top)
        api.Recognize()
        words = _words(api.GetUTF8Text(), _symbols(api))
        if words:
            lines.append(Line(left, top, right, bottom, block, words))
    return _without_specks(lines)


def shortest_word(lines: list[Line]) -> float:
    """Pixels: ink shorter than this is no word of the page (``_SHORTEST_WORD``)."""
    heights = [joined(word).height for line in lines for word in line.words]
    return _SHORTEST_WORD * statistics.median(heights) if heights else 0.0


def _without_specks(lines: list[Line]) -> list[Line]:
    """The lines without the words far shorter than the page's usual word;
    a line left with no word goes."""
    shortest = shortest_word(lines)
    kept = []
    for line in lines:
        words = tuple(word for word in line.words if joined(word).height >= shortest)
        if words:
            kept.append(Line(line.left, line.top, line.right, line.bottom, line.block, words))
    return kept


def _separated(found: list[tuple[dict, int]], ink: np.ndarray) -> list[tuple[dict, int]]:
    """Line boxes with each box that holds two lines cut in two, and
    boxes that repeat another one left out.

    Where two lines stand so close that the smear joined them, Tesseract's
    layout gives one box for both (and sometimes one more for one of
    them): read as a single line, it would drop one.  Such a box, over
    ``_JOINED_LINES`` times the usual height, is cut at its emptiest row
    between a third and two thirds of its height.
    """
    if not found:
        return found
    usual = statistics.median(box["h"] for box, _ in found)
    cut = []
    for box, block in found:
        if box["h"] <= _JOINED_LINES * usual:
            cut.append((box, block))
            continue
        rows = ink[box["y"]:box["y"] + box["h"], box["x"]:box["x"] + box["w"]].sum(axis=1)
        third = box["h"] // 3
        split = third + int(np.argmin(rows[third:box["h"] - third]))
        cut.append(({**box, "h": split}, block))
        cut.append(({**box, "y": box["y"] + split, "h": box["h"] - split}, block))
    kept: list[tuple[dict, int]] = []
    for box, block in cut:
        if not any(_overlap(box, other) > _SAME_BOX for other, _ in kept):
            kept.append((box, block))
    return kept


def _overlap(first: dict, second: dict) -> float:
    """Shared area over the smaller box's area."""
    across = min(first["x"] + first["w"], second["x"] + second["w"]) - max(first["x"], second["x"])
    down = min(first["y"] + first["h"], second["y"] + second["h"]) - max(first["y"], second["y"])
    if across <= 0 or down <= 0:
        return 0.0
    return across * down / min(first["w"] * first["h"], second["w"] * second["h"])


def _by_rows(found: list[tuple[dict, int]]) -> list[tuple[dict, int]]:
    """Line boxes in reading order: row by row, left to right within a row.

    Tesseract's layout makes each column of a ruled table (its rules
    erased) and the right-hand half of a letter's heading blocks of their
    own, read one after the other; people, and the ground truth, read
    such a page row by row.  Boxes overlapping vertically by more than
    half the lower one's height are one row; a row keeps the block of its
    first box.
    """
    rows: list[list[tuple[dict, int]]] = []
    for box, block in sorted(found, key=lambda item: item[0]["y"]):
        if rows:
            last = max(rows[-1], key=lambda item: item[0]["y"])[0]
            overlap = last["y"] + last["h"] - box["y"]
            if overlap > 0.5 * min(box["h"], last["h"]):
                rows[-1].append((box, block))
                continue
        rows.append([(box, block)])
    return [(box, row[0][1]) for row in rows
            for box, _ in sorted(row, key=lambda item: item[0]["x"])]


def _symbols(api) -> list[Word]:
    """What Tesseract recognized, piece by piece with boxes and confidences.

    Its "words" are, for Thai, single characters or short clusters (the
    LSTM has no Thai word boundaries); only its plain text keeps the spaces
    the page has.
    """
    pieces = []
    for piece in iterate_level(api.GetIterator(), RIL.WORD):
        if piece.Empty(RIL.WORD):
            continue
        text = (piece.GetUTF8Text(RIL.WORD) or "").strip()
        box = piece.BoundingBox(RIL.WORD)
        if text and box:
            left, top, right, bottom = box
            pieces.append(Word(text, left, top, right - left, bottom - top,
                               piece.Confidence(RIL.WORD)))
    return pieces


def _words(text: str, pieces: list[Word]) -> tuple[tuple[Word, ...], ...]:
    """Cut a line's text at its spaces into words, each the pieces that
    spell it.  Should the two ever disagree, the line is one word."""
    if not pieces:
        return ()
    if "".join(piece.text for piece in pieces) != "".join(text.split()):
        return (tuple(pieces),)
    words, position = [], 0
    for chunk in text.split():
        taken, length = [], 0
        while length < len(chunk):
            taken.append(pieces[position])
            length += len(pieces[position].text)
            position += 1
        words.append(tuple(taken))
    return tuple(words)


def joined(pieces: tuple[Word, ...] | list[Word], text: str | None = None) -> Word:
    """One word boxed around its pieces, spelled by them unless ``text`` is given."""
    left = min(piece.left for piece in pieces)
    top = min(piece.top for piece in pieces)
    right = max(piece.left + piece.width for piece in pieces)
    bottom = max(piece.top + piece.height for piece in pieces)
    confidence = statistics.fmean(piece.confidence for piece in pieces)
    if text is None:
        text = "".join(piece.text for piece in pieces)
    return Word(text, left, top, right - left, bottom - top, confidence)


_apis = threading.local()


def _api(language: str, layout: PSM) -> "tesserocr.PyTessBaseAPI":
    """This thread's API object for ``language``, made on first use."""
    cache = _apis.__dict__.setdefault("by_language", {})
    if language not in cache:
        cache[language] = tesserocr.PyTessBaseAPI(path=tessdata(), lang=language, psm=layout)
    return cache[language]


@functools.cache
def tessdata() -> str:
    """Where the installed Tesseract keeps its models (``$TESSDATA_PREFIX``
    if set): tesserocr's wheel brings its own library, but the Thai model
    comes from Debian's tesseract-ocr-tha."""
    if os.environ.get("TESSDATA_PREFIX"):
        return os.environ["TESSDATA_PREFIX"]
    listing = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True,
                             check=True).stdout
    return re.search(r'"(.+?)/?"', listing)[1]
