"""Logging in and out, the forced first password change, and what a refused request shows."""

import datetime

from urllib.parse import urlencode

from pyramid.exceptions import BadCSRFToken
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.renderers import render_to_response
from pyramid.security import NO_PERMISSION_REQUIRED, forget, remember
from pyramid.view import exception_view_config, forbidden_view_config, notfound_view_config, view_config

from ..accounts import TEMPORARY_USED
from ..flash import notice
from ..i18n import _
from ..params import BadParameter
from ..resources.site import Site
from ..security import hash_password, password_problem, verify_login, verify_password
from ..thai import national_id

LOGIN_FAILED = _("เลขประจำตัวประชาชนหรือรหัสผ่านไม่ถูกต้อง")


def _now():
    return datetime.datetime.now(datetime.timezone.utc)


def staff_home_url(request):
    """Where staff start (the root is the citizens' site): ``home`` sends them on."""
    return request.application_url + "/@@staff"


def _safe_came_from(request, came_from):
    """Only redirect within this application after login."""
    if came_from and came_from.startswith(request.application_url + "/"):
        return came_from
    return staff_home_url(request)


@view_config(context=Site, name="login", renderer="damrong:templates/login.pt",
             permission=NO_PERMISSION_REQUIRED)
def login(request):
    """Log in. Every refusal reads the same and takes as long, whether the ID has an account or
    not (``verify_login``); locks are per address and ID first (``LoginThrottle``)."""
    came_from = request.params.get("came_from", "")
    login_id = national_id.clean(request.POST.get("login", ""))
    error = None
    if request.method == "POST":
        users = request.root.users
        user = users.get(login_id)
        throttle = request.registry.login_throttle
        address = request.client_addr or ""
        if throttle.locked(address, login_id):
            error = _("บัญชีนี้ถูกระงับชั่วคราวเพราะใส่รหัสผ่านผิดหลายครั้ง "
                      "กรุณารอ ${minutes} นาทีแล้วลองใหม่",
                      mapping={"minutes": throttle.lockout_minutes})
        elif not verify_login(user, request.POST.get("password", "")):
            throttle.failed(address, login_id)
            error = LOGIN_FAILED
        elif user.must_change_password and user.temporary_used_at is not None:
            error = _("รหัสผ่านชั่วคราวนี้ถูกใช้เข้าระบบไปแล้ว "
                      "กรุณาติดต่อผู้ดูแลระบบเพื่อตั้งรหัสผ่านใหม่")
        else:
            throttle.succeeded(address, login_id)
            if user.must_change_password:  # a temporary password opens one session only
                user.temporary_used_at = _now()
                user.log(user.national_id, TEMPORARY_USED, note=address)
            request.session.new_csrf_token()
            headers = remember(request, users.session_key(user))
            return HTTPSeeOther(_safe_came_from(request, came_from), headers=headers)
        request.response.status = 400
    return {"error": error, "login": login_id, "came_from": came_from}


@view_config(context=Site, name="logout", request_method="POST", permission=NO_PERMISSION_REQUIRED)
def logout(request):
    """End every session of this user, on every browser (their cookies lead nowhere now)."""
    if request.identity is not None:
        request.root.users.revoke(request.identity)
    request.session.invalidate()
    return HTTPSeeOther(request.application_url + "/@@login", headers=forget(request))


@view_config(context=Site, name="password", renderer="damrong:templates/password.pt",
             permission="authenticated")
def change_password(request):
    """Change one's password; every other session of the account ends, this one goes on."""
    user = request.identity
    error = None
    if request.method == "POST":
        new = request.POST.get("new", "")
        if not verify_password(user.password_hash, request.POST.get("current", "")):
            error = _("รหัสผ่านปัจจุบันไม่ถูกต้อง")
        elif new != request.POST.get("confirm", ""):
            error = _("รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน")
        elif new == request.POST.get("current", ""):
            error = _("รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านเดิม")
        else:
            error = password_problem(new, user.national_id, user.full_name)
        if error is None:
            user.password_hash = hash_password(new)
            user.must_change_password = False
            users = request.root.users
            users.revoke(user)
            notice(request, _("เปลี่ยนรหัสผ่านเรียบร้อยแล้ว"))
            return HTTPSeeOther(staff_home_url(request),
                                headers=remember(request, users.session_key(user)))
        request.response.status = 400
    return {"error": error}


@view_config(context=Site, name="staff", permission="authenticated")
def home(request):
    """Staff start at their own center's listing (or at the password change they owe); the
    citizens' site links here as "เจ้าหน้าที่", which asks whoever is not logged in to log in."""
    if request.identity.must_change_password:
        return HTTPSeeOther(request.application_url + "/@@password")
    return HTTPSeeOther(request.resource_url(request.user_center))


def _to_login(request):
    query = "?" + urlencode({"came_from": request.url}) if request.method == "GET" else ""
    return HTTPSeeOther(request.application_url + "/@@login" + query)


@forbidden_view_config(renderer="damrong:templates/error.pt")
def forbidden(request):
    user = request.identity
    if user is None:
        return _to_login(request)
    if user.must_change_password:
        return HTTPSeeOther(request.application_url + "/@@password")
    request.response.status = 403
    return {"heading": _("ไม่มีสิทธิ์เข้าถึง"), "message": _("บัญชีของท่านไม่มีสิทธิ์เข้าถึงหน้านี้")}


@notfound_view_config(renderer="damrong:templates/error.pt")
def notfound(request):
    """Someone not logged in is sent to log in, as for a page that exists (``forbidden``):
    a 404 would tell them which complaint paths exist."""
    if request.identity is None:
        return _to_login(request)
    request.response.status = 404
    return {"heading": _("ไม่พบหน้าที่ต้องการ"),
            "message": _("ไม่พบเรื่องหรือหน้าที่ระบุ อาจพิมพ์ที่อยู่ผิด")}


@exception_view_config(BadCSRFToken, renderer="damrong:templates/error.pt")
def bad_csrf(request):
    request.response.status = 400
    return {"heading": _("แบบฟอร์มหมดอายุ"),
            "message": _("แบบฟอร์มนี้หมดอายุหรือไม่ได้ส่งจากระบบ กรุณาเปิดหน้าเดิมแล้วกรอกส่งใหม่อีกครั้ง")}


@exception_view_config(BadParameter)
def bad_parameter(request):
    """A query parameter the page cannot use: 400 and why, as JSON to the JSON views."""
    message = request.display.translate(request.exception.message)
    if request.view_name.endswith(".json"):
        response = render_to_response("json", {"error": message}, request=request)
    else:
        response = render_to_response("damrong:templates/error.pt", {
            "heading": _("คำขอไม่ถูกต้อง"), "message": message}, request=request)
    response.status = 400
    return response
