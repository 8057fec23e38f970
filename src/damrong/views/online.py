"""Filing a complaint online (ร้องเรียนออนไลน์, channel "website"), for anyone.

It goes through the one door (``register_complaint``) like a paper petition: numbered at the
district center of the place given, in the workflow's first state for a clerk to screen, its
files checked by uploads.py. Abuse is held off here without any outside service: the form token
(CSRF, as every form), a field people never see (a bot that fills it is refused), a limit of
filings per address (ratelimits.py), and the upload limits.
"""

import datetime

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from ..complaints import register_complaint
from ..i18n import _
from ..ratelimits import allowed
from ..resources.site import Site
from ..tracking import tracking_url
from ..schemas.online import HONEYPOT, online_schema, record_from_online
from ..txn import write_with_retries
from .home import message_page

#: Who the history names as having registered a complaint filed online.
ONLINE = "ประชาชน (ยื่นทางเว็บไซต์)"
TOO_MANY = _("มีการส่งเรื่องจากเครื่องของท่านหลายครั้งแล้ว กรุณารอสักครู่แล้วส่งใหม่ "
             "หรือโทรสายด่วน ๑๕๖๗")
REFUSED = _("ระบบรับแบบฟอร์มนี้ไม่ได้ กรุณาเปิดหน้าแบบฟอร์มใหม่แล้วกรอกอีกครั้ง")


NOT_SENT = _("ส่งเรื่องไม่สำเร็จ")


def _form(request):
    place = {"province": request.POST.get("province", ""), "district": request.POST.get("district", "")}
    return deform.Form(online_schema(request, place),
                       buttons=(deform.Button("send", _("ส่งเรื่องร้องเรียน")),),
                       formid="online", css_class="online")


@view_config(context=Site, name="file", permission="read-published",
             renderer="damrong:templates/file.pt")
def file_online(request):
    form = _form(request)
    if request.method != "POST" or "send" not in request.POST:
        return {"form": form.render()}
    if request.POST.get(HONEYPOT, "").strip():
        return message_page(request, 400, NOT_SENT, REFUSED)
    if not allowed(request, "filing"):
        return message_page(request, 429, NOT_SENT, TOO_MANY)
    try:
        data = form.validate(request.POST.items())
    except deform.ValidationFailure as failure:
        request.response.status = 400
        return {"form": failure.render()}
    site, registry = request.root, request.registry
    record = record_from_online(data, datetime.datetime.now(datetime.timezone.utc),
                                registry.taxonomy)
    complaint, _created = write_with_retries(request, lambda: register_complaint(
        site, site.centers[data["place"]["district"]], record, data["files"], ONLINE,
        registry.workflow.initial, submission_id=data["submission_id"]))
    for upload in data["files"]:  # now safely in blobs
        registry.uploads.discard(upload.uid)
    return HTTPSeeOther(tracking_url(request, complaint.tracking_code) + "?filed=1")
