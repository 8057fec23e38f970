"""``damrong import``: JSON Lines and CSV of the five groups, validated line by line (Thai
reasons with the line number, nothing of a bad line stored), idempotent by the source id, the
original status and time kept, and counted in the summaries."""

import json

import colander
import pytest
from pyramid.traversal import resource_path

from damrong.importing import import_file
from damrong.reports import periods
from damrong.reports.summary import table_counts, total_counts
from damrong.reports.verify import verify
from damrong.schemas.complaint import FIELD_LIMITS, ComplaintSchema
from damrong.scripts.cli import main as cli
from damrong.thai.national_id import check_digit

VALID_ID = "110170020345" + str(check_digit("110170020345"))
WRONG_ID = VALID_ID[:12] + str((int(VALID_ID[12]) + 1) % 10)

GOOD = {
    "source_id": "old-7001-2568-0001", "center": "7001", "status": "closed",
    "received_at": "2025-03-10T10:00:00+07:00",
    "type": {"category": "d02", "channel": "walk-in"},
    "complaint": {"subject": "ขอให้ตรวจสอบการปล่อยน้ำเสีย", "details": "น้ำเสียลงลำห้วย"},
    "place": {"province": "70", "district": "7001"},
    "complainant": {"title": "นาย", "first_name": "สมปอง", "last_name": "ทดสอบ",
                    "national_id": VALID_ID},
    "respondent": {"agency": "เทศบาลเมืองราชบุรี"},
}


def lines(*records):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def test_import_json_lines_validates_and_is_idempotent(app, site, ini, tmp_path, capsys):
    good = GOOD
    bad_id = dict(good, source_id="x2", complainant=dict(good["complainant"], national_id=WRONG_ID))
    bad_center = dict(good, source_id="x3", center="9999")
    bad_category = dict(good, source_id="x4", type={"category": "p01"})
    bad_date = dict(good, source_id="x5", received_at="31/02/2568 10:00")
    bad_place = dict(good, source_id="x7", place={"province": "70", "district": "1001"})
    far_away = dict(good, source_id="x8", place={"province": "70", "lat": "35.68"})
    anonymous = dict(good, source_id="x6", status="in-progress", complainant={"anonymous": True},
                     received_at="15/03/2568 09:30")
    path = tmp_path / "old.jsonl"
    path.write_text(lines(good, bad_id, bad_center, bad_category, bad_date, anonymous)
                    + "{not json\n" + lines(bad_place, far_away), encoding="utf-8")
    app.registry._zodb_databases[""].close()

    assert cli(["-c", ini, "import", str(path), "--batch", "1"]) == 1
    out, err = capsys.readouterr()
    assert "นำเข้าเรื่องใหม่ 2 เรื่อง" in out and "ไม่ผ่านการตรวจ 7 บรรทัด" in out
    progress = [line for line in out.split("\r") if line.startswith("นำเข้าถึงบรรทัดที่")]
    assert [line.split(" (")[0] for line in progress] == [  # after each commit: lines 1, 6
        "นำเข้าถึงบรรทัดที่ 1/9", "นำเข้าถึงบรรทัดที่ 6/9", "นำเข้าถึงบรรทัดที่ 9/9"]
    assert "บรรทัดที่ 2: เลขประจำตัวประชาชนไม่ถูกต้อง" in err
    assert "บรรทัดที่ 3: ไม่รู้จักรหัสศูนย์" in err
    assert "บรรทัดที่ 4: ประเภทเรื่อง 'p01'" in err
    assert "บรรทัดที่ 5: วันเวลาที่รับเรื่อง" in err
    assert "บรรทัดที่ 7: อ่าน JSON ไม่ได้" in err
    assert "บรรทัดที่ 8: อำเภอ '1001' ไม่อยู่ในจังหวัด '70'" in err
    assert "บรรทัดที่ 9: place.lat อยู่นอกประเทศไทย" in err

    assert cli(["-c", ini, "import", str(path)]) == 1
    assert "นำเข้าเรื่องใหม่ 0 เรื่อง, มีอยู่แล้ว 2 เรื่อง" in capsys.readouterr().out


