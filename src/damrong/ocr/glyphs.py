"""Cutting a word image into glyphs and describing each glyph as numbers.

The digit model is trained on glyphs cut from rendered strips and applied
to glyphs cut from Tesseract's word boxes; both go through these same two
functions, so what the model learns is exactly what it will later see.
"""
import cv2
import numpy as np

BITMAP = 16  # glyphs are scaled to 16×16 bitmaps (aspect kept, centred)...
# ...and described by the directions of their strokes in each 4×4 cell (a histogram of oriented
# gradients, each cell normalized on its own): a bold or thin stroke, or another design of the
# same digit, moves a few pixels but keeps its directions.  Trained on the digit model's designs
# and tested on eleven designs and weights it never saw (digit_model's strips, another seed),
# Thai digits were read right 89.8 % of the time from the bitmaps, 94.5 % from this.
# (scikit-image's ``hog`` computes the same, but at 0.6 ms a glyph, a third of a second a page.)
_CELL = 4
_DIRECTIONS = 9
_LARGEST_BIN = 0.2
SHAPE_LENGTH = (BITMAP // _CELL) ** 2 * _DIRECTIONS
# Parts of one glyph lie above each other (the two dots of a colon, a
# stroke broken by a faint print, a mark above its letter): they overlap
# horizontally but hardly vertically.  A slash leans over its neighbours,
# which it overlaps both ways.
_SAME_GLYPH_OVERLAP = 0.5
_STACKED_OVERLAP = 0.3
_MIN_AREA = 10  # pixels at 300 dpi: smaller blobs are dust, not a full stop
# A speck of dust stacked with a glyph, well apart from it, would make it
# look taller (a ๒ with a speck below looks like a ๔ beside it, and the ๕
# next to it is then read as ๔): under this share of the glyph's ink and
# further than ``_SPECK_GAP`` of its height away, it is left out.  Tuning
# pages: digits 99.09 → 99.46 % and CER 2.11 → 2.04 %.
_SPECK_AREA = 0.15
_SPECK_GAP = 0.25
# No single digit is this much wider than high (Garuda's ๑ is 1.3): wider
# blobs are neighbours that touch, such as Laksaman's ๕ whose curl reaches ๖.
_WIDEST_GLYPH = 1.5
_SHORTEST_PAIR = 15  # pixels: flatter blobs are dashes and rules, never two digits
# A slash that touches the digit after it (๒๕๖๘/๒ in a blurred scan) makes
# a blob of ordinary height but half as wide again as the glyphs around it.
_WIDER_THAN_USUAL = 1.45
# A thin-stroked ๐ or ๖ (Norasi) that a scan broke falls apart into a "("
# and a ")" side by side, almost touching: two slim halves whose union is
# no wider than a round glyph are one glyph.
_BROKEN_GAP = 6  # pixels
_SLIM_HALF = 0.6  # width / height of each half
_ROUND_GLYPH = 1.2  # width / height of the union


def glyph_boxes(ink: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes (left, top, right, bottom) of the glyphs in ``ink`` (non-zero =
    ink), left to right.  Connected components that overlap horizontally
    are one glyph."""
    # Closing first rejoins strokes a hard scanner threshold broke (a thin
    # Norasi ๒ becomes two blobs in a Group 4 TIFF otherwise).
    joined = cv2.morphologyEx(ink.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    parts = sorted(
        (int(x), int(y), int(x + w), int(y + h), int(area))
        for x, y, w, h, area in stats[1:count] if area >= _MIN_AREA
    )
    glyphs: list[list[int]] = []  # left, top, right, bottom, ink area
    for left, top, right, bottom, area in parts:
        if glyphs:
            last = glyphs[-1]
            across = min(right, last[2]) - max(left, last[0])
            down = min(bottom, last[3]) - max(top, last[1])
            stacked = (across >= _SAME_GLYPH_OVERLAP * min(right - left, last[2] - last[0])
                       and down <= _STACKED_OVERLAP * min(bottom - top, last[3] - last[1]))
            if stacked and _speck(area, last[4], -down, last[3] - last[1]):
                continue
            if stacked and _speck(last[4], area, -down, bottom - top):
                last[:] = [left, top, right, bottom, area]
                continue
            if stacked or _broken_halves(last, (left, top, right, bottom)):
                last[:] = [min(left, last[0]), min(top, last[1]), max(right, last[2]),
                           max(bottom, last[3]), last[4] + area]
                continue
        glyphs.append([left, top, right, bottom, area])
    glyphs = [glyph[:4] for glyph in glyphs]
    widths = [right - left for left, top, right, bottom in glyphs if bottom - top >= _SHORTEST_PAIR]
    widest = _WIDER_THAN_USUAL * float(np.median(widths)) if widths else float("inf")
    return [part for glyph in glyphs for part in _split_touching(ink, tuple(glyph), widest)]


def _speck(area: int, glyph_area: int, gap: int, glyph_height: int) -> bool:
    """Is a blob of ``area`` stacked ``gap`` pixels from a glyph a speck of dust?"""
    return area < _SPECK_AREA * glyph_area and gap > _SPECK_GAP * glyph_height


def _broken_halves(first, second) -> bool:
    """Are these side-by-side parts the two halves of one broken round glyph?"""
    top, bottom = min(first[1], second[1]), max(first[3], second[3])
    height = bottom - top
    down = min(first[3], second[3]) - max(first[1], second[1])
    return (0 <= second[0] - first[2] <= _BROKEN_GAP
            and down >= 0.7 * min(first[3] - first[1], second[3] - second[1])
            and max(first[2] - first[0], second[2] - second[0]) < _SLIM_HALF * height
            and max(first[2], second[2]) - first[0] <= _ROUND_GLYPH * height)


def _split_touching(ink: np.ndarray, box: tuple[int, int, int, int],
                    widest: float) -> list[tuple[int, int, int, int]]:
    """Cut an over-wide blob (wider than one glyph's shape, or than
    ``widest`` pixels) at its thinnest column in the middle half, until every
    piece is narrow enough; each piece is boxed tight."""
    left, top, right, bottom = box
    if ((right - left <= _WIDEST_GLYPH * (bottom - top) and right - left <= widest)
            or bottom - top < _SHORTEST_PAIR):
        return [box]
    columns = ink[top:bottom, left:right].sum(axis=0)
    quarter = (right - left) // 4
    cut = left + quarter + int(np.argmin(columns[quarter:len(columns) - quarter]))
    return [piece for part in ((left, cut), (cut, right)) if (tight := _tight(ink, part, top, bottom))
            for piece in _split_touching(ink, tight, widest)]


def _tight(ink: np.ndarray, columns: tuple[int, int], top: int, bottom: int):
    rows = np.nonzero(ink[top:bottom, columns[0]:columns[1]].any(axis=1))[0]
    if len(rows) == 0:
        return None
    return columns[0], top + int(rows[0]), columns[1], top + int(rows[-1]) + 1


def features(ink: np.ndarray, boxes: list[tuple[int, int, int, int]]) -> np.ndarray:
    """One row per glyph: its strokes, then its shape and its size and height
    relative to the whole word, which is what tells a full stop from a
    zero and a Thai ๐ from an Arabic 0 once bitmaps are scaled alike."""
    if not boxes:
        return np.zeros((0, SHAPE_LENGTH + 4), np.float32)
    word_top = min(box[1] for box in boxes)
    word_height = max(max(box[3] for box in boxes) - word_top, 1)
    bitmaps = np.stack([_bitmap(ink[top:bottom, left:right]) for left, top, right, bottom in boxes])
    shapes = [[(right - left) / (bottom - top), (bottom - top) / word_height,
               (right - left) / word_height, ((top + bottom) / 2 - word_top) / word_height]
              for left, top, right, bottom in boxes]
    return np.hstack([_strokes(bitmaps), np.asarray(shapes, np.float32)]).astype(np.float32)


def _bitmap(glyph: np.ndarray) -> np.ndarray:
    height, width = glyph.shape
    side = max(height, width)
    square = np.zeros((side, side), np.float32)
    top, left = (side - height) // 2, (side - width) // 2
    square[top:top + height, left:left + width] = glyph > 0
    return cv2.resize(square, (BITMAP, BITMAP), interpolation=cv2.INTER_AREA)


def _strokes(bitmaps: np.ndarray) -> np.ndarray:
    """Per bitmap, a histogram of its gradients' directions (0-180°) in each cell, weighted by
    their strength, each cell scaled to unit length with its bins clipped at ``_LARGEST_BIN`` (so
    one heavy stroke does not outweigh the rest), then scaled again."""
    down, across = np.zeros_like(bitmaps), np.zeros_like(bitmaps)
    down[:, 1:-1, :] = bitmaps[:, 2:, :] - bitmaps[:, :-2, :]
    across[:, :, 1:-1] = bitmaps[:, :, 2:] - bitmaps[:, :, :-2]
    strength = np.hypot(down, across)
    direction = np.minimum((np.degrees(np.arctan2(down, across)) % 180 * _DIRECTIONS / 180)
                           .astype(np.int64), _DIRECTIONS - 1)
    count, cells = len(bitmaps), BITMAP // _CELL
    row, column = np.indices((BITMAP, BITMAP)) // _CELL
    bins = ((np.arange(count)[:, None, None] * cells + row) * cells + column) * _DIRECTIONS
    histograms = np.bincount((bins + direction).ravel(), strength.ravel(),
                             count * cells * cells * _DIRECTIONS).reshape(-1, _DIRECTIONS)
    return _unit(np.minimum(_unit(histograms), _LARGEST_BIN)).reshape(count, -1)


def _unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.sqrt((rows ** 2).sum(axis=1, keepdims=True) + 1e-6)
