"""The set-up commands: ``init`` creates and upgrades the database, ``adduser`` adds a user."""

import random

import transaction
import webtest
import ZODB
import ZODB.FileStorage

import damrong

from damrong import evolve
from damrong.resources.site import get_site
from damrong.scripts.cli import main as cli
from damrong.thai import national_id
from helpers import login, make_settings, write_ini


def _open(var_dir):
    storage = ZODB.FileStorage.FileStorage(str(var_dir / "Data.fs"),
                                           blob_dir=str(var_dir / "blobs"))
    return ZODB.DB(storage)


def test_init_creates_the_center_tree_then_is_idempotent(tmp_path, capsys):
    var_dir = tmp_path / "var"
    ini = write_ini(tmp_path / "fresh.ini", make_settings(var_dir))
    assert cli(["-c", ini, "init"]) in (0, None)
    first = capsys.readouterr().out
    assert f"1006 ศูนย์, evolve steps done {len(evolve.STEPS)}" in first
    assert cli(["-c", ini, "init"]) in (0, None)
    assert capsys.readouterr().out == first  # nothing new made, nothing renumbered
    db = _open(var_dir)
    try:
        site = get_site(db.open())
        assert len(site.centers) == 1006
        assert list(site.evolved) == sorted(step.__name__ for step in evolve.STEPS)
        levels = [center.level for center in site.centers.values()]
        assert [levels.count("province"), levels.count("district")] == [77, 928]
    finally:
        db.close()


def test_init_upgrades_a_database_of_an_older_generation(tmp_path, capsys):
    var_dir = tmp_path / "var"
    ini = write_ini(tmp_path / "old.ini", make_settings(var_dir))
    cli(["-c", ini, "init"])
    db = _open(var_dir)
    connection = db.open()
    site = get_site(connection)
    del site.index_outbox  # as a database made before the search outbox existed
    del site.evolved  # a database of the numbered scheme, generation 3: before the outbox
    site.evolve_generation = evolve.NUMBERED_STEPS.index("add_search_outbox")
    transaction.commit()
    connection.close()
    db.close()
    capsys.readouterr()

    assert cli(["-c", ini, "init"]) in (0, None)
    assert f"evolve steps done {len(evolve.STEPS)}" in capsys.readouterr().out
    db = _open(var_dir)
    try:
        assert get_site(db.open()).index_outbox is not None
    finally:
        db.close()


def test_adduser_adds_a_user_who_must_change_the_temporary_password(ini, var_dir, capsys):
    login_id = national_id.generate(random.Random(2))
    assert cli(["-c", ini, "adduser", login_id, "สมศรี ทดสอบ", "officer", "7001"]) in (0, None)
    out = capsys.readouterr().out
    assert "เพิ่มผู้ใช้ สมศรี ทดสอบ (officer) ที่ศูนย์ 7001 แล้ว" in out
    temporary = out.split("รหัสผ่านชั่วคราว: ")[1].split()[0]
    bad_checksum = login_id[:12] + str((int(login_id[12]) + 1) % 10)
    assert cli(["-c", ini, "adduser", bad_checksum, "ผิด เลข", "clerk", "7001"]) == 2
    assert "ตรวจสอบหลักสุดท้ายไม่ผ่าน" in capsys.readouterr().err

    app = damrong.main({}, **make_settings(var_dir))
    try:
        client = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
        response = login(client, login_id, temporary)
        assert response.status_int == 303
        home = response.follow(status=303)  # the password is changed before anything else
        assert home.location.endswith("/@@password")
    finally:
        app.registry._zodb_databases[""].close()


def test_demo_data_is_never_loaded_into_a_production_configuration_by_default(tmp_path, capsys):
    """Issue 14.15: ``init --demo-if-new`` with production settings made five demo accounts."""
    settings = make_settings(tmp_path / "var")
    settings["damrong.development"] = "false"
    ini = write_ini(tmp_path / "production.ini", settings)
    assert cli(["-c", ini, "init", "--demo-if-new"]) == 0
    assert cli(["-c", ini, "demo"]) == 1
    assert capsys.readouterr().out.count("ไม่ได้ใส่ข้อมูลตัวอย่าง") == 2
    db = _open(tmp_path / "var")
    try:
        site = get_site(db.open())
        assert len(site.users) == 0 and not any(len(c.complaints) for c in site.centers.values())
    finally:
        db.close()
