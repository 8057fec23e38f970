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

import numpy as np
from PIL import Image

from damrong.ocr.page import Word

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # read when libtesseract loads, so before tesserocr

import tesserocr  # noqa: E402
from tesserocr import PSM, RIL, iterate_level  # noqa: E402

# Thai and English together: Tesseract reads each word with the Thai
# model and, where that is unsure, again with the English one, keeping the
# surer reading.  Thai letters carry English system names, acronyms, e-mail
# and web addresses, which "tha" alone turns into Thai-looking garbage.
# Measured on the tuning set (bench/ocr.py, seed 1): Latin words 0 -> 86 %
# found, CER 10.2 -> 8.0 %.  English now and then wins a short unsure Thai
# word ("a", "WA"); ``_second_opinion`` reads such words once more in Thai.
LANGUAGES = "tha+eng"
THAI, ENGLISH = "tha", "eng"
# A word read as Latin script with at most this many letters is read again
# with the Thai model alone, and the surer of the two readings stays: it is
# as often a Thai abbreviation English took over, dots and all (มิ.ย. came
# out as "EH...", ธ.ค. as "SIA" in ruled tables; tuning set: CER 8.50 ->
# 8.39 %, Thai digits 91.75 -> 91.95 %, Latin words unchanged).
_FEW_LETTERS = 3
# A word read as Latin script at least this long and ``_SURE_LATIN`` sure
# is English indeed: the digit reader leaves it alone.
_SHORT_LATIN = 3
_SURE_LATIN = 85
# A word the Thai model kept with a piece less sure than this is read again
# in English, and English's reading, if Latin, stays when it is at least
# this sure and surer than that piece (``_second_opinion``).  Web addresses
# are in no dictionary: English reads them right at confidence 50-60.
_UNSURE_THAI = 40
# A line box that also caught the tone marks of the next line (or specks of
# dust beside a cell's rule) comes back with "words" a few pixels high,
# read as garbage or as full stops.  Nothing a page prints is under a
# quarter of its usual word's height but a lone dash or full stop, and
# those were mostly dust.  Tuning set (seed 1): CER 8.04 -> 7.70 %.
_SHORTEST_WORD = 0.25
# OSD votes over this many letters (default 50): a page of text is decided
# as surely by 20, in a third of the time.
_OSD_CHARACTERS = 20
_LATIN = re.compile("[A-Za-z]")
# What marks a word as part of a web or e-mail address, the joints Tesseract
# breaks Latin terms at, and a scheme whose "://" it misread.
_ADDRESS = re.compile(r"(://|www\.|@|^https?|\.(go|or|ac|co|in)\.th|\.(com|org|net)\b)")
_JOINTS = ("/", ".", "@", "-", ":")
_MISREAD_SCHEME = re.compile(r"^(https?):?[/|IlA]{0,2}(?=www\.)")


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
    """The lines Tesseract finds and recognizes on a bilevel page (0 = ink), in reading order.

    The page's layout is Tesseract's own, read as one column: our earlier
    line finder (ink smeared up and down, tall boxes cut in two) was tuned
    on widely spaced pages and lost whole lines of letters printed at single
    spacing.  Tesseract's automatic layout (``tesseract``'s default) took
    the first words of closely spaced lines for a column of their own and
    read them after the page; as one column, letters and petitions of the
    tuning set read better (CER 5.4 -> 5.0 % and 7.9 -> 7.6 %), its ruled
    tables worse (10.0 -> 11.9 %).
    """
    api = _api(LANGUAGES, PSM.SINGLE_COLUMN)
    api.SetVariable("user_defined_dpi", str(dpi))
    # Tesseract reads every unsure line a second time as white on black;
    # scanned petitions are never inverted, and that was a fifth of the time.
    api.SetVariable("tessedit_do_invert", "0")
    image = Image.fromarray(bilevel)
    api.SetImage(image)
    api.Recognize()
    thai, english = (_word_reader(language, image, dpi) for language in (THAI, ENGLISH))
    # The page text keeps the spaces the page has; the iterator's own line
    # text puts one between every Thai character cluster.
    spaced = iter([text for text in api.GetUTF8Text().split("\n") if text.strip()])
    pending = next(spaced, "")
    lines = []
    for box, block, pieces in _recognized_lines(api):
        spelled = "".join(piece.text for piece in pieces)
        if "".join(pending.split()) == spelled:
            text, pending = pending, next(spaced, "")
        else:
            text = " ".join(piece.text for piece in pieces)
        words = _joined_addresses(_second_opinion(_words(text, pieces), thai, english))
        lines.append(Line(*box, block, words))
    return _without_specks(lines)


