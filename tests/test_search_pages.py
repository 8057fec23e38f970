"""Search through the app: indexed after commit by the worker, as each user may see it."""

import json

import pytest

from damrong.scripts.cli import main as cli
from damrong.search import analyzer
from damrong.thai.digits import to_thai_digits
from helpers import register, register_with, scanned_page, user_app


def test_district_officer_finds_only_own_district_and_counts_respect_it(
        app, make_user, indexed):
    clerk_7001 = user_app(app, make_user, "clerk", "7001")
    clerk_7002 = user_app(app, make_user, "clerk", "7002")
    register(clerk_7001, "ขอให้ซ่อมถนนหน้าโรงเรียน")
    register(clerk_7001, "ร้องเรียนเสียงดังจากโรงงาน", details="เสียงดังทั้งคืน")
    register(clerk_7002, "ขอให้ซ่อมถนนในหมู่บ้าน", center="7002")
    indexed()
    officer = user_app(app, make_user, "officer", "7001")
    page = officer.get("/moi/70/7001/@@search", {"q": "ถนน"})
    assert "ซ่อมถนนหน้าโรงเรียน" in page.text and "ในหมู่บ้าน" not in page.text
    found = officer.get("/moi/70/7001/@@search.json", {"q": "ถนน"}).json
    assert found["total"] == 1 and found["facets"]["center"] == {"7001": 1}
    assert "<mark>" in found["hits"][0]["snippet"]
    assert officer.get("/moi/70/7002/@@search.json", {"q": "ถนน"}, status=403)
    province = user_app(app, make_user, "officer", "70")
    found = province.get("/moi/70/@@search.json", {"q": "ซ่อม ถนน"}).json
    assert found["total"] == 2 and found["facets"]["center"] == {"7001": 1, "7002": 1}
    found = province.get("/moi/70/@@search.json", {"q": "ถนน", "center": "7002"}).json
    assert [h["subject"] for h in found["hits"]] == ["ขอให้ซ่อมถนนในหมู่บ้าน"]
    assert province.get("/moi/70/@@search.json", {"q": "ถนน -หมู่บ้าน"}).json["total"] == 1


def test_scanned_page_text_is_found_with_either_digits_and_links_to_its_page(
        app, make_user, indexed):
    clerk = user_app(app, make_user, "clerk", "7001")
    register_with(clerk, "petition.jpg", scanned_page(), "image/jpeg")
    indexed()
    officer = user_app(app, make_user, "officer", "7001")
    for query in ("26 สิงหาคม 2567", "๒๖ สิงหาคม ๒๕๖๗"):
        found = officer.get("/moi/70/7001/@@search.json", {"q": query}).json
        assert found["total"] == 1, query
        assert found["hits"][0]["page_url"].endswith("/d1/?n=1")
    page = officer.get("/moi/70/7001/@@search", {"q": "สิงหาคม"})
    assert "ดูหน้าสแกน ๑ ของ petition.jpg" in page.text


def test_complainant_name_is_searchable_only_by_roles_that_see_personal_data(
        app, make_user, indexed):
    clerk = user_app(app, make_user, "clerk", "7001")
    register(clerk, "ขอความช่วยเหลือค่ารักษาพยาบาล", name="สมมติ ใจดีงาม")
    indexed()
    officer = user_app(app, make_user, "officer", "7001")
    assert officer.get("/moi/70/7001/@@search.json", {"q": "ใจดีงาม"}).json["total"] == 1
    executive = user_app(app, make_user, "executive", "70")
    assert executive.get("/moi/70/@@search.json", {"q": "ใจดีงาม"}).json["total"] == 0
    assert executive.get("/moi/70/@@search.json", {"q": "ค่ารักษาพยาบาล"}).json["total"] == 1


def test_an_edit_reaches_the_index_only_after_the_worker_runs(app, make_user, indexed, site):
    clerk = user_app(app, make_user, "clerk", "7001")
    register(clerk, "ขอให้ตรวจสอบบ่อขยะ")
    officer = user_app(app, make_user, "officer", "7001")
    assert officer.get("/moi/70/7001/@@search.json", {"q": "บ่อขยะ"}).json["total"] == 0
    indexed()
    assert officer.get("/moi/70/7001/@@search.json", {"q": "บ่อขยะ"}).json["total"] == 1
    with site() as s:
        assert not s.index_outbox.pending


