"""Body-map geometry and hit-testing, free of Qt: front and back figures as plain data.

Geometry is data (``resources/body_geometry.json``), loaded once into
:class:`ViewGeometry` objects. Hit-testing is the pure function :func:`region_at` on
view coordinates (plain ``(x, y)`` tuples). The painted widget (``fibrodesk.ui.body_map``)
maps its pixels to these coordinates and back.

Laterality (domain.md s.1): in the front view the patient's right is on the viewer's
left; in the back view the patient's left is on the viewer's left. The geometry file
already holds each side where it belongs, and both figures carry "L" and "R" markers.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from fibrodesk.core.catalogue import catalogue
from fibrodesk.resources import load_json

Point = tuple[float, float]
Polygon = tuple[Point, ...]

GEOMETRY_FILE = "body_geometry.json"
VIEWS = ("front", "back")


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
    view_geometry: ViewGeometry, point: Point, *, tender_points: bool = True
) -> str | None:
    """The id under ``point`` (view coordinates): a tender point id first, then a region.

    Tender points are tested first because their markers lie on top of regions; with
    ``tender_points=False`` (markers hidden) only regions are tested.
    """
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
