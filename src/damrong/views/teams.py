"""Tambon teams: assigning a case to one, the district chief's page of members, and the
members' phone page (their cases, a visit with photos and an optional GPS position)."""

import datetime

from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden, HTTPSeeOther
from pyramid.view import view_config

from ..i18n import _
from ..resources.center import Center
from ..resources.complaint import Complaint
from ..security import Actor
from ..teams import (TEAM_TRANSITIONS, assign_team, district_of, members, record_visit,
                     set_members, team_name, teams_of)
from ..thai.dates import BANGKOK, TypedDateError, format_typed_date, parse_typed_date
from ..workflow import WorkflowError
from .complaint import uploads_from
from ..flash import notice, problem

#: Days a team has to report back unless the officer sets another.
TEAM_DAYS = 15


@view_config(context=Complaint, name="team", permission="view",
             renderer="damrong:templates/team_assign.pt")
def assign(request):
    """Hand the case to a tambon team. Its own center needs ``edit`` (``assign``); the center it
    was sent to needs only ``assign-team`` (``assign-received``), so the view asks for the
    chosen transition's own permission."""
    complaint = request.context
    workflow = request.registry.workflow
    name = request.params.get("name", "assign")
    if name not in TEAM_TRANSITIONS:
        raise HTTPBadRequest()
    if not request.has_permission(workflow.transitions[name].permission, complaint):
        raise HTTPForbidden()
    district = district_of(request.root, complaint, receiving=name == "assign-received")
    values = {"team": request.POST.get("team", ""), "note": request.POST.get("note", ""),
              "days": request.POST.get("days", str(TEAM_DAYS))}
    if request.method == "POST":
        try:
            days = int(values["days"])
            if not 1 <= days <= 365:
                raise ValueError(days)
            assign_team(workflow, request.root, complaint, Actor.of(request.identity),
                        values["team"], values["note"], days, transition=name)
        except ValueError:
            problem(request, _("จำนวนวันที่กำหนดรายงานผลไม่ถูกต้อง"))
        except WorkflowError as error:
            problem(request, error.message)
        else:
            notice(request, _("มอบหมาย ${team} แล้ว", mapping={"team": team_name(values["team"])}))
            return HTTPSeeOther(request.resource_url(complaint))
        request.response.status = 400
    return {"c": complaint, "teams": teams_of(district), "values": values, "name": name}


@view_config(context=Center, name="teams", permission="approve",
             renderer="damrong:templates/teams.pt")
def teams(request):
    """The district's teams, one per subdistrict, and who is in each."""
    center = request.context
    users = request.root.users
    if request.method == "POST":
        code = request.POST.get("team", "")
        try:
            set_members(users, center, code, set(request.POST.getall("member")))
        except ValueError:
            problem(request, _("ไม่พบ ชปต. นี้ในอำเภอ"))
        else:
            notice(request, _("บันทึกสมาชิก ${team} แล้ว", mapping={"team": team_name(code)}))
        return HTTPSeeOther(request.resource_url(center, "@@teams") + f"#t{code}")
    staff = sorted((u for u in users.of_centers([center.code]) if u.active),
                   key=lambda u: u.full_name)
    return {"center": center, "staff": staff,
            "teams": [(code, name, {u.national_id for u in members(users, center, code)})
                      for code, name in teams_of(center)]}


@view_config(context=Center, name="field", permission="view",
             renderer="damrong:templates/field.pt")
def field(request):
    """A team member's cases, newest first, for a phone: one listing query per team."""
    listing = request.root.listing
    user = request.identity
    groups = [(team_name(code),
               listing.query(request.context.code, filters={"team": code, "status": "assigned"},
                             limit=50).complaints)
              for code in user.teams]
    return {"center": request.context, "groups": groups}


@view_config(context=Complaint, name="visit", permission="visit",
             renderer="damrong:templates/visit.pt")
def visit(request):
    """The case as a member needs it (no complainant's identity) and the visit form."""
    complaint = request.context
    today = format_typed_date(datetime.datetime.now(BANGKOK))
    values = {"day": request.POST.get("day", today), "findings": request.POST.get("findings", "")}
    if request.method == "POST":
        store = request.registry.uploads
        photos = uploads_from(request, required=False)
        try:
            day, _clock = parse_typed_date(values["day"])
            record_visit(request.registry.workflow, complaint, Actor.of(request.identity), day,
                         values["findings"], photos, _position(request.POST),
                         report=bool(request.POST.get("report")))
        except TypedDateError:
            problem(request, _("วันที่ลงพื้นที่ไม่ถูกต้อง พิมพ์เป็น วัน/เดือน/ปี พ.ศ."))
        except WorkflowError as error:
            problem(request, error.message)
        else:
            for photo in photos:
                request.tm.get().addAfterCommitHook(lambda ok, uid=photo.uid: store.discard(uid))
            notice(request, _("บันทึกการลงพื้นที่แล้ว"))
            return HTTPSeeOther(request.resource_url(request.user_center, "@@field"))
        for photo in photos:
            store.discard(photo.uid)
        request.response.status = 400
    return {"c": complaint, "values": values}


def _position(post):
    """The phone's GPS position, if the member shared it: ``(lat, lon)`` or ``None``."""
    try:
        lat, lon = float(post.get("lat", "")), float(post.get("lon", ""))
    except ValueError:
        return None
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None
