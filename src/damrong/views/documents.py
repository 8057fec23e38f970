"""Scanned documents: the original file, page images, thumbnails and the page viewer.

Blobs are served with ``FileResponse`` straight from the blob directory, with an ETag from the
file's SHA-256 so browsers cache pages that never change.
"""

from urllib.parse import quote

from pyramid.httpexceptions import HTTPNotFound
from pyramid.response import FileResponse
from pyramid.view import view_config

from ..resources.document import ScannedDocument


def _blob_response(request, blob, content_type, etag, filename=None):
    response = FileResponse(blob.committed(), request=request, content_type=content_type)
    response.etag = etag
    response.cache_control = "private, max-age=86400"
    if filename:
        response.content_disposition = f"attachment; filename*=UTF-8''{quote(filename)}"
    response.conditional_response = True
    return response


@view_config(context=ScannedDocument, name="original", permission="view")
def original(request):
    document = request.context
    return _blob_response(request, document.original, document.mimetype, document.sha256,
                          filename=document.filename)


def _page(request):
    try:
        return request.context.pages[int(request.GET.get("n", "1"))]
    except (KeyError, ValueError):
        raise HTTPNotFound()


@view_config(context=ScannedDocument, name="page", permission="view")
def page_image(request):
    page = _page(request)
    blob = page.thumbnail if request.GET.get("size") == "thumb" else page.image
    etag = f"{request.context.sha256[:16]}-{page.number}-{request.GET.get('size', 'view')}"
    return _blob_response(request, blob, "image/jpeg", etag)


@view_config(context=ScannedDocument, permission="view", renderer="damrong:templates/document.pt")
def viewer(request):
    document = request.context
    number = int(request.GET.get("n", "1")) if request.GET.get("n", "1").isdigit() else 1
    return {"d": document, "c": document.__parent__,
            "number": min(max(number, 1), max(document.page_count, 1))}


@view_config(context=ScannedDocument, name="status.json", permission="view", renderer="json")
def status(request):
    """Polled by the complaint page so a document's state updates without a reload."""
    document = request.context
    return {"state": document.state, "label": request.localizer.translate(document.state_label),
            "pages": len(document.pages), "error": document.error}
