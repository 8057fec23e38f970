"""The cover sheet a clerk prints for a complaint and puts on top of a batch before scanning.

It carries a QR code with ``DAMRONG-COVER:<tracking code>``; the hot folder reads it on the first
page of a batch and files the batch under that complaint. The prefix means only our own sheets
count: a petition that happens to start with someone's QR code (a payment slip, a web address)
is not taken for a cover sheet.

QR codes are made with ``segno`` (pure Python, no dependencies, writes SVG that WeasyPrint draws
sharp at any size) and read with ``zxing-cpp`` (a self-contained wheel, no system library as
pyzbar's libzbar, and it copes with skewed, rotated and low-contrast scans).
"""

import datetime

import zxingcpp
from PIL import Image, ImageOps

from ..ocr.sources import rasterize
from ..numbering import format_receipt
from ..pdf import render_pdf
from ..qr import qr_data_uri
from ..thai.dates import format_date
from ..tracking import ALPHABET, LENGTH, format_code, tracking_url

PREFIX = "DAMRONG-COVER:"


def cover_payload(tracking_code):
    return PREFIX + tracking_code


def qr_svg_data_uri(tracking_code):
    return qr_data_uri(cover_payload(tracking_code))


def cover_sheet_pdf(complaint, request):
    """The cover sheet of ``complaint`` as PDF bytes (A4, Thai fonts from static/fonts). Beside
    the hot folder's code it carries a second, smaller QR code for the complainant: the address
    of the case's public tracking page (the hot folder ignores it: no prefix)."""
    return render_pdf("damrong:templates/cover_sheet.pt",
                      {"c": complaint, "qr": qr_svg_data_uri(complaint.tracking_code),
                       "tracking_qr": qr_data_uri(tracking_url(request, complaint.tracking_code)),
                       "receipt": format_receipt(complaint.receipt_year, complaint.receipt_number),
                       "code": format_code(complaint.tracking_code), "format_date": format_date,
                       "now": datetime.datetime.now(datetime.timezone.utc)},
                      request)


def code_in_image(image):
    """The tracking code of a cover sheet in ``image`` (a Pillow image), or ``None``."""
    for barcode in zxingcpp.read_barcodes(ImageOps.grayscale(image),
                                          formats=zxingcpp.BarcodeFormat.QRCode):
        text = barcode.text.strip()
        code = text[len(PREFIX):].upper()
        if text.startswith(PREFIX) and len(code) == LENGTH and set(code) <= set(ALPHABET):
            return code
    return None


def code_on_first_page(path, mimetype):
    """Read the cover sheet code on the first page of a checked file, rasterizing only that
    page of a PDF (a 500-page batch is not rendered to look at its top sheet)."""
    if mimetype == "application/pdf":
        return code_in_image(rasterize(path, 1))
    with Image.open(path) as image:
        return code_in_image(image)
