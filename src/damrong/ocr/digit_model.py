"""The Thai-digit glyph model: built from rendered glyphs, stored in a cache, read by kNN.

Tesseract's stock ``tha`` model practically never writes ๔ ๖ ๗ ๘ ๙ (they
are missing from its training text): ๔ and ๘ come out as ๕, ๖ as ๒ or ๐,
๗ as ๓ or ฒ, ๙ as ๕ or ๓, and runs of digits lose characters.  Dates,
receipt and letter numbers are what clerks search for, so numbers are read
again, glyph by glyph, with this model.

The model is a set of labelled glyphs (features from ``glyphs.features``)
rendered from every installed TLWG design at several sizes and put through
the same scan degradation as demo pages (``damrong.printed.degrade``), then
binarized exactly as OCR binarizes a page.  Texts are random numbers from
a fixed seed that nothing else uses, so the model is rebuilt bit for bit
and never sees a benchmark page.  Nearest neighbours need no training
loop, and with about 3,000 glyphs per font they recognize printed
digits well (twice as many number strips as at first cut the digit
errors on the tuning pages by a seventh; four times as many, a little
more, at twice the reading time); the file is ~3 MB and never committed:
``make ocr-model`` (or the first OCR call) builds it in about 25 seconds.
"""
import contextlib
import fcntl
import functools
import os
import random
from pathlib import Path

import numpy as np
from threadpoolctl import ThreadpoolController

from damrong import printed
from damrong.ocr import glyphs
from damrong.ocr.prepare import binarize
from damrong.thai.digits import to_thai_digits

VERSION = 14  # bump whenever the features or the training set change
OTHER = "x"  # a glyph that is no digit nor number punctuation (a Thai letter, a mark)
PUNCTUATION = "/.,-:()"
LABELS = tuple("0123456789๐๑๒๓๔๕๖๗๘๙" + PUNCTUATION) + (OTHER,)
THAI_NUMBER = "๐๑๒๓๔๕๖๗๘๙" + PUNCTUATION  # what a number written in Thai digits is made of
_THAI_NUMBER_LABELS = [LABELS.index(char) for char in THAI_NUMBER]
NEIGHBOURS = 5
SIZES = (50, 58, 67, 76, 84)  # 12 to 19 pt at 300 dpi
NUMBER_STRIPS = 80  # per font and size
LETTER_STRIPS = 20
# Thai letters carry English terms, web and e-mail addresses: the model must
# know Latin letters as letters, or a word Tesseract doubted reads as digits.
LATIN_STRIPS = 8
_SEED = 20250625
_EXTRA_WEIGHT = 3.0  # shape and size features count as much as a good part of the bitmap
# The model is read with one BLAS thread: its products are small, and
# OpenBLAS's thread pool made each call four times slower on a busy
# two-core machine, where workers get their parallelism from processes.
_BLAS = ThreadpoolController()
_CONSONANTS = "กขคฆงจฉชซญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"
_VOWELS = "ะาิีึืุูเแโไำ่้๊๋็์"
# Signs that stand alone between spaces as a lone digit does (ต่าง ๆ, กรุงเทพฯ): ๆ is shaped
# much like ๗, so the model must have seen it as a letter.
_STANDALONE = "ๆฯ"
# Latin letters but those drawn like a digit or number punctuation in some
# font (O o Q D for 0, I l i j for 1, S s for 5, Z z for 2, B for 8, b g q
# for 6 and 9, G for 6): those stay Tesseract's to tell.
_LATIN_LETTERS = "acdefhkmnprtuvwxyACEFHJKLMNPRTUVWXY"


def model_path() -> Path:
    """``$DAMRONG_OCR_MODEL`` if set, else the user's cache directory."""
    if os.environ.get("DAMRONG_OCR_MODEL"):
        return Path(os.environ["DAMRONG_OCR_MODEL"])
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "damrong" / "ocr" / f"thai-digits-v{VERSION}.npz"