def _recognized_lines(api) -> list[tuple[tuple[int, int, int, int], int, list[Word]]]:
    """(line box, block number, the pieces Tesseract recognized in it) per text line."""
    lines: list[tuple[tuple[int, int, int, int], int, list[Word]]] = []
    block = 0
    for piece in iterate_level(api.GetIterator(), RIL.WORD):
        if piece.Empty(RIL.WORD):
            continue
        if piece.IsAtBeginningOf(RIL.BLOCK):
            block += 1
        if piece.IsAtBeginningOf(RIL.TEXTLINE) or not lines:
            lines.append((piece.BoundingBox(RIL.TEXTLINE), block, []))
        text = (piece.GetUTF8Text(RIL.WORD) or "").strip()
        box = piece.BoundingBox(RIL.WORD)
        if text and box:
            left, top, right, bottom = box
            lines[-1][2].append(Word(text, left, top, right - left, bottom - top,
                                     piece.Confidence(RIL.WORD)))
    return [line for line in lines if line[2]]


def is_latin(text: str) -> bool:
    """Whether ``text`` is written in Latin script (a letter A-Z, no Thai)."""
    return bool(_LATIN.search(text)) and not any("\u0e00" <= char <= "\u0e7f" for char in text)


def surely_latin(word: Word) -> bool:
    """A word the English model read, long and sure enough to be English
    indeed (shorter or less sure ones are as often Thai digits or letters
    it took over)."""
    return (is_latin(word.text) and len(word.text) >= _SHORT_LATIN
            and word.confidence >= _SURE_LATIN)


def _word_reader(language: str, image: Image.Image, dpi: int):
    """This thread's API for ``language``, set to read single words of ``image``."""
    api = _api(language, PSM.SINGLE_WORD)
    api.SetVariable("user_defined_dpi", str(dpi))
    api.SetImage(image)
    return api


def _second_opinion(words: tuple[tuple[Word, ...], ...], thai,
                    english) -> tuple[tuple[Word, ...], ...]:
    """Words the page's reading is unsure of, read once more by one model alone.

    A word of few letters that English won is read by ``thai``: it is as
    often a Thai word, abbreviation or number English took over.  A word
    Thai kept but is unsure of is read by ``english``, whose reading stays
    only if it is Latin
    script (a web address after a Thai word, which the Thai model spelled
    as Thai-looking garbage).  The surer of the two readings stays; a
    Thai reading is as sure as its least sure piece.
    """
    kept = []
    for word in words:
        whole = joined(word)
        if is_latin(whole.text):
            if (len(_LATIN.findall(whole.text)) <= _FEW_LETTERS
                    and (reading := _read_box(thai, whole))):
                word = (reading,) if reading.confidence > whole.confidence else word
        elif (weakest := min(piece.confidence for piece in word)) < _UNSURE_THAI:
            reading = _read_box(english, whole)
            if (reading and is_latin(reading.text) and len(reading.text) >= _SHORT_LATIN
                    and reading.confidence >= _UNSURE_THAI and reading.confidence > weakest):
                word = (reading,)
        kept.append(word)
    return tuple(kept)


def _read_box(api, word: Word) -> Word | None:
    """``api``'s reading of one word's box, as a single word."""
    api.SetRectangle(word.left, word.top, word.width, word.height)
    api.Recognize()
    text = "".join(api.GetUTF8Text().split())
    if not text:
        return None
    return Word(text, word.left, word.top, word.width, word.height, api.MeanTextConf())


def _joined_addresses(words: tuple[tuple[Word, ...], ...]) -> tuple[tuple[Word, ...], ...]:
    """Latin terms Tesseract broke at a joint made one word again.

    Spaces come out around the dots, slashes and @ of web and e-mail
    addresses ("https://www. moi. go.th", "saraban @moi.go.th") and after
    the hyphen of a term broken by the layout ("E- inspection").  Two Latin
    words meet at a joint when the first ends with one or the second starts
    with one; they are joined if the joint is a hyphen or either is part of
    an address.  A scheme whose slashes were misread gets them back.
    """
    kept: list[tuple[Word, ...]] = []
    for word in words:
        text = "".join(piece.text for piece in word)
        if kept and is_latin(text):
            before = "".join(piece.text for piece in kept[-1])
            joint = before[-1:] if before.endswith(_JOINTS) else text[:1]
            if (is_latin(before) and joint in _JOINTS
                    and (joint == "-" or _ADDRESS.search(before) or _ADDRESS.search(text))):
                kept[-1] = kept[-1] + word
                continue
        kept.append(word)
    return tuple(_with_scheme(word) for word in kept)


def _with_scheme(word: tuple[Word, ...]) -> tuple[Word, ...]:
    """A web address whose "://" was misread ("https:/Awww.", "https:Iwww.") as one
    word spelled with it."""
    whole = joined(word)
    fixed = _MISREAD_SCHEME.sub(r"\1://", whole.text)
    return word if fixed == whole.text else (joined(word, fixed),)


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
