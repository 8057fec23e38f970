"""The public news of the centers' field work (ข่าวกิจกรรม): ``/news`` (the latest nationally, or
of one center and those below it with ``?center=<DOPA code>``), ``/news/<name>`` (one item) and
its photos ``/news/<name>/photo/<n>`` and ``…/thumb/<n>``. Only published items exist here: a
draft answers exactly as a name that was never used."""

from pyramid.renderers import render_to_response
from pyramid.response import Response
from pyramid.view import view_config

from ..i18n import _
from ..resources.site import Site
from ..visibility import sees
from .home import message_page

PAGE = 24
PHOTO_CACHE_SECONDS = 7 * 24 * 3600


def _not_found(request):
    return message_page(request, 404, _("ไม่พบหน้าที่ต้องการ"), _("ไม่พบข่าวที่ต้องการ"))


@view_config(context=Site, name="news", permission="read-published")
def news(request):
    site = request.root
    if not request.subpath:
        return _listing(request)
    item = site.news.get(request.subpath[0])
    if item is None or not item.published:
        return _not_found(request)
    if len(request.subpath) == 1:
        return render_to_response("damrong:templates/news_item.pt", {
            "item": item, "center": site.centers[item.center_code]}, request=request)
    return _photo(request, item, request.subpath[1:])


def _listing(request):
    site = request.root
    code = request.GET.get("center", "").strip()
    center = site.centers.get(code) if code else None
    if code and center is None:
        return _not_found(request)
    keep = (lambda item: item.published and sees(center.code, site.centers[item.center_code])) \
        if center is not None else (lambda item: item.published)
    return render_to_response("damrong:templates/news_list.pt", {
        "items": site.news.newest(keep, PAGE), "center": center,
        "centers": site.centers}, request=request)


def _photo(request, item, rest):
    if len(rest) != 2 or rest[0] not in ("photo", "thumb") or not rest[1].isdigit() \
            or not 0 <= int(rest[1]) < len(item.photos):
        return _not_found(request)
    photo = item.photos[int(rest[1])]
    if rest[0] == "thumb":
        body = photo.thumbnail
    else:
        with photo.image.open("r") as stored:
            body = stored.read()
    response = Response(body=body, content_type="image/jpeg")
    response.cache_control.max_age = PHOTO_CACHE_SECONDS
    return response
