"""The body map for screen readers and unsteady hands (issue 13 point 2)."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from fibrodesk.core.catalogue import catalogue
from fibrodesk.ui import body_map_access, colors
from fibrodesk.ui.body_items import TENDER_FILL
from fibrodesk.ui.body_map import BodyMap

CAT = catalogue()
NAME = QAccessible.Text.Name
VALUE = QAccessible.Text.Value


@pytest.fixture
def body_map(qtbot) -> BodyMap:
    w = BodyMap()
    qtbot.addWidget(w)
    w.resize(700, 700)  # a maximised window on a 1920 x 1080 screen gives it about this
    w.show()
    qtbot.waitExposed(w)
    return w


def _children(body_map: BodyMap) -> dict[str, QAccessible]:
    iface = QAccessible.queryAccessibleInterface(body_map)
    assert iface is not None
    kids = [iface.child(i) for i in range(iface.childCount())]
    return {k.text(NAME): k for k in kids}


def test_every_region_and_tender_point_is_an_accessible_child(body_map):
    body_map.set_marks({"knee_inner_left": 6, "calf_right": 0})
    body_map.set_tender_points({"knee_left"})
    body_map.set_selected("calf_right")
    iface = QAccessible.queryAccessibleInterface(body_map)
    assert iface.text(NAME) == "Body map"
    assert iface.childCount() == len(CAT.regions) + len(CAT.tender_points)
    kids = _children(body_map)
    assert len(kids) == iface.childCount()  # every name is its own

    knee = kids["Inside of knee, left (patient's left); WPI area: Lower leg, left"]
    assert knee.role() == QAccessible.Role.Button
    assert knee.text(VALUE) == "marked, intensity 6"
    assert knee.parent().text(NAME) == "Body map"
    assert iface.indexOfChild(knee) == body_map.focus_order().index("knee_inner_left")

    calf = kids["Calf, right (patient's right); WPI area: Lower leg, right"]
    assert calf.text(VALUE) == "marked, intensity 0"
    assert calf.state().selected and not knee.state().selected

    ankle = kids["Ankle, left (patient's left); no WPI area"]
    assert ankle.text(VALUE) == "no mark"

    tender = kids["Knee (inner), left (patient's left): tender point"]
    assert tender.role() == QAccessible.Role.CheckBox
    assert tender.state().checkable and tender.state().checked
    assert tender.text(VALUE) == "tender"
    other = kids["Knee (inner), right (patient's right): tender point"]
    assert not other.state().checked and other.text(VALUE) == "not tender"


def test_children_sit_where_they_are_drawn(body_map):
    iface = QAccessible.queryAccessibleInterface(body_map)
    for i, item in enumerate(body_map.focus_order()):
        child = iface.child(i)
        if item in CAT.tender_points:
            centre = body_map.tender_point_center(item)
        else:
            centre = body_map.region_center(item)
        where = body_map.mapToGlobal(centre)
        assert child.rect().contains(where), item
        assert iface.childAt(where.x(), where.y()).text(NAME) == child.text(NAME), item


def test_children_follow_the_shown_tender_points_and_changes(body_map):
    iface = QAccessible.queryAccessibleInterface(body_map)
    body_map.set_show_tender_points(False)
    assert iface.childCount() == len(CAT.regions)
    body_map.set_marks({"shin_left": 3})
    index = body_map.focus_order().index("shin_left")
    assert iface.child(index).text(VALUE) == "marked, intensity 3"
    assert (QAccessible.Event.StateChanged, index) in body_map_access.sent


@pytest.fixture
def form(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    before, body_map = QLineEdit(), BodyMap()
    layout.addWidget(before)
    layout.addWidget(body_map)
    host.resize(700, 800)
    host.show()
    host.activateWindow()
    qtbot.waitActive(host)
    before.setFocus()
    qtbot.waitUntil(before.hasFocus)
    yield before, body_map
    host.close()


def test_keyboard_focus_is_announced_on_the_child(qtbot, form):
    before, body_map = form
    body_map.set_marks({"groin_left": 4})
    iface = QAccessible.queryAccessibleInterface(body_map)
    body_map_access.sent.clear()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    first = body_map.focus_order()[0]
    assert body_map_access.sent[-1] == (QAccessible.Event.Focus, 0)
    assert iface.focusChild().text(NAME) == body_map_access.item_name(first)
    assert iface.child(0).state().focused
    for _ in range(6):  # past the leg tender points, onto the first leg region
        qtbot.keyClick(body_map, Qt.Key.Key_Tab)
    assert body_map.focus_item() == "groin_left"
    assert body_map_access.sent[-1] == (QAccessible.Event.Focus, 6)
    assert iface.focusChild().text(VALUE) == "marked, intensity 4"


# ------------------------------------------------------------------ unsteady hands


def test_tender_points_are_24_px_targets_of_their_own(body_map):
    """At 700 x 700 px every point within 12 px of a marker's centre hits it, and no two
    markers' 24 px discs overlap (markers scale with the map: smaller on a small map)."""
    centres = {pid: body_map._item_center(pid) for pid in CAT.tender_points}
    for pid, c in centres.items():
        for k in range(24):
            angle = 2 * math.pi * k / 24
            p = QPointF(c.x() + 11.9 * math.cos(angle), c.y() + 11.9 * math.sin(angle))
            assert body_map.region_at(p) == pid, (pid, k)
        assert body_map.item_rect(pid).width() >= 24 and body_map.item_rect(pid).height() >= 24
    for a, ca in centres.items():
        for b, cb in centres.items():
            if a < b and CAT.tender_points[a].view == CAT.tender_points[b].view:
                assert math.dist((ca.x(), ca.y()), (cb.x(), cb.y())) >= 24, (a, b)


