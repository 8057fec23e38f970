"""Every transition's permission, for every role, at every center level, through HTTP.

The matrix is generated from config/workflow.yaml and the role tables of security.py: for each
transition × source state × role × level (the case belongs to the ministry's center, a
province's or a district's), and for each standing a user can have towards the case (staff of
the center that owns it; staff of the center it was sent to for action; a member of the tambon
team it waits for), a case is brought to the source state the way it is for real, and the user
takes the transition over HTTP, from its own form or the complaint's buttons. What the standing
grants is reckoned from the tables alone (``ROLE_PERMISSIONS`` from every center that sees the
case, ``RECEIVER_PERMISSIONS`` at the center it was sent to, ``TEAM_PERMISSIONS`` for the team):
a step the user is granted must succeed; any other is answered 403 or with the Thai refusal,
and changes nothing. One database per level, built once for the module.
"""

import datetime
import io
import shutil

import pytest
import webtest
from PIL import Image
from pyramid.traversal import find_resource, resource_path

import damrong
from damrong.accounts import add_user
from damrong.casework import reachable, send_for_action
from damrong.security import (CORRECT_CLOSED, RECEIVER_PERMISSIONS, ROLE_PERMISSIONS,
                              TEAM_PERMISSIONS, Actor, team_principal)
from damrong.teams import assign_team
from damrong.thai.dates import BANGKOK, format_typed_date
from damrong.workflow import Workflow
from helpers import PASSWORD, ROOT, Site, login, make_settings, new_complaint, path_to

WORKFLOW = Workflow.load(f"{ROOT}/config")
#: Each level: the center that owns the case and the center it is sent to for action.
LEVELS = {"ministry": ("moi", "70"), "province": ("70", "7001"), "district": ("7001", "70")}
#: The tambon team cases are assigned to: ตำบลหน้าเมือง of อำเภอเมืองราชบุรี (7001).
TEAM = "700101"
TEAM_DISTRICT = TEAM[:4]
#: Steps that hand a case to a team, and which of the level's two centers must be the district.
TEAM_STEPS = {"assign": 0, "assign-received": 1}
REFUSED = "ท่านไม่มีสิทธิ์เปลี่ยนสถานะนี้"
NO_TEAM = "กรุณาเลือก ชปต. ของอำเภอที่ดำเนินการเรื่องนี้"
NOTE = "บันทึกประกอบการทดสอบสิทธิ์"


def _unreachable_steps(level):
    """The team steps a case of ``level`` cannot take: teams belong to district centers."""
    centers = LEVELS[level]
    return {name for name, which in TEAM_STEPS.items() if len(centers[which]) != 4}


def _path(level, source):
    """The steps that bring a case of ``level`` to ``source``: through a team only when no
    other way leads there (so a reported case was reported by the center it was sent to)."""
    unreachable = _unreachable_steps(level)
    return (path_to(WORKFLOW, source, skip=unreachable | set(TEAM_STEPS))
            or path_to(WORKFLOW, source, skip=unreachable))


def _standings(path, source):
    """Who stands towards a case brought to ``source`` by ``path``: always its own center's staff;
    the receiving center's once it was sent there; the team's members while it waits for them."""
    yield "own"
    if "send" in path:
        yield "receiving"
    if source == "assigned":
        yield "team"


def _cases():
    for level in LEVELS:
        for transition in WORKFLOW.transitions.values():
            for source in transition.sources:
                path = _path(level, source)
                if path is None:
                    continue
                for standing in _standings(path, source):
                    for role in ROLE_PERMISSIONS:
                        yield level, transition.name, source, standing, role


CASES = list(_cases())


def test_only_a_ministry_case_never_reaches_a_team():
    """Every state is in the matrix at every level, but a ministry case can never wait for a
    tambon team (it is sent only to provinces, which have none)."""
    missing = {(level, source) for level in LEVELS for source in WORKFLOW.states
               if _path(level, source) is None}
    assert missing == {("ministry", "assigned")}


def _center_of(level, standing):
    own, receiving = LEVELS[level]
    return {"own": own, "receiving": receiving, "team": TEAM_DISTRICT}[standing]


def granted(level, source, standing, role, path):
    """The permissions the tables give a user of ``role`` standing so towards the case."""
    own, receiving = LEVELS[level]
    code = _center_of(level, standing)
    lineage = {"moi": ["moi"], "70": ["moi", "70"], "7001": ["moi", "70", "7001"]}[own]
    permissions = set(ROLE_PERMISSIONS[role]) if code in lineage else set()
    if "send" in path and code == receiving:
        permissions |= set(RECEIVER_PERMISSIONS.get(role, ()))
    if standing == "team" and WORKFLOW.awaits(source):
        permissions |= set(TEAM_PERMISSIONS)
    if WORKFLOW.read_only(source) and CORRECT_CLOSED not in ROLE_PERMISSIONS[role]:
        permissions.discard("edit")
    return permissions


