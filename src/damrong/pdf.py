"""Paper the system prints (cover sheets, letters): a page template rendered to HTML, then laid
out as PDF by WeasyPrint, which shapes Thai correctly (fpdf/reportlab-style engines misplace
tone marks). Templates find their fonts and images (static/fonts, the Garuda emblem) in static/.
"""

import os
from urllib.parse import quote

import weasyprint
from pyramid.renderers import render
from pyramid.response import Response

STATIC_DIR = os.path.join(os.path.dirname(__file__), "static")


def render_pdf(template, values, request):
    """PDF bytes of the Chameleon ``template`` rendered with ``values``."""
    html = render(template, values, request=request)
    return weasyprint.HTML(string=html, base_url=STATIC_DIR + os.sep).write_pdf()


def pdf_response(body, filename):
    """PDF bytes as a response the browser shows (and saves under ``filename``, Thai or not)."""
    return Response(body, content_type="application/pdf",
                    content_disposition=f"inline; filename*=UTF-8''{quote(filename)}")
