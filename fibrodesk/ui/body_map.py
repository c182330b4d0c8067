"""The painted body map: front and back figures, regions, tender points.

Geometry is data (``resources/body_geometry.json``), loaded once into
:class:`ViewGeometry` objects. Hit-testing is the pure function :func:`region_at`, which
works on view coordinates and needs no Qt. The widget only paints and emits signals; it
never reads or writes the diary (the Today and History pages do that).

Laterality (domain.md s.1): in the front view the patient's right is on the viewer's
left; in the back view the patient's left is on the viewer's left. The geometry file
already holds each side where it belongs, and both figures carry "L" and "R" markers.

Accessibility: the map is one focusable widget with a keyboard focus cursor over regions
and tender points. Qt for Python offers no straightforward way to expose painted items as
accessible children (QAccessibleInterface subclasses and factories are C++ only), so the
widget keeps ``accessibleName`` at "Body map" and puts the focused item in
``accessibleDescription`` ("Inside of knee, left: intensity 5"), announcing each change.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
    QRegion,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from fibrodesk.core.catalogue import catalogue
from fibrodesk.resources import load_json
from fibrodesk.ui import colors as ui_colors

Point = tuple[float, float]
Polygon = tuple[Point, ...]

GEOMETRY_FILE = "body_geometry.json"
VIEWS = ("front", "back")


# --------------------------------------------------------------------------- geometry


@dataclass(frozen=True, eq=False)
class ViewGeometry:
    """One figure (front or back) in its own coordinate box, y downwards.

    Attributes:
        name: "front" or "back".
        caption: the caption drawn above the figure.
        width, height: size of the coordinate box.
        silhouette: polygons of the body outline.
        regions: region id -> polygon, for every region shown in this view.
        tender_points: tender point id -> marker centre.
        tender_radius: tender point id -> marker radius (leg sites are larger).
        markers: "L" / "R" -> where the side label is drawn.
        label_points: region id -> interior point farthest from the region's edges and
            from the tender-point markers: where the number is drawn and where
            ``region_center`` points.
        label_room: region id -> distance from the label point to the nearest edge or
            marker (the radius of the largest free disc), used to fit the number.
    """

    name: str
    caption: str
    width: float
    height: float
    silhouette: tuple[Polygon, ...]
    regions: dict[str, Polygon]
    tender_points: dict[str, Point]
    tender_radius: dict[str, float]
    markers: dict[str, Point]
    label_points: dict[str, Point]
    label_room: dict[str, float]


def _polygon(raw: Iterable[Iterable[float]]) -> Polygon:
    return tuple((float(x), float(y)) for x, y in raw)


@cache
def load_body_geometry() -> dict[str, ViewGeometry]:
    """Both views, parsed once per process from ``resources/body_geometry.json``."""
    raw = load_json(GEOMETRY_FILE)
    cat = catalogue()
    radius = raw["tender_point_radius"]
    views: dict[str, ViewGeometry] = {}
    for name in VIEWS:
        v = raw["views"][name]
        regions = {rid: _polygon(poly) for rid, poly in v["regions"].items()}
        tps = {pid: (float(x), float(y)) for pid, (x, y) in v["tender_points"].items()}
        tp_radius = {
            pid: float(radius["leg"] if cat.tender_points[pid].leg else radius["other"])
            for pid in tps
        }
        # Derived from the polygons once and stored with them (computing them here cost
        # about half a second of every start); a test checks they still match.
        labels = {rid: (float(x), float(y)) for rid, (x, y) in v["label_points"].items()}
        room = {rid: float(r) for rid, r in v["label_room"].items()}
        views[name] = ViewGeometry(
            name=name,
            caption=v["caption"],
            width=float(v["size"][0]),
            height=float(v["size"][1]),
            silhouette=tuple(_polygon(p) for p in v["silhouette"]),
            regions=regions,
            tender_points=tps,
            tender_radius=tp_radius,
            markers={k: (float(x), float(y)) for k, (x, y) in v["markers"].items()},
            label_points=labels,
            label_room=room,
        )
    return views


def point_in_polygon(poly: Polygon, x: float, y: float) -> bool:
    """Even-odd ray casting."""
    inside = False
    n = len(poly)
    j = n - 1
    for i in range(n):
        xi, yi = poly[i]
        xj, yj = poly[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _segment_distance(px: float, py: float, a: Point, b: Point) -> float:
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def signed_distance(poly: Polygon, x: float, y: float) -> float:
    """Distance to the polygon's edge, positive inside, negative outside."""
    d = min(_segment_distance(x, y, poly[i - 1], poly[i]) for i in range(len(poly)))
    return d if point_in_polygon(poly, x, y) else -d


def clearance(poly: Polygon, holes: Iterable[tuple[Point, float]], point: Point) -> float:
    """Signed distance from ``point`` to the polygon's edge or the nearest circular hole."""
    d = signed_distance(poly, *point)
    for (cx, cy), r in holes:
        d = min(d, math.hypot(point[0] - cx, point[1] - cy) - r)
    return d


