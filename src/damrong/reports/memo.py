"""The monthly report on paper: the cover memo (บันทึกข้อความ) to the center above and the
official tables, as PDF (templates/report_pdf.pt)."""

from ..pdf import render_pdf
from ..thai.dates import format_date, now_bangkok
from ..thai.digits import format_number, to_thai_digits
from .sheet import official_note


def addressee(center):
    """Whom a center reports to: a district to its governor, a province to the permanent
    secretary, the ministry to the minister."""
    if center.level == "district":
        province = center.__parent__
        return ("ผู้ว่าราชการกรุงเทพมหานคร" if province.code == "10"
                else f"ผู้ว่าราชการจังหวัด{province.name_th}")
    return "ปลัดกระทรวงมหาดไทย" if center.level == "province" else "รัฐมนตรีว่าการกระทรวงมหาดไทย"


def report_pdf(summary, request, frozen_at=None):
    center = summary.center
    letterhead = request.registry.letter_kinds.letterhead(center)
    period_text = summary.period.label + (" ข้อมูล ณ สิ้นเดือน" if frozen_at else "")
    return render_pdf("damrong:templates/report_pdf.pt", {
        "summary": summary, "center": center, "letterhead": letterhead,
        "number": f"{to_thai_digits(letterhead.prefix)}/",
        "date": format_date(now_bangkok()),
        "subject": f"รายงานสรุปผลการดำเนินงาน{center.title} {summary.period.label}",
        "summary_title": f"สรุปผลการดำเนินงาน{center.title}",
        "addressee": addressee(center), "period_text": period_text,
        "notes": [official_note(table.counts) for table in summary.tables],
        "number_text": format_number, "digits": lambda n: to_thai_digits(str(n)),
    }, request)
