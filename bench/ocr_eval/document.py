"""A page as blocks: the one description both the HTML for WeasyPrint and the ground truth come from.

Keeping a single source for what is printed and what the truth says is what makes the truth
exact: no block prints a character that its truth lines lack, nor the other way round.  The
truth is in reading order: a row's left part, then its right part; a table row by row, cells
left to right; one printed line or paragraph per truth line.
"""
import html
from dataclasses import dataclass, field


@dataclass
class Title:
    """A centred bold heading (บันทึกข้อความ, the name of a form or a table)."""
    text: str
    large: bool = False


@dataclass
class Row:
    """Two parts on one printed line: ที่ ... at the left, an office or a date at the right."""
    left: str
    right: str


@dataclass
class Right:
    """A line set in the right half of the page: the sender's address, the date of a letter."""
    text: str


@dataclass
class Line:
    """An unindented line: เรื่อง, เรียน, อ้างถึง, a list item, a note."""
    text: str
    bold_head: str = ""


@dataclass
class Para:
    """A body paragraph with the 2.5 cm first-line indent of Thai official writing."""
    text: str


@dataclass
class Sign:
    """The closing and signature, centred in the right half: ขอแสดงความนับถือ, (name), position."""
    lines: list[str]


@dataclass
class Field:
    """A filled form field: the label in bold, the value written on a dotted line."""
    label: str
    value: str


@dataclass
class Table:
    """A bordered table; ``ruling`` is "grid" (every cell boxed) or "rules" (horizontal only)."""
    header: list[str]
    rows: list[list[str]]
    ruling: str = "grid"
    numeric: set[int] = field(default_factory=set)  # columns aligned right
    total_row: bool = False  # the last row sums the others


@dataclass
class Document:
    """One page's content, its kind (letter, memo, table, form, petition, minutes, circular)."""
    kind: str
    blocks: list

    def truth(self) -> str:
        """The printed text in reading order, one line per printed line or paragraph."""
        lines = []
        for block in self.blocks:
            if isinstance(block, Row):
                lines.append(f"{block.left} {block.right}")
            elif isinstance(block, Line):
                lines.append(" ".join(filter(None, (block.bold_head, block.text))))
            elif isinstance(block, Sign):
                lines.extend(block.lines)
            elif isinstance(block, Field):
                lines.append(f"{block.label} {block.value}")
            elif isinstance(block, Table):
                lines.extend(" ".join(filter(None, cells)) for cells in [block.header, *block.rows])
            else:
                lines.append(block.text)
        return "\n".join(lines) + "\n"

    def html(self, font: str, size_pt: float, line_height: float) -> str:
        """The page as HTML for WeasyPrint: A4, official-letter margins, single line spacing."""
        body = "\n".join(_block_html(block) for block in self.blocks)
        return f"""<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 2.2cm 2cm 1.8cm 3cm; }}
body {{ font-family: "{font}"; font-size: {size_pt}pt; line-height: {line_height}; margin: 0; }}
p {{ margin: 0; }}
.para {{ text-indent: 2.5cm; }}
.title {{ text-align: center; font-weight: bold; margin: 0.15em 0; }}
.large {{ font-size: 1.45em; }}
.right {{ margin-left: 52%; }}
.sign {{ margin: 0.6em 0 0.3em 45%; text-align: center; }}
.row {{ width: 100%; border-collapse: collapse; }}
.row td {{ padding: 0; vertical-align: top; }}
.row td + td {{ text-align: right; }}
.field .value {{ border-bottom: 1px dotted black; padding: 0 0.3em; }}
.grid, .rules {{ width: 100%; border-collapse: collapse; margin: 0.3em 0; font-size: 0.9em; }}
.grid td, .grid th {{ border: 1px solid black; padding: 0.05em 0.2em; }}
.rules th {{ border-top: 1.5px solid black; border-bottom: 1px solid black; padding: 0.05em 0.2em; }}
.rules td {{ border-bottom: 0.5px solid black; padding: 0.05em 0.2em; }}
th {{ font-weight: bold; text-align: center; vertical-align: middle; }}
td.num {{ text-align: right; }}
</style></head><body>
{body}
</body></html>"""


def _block_html(block) -> str:
    e = html.escape
    if isinstance(block, Title):
        return f'<p class="title{" large" if block.large else ""}">{e(block.text)}</p>'
    if isinstance(block, Row):
        return f'<table class="row"><tr><td>{e(block.left)}</td><td>{e(block.right)}</td></tr></table>'
    if isinstance(block, Right):
        return f'<p class="right">{e(block.text)}</p>'
    if isinstance(block, Line):
        head = f"<b>{e(block.bold_head)}</b> " if block.bold_head else ""
        return f"<p>{head}{e(block.text)}</p>"
    if isinstance(block, Para):
        return f'<p class="para">{e(block.text)}</p>'
    if isinstance(block, Sign):
        return '<div class="sign">' + "".join(f"<p>{e(line)}</p>" for line in block.lines) + "</div>"
    if isinstance(block, Field):
        return f'<p class="field"><b>{e(block.label)}</b> <span class="value">{e(block.value)}</span></p>'
    if isinstance(block, Table):
        head = "".join(f"<th>{e(cell)}</th>" for cell in block.header)
        rows = "".join(
            "<tr>" + "".join(f'<td{" class=num" if i in block.numeric else ""}>{e(cell)}</td>'
                             for i, cell in enumerate(cells)) + "</tr>"
            for cells in block.rows)
        return f'<table class="{block.ruling}"><tr>{head}</tr>{rows}</table>'
    raise TypeError(f"unknown block {block!r}")
