"""The header's language switch: remember the choice in a cookie and go back to the same page."""

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config

from ..i18n import LOCALE_COOKIE, LOCALES
from ..resources.site import Site

ONE_YEAR = 365 * 24 * 3600


def _same_site(request, url):
    """Only return to a page of this application (never an open redirect)."""
    if url and (url == request.application_url or url.startswith(request.application_url + "/")):
        return url
    return request.application_url + "/"


@view_config(context=Site, name="locale", permission=NO_PERMISSION_REQUIRED)
def switch_locale(request):
    """A plain GET link, so it works from every page, logged in or not, with no form to post.

    Choosing a language changes nothing but how pages read, so it needs no CSRF token.
    """
    response = HTTPSeeOther(_same_site(request, request.GET.get("came_from", "")))
    chosen = request.GET.get("to")
    if chosen in LOCALES:
        response.set_cookie(LOCALE_COOKIE, chosen, max_age=ONE_YEAR, httponly=True,
                            samesite="Lax", secure=request.registry.app_settings.secure_cookies)
    return response
