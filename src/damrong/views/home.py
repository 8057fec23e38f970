"""The root of the application: the citizens' site (what a citizen can do here, and the latest
news), with a "เจ้าหน้าที่" link that takes staff to their own home (``@@staff``)."""

from pyramid.renderers import render_to_response
from pyramid.view import view_config

from ..resources.site import Site

#: News items on the front page.
FRONT_NEWS = 4


@view_config(context=Site, permission="read-published", renderer="damrong:templates/public_home.pt")
def public_home(request):
    return {"news": request.root.news.newest(lambda item: item.published, FRONT_NEWS)}


def message_page(request, status, heading, message):
    """A page of the citizens' site that only says something (not found, refused), with its
    status. A not-found here is an honest 404 in the public layout: the staff side's answer to
    someone not logged in (the login page) would mean nothing to a citizen."""
    response = render_to_response("damrong:templates/public_message.pt", {
        "heading": heading, "message": message}, request=request)
    response.status = status
    return response
