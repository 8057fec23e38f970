"""The workflow checks itself: its YAML is refused with the line to fix, every transition is
allowed exactly to the roles with its permission (at the complaint's center or above), notes are
required where the config says so, and each transition sends ``StatusChanged``."""

import os

import pytest
from pyramid.traversal import find_resource

from damrong.casework import send_for_action
from damrong.resources.events import ObjectModified, StatusChanged
from damrong.security import ROLE_PERMISSIONS, Actor, team_principal
from damrong.teams import assign_team
from damrong.workflow import Workflow, WorkflowConfigError, WorkflowError
from helpers import ROOT, new_complaint, path_to

with open(os.path.join(ROOT, "config", "workflow.yaml"), encoding="utf-8") as _f:
    CONFIG = _f.read()
WORKFLOW = Workflow.from_yaml(CONFIG)
#: Signs the steps that bring a complaint to the state a test starts from; a report comes from
#: the province the ministry sent the case to, an approval from another supervisor than the one
#: who proposed the closure.
ARRANGER = Actor.staff("1101700203450", "supervisor", "moi")
RECEIVER = Actor.staff("1101700203450", "officer", "70")
APPROVER = Actor.staff("3100600123466", "supervisor", "moi")
#: A member of the tambon team of ตำบลหน้าเมือง (700101), who reports a visit back.
MEMBER = Actor("3100600123474", Actor.staff("3100600123474", "officer", "7001").principals
               + (team_principal("700101"),), "7001")


def _line_of(text, needle):
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("needle, replacement, complaint", [
    ("initial: received", "initial: recieved", "initial state 'recieved'"),
    ("to: screening,", "to: screeening,", "unknown state 'screeening'"),
    ("from: [closed],", "from: [closd],", "unknown state 'closd'"),
    ("{name: work,", "{name: screen,", "'screen' is defined twice"),
    ("permission: approve, needs_note: true}\n  - {name: close",
     "permission: aprove, needs_note: true}\n  - {name: close", "unknown permission 'aprove'"),
])
def test_a_broken_workflow_is_refused_naming_the_line(needle, replacement, complaint):
    assert CONFIG.count(needle) == 1
    broken = CONFIG.replace(needle, replacement)
    with pytest.raises(WorkflowConfigError) as refused:
        Workflow.from_yaml(broken, "workflow.yaml")
    line = _line_of(CONFIG, needle.splitlines()[0])
    assert f"workflow.yaml, line {line}: " in str(refused.value)
    assert complaint in str(refused.value)


def arrange(s, complaint, step):
    """Take ``step`` as it is taken for real: a case is sent to a center to report back."""
    if step == "send":
        send_for_action(WORKFLOW, s, complaint, ARRANGER, "70", note="เตรียมสถานะ")
    elif step == "assign":
        assign_team(WORKFLOW, s, complaint, ARRANGER, "700101", note="เตรียมสถานะ")
    elif step == "team-report":
        WORKFLOW.apply(complaint, step, MEMBER, note="เตรียมสถานะ")
    else:
        signer = {"report": RECEIVER, "close": APPROVER}.get(step, ARRANGER)
        WORKFLOW.apply(complaint, step, signer, note="เตรียมสถานะ")


@pytest.fixture
def heard(app):
    """Events a transition sends, in order (the app's registry, as subscribers see them)."""
    events = []
    app.registry.registerHandler(events.append, (ObjectModified,))
    app.registry.registerHandler(events.append, (StatusChanged,))
    return events


@pytest.mark.parametrize("name", WORKFLOW.transitions)
def test_a_transition_from_each_of_its_states_for_each_role(site, heard, name):
    """One database per transition; a new complaint for each source state × role."""
    transition = WORKFLOW.transitions[name]
    for source in transition.sources:
        for role in ROLE_PERMISSIONS:
            with site() as s:
                _check(s, heard, transition, source, role)


