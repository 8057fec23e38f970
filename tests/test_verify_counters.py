"""``damrong verify-counters`` finds every drifted cell and repairs it; an existing database
gets its complaints counted by the evolve step, and counters of the old form (one ``Length`` per
cell) become one record per center-month with the same figures."""

import transaction
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree

import damrong
from damrong.evolve import bootstrap, count_summaries_by_center_month
from damrong.reports.counters import SummaryCounters
from damrong.reports import periods
from damrong.reports.summary import table_counts
from damrong.resources.site import get_site
from damrong.scripts.cli import main as cli
from damrong.thai.fiscal import fiscal_year
from helpers import make_settings, new_complaint


def test_verify_counters_reports_a_drifted_cell_and_repairs_it(app, site, ini, capsys):
    with site() as s:
        new_complaint(s, "7001", "ขอให้ซ่อมถนน")
    app.registry._zodb_databases[""].close()
    assert cli(["-c", ini, "verify-counters"]) == 0
    assert "ไม่ตรง 0 ช่อง" in capsys.readouterr().out

    other = damrong.main({}, **make_settings(app.registry.settings["damrong.var_dir"]))
    db = other.registry._zodb_databases[""]
    connection = db.open()
    counters = get_site(connection).summaries
    key = next(key for key, _n in counters.items("cells") if key[0] == "70")
    counters.set("cells", key, 6)  # drift, as a bug or a bad restore would leave it
    transaction.commit()
    connection.close()
    db.close()

    assert cli(["-c", ini, "verify-counters", "--center", "70"]) == 1
    assert f"ไม่ตรง cells {key}: นับไว้ 6 นับใหม่ 1" in capsys.readouterr().out
    assert cli(["-c", ini, "verify-counters", "--repair"]) == 0
    assert cli(["-c", ini, "verify-counters"]) == 0
    assert "ไม่ตรง 0 ช่อง" in capsys.readouterr().out


def test_the_evolve_step_counts_the_complaints_of_an_existing_database(app, site):
    with site() as s:
        new_complaint(s, "7001", "ขอให้ซ่อมถนน")
        new_complaint(s, "7002", "ไฟฟ้าดับ")
        del s.summaries, s.frozen  # as a database made before the summaries
        del s.evolved["count_complaints_in_summaries"]
        for center in s.centers.values():
            for complaint in center.complaints.values():
                del complaint._summary_cell
    with site() as s:
        bootstrap(s._p_jar)
    with site() as s:
        day = next(iter(s.centers["7001"].complaints.values())).received_at
        period = periods.fiscal_year(fiscal_year(day))
        assert table_counts(s, "70", "district", period) == {"d01": {"in-progress": 2}}


def _old_form_counters():
    """``SummaryCounters`` as stored before the center-month records: ``cells`` (code, table,
    month, category, state) and ``totals`` (code, month, state), each count a ``Length``."""
    old = SummaryCounters.__new__(SummaryCounters)
    old.cells, old.totals = OOBTree(), OOBTree()
    for code in ("moi", "70", "7001"):
        old.cells[(code, "district", 202410, "d01", "closed")] = Length(2)
        old.cells[(code, "district", 202503, "d02", "in-progress")] = Length(1)
        old.cells[(code, "district", 202503, "d05", "closed")] = Length(0)  # moved away since
        old.totals[(code, 202410, "closed")] = Length(2)
        old.totals[(code, 202503, "in-progress")] = Length(1)
        old.totals[(code, 202503, "closed")] = Length(0)
    old.cells[("moi", "province", 202503, "p04", "closed")] = Length(4)
    old.cells[("70", "province", 202503, "p04", "closed")] = Length(4)
    old.totals[("moi", 202503, "closed")] = Length(4)
    old.totals[("70", 202503, "closed")] = Length(4)
    return old


def test_the_evolve_step_turns_old_form_counters_into_center_months(app, site):
    with site() as s:
        s.summaries = _old_form_counters()
        del s.evolved["count_summaries_by_center_month"]
    with site() as s:
        bootstrap(s._p_jar)
    for _ in range(2):  # run again, it changes nothing
        with site() as s:
            counters = s.summaries
            assert not hasattr(counters, "cells") and not hasattr(counters, "totals")
            assert set(counters.months.keys()) == {
                (code, month) for code in ("moi", "70", "7001") for month in (202410, 202503)}
            for code in ("moi", "70", "7001"):
                assert counters.table(code, "district", 202410, 202509) == {
                    "d01": {"closed": 2}, "d02": {"in-progress": 1}}
                assert counters.table(code, "district", 202411, 202509) == {
                    "d02": {"in-progress": 1}}
            assert counters.table("70", "province", 202410, 202509) == {"p04": {"closed": 4}}
            assert counters.table("7001", "province", 202410, 202509) == {}
            assert counters.total("moi", 202410, 202509) == {"closed": 6, "in-progress": 1}
            assert counters.total("7001", 202410, 202502) == {"closed": 2}
            assert counters.month_cells("70", 202503) == {
                ("district", "d02", "in-progress"): 1, ("province", "p04", "closed"): 4}
            count_summaries_by_center_month(s)


def test_verifying_one_province_leaves_the_ministrys_figures_alone(app, site, ini, capsys):
    """A recount of one province's complaints is only part of the ministry's: checking or
    repairing that province must not call the ministry's figures drifted, nor set them to it."""
    with site() as s:
        new_complaint(s, "7001", "ขอให้ซ่อมถนน")
        new_complaint(s, "5001", "ไฟฟ้าดับ")
    app.registry._zodb_databases[""].close()
    assert cli(["-c", ini, "verify-counters", "--center", "70", "--repair"]) == 0
    assert "ไม่ตรง 0 ช่อง" in capsys.readouterr().out
    assert cli(["-c", ini, "verify-counters"]) == 0
    assert "ไม่ตรง 0 ช่อง" in capsys.readouterr().out
