"""The monthly report's table as rows of cells, once, for both the spreadsheet and the CSV:
always Thai (it goes up the hierarchy as an official paper), counts as numbers."""

from translationstring import TranslationString

from ..thai.digits import format_number, to_thai_digits
from .summary import NOTE, percent


def official_note(counts):
    """The note in the official wording with Thai digits (๒๐๘,๑๔๒; ร้อยละ ๘๑.๕๒)."""
    return TranslationString(NOTE, mapping={
        "total": format_number(counts.total), "closed": format_number(counts.closed),
        "percent": to_thai_digits(f"{counts.percent_closed:.2f}"),
        "open": format_number(counts.in_progress)}).interpolate()


class Line:
    """One row of the sheet: ``kind`` says how it looks (title, header, row, total, note)."""

    def __init__(self, kind, cells):
        self.kind = kind
        self.cells = cells


def report_lines(summary, frozen_at=None):
    """Every line of the report of ``summary``: titles, each table with its total and note,
    then the centers below."""
    center = summary.center
    lines = [Line("title", [f"สรุปผลการดำเนินงาน{center.title}"]),
             Line("subtitle", [summary.period.label + (" (ข้อมูล ณ สิ้นเดือน)" if frozen_at else "")])]
    for table in summary.tables:
        lines += [Line("blank", []), Line("heading", [str(table.title)]),
                  Line("header", ["ลำดับ", "ประเภทเรื่อง", "ยุติเรื่อง", "อยู่ระหว่างดำเนินการ", "รวม"])]
        lines += [Line("row", [to_thai_digits(str(row.number)), row.label, row.counts.closed,
                               row.counts.in_progress, row.counts.total]) for row in table.rows]
        lines.append(Line("total", ["", "รวม", table.counts.closed, table.counts.in_progress,
                                    table.counts.total]))
        lines.append(Line("note", [f"หมายเหตุ {official_note(table.counts)}"]))
    if summary.breakdown:
        lines += [Line("blank", []), Line("heading", ["แยกตามศูนย์ในสังกัด"]),
                  Line("header", ["ศูนย์", "ยุติเรื่อง", "อยู่ระหว่างดำเนินการ", "รวม", "ร้อยละที่ยุติ"])]
        lines += [Line("row", [row.center.title, row.counts.closed, row.counts.in_progress,
                               row.counts.total, float(percent(row.counts.closed, row.counts.total))])
                  for row in summary.breakdown]
    return lines
