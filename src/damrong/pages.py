"""The viewer image and thumbnail of a page, and single PDF pages as images (run by the worker).

Pages are derived data: the original stays untouched in its blob, and these images can be made
again from it at any time.
"""

import glob
import io
import os
import subprocess
import tempfile

from PIL import Image

from .resources.document import Page

VIEW_WIDTH = 1240        # about 150 dpi for an A4 page: sharp on screen, ~200 KB as JPEG
THUMB_WIDTH = 180
PDF_VIEW_DPI = 150


def make_page(number, image):
    """A ``Page`` holding ``image`` scaled for the viewer and as a thumbnail."""
    view_bytes, (width, height) = _jpeg(image, VIEW_WIDTH)
    thumb_bytes, _ = _jpeg(image, THUMB_WIDTH)
    page = Page(number, width, height)
    with page.image.open("w") as f:
        f.write(view_bytes)
    with page.thumbnail.open("w") as f:
        f.write(thumb_bytes)
    return page


def pdf_page_image(path, number, dpi=PDF_VIEW_DPI):
    """Page ``number`` of a PDF as a grey image, rasterized alone so memory stays bounded."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-jpeg", "-f", str(number), "-l", str(number),
             path, os.path.join(tmp, "p")],
            check=True, capture_output=True, timeout=120,
        )
        [name] = glob.glob(os.path.join(tmp, "p-*.jpg"))
        with Image.open(name) as image:
            image.load()
            return image


def _jpeg(image, width):
    image = image.convert("L") if image.mode in ("1", "L", "I;16", "I", "F") else image.convert("RGB")
    if image.width > width:
        image = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue(), image.size
