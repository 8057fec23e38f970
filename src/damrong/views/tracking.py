"""Following a case by its tracking code (ติดตามเรื่อง), for anyone, as ``/track`` (the form),
``/track/<code>`` (where the QR code on the receipt and cover sheet leads) and
``/track.json?code=…``.

What is shown comes from ``public_case`` alone (an allow-list of fields). Every lookup counts
against the address's limit (ratelimits.py), and a code that does not exist answers exactly as
a malformed one does (404, the same page), so codes cannot be harvested by trying them.
"""

from pyramid.renderers import render_to_response
from pyramid.view import view_config

from ..i18n import _
from ..public_case import as_json, find_case, public_case
from ..ratelimits import allowed
from ..resources.site import Site

NOT_FOUND = _("ไม่พบเรื่องตามรหัสติดตามนี้ กรุณาตรวจรหัสจากใบรับเรื่องอีกครั้ง "
              "(รหัส ๘ ตัว เช่น ABCD-EFGH) หรือสอบถามสายด่วน ๑๕๖๗")
TOO_MANY = _("ท่านค้นหาบ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่")


def _lookup(request, typed):
    """``(status, case or None, message)`` for a typed code, after counting the lookup."""
    if not allowed(request, "lookup"):
        return 429, None, TOO_MANY
    complaint = find_case(request.root, typed)
    if complaint is None:
        return 404, None, NOT_FOUND
    return 200, public_case(complaint, request.registry.workflow), None


@view_config(context=Site, name="track", permission="read-published")
def track(request):
    typed = request.subpath[0] if request.subpath else request.GET.get("code", "")
    values = {"typed": typed, "case": None, "message": None}
    status = 200
    if typed.strip():
        status, values["case"], values["message"] = _lookup(request, typed)
        if values["case"] is not None:
            values["typed"] = request.display.format_code(values["case"].code)
    response = render_to_response("damrong:templates/track.pt", values, request=request)
    response.status = status
    return response


@view_config(context=Site, name="track.json", permission="read-published", renderer="json")
def track_json(request):
    status, case, message = _lookup(request, request.GET.get("code", ""))
    request.response.status = status
    if case is None:
        return {"error": request.display.translate(message)}
    return as_json(case, request.display)
