"""Body-map geometry, laterality and hit-testing: Qt-free (fibrodesk.core.body_geometry)."""

from __future__ import annotations

import math

import pytest

from fibrodesk.core.body_geometry import (
    clearance,
    load_body_geometry,
    pole_of_inaccessibility,
    region_at,
)
from fibrodesk.core.catalogue import catalogue
from fibrodesk.resources import load_json

CAT = catalogue()
REGION_IDS = list(CAT.regions)
TENDER_IDS = list(CAT.tender_points)


def _label_x(view: str, rid: str) -> float:
    return load_body_geometry()[view].label_points[rid][0]


def test_every_catalogue_region_and_tender_point_is_in_its_view():
    views = load_body_geometry()
    for r in CAT.regions.values():
        assert r.id in views[r.view].regions, r.id
    for t in CAT.tender_points.values():
        assert t.id in views[t.view].tender_points, t.id


def test_geometry_holds_only_known_ids_and_leg_regions_only_in_their_view():
    for name, view in load_body_geometry().items():
        assert set(view.regions) <= set(REGION_IDS)
        assert set(view.tender_points) <= set(TENDER_IDS)
        for rid in view.regions:
            region = CAT.regions[rid]
            if region.leg or region.stem in ("chest", "abdomen", "upper_back", "lower_back"):
                assert region.view == name, rid


def test_silhouette_is_a_smooth_outline_not_boxes():
    for view in load_body_geometry().values():
        assert sum(len(p) for p in view.silhouette) > 300
        assert all(len(poly) >= 4 for poly in view.regions.values())


def test_geometry_file_is_data_with_markers():
    raw = load_json("body_geometry.json")
    for name in ("front", "back"):
        assert set(raw["views"][name]["markers"]) == {"L", "R"}


def test_front_view_patient_left_is_on_the_viewer_right():
    assert _label_x("front", "knee_inner_left") > _label_x("front", "knee_inner_right")


def test_back_view_patient_left_is_on_the_viewer_left():
    assert _label_x("back", "calf_left") < _label_x("back", "calf_right")


@pytest.mark.parametrize("view", ["front", "back"])
def test_every_sided_item_is_on_its_side(view):
    g = load_body_geometry()[view]
    mid = g.width / 2
    left_on_viewer_right = view == "front"
    for rid, (x, _y) in g.label_points.items():
        side = CAT.regions[rid].side
        if side is not None:
            on_viewer_right = x > mid
            assert on_viewer_right == ((side == "left") == left_on_viewer_right), rid
    for pid, (x, _y) in g.tender_points.items():
        side = CAT.tender_points[pid].side
        assert (x > mid) == ((side == "left") == left_on_viewer_right), pid
    assert (g.markers["L"][0] > g.markers["R"][0]) == left_on_viewer_right


def test_tender_points_sit_on_their_anatomical_sites():
    front, back = load_body_geometry()["front"], load_body_geometry()["back"]
    for side in ("left", "right"):
        hits = {
            f"knee_{side}": (front, f"knee_inner_{side}"),
            f"gluteal_{side}": (back, f"buttock_{side}"),
            f"greater_trochanter_{side}": (back, f"hip_outer_{side}"),
            f"lateral_epicondyle_{side}": (back, f"lower_arm_{side}"),
            f"second_rib_{side}": (front, "chest"),
            f"low_cervical_{side}": (front, "neck"),
        }
        for pid, (view, rid) in hits.items():
            assert region_at(view, view.tender_points[pid], tender_points=False) == rid, pid
    # Gluteal: upper outer quadrant of the buttock, above and outside its centre.
    for side in ("left", "right"):
        gx, gy = back.tender_points[f"gluteal_{side}"]
        poly = back.regions[f"buttock_{side}"]
        cx = sum(p[0] for p in poly) / len(poly)
        cy = (min(p[1] for p in poly) + max(p[1] for p in poly)) / 2
        assert gy < cy
        assert abs(gx - back.width / 2) > abs(cx - back.width / 2)


def test_pure_region_at_finds_label_points_and_misses_outside():
    for view in load_body_geometry().values():
        for rid, point in view.label_points.items():
            assert region_at(view, point) == rid
        for pid, point in view.tender_points.items():
            assert region_at(view, point) == pid
            assert region_at(view, point, tender_points=False) in CAT.regions
        assert region_at(view, (1.0, 1.0)) is None
        assert region_at(view, (view.width - 1, view.height - 1)) is None


def test_pole_of_inaccessibility_of_a_square():
    x, y = pole_of_inaccessibility(((0, 0), (10, 0), (10, 10), (0, 10)))
    assert math.isclose(x, 5, abs_tol=0.3) and math.isclose(y, 5, abs_tol=0.3)
    # A hole in the middle pushes the point away from it.
    x, y = pole_of_inaccessibility(((0, 0), (20, 0), (20, 10), (0, 10)), [((5, 5), 3)])
    assert x > 10


def test_leg_tender_points_are_drawn_larger():
    views = load_body_geometry()
    leg = [views[t.view].tender_radius[t.id] for t in CAT.tender_points.values() if t.leg]
    other = [views[t.view].tender_radius[t.id] for t in CAT.tender_points.values() if not t.leg]
    assert min(leg) > max(other)


def test_stored_label_points_match_the_polygons():
    """label_points/label_room in the geometry file are what the polygons give today."""
    for view in load_body_geometry().values():
        assert set(view.label_points) == set(view.regions) == set(view.label_room)
        holes = [(c, view.tender_radius[pid]) for pid, c in view.tender_points.items()]
        for rid, poly in view.regions.items():
            x, y = pole_of_inaccessibility(poly, holes)
            sx, sy = view.label_points[rid]
            assert abs(sx - x) < 0.01 and abs(sy - y) < 0.01, rid
            assert abs(view.label_room[rid] - clearance(poly, holes, (x, y))) < 0.01, rid
