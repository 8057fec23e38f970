"""A center's closure-approval rule: whether whoever proposed a closure may approve it too
(``Center.proposer_may_approve``), and why; turning the four-eyes rule off needs a reason."""

import colander
import deform

from ..forms import Node, csrf_token_node, max_length, normalized
from ..i18n import _


def _reason_when_lifted(form, value):
    if value["proposer_may_approve"] and not value["reason"].strip():
        error = colander.Invalid(form)
        error["reason"] = _("กรุณาระบุเหตุผลที่ให้ผู้เสนอยุติเรื่องอนุมัติเรื่องของตนเองได้")
        raise error


class ApprovalRuleSchema(colander.MappingSchema):
    csrf_token = csrf_token_node()
    proposer_may_approve = Node(
        colander.Boolean(), missing=False, widget=deform.widget.CheckboxWidget(),
        title=_("ให้ผู้เสนอยุติเรื่องอนุมัติเรื่องที่ตนเสนอเองได้"),
        description=_("สำหรับศูนย์ที่มีผู้บังคับบัญชาไม่พอให้สองคนลงนาม "
                      "ปกติผู้เสนอจะอนุมัติเรื่องของตนเองไม่ได้"))
    reason = Node(colander.String(), title=_("เหตุผล"), preparer=normalized,
                  validator=max_length(500), missing="",
                  widget=deform.widget.TextAreaWidget(rows=3))


def approval_rule_schema(request):
    return ApprovalRuleSchema(validator=_reason_when_lifted).bind(request=request)
