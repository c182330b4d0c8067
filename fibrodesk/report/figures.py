"""The report's pictures, painted for paper: the leg maps of two periods and the graphs.

Leg maps: the leg regions of the body map's own geometry (``resources/body_geometry.json``
through :func:`fibrodesk.core.body_geometry.load_body_geometry`), so each region sits where the
window draws it: in the front view the patient's left is on the viewer's right, in the
back view on the viewer's left, and each figure carries "L" and "R". Regions are shaded by
the share of body-map days they hurt, in five classes of ColorBrewer's single-hue *Reds*
(lightness falls steadily, so the order reads in greyscale and for every common colour
vision deficiency), and the share is written in the region where it fits.

Graphs: axes, grid and lines in black and greys on white, drawn with QPainter directly.
"""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen, QPolygonF

from fibrodesk.core.body_geometry import load_body_geometry
from fibrodesk.core.clock import MONTH_NAMES
from fibrodesk.core.legpain import leg_regions
from fibrodesk.report.canvas import GREY, INK, METRICS, RULE, Canvas
from fibrodesk.report.document import Chart, LegMaps

MAPS_HEIGHT = 226.0
CHART_HEIGHT = 118.0
# Crop of the 300 x 640 geometry box that holds the legs (hips to soles).
CROP = (78.0, 250.0, 144.0, 392.0)  # x, y, width, height
FIGURE_HEIGHT = 168.0

# Share classes: (lowest share, fill, key text). ColorBrewer Reds, 5 classes.
CLASSES: tuple[tuple[float, str, str], ...] = (
    (0.8, "#a50f15", "80–100%"),
    (0.6, "#de2d26", "60–79%"),
    (0.4, "#fb6a4a", "40–59%"),
    (0.2, "#fcae91", "20–39%"),
    (1e-9, "#fee5d9", "1–19%"),
)
NEVER = "#ffffff"
SHADES = (QColor(0, 0, 0), QColor(120, 120, 120), QColor(175, 175, 175))


def fill_for(share: float) -> QColor:
    for lowest, hex_color, _ in CLASSES:
        if share >= lowest:
            return QColor(hex_color)
    return QColor(NEVER)


def _text_color(fill: QColor) -> QColor:
    return QColor(255, 255, 255) if fill.lightness() < 140 else QColor(0, 0, 0)


def figure_points(view: str, scale: float, ox: float, oy: float) -> dict[str, list[QPointF]]:
    """Each leg region of ``view`` as points on the page (points), for painting and for
    the laterality test."""
    geo = load_body_geometry()[view]
    legs = leg_regions()
    cx, cy = CROP[0], CROP[1]
    return {
        rid: [QPointF(ox + (x - cx) * scale, oy + (y - cy) * scale) for x, y in poly]
        for rid, poly in geo.regions.items()
        if rid in legs
    }


def _figure(c: Canvas, view: str, x: float, y: float, shares: dict[str, float]) -> None:
    geo = load_body_geometry()[view]
    scale = FIGURE_HEIGHT / CROP[3]
    width = CROP[2] * scale
    u = c.u
    p = c.p
    p.save()
    p.setClipRect(c.rect(x, y, width, FIGURE_HEIGHT))
    outline = QPainterPath()
    for poly in geo.silhouette:
        outline.addPolygon(
            QPolygonF(
                [
                    QPointF((x + (px - CROP[0]) * scale) * u, (y + (py - CROP[1]) * scale) * u)
                    for px, py in poly
                ]
            )
        )
        outline.closeSubpath()
    p.setPen(QPen(QColor(150, 150, 150), 0.6 * u))
    p.setBrush(QBrush(QColor(248, 248, 248)))
    p.drawPath(outline)
    regions = figure_points(view, scale, x, y)
    for rid, pts in regions.items():
        fill = fill_for(shares.get(rid, 0.0))
        p.setBrush(QBrush(fill))
        p.setPen(QPen(QColor(110, 110, 110), 0.4 * u))
        p.drawPolygon(QPolygonF([QPointF(pt.x() * u, pt.y() * u) for pt in pts]))
    p.restore()
    for rid in regions:
        share = shares.get(rid, 0.0)
        if share <= 0 or rid not in geo.label_points:
            continue
        lx, ly = geo.label_points[rid]
        room = geo.label_room.get(rid, 0.0) * scale
        text = f"{round(share * 100)}"
        if room * 2 < METRICS.width(text, "tiny") * 0.9:
            continue
        px, py = x + (lx - CROP[0]) * scale, y + (ly - CROP[1]) * scale
        tw = METRICS.width(text, "tiny")
        c.text(
            px - tw / 2,
            py - METRICS.line("tiny") / 2,
            text,
            "tiny",
            False,
            _text_color(fill_for(share)),
        )
    # Side markers where the geometry puts them: the patient's sides.
    for side, (mx, _my) in geo.markers.items():
        on_left = mx < geo.width / 2
        tx = x + 1 if on_left else x + width - METRICS.width(side, "h3") - 1
        c.text(tx, y + 1, side, "h3", True)