class DigitModel:
    """k-nearest-neighbour reader of digit glyphs."""

    def __init__(self, samples: np.ndarray, labels: np.ndarray):
        self.samples = _weighted(samples)
        self.norms = (self.samples ** 2).sum(axis=1)
        self.labels = labels
        self._numbers = np.flatnonzero(labels != LABELS.index(OTHER))
        self._thai_numbers = np.flatnonzero(np.isin(labels, _THAI_NUMBER_LABELS))

    def read(self, rows: np.ndarray) -> list[tuple[str, float, str, str]]:
        """Per feature row: its label, the share of the nearest neighbours
        that agree, the digit or number punctuation it is most like, and the
        Thai digit or number punctuation it is most like (each the label
        itself where the label already is one).

        The last two answer "which digit could this damaged glyph be" and
        "which Thai digit, in a Thai number" from the same distances, which
        is where reading costs: one pass over all samples per call.
        """
        if len(rows) == 0:
            return []
        with _BLAS.limit(limits=1, user_api="blas"):
            distances = self.norms[None, :] - 2 * _weighted(rows) @ self.samples.T
        labels, shares = _votes(self.labels[np.argpartition(distances, NEIGHBOURS, axis=1)
                                            [:, :NEIGHBOURS]])
        digits, thai = labels.copy(), labels.copy()
        letters = np.flatnonzero(labels == LABELS.index(OTHER))
        not_thai = np.flatnonzero(~np.isin(labels, _THAI_NUMBER_LABELS))
        for like, which, among in ((digits, letters, self._numbers),
                                   (thai, not_thai, self._thai_numbers)):
            if len(which):
                nearest = np.argpartition(distances[np.ix_(which, among)], NEIGHBOURS,
                                          axis=1)[:, :NEIGHBOURS]
                like[which] = _votes(self.labels[among[nearest]])[0]
        return [(LABELS[label], float(share), LABELS[digit], LABELS[thai_digit])
                for label, share, digit, thai_digit in zip(labels, shares, digits, thai)]

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + f".{os.getpid()}.tmp")
        with open(partial, "wb") as out:
            np.savez_compressed(out, samples=_unweighted(self.samples).astype(np.float16),
                                labels=self.labels)
        os.replace(partial, path)  # other processes see the old file or the whole new one

    @classmethod
    def load(cls, path: Path) -> "DigitModel":
        with np.load(path) as stored:
            return cls(stored["samples"].astype(np.float32), stored["labels"])


@functools.lru_cache(maxsize=1)
def digit_model() -> DigitModel:
    """The model of this process, built and stored first if missing.

    A lock file keeps parallel workers starting together from all building
    it; the second one waits and then loads what the first one stored.
    """
    path = model_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(path.with_name(path.name + ".lock")):
            if not path.exists():
                build().save(path)
    return DigitModel.load(path)


def build(fonts: dict[str, str] | None = None) -> DigitModel:
    """Render, degrade, cut and label the training glyphs (deterministic)."""
    rng = random.Random(_SEED)
    rows, labels = [], []
    font_paths = sorted((fonts or printed.thai_fonts()).values())
    for font in font_paths:
        for size in SIZES:
            for _ in range(NUMBER_STRIPS):
                number = _random_number(rng)
                found = _strip_glyphs(number, font, size, rng)
                if len(found) == len(_expected_glyphs(number)):
                    rows.append(found)
                    labels.extend(LABELS.index(char) for char in _expected_glyphs(number))
            for _ in range(LETTER_STRIPS):
                found = _strip_glyphs(_random_letters(rng), font, size, rng)
                rows.append(found)
                labels.extend([LABELS.index(OTHER)] * len(found))
    # Drawn from a stream of their own, so the glyphs above stay those of the earlier models.
    standalone = random.Random(_SEED + 1)
    for font in font_paths:
        for size in SIZES:
            found = _strip_glyphs(" ".join(standalone.choice(_STANDALONE) for _ in range(6)),
                                  font, size, standalone)
            rows.append(found)
            labels.extend([LABELS.index(OTHER)] * len(found))
    # Latin letters (English terms in Thai letters) are no digits either; a stream of their own.
    latin = random.Random(_SEED + 2)
    for font in font_paths:
        for size in SIZES:
            for _ in range(LATIN_STRIPS):
                found = _strip_glyphs(_random_latin(latin), font, size, latin)
                rows.append(found)
                labels.extend([LABELS.index(OTHER)] * len(found))
    if not rows:
        raise RuntimeError("no Thai font to train the digit model: see damrong.printed.thai_fonts")
    return DigitModel(np.concatenate(rows), np.asarray(labels, np.uint8))


