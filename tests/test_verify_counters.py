"""``damrong verify-counters`` finds every drifted cell and repairs it; an existing database
gets its complaints counted by the evolve step."""

import transaction

import damrong
from damrong.evolve import bootstrap
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
    key = next(key for key in counters.cells.keys() if key[0] == "70")
    counters.cells[key].change(5)  # drift, as a bug or a bad restore would leave it
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
