"""Districts of a province and subdistricts of a district, for the cascading selects (also of
the citizens' complaint form: the names are DOPA's public list)."""

from pyramid.view import view_config

from .. import areas
from ..resources.site import Site


@view_config(context=Site, name="areas.json", permission="read-published", renderer="json",
             http_cache=86400)
def area_children(request):
    """Names in the reader's language; ``Vary: Cookie`` keeps a cached Thai list from
    answering after the reader switched to English."""
    request.response.vary = ("Cookie",)
    parent = request.GET.get("parent", "")
    if len(parent) == 2:
        return areas.districts(parent, request.locale_name)
    if len(parent) == 4:
        return areas.subdistricts(parent, request.locale_name)
    return []