def pole_of_inaccessibility(
    poly: Polygon, holes: Iterable[tuple[Point, float]] = (), precision: float = 0.25
) -> Point:
    """The interior point farthest from the polygon's edges and from the circular holes.

    Mapbox's polylabel algorithm (quadtree search with a priority queue). The holes are
    the tender-point markers, so a region's centre is never hidden under one.
    """
    xs = [p[0] for p in poly]
    ys = [p[1] for p in poly]
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    near = [
        (c, r)
        for c, r in holes
        if min_x - r <= c[0] <= max_x + r and min_y - r <= c[1] <= max_y + r
    ]

    def f(x: float, y: float) -> float:
        d = signed_distance(poly, x, y)
        for (cx, cy), r in near:
            d = min(d, math.hypot(x - cx, y - cy) - r)
        return d

    size = min(max_x - min_x, max_y - min_y)
    if size <= 0:
        return (min_x, min_y)
    h = size / 2
    queue: list[tuple[float, float, float, float, float]] = []

    def push(x: float, y: float, half: float) -> None:
        d = f(x, y)
        heapq.heappush(queue, (-(d + half * math.sqrt(2)), d, x, y, half))

    x = min_x
    while x < max_x:
        y = min_y
        while y < max_y:
            push(x + h, y + h, h)
            y += size
        x += size
    # Start from the centroid of the vertices (often good) and the bounding-box centre.
    best = (f(sum(xs) / len(xs), sum(ys) / len(ys)), sum(xs) / len(xs), sum(ys) / len(ys))
    mid = (f((min_x + max_x) / 2, (min_y + max_y) / 2), (min_x + max_x) / 2, (min_y + max_y) / 2)
    best = max(best, mid)
    while queue:
        neg_max, d, x, y, half = heapq.heappop(queue)
        if d > best[0]:
            best = (d, x, y)
        if -neg_max - best[0] <= precision:
            continue
        half /= 2
        for sx in (-half, half):
            for sy in (-half, half):
                push(x + sx, y + sy, half)
    return (round(best[1], 2), round(best[2], 2))


def region_at(
    view_geometry: ViewGeometry, point: Point | QPointF, *, tender_points: bool = True
) -> str | None:
    """The id under ``point`` (view coordinates): a tender point id first, then a region.

    Tender points are tested first because their markers lie on top of regions; with
    ``tender_points=False`` (markers hidden) only regions are tested.
    """
    if isinstance(point, QPointF | QPoint):
        x, y = float(point.x()), float(point.y())
    else:
        x, y = float(point[0]), float(point[1])
    if tender_points:
        best: tuple[float, str] | None = None
        for pid, (cx, cy) in view_geometry.tender_points.items():
            d = math.hypot(x - cx, y - cy)
            if d <= view_geometry.tender_radius[pid] and (best is None or d < best[0]):
                best = (d, pid)
        if best is not None:
            return best[1]
    for rid, poly in view_geometry.regions.items():
        if point_in_polygon(poly, x, y):
            return rid
    return None


def _qpath(polys: Iterable[Polygon]) -> QPainterPath:
    path = QPainterPath()
    for poly in polys:
        path.addPolygon(QPolygonF([QPointF(x, y) for x, y in poly]))
        path.closeSubpath()
    return path


# --------------------------------------------------------------------------- widget


@dataclass(frozen=True)
class _Placed:
    """Where one view is drawn in the widget."""

    transform: QTransform
    box: QRectF  # the view's coordinate box, in widget coordinates
    caption: QRectF


@dataclass(frozen=True)
class _Look:
    """Colours and fonts of one paint, from the palette and the widget font."""

    window: QColor
    text: QColor
    highlight: QColor
    body: QColor  # "no mark"
    edge: QColor  # region edges
    outline: QColor  # silhouette outline
    caption_font: QFont
    number_font: QFont
    number_font_key: str
    side_font: QFont
    device_scale: float  # device pixels per widget pixel


@dataclass(frozen=True)
class _Label:
    """A number laid out on its region: fitted font, baseline, halo outline, extent."""

    font: QFont
    baseline: QPointF
    halo: QPainterPath  # the text's outline stroked 3 px wide, to be filled
    rect: QRect


