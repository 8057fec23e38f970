"""Reading a scanned document: each page's image for the viewer, its text, and its progress.

This is the worker's job for every document a clerk attaches or a scanner drops. It goes page
by page through ``ocr.ocr_file`` and commits each page as soon as it is read, so the complaint
page can say "reading page 3 of 12", and a worker that dies on page 400 of a 500-page PDF leaves
399 pages saved. When the job runs again, pages already saved (perhaps corrected by hand since)
are kept as they are, not read again, and only the missing ones are read and added.
A long document is read in turns of ``PAGES_PER_TURN`` pages, each a job of its own at the
back of the queue.
"""

from PIL import Image, ImageOps
from pyramid.traversal import find_root, resource_path_tuple

from .ocr import ocr_file
from .pages import make_page, pdf_page_image
from .resources.document import PHOTO
from .resources.events import ObjectModified, notify


#: Pages one turn of the job reads before it goes to the back of the queue: a 500-page PDF is
#: read in turns with the scans registered after it, so a clerk's one-page petition is read in
#: a minute, not after the whole archive box.
PAGES_PER_TURN = 20


def read_document(document, run):
    """Make the missing pages of ``document``; ``run.checkpoint()`` saves after each one."""
    if document.kind == PHOTO:
        return show_photo(document)
    source = document.original.committed()
    document.state = "processing"
    document.error = ""
    run.checkpoint()
    pages = ocr_file(source, document.mimetype, skip=frozenset(document.pages))
    for turn, page_text in enumerate(pages, start=1):
        number = page_text.number
        image = page_text.image
        if image is None:  # a born-digital page: its text came from the PDF itself
            image = pdf_page_image(source, number)
        page = make_page(number, image)
        page.set_machine_text(page_text)
        document.pages[number] = page
        document.pages_read = number
        run.checkpoint()
        if turn == PAGES_PER_TURN and len(document.pages) < document.page_count:
            notify(ObjectModified(document))  # the pages read so far go to the search index
            find_root(document).jobs.put("read-document", resource_path_tuple(document),
                                         background=run.background)
            return  # the rest in a later turn
    document.page_count = len(document.pages)
    document.state = "ready"
    notify(ObjectModified(document))  # its text goes to the search index
    find_root(document).jobs.put("searchable-pdf", resource_path_tuple(document),
                                 background=run.background)


def show_photo(document):
    """A visit photo: its image for the viewer and its thumbnail, upright as the phone held it,
    and no OCR (there is no text to read, and Tesseract's seconds are kept for papers)."""
    with Image.open(document.original.committed()) as image:
        document.pages[1] = make_page(1, ImageOps.exif_transpose(image))
    document.page_count = document.pages_read = 1
    document.state = "ready"
    notify(ObjectModified(document))
