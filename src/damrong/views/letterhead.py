"""A center's letterhead settings for its administrators: what was the command line's only
(``damrong letter-prefix``), with the usual signer beside it."""

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from ..forms import posted
from ..i18n import _
from ..letters.letterhead import update_letterhead
from ..numbering import format_letter_number
from ..resources.center import Center
from ..schemas.letterhead import letterhead_schema
from ..flash import notice


@view_config(context=Center, name="letterhead", permission="manage-center",
             renderer="damrong:templates/letterhead.pt")
def letterhead(request):
    center = request.context
    kinds = request.registry.letter_kinds
    form = deform.Form(letterhead_schema(request), formid="letterhead",
                       buttons=(deform.Button("save", _("บันทึก")),))
    data, refused = posted(request, form)
    if refused is not None:
        return _page(request, center, refused)
    if data is not None:
        update_letterhead(center, prefix=data["prefix"], signer_name=data["signer_name"],
                          signer_position=data["signer_position"])
        notice(request, _("บันทึกหัวหนังสือของศูนย์แล้ว"))
        return HTTPSeeOther(request.resource_url(center, "@@letterhead"))
    current = kinds.letterhead(center)
    return _page(request, center, form.render({
        "prefix": current.prefix, "signer_name": current.signer_name,
        "signer_position": current.signer}))


def _page(request, center, form):
    """The form and how this center's next letter number will look."""
    example = format_letter_number(request.registry.letter_kinds.letterhead(center).prefix, 1)
    return {"center": center, "form": form, "example": example}