class BodyMap(QWidget):
    """Front and back body figures; click or use the keyboard to pick regions.

    The widget never touches the database: it shows what it is given (``set_marks``,
    ``set_tender_points``, ``set_region_colors``) and reports what the user does.

    Signals:
        regionClicked(str): a region was clicked, or Space/Enter on the focused region.
            The region is selected first.
        tenderPointClicked(str): a tender point was clicked, or Space/Enter on it.
        intensityKeyPressed(str, int): digit 0-9 typed with a region selected.
        intensityStepped(str, int): +1 for '+' or '=', -1 for '-', on the selected region.
        deletePressed(str): Delete or Backspace with a region selected.
        selectionChanged(str): the selected region changed ("" when none).
    """

    regionClicked = Signal(str)
    tenderPointClicked = Signal(str)
    intensityKeyPressed = Signal(str, int)
    intensityStepped = Signal(str, int)
    deletePressed = Signal(str)
    selectionChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bodyMap")
        self.setAccessibleName("Body map")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._cat = catalogue()
        self._views = load_body_geometry()
        self._region_paths = {
            name: {rid: _qpath([poly]) for rid, poly in v.regions.items()}
            for name, v in self._views.items()
        }
        self._silhouettes = {name: _qpath(v.silhouette) for name, v in self._views.items()}
        self._marks: dict[str, int] = {}
        self._painful: set[str] = set()
        self._selected: str | None = None
        self._show_tender_points = True
        self._heat_colors: dict[str, QColor] | None = None
        self._heat_texts: dict[str, str] | None = None
        self._focus_id: str | None = None
        self._focus_visible = False
        self._hover: str | None = None
        self._pressed: str | None = None
        self._placed_cache: tuple[tuple[int, int, float], dict[str, _Placed]] | None = None
        # Derived from the placement (cleared with it): item rectangles and laid-out labels.
        self._rects: dict[tuple[str, str], QRect] = {}
        self._labels: dict[tuple[str, str, str, str, float], _Label] = {}
        # (key, full, outline): the static layers, see "painting" below.
        self._static: tuple[tuple[object, ...], QPixmap, QPixmap] | None = None
        self._update_accessible_description()

    # ------------------------------------------------------------------ public API

    def set_marks(self, intensities: Mapping[str, int]) -> None:
        """Show the marks: region id -> intensity 0-10 (regions not given: no mark)."""
        old = self._marks
        self._marks = {
            rid: max(0, min(10, int(v))) for rid, v in intensities.items() if v is not None
        }
        self._update_accessible_description()
        changed = [
            rid for rid in old.keys() | self._marks.keys() if old.get(rid) != self._marks.get(rid)
        ]
        numbers = {str(m[rid]) for m in (old, self._marks) for rid in changed if rid in m}
        self._update_items(changed, numbers)

    def marks(self) -> dict[str, int]:
        return dict(self._marks)

    def set_tender_points(self, painful: Iterable[str]) -> None:
        """Which tender points are drawn as painful."""
        old, self._painful = self._painful, set(painful)
        self._update_accessible_description()
        self._update_items(old ^ self._painful)

    def set_selected(self, region_id: str | None) -> None:
        """Select a region (None or "" for none); emits selectionChanged if it changed."""
        region_id = region_id or None
        if region_id is not None and region_id not in self._cat.regions:
            raise ValueError(f"unknown body region {region_id!r}")
        if region_id == self._selected:
            return
        old, self._selected = self._selected, region_id
        self._update_items(rid for rid in (old, region_id) if rid)
        self.selectionChanged.emit(region_id or "")

    def selected(self) -> str | None:
        return self._selected

    def set_show_tender_points(self, show: bool) -> None:
        """Show or hide the tender-point markers (hidden ones are not clickable)."""
        self._show_tender_points = bool(show)
        if not show and self._focus_id in self._cat.tender_points:
            self._set_focus_item(None)
        if not show and self._hover in self._cat.tender_points:
            self._hover = None
        self.update()

    def show_tender_points(self) -> bool:
        return self._show_tender_points

    def set_region_colors(
        self, colors: Mapping[str, QColor] | None, texts: Mapping[str, str] | None = None
    ) -> None:
        """Heat-map mode: fill regions with these colours and write these texts on them.

        Overrides the ``set_marks`` colouring while given; pass None to go back.
        """
        if colors is None:
            self._heat_colors = None
            self._heat_texts = None
        else:
            self._heat_colors = {rid: QColor(c) for rid, c in colors.items()}
            self._heat_texts = dict(texts) if texts else {}
        self.update()

    def region_center(self, region_id: str) -> QPoint:
        """A point inside the region (in its catalogue view), in widget coordinates.

        ``region_at`` maps it back to ``region_id``: it is the region's pole of
        inaccessibility, clear of tender-point markers.
        """
        region = self._cat.region(region_id)
        view = self._views[region.view]
        return self._to_widget(region.view, view.label_points[region_id]).toPoint()

    def tender_point_center(self, point_id: str) -> QPoint:
        """Centre of a tender point's marker, in widget coordinates."""
        try:
            tp = self._cat.tender_points[point_id]
        except KeyError:
            raise ValueError(f"unknown tender point {point_id!r}") from None
        return self._to_widget(tp.view, self._views[tp.view].tender_points[point_id]).toPoint()

    def region_at(self, pos: QPointF | QPoint) -> str | None:
        """The tender point or region id under a widget position, or None."""
        found = self._view_point_at(QPointF(pos))
        if found is None:
            return None
        name, point = found
        return region_at(self._views[name], point, tender_points=self._show_tender_points)

    def focus_item(self) -> str | None:
        """The region or tender point under the keyboard focus cursor."""
        return self._focus_id

    def sizeHint(self) -> QSize:
        return QSize(700, 700)

    def minimumSizeHint(self) -> QSize:
        return QSize(380, 400)

    # ------------------------------------------------------------------ layout

    def _placed(self) -> dict[str, _Placed]:
        font = self._caption_font()
        key = (self.width(), self.height(), font.pointSizeF())
        if self._placed_cache is not None and self._placed_cache[0] == key:
            return self._placed_cache[1]
        self._rects.clear()
        self._labels.clear()
        fm = QFontMetricsF(font)
        margin = fm.height() * 0.4
        caption_h = fm.height() * 1.3
        gap = fm.height() * 0.8
        front, back = self._views["front"], self._views["back"]
        total_w = front.width + back.width
        total_h = max(front.height, back.height)
        avail_w = max(1.0, self.width() - 2 * margin - gap)
        avail_h = max(1.0, self.height() - 2 * margin - caption_h)
        scale = max(0.05, min(avail_w / total_w, avail_h / total_h))
        used_w = total_w * scale + gap
        used_h = total_h * scale + caption_h
        x = (self.width() - used_w) / 2
        y = (self.height() - used_h) / 2 + caption_h
        placed: dict[str, _Placed] = {}
        for view in (front, back):
            box = QRectF(x, y, view.width * scale, view.height * scale)
            placed[view.name] = _Placed(
                transform=QTransform(scale, 0, 0, scale, x, y),
                box=box,
                caption=QRectF(x, y - caption_h, box.width(), caption_h),
            )
            x += box.width() + gap
        self._placed_cache = (key, placed)
        return placed

    def _scale(self) -> float:
        return self._placed()["front"].transform.m11()

    def _to_widget(self, view: str, point: Point) -> QPointF:
        return self._placed()[view].transform.map(QPointF(point[0], point[1]))

    def _view_point_at(self, pos: QPointF) -> tuple[str, QPointF] | None:
        for name, placed in self._placed().items():
            if placed.box.contains(pos):
                inverse, ok = placed.transform.inverted()
                if ok:
                    return name, inverse.map(pos)
        return None

    def resizeEvent(self, event) -> None:
        self._placed_cache = None
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.PaletteChange,
            QEvent.Type.StyleChange,
        ):
            self._placed_cache = None
            self._static = None
            self.update()
        super().changeEvent(event)

    # ------------------------------------------------------------------ painting
    #
    # What is drawn, in order, for each figure: caption; silhouette in the "no mark"
    # colour; every region (its fill, if marked, then its edge); the silhouette outline;
    # hover, selection and focus outlines; the numbers; the "L"/"R" markers; the tender
    # points. ``_paint_direct`` draws exactly that.
    #
    # ``_paint_cached`` draws the same picture cheaply (a paint used to stroke about 85
    # antialiased paths; the two ~950-point silhouette outlines with round joins alone
    # took over half of it). ``_static_layers`` keeps two pixmaps at the widget's size
    # times its pixel ratio, rebuilt only when size, pixel ratio, palette, style or font
    # change: ``full``, the picture with no state (captions, silhouettes, every region's
    # edge unfilled, the silhouette outlines, the markers), and ``outline``, the
    # silhouette outlines alone on transparency. A paint draws ``full``; then, clipped to
    # the bounding rectangles of the filled regions, replays in order the background,
    # silhouette, the regions that reach the clip (with their fills), ``outline`` and the
    # markers, so that there every pixel goes through the steps of ``_paint_direct``
    # (``outline`` is blended from a pixmap, which could round an edge pixel one level
    # differently); then hover, selection and focus outlines, numbers and tender points.
    # Each number's layout and halo outline are computed once per size and font.
    #
    # State changes repaint only the rectangles of what changed (``_update_items``), and a
    # paint skips whatever lies outside the area being repainted.

    #: Paint through the cached layers; False paints everything directly (tests compare).
    _use_static_cache = True

    def _caption_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _number_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _look(self, device_scale: float) -> _Look:
        pal = self.palette()
        window = pal.color(QPalette.ColorRole.Window)
        text = pal.color(QPalette.ColorRole.WindowText)
        body = ui_colors.no_mark_color(pal)
        caption_font = self._caption_font()
        side_font = QFont(caption_font)
        if caption_font.pointSizeF() > 0:
            side_font.setPointSizeF(caption_font.pointSizeF() * 1.25)
        elif caption_font.pixelSize() > 0:
            side_font.setPixelSize(round(caption_font.pixelSize() * 1.25))
        number_font = self._number_font()
        return _Look(
            window=window,
            text=text,
            highlight=pal.color(QPalette.ColorRole.Highlight),
            body=body,
            edge=ui_colors.mix(body, text, 0.45),
            outline=ui_colors.mix(window, text, 0.75),
            caption_font=caption_font,
            number_font=number_font,
            number_font_key=number_font.key(),
            side_font=side_font,
            device_scale=device_scale,
        )

    def _fill_for(self, region_id: str) -> QColor | None:
        if self._heat_colors is not None:
            return self._heat_colors.get(region_id)
        if region_id in self._marks:
            return ui_colors.intensity_color(self._marks[region_id])
        return None

    def _text_for(self, region_id: str) -> str | None:
        if self._heat_colors is not None:
            return (self._heat_texts or {}).get(region_id)
        if region_id in self._marks:
            return str(self._marks[region_id])
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        # The cached pixmaps are made for the screen: pixel ratio as the widget's, no
        # rotation or extra scale (render() into an image or a printer may differ).
        device = p.deviceTransform()
        dpr = self.devicePixelRatioF()
        look = self._look(device.m11())
        if (
            self._use_static_cache
            and self.width() > 0
            and self.height() > 0
            and device.m12() == 0
            and device.m21() == 0
            and math.isclose(device.m11(), dpr)
            and math.isclose(device.m22(), dpr)
        ):
            self._paint_cached(p, look, event.region())
        else:
            self._paint_direct(p, look)
        p.end()

    def _paint_direct(self, p: QPainter, look: _Look) -> None:
        """The whole picture, every path drawn (no cache)."""
        p.fillRect(self.rect(), look.window)
        for name in self._views:
            self._draw_caption_and_body(p, look, name)
            self._draw_regions(p, look, name, fills=True)
            self._draw_outline(p, look, name)
            self._draw_highlights(p, look, name)
            self._draw_labels(p, look, name)
            self._draw_markers(p, look, name)
            self._draw_tender_points(p, look, name)

    def _paint_cached(self, p: QPainter, look: _Look, area: QRegion) -> None:
        """The same picture from the static layers plus what the state adds."""
        full, outline = self._static_layers(look)
        p.drawPixmap(0, 0, full)
        filled = QRegion()
        for name, view in self._views.items():
            for rid in view.regions:
                if self._fill_for(rid) is not None:
                    filled += self._region_rect(name, rid)
        filled &= area
        if not filled.isEmpty():
            # Inside the filled regions' rectangles, the same steps as _paint_direct.
            p.save()
            p.setClipRegion(filled, Qt.ClipOperation.IntersectClip)
            p.fillRect(self.rect(), look.window)
            placed = self._placed()
            for name in self._views:
                if filled.intersects(placed[name].box.toAlignedRect().adjusted(-4, -4, 4, 4)):
                    self._draw_caption_and_body(p, look, name, within=filled)
                    self._draw_regions(p, look, name, fills=True, within=filled)
            p.drawPixmap(0, 0, outline)
            for name in self._views:
                self._draw_markers(p, look, name, within=filled)
            p.restore()
        for name in self._views:
            self._draw_highlights(p, look, name, within=area)
            self._draw_labels(p, look, name, within=area)
            self._draw_tender_points(p, look, name, within=area)

    def _static_layers(self, look: _Look) -> tuple[QPixmap, QPixmap]:
        """The ``full`` and ``outline`` pixmaps, rebuilt when size, pixel ratio, palette or
        font change (nothing in them depends on marks, selection or heat-map colours)."""
        dpr = self.devicePixelRatioF()
        key = (self.width(), self.height(), dpr, self.palette().cacheKey(), self.font().key())
        if self._static is not None and self._static[0] == key:
            return self._static[1], self._static[2]
        self._static = None  # let the old pixmaps go before the new ones are made
        size = QSize(max(1, math.ceil(self.width() * dpr)), max(1, math.ceil(self.height() * dpr)))
        full = QPixmap(size)
        full.setDevicePixelRatio(dpr)
        full.fill(look.window)
        outline = QPixmap(size)
        outline.setDevicePixelRatio(dpr)
        outline.fill(Qt.GlobalColor.transparent)
        for pixmap in (full, outline):
            p = QPainter(pixmap)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            for name in self._views:
                if pixmap is full:
                    self._draw_caption_and_body(p, look, name)
                    self._draw_regions(p, look, name, fills=False)
                self._draw_outline(p, look, name)
                if pixmap is full:
                    self._draw_markers(p, look, name)
            p.end()
        self._static = (key, full, outline)
        return full, outline

    def _static_cache_key(self) -> int | None:
        """``cacheKey()`` of the cached static picture (None before the first paint)."""
        return None if self._static is None else self._static[1].cacheKey()

    def _draw_caption_and_body(
        self, p: QPainter, look: _Look, name: str, within: QRegion | None = None
    ) -> None:
        where = self._placed()[name]
        if within is None or within.intersects(where.caption.toAlignedRect()):
            p.setFont(look.caption_font)
            p.setPen(look.text)
            p.drawText(where.caption, Qt.AlignmentFlag.AlignCenter, self._views[name].caption)
        p.save()
        p.setTransform(where.transform)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(look.body)
        p.drawPath(self._silhouettes[name])
        p.restore()

    def _draw_regions(
        self, p: QPainter, look: _Look, name: str, *, fills: bool, within: QRegion | None = None
    ) -> None:
        """Each region's fill (when ``fills`` and it has one) and edge. With ``within``,
        regions that cannot reach it are left out."""
        p.save()
        p.setTransform(self._placed()[name].transform)
        edge_pen = QPen(look.edge, 1.0)
        edge_pen.setCosmetic(True)
        edge_pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        for rid, path in self._region_paths[name].items():
            if within is not None and not within.intersects(self._region_rect(name, rid)):
                continue
            fill = self._fill_for(rid) if fills else None
            p.setBrush(fill if fill is not None else Qt.BrushStyle.NoBrush)
            p.setPen(edge_pen)
            p.drawPath(path)
        p.restore()

    def _draw_outline(self, p: QPainter, look: _Look, name: str) -> None:
        """The silhouette outline (the costliest path: about 900 points, round joins)."""
        p.save()
        p.setTransform(self._placed()[name].transform)
        out_pen = QPen(look.outline, 1.6)
        out_pen.setCosmetic(True)
        out_pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(out_pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(self._silhouettes[name])
        p.restore()

    def _draw_highlights(
        self, p: QPainter, look: _Look, name: str, within: QRegion | None = None
    ) -> None:
        """Hover, selection and keyboard focus outlines of the regions in this view."""
        paths = self._region_paths[name]

        def shown(rid: str | None) -> QPainterPath | None:
            if rid is None or rid not in paths:
                return None
            if within is not None and not within.intersects(self._region_rect(name, rid)):
                return None
            return paths[rid]

        hover = shown(self._hover) if self._hover != self._selected else None
        selected = shown(self._selected)
        focus = shown(self._focus_id) if self._show_focus() else None
        if hover is None and selected is None and focus is None:
            return
        p.save()
        p.setTransform(self._placed()[name].transform)
        p.setBrush(Qt.BrushStyle.NoBrush)
        if hover is not None:
            hover_pen = QPen(ui_colors.mix(look.highlight, look.text, 0.15), 2.0)
            hover_pen.setCosmetic(True)
            p.setPen(hover_pen)
            p.drawPath(hover)
        if selected is not None:
            sel_pen = QPen(look.highlight, 3.5)
            sel_pen.setCosmetic(True)
            sel_pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            p.setPen(sel_pen)
            p.drawPath(selected)
        if focus is not None:
            self._draw_focus_path(p, focus, look.text, look.window)
        p.restore()

    def _draw_labels(
        self, p: QPainter, look: _Look, name: str, within: QRegion | None = None
    ) -> None:
        # Texts are drawn untransformed so they follow the widget font, not the scale.
        for rid in self._views[name].regions:
            label = self._text_for(rid)
            if not label:
                continue
            placed = self._label(
                name, rid, label, look.number_font, look.number_font_key, look.device_scale
            )
            if within is not None and not within.intersects(placed.rect):
                continue
            fill = self._fill_for(rid) or look.body
            self._draw_label(p, placed, label, fill)

    def _draw_markers(
        self, p: QPainter, look: _Look, name: str, within: QRegion | None = None
    ) -> None:
        p.setFont(look.side_font)
        p.setPen(look.text)
        for side, (mx, my) in self._views[name].markers.items():
            c = self._to_widget(name, (mx, my))
            rect = QRectF(c.x() - 30, c.y() - 20, 60, 40)
            if within is not None and not within.intersects(rect.toAlignedRect()):
                continue
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, side)

    def _draw_tender_points(
        self, p: QPainter, look: _Look, name: str, within: QRegion | None = None
    ) -> None:
        if not self._show_tender_points:
            return
        scale = self._scale()
        for pid, (cx, cy) in self._views[name].tender_points.items():
            if within is not None and not within.intersects(self._tender_rect(name, pid)):
                continue
            self._draw_tender_point(
                p, name, pid, (cx, cy), scale, look.text, look.window, look.highlight
            )

    # Bounding rectangles (widget coordinates, with room for outlines and antialiasing):
    # what a paint may skip, and what a change of state repaints.

    def _region_rect(self, view: str, region_id: str) -> QRect:
        """The region as drawn in ``view`` (some regions are drawn in both figures)."""
        key = (view, region_id)
        rect = self._rects.get(key)
        if rect is None:
            box = self._region_paths[view][region_id].boundingRect()
            mapped = self._placed()[view].transform.mapRect(box)
            rect = mapped.toAlignedRect().adjusted(-4, -4, 4, 4)
            self._rects[key] = rect
        return rect

    def _tender_rect(self, view: str, point_id: str) -> QRect:
        key = (view, point_id)
        rect = self._rects.get(key)
        if rect is None:
            c = self._to_widget(view, self._views[view].tender_points[point_id])
            r = self._views[view].tender_radius[point_id] * self._scale() + 8
            rect = QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r).toAlignedRect()
            self._rects[key] = rect
        return rect

    def _label(
        self,
        view_name: str,
        region_id: str,
        label: str,
        number_font: QFont,
        font_key: str,
        device_scale: float,
    ) -> _Label:
        """Where and how ``label`` is drawn on a region in one view: computed once per
        size, font and device scale (``font_key`` is ``number_font.key()``)."""
        key = (view_name, region_id, label, font_key, device_scale)
        placed = self._labels.get(key)
        if placed is not None:
            return placed
        view = self._views[view_name]
        c = self._to_widget(view.name, view.label_points[region_id])
        room = 2.3 * view.label_room[region_id] * self._scale()
        font = self._fitted_font(number_font, label, room)
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
        placed = self._labels[key] = _Label(font=font, baseline=baseline, halo=halo, rect=rect)
        return placed

    def _update_items(self, items: Iterable[str], labels: Iterable[str] = ()) -> None:
        """Repaint only where these regions or tender points (and these numbers on the
        regions) are drawn; everything else on screen stays as it is."""
        if not self.isVisible():
            return
        items = list(items)
        if len(items) > 12:
            self.update()
            return
        texts = [t for t in labels if t]
        number_font = self._number_font()
        font_key = number_font.key() if texts else ""
        dpr = self.devicePixelRatioF()
        dirty = QRegion()
        for item in items:
            if item not in self._cat.tender_points and item not in self._cat.regions:
                self.update()
                return
            for name, view in self._views.items():
                if item in view.tender_points:
                    dirty += self._tender_rect(name, item)
                elif item in view.regions:
                    dirty += self._region_rect(name, item)
                    for text in texts:
                        label = self._label(name, item, text, number_font, font_key, dpr)
                        dirty += label.rect
        if not dirty.isEmpty():
            self.update(dirty)

    def _draw_label(self, p: QPainter, placed: _Label, label: str, fill: QColor) -> None:
        """The number centred on its point, with a halo of the fill colour so that it stays
        readable where it runs over the edge of a small region."""
        p.fillPath(placed.halo, fill)
        p.setFont(placed.font)
        p.setPen(ui_colors.readable_text_color(fill))
        p.drawText(placed.baseline, label)

    @staticmethod
    def _fitted_font(font: QFont, text: str, room: float) -> QFont:
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

    def _show_focus(self) -> bool:
        return self.hasFocus() and self._focus_visible and self._focus_id is not None

    def _draw_focus_path(
        self, p: QPainter, path: QPainterPath, text: QColor, window: QColor
    ) -> None:
        under = QPen(window, 4.0)
        under.setCosmetic(True)
        p.setPen(under)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        pen = QPen(text, 2.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        p.setPen(pen)
        p.drawPath(path)

    def _draw_tender_point(
        self,
        p: QPainter,
        view: str,
        pid: str,
        centre: Point,
        scale: float,
        text: QColor,
        window: QColor,
        highlight: QColor,
    ) -> None:
        """Hollow ring when not painful, solid disc with a light core when painful.

        Shape, not colour alone, carries the state (colour-blind safe).
        """
        c = self._to_widget(view, centre)
        r = self._views[view].tender_radius[pid] * scale
        painful = pid in self._painful
        light = QColor(255, 255, 255)
        dark = QColor(20, 20, 24)
        if painful:
            p.setPen(QPen(text, max(1.5, r * 0.22)))
            p.setBrush(QColor("#4b2991"))  # deep violet: apart from the YlOrRd fills
            p.drawEllipse(c, r, r)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(light)
            p.drawEllipse(c, r * 0.32, r * 0.32)
        else:
            p.setPen(QPen(dark, max(1.5, r * 0.22)))
            p.setBrush(light)
            p.drawEllipse(c, r, r)
            p.setPen(QPen(dark, max(1.0, r * 0.14)))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(c, r * 0.45, r * 0.45)
        if pid == self._hover:
            pen = QPen(ui_colors.mix(highlight, text, 0.15), 2.0)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(c, r + 2.5, r + 2.5)
        if self._show_focus() and pid == self._focus_id:
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(window, 4.0))
            p.drawEllipse(c, r + 4, r + 4)
            p.setPen(QPen(text, 2.0, Qt.PenStyle.DashLine))
            p.drawEllipse(c, r + 4, r + 4)

    # ------------------------------------------------------------------ descriptions

    def describe(self, item_id: str) -> str:
        """One line for a region or tender point: name and state, as read aloud."""
        if item_id in self._cat.tender_points:
            tp = self._cat.tender_points[item_id]
            state = "painful" if item_id in self._painful else "not painful"
            return f"{tp.label}, tender point: {state}"
        region = self._cat.region(item_id)
        if self._heat_colors is not None and self._heat_texts and item_id in self._heat_texts:
            return f"{region.label}: {self._heat_texts[item_id]}"
        if item_id in self._marks:
            return f"{region.label}: intensity {self._marks[item_id]}"
        return f"{region.label}: no mark"

    def tooltip_text(self, item_id: str) -> str:
        """Tooltip for a region (name, WPI area, intensity) or a tender point."""
        if item_id in self._cat.tender_points:
            tp = self._cat.tender_points[item_id]
            state = "painful" if item_id in self._painful else "not painful"
            return f"{tp.label} (tender point)\n{tp.site}\n{state.capitalize()}"
        region = self._cat.region(item_id)
        area = self._cat.wpi_areas.get(region.wpi_area) if region.wpi_area else None
        lines = [
            region.label,
            f"WPI area: {area.label}" if area else "no WPI area",
            f"Intensity {self._marks[item_id]}" if item_id in self._marks else "no mark",
        ]
        if self._heat_colors is not None and self._heat_texts and item_id in self._heat_texts:
            lines.append(self._heat_texts[item_id])
        return "\n".join(lines)

    def _update_accessible_description(self) -> None:
        if self._focus_id is None:
            desc = "Front and back of the body. Use Tab or the arrow keys to move, Space to mark."
        else:
            desc = self.describe(self._focus_id)
        if desc != self.accessibleDescription():
            self.setAccessibleDescription(desc)
            if QAccessible.isActive():
                QAccessible.updateAccessibility(
                    QAccessibleEvent(self, QAccessible.Event.DescriptionChanged)
                )

    # ------------------------------------------------------------------ keyboard

    def focus_order(self) -> list[str]:
        """Keyboard order: leg tender points, leg regions top-down, then the upper body."""
        cat = self._cat
        tps = list(cat.tender_points.values()) if self._show_tender_points else []
        order = [t.id for t in tps if t.leg]
        order += [r.id for r in cat.regions.values() if r.leg]
        upper = [r for r in cat.regions.values() if not r.leg]
        upper.sort(key=lambda r: self._views[r.view].label_points[r.id][1])
        order += [r.id for r in upper]
        order += [t.id for t in tps if not t.leg]
        return order

    def _item_center(self, item_id: str) -> QPointF:
        if item_id in self._cat.tender_points:
            tp = self._cat.tender_points[item_id]
            return self._to_widget(tp.view, self._views[tp.view].tender_points[item_id])
        region = self._cat.region(item_id)
        return self._to_widget(region.view, self._views[region.view].label_points[item_id])

    def _set_focus_item(self, item_id: str | None) -> None:
        if item_id != self._focus_id:
            old, self._focus_id = self._focus_id, item_id
            self._update_accessible_description()
            self._update_items(i for i in (old, item_id) if i)

    def _set_focus_visible(self, visible: bool) -> None:
        """Whether the focus cursor is drawn (keyboard use) or not (mouse use)."""
        if visible != self._focus_visible:
            self._focus_visible = visible
            if self._focus_id is not None:
                self._update_items([self._focus_id])

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab moves through the items; past the last one it leaves the widget."""
        order = self.focus_order()
        if self._focus_id in order:
            j = order.index(self._focus_id) + (1 if next else -1)
        else:
            j = 0 if next else len(order) - 1
        if 0 <= j < len(order):
            self._set_focus_visible(True)
            self._set_focus_item(order[j])
            return True
        self._set_focus_item(None)
        return super().focusNextPrevChild(next)

    def focusInEvent(self, event: QFocusEvent) -> None:
        order = self.focus_order()
        if event.reason() == Qt.FocusReason.TabFocusReason and order:
            self._set_focus_visible(True)
            self._set_focus_item(order[0])
        elif event.reason() == Qt.FocusReason.BacktabFocusReason and order:
            self._set_focus_visible(True)
            self._set_focus_item(order[-1])
        elif event.reason() not in (
            Qt.FocusReason.MouseFocusReason,
            Qt.FocusReason.ActiveWindowFocusReason,
            Qt.FocusReason.PopupFocusReason,
        ):
            self._set_focus_visible(True)
            if self._focus_id is None and order:
                self._set_focus_item(self._selected or order[0])
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def _move_focus_spatially(self, dx: int, dy: int) -> None:
        order = self.focus_order()
        if not order:
            return
        if self._focus_id not in order:
            self._set_focus_item(self._selected if self._selected in order else order[0])
            return
        here = self._item_center(self._focus_id)
        best: tuple[float, str] | None = None
        for item in order:
            if item == self._focus_id:
                continue
            c = self._item_center(item)
            vx, vy = c.x() - here.x(), c.y() - here.y()
            along = vx * dx + vy * dy
            across = abs(vx * dy - vy * dx)
            if along <= 1.0 or across > 2.5 * along + 10:
                continue
            score = along + 2.0 * across
            if best is None or score < best[0]:
                best = (score, item)
        if best is not None:
            self._set_focus_item(best[1])

    def _activate(self, item_id: str) -> None:
        if item_id in self._cat.tender_points:
            self.tenderPointClicked.emit(item_id)
        else:
            self.set_selected(item_id)
            self.regionClicked.emit(item_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            super().keyPressEvent(event)
            return
        arrows = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        sel = self._selected
        if key in arrows:
            self._set_focus_visible(True)
            self._move_focus_spatially(*arrows[key])
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End) and self.focus_order():
            self._set_focus_visible(True)
            order = self.focus_order()
            self._set_focus_item(order[0] if key == Qt.Key.Key_Home else order[-1])
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Select):
            if self._focus_id is None:
                event.ignore()
                return
            self._set_focus_visible(True)
            self._activate(self._focus_id)
        elif Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and sel:
            self.intensityKeyPressed.emit(sel, int(key) - int(Qt.Key.Key_0))
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) and sel:
            self.intensityStepped.emit(sel, 1)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore) and sel:
            self.intensityStepped.emit(sel, -1)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and sel:
            self.deletePressed.emit(sel)
        elif key == Qt.Key.Key_Escape and sel:
            self.set_selected(None)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # ------------------------------------------------------------------ mouse

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = self.region_at(event.position()) or ""
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._pressed is None:
            super().mouseReleaseEvent(event)
            return
        item = self.region_at(event.position()) or ""
        pressed, self._pressed = self._pressed, None
        if item != pressed:
            return
        self._set_focus_visible(False)
        if item:
            self._set_focus_item(item)
            self._activate(item)
        else:
            self.set_selected(None)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        item = self.region_at(event.position())
        if item != self._hover:
            old, self._hover = self._hover, item
            if item is None:
                self.unsetCursor()
            else:
                self.setCursor(Qt.CursorShape.PointingHandCursor)
            self._update_items(i for i in (old, item) if i)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover is not None:
            old, self._hover = self._hover, None
            self.unsetCursor()
            self._update_items([old])
        super().leaveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            item = self.region_at(QPointF(event.pos()))
            if item is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_text(item), self)
            return True
        return super().event(event)
