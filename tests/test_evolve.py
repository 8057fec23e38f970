"""Evolve steps are recorded by name, so steps added on two branches merge safely."""

from BTrees.OOBTree import OOBTree
from pyramid.traversal import find_resource, resource_path

from damrong import evolve
from damrong.tracking import CodeTree, TrackingCodes, _number
from helpers import new_complaint


def test_steps_from_two_branches_each_run_once_whatever_their_order(site, db, monkeypatch):
    ran = []

    def from_branch_a(s):
        ran.append("a")

    def from_branch_b(s):
        ran.append("b")

    connection = db.open()
    try:
        monkeypatch.setattr(evolve, "STEPS", evolve.STEPS + [from_branch_a])
        evolve.bootstrap(connection)  # the database was upgraded on branch a
        monkeypatch.setattr(evolve, "STEPS", evolve.STEPS[:-1] + [from_branch_b, from_branch_a])
        evolve.bootstrap(connection)  # then the merge, which lists b first
        evolve.bootstrap(connection)
    finally:
        connection.close()
    assert ran == ["a", "b"]
    with site() as s:
        assert {"from_branch_a", "from_branch_b", "create_center_tree"} <= set(s.evolved)


def test_a_numbered_database_records_its_finished_steps_by_name(site, db, monkeypatch):
    with site() as s:
        del s.evolved
        s.evolve_generation = 2
    ran = []

    def recorder(name):
        def step(s):
            ran.append(name)
        step.__name__ = name
        return step

    monkeypatch.setattr(evolve, "STEPS", [evolve.record_numbered_generation]
                        + [recorder(name) for name in evolve.NUMBERED_STEPS])
    connection = db.open()
    try:
        upgraded, _created = evolve.bootstrap(connection)
        assert "evolve_generation" not in upgraded.__dict__
        assert set(upgraded.evolved) == {"record_numbered_generation", *evolve.NUMBERED_STEPS}
    finally:
        connection.close()
    assert ran == list(evolve.NUMBERED_STEPS[2:])  # the first two were done before



def test_tracking_codes_of_an_older_database_lead_to_the_same_complaints(site, db):
    """Before 15c the map was an OOBTree keyed by the codes' letters; the step keys it by the
    number each code spells, and every code still finds its case."""
    with site() as s:
        paths = [new_complaint(s, "7001", f"เรื่องที่ {n}") for n in range(3)]
    with site() as s:
        codes = {find_resource(s, path).tracking_code: path for path in paths}
        s.tracking = OOBTree({code: find_resource(s, path) for code, path in codes.items()})
        del s.evolved["key_tracking_codes_by_number"]
    connection = db.open()
    try:
        upgraded, _created = evolve.bootstrap(connection)
        assert isinstance(upgraded.tracking, TrackingCodes)
        assert {code: resource_path(upgraded.tracking[code]) for code in codes} == codes
        assert sorted(upgraded.tracking) == sorted(codes)
        assert upgraded.tracking.get("ACDE-FGHJ") is None and "ACDEFGHJ" not in upgraded.tracking
    finally:
        connection.close()


def test_tracking_codes_of_a_map_of_complaints_lead_to_the_same_complaints(site, db):
    """From 15c until complaint ids the map held the complaints themselves (a ``CodeTree`` under
    ``_by_number``); the step keeps each code's number and stores the complaint's id."""
    with site() as s:
        paths = [new_complaint(s, "7001", f"เรื่องที่ {n}") for n in range(3)]
    with site() as s:
        codes = {find_resource(s, path).tracking_code: path for path in paths}
        older = TrackingCodes()
        del older._ids
        older._by_number = CodeTree({_number(code): find_resource(s, path)
                                     for code, path in codes.items()})
        s.tracking = older
        del s.evolved["track_complaints_by_id"]
    connection = db.open()
    try:
        upgraded, _created = evolve.bootstrap(connection)
        assert not hasattr(upgraded.tracking, "_by_number")
        assert {code: resource_path(upgraded.tracking[code]) for code in codes} == codes
        assert sorted(upgraded.tracking) == sorted(codes) and len(upgraded.tracking) == 3
    finally:
        connection.close()
