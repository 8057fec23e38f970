"""Districts of a province and subdistricts of a district, for the cascading selects."""

from pyramid.view import view_config

from .. import areas
from ..resources.site import Site


@view_config(context=Site, name="areas.json", permission="authenticated", renderer="json",
             http_cache=86400)
def area_children(request):
    parent = request.GET.get("parent", "")
    if len(parent) == 2:
        return areas.districts(parent)
    if len(parent) == 4:
        return areas.subdistricts(parent)
    return []
