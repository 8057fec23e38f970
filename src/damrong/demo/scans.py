"""Typed petition letters rendered as scanned A4 pages.

The demo database and the OCR/upload tests need images that look like what
a clerk's flatbed scanner produces: a typed Thai letter at 300 dpi, a little
skewed, soft, noisy and unevenly lit.  Text is laid out like a word
processor would (16 pt, 3 cm/2 cm margins, 1.25 cm tab stops) and shaped by
RAQM, without which Thai tone marks and vowels land in the wrong place.
"""
import random
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

# What the demo, the tests and the benchmark use of print and scan, through this module.
from damrong.printed import (DPI, FONT_PX, PAGE_SIZE, degrade, find_thai_font,  # noqa: F401
                             line_height, load_font, render_line, thai_fonts)
from damrong.thai.digits import to_thai_digits

PARAGRAPH_TABS = 2  # a paragraph's first line is indented 2.5 cm

FORMATS = ("jpeg", "png", "tiff", "pdf")

_FILL = 0.85  # a paragraph line broken at a space must be at least this full
# Vowels written after the consonant they belong to: a line must not start
# with one.  Combining marks (category Mn) are handled the same way.
_FOLLOWING_VOWELS = frozenset("ะาำๅๆ")
# Vowels written before their consonant: a line must not end with one.
_LEADING_VOWELS = frozenset("เแโใไ")


def _px(cm: float) -> int:
    return round(cm * DPI / 2.54)


_MARGIN_LEFT, _MARGIN_RIGHT = _px(3), _px(2)
_MARGIN_TOP, _MARGIN_BOTTOM = _px(2.5), _px(2)
_TAB = _px(1.25)
_TEXT_WIDTH = PAGE_SIZE[0] - _MARGIN_LEFT - _MARGIN_RIGHT

_Line = tuple[int, str]  # (indent in pixels, text); "" is an empty line


def render_page(text: str, font_path: str, rng: random.Random,
                spacing: float | None = None) -> Image.Image:
    """One clean grayscale page; raises ValueError if ``text`` needs more,
    so that a caller never silently loses the end of a letter.

    ``spacing`` sets the distance between baselines in multiples of the
    font size (1.0-1.2 is how WeasyPrint and office suites set "single"
    spacing, with one line's tone marks close to the descenders above);
    by default lines are the font's ascent plus descent apart (1.6-2.0).
    """
    font = load_font(font_path)
    leading = round(spacing * font.size) if spacing else line_height(font)
    pages = _paginate(_layout(text, font), leading)
    if len(pages) > 1:
        raise ValueError(f"text needs {len(pages)} pages: use render_pages")
    return _draw_page(pages[0], font, leading, rng, number=1)


def render_pages(text: str, font_path: str, rng: random.Random) -> list[Image.Image]:
    """Clean grayscale pages for ``text``, as many as it takes.

    Layout follows the text: "\\n" ends a line, leading tabs indent it by
    1.25 cm each.  A wrapped paragraph (up to two tabs) continues at the left
    margin; a line indented further is a block (the address, the signature)
    and keeps its indent.  Pages after the first carry "- n -" at the top.
    """
    font = load_font(font_path)
    leading = line_height(font)
    pages = _paginate(_layout(text, font), leading)
    return [_draw_page(lines, font, leading, rng, number)
            for number, lines in enumerate(pages, 1)]


