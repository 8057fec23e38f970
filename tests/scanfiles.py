"""Small scan-like files made on the fly for upload tests (real JPEG/PNG/TIFF/PDF bytes)."""

import io

from PIL import Image, ImageDraw


def page(width=620, height=877, label="1"):
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    for y in range(80, height - 80, 40):
        draw.line((60, y, width - 60, y), fill=40, width=3)
    draw.text((60, 30), label, fill=0)
    return image


def jpeg(**kw):
    buffer = io.BytesIO()
    page(**kw).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def png():
    buffer = io.BytesIO()
    page().save(buffer, "PNG")
    return buffer.getvalue()


def tiff(pages=3):
    buffer = io.BytesIO()
    frames = [page(label=str(n)) for n in range(1, pages + 1)]
    frames[0].save(buffer, "TIFF", save_all=True, append_images=frames[1:], compression="tiff_deflate")
    return buffer.getvalue()


def pdf(pages=2):
    buffer = io.BytesIO()
    frames = [page(label=str(n)).convert("RGB") for n in range(1, pages + 1)]
    frames[0].save(buffer, "PDF", save_all=True, append_images=frames[1:], resolution=75)
    return buffer.getvalue()
