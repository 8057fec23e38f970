"""The demo database (damrong.demo.loader): accounts, complaints, scans, statuses."""

import datetime
import os
import random
from collections import defaultdict

import pytest

from damrong import areas
from damrong.demo.loader import load_demo
from damrong.demo.year import load_year
from damrong.public_case import public_case
from damrong.reports.verify import verify
from damrong.security import verify_password
from damrong.thai.dates import BANGKOK
from damrong.worker import drain

DEMO_CENTERS = ("7001", "7002", "7003", "70", "5001", "50")


def _complaints(s):
    return [c for code in DEMO_CENTERS for c in s.centers[code].complaints.values()]


@pytest.mark.slow
def test_load_demo(app, site, db, var_dir):
    lines = []
    with site() as s:
        credentials = load_demo(s, app.registry, progress=lines.append, rng=random.Random(7),
                                count=6, year=0)

    assert [role for role, *_ in credentials] == [
        "clerk", "officer", "supervisor", "executive", "admin"]
    assert "ข้อมูลตัวอย่าง ๑/๖: " in "\n".join(lines)
    assert sum(line.startswith("ข้อมูลตัวอย่าง ") for line in lines) == 6
    assert os.listdir(var_dir / "uploads") == [], "temporary uploads are discarded after commit"

    now = datetime.datetime.now(BANGKOK)
    with site() as s:
        assert len(s.users) == 5
        expected_centers = {"clerk": "7001", "officer": "7001", "supervisor": "7001",
                            "executive": "70", "admin": "70"}
        for role, login, password, center_title in credentials:
            user = s.users[login]
            assert (user.role, user.center_code) == (role, expected_centers[role])
            assert center_title == s.centers[user.center_code].title
            assert not user.must_change_password
            assert verify_password(user.password_hash, password)
        assert credentials[0][3] == "ศูนย์ดำรงธรรมอำเภอเมืองราชบุรี"

        assert s.listing.count("lineage", "moi") == 6
        complaints = _complaints(s)
        assert len(complaints) == 6
        assert len({c.center.code for c in complaints}) >= 4
        assert {c.center.province_code for c in complaints} == {"70", "50"}

        numbers = defaultdict(list)
        for c in complaints:
            numbers[c.center.code, c.receipt_year].append(c.receipt_number)
        for numbers_of_center in numbers.values():
            assert sorted(numbers_of_center) == list(range(1, len(numbers_of_center) + 1))

        taxonomy = app.registry.taxonomy
        for c in complaints:
            assert now - datetime.timedelta(days=430) < c.received_at < now
            assert c.type["category"] in dict(taxonomy.categories(c.center.level))
            assert c.type["channel"] in dict(taxonomy.choices("channel"))
            district = c.place["district"]
            assert c.place["subdistrict"] in dict(areas.subdistricts(district))
            if c.center.level == "district":
                assert district == c.center.code
            assert c.place["province"] == c.center.province_code
            assert c.complainant["anonymous"] or c.complainant["national_id"]
            whens = [entry["when"] for entry in c.history]
            assert whens == sorted(whens) and c.received_at <= whens[0] and whens[-1] <= now

        statuses = {c.status for c in complaints}
        assert len(statuses) >= 3, statuses
        closed = [c for c in complaints if c.status == "closed"]
        assert closed and list(closed[0].history)[-1]["note"].startswith("สรุปผลการดำเนินการ")

        # The citizens' site: published news with photos, answered questions, codes to follow.
        assert all(item.published and item.photos for item in s.news.values())
        assert len(s.news) >= 3 and len(s.questions) >= 3
        assert all(q.published and q.answer and q.terms for q in s.questions.values())
        assert all(s.tracking[c.tracking_code] is c for c in complaints)
        workflow = app.registry.workflow  # a closed case's code shows the result for the public
        assert public_case(closed[0], workflow).steps[-1].result == closed[0].public_result != ""

        documents = [d for c in complaints for d in c.documents()]
        assert documents and all(d.state == "queued" and d.page_count >= 1 for d in documents)
        assert all(os.path.getsize(d.original.committed()) == d.size for d in documents)

    assert drain(db) == 2 * len(documents)  # each read, then its searchable PDF made
    with site() as s:
        for document in (d for c in _complaints(s) for d in c.documents()):
            assert document.state == "ready", document.error
            assert len(document.pages) == document.page_count >= 1
            assert document.searchable is not None


def test_the_demo_year_fills_twelve_months_of_summaries(app, site):
    now = datetime.datetime(2025, 10, 15, 10, tzinfo=BANGKOK)
    with site() as s:
        closed = load_year(s, app.registry, random.Random(3), 80, now, lambda: None)
        assert 20 < closed < 80
        assert verify(s, app.registry.workflow) == []
        assert len(s.frozen.months) == 12 and s.frozen.get(202509).centers
        months = {key[2] for key, _n in s.summaries.items("cells") if key[0] == "moi"}
        assert len(months) >= 10
        for complaint in (c for center in s.centers.values() for c in center.complaints.values()):
            times = [entry["when"] for entry in complaint.history][1:]  # closed in the past:
            assert times == sorted(times) and all(  # in order, within 60 days, not after now
                complaint.received_at < when <= min(complaint.received_at
                                                    + datetime.timedelta(days=60), now)
                for when in times)