@pytest.mark.parametrize("screen", [(1366, 768), (1280, 720)], ids=["1366x768", "1280x720"])
def test_every_tender_point_takes_clicks_across_24_px_in_the_first_window(qtbot, window, screen):  # type: ignore[no-untyped-def]
    """The window as a first start opens it on a laptop screen (a 40 px panel taken off):
    a click anywhere in the 24 x 24 px square around a tender point's centre, edges and
    corners included, ticks that point, and no two points' squares overlap."""
    from PySide6.QtCore import QSize

    from fibrodesk.ui.main_window import first_start_size

    window.resize(first_start_size(QSize(screen[0], screen[1] - 40)))
    window.show()
    qtbot.waitExposed(window)
    body_map = window.show_page("today").body_map
    assert body_map._scale() < 0.7  # the map is small here: markers at catalogue size
    # would be 15-19 px
    squares = {}
    for pid in CAT.tender_points:
        c = body_map.tender_point_center(pid)
        squares[pid] = (c.x() - 12, c.y() - 12)
        for dx, dy in [(-12, -12), (0, -12), (11, -12), (-12, 0), (11, 0), (-12, 11), (0, 11),
                       (11, 11)]:  # fmt: skip
            with qtbot.waitSignal(body_map.tenderPointClicked, timeout=1000) as got:
                qtbot.mouseClick(
                    body_map, Qt.MouseButton.LeftButton, pos=QPoint(c.x() + dx, c.y() + dy)
                )
            assert got.args == [pid], (pid, dx, dy)
    for a, (ax, ay) in squares.items():
        for b, (bx, by) in squares.items():
            if a < b and CAT.tender_points[a].view == CAT.tender_points[b].view:
                assert abs(ax - bx) >= 24 or abs(ay - by) >= 24, (a, b)
    # Every region can still be clicked: at its centre, clear of the markers' squares.
    for rid in CAT.regions:
        assert body_map.region_at(body_map.region_center(rid)) == rid


def _disc_colours(body_map: BodyMap, pid: str) -> list[QColor]:
    image = body_map.grab().toImage()
    ratio = image.devicePixelRatio()
    c = body_map.tender_point_center(pid)
    out = []
    for dx in range(-7, 8):
        for dy in range(-7, 8):
            out.append(image.pixelColor(round((c.x() + dx) * ratio), round((c.y() + dy) * ratio)))
    return out


def test_a_tender_point_is_ticked_not_dotted(body_map):
    """Not tender: a white disc. Tender: a violet disc with a white tick across it."""
    white = QColor(255, 255, 255)
    plain = _disc_colours(body_map, "knee_left")
    assert sum(px == white for px in plain) > 0.8 * len(plain)
    assert not any(px == TENDER_FILL for px in plain)
    body_map.set_tender_points({"knee_left"})
    ticked = _disc_colours(body_map, "knee_left")
    violet = sum(px == TENDER_FILL for px in ticked)
    tick = sum(px == white for px in ticked)
    assert violet > 0.4 * len(ticked)
    assert tick > 0.1 * len(ticked)  # a bold tick, not a small dot
    # The tick spans the disc: white pixels both left and right of the centre.
    image = body_map.grab().toImage()
    ratio = image.devicePixelRatio()
    c = body_map.tender_point_center("knee_left")
    row = [
        image.pixelColor(round((c.x() + dx) * ratio), round((c.y() + dy) * ratio)) == white
        for dx in (-5, 5)
        for dy in range(-6, 7)
    ]
    assert any(row[:13]) and any(row[13:])


def test_the_map_says_what_the_next_click_records(body_map):
    assert body_map.next_click_text() == ""
    body_map.set_next_intensity(7)
    assert "intensity 7" in body_map.accessibleDescription()
    # Drawn under the figures: a swatch in the colour of 7.
    image = body_map.grab().toImage()
    ratio = image.devicePixelRatio()
    fill = colors.intensity_color(7)
    bottom = [
        image.pixelColor(round(x * ratio), round(y * ratio))
        for x in range(0, body_map.width(), 2)
        for y in range(body_map.height() - 60, body_map.height() - 2, 2)
    ]
    assert sum(px == fill for px in bottom) > 20
    # Every region still lies where a click finds it.
    for rid in CAT.regions:
        assert body_map.region_at(body_map.region_center(rid)) == rid
    assert body_map.region_at(QPoint(2, 2)) is None
    body_map.set_next_intensity(None)
    assert "intensity 7" not in body_map.accessibleDescription()


# ------------------------------------------------------------------ on the Today page


def test_today_map_says_the_next_intensity_and_the_panel_follows_a_tender_point(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("today")
    body_map = page.body_map
    assert body_map.next_intensity() == 5  # 5 before the first mark
    qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=body_map.region_center("calf_left"))
    qtbot.keyClick(body_map, Qt.Key.Key_7)
    assert body_map.marks() == {"calf_left": 7}
    assert body_map.next_intensity() == 7
    assert "intensity 7" in body_map.next_click_text()

    page.tabs.setCurrentIndex(1)  # looking at the check-in
    qtbot.mouseClick(
        body_map, Qt.MouseButton.LeftButton, pos=body_map.tender_point_center("knee_left")
    )
    assert body_map.tender_points() == {"knee_left"}
    assert page.tabs.currentIndex() == 0
    panel = page.mark_panel
    assert panel.title.text() == "Knee (inner), left: tender point"
    assert panel.state_label.text().startswith("Tender")
    qtbot.mouseClick(
        body_map, Qt.MouseButton.LeftButton, pos=body_map.tender_point_center("knee_left")
    )
    assert body_map.tender_points() == set()
    assert panel.state_label.text().startswith("Not tender")
