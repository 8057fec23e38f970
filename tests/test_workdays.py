"""Deadlines count working days: Saturdays, Sundays and the days government offices close
(Thailand's holidays from the ``holidays`` package, with config/holidays.yaml's corrections)
are skipped, whatever hands the case on."""

import datetime

import pytest
from pyramid.traversal import find_resource

from damrong.casework import send_for_action
from damrong.security import Actor
from damrong.thai.dates import BANGKOK
from damrong.workdays import HolidayConfigError, WorkingCalendar
from helpers import ROOT, new_complaint

CALENDAR = WorkingCalendar.load(f"{ROOT}/config")


@pytest.mark.parametrize("start, days, due", [
    ("2026-12-02", 0, "2026-12-02"),
    ("2026-12-02", 1, "2026-12-03"),
    # Fri 4 Dec + 1: Sat 5 (วันพ่อแห่งชาติ), Sun 6, Mon 7 (its substitution day) -> Tue 8
    ("2026-12-04", 1, "2026-12-08"),
    # Thu 9 Apr + 2: Fri 10, then the weekend and สงกรานต์ 13-15 Apr -> Thu 16
    ("2026-04-09", 2, "2026-04-16"),
    # วันพืชมงคล (a government-office holiday), Wed 13 May 2026
    ("2026-05-12", 1, "2026-05-14"),
    # 15 working days from Mon 23 Nov 2026: 7 Dec and 10 Dec are holidays
    ("2026-11-23", 15, "2026-12-16"),
])
def test_a_due_date_skips_weekends_and_thai_holidays(start, days, due):
    assert CALENDAR.add(datetime.date.fromisoformat(start), days) == datetime.date.fromisoformat(due)


def test_holiday_names_are_thai():
    assert CALENDAR.holiday(datetime.date(2026, 4, 13)) == "วันสงกรานต์"
    assert CALENDAR.holiday(datetime.date(2026, 4, 16)) is None


def test_the_config_adds_and_removes_days(tmp_path):
    (tmp_path / "holidays.yaml").write_text(
        "2569:\n"
        "  closed:\n"
        "    - {date: ๒๑/๑๒/๒๕๖๙, name: วันหยุดราชการเพิ่มเป็นกรณีพิเศษ}\n"
        "  open: [13/05/2569]\n", encoding="utf-8")
    calendar = WorkingCalendar.load(str(tmp_path))
    assert calendar.holiday(datetime.date(2026, 12, 21)) == "วันหยุดราชการเพิ่มเป็นกรณีพิเศษ"
    assert calendar.add(datetime.date(2026, 12, 18), 1) == datetime.date(2026, 12, 22)
    assert calendar.is_working_day(datetime.date(2026, 5, 13))                # moved away


@pytest.mark.parametrize("text, complaint", [
    ("2569:\n  closed: [{date: 31/02/2569, name: x}]\n", "'31/02/2569' is not a date"),
    ("2568:\n  closed: [{date: 02/01/2569, name: x}]\n", "02/01/2569 is listed under 2568"),
])
def test_a_wrong_date_in_the_config_is_refused_naming_it(tmp_path, text, complaint):
    (tmp_path / "holidays.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(HolidayConfigError) as refused:
        WorkingCalendar.load(str(tmp_path))
    assert "holidays.yaml" in str(refused.value) and complaint in str(refused.value)


def test_a_case_sent_for_action_is_due_in_working_days(app, site):
    with site() as s:
        complaint = find_resource(s, new_complaint(s, "70", "ขอให้ตรวจสอบ"))
        send_for_action(app.registry.workflow, s, complaint,
                        Actor.staff("3100600123459", "officer", "70"), "7001")
        sent_on = datetime.datetime.now(BANGKOK).date()
        due = complaint.due_date
    working = [sent_on + datetime.timedelta(days=n) for n in range(1, (due - sent_on).days + 1)]
    assert sum(CALENDAR.is_working_day(day) for day in working) == 15
    assert CALENDAR.is_working_day(due)
