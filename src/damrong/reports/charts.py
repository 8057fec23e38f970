"""Charts of the public summary, drawn on the server as SVG: nothing is fetched from the
internet when a page is read, no script runs, and a screen reader gets each figure as text.

Province positions (``province-centroids.csv``) are the centroids of the provinces' areas from
the Thailand administrative boundaries (COD-AB) of OCHA on the Humanitarian Data Exchange,
licence CC BY-IGO; a page showing the map credits them (``MAP_CREDIT``).
"""

import csv
import functools
import math
import os
from html import escape

MAP_CREDIT = "ตำแหน่งจังหวัด: OCHA COD-AB (HDX), CC BY-IGO"
_CENTROIDS = os.path.join(os.path.dirname(__file__), "province-centroids.csv")


def bar_chart(bars, title, number=str, width=640, bar_height=22):
    """Horizontal bars: ``bars`` is ``[(label, closed, in_progress)]``, stacked closed first;
    ``number`` writes a figure (in the reader's digits)."""
    label_width, gap = 250, 6
    scale_width = width - label_width - 60
    biggest = max((closed + open_ for _, closed, open_ in bars), default=0) or 1
    height = len(bars) * (bar_height + gap) + 10
    parts = [_open_svg(width, height, title)]
    for index, (label, closed, open_) in enumerate(bars):
        y = index * (bar_height + gap) + 5
        closed_w = scale_width * closed / biggest
        open_w = scale_width * open_ / biggest
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_height * 0.7:.1f}" text-anchor="end" '
            f'font-size="13">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{closed_w:.1f}" height="{bar_height}" '
            f'fill="#2e7d32"><title>{escape(label)}: {number(closed)}</title></rect>'
            f'<rect x="{label_width + closed_w:.1f}" y="{y}" width="{open_w:.1f}" '
            f'height="{bar_height}" fill="#f9a825"><title>{escape(label)}: {number(open_)}</title></rect>'
            f'<text x="{label_width + closed_w + open_w + 4:.1f}" y="{y + bar_height * 0.7:.1f}" '
            f'font-size="12">{number(closed + open_)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def trend_chart(points, title, number=str, width=640, height=220):
    """Monthly columns: ``points`` is ``[(label, closed, in_progress)]`` in month order."""
    biggest = max((closed + open_ for _, closed, open_ in points), default=0) or 1
    top, bottom, left = 10, 40, 10
    column = (width - left) / max(len(points), 1)
    usable = height - top - bottom
    parts = [_open_svg(width, height, title)]
    for index, (label, closed, open_) in enumerate(points):
        x = left + index * column
        closed_h = usable * closed / biggest
        open_h = usable * open_ / biggest
        base = height - bottom
        parts.append(
            f'<rect x="{x + 4:.1f}" y="{base - closed_h:.1f}" width="{column - 8:.1f}" '
            f'height="{closed_h:.1f}" fill="#2e7d32"><title>{escape(label)}: {number(closed)}</title></rect>'
            f'<rect x="{x + 4:.1f}" y="{base - closed_h - open_h:.1f}" width="{column - 8:.1f}" '
            f'height="{open_h:.1f}" fill="#f9a825"><title>{escape(label)}: {number(open_)}</title></rect>'
            f'<text x="{x + column / 2:.1f}" y="{base + 16}" text-anchor="middle" '
            f'font-size="12">{escape(label)}</text>'
            f'<text x="{x + column / 2:.1f}" y="{base - closed_h - open_h - 3:.1f}" '
            f'text-anchor="middle" font-size="11">{number(closed + open_) if closed + open_ else ""}</text>')
    parts.append("</svg>")
    return "".join(parts)


@functools.cache
def province_centroids():
    """``{code: (lon, lat)}`` of the 77 provinces."""
    with open(_CENTROIDS, encoding="utf-8") as f:
        return {row["dopa_code"]: (float(row["lon"]), float(row["lat"]))
                for row in csv.DictReader(f)}


def province_map(values, title, measure, link, name, number=str, width=360, height=620):
    """A dot per province at its centroid, linking to ``link(code)`` and titled ``name(code)``:
    ``values`` maps a province code to ``(total, per cent closed)``; ``measure`` 'volume' sizes
    the dots by total, 'rate' colours them by the closure rate (red 0 % → green 100 %)."""
    west, east, south, north = 97.3, 105.8, 5.5, 20.6
    mid = math.cos(math.radians((south + north) / 2))
    scale = min(width / ((east - west) * mid), height / (north - south))
    biggest = max((total for total, _ in values.values()), default=0) or 1
    parts = [_open_svg(width, height, title)]
    for code, (lon, lat) in sorted(province_centroids().items()):
        total, rate = values.get(code, (0, 0))
        x = (lon - west) * mid * scale
        y = (north - lat) * scale
        if measure == "rate":
            radius = 7
            fill = _rate_colour(rate) if total else "#ddd"
        else:
            radius = 3 + 14 * math.sqrt(total / biggest)
            fill = "#1565c0" if total else "#ddd"
        parts.append(
            f'<a href="{escape(link(code))}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" '
            f'fill="{fill}" fill-opacity="0.8" stroke="#333" stroke-width="0.5">'
            f'<title>{escape(name(code))}: {number(total)} ({number(f"{rate:.2f}")}%)</title></circle></a>')
    parts.append("</svg>")
    return "".join(parts)


def _rate_colour(rate):
    share = max(0.0, min(float(rate) / 100, 1.0))
    return f"rgb({int(200 * (1 - share)) + 30},{int(150 * share) + 50},60)"


def _open_svg(width, height, title):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">'
            f'<title>{escape(title)}</title>')
