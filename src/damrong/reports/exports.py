"""The monthly report's files: the table as XLSX (openpyxl: the official layout in a Thai font,
plain values, no formulas, the same figures as the page) and as CSV (UTF-8 with a byte order
mark, so Excel opens the Thai), and the table with its cover memo as PDF."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from .sheet import report_lines

#: The font the ministry's papers use; a sheet opened where it is missing falls back by itself.
FONT = "TH SarabunPSK"
#: Excel's number format writing Thai digits with thousands separators (locale D07041E).
THAI_DIGITS = "[$-D07041E]#,##0"
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_STYLES = {"title": Font(name=FONT, size=18, bold=True), "subtitle": Font(name=FONT, size=16),
           "heading": Font(name=FONT, size=16, bold=True), "header": Font(name=FONT, size=16, bold=True),
           "total": Font(name=FONT, size=16, bold=True)}
_PLAIN = Font(name=FONT, size=16)


def report_xlsx(summary, frozen_at=None):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "สรุปผล"
    for number, line in enumerate(report_lines(summary, frozen_at), start=1):
        for column, value in enumerate(line.cells, start=1):
            cell = sheet.cell(row=number, column=column, value=value)
            cell.font = _STYLES.get(line.kind, _PLAIN)
            if line.kind in ("header", "row", "total"):
                cell.border = _BOX
                if isinstance(value, int):
                    cell.number_format = THAI_DIGITS
                elif isinstance(value, float):
                    cell.number_format = "0.00"
                if line.kind == "header":
                    cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for column, width in zip("ABCDE", (30, 44, 14, 22, 12)):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def report_csv(summary, frozen_at=None):
    out = io.StringIO()
    writer = csv.writer(out)
    for line in report_lines(summary, frozen_at):
        writer.writerow(line.cells)
    return "\ufeff".encode("utf-8") + out.getvalue().encode("utf-8")
