"""Files to pages: which pages have a text layer, which must be rasterized.

A 500-page PDF must not sit in memory as 500 page images, so PDFs are
handled one page at a time: the text layer of page N is extracted by
``pdftotext -f N -l N``, and only a page without one is rasterized, alone,
by ``pdftoppm -f N -l N`` at 300 dpi.
"""
import mimetypes
import os
import subprocess
import tempfile
from collections.abc import Collection, Iterator

import filetype
from PIL import Image, ImageOps

from damrong.ocr.page import PageText
from damrong.ocr.pipeline import ocr_image
from damrong.resolution import TARGET_DPI
from damrong.thai.normalize import normalize_text

PDF = "application/pdf"
# A page whose text layer has fewer letters or digits than this is a scan
# (perhaps with a stamp or a page number typed on it) and is OCR'd.
MIN_TEXT_LAYER_CHARACTERS = 20
_TIMEOUT = 300  # seconds for one page: a broken PDF must not hang a worker


def guess_mimetype(path: str, mimetype: str | None = None) -> str:
    """``mimetype`` if given, else from the file's first bytes, else its name."""
    if mimetype:
        return mimetype
    kind = filetype.guess(path)
    if kind:
        return kind.mime
    return mimetypes.guess_type(path)[0] or "application/octet-stream"


def page_count(path: str, mimetype: str | None = None) -> int:
    """Pages in the file, without reading them."""
    if guess_mimetype(path, mimetype) == PDF:
        info = _run(["pdfinfo", path])
        for line in info.splitlines():
            if line.startswith("Pages:"):
                return int(line.split()[1])
        raise ValueError(f"pdfinfo reports no page count for {path}")
    with Image.open(path) as image:
        return getattr(image, "n_frames", 1)


def ocr_file(path: str, mimetype: str | None = None,
             skip: Collection[int] = ()) -> Iterator[PageText]:
    """The text of each page, in order, as soon as it is read; the page numbers in ``skip``
    (pages a resumed job already saved) are passed over without being read again."""
    if guess_mimetype(path, mimetype) == PDF:
        yield from _pdf_pages(path, skip)
        return
    with Image.open(path) as image:
        for frame in range(getattr(image, "n_frames", 1)):
            if frame + 1 in skip:
                continue
            image.seek(frame)
            page = ImageOps.exif_transpose(image.copy())
            page.info.setdefault("dpi", image.info.get("dpi"))
            yield ocr_image(page, number=frame + 1)


def _pdf_pages(path: str, skip: Collection[int]) -> Iterator[PageText]:
    for number in range(1, page_count(path, PDF) + 1):
        if number in skip:
            continue
        text = text_layer(path, number)
        if text is not None:
            yield PageText(number=number, text=text, confidence=100.0, words=[], image=None,
                           dpi=TARGET_DPI, source="text-layer")
        else:
            yield ocr_image(rasterize(path, number), number=number)


def text_layer(path: str, number: int) -> str | None:
    """Page ``number``'s own text, normalized, or None if it has none worth
    the name (a scanned page, or one carrying a few stamped characters)."""
    text = _run(["pdftotext", "-f", str(number), "-l", str(number), "-enc", "UTF-8", path, "-"])
    text = normalize_text(text.replace("\f", "")).strip("\n")
    if sum(char.isalnum() for char in text) < MIN_TEXT_LAYER_CHARACTERS:
        return None
    return text


def rasterize(path: str, number: int) -> Image.Image:
    """Page ``number`` as a 300 dpi grey image (only this page in memory)."""
    with tempfile.TemporaryDirectory(prefix="damrong-pdf-") as tmp:
        base = os.path.join(tmp, "page")
        _run(["pdftoppm", "-f", str(number), "-l", str(number), "-r", str(TARGET_DPI), "-gray",
              "-png", "-singlefile", path, base])
        with Image.open(base + ".png") as image:
            image.load()
            image.info["dpi"] = (TARGET_DPI, TARGET_DPI)
            return image


def _run(command: list[str]) -> str:
    return subprocess.run(command, check=True, capture_output=True, timeout=_TIMEOUT,
                          encoding="utf-8", errors="replace").stdout
