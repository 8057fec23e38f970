"""Paper the system prints (cover sheets, letters): a page template rendered to HTML, then laid
out as PDF by WeasyPrint, which shapes Thai correctly (fpdf/reportlab-style engines misplace
tone marks). Templates find their fonts and images (static/fonts, the Garuda emblem) in static/.
"""

import os

import weasyprint
from pyramid.renderers import render

STATIC_DIR = os.path.join(os.path.dirname(__file__), "static")


def render_pdf(template, values, request):
    """PDF bytes of the Chameleon ``template`` rendered with ``values``."""
    html = render(template, values, request=request)
    return weasyprint.HTML(string=html, base_url=STATIC_DIR + os.sep).write_pdf()
