"""A center's closure-approval rule for its administrators (``Center.proposer_may_approve``,
which workflow.yaml's ``not_by`` follows); who changed it, when and why is shown with it."""

import datetime

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from ..flash import notice
from ..forms import posted
from ..i18n import _
from ..resources.center import Center
from ..schemas.approval_rule import approval_rule_schema


@view_config(context=Center, name="approval-rule", permission="manage-center",
             renderer="damrong:templates/approval_rule.pt")
def approval_rule(request):
    center = request.context
    form = deform.Form(approval_rule_schema(request), formid="approval-rule",
                       buttons=(deform.Button("save", _("บันทึก")),))
    data, refused = posted(request, form)
    if refused is not None:
        return {"center": center, "form": refused}
    if data is not None:
        center.proposer_may_approve = data["proposer_may_approve"]
        center.approval_rule_changed = {
            "who": request.identity.national_id, "reason": data["reason"].strip(),
            "when": datetime.datetime.now(datetime.timezone.utc)}
        notice(request, _("บันทึกกฎการอนุมัติยุติเรื่องของศูนย์แล้ว"))
        return HTTPSeeOther(request.resource_url(center, "@@approval-rule"))
    changed = center.approval_rule_changed or {}
    return {"center": center, "form": form.render({
        "proposer_may_approve": center.proposer_may_approve,
        "reason": changed.get("reason", "")})}
