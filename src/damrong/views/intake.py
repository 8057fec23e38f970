"""Registering a paper petition at the counter: the form, the scans, the receipt."""

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from ..complaints import register_complaint
from ..flash import notice
from ..i18n import _
from ..resources.center import Center
from ..schemas.complaint import complaint_schema, record_from_appstruct
from ..txn import write_with_retries


def chosen_place(request, center):
    """Province and district as posted, else the center's own (most petitions are local)."""
    if request.method == "POST":
        return {"province": request.POST.get("province", ""),
                "district": request.POST.get("district", "")}
    if center.level == "district":
        return {"province": center.province_code, "district": center.code}
    return {"province": center.province_code or "", "district": ""}


def intake_form(request, center, place, with_scans=True):
    schema = complaint_schema(request, center, place, with_scans=with_scans)
    return deform.Form(schema, buttons=(deform.Button("register", _("บันทึกและออกเลขรับ")),),
                       formid="intake", css_class="intake")


@view_config(context=Center, name="register", permission="register",
             renderer="damrong:templates/register.pt")
def register(request):
    center = request.context
    place = chosen_place(request, center)
    form = intake_form(request, center, place)
    if request.method == "POST" and "register" in request.POST:
        try:
            data = form.validate(request.POST.items())
        except deform.ValidationFailure as failure:
            request.response.status = 400
            return {"center": center, "form": failure.render()}
        record = record_from_appstruct(data)
        uploads = data["scans"]
        if data["scans_as_one"]:
            uploads = request.registry.uploads.combine_pages(uploads)
        complaint, created = write_with_retries(request, lambda: register_complaint(
            request.root, center, record, uploads, request.identity.national_id,
            request.registry.workflow.initial, submission_id=data["submission_id"]))
        if not created:
            notice(request,
                   _("แบบฟอร์มนี้ถูกส่งไปแล้ว ระบบแสดงเรื่องที่บันทึกไว้ครั้งแรก ไม่ได้บันทึกซ้ำ"))
        for upload in uploads:  # now safely in blobs
            request.registry.uploads.discard(upload.uid)
        return HTTPSeeOther(request.resource_url(complaint, query={"registered": "1"}))
    appstruct = {"place": place}
    return {"center": center, "form": form.render(appstruct)}
