"""Admin pages: a center's staff (and the staff of centers below it), new accounts, resets."""

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from ..accounts import AccountError, add_user, deactivate, reset_password, set_email
from ..flash import notice, problem
from ..i18n import _
from ..resources.center import Center
from ..resources.users import ROLES


def _scope(center):
    """Codes of ``center`` and every center below it (at most a province and its districts)."""
    codes = [center.code]
    for sub in center.subcenters():
        codes.extend(_scope(sub))
    return codes


@view_config(context=Center, name="users", permission="manage-users",
             renderer="damrong:templates/users.pt")
def users(request):
    center = request.context
    site = request.root
    scope = _scope(center)
    form = {"login": "", "full_name": "", "role": "clerk", "center": center.code, "position": "",
            "email": ""}
    error = created = None
    if request.method == "POST" and "add" in request.POST:
        form.update({k: request.POST.get(k, "").strip() for k in form})
        if form["center"] not in scope:
            error = _("เพิ่มผู้ใช้ได้เฉพาะศูนย์นี้และศูนย์ในสังกัด")
        else:
            try:
                user, password = add_user(site, form["login"], form["full_name"], form["role"],
                                          form["center"], position=form["position"],
                                          by=request.identity, email=form["email"])
                created = {"user": user, "password": password}
            except AccountError as failure:
                error = failure.message
        if error:
            request.response.status = 400
    accounts = sorted(site.users.of_centers(scope), key=lambda u: (u.center_code, u.full_name))
    return {"center": center, "accounts": accounts, "roles": ROLES, "form": form, "error": error,
            "created": created, "centers": [(code, request.display.center_title(site.centers[code])) for code in scope]}


def _account(request):
    """The account a POST names, if it is in this center's scope; else a problem and ``None``."""
    user = request.root.users.get(request.POST.get("login", ""))
    if user is None or user.center_code not in _scope(request.context):
        problem(request, _("ไม่พบผู้ใช้ในศูนย์นี้"))
        return None
    return user


@view_config(context=Center, name="reset-password", request_method="POST",
             permission="manage-users", renderer="damrong:templates/users_reset.pt")
def reset(request):
    center = request.context
    user = _account(request)
    try:
        if user is not None:
            return {"center": center, "account": user,
                    "password": reset_password(request.root.users, user, request.identity)}
    except AccountError as refused:
        problem(request, refused.message)
    return HTTPSeeOther(request.resource_url(center, "@@users"))


@view_config(context=Center, name="user-email", request_method="POST", permission="manage-users")
def user_email(request):
    """Set or clear the address an account's notifications are mailed to."""
    user = _account(request)
    try:
        if user is not None:
            set_email(user, request.POST.get("email", ""), request.identity)
            notice(request, _("บันทึกอีเมลของ ${name} แล้ว", mapping={"name": user.full_name}))
    except AccountError as refused:
        problem(request, refused.message)
    return HTTPSeeOther(request.resource_url(request.context, "@@users"))


@view_config(context=Center, name="deactivate", request_method="POST", permission="manage-users")
def deactivate_account(request):
    user = _account(request)
    try:
        if user is not None:
            deactivate(request.root.users, user, request.identity)
            notice(request, _("ระงับการใช้งานบัญชี ${name} แล้ว", mapping={"name": user.full_name}))
    except AccountError as refused:
        problem(request, refused.message)
    return HTTPSeeOther(request.resource_url(request.context, "@@users"))