def _strip_glyphs(text: str, font: str, size: int, rng: random.Random) -> np.ndarray:
    strip = printed.degrade(printed.render_line(text, font, rng, size), rng)
    ink = binarize(np.asarray(strip)) == 0
    margin = size // 4  # the text starts size // 2 in: the edges hold only a scanner's shadow
    ink[:margin], ink[-margin:], ink[:, :margin], ink[:, -margin:] = False, False, False, False
    return glyphs.features(ink, glyphs.glyph_boxes(ink))


def _expected_glyphs(number: str) -> str:
    return number.replace(" ", "")


def _random_number(rng: random.Random) -> str:
    """A number as documents write them, in Thai digits three times in four."""
    digits = lambda n: "".join(rng.choice("0123456789") for _ in range(n))  # noqa: E731
    form = rng.choice((
        lambda: digits(rng.randint(1, 8)),
        lambda: f"{digits(4)}/{digits(rng.randint(1, 5))}",
        lambda: f"{digits(4)}.{digits(1)}/{digits(4)}",
        lambda: f"{rng.randint(1, 31)}/{rng.randint(1, 12)}/{digits(4)}",
        lambda: f"{rng.randint(1, 999)},{digits(3)}.{digits(2)}",
        lambda: f"{rng.randint(1, 99)},{digits(3)},{digits(3)}",
        lambda: f"{digits(2)}.{digits(2)}",
        lambda: f"{digits(2)}:{digits(2)}",
        lambda: f"0{digits(2)}-{digits(3)}-{digits(4)}",
        lambda: f"({digits(rng.randint(1, 2))})",
        lambda: f"{digits(rng.randint(1, 3))}.",
    ))()
    return to_thai_digits(form) if rng.random() < 0.75 else form


def _random_letters(rng: random.Random) -> str:
    """Nonsense Thai syllables: every consonant and the common vowels and
    marks, so the model learns what is *not* a digit."""
    return "".join(rng.choice(_CONSONANTS) + (rng.choice(_VOWELS) if rng.random() < 0.4 else "")
                   for _ in range(rng.randint(4, 9)))


def _random_latin(rng: random.Random) -> str:
    """Latin words of letters no digit is drawn like (no O, l, I, S, Z, B, g...)."""
    return " ".join("".join(rng.choice(_LATIN_LETTERS) for _ in range(rng.randint(2, 7)))
                    for _ in range(rng.randint(1, 3)))


def _votes(neighbours: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The label most of each row's neighbours carry, and their share."""
    votes = np.zeros((len(neighbours), len(LABELS)), np.int32)
    np.add.at(votes, (np.arange(len(neighbours))[:, None], neighbours), 1)
    best = votes.argmax(axis=1)
    return best, votes[np.arange(len(best)), best] / NEIGHBOURS


def _weighted(rows: np.ndarray) -> np.ndarray:
    rows = rows.astype(np.float32, copy=True)
    rows[:, glyphs.SHAPE_LENGTH:] *= _EXTRA_WEIGHT
    return rows


def _unweighted(rows: np.ndarray) -> np.ndarray:
    rows = rows.copy()
    rows[:, glyphs.SHAPE_LENGTH:] /= _EXTRA_WEIGHT
    return rows


@contextlib.contextmanager
def _locked(path: Path):
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
