"""Ruled tables: their rules taken off the page, their cells read one after another.

A register or report table is ruled, and its cells often wrap onto two or
three lines.  Tesseract reads a page line by line across the whole width,
so a row whose cells wrap came out as the first lines of every cell, then
the second lines of every cell: a receipt number's two halves ended up
apart, the name of one cell inside the subject of the next.  And the rules
themselves came out as "|", "!", "(" or a Thai letter glued to a cell's
first word.

So the rules are found (ink that runs straight much further than any
stroke of a letter does); where they enclose cells, they are taken off the
page Tesseract and the digit reader see, and the words read are put back
together cell by cell: a table's rows top to bottom, each row's cells left
to right, each cell's lines in order.  Nothing is read twice; only the
order of what was read changes.  Built and tuned on the tuning set's
tables (``bench/ocr.py``), half of whose cells wrap.
"""
from dataclasses import dataclass

import cv2
import numpy as np

from damrong.ocr.page import Word

# Pixels of the 300 dpi page.  No stroke of a Thai or Latin letter runs straight this far (the
# longest, a ป's or ฟ's stem at 20 pt, is about 70 px high); a rule of the thinnest table does.
_RULE_LENGTH = 100
# Scans break a faint rule into dashes: gaps this short between long ones are bridged.
_RULE_GAP = 9
# A table is rules enclosing at least this many cells; a cell at least this big (a cell too
# small for a letter is where two rules nearly meet).
_FEWEST_CELLS = 4
_SMALLEST_CELL = (24, 30)  # width, height
# Cells of one row start within this share of the row's lowest cell's height of each other.
_SAME_ROW = 0.5


@dataclass(frozen=True)
class Cell:
    """A table cell's inside, rules excluded, in page pixels, and the row of its table it
    stands in (from 0)."""

    left: int
    top: int
    right: int
    bottom: int
    row: int = 0