def paint_leg_maps(c: Canvas, x: float, y: float, w: float, maps: LegMaps) -> None:
    """Two periods side by side, each front and back, with the colour key below."""
    scale = FIGURE_HEIGHT / CROP[3]
    fig_w = CROP[2] * scale
    gap = 10.0
    half = w / 2
    for k, (title, shares) in enumerate(
        ((maps.now_title, maps.now), (maps.before_title, maps.before))
    ):
        hx = x + k * half
        c.text(hx, y, title, "small", True)
        block_w = 2 * fig_w + gap
        fx = hx + (half - block_w) / 2
        for j, view in enumerate(("front", "back")):
            vx = fx + j * (fig_w + gap)
            label = "Front" if view == "front" else "Back"
            c.text(
                vx + (fig_w - METRICS.width(label, "small")) / 2,
                y + 12,
                label,
                "small",
                False,
                GREY,
            )
            _figure(c, view, vx, y + 24, shares)
    if len(maps.now) == 0:
        return
    ky = y + 24 + FIGURE_HEIGHT + 6
    c.text(x, ky, "Share of body-map days the region hurt:", "small", False, GREY)
    kx = x + METRICS.width("Share of body-map days the region hurt:", "small") + 6
    entries = [(NEVER, "never")] + [(h, t) for _, h, t in reversed(CLASSES)]
    for hex_color, text in entries:
        c.fill(kx, ky + 1, 11, 8, QColor(hex_color))
        c.p.setPen(QPen(QColor(110, 110, 110), 0.4 * c.u))
        c.p.setBrush(Qt.BrushStyle.NoBrush)
        c.p.drawRect(c.rect(kx, ky + 1, 11, 8))
        c.text(kx + 13, ky, text, "small")
        kx += 13 + METRICS.width(text, "small") + 8
    c.text(
        x,
        ky + 12,
        "Numbers: the same share in %. Front view: the patient's left (L) is on your right; "
        "back view: on your left.",
        "small",
        False,
        GREY,
    )


# --------------------------------------------------------------------------- graphs


