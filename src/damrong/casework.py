"""Moving a case between centers: sending it for action (it stays the sender's case) and
transferring it (the receiver owns it from then on).

Both are workflow transitions with ``form: center`` (config/workflow.yaml) taken through
``Workflow.apply``, so the permission check, the history and the events are the ones of every
other step; this module adds what they need beyond a note: the receiving center, checked
against the center tree, and what changes with it (the due date of the report, or the new
receipt number at the new owner).
"""

import datetime

from .i18n import _
from .numbering import format_receipt, next_receipt_number
from .resources.center import Center
from .thai.dates import format_date
from .workdays import due_in
from .workflow import WorkflowError

#: Days a center sent a case for action has to report back, unless the sender sets a date.
REPORT_DAYS = 15


def reachable(site, center_code):
    """Centers staff of the center coded ``center_code`` may send or transfer a case to: the
    center above it, those below it, and those beside it under the same parent (a complaint
    filed at the wrong district goes to its neighbour). Never farther: a district does not
    reach another province's districts."""
    center = site.centers.get(center_code)
    if center is None:
        return []
    parent = center.__parent__ if isinstance(center.__parent__, Center) else None
    found = ([parent] + parent.subcenters()) if parent is not None else []
    return [c for c in found + center.subcenters() if c is not center]


def _receiver(site, complaint, actor, code):
    target = site.centers.get(code)
    if target is None or target not in reachable(site, actor.center_code):
        raise WorkflowError(_("ส่งเรื่องไปยังศูนย์นี้ไม่ได้ เพราะอยู่นอกสายงานของศูนย์ท่าน"))
    if target is complaint.center:
        raise WorkflowError(_("เรื่องนี้อยู่ที่ศูนย์นี้อยู่แล้ว"))
    return target


def send_for_action(workflow, site, complaint, actor, code, note="", due_date=None):
    """Send ``complaint`` to the center coded ``code`` to investigate and report back by
    ``due_date`` (default: ``REPORT_DAYS`` working days from today). It stays its center's case; the receiver
    sees it in its inbox and may report (security.RECEIVER_PERMISSIONS)."""
    target = _receiver(site, complaint, actor, code)
    due_date = due_date or due_in(REPORT_DAYS)
    return workflow.apply(
        complaint, "send", actor, note,
        changes=[(_("ส่งไปยัง"), "", target.title),
                 (_("กำหนดรายงานผล"), format_date(complaint.due_date) if complaint.due_date else "",
                  format_date(due_date))],
        working_center=target.code, due_date=due_date)


def transfer(workflow, site, complaint, actor, code, note=""):
    """Hand ``complaint`` to the center coded ``code``, which owns it from now on: it takes that
    center's next receipt number, and keeps the one it had as a cross-reference (``origins``)."""
    target = _receiver(site, complaint, actor, code)
    before = complaint.center
    year, number = next_receipt_number(target, datetime.datetime.now(datetime.timezone.utc))
    origin = (before.code, complaint.receipt_year, complaint.receipt_number)
    return workflow.apply(
        complaint, "transfer", actor, note,
        changes=[(_("ศูนย์เจ้าของเรื่อง"), before.title, target.title),
                 (_("เลขรับ"), format_receipt(complaint.receipt_year, complaint.receipt_number),
                  format_receipt(year, number))],
        move_to=target, receipt_year=year, receipt_number=number,
        origins=complaint.origins + (origin,), working_center=None, due_date=None)
