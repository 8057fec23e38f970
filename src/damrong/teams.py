"""Tambon operations teams (ชุดปฏิบัติการประจำตำบล, ชปต.): one per subdistrict of a district,
from ``geothai``; their members are users of the district.

A team is known by its subdistrict's code and needs no object of its own: the subdistricts come
from ``areas``, and each member's account lists the teams they are in (``User.teams``), which
gives them the ``team:<code>`` principal. A case assigned to a team (the workflow's ``assign``)
grants that principal ``view`` and ``visit`` while it waits (security.team_acl); a member
records visits on it from a phone and reports back (``team-report``).
"""

from . import areas
from .complaints import attach_document
from .i18n import _
from .resources.document import PHOTO
from .thai.dates import format_date
from .thai.digits import format_number
from .workdays import due_in
from .workflow import WorkflowError


#: The transitions that hand a case to a tambon team: ``assign`` by its own center (or the one
#: above it, for a case it sent to a district), ``assign-received`` by the center it was sent to.
TEAM_TRANSITIONS = ("assign", "assign-received")


def district_of(site, complaint, receiving=False):
    """The district center whose teams may take ``complaint``: the center it was sent to for
    action when that center hands it on (``receiving``); else its own center if a district,
    else the district it was sent to; ``None`` if neither is a district."""
    working = site.centers.get(complaint.working_center or "")
    for center in ((working,) if receiving else (complaint.center, working)):
        if center is not None and center.level == "district":
            return center
    return None


def teams_of(district):
    """``[(subdistrict code, name)]`` of a district center."""
    return areas.subdistricts(district.code) if district is not None else []


def members(users, district, code):
    """The district's users who are members of the team of subdistrict ``code``."""
    return [user for user in users.of_centers([district.code]) if code in user.teams]


def set_members(users, district, code, logins):
    """Make exactly the district's users ``logins`` the members of team ``code``."""
    if code not in dict(teams_of(district)):
        raise ValueError(code)
    for user in users.of_centers([district.code]):
        inside = code in user.teams
        if (user.national_id in logins) != inside:
            user.teams = tuple(sorted(set(user.teams) ^ {code}))


def assign_team(workflow, site, complaint, actor, code, note="", days=15, transition="assign"):
    """Assign ``complaint`` to the team of subdistrict ``code`` (of its district), its visit
    report due in ``days`` working days; with ``transition="assign-received"`` the center it
    was sent to hands it to one of its own teams, never later than the sender's due date (the
    team's report is that center's report back)."""
    receiving = transition == "assign-received"
    district = district_of(site, complaint, receiving)
    if code not in dict(teams_of(district)):
        raise WorkflowError(_("กรุณาเลือก ชปต. ของอำเภอที่ดำเนินการเรื่องนี้"))
    due_date = due_in(days)
    if receiving and complaint.due_date is not None:
        due_date = min(due_date, complaint.due_date)
    workflow.apply(complaint, transition, actor, note,
                   changes=[(_("ชปต."), "", team_name(code)),
                            (_("กำหนดรายงานผล"), "", format_date(due_date))],
                   team=code, due_date=due_date)


def team_name(code):
    return f"ชปต. ตำบล{areas.name_of(code)}"


def record_visit(workflow, complaint, actor, day, findings, photos=(), position=None,
                 report=False):
    """A team member's visit: the photos become documents of the case, the visit (date, what
    was found, where) an entry of its history; with ``report``, the team reports back
    (``team-report``) with the findings as its note."""
    if not actor.may("visit", complaint):
        raise WorkflowError(_("ท่านไม่ได้เป็นสมาชิก ชปต. ที่รับผิดชอบเรื่องนี้"))
    if not findings.strip():
        raise WorkflowError(_("กรุณาบันทึกสิ่งที่พบจากการลงพื้นที่"))
    for photo in photos:
        attach_document(complaint, photo, actor.login, kind=PHOTO)
    where = f" พิกัด {position[0]:.6f}, {position[1]:.6f}" if position else ""
    note = (f"ลงพื้นที่วันที่ {format_date(day)}{where} "
            f"ภาพถ่าย {format_number(len(photos))} ภาพ\n{findings.strip()}")
    complaint.change(actor.login, _("บันทึกการลงพื้นที่"), note=note, where=actor.center_code)
    if report:
        workflow.apply(complaint, "team-report", actor, findings.strip())