def _ticks(x0: float, x1: float) -> list[tuple[float, str]]:
    start = dt.date.fromordinal(int(x0))
    end = dt.date.fromordinal(max(int(x0), int(x1) - 1))
    span = (end - start).days
    ticks: list[tuple[float, str]] = []
    if span <= 42:
        day = start + dt.timedelta(days=(7 - start.weekday()) % 7)
        while day <= end:
            ticks.append((day.toordinal(), f"{day.day} {MONTH_NAMES[day.month - 1][:3]}"))
            day += dt.timedelta(days=7)
        return ticks
    step = 1 if span <= 250 else 3 if span <= 800 else 12 if span <= 3000 else 24
    month = dt.date(start.year, start.month, 1)
    while month <= end:
        if month >= start and (month.month - 1) % step == 0:
            name = MONTH_NAMES[month.month - 1][:3]
            label = (
                str(month.year)
                if step >= 12
                else f"{name} {month.year}"
                if month.month == 1 or not ticks
                else name
            )
            ticks.append((month.toordinal(), label))
        month = dt.date(month.year + (month.month // 12), month.month % 12 + 1, 1)
    return ticks


def paint_chart(c: Canvas, x: float, y: float, w: float, chart: Chart) -> None:
    c.text(x, y, chart.title, "small", True)
    left, top = x + 26.0, y + 14.0
    width, height = w - 30.0, CHART_HEIGHT - 30.0
    x0, x1 = chart.x_range
    y0, y1 = chart.y_range
    u = c.u

    def px(v: float) -> float:
        return left + (v - x0) / (x1 - x0) * width

    def py(v: float) -> float:
        return top + height - (v - y0) / (y1 - y0) * height

    # Grid and y labels at round numbers.
    span = y1 - y0
    step = next(s for s in (1, 2, 2.5, 4, 5, 10, 20, 25, 50) if span / s <= 6)
    for i in range(int(span / step + 1e-9) + 1):
        v = y0 + i * step
        c.hline(left, left + width, py(v), QColor(220, 220, 220) if i else RULE, 0.4)
        label = f"{v:g}" if float(v).is_integer() else f"{v:.1f}"
        c.text(left - 3 - METRICS.width(label, "tiny"), py(v) - 4, label, "tiny", False, GREY)
    for tx, label in _ticks(x0, x1):
        c.p.setPen(QPen(RULE, 0.4 * u))
        c.p.drawLine(
            QPointF(px(tx) * u, (top + height) * u), QPointF(px(tx) * u, (top + height + 3) * u)
        )
        c.text(px(tx) + 1, top + height + 3, label, "tiny", False, GREY)
    # Lines.
    c.p.save()
    c.p.setClipRect(c.rect(left - 2, top - 2, width + 4, height + 4))
    for line in chart.lines:
        color = SHADES[line.shade]
        points = [(px(a), py(b)) for a, b in zip(line.xs, line.ys, strict=True)]
        if line.style == "points":
            c.p.setPen(Qt.PenStyle.NoPen)
            c.p.setBrush(QBrush(color))
            r = 1.1 * u
            for (a, b), v in zip(points, line.ys, strict=True):
                if not math.isnan(v):
                    c.p.drawEllipse(QPointF(a * u, b * u), r, r)
            continue
        c.p.setPen(QPen(color, (1.4 if line.shade == 0 else 1.0) * u))
        c.p.setBrush(Qt.BrushStyle.NoBrush)
        run: list[QPointF] = []
        for (a, b), v in zip(points, line.ys, strict=True):
            if math.isnan(v):
                _draw_run(c, run)
                run = []
            else:
                run.append(QPointF(a * u, b * u))
        _draw_run(c, run)
    c.p.restore()
    # Legend, top right.
    lx = left + width
    for line in reversed(chart.lines):
        tw = METRICS.width(line.name, "tiny")
        lx -= tw
        c.text(lx, y + 2, line.name, "tiny", False, INK)
        lx -= 14
        c.p.setPen(QPen(SHADES[line.shade], 1.4 * u))
        mid = (y + 6) * u
        if line.style == "points":
            c.p.setBrush(QBrush(SHADES[line.shade]))
            c.p.drawEllipse(QPointF((lx + 6) * u, mid), 1.3 * u, 1.3 * u)
        else:
            c.p.drawLine(QPointF(lx * u, mid), QPointF((lx + 11) * u, mid))
        lx -= 8
    if not any(not math.isnan(v) for line in chart.lines for v in line.ys):
        c.text(left + 8, top + height / 2 - 5, "No values in this period.", "small", False, GREY)


def _draw_run(c: Canvas, run: list[QPointF]) -> None:
    if len(run) == 1:
        c.p.drawPoint(run[0])
    elif run:
        c.p.drawPolyline(QPolygonF(run))
