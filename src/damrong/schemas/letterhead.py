"""The letterhead form of a center: its agency prefix and its usual signer (letters/letterhead.py)."""

import colander

from ..forms import Node, csrf_token_node, max_length, normalized
from ..i18n import _


class LetterheadSchema(colander.MappingSchema):
    csrf_token = csrf_token_node()
    prefix = Node(colander.String(), title=_("อักษรย่อและเลขประจำส่วนราชการ (เช่น รบ 0023.1)"),
                  preparer=normalized, validator=max_length(40), missing="",
                  description=_("เว้นว่างไว้เพื่อใช้ค่าเริ่มต้นของระบบ"))
    signer_name = Node(colander.String(), title=_("ชื่อผู้ลงนาม"), preparer=normalized,
                       validator=max_length(200), missing="")
    signer_position = Node(colander.String(), title=_("ตำแหน่งผู้ลงนาม"), preparer=normalized,
                           validator=max_length(300), missing="",
                           description=_("เว้นว่างไว้เพื่อใช้ตำแหน่งเริ่มต้นของระบบ"))


def letterhead_schema(request):
    return LetterheadSchema().bind(request=request)
