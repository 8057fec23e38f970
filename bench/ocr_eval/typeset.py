"""Typesetting with WeasyPrint (Pango, HarfBuzz) and rasterising with poppler's pdftoppm.

The tuning pages are drawn line by line with PIL/RAQM; this set goes through a real layout
engine instead: paragraphs broken by Pango's Thai line breaker, tables laid out by CSS, single
line spacing, and a PDF that is rasterised like a print driver would, so glyph placement, mark
stacking and line breaks come from a different toolchain.
"""
import collections
import dataclasses
import subprocess
import unicodedata
from pathlib import Path

from weasyprint import HTML
from weasyprint.formatting_structure import boxes

from document import Document, Para, Table


def typeset(document: Document, font: str, size_pt: float, line_height: float, pdf: Path) -> Document:
    """Write ``document`` to ``pdf`` as a single A4 page; return the document as printed.

    A document that runs over one page loses body paragraphs (the longest first, never the
    opening or the closing one) or a table's last rows (never its total) until it fits, so
    the truth is always the whole of what page 1 shows.
    """
    while True:
        rendered = HTML(string=document.html(font, size_pt, line_height)).render()
        if len(rendered.pages) == 1:
            break
        document = _shortened(document)
    laid_out = "".join(box.text for box in rendered.pages[0]._page_box.descendants()
                       if isinstance(box, boxes.TextBox))
    if _characters(laid_out) != _characters(document.truth()):
        raise AssertionError(f"the laid-out {document.kind} page and its truth differ")
    rendered.write_pdf(pdf)
    return document


def _shortened(document: Document) -> Document:
    blocks = list(document.blocks)
    tables = [i for i, b in enumerate(blocks) if isinstance(b, Table) and len(b.rows) > 3]
    paras = [i for i, b in enumerate(blocks) if isinstance(b, Para)][1:-1]
    if tables:
        table = blocks[tables[0]]
        rows = table.rows[:-2] + table.rows[-1:] if table.total_row else table.rows[:-1]
        blocks[tables[0]] = dataclasses.replace(table, rows=rows)
    elif paras:
        del blocks[max(paras, key=lambda i: len(blocks[i].text))]
    else:
        raise ValueError(f"a {document.kind} document does not fit on one page")
    return Document(document.kind, blocks)


def rasterize(pdf: Path, dpi: int, colour: bool) -> Path:
    """Page 1 of ``pdf`` as a PNG at ``dpi`` next to it (grey unless ``colour``)."""
    stem = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", *([] if colour else ["-gray"]),
                    str(pdf), str(stem)], check=True)
    return stem.with_suffix(".png")


def printed_text_matches(pdf: Path, truth: str) -> bool:
    """Whether the PDF's text (pdftotext) has the truth's spacing characters, in any order.

    A second witness besides the layout check of ``typeset``.  Only spacing characters are
    compared: a PDF maps each glyph to one text, so a tone-mark or vowel glyph that two mark
    sequences share (or the ำ that HarfBuzz splits into ํ + า) comes back as either, and
    pdftotext drops a hyphen that ends a line (a phone number or URL broken there).  Reading
    order is ignored, since pdftotext's order of a table or a two-part row need not be the truth's.
    """
    printed = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                             capture_output=True, text=True).stdout
    return _spacing_characters(printed) == _spacing_characters(truth)


def _characters(text: str) -> collections.Counter:
    return collections.Counter(c for c in unicodedata.normalize("NFC", text) if not c.isspace())


def _spacing_characters(text: str) -> collections.Counter:
    return collections.Counter(c for c in _characters(text.replace("ำ", "า")).elements()
                               if unicodedata.category(c) != "Mn" and c != "-")
