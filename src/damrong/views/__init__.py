"""Views, one module per area. ``includeme`` adds what every page shares."""

from pyramid.events import BeforeRender, NewResponse, subscriber
from pyramid.renderers import get_renderer
from pyramid.security import NO_PERMISSION_REQUIRED

from ..display import Display
from ..i18n import _


def includeme(config):
    config.add_static_view("static", "damrong:static", cache_max_age=3600,
                           permission=NO_PERMISSION_REQUIRED)
    config.add_request_method(user_center, "user_center", reify=True)
    config.add_request_method(display, "display", reify=True)


def display(request):
    """The request's formatter, in the locale the reader chose (see i18n.py)."""
    registry = request.registry
    return Display(request.locale_name, request.localizer, registry.taxonomy, registry.workflow)


def user_center(request):
    """The center the logged-in user belongs to (their home page), or ``None``."""
    user = request.identity
    return request.root.centers.get(user.center_code) if user is not None else None


@subscriber(BeforeRender)
def add_page_globals(event):
    """Every template gets the layout macros (staff's and the citizens' site's), the display helpers of the reader's locale as
    ``th``, ``_`` for messages with a mapping (an attribute cannot use ``i18n:name``), and the
    current user."""
    request = event.get("request")
    event["layout"] = get_renderer("damrong:templates/layout.pt").implementation()
    event["public_layout"] = get_renderer("damrong:templates/public_layout.pt").implementation()
    event["th"] = request.display
    event["_"] = _
    event["user"] = getattr(request, "identity", None) if request is not None else None


@subscriber(NewResponse)
def pages_are_not_stored(event):
    """HTML pages are fetched again on every visit, the back button included: a list shown
    after a complaint was approved elsewhere must not come from the browser's memory, and
    pages with personal data stay out of its cache. Static files keep their own caching."""
    response = event.response
    if response.content_type == "text/html" and not response.cache_control.max_age:
        response.cache_control.no_store = True
