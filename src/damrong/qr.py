"""QR codes as SVG data URIs (``segno``: pure Python; WeasyPrint and browsers draw them sharp
at any size, and a data URI needs no request the Content-Security-Policy would have to allow)."""

import segno


def qr_data_uri(text, scale=10):
    return segno.make(text, error="m").svg_data_uri(scale=scale, border=2)
