"""Thai text printed and scanned, synthetically: the fonts, a strip of print, a scanner's wear.

The demo's petition pages (``damrong.demo.scans``) and the OCR's digit model
(``damrong.ocr.digit_model``, which learns Thai digits from printed strips)
both need print that looks like what a clerk's flatbed scanner produces: a
little skewed, soft, noisy and unevenly lit.  Text is shaped by RAQM,
without which Thai tone marks and vowels land in the wrong place.
"""
import functools
import io
import random
import statistics
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

DPI = 300
PAGE_SIZE = (2480, 3508)  # A4 at 300 dpi
FONT_PX = 67  # 16 pt at 300 dpi, the size of Thai official letters

_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts")
_FONT_FAMILIES = ("Laksaman", "Norasi", "Loma", "Garuda")
# The free TLWG designs the Makefile installs: Laksaman (TH Sarabun's
# design), Norasi and Kinnari (serif), Loma, Garuda, Waree, Umpush (sans).
THAI_FAMILIES = ("Laksaman", "Norasi", "Kinnari", "Loma", "Garuda", "Waree", "Umpush")


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


def render_line(text: str, font_path: str, rng: random.Random, size: int = FONT_PX) -> Image.Image:
    """One line of ``text`` on a strip of paper just large enough for it, in
    the same ink as a page.  The OCR digit model learns glyphs from such
    strips (put through ``degrade``), so they must print like real pages."""
    font = load_font(font_path, size)
    pad = size // 2
    width = round(font.getlength(text, language="th")) + 2 * pad
    strip = Image.new("L", (width, line_height(font) + 2 * pad), 255)
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


def reprint(img: Image.Image, rng: random.Random) -> Image.Image:
    """The same page from another printer and scanner, before ``degrade``:
    toner spread or starved by a pixel (heavier or thinner strokes), and on
    some pages a scan at 150 to 240 dpi brought back up to 300, which
    softens every stroke."""
    page = img.convert("L")
    weight = rng.choice((ImageFilter.MinFilter(3), ImageFilter.MaxFilter(3), None, None))
    if weight:
        page = page.filter(weight)
    if rng.random() < 0.5:
        scale = rng.uniform(0.5, 0.8)
        low = page.resize((round(page.width * scale), round(page.height * scale)),
                          Image.Resampling.BOX)
        page = low.resize(page.size, Image.Resampling.BICUBIC)
    return page


@functools.lru_cache(maxsize=32)
def load_font(font_path: str, size: int = FONT_PX) -> ImageFont.FreeTypeFont:
    """Loading a font costs far more than using it; pages reuse one."""
    return ImageFont.truetype(font_path, size, layout_engine=ImageFont.Layout.RAQM)


def line_height(font: ImageFont.FreeTypeFont) -> int:
    """Single spacing as word processors do it: the font's ascent plus
    descent, which leaves room for stacked Thai marks."""
    ascent, descent = font.getmetrics()
    return ascent + descent


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
