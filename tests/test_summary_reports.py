"""The monthly report: PDF (cover memo + tables), XLSX and CSV with the page's figures; the
month-end freeze keeps a month's figures, and a later change shows beside them."""

import datetime
import io

import openpyxl
from pypdf import PdfReader
from pyramid.threadlocal import get_current_registry

from damrong.reports.freeze import freeze_due
from damrong.security import Actor
from helpers import user_app
from test_summary_pages import arrange

SUPERVISOR = Actor.staff("3100600123454", "supervisor", "moi")
#: Approves the closures SUPERVISOR proposed: the workflow's four eyes (issue 16, `not_by`).
APPROVER = Actor.staff("1101700203450", "supervisor", "moi")


def test_the_monthly_report_as_pdf_xlsx_and_csv(app, site, make_user):
    arrange(site)
    officer = user_app(app, make_user, "officer", "7001")
    query = {"month": "2568-03"}
    pdf = officer.get("/moi/70/7001/@@summary.pdf", params=query)
    assert pdf.content_type == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.body)).pages)
    # (pypdf reads some of Laksaman's า as ำ: the words checked avoid it)
    assert "ส่วนราชการ" in text and "จำนวน ๒ เรื่อง" in text and "๕๐.๐๐" in text
    assert len(PdfReader(io.BytesIO(pdf.body)).pages) == 2  # the memo, then the table

    xlsx = officer.get("/moi/70/7001/@@summary.xlsx", params=query)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.body)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert ["", "รวม", 1, 1, 2] in [[v if v is not None else "" for v in r[:5]] for r in rows]
    assert any(r[0] and "คิดเป็นร้อยละ ๕๐.๐๐" in r[0] for r in rows)
    assert sheet["A1"].font.name == "TH SarabunPSK"
    assert not any(isinstance(v, str) and v.startswith("=") for r in rows for v in r)

    csv = officer.get("/moi/70/7001/@@summary.csv", params=query)
    assert csv.body.startswith(b"\xef\xbb\xbf")
    assert ",รวม,1,1,2" in csv.body.decode("utf-8-sig")
    officer.get("/moi/70/@@summary.csv", params=query, status=403)


def test_the_freeze_keeps_the_month_and_a_later_change_shows_beside_it(app, site, db, make_user):
    arrange(site)
    assert freeze_due(db, today=datetime.date(2025, 4, 1))
    assert not freeze_due(db, today=datetime.date(2025, 4, 2))  # once
    with site() as s:
        frozen = s.frozen.get(202503)
        assert frozen.centers["7001"] == {("district", "d02", "closed"): 1,
                                          ("district", "d02", "in-progress"): 1}
        still_open = next(c for c in s.centers["7001"].complaints.values() if c.status != "closed")
        workflow = get_current_registry().workflow
        for name in ("screen", "propose", "close"):
            workflow.apply(still_open, name, APPROVER if name == "close" else SUPERVISOR, note="ทดสอบ")
    officer = user_app(app, make_user, "officer", "70")
    page = officer.get("/moi/70/7001/@@summary", params={"month": "2568-03"})
    assert "ข้อมูล ณ สิ้นเดือน" in page.text and "มีการแก้ไขหลังปิดยอด" in page.text
    assert page.html.select("tr.changed")
    csv = officer.get("/moi/70/7001/@@summary.csv", params={"month": "2568-03"}).body.decode("utf-8-sig")
    assert "(ข้อมูล ณ สิ้นเดือน)" in csv and ",รวม,1,1,2" in csv  # the frozen figures
    with site() as s:
        assert s.frozen.get(202503).centers["7001"][("district", "d02", "closed")] == 1
    home = officer.get("/moi/70/@@summary")
    assert "เดือนมีนาคม ๒๕๖๘" in home.text  # listed among the frozen reports
