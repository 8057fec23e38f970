"""Making the viewer images and thumbnails of a document's pages (run by the worker).

Pages are derived data: the original stays untouched in its blob, and these images can be made
again from it at any time.
"""

import glob
import io
import os
import subprocess
import tempfile

from PIL import Image, ImageOps

from .resources.document import Page

VIEW_WIDTH = 1240        # about 150 dpi for an A4 page: sharp on screen, ~200 KB as JPEG
THUMB_WIDTH = 180
PDF_DPI = 150


def page_images(path, mimetype):
    """Yield each page of the file at ``path`` as a Pillow image, in order."""
    if mimetype == "application/pdf":
        yield from _pdf_pages(path)
        return
    with Image.open(path) as image:
        for frame in range(getattr(image, "n_frames", 1)):
            image.seek(frame)
            yield ImageOps.exif_transpose(image.copy())


def _pdf_pages(path):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-r", str(PDF_DPI), "-gray", "-jpeg", path, os.path.join(tmp, "p")],
            check=True, capture_output=True, timeout=600,
        )
        for name in sorted(glob.glob(os.path.join(tmp, "p-*.jpg")), key=_page_number):
            with Image.open(name) as image:
                image.load()
                yield image


def _page_number(name):
    return int(name.rsplit("-", 1)[1].split(".")[0])


def _jpeg(image, width):
    image = image.convert("L") if image.mode in ("1", "L", "I;16", "I", "F") else image.convert("RGB")
    if image.width > width:
        image = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue(), image.size


def render_pages(document):
    """Replace ``document.pages`` with freshly rendered pages; returns the page count."""
    document.pages.clear()
    source = document.original.committed()
    for number, image in enumerate(page_images(source, document.mimetype), start=1):
        view_bytes, (width, height) = _jpeg(image, VIEW_WIDTH)
        thumb_bytes, _ = _jpeg(image, THUMB_WIDTH)
        page = Page(number, width, height)
        with page.image.open("w") as f:
            f.write(view_bytes)
        with page.thumbnail.open("w") as f:
            f.write(thumb_bytes)
        document.pages[number] = page
    document.page_count = len(document.pages)
    return document.page_count
