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

from fibrodesk.core.body_geometry import (
    Point,
    Polygon,
    load_body_geometry,
    pole_of_inaccessibility,
    signed_distance,
)

#: A tender point's hit area is a square at least this wide (px) at any map size, the
#: WCAG 2.2 target size (2.5.8); markers closer than this are drawn apart to make room.
MIN_TARGET = 24.0
#: The smallest radius a tender point's disc is drawn with (px): an 18 px disc whose
#: tick reads at a glance.
MIN_DISC_RADIUS = 9.0
#: Radius (px) of the disc around a region's number that a click gives to the region even
#: under a tender point's hit square (only on maps so small that the square covers it all).
NUMBER_ZONE = 5.0


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
        # Derived from the placement (cleared with it): item rectangles, laid-out labels and
        # where the tender points are drawn.
        self._rects: dict[tuple[str, str], QRect] = {}
        self._tender: dict[str, dict[str, QPointF]] = {}
        self._label_points: dict[tuple[str, str], QPointF] = {}
        self._covered: dict[str, dict[str, QPointF]] = {}
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
        self._tender.clear()
        self._label_points.clear()
        self._covered.clear()
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
        """What a tender point's disc, hover and focus rings cover (a repaint's area)."""
        key = (view, point_id)
        rect = self._rects.get(key)
        if rect is None:
            c = self.tender_centres(view)[point_id]
            r = max(self.tender_radius(view, point_id), MIN_TARGET / 2) + 8
            rect = QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r).toAlignedRect()
            self._rects[key] = rect
        return rect

    def tender_radius(self, view: str, point_id: str) -> float:
        """The radius a tender point's disc is drawn with: it scales with the map, never
        below ``MIN_DISC_RADIUS``."""
        return max(MIN_DISC_RADIUS, self.views[view].tender_radius[point_id] * self.scale())

    def tender_hit_rect(self, view: str, point_id: str) -> QRectF:
        """A tender point's hit area: the square around its disc, at least ``MIN_TARGET``
        wide."""
        c = self.tender_centres(view)[point_id]
        half = max(MIN_TARGET / 2 + 0.5, self.tender_radius(view, point_id))
        return QRectF(c.x() - half, c.y() - half, 2 * half, 2 * half)

    def tender_centres(self, view: str) -> dict[str, QPointF]:
        """Where a view's tender points are drawn (widget coordinates).

        At their anatomical place when the map is large; on a smaller map, markers closer
        than ``MIN_TARGET`` (both ways) are pushed apart along the line between them, so
        that every hit square keeps its full size and none covers another.
        """
        self.placed()
        centres = self._tender.get(view)
        if centres is None:
            points = self.views[view].tender_points
            centres = {pid: self.to_widget(view, pt) for pid, pt in points.items()}
            need = MIN_TARGET + 1.0
            ids = list(centres)
            for _round in range(12):
                # All pushes of a round from the same positions, so that the left and right
                # points stay mirror images.
                shift = {pid: QPointF() for pid in ids}
                for i, a in enumerate(ids):
                    for b in ids[i + 1 :]:
                        d = centres[b] - centres[a]
                        apart = max(abs(d.x()), abs(d.y()))
                        if 0 < apart < need - 0.01:
                            push = d * ((need / apart - 1) / 2)
                            shift[a] -= push
                            shift[b] += push
                if all(v.isNull() for v in shift.values()):
                    break
                for pid in ids:
                    centres[pid] += shift[pid]
            self._tender[view] = centres
        return centres

    def label_point(self, view: str, region_id: str) -> QPointF:
        """Where a region's number goes and where a click surely finds the region (widget
        coordinates): its catalogue label point, unless a tender point's hit square covers
        that on this map; then the interior point farthest from edges and hit squares.

        On a map so small that hit squares cover the whole region, the catalogue point stays
        and a small disc around it (``NUMBER_ZONE``) goes to the region before any tender
        point (:meth:`covered_labels`), so every region can still be clicked."""
        self._label_points_of(view)
        return self._label_points[(view, region_id)]

    def covered_labels(self, view: str) -> dict[str, QPointF]:
        """The regions whose every interior point lies under a tender point's hit square on
        this map, with their label points."""
        self._label_points_of(view)
        return self._covered.get(view, {})

    def _label_points_of(self, view: str) -> None:
        self.placed()
        if view in self._covered:
            return
        geometry = self.views[view]
        covered: dict[str, QPointF] = {}
        squares = [
            self.tender_hit_rect(view, pid).adjusted(-2, -2, 2, 2) for pid in geometry.tender_points
        ]
        holes: list[tuple[Point, float]] | None = None
        inverse, _ok = self.placed()[view].transform.inverted()
        for region_id, poly in geometry.regions.items():
            found = self.to_widget(view, geometry.label_points[region_id])
            if any(sq.contains(found) for sq in squares):
                if holes is None:
                    holes = []
                    for pid, c in self.tender_centres(view).items():
                        at = inverse.map(c)
                        half = self.tender_hit_rect(view, pid).width() / 2
                        holes.append(((at.x(), at.y()), (half + 2) / self.scale()))
                x, y = pole_of_inaccessibility(poly, holes)
                moved = self.to_widget(view, (x, y))
                inside = signed_distance(poly, x, y) * self.scale() >= 2.0  # px from the edge
                if inside and not any(sq.contains(moved) for sq in squares):
                    found = moved
                else:
                    covered[region_id] = found
            self._label_points[(view, region_id)] = found
        self._covered[view] = covered

    def tender_at(self, pos: QPointF) -> str | None:
        """The tender point whose hit square holds ``pos`` (the nearest if several); None
        nearer a covered region's number than that point (see :meth:`label_point`)."""

        def dist2(c: QPointF) -> float:
            return (c.x() - pos.x()) ** 2 + (c.y() - pos.y()) ** 2

        best: tuple[float, str] | None = None
        for view in self.placed():
            for pid, c in self.tender_centres(view).items():
                if self.tender_hit_rect(view, pid).contains(pos):
                    if best is None or dist2(c) < best[0]:
                        best = (dist2(c), pid)
        if best is None:
            return None
        for view in self.placed():
            for c in self.covered_labels(view).values():
                if dist2(c) <= min(NUMBER_ZONE**2, best[0] - 1e-6):
                    return None
        return best[1]

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
        c = self.label_point(view_name, region_id)
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
