"""Who is responsible for an open case: one officer (or supervisor), reassignable.

The officer is one of the complaint's own center, or, while it is sent to another center for
action, of that center (the receiver works it with its own people). The choice goes through
``Complaint.change``, so it is in the history and the listing's ``responsible`` sets (the
officers' queues) follow it.
"""

from .i18n import MessageError, _

#: Roles that can be responsible for a case.
RESPONSIBLE_ROLES = ("officer", "supervisor")


class AssignmentError(MessageError):
    """The chosen person cannot be responsible for this case (a message to translate)."""


def candidates(users, complaint):
    """Active officers and supervisors of the centers that work the case, by name."""
    codes = [complaint.center.code] + ([complaint.working_center] if complaint.working_center else [])
    found = [u for u in users.of_centers(codes) if u.active and u.role in RESPONSIBLE_ROLES]
    return sorted(found, key=lambda u: u.full_name)


def may_assign(actor, complaint):
    """Staff who may edit the case, or report on it as its receiver, may say who works it."""
    return actor.may("edit", complaint) or actor.may("report", complaint)


def assign_responsible(users, complaint, login, actor):
    """Make the user ``login`` responsible for ``complaint``, as ``actor``."""
    if not may_assign(actor, complaint):
        raise AssignmentError(_("ท่านไม่มีสิทธิ์มอบหมายผู้รับผิดชอบเรื่องนี้"))
    chosen = users.get(login)
    if chosen is None or chosen not in candidates(users, complaint):
        raise AssignmentError(_("ผู้ที่เลือกไม่ใช่เจ้าหน้าที่ของศูนย์ที่ดำเนินการเรื่องนี้"))
    if complaint.responsible == login:
        return
    before = users.get(complaint.responsible) if complaint.responsible else None
    complaint.change(actor.login, _("มอบหมายผู้รับผิดชอบ"),
                     changes=[(_("ผู้รับผิดชอบ"), before.full_name if before else "",
                               chosen.full_name)],
                     responsible=login, where=actor.center_code)