class World:
    """One level's database: a case per matrix entry, each user logged in once."""

    def __init__(self, level, var_dir):
        self.level = level
        self.app = damrong.main({}, **make_settings(var_dir))
        self.clients = {}
        self.paths = {}
        own, receiving = LEVELS[level]
        chief = Actor.staff("3100600123458", "supervisor", own)
        arrangers = {"report": Actor.staff("3100600123466", "officer", receiving),
                     "close": Actor.staff("3100600123474", "supervisor", own),
                     "team-report": Actor("3100600123482", (*chief.principals,
                                                              team_principal(TEAM)), own)}
        arrangers["assign-received"] = arrangers["report"]
        logins = iter(range(1, 10_000))
        with Site(self.app) as s:
            for standing in ("own", "receiving", "team"):
                for role in ROLE_PERMISSIONS:
                    login_id = _national_id(level, next(logins))
                    user, _ = add_user(s, login_id, f"ทดสอบ {role}", role,
                                       _center_of(level, standing), password=PASSWORD)
                    user.must_change_password = False
                    if standing == "team":
                        user.teams = (TEAM,)
                    self.clients[standing, role] = login_id
            for case in CASES:
                if case[0] != level:
                    continue
                _, name, source, standing, role = case
                complaint = find_resource(s, new_complaint(s, own, f"ทดสอบสิทธิ์ {name} {role}"))
                for step in _path(level, source):
                    _arrange(s, complaint, step, arrangers.get(step, chief), receiving)
                assert complaint.status == source, case
                self.paths[case] = resource_path(complaint)
            self.agency = next(iter(s.agencies.keys()))
            self.targets = {code: [c.code for c in reachable(s, code)] for code in LEVELS[level]}
        for key, login_id in self.clients.items():
            client = webtest.TestApp(self.app, extra_environ={"HTTP_HOST": "localhost"})
            page = login(client, login_id).maybe_follow()
            token = page.html.find("input", {"name": "csrf_token"})["value"]
            self.clients[key] = (client, token)
        self.site = Site(self.app)
        self.s = self.site.__enter__()
        #: Each case by its database id: a transfer moves it to another path.
        self.oids = {path: find_resource(self.s, path)._p_oid for path in self.paths.values()}

    def status(self, path):
        self.site.tm.abort()
        return self.site.connection.get(self.oids[path]).status

    def close(self):
        self.site.__exit__(None, None, None)
        self.app.registry._zodb_databases[""].close()


def _national_id(level, number):
    """A synthetic ID with a valid checksum, distinct per level and user."""
    digits = f"19{list(LEVELS).index(level)}{number:09d}"
    total = sum(int(d) * w for d, w in zip(digits, range(13, 1, -1)))
    return digits + str((11 - total % 11) % 10)


def _arrange(s, complaint, step, actor, receiving):
    if step == "send":
        send_for_action(WORKFLOW, s, complaint, actor, receiving, note=NOTE)
    elif step in TEAM_STEPS:
        assign_team(WORKFLOW, s, complaint, actor, TEAM, note=NOTE, transition=step)
    else:
        WORKFLOW.apply(complaint, step, actor, note=NOTE)


def _photo():
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (200, 200, 190)).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


PHOTO = _photo()


def _take(world, client, token, path, transition, center):
    """Take ``transition`` on the case at ``path`` the way its page offers it."""
    data = {"csrf_token": token, "note": NOTE, "name": transition.name}
    form = transition.form
    if form == "move":
        target = next(c for c in world.targets[center] if c != LEVELS[world.level][0])
        data.update(center=target, days="10")
    elif form == "forward":
        data.update(agency=world.agency, days="15")
    elif form == "team":
        data.update(team=TEAM, days="15")
    elif form == "visit":
        data.update(day=format_typed_date(datetime.datetime.now(BANGKOK)), findings=NOTE,
                    report="1")
    elif form == "reply":
        return client.post(path + "/@@reply", data, status="*",
                           upload_files=[("file", "reply.jpg", PHOTO)])
    return client.post(f"{path}/@@{form or 'transition'}", data, status="*")


@pytest.fixture(scope="module")
def worlds(template_var, tmp_path_factory):
    built = {}

    def world(level):
        if level not in built:
            var_dir = tmp_path_factory.mktemp(f"matrix-{level}") / "var"
            shutil.copytree(template_var, var_dir)
            built[level] = World(level, var_dir)
        return built[level]
    yield world
    for world in built.values():
        world.close()


@pytest.mark.parametrize("level, name, source, standing, role", CASES,
                         ids=["-".join(case) for case in CASES])
def test_a_transition_is_taken_exactly_by_those_granted_it(worlds, level, name, source,
                                                           standing, role):
    world = worlds(level)
    case = (level, name, source, standing, role)
    transition = WORKFLOW.transitions[name]
    path = world.paths[case]
    permissions = granted(level, source, standing, role, _path(level, source))
    client, token = world.clients[standing, role]
    response = _take(world, client, token, path, transition, _center_of(level, standing))
    if transition.permission not in permissions:
        if transition.form or "view" not in permissions:
            assert response.status_int == 403, case
        else:
            assert REFUSED in _refusal(response), case
        assert world.status(path) == source, case
    elif name in TEAM_STEPS and name in _unreachable_steps(level):
        assert response.status_int == 400 and NO_TEAM in response.text, case
        assert world.status(path) == source, case
    else:
        assert response.status_int == 303, case
        assert world.status(path) == transition.target, case
        assert "flash" in response.follow().text, case     # the step's notice, read (and gone)


def _refusal(response) -> str:
    """The flash of a refused button step: after the redirect back to the case, or on the case
    page shown again with status 400 (a closure proposal keeps its typed texts that way)."""
    if response.status_int == 400:
        return response.html.find(class_="flash").text
    assert response.status_int == 303
    return response.follow().html.find(class_="flash").text