def without_rules(bilevel: np.ndarray) -> tuple[np.ndarray, list[list[Cell]]]:
    """The page (0 = ink) with its tables' rules taken off, and its tables: each a list of its
    cells in reading order (rows top to bottom, left to right within a row).

    Only rules that enclose cells go: the bases of a bold line's letters can touch into a
    long straight run too, and a page's other long lines (an underline, the scanner's edge)
    were there before this step as well.  Rules are looked for at half the resolution and
    grouped into tables at a quarter, where a page's worth of morphology and labelling costs
    a few milliseconds instead of a tenth of a second.
    """
    ink = (bilevel == 0).astype(np.uint8)
    half = cv2.resize(ink * 255, (ink.shape[1] // 2, ink.shape[0] // 2),
                      interpolation=cv2.INTER_AREA) > 0
    rules = _rules(half.astype(np.uint8))
    if not rules.any():
        return bilevel, []
    count, _, stats, _ = cv2.connectedComponentsWithStats(
        cv2.dilate(rules[::2, ::2], np.ones((3, 3), np.uint8)), connectivity=8)
    unruled, tables = bilevel, []
    for x, y, width, height in (4 * stats[label, :4] for label in range(1, count)):
        if width < _RULE_LENGTH or height < _RULE_LENGTH:
            continue  # a lone underline or margin rule encloses nothing
        window = (slice(y, y + height + 4), slice(x, x + width + 4))
        found = _full_size(rules[y // 2:, x // 2:], ink[window])
        cells = _cells((cv2.dilate(found, np.ones((5, 5), np.uint8)) == 0).astype(np.uint8),
                       int(x), int(y))
        if len(cells) >= _FEWEST_CELLS:
            tables.append(_reading_order(cells))
            unruled = bilevel.copy() if unruled is bilevel else unruled
            unruled[window][found > 0] = 255
    return unruled, tables


def _full_size(rules: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """The ink under ``rules`` (the half-size page from a window's corner on) in ``ink`` (that
    window of the page): a rule's blurred edges are a pixel or two wider than the half-size
    page shows."""
    height, width = ink.shape
    found = np.zeros_like(ink)
    doubled = rules[:(height + 1) // 2, :(width + 1) // 2].repeat(2, axis=0).repeat(2, axis=1)
    found[:doubled.shape[0], :doubled.shape[1]] = doubled[:height, :width]
    return cv2.dilate(found, np.ones((3, 3), np.uint8)) & ink


def _rules(ink: np.ndarray) -> np.ndarray:
    """Ink of a half-size page that runs straight across or down for at least
    ``_RULE_LENGTH`` page pixels (1 = rule).

    A rule still skewed by a fraction of a degree steps a pixel sideways now and then, so
    its ink is widened across its run before the run is measured.  Only unbroken runs count:
    bridging gaps first would join the flat tops of a word's Thai letters into a rule.  A
    rule a scan broke into long dashes is joined again afterwards.
    """
    found = np.zeros_like(ink)
    length, gap = _RULE_LENGTH // 2, _RULE_GAP // 2
    for across, long, bridge in (((3, 1), (1, length), (1, gap)),
                                 ((1, 3), (length, 1), (gap, 1))):
        widened = cv2.dilate(ink, np.ones(across, np.uint8))
        straight = cv2.morphologyEx(widened, cv2.MORPH_OPEN, np.ones(long, np.uint8))
        found |= cv2.morphologyEx(straight, cv2.MORPH_CLOSE, np.ones(bridge, np.uint8)) & ink
    return found


def _cells(inside: np.ndarray, x: int, y: int) -> list[Cell]:
    """Regions of ``inside`` (1 = not rule) enclosed on every side, in page pixels."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(inside, connectivity=4)
    height, width = inside.shape
    cells = []
    for left, top, w, h, _ in stats[1:count]:
        touches_edge = left == 0 or top == 0 or left + w == width or top + h == height
        if not touches_edge and w >= _SMALLEST_CELL[0] and h >= _SMALLEST_CELL[1]:
            cells.append(Cell(int(x + left), int(y + top), int(x + left + w), int(y + top + h)))
    return cells


def _reading_order(cells: list[Cell]) -> list[Cell]:
    rows: list[list[Cell]] = []
    for cell in sorted(cells, key=lambda cell: cell.top):
        if rows and cell.top - rows[-1][0].top < _SAME_ROW * min(c.bottom - c.top
                                                                 for c in rows[-1]):
            rows[-1].append(cell)
        else:
            rows.append([cell])
    return [Cell(cell.left, cell.top, cell.right, cell.bottom, number)
            for number, row in enumerate(rows) for cell in sorted(row, key=lambda cell: cell.left)]


def in_reading_order(lines: list[tuple[int, list[Word]]],
                     tables: list[list[Cell]]) -> list[tuple[int, list[Word]]]:
    """The page's lines, (block number, words) in reading order, with the words read inside
    a table's cells put together cell by cell.

    A cell's words become lines of their own (one per line of the cell), standing where the
    table's first line stood, and every row is a block of its own.  Lines are put together
    after the digit reader has read them whole: a short line of one cell has too few glyphs
    to tell the usual width of a glyph by, and a slash touching a digit went unseen.
    """
    cells = [cell for table in tables for cell in table]
    if not cells:
        return lines
    table_of = {cell: number for number, table in enumerate(tables) for cell in table}
    held: dict[Cell, list[list[Word]]] = {cell: [] for cell in cells}
    placed: list[tuple[int, list[Word]] | int] = []  # a line, or a table whose cells go there
    for block, words in lines:
        outside = []
        for word in words:
            cell = _cell_of(word, cells)
            if cell is None:
                outside.append(word)
                continue
            cell_lines = held[cell]
            if cell_lines and _same_height(cell_lines[-1], word):
                cell_lines[-1].append(word)
            else:
                cell_lines.append([word])
            if table_of[cell] not in placed:
                placed.append(table_of[cell])
        if outside:
            placed.append((block, outside))
    blocks = max((block for block, _ in lines), default=0)
    ordered = []
    for item in placed:
        if isinstance(item, tuple):
            ordered.append(item)
            continue
        for index, cell in enumerate(tables[item]):
            if index == 0 or cell.row != tables[item][index - 1].row:
                blocks += 1
            ordered.extend((blocks, sorted(words, key=lambda word: word.left))
                           for words in sorted(held[cell], key=lambda words: words[0].top))
    return ordered


def _cell_of(word: Word, cells: list[Cell]) -> Cell | None:
    """The cell that holds most of ``word``'s box, if one holds at least half of it:
    Tesseract's boxes of Thai letters drift by up to a glyph's width, so a word may reach over
    a rule into the next cell, and a title's marks may reach below the table's top rule."""
    best, most = None, 0.5 * word.width * word.height
    for cell in cells:
        across = min(word.left + word.width, cell.right) - max(word.left, cell.left)
        down = min(word.top + word.height, cell.bottom) - max(word.top, cell.top)
        if across > 0 and down > 0 and across * down > most:
            best, most = cell, across * down
    return best


def _same_height(words: list[Word], word: Word) -> bool:
    """Does ``word`` stand on the line of ``words`` (overlapping its height by more than half
    the lower one's)?  A cell's line may come in pieces from two of Tesseract's lines."""
    top = min(other.top for other in words)
    bottom = max(other.top + other.height for other in words)
    overlap = min(bottom, word.top + word.height) - max(top, word.top)
    return overlap > 0.5 * min(bottom - top, word.height)
