"""The letter form: every field of a หนังสือภายนอก the officer writes, drafted from its kind.

The kind is chosen first (it decides the draft) and travels with the form as a hidden field;
the number and date are not in the form: the register gives them when the letter is issued.
"""

import colander
import deform

from ..forms import Node, csrf_token_node, max_length, normalized, submission_id_node
from ..i18n import _


@colander.deferred
def kind_validator(node, kw):
    return colander.OneOf(list(kw["kinds"].kinds), msg_err=_("ไม่มีหนังสือประเภทนี้"))


def _line(title, maximum, **kw):
    return Node(colander.String(), title=title, preparer=normalized, validator=max_length(maximum),
                **kw)


def _lines(title, maximum, rows, **kw):
    return _line(title, maximum, widget=deform.widget.TextAreaWidget(rows=rows), **kw)


class LetterSchema(colander.MappingSchema):
    csrf_token = csrf_token_node()
    submission_id = submission_id_node()
    kind = Node(colander.String(), widget=deform.widget.HiddenWidget(), validator=kind_validator)
    addressee = _line(_("เรียน"), 300)
    subject = _line(_("เรื่อง"), 300)
    reference = _lines(_("อ้างถึง"), 1000, 2, missing="")
    enclosures = _lines(_("สิ่งที่ส่งมาด้วย"), 1000, 2, missing="")
    body = _lines(_("ข้อความ (เว้นบรรทัดว่างระหว่างย่อหน้า)"), 20000, 14)
    signer_name = _line(_("ชื่อผู้ลงนาม"), 200)
    signer_position = _line(_("ตำแหน่งผู้ลงนาม"), 300)


def letter_schema(request, kinds):
    return LetterSchema().bind(request=request, kinds=kinds)
