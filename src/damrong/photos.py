"""Photos for the public site: turned upright, re-encoded without metadata, and a thumbnail.

A phone writes the place a photo was taken (EXIF GPS), the phone's make and often the owner's
name into the file. The public gets none of it: the pixels are copied into a new image that has
no ``info`` at all, so no EXIF, XMP, ICC or comment block can survive the re-encoding.
"""

import io

from PIL import Image, ImageOps

#: The longest side of a published photo and of its thumbnail, in pixels.
MAX_SIDE = 1600
THUMBNAIL_SIDE = 480


def _jpeg(image, quality):
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    return out.getvalue()


def prepare(path):
    """``(photo bytes, thumbnail bytes, (width, height))`` of the image at ``path`` (checked by
    uploads.py first), both JPEG without any metadata."""
    with Image.open(path) as source:
        upright = ImageOps.exif_transpose(source).convert("RGB")
    upright.thumbnail((MAX_SIDE, MAX_SIDE))
    bare = Image.frombytes("RGB", upright.size, upright.tobytes())
    thumbnail = bare.copy()
    thumbnail.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    return _jpeg(bare, 85), _jpeg(thumbnail, 75), bare.size
