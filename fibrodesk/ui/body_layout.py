"""Where the body map's figures, numbers and tender points sit in the widget.

:class:`BodyLayout` scales the two figures of :mod:`fibrodesk.core.body_geometry` into a
widget, maps points both ways, and keeps per-size caches: each item's bounding rectangle
(what a change of state repaints) and each number's fitted font and halo outline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPainterPath,
    QPainterPathStroker,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import QWidget

from fibrodesk.core.body_geometry import Point, Polygon, load_body_geometry


def _qpath(polys: Iterable[Polygon]) -> QPainterPath:
    path = QPainterPath()
    for poly in polys:
        path.addPolygon(QPolygonF([QPointF(x, y) for x, y in poly]))
        path.closeSubpath()
    return path


@dataclass(frozen=True)
class Placed:
    """Where one view is drawn in the widget."""

    transform: QTransform
    box: QRectF  # the view's coordinate box, in widget coordinates
    caption: QRectF


@dataclass(frozen=True)
class Label:
    """A number laid out on its region: fitted font, baseline, halo outline, extent."""

    font: QFont
    baseline: QPointF
    halo: QPainterPath  # the text's outline stroked 3 px wide, to be filled
    rect: QRect


class BodyLayout:
    """The figures placed in one widget, recomputed when its size or font changes.

    Attributes:
        views: the two figures' geometry (view coordinates).
        region_paths: view -> region id -> its path, in view coordinates.
        silhouettes: view -> the body outline path, in view coordinates.
        footer: whether a line of text is kept free under the figures.
    """

    def __init__(self, widget: QWidget) -> None:
        self._w = widget
        self.views = load_body_geometry()
        self.region_paths = {
            name: {rid: _qpath([poly]) for rid, poly in v.regions.items()}
            for name, v in self.views.items()
        }
        self.silhouettes = {name: _qpath(v.silhouette) for name, v in self.views.items()}
        self.footer = False
        self._footer_rect = QRectF()
        self._placed_cache: tuple[tuple[int, int, float, bool], dict[str, Placed]] | None = None
        # Derived from the placement (cleared with it): item rectangles and laid-out labels.
        self._rects: dict[tuple[str, str], QRect] = {}
        self._labels: dict[tuple[str, str, str, str, float], Label] = {}

    def invalidate(self) -> None:
        """Forget the placement (after a resize or a font change)."""
        self._placed_cache = None

    def caption_font(self) -> QFont:
        font = QFont(self._w.font())
        font.setBold(True)
        return font

    def number_font(self) -> QFont:
        font = QFont(self._w.font())
        font.setBold(True)
        return font

    def placed(self) -> dict[str, Placed]:
        font = self.caption_font()
        key = (self._w.width(), self._w.height(), font.pointSizeF(), self.footer)
        if self._placed_cache is not None and self._placed_cache[0] == key:
            return self._placed_cache[1]
        self._rects.clear()
        self._labels.clear()
        fm = QFontMetricsF(font)
        margin = fm.height() * 0.4
        caption_h = fm.height() * 1.3
        gap = fm.height() * 0.8
        front, back = self.views["front"], self.views["back"]
        total_w = front.width + back.width
        total_h = max(front.height, back.height)
        avail_w = max(1.0, self._w.width() - 2 * margin - gap)
        footer_h = fm.height() * 1.5 if self.footer else 0.0
        avail_h = max(1.0, self._w.height() - 2 * margin - caption_h - footer_h)
        scale = max(0.05, min(avail_w / total_w, avail_h / total_h))
        used_w = total_w * scale + gap
        used_h = total_h * scale + caption_h + footer_h
        x = (self._w.width() - used_w) / 2
        y = (self._w.height() - used_h) / 2 + caption_h
        placed: dict[str, Placed] = {}
        for view in (front, back):
            box = QRectF(x, y, view.width * scale, view.height * scale)
            placed[view.name] = Placed(
                transform=QTransform(scale, 0, 0, scale, x, y),
                box=box,
                caption=QRectF(x, y - caption_h, box.width(), caption_h),
            )
            x += box.width() + gap
        self._footer_rect = QRectF(
            margin, y + total_h * scale, max(1.0, self._w.width() - 2 * margin), footer_h
        )
        self._placed_cache = (key, placed)
        return placed

    def footer_rect(self) -> QRectF:
        """Where the line under the figures goes (empty when ``footer`` is False)."""
        self.placed()
        return self._footer_rect

    def scale(self) -> float:
        return self.placed()["front"].transform.m11()

    def to_widget(self, view: str, point: Point) -> QPointF:
        return self.placed()[view].transform.map(QPointF(point[0], point[1]))

    def view_point_at(self, pos: QPointF) -> tuple[str, QPointF] | None:
        for name, placed in self.placed().items():
            if placed.box.contains(pos):
                inverse, ok = placed.transform.inverted()
                if ok:
                    return name, inverse.map(pos)
        return None

    def region_rect(self, view: str, region_id: str) -> QRect:
        """The region as drawn in ``view`` (some regions are drawn in both figures)."""
        key = (view, region_id)
        rect = self._rects.get(key)
        if rect is None:
            box = self.region_paths[view][region_id].boundingRect()
            mapped = self.placed()[view].transform.mapRect(box)
            rect = mapped.toAlignedRect().adjusted(-4, -4, 4, 4)
            self._rects[key] = rect
        return rect

    def tender_rect(self, view: str, point_id: str) -> QRect:
        key = (view, point_id)
        rect = self._rects.get(key)
        if rect is None:
            c = self.to_widget(view, self.views[view].tender_points[point_id])
            r = self.views[view].tender_radius[point_id] * self.scale() + 8
            rect = QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r).toAlignedRect()
            self._rects[key] = rect
        return rect

    def label(
        self,
        view_name: str,
        region_id: str,
        label: str,
        number_font: QFont,
        font_key: str,
        device_scale: float,
    ) -> Label:
        """Where and how ``label`` is drawn on a region in one view: computed once per
        size, font and device scale (``font_key`` is ``number_font.key()``)."""
        key = (view_name, region_id, label, font_key, device_scale)
        placed = self._labels.get(key)
        if placed is not None:
            return placed
        view = self.views[view_name]
        c = self.to_widget(view.name, view.label_points[region_id])
        room = 2.3 * view.label_room[region_id] * self.scale()
        font = self.fitted_font(number_font, label, room)
        fm = QFontMetricsF(font)
        width = fm.horizontalAdvance(label)
        baseline = QPointF(c.x() - width / 2, c.y() + (fm.ascent() - fm.descent()) / 2)
        text_path = QPainterPath()
        text_path.addText(baseline, font, label)
        # What drawPath(text_path) with QPen(fill, 3.0, round joins) rasterises, stroked once
        # here: QPainter strokes curves to 0.25 device pixels, as set below.
        stroker = QPainterPathStroker()
        stroker.setWidth(3.0)
        stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        stroker.setCurveThreshold(0.25 / device_scale if device_scale > 0 else 0.25)
        halo = stroker.createStroke(text_path)
        bounds = halo.boundingRect().united(fm.boundingRect(label).translated(baseline))
        rect = bounds.toAlignedRect().adjusted(-3, -3, 3, 3)
        if len(self._labels) >= 512:  # heat-map texts vary; keep the cache small
            self._labels.clear()
        placed = self._labels[key] = Label(font=font, baseline=baseline, halo=halo, rect=rect)
        return placed

    @staticmethod
    def fitted_font(font: QFont, text: str, room: float) -> QFont:
        """``font``, shrunk (to 70% at most) when ``text`` is wider than ``room`` pixels."""
        width = QFontMetricsF(font).horizontalAdvance(text)
        if width <= room or width <= 0:
            return font
        factor = max(0.7, room / width)
        smaller = QFont(font)
        if font.pointSizeF() > 0:
            smaller.setPointSizeF(font.pointSizeF() * factor)
        elif font.pixelSize() > 0:
            smaller.setPixelSize(max(1, round(font.pixelSize() * factor)))
        return smaller