def save_scan(pages: Sequence[Image.Image], path: str | Path, fmt: str) -> list[Path]:
    """Write pages as a scanner would and return the files written.

    tiff and pdf hold all pages in one file (TIFF binarized and Group 4
    compressed, the usual archival format for documents; PDF image-only at
    300 dpi).  jpeg and png hold one page per file: several pages become
    name-1.jpg, name-2.jpg, … next to ``path``.
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ValueError(f"unknown scan format {fmt!r}; expected one of {FORMATS}")
    if not pages:
        raise ValueError("no pages to save")
    path = Path(path)
    gray = [page.convert("L") for page in pages]
    if fmt == "tiff":
        bilevel = [_binarize(page) for page in gray]
        bilevel[0].save(path, "TIFF", compression="group4", dpi=(DPI, DPI),
                        save_all=True, append_images=bilevel[1:])
        return [path]
    if fmt == "pdf":
        gray[0].save(path, "PDF", resolution=DPI, save_all=True, append_images=gray[1:])
        return [path]
    return _save_per_page(gray, path, fmt)


def _layout(text: str, font: ImageFont.FreeTypeFont) -> list[_Line]:
    """Text lines to wrapped, indented page lines (rules in render_pages)."""
    lines: list[_Line] = []
    for raw in text.split("\n"):
        body = raw.lstrip("\t")
        if not body.strip():
            lines.append((0, ""))
            continue
        tabs = len(raw) - len(body)
        indent = tabs * _TAB
        block = tabs > PARAGRAPH_TABS
        hang = indent if block else 0
        fill = 0 if block else _FILL
        first, *rest = _wrap(body, font, _TEXT_WIDTH - indent, _TEXT_WIDTH - hang, fill)
        lines.append((indent, first))
        lines.extend((hang, line) for line in rest)
    return lines


def _wrap(text: str, font: ImageFont.FreeTypeFont, first_width: int, width: int, fill: float) -> list[str]:
    """Greedy line filling.  Thai puts no spaces between words, so waiting
    for a space would leave ragged half-empty lines in a paragraph: a line
    breaks at its last space if that keeps it at least ``fill`` full,
    otherwise at the last cluster boundary that fits.  Blocks (an address)
    pass 0 to break at spaces whenever there is one."""
    atoms, lines, room = _atoms(text), [], first_width
    while atoms:
        end = _break_point(atoms, _fitting(atoms, font, room), font, room * fill)
        lines.append("".join(atoms[:end]).rstrip(" "))
        atoms = atoms[end:]
        while atoms and atoms[0] == " ":
            atoms = atoms[1:]
        room = width
    return lines or [""]


def _fitting(atoms: list[str], font: ImageFont.FreeTypeFont, room: int) -> int:
    """How many leading atoms fit ``room`` (at least one, so that wrapping
    always makes progress even past an over-long number)."""
    low, high = 1, len(atoms)
    while low < high:
        middle = (low + high + 1) // 2
        if _width(font, "".join(atoms[:middle])) <= room:
            low = middle
        else:
            high = middle - 1
    return low


def _break_point(atoms: list[str], fitting: int, font: ImageFont.FreeTypeFont, minimum: float) -> int:
    """Where the line ends: after all fitting atoms when the next one is a
    space, else at the last space if the line is still ``minimum`` wide,
    else mid-run after the last fitting cluster."""
    if fitting == len(atoms) or atoms[fitting] == " ":
        return fitting
    spaces = [i for i in range(1, fitting) if atoms[i] == " "]
    if spaces and _width(font, "".join(atoms[:spaces[-1]])) >= minimum:
        return spaces[-1]
    return fitting


def _atoms(text: str) -> list[str]:
    """Split text into the units a line may break between: single spaces,
    Thai character clusters, and runs of anything else (digits, Latin,
    punctuation), which must stay whole so that a number is never cut.

    A cluster never separates a consonant from its combining vowels and
    tone marks or from a following vowel, nor a leading vowel from the
    consonant after it.
    """
    atoms: list[str] = []
    for char in text:
        previous = atoms[-1] if atoms and atoms[-1] != " " else ""
        if char != " " and previous and _joins(previous, char):
            atoms[-1] += char
        else:
            atoms.append(char)
    return atoms


def _joins(previous: str, char: str) -> bool:
    if not _is_thai_letter(char):
        return not _is_thai_letter(previous[-1])
    return (
        unicodedata.category(char) == "Mn"
        or char in _FOLLOWING_VOWELS
        or previous[-1] in _LEADING_VOWELS
    )


def _is_thai_letter(char: str) -> bool:
    """Thai consonants, vowels and marks; Thai digits count as digits."""
    return "\u0e01" <= char <= "\u0e4f"


def _width(font: ImageFont.FreeTypeFont, text: str) -> float:
    """How far ``text`` reaches from the tab stop it starts at."""
    offset, last = list(_tab_segments(font, text))[-1]
    return offset + font.getlength(last, language="th")


def _tab_segments(font: ImageFont.FreeTypeFont, text: str):
    """``(offset, segment)`` of the pieces of ``text`` between tabs: as in a word processor, a
    tab inside a line moves on to the next 1.25 cm stop (the letter number at the left and
    the office at the right of one line) instead of printing a missing-glyph box."""
    offset = 0.0
    for index, segment in enumerate(text.split("\t")):
        if index:
            offset = (offset // _TAB + 1) * _TAB
        yield offset, segment
        offset += font.getlength(segment, language="th")


def _paginate(lines: list[_Line], leading: int) -> list[list[_Line]]:
    """Cut lines into pages, moving a page break up to the nearest line
    where one is allowed (see ``_may_break_before``)."""
    per_page = (PAGE_SIZE[1] - _MARGIN_TOP - _MARGIN_BOTTOM) // leading
    pages, start = [], 0
    while start < len(lines):
        end = min(start + per_page, len(lines))
        if end < len(lines):
            end = next((i for i in range(end, start, -1) if _may_break_before(lines[i])), end)
        pages.append(lines[start:end])
        start = end
    return pages or [[]]


def _may_break_before(line: _Line) -> bool:
    """Empty lines and blocks stay with the line above them, so the sign-off
    and signature travel to the last page together with the letter's final
    line of text instead of being stranded alone."""
    indent, text = line
    return bool(text) and indent <= PARAGRAPH_TABS * _TAB


def _draw_page(lines: list[_Line], font: ImageFont.FreeTypeFont, leading: int,
               rng: random.Random, number: int) -> Image.Image:
    """Print ``lines`` on a blank sheet.  The printer's toner is never quite
    black and its paper feed is off by a millimetre or two, so both vary."""
    page = Image.new("L", PAGE_SIZE, 255)
    draw = ImageDraw.Draw(page)
    ink = rng.randint(0, 45)
    left = _MARGIN_LEFT + rng.randint(-20, 20)
    baseline = _MARGIN_TOP + rng.randint(-20, 20) + font.getmetrics()[0]
    if number > 1:
        draw.text((PAGE_SIZE[0] // 2, _MARGIN_TOP // 2), to_thai_digits(f"- {number} -"),
                  font=font, fill=ink, anchor="ms", language="th")
    for row, (indent, text) in enumerate(lines):
        for offset, segment in _tab_segments(font, text):
            if segment:
                draw.text((left + indent + offset, baseline + row * leading), segment,
                          font=font, fill=ink, anchor="ls", language="th")
    return page


def _binarize(page: Image.Image) -> Image.Image:
    """Fixed-threshold black and white: dithering (Pillow's default for mode
    "1") would turn the grey paper into dots that Group 4 compresses badly."""
    return page.point([0] * 160 + [255] * 96, "1")


def _save_per_page(pages: list[Image.Image], path: Path, fmt: str) -> list[Path]:
    if len(pages) == 1:
        paths = [path]
    else:
        paths = [path.with_name(f"{path.stem}-{n}{path.suffix}") for n in range(1, len(pages) + 1)]
    options = {"quality": 85} if fmt == "jpeg" else {}
    for page, target in zip(pages, paths):
        page.save(target, fmt.upper(), dpi=(DPI, DPI), **options)
    return paths