def test_command_line_search_reindex_and_check_index(app, make_user, indexed, site, ini, capsys):
    clerk = user_app(app, make_user, "clerk", "7001")
    register(clerk, "ขอให้ขุดลอกคลองส่งน้ำ")
    register(clerk, "ขอให้ซ่อมไฟฟ้าส่องสว่าง")
    register(clerk, "ขอให้ตัดต้นไม้ริมทาง")
    indexed()
    officer_id = make_user("officer", "7001")
    with site() as s:  # drift as a crash or a bug could leave it: changes the index never saw
        complaints = s.centers["7001"].complaints
        first, _, last = sorted(complaints.data.keys())
        stale = complaints[first]  # a group changed in place: no door, no event, no mark
        stale.complaint["details"] = "แก้ไขโดยไม่ผ่านประตูเดียว"
        stale._p_changed = True
        complaints.remove(last)                  # phantom
        s.index_outbox.pending.clear()
    app.registry._zodb_databases[""].close()  # the command opens the FileStorage itself
    app.registry.indexer.close()

    assert cli(["-c", ini, "search", "คลอง", "--user", officer_id, "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["total"] == 1 and found["hits"][0]["subject"] == "ขอให้ขุดลอกคลองส่งน้ำ"
    assert cli(["-c", ini, "check-index"]) == 1
    report = capsys.readouterr().out
    assert "(stale): 1" in report and "(phantom): 1" in report and "(missing): 0" in report
    assert cli(["-c", ini, "reindex"]) == 0
    assert "ทำดัชนีครบ 2 เรื่อง" in capsys.readouterr().out
    assert cli(["-c", ini, "check-index"]) == 0
    assert "ดัชนีตรงกับฐานข้อมูล" in capsys.readouterr().out
    assert cli(["-c", ini, "search", "ต้นไม้", "--user", officer_id, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 0


@pytest.mark.slow
def test_reindex_rebuilds_an_index_built_by_another_analyzer(
        app, make_user, indexed, site, ini, capsys, monkeypatch):
    clerk = user_app(app, make_user, "clerk", "7001")
    register(clerk, "ขอให้ขุดลอกคลองส่งน้ำ")
    indexed()
    officer_id = make_user("officer", "7001")
    app.registry._zodb_databases[""].close()  # the command opens the FileStorage itself
    app.registry.indexer.close()
    monkeypatch.setattr(analyzer, "ANALYZER_ID", analyzer.ANALYZER_ID + "-next")  # ICU upgraded
    assert cli(["-c", ini, "reindex"]) == 0
    assert "ทำดัชนีครบ 1 เรื่อง" in capsys.readouterr().out
    assert cli(["-c", ini, "search", "คลอง", "--user", officer_id, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 1


class Crash(BaseException):
    """The worker process dies."""


def test_crash_between_index_commit_and_database_commit_loses_nothing(
        app, make_user, indexed, site, monkeypatch):
    clerk = user_app(app, make_user, "clerk", "7001")
    register(clerk, "ขอให้ซ่อมประตูระบายน้ำ")

    def die(self, batch):
        raise Crash()

    with monkeypatch.context() as patched:
        patched.setattr("damrong.indexing.IndexOutbox.settle", die)
        with pytest.raises(Crash):
            indexed()
    with site() as s:
        assert len(s.index_outbox.pending) == 1  # the mark survived the crash
    indexed()
    with site() as s:
        assert not s.index_outbox.pending
    officer = user_app(app, make_user, "officer", "7001")
    found = officer.get("/moi/70/7001/@@search.json", {"q": "ประตูระบายน้ำ"}).json
    assert found["total"] == 1  # indexed twice, found once


def test_an_exact_receipt_number_or_tracking_code_goes_straight_to_its_complaint(
        app, make_user, indexed, site):
    """Issue 13 item 9: ๑๕/๒๕๖๙ found every complaint of 2569."""
    clerk = user_app(app, make_user, "clerk", "7001")
    for subject in ("ขอให้ซ่อมถนน", "ขอให้ขุดลอกคลอง", "ขอให้ติดไฟถนน"):
        register(clerk, subject)
    indexed()
    with site() as s:
        second = next(c for c in s.centers["7001"].complaints.values() if c.receipt_number == 2)
        year, code = second.receipt_year, second.tracking_code
    for query in (to_thai_digits(f"2/{year}"), f"2/{year}", f" {code[:4]}-{code[4:]} ",
                  code.lower()):
        response = clerk.get("/moi/70/7001/@@search", {"q": query}, status=303)
        assert "ขอให้ขุดลอกคลอง" in response.follow().text, query
    province = user_app(app, make_user, "officer", "70")
    assert "ขอให้ขุดลอกคลอง" in province.get("/moi/70/@@search", {"q": f"2/{year}"},
                                            status=303).follow().text
    other = user_app(app, make_user, "officer", "7002")  # not theirs: an ordinary search
    other.get("/moi/70/7002/@@search", {"q": code}, status=200)
    page = clerk.get("/moi/70/7001/@@search", {"q": f"ถนน {year}"}, status=200)
    assert "ขอให้ซ่อมถนน" in page.text
