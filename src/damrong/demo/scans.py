"""Typed petition letters rendered as scanned A4 pages.

The demo database and the OCR/upload tests need images that look like what
a clerk's flatbed scanner produces: a typed Thai letter at 300 dpi, a little
skewed, soft, noisy and unevenly lit.  Text is laid out like a word
processor would (16 pt, 3 cm/2 cm margins, 1.25 cm tab stops) and shaped by
RAQM, without which Thai tone marks and vowels land in the wrong place.
"""
import functools
import io
import random
import statistics
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from damrong.thai.digits import to_thai_digits

DPI = 300
PAGE_SIZE = (2480, 3508)  # A4 at 300 dpi
FONT_PX = 67  # 16 pt at 300 dpi, the size of Thai official letters
PARAGRAPH_TABS = 2  # a paragraph's first line is indented 2.5 cm

FORMATS = ("jpeg", "png", "tiff", "pdf")

_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts")
_FONT_FAMILIES = ("Laksaman", "Norasi", "Loma", "Garuda")
# The free TLWG designs the Makefile installs: Laksaman (TH Sarabun's
# design), Norasi and Kinnari (serif), Loma, Garuda, Waree, Umpush (sans).
THAI_FAMILIES = ("Laksaman", "Norasi", "Kinnari", "Loma", "Garuda", "Waree", "Umpush")

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


def find_thai_font() -> str:
    """Path of a regular-weight Thai font, Laksaman (the TH Sarabun design
    used for Thai government letters) first, then other TLWG faces."""
    fonts = thai_fonts()
    for family in _FONT_FAMILIES:
        if family in fonts:
            return fonts[family]
    raise RuntimeError(
        "no Thai font found under /usr/share/fonts: install the Debian package "
        "fonts-tlwg-laksaman (or fonts-tlwg-laksaman-ttf)"
    )


def thai_fonts(families: Sequence[str] = THAI_FAMILIES) -> dict[str, str]:
    """{family: path} of the regular weights of ``families`` installed here
    (TrueType or OpenType), for renderers that want several Thai designs."""
    files = sorted(
        path for folder in _FONT_DIRS if folder.is_dir()
        for path in folder.rglob("*") if path.suffix.lower() in (".ttf", ".otf")
    )
    found = {}
    for family in families:
        for path in files:
            if path.stem in (family, f"{family}-Regular"):
                found[family] = str(path)
                break
    return found


def render_page(text: str, font_path: str, rng: random.Random,
                spacing: float | None = None) -> Image.Image:
    """One clean grayscale page; raises ValueError if ``text`` needs more,
    so that a caller never silently loses the end of a letter.

    ``spacing`` sets the distance between baselines in multiples of the
    font size (1.0-1.2 is how WeasyPrint and office suites set "single"
    spacing, with one line's tone marks close to the descenders above);
    by default lines are the font's ascent plus descent apart (1.6-2.0).
    """
    font = _font(font_path)
    leading = round(spacing * font.size) if spacing else _line_height(font)
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
    font = _font(font_path)
    leading = _line_height(font)
    pages = _paginate(_layout(text, font), leading)
    return [_draw_page(lines, font, leading, rng, number)
            for number, lines in enumerate(pages, 1)]


def render_line(text: str, font_path: str, rng: random.Random, size: int = FONT_PX) -> Image.Image:
    """One line of ``text`` on a strip of paper just large enough for it, in
    the same ink as a page.  The OCR digit model learns glyphs from such
    strips (put through ``degrade``), so they must print like real pages."""
    font = _font(font_path, size)
    pad = size // 2
    width = round(_width(font, text)) + 2 * pad
    strip = Image.new("L", (width, _line_height(font) + 2 * pad), 255)
    ImageDraw.Draw(strip).text((pad, pad + font.getmetrics()[0]), text, font=font,
                               fill=rng.randint(0, 45), anchor="ls", language="th")
    return strip


def degrade(img: Image.Image, rng: random.Random, *, jpeg: bool = True) -> Image.Image:
    """Make a clean page look scanned: grayscale, skewed up to ±1.5°, a
    little out of focus, unevenly lit, noisy and dusty, and (with ``jpeg``)
    through the lossy compression most scanners apply."""
    page = img.convert("L")
    page = page.rotate(rng.uniform(-1.5, 1.5), resample=Image.Resampling.BICUBIC, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.1)))
    page = ImageChops.multiply(page, _lighting(page.size, rng))
    page = ImageChops.add(page, _noise(page.size, rng, sigma=rng.uniform(3, 8)), offset=-128)
    _dust(page, rng)
    _edge_shadow(page, rng)
    return _jpeg_roundtrip(page, rng.randint(55, 85)) if jpeg else page


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


@functools.lru_cache(maxsize=32)
def _font(font_path: str, size: int = FONT_PX) -> ImageFont.FreeTypeFont:
    """Loading a font costs far more than using it; pages reuse one."""
    return ImageFont.truetype(font_path, size, layout_engine=ImageFont.Layout.RAQM)


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


def _line_height(font: ImageFont.FreeTypeFont) -> int:
    """Single spacing as word processors do it: the font's ascent plus
    descent, which leaves room for stacked Thai marks."""
    ascent, descent = font.getmetrics()
    return ascent + descent


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


def _lighting(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """Smoothly uneven illumination: a coarse grid of brightness levels blown
    up to page size, so the paper is a slightly different grey everywhere."""
    grid = Image.new("L", (4, 5))
    grid.putdata([rng.randint(230, 255) for _ in range(4 * 5)])
    return grid.resize(size, Image.Resampling.BICUBIC)


@functools.lru_cache(maxsize=32)
def _gaussian_table(sigma: float) -> list[int]:
    """Maps a uniform byte to a Gaussian one centred on 128 (inverse CDF),
    which turns random bytes into sensor noise without numpy."""
    normal = statistics.NormalDist(128, sigma)
    return [min(255, max(0, round(normal.inv_cdf((i + 0.5) / 256)))) for i in range(256)]


def _noise(size: tuple[int, int], rng: random.Random, sigma: float) -> Image.Image:
    """Gaussian noise image around 128, drawn from ``rng`` so that the same
    seed always gives the same scan."""
    uniform = Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))
    return uniform.point(_gaussian_table(round(sigma, 1)))


def _dust(page: Image.Image, rng: random.Random) -> None:
    """Specks of dust and toner on the glass: 20 to 120 on an A4 sheet, as
    many per square centimetre on a smaller piece of paper."""
    draw = ImageDraw.Draw(page)
    width, height = page.size
    for _ in range(round(rng.randint(20, 120) * width * height / (PAGE_SIZE[0] * PAGE_SIZE[1]))):
        x, y = rng.randrange(width), rng.randrange(height)
        radius = rng.choice((1, 1, 1, 2, 2, 3))
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=rng.randint(30, 170))


def _edge_shadow(page: Image.Image, rng: random.Random) -> None:
    """The dark strip a scanner lid leaves along one edge of the sheet."""
    width, height = page.size
    thickness = rng.randint(0, 14)
    if thickness:
        box = rng.choice((
            (0, 0, thickness, height), (width - thickness, 0, width, height),
            (0, 0, width, thickness), (0, height - thickness, width, height),
        ))
        ImageDraw.Draw(page).rectangle(box, fill=rng.randint(90, 180))


def _jpeg_roundtrip(page: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    with Image.open(buffer) as decoded:
        return decoded.convert("L")


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
