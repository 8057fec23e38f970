"""Issues 15 and 16 together: a case *sent* to another center for action stays its owner's
figure, and the summary's drill-down lists exactly the owner's complaints (the listing's
``owners`` field), not those merely sent to a center below; a transfer moves the figure."""

import datetime

from pyramid.threadlocal import get_current_registry

from damrong.casework import send_for_action, transfer
from damrong.reports.verify import verify
from damrong.security import Actor
from helpers import user_app
from test_summary_pages import complaint

PROVINCE = Actor.staff("3100600123454", "officer", "70")
DISTRICT = Actor.staff("3100600123454", "officer", "7002")


def test_sent_cases_stay_their_owners_figures_and_drill_downs(app, site, make_user):
    day = datetime.date(2025, 3, 10)
    with site() as s:
        workflow = get_current_registry().workflow
        complaint(s, "7001", "d02", day)                         # 7001's own
        sent_down = complaint(s, "70", "p06", day)              # the province's, sent to 7001
        send_for_action(workflow, s, sent_down, PROVINCE, "7001", "ขอให้ตรวจสอบ")
        sent_beside = complaint(s, "7002", "d04", day)          # 7002's, sent beside to 7001
        send_for_action(workflow, s, sent_beside, DISTRICT, "7001", "ขอให้ตรวจสอบ")
        moved = complaint(s, "7002", "d02", day)                # 7002's, transferred to 7001
        transfer(workflow, s, moved, DISTRICT, "7001", "โอนตามพื้นที่")
        assert verify(s, workflow) == []
    officer = user_app(app, make_user, "officer", "70")
    page = officer.get("/moi/70/@@summary", params={"fy": "2568"})
    rows = {a["href"]: a for a in page.html.select("a[href*='owned=1']")}
    seven_001 = next(href for href in rows if "/7001/" in href and "category=" not in href)
    listing = officer.get(seven_001)
    listed = listing.html.select("table.list tbody tr")
    assert len(listed) == 2  # its own and the transferred one; not the two sent to it
    district_table = next(href for href in rows if "level=district" in href and "d04" in href)
    assert len(officer.get(district_table).html.select("table.list tbody tr")) == 1  # 7002's
    everything = officer.get("/moi/70/7001/", params={"from": "10/03/2568", "to": "10/03/2568"})
    assert len(everything.html.select("table.list tbody tr")) == 4  # what 7001 works on