def _check(s, heard, transition, source, role):
    case = (transition.name, source, role)
    allowed = transition.permission in ROLE_PERMISSIONS[role]
    complaint = find_resource(s, new_complaint(s, "7001", "ขอให้ซ่อมถนน"))
    for step in path_to(WORKFLOW, source):
        arrange(s, complaint, step)
    assert complaint.status == source, case
    history = len(complaint.history)
    del heard[:]
    actor = Actor.staff("3100600123458", role, "7001")
    assert (transition in WORKFLOW.available(complaint, actor)) == allowed, case
    if not allowed:
        with pytest.raises(WorkflowError) as refused:
            WORKFLOW.apply(complaint, transition.name, actor, note="บันทึกประกอบ")
        assert refused.value.message == "ท่านไม่มีสิทธิ์เปลี่ยนสถานะนี้", case
        assert (complaint.status, len(complaint.history), heard) == (source, history, []), case
        return
    if transition.needs_note:
        with pytest.raises(WorkflowError) as refused:
            WORKFLOW.apply(complaint, transition.name, actor, note="  ")
        assert refused.value.message == "กรุณาระบุรายละเอียดประกอบการเปลี่ยนสถานะ", case
        assert (complaint.status, heard) == (source, []), case
    assert WORKFLOW.apply(complaint, transition.name, actor, note="บันทึกประกอบ") is transition
    assert complaint.status == transition.target, case
    entry = list(complaint.history)[-1]
    assert entry["who"] == "3100600123458" and entry["action"] == transition.label, case
    assert entry["changes"] == (("สถานะ", WORKFLOW.label(source),
                                 WORKFLOW.label(transition.target)),), case
    assert entry["note"] == "บันทึกประกอบ", case
    assert [type(event) for event in heard] == [ObjectModified, StatusChanged], case
    changed = heard[1]
    assert (changed.complaint, changed.before, changed.after, changed.transition) == (
        complaint, source, transition.target, transition), case
    assert complaint in s.listing.query("7001", filters={"status": transition.target}).complaints


def test_a_transition_not_from_the_current_state_is_refused(site):
    with site() as s:
        complaint = find_resource(s, new_complaint(s, "7001", "ขอให้ซ่อมถนน"))
        with pytest.raises(WorkflowError) as refused:
            WORKFLOW.apply(complaint, "close", ARRANGER, note="สรุปผล")
        assert refused.value.message == "ไม่สามารถเปลี่ยนสถานะนี้ได้จากสถานะปัจจุบันของเรื่อง"
        with pytest.raises(WorkflowError):
            WORKFLOW.apply(complaint, "no-such-transition", ARRANGER)
        assert complaint.status == "received"


@pytest.mark.parametrize("center, allowed", [("7001", True), ("70", True), ("moi", True),
                                             ("7002", False), ("50", False)])
def test_the_permission_is_checked_at_the_complaints_center(site, center, allowed):
    with site() as s:
        complaint = find_resource(s, new_complaint(s, "7001", "ขอให้ซ่อมถนน"))
        actor = Actor.staff("3100600123458", "officer", center)
        if allowed:
            WORKFLOW.apply(complaint, "screen", actor)
            assert complaint.status == "screening"
        else:
            with pytest.raises(WorkflowError):
                WORKFLOW.apply(complaint, "screen", actor)
            assert complaint.status == "received"


def test_a_user_who_must_change_the_password_can_take_no_transition(site, make_user):
    login_id = make_user("supervisor", "7001", must_change=True)
    with site() as s:
        complaint = find_resource(s, new_complaint(s, "7001", "ขอให้ซ่อมถนน"))
        actor = Actor.of(s.users[login_id])
        assert WORKFLOW.available(complaint, actor) == []
        with pytest.raises(WorkflowError):
            WORKFLOW.apply(complaint, "screen", actor)


def test_the_loaded_configuration_is_the_one_the_app_uses(app):
    assert app.registry.workflow.transitions == WORKFLOW.transitions
    assert app.registry.workflow.initial == WORKFLOW.initial
