"""Scanned documents: the original file, page images and thumbnails, the viewer, text corrections.

Blobs are served with ``FileResponse`` straight from the blob directory, with an ETag from the
file's SHA-256 so browsers cache pages that never change. A scan carries its author's identity,
so every route here follows ``damrong.personal``: images and files only for the personal-data
right (and logged), text masked for everyone else.
"""

import os
from urllib.parse import quote

from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.response import FileResponse
from pyramid.view import view_config

from .. import personal
from ..complaints import correct_page_text
from ..flash import notice
from ..i18n import _
from ..resources.document import ScannedDocument
from .complaint import staff_namer
from .queue import queue_note


def _blob_response(request, blob, content_type, etag, filename=None):
    response = FileResponse(blob.committed(), request=request, content_type=content_type)
    response.etag = etag
    response.cache_control = "private, max-age=86400"
    if filename:
        response.content_disposition = f"attachment; filename*=UTF-8''{quote(filename)}"
    response.conditional_response = True
    return response


def _revealed(request, what):
    """Refuse a user without the personal-data right; log the reveal for one with it."""
    document = request.context
    personal.require(request, document)
    personal.log_reveal(request, document.__parent__, f"{what} {document.filename}")


@view_config(context=ScannedDocument, name="original", permission="view")
def original(request):
    document = request.context
    _revealed(request, "ไฟล์ต้นฉบับ")
    return _blob_response(request, document.original, document.mimetype, document.sha256,
                          filename=document.filename)


def _page(request, number):
    try:
        return request.context.pages[int(number)]
    except (KeyError, ValueError):
        raise HTTPNotFound()


@view_config(context=ScannedDocument, name="page", permission="view")
def page_image(request):
    page = _page(request, request.GET.get("n", "1"))
    thumbnail = request.GET.get("size") == "thumb"
    if thumbnail:  # too small to read, but still the page: the right, without a log
        personal.require(request, request.context)
    else:
        _revealed(request, "ภาพหน้าเอกสาร")
    blob = page.thumbnail if thumbnail else page.image
    etag = f"{request.context.sha256[:16]}-{page.number}-{request.GET.get('size', 'view')}"
    return _blob_response(request, blob, "image/jpeg", etag)


@view_config(context=ScannedDocument, permission="view", renderer="damrong:templates/document.pt")
def viewer(request):
    """A page's image beside its text; officers correct the text in place. Without the
    personal-data right: the text masked, no image."""
    document = request.context
    holder = document.__parent__
    allowed = personal.may_see(request, document)
    if allowed and document.pages:
        personal.log_reveal(request, holder, f"ภาพและข้อความของเอกสาร {document.filename}")
    numbers = list(document.pages.keys())
    wanted = request.GET.get("n", "")
    number = int(wanted) if wanted.isdigit() and int(wanted) in document.pages else None
    if number is None and numbers:
        number = numbers[0]
    at = numbers.index(number) if number is not None else 0
    return {
        "d": document,
        "c": document.__parent__,
        "page": document.pages[number] if number is not None else None,
        "previous": numbers[at - 1] if at > 0 else None,
        "next": numbers[at + 1] if at + 1 < len(numbers) else None,
        "can_correct": allowed and request.has_permission("edit", document),
        "show_images": allowed,
        "text_of": lambda text: personal.text_for(request, holder, text),
        "staff_name": staff_namer(request),
    }


@view_config(context=ScannedDocument, name="correct", request_method="POST", permission="edit")
def correct(request):
    """Save a person's correction of a page's text (kept as a revision; search uses it)."""
    document = request.context
    page = _page(request, request.POST.get("n", ""))
    if correct_page_text(document, page, request.POST.get("text", ""), request.identity.national_id):
        notice(request, _("บันทึกการแก้ไขข้อความหน้า ${page} แล้ว", mapping={"page": page.number}))
    return HTTPSeeOther(request.resource_url(document, query={"n": page.number}))


@view_config(context=ScannedDocument, name="status.json", permission="view", renderer="json")
def status(request):
    """Polled by the complaint page so a document's state updates without a reload."""
    document = request.context
    return {"state": document.state, "label": request.display.translate(document.state_label),
            "error": document.error, "pages_read": document.pages_read,
            "page_count": document.page_count, "queue": queue_note(request, document)}


@view_config(context=ScannedDocument, name="searchable.pdf", permission="view")
def searchable_pdf(request):
    """The page images with their OCR text as an invisible layer (see scans/searchable_pdf.py);
    the original stays a separate download, exactly as received."""
    document = request.context
    if document.searchable is None:
        raise HTTPNotFound()
    _revealed(request, "PDF ค้นหาข้อความได้")
    name = os.path.splitext(document.filename)[0] + "-ค้นหาได้.pdf"
    etag = f"{document.sha256[:16]}-searchable-{document.searchable._p_serial.hex()}"
    return _blob_response(request, document.searchable, "application/pdf", etag, filename=name)
