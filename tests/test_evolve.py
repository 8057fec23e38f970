"""Evolve steps are recorded by name, so steps added on two branches merge safely."""

from damrong import evolve


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