def test_a_field_longer_than_the_intake_form_allows_is_the_lines_problem(app, ini, tmp_path,
                                                                        capsys):
    """The import checks the intake form's own table of field limits, after normalizing as
    the form does; a field at its limit is fine, one character more is refused in Thai."""
    long_subject = dict(GOOD, source_id="long-1", complaint={"subject": "ก" * 301})
    long_name = dict(GOOD, source_id="long-2",
                     complainant=dict(GOOD["complainant"], first_name="สมปอง" * 21))
    at_the_limits = dict(GOOD, source_id="ก" * 200, complaint={"subject": " " + "ก" * 300 + " "},
                         respondent={"agency": "ห" * 300, "position": "ต" * 200},
                         complainant=dict(GOOD["complainant"], title="พันตำรวจเอก"))
    long_source_id = dict(GOOD, source_id="ก" * 201)
    long_title = dict(GOOD, source_id="long-3",
                      complainant=dict(GOOD["complainant"], title="ย" * 61))
    path = tmp_path / "old.jsonl"
    path.write_text(lines(long_subject, long_name, at_the_limits, long_source_id, long_title),
                    encoding="utf-8")
    app.registry._zodb_databases[""].close()

    assert cli(["-c", ini, "import", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "บรรทัดที่ 1: complaint.subject ยาวเกิน 300 ตัวอักษร (มี 301 ตัวอักษร)" in err
    assert "บรรทัดที่ 2: complainant.first_name ยาวเกิน 100 ตัวอักษร (มี 105 ตัวอักษร)" in err
    assert "บรรทัดที่ 4: source_id ยาวเกิน 200 ตัวอักษร" in err
    assert "บรรทัดที่ 5: complainant.title ยาวเกิน 60 ตัวอักษร (มี 61 ตัวอักษร)" in err
    assert "นำเข้าเรื่องใหม่ 1 เรื่อง" in out and "ไม่ผ่านการตรวจ 4 บรรทัด" in out


def test_the_intake_form_checks_the_same_field_limits():
    limits = {(group.name, field.name): field.validator.max
              for group in ComplaintSchema().children for field in group.children
              if isinstance(getattr(field, "validator", None), colander.Length)}
    assert limits == FIELD_LIMITS


def test_import_csv_keeps_status_and_dates_and_counts(app, site, tmp_path):
    path = tmp_path / "old.csv"
    path.write_text(
        "\ufeffsource_id,center,status,received_at,type.category,type.channel,complaint.subject,"
        "complainant.anonymous\n"
        "c1,7002,closed,2025-01-05 09:00,d04,hotline-1567,ขอความช่วยเหลือน้ำท่วม,true\n"
        "c2,70,received,2025-01-06 09:00,p06,walk-in,หนี้นอกระบบ,true\n"
        "c3,70,received,2025-01-06 09:00,p06,walk-in,,true\n", encoding="utf-8")
    with site() as s:
        report = import_file(s, str(path), app.registry.taxonomy, app.registry.workflow,
                             commit=lambda: None)
    assert (report.created, report.problems) == (2, [(4, "ไม่มีข้อมูลที่ต้องมี (complaint.subject)")])
    with site() as s:
        period = periods.month(2025, 1)
        assert table_counts(s, "70", "district", period) == {"d04": {"closed": 1}}
        assert table_counts(s, "moi", "province", period) == {"p06": {"in-progress": 1}}
        imported = s.imported["c1"]
        assert imported.status == "closed" and imported.received_at.day == 5
        assert verify(s, app.registry.workflow) == []


def numbered(count, start=0):
    """``count`` good records with their own source ids, received a minute apart."""
    return [dict(GOOD, source_id=f"old-{number}",
                 received_at=f"2025-03-10T10:{number:02d}:00+07:00")
            for number in range(start, start + count)]


class Crash(Exception):
    """The import process dies (power cut, kill -9): what it had not committed is lost."""


def test_a_crash_keeps_committed_batches_and_a_rerun_adds_only_the_rest(app, site, tmp_path):
    path = tmp_path / "old.jsonl"
    path.write_text(lines(*numbered(25)), encoding="utf-8")
    registry = app.registry
    commits = []

    with pytest.raises(Crash):
        with site() as s:
            def commit_then_crash():
                if len(commits) == 2:  # the third batch is registered, not yet committed
                    raise Crash()
                s._p_jar.transaction_manager.commit()
                commits.append(len(s.imported))

            import_file(s, str(path), registry.taxonomy, registry.workflow, commit_then_crash,
                        batch=10)
    assert commits == [10, 20]
    with site() as s:
        assert len(s.imported) == 20 and len(s.centers["7001"].complaints) == 20
        assert s.listing.count("center", "7001") == 20
        assert verify(s, registry.workflow) == []

    with site() as s:
        report = import_file(s, str(path), registry.taxonomy, registry.workflow,
                             commit=s._p_jar.transaction_manager.commit, batch=10)
    assert (report.created, report.skipped, report.problems) == (5, 20, [])
    with site() as s:
        complaints = list(s.centers["7001"].complaints.values())
        assert len(complaints) == len(s.imported) == 25
        assert s.listing.count("center", "7001") == 25
        assert sorted(c.receipt_number for c in complaints) == list(range(1, 26))
        assert len({c.tracking_code for c in complaints}) == 25
        assert {next(iter(c.history))["note"].split("(")[-1].rstrip(")") for c in complaints} \
            == {f"old-{number}" for number in range(25)}
        assert verify(s, registry.workflow) == []
        period = periods.month(2025, 3)
        assert table_counts(s, "70", "district", period) == {"d02": {"closed": 25}}


def test_a_batch_counts_lists_and_queues_each_record_once(app, site, tmp_path):
    """Records of several batches (one source id twice in a batch, one line too many columns
    in the CSV) end up exactly once in the folders, the listing, the counters and the search
    outbox, as registering them one by one would have."""
    records = numbered(7) + [dict(GOOD, source_id="old-3")]  # a repeat within the batch
    path = tmp_path / "old.jsonl"
    path.write_text(lines(*records), encoding="utf-8")
    registry = app.registry
    with site() as s:
        s.index_outbox.pending.clear()
        report = import_file(s, str(path), registry.taxonomy, registry.workflow,
                             commit=lambda: None, batch=3)
    assert (report.created, report.skipped) == (7, 1)
    with site() as s:
        complaints = list(s.centers["7001"].complaints.values())
        assert len(complaints) == 7
        assert s.listing.count("lineage", "70") == s.listing.count("status", "closed") == 7
        assert set(s.index_outbox.pending) == {resource_path(c) for c in complaints}
        assert total_counts(s, "moi", periods.month(2025, 3)) == {"closed": 7}
        assert [entry["action"] for entry in complaints[0].history] == ["นำเข้าจากระบบเดิม"]

    bad_csv = tmp_path / "old.csv"
    bad_csv.write_text("source_id,center,complaint.subject\nc1,7001,เรื่อง,เกิน\n",
                       encoding="utf-8")
    with site() as s:
        report = import_file(s, str(bad_csv), registry.taxonomy, registry.workflow,
                             commit=lambda: None)
    assert report.problems == [(2, "จำนวนช่องมากกว่าหัวตาราง")]
