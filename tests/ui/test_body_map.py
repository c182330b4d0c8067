"""The body map: geometry, laterality, hit-testing, clicks, keys, what is drawn."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QPainterPath,
    QPalette,
    QPolygonF,
    QRegion,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from fibrodesk.core.body_geometry import (
    load_body_geometry,
    signed_distance,
)
from fibrodesk.core.catalogue import catalogue
from fibrodesk.ui import colors
from fibrodesk.ui.body_map import BodyMap
from fibrodesk.ui.theme import dark_palette

CAT = catalogue()
REGION_IDS = list(CAT.regions)
TENDER_IDS = list(CAT.tender_points)
LEG_REGION_IDS = [r.id for r in CAT.regions.values() if r.leg]
MIN_CLICK_PX = 18


@pytest.fixture
def body_map(qtbot) -> BodyMap:
    w = BodyMap()
    qtbot.addWidget(w)
    w.resize(700, 700)
    w.show()
    qtbot.waitExposed(w)
    return w


def _qpath(poly) -> QPainterPath:
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF(x, y) for x, y in poly]))
    path.closeSubpath()
    return path


def _area(path: QPainterPath) -> float:
    total = 0.0
    for poly in path.toFillPolygons():
        pts = [(p.x(), p.y()) for p in poly]
        total += abs(
            sum(pts[i - 1][0] * pts[i][1] - pts[i][0] * pts[i - 1][1] for i in range(len(pts))) / 2
        )
    return total


# ------------------------------------------------------------------ geometry data


def test_regions_do_not_overlap():
    for name, view in load_body_geometry().items():
        items = [(rid, _qpath(poly)) for rid, poly in view.regions.items()]
        for i, (a, pa) in enumerate(items):
            for b, pb in items[i + 1 :]:
                if pa.intersects(pb):
                    assert _area(pa.intersected(pb)) < 1.0, (name, a, b)


def test_regions_lie_on_the_silhouette():
    for view in load_body_geometry().values():
        body = QPainterPath()
        for poly in view.silhouette:
            body = body.united(_qpath(poly))
        for rid, poly in view.regions.items():
            outside = _qpath(poly).subtracted(body)
            assert _area(outside) < 2.0, rid


# ------------------------------------------------------------------ laterality


def test_widget_centres_follow_laterality(body_map):
    assert (
        body_map.region_center("knee_inner_left").x()
        > body_map.region_center("knee_inner_right").x()
    )
    assert body_map.region_center("calf_left").x() < body_map.region_center("calf_right").x()
    # The back figure is to the right of the front figure.
    assert body_map.region_center("calf_left").x() > body_map.region_center("shin_left").x()


# ------------------------------------------------------------------ hit-testing


@pytest.mark.parametrize("size", [(700, 700), (420, 460), (1300, 760)])
def test_every_region_center_maps_back(qtbot, size):
    w = BodyMap()
    qtbot.addWidget(w)
    w.resize(*size)
    for rid in REGION_IDS:
        assert w.region_at(w.region_center(rid)) == rid
    for pid in TENDER_IDS:
        assert w.region_at(w.tender_point_center(pid)) == pid
    assert w.region_at(QPoint(2, 2)) is None


def test_unknown_ids_are_refused(body_map):
    with pytest.raises(ValueError):
        body_map.region_center("elbow_left")
    with pytest.raises(ValueError):
        body_map.tender_point_center("elbow_left")
    with pytest.raises(ValueError):
        body_map.set_selected("elbow_left")


@pytest.mark.parametrize("rid", LEG_REGION_IDS)
def test_leg_regions_are_big_enough_to_click(body_map, rid):
    view_name = CAT.regions[rid].view
    view = load_body_geometry()[view_name]
    poly = [body_map._to_widget(view_name, p) for p in view.regions[rid]]
    xs = [p.x() for p in poly]
    ys = [p.y() for p in poly]
    assert max(xs) - min(xs) >= MIN_CLICK_PX
    assert max(ys) - min(ys) >= MIN_CLICK_PX
    # An 18 px disc fits inside, clear of tender-point markers.
    scale = body_map._scale()
    label = view.label_points[rid]
    clearance = signed_distance(view.regions[rid], *label)
    for pid, centre in view.tender_points.items():
        clearance = min(clearance, math.dist(label, centre) - view.tender_radius[pid])
    assert clearance * scale >= MIN_CLICK_PX / 2


# ------------------------------------------------------------------ mouse


@pytest.mark.parametrize("rid", LEG_REGION_IDS)
def test_clicking_a_leg_region_emits_its_id(qtbot, body_map, rid):
    with qtbot.waitSignal(body_map.regionClicked) as blocker:
        qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=body_map.region_center(rid))
    assert blocker.args == [rid]
    assert body_map.selected() == rid


def test_click_selects_then_reports_the_click(qtbot, body_map):
    seen: list[tuple[str, str]] = []
    body_map.selectionChanged.connect(lambda rid: seen.append(("selected", rid)))
    body_map.regionClicked.connect(lambda rid: seen.append(("clicked", rid)))
    qtbot.mouseClick(
        body_map, Qt.MouseButton.LeftButton, pos=body_map.region_center("knee_inner_left")
    )
    assert seen == [("selected", "knee_inner_left"), ("clicked", "knee_inner_left")]
    with qtbot.waitSignal(body_map.selectionChanged) as blocker:
        qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert blocker.args == [""]
    assert body_map.selected() is None


def test_clicking_a_tender_point_emits_its_id(qtbot, body_map):
    for pid in ("knee_left", "gluteal_right", "occiput_left"):
        with qtbot.waitSignal(body_map.tenderPointClicked) as blocker:
            qtbot.mouseClick(
                body_map, Qt.MouseButton.LeftButton, pos=body_map.tender_point_center(pid)
            )
        assert blocker.args == [pid]


def test_hidden_tender_points_are_not_clickable(qtbot, body_map):
    body_map.set_show_tender_points(False)
    pos = body_map.tender_point_center("knee_left")
    with qtbot.assertNotEmitted(body_map.tenderPointClicked):
        with qtbot.waitSignal(body_map.regionClicked) as blocker:
            qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == ["knee_inner_left"]


def test_tooltip_names_region_area_and_intensity(body_map):
    body_map.set_marks({"knee_inner_left": 5})
    text = body_map.tooltip_text("knee_inner_left")
    assert "Inside of knee, left" in text
    assert "Lower leg, left" in text
    assert "5" in text
    text = body_map.tooltip_text("ankle_right")
    assert "no WPI area" in text and "no mark" in text
    assert "Greater trochanter, left" in body_map.tooltip_text("greater_trochanter_left")


# ------------------------------------------------------------------ keys on the selection


def test_digit_plus_minus_delete_act_on_the_selected_region(qtbot, body_map):
    body_map.set_selected("calf_left")
    body_map.setFocus()
    for key, digit in ((Qt.Key.Key_0, 0), (Qt.Key.Key_7, 7), (Qt.Key.Key_9, 9)):
        with qtbot.waitSignal(body_map.intensityKeyPressed) as blocker:
            qtbot.keyClick(body_map, key)
        assert blocker.args == ["calf_left", digit]
    for key, step in ((Qt.Key.Key_Plus, 1), (Qt.Key.Key_Equal, 1), (Qt.Key.Key_Minus, -1)):
        with qtbot.waitSignal(body_map.intensityStepped) as blocker:
            qtbot.keyClick(body_map, key)
        assert blocker.args == ["calf_left", step]
    with qtbot.waitSignal(body_map.deletePressed) as blocker:
        qtbot.keyClick(body_map, Qt.Key.Key_Delete)
    assert blocker.args == ["calf_left"]


def test_keys_do_nothing_without_a_selection(qtbot, body_map):
    with (
        qtbot.assertNotEmitted(body_map.intensityKeyPressed),
        qtbot.assertNotEmitted(body_map.intensityStepped),
        qtbot.assertNotEmitted(body_map.deletePressed),
    ):
        for key in (Qt.Key.Key_5, Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_Delete):
            qtbot.keyClick(body_map, key)


def test_set_selected_emits_only_on_change(qtbot, body_map):
    with qtbot.waitSignal(body_map.selectionChanged) as blocker:
        body_map.set_selected("heel_right")
    assert blocker.args == ["heel_right"]
    with qtbot.assertNotEmitted(body_map.selectionChanged):
        body_map.set_selected("heel_right")
    with qtbot.waitSignal(body_map.selectionChanged) as blocker:
        body_map.set_selected(None)
    assert blocker.args == [""]


# ------------------------------------------------------------------ keyboard navigation


@pytest.fixture
def form(qtbot):
    """The body map between two line edits, focused from the first one."""
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    before, body_map, after = QLineEdit(), BodyMap(), QLineEdit()
    for w in (before, body_map, after):
        layout.addWidget(w)
    host.resize(700, 800)
    host.show()
    host.activateWindow()
    qtbot.waitActive(host)
    before.setFocus()
    qtbot.waitUntil(before.hasFocus)
    yield before, body_map, after
    host.close()


def test_keyboard_order_puts_legs_first(body_map):
    order = body_map.focus_order()
    assert order[:6] == [t.id for t in CAT.tender_points.values() if t.leg]
    assert order[6 : 6 + len(LEG_REGION_IDS)] == LEG_REGION_IDS
    assert set(order) == set(REGION_IDS) | set(TENDER_IDS)
    body_map.set_show_tender_points(False)
    assert body_map.focus_order()[0] == LEG_REGION_IDS[0]


def test_tab_and_space_mark_a_region(qtbot, form):
    before, body_map, _after = form
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert body_map.hasFocus()
    assert body_map.focus_item() == body_map.focus_order()[0]  # gluteal_left
    with qtbot.waitSignal(body_map.tenderPointClicked) as blocker:
        qtbot.keyClick(body_map, Qt.Key.Key_Space)
    assert blocker.args == [body_map.focus_order()[0]]
    for _ in range(6):  # past the six leg tender points
        qtbot.keyClick(body_map, Qt.Key.Key_Tab)
    assert body_map.focus_item() == LEG_REGION_IDS[0]
    with qtbot.waitSignal(body_map.regionClicked) as blocker:
        qtbot.keyClick(body_map, Qt.Key.Key_Space)
    assert blocker.args == [LEG_REGION_IDS[0]]
    assert body_map.selected() == LEG_REGION_IDS[0]
    with qtbot.waitSignal(body_map.intensityKeyPressed) as blocker:
        qtbot.keyClick(body_map, Qt.Key.Key_6)
    assert blocker.args == [LEG_REGION_IDS[0], 6]
    qtbot.keyClick(body_map, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert body_map.focus_item() == body_map.focus_order()[5]
    with qtbot.waitSignal(body_map.regionClicked) as blocker:
        qtbot.keyClick(body_map, Qt.Key.Key_Tab)
        qtbot.keyClick(body_map, Qt.Key.Key_Return)
    assert blocker.args == [LEG_REGION_IDS[0]]


def test_tab_leaves_the_map_after_the_last_item(qtbot, form):
    before, body_map, after = form
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    for _ in range(len(body_map.focus_order()) - 1):
        qtbot.keyClick(body_map, Qt.Key.Key_Tab)
    assert body_map.focus_item() == body_map.focus_order()[-1]
    qtbot.keyClick(body_map, Qt.Key.Key_Tab)
    assert after.hasFocus()
    # Shift+Tab comes back in at the last item.
    qtbot.keyClick(after, Qt.Key.Key_Backtab)
    assert body_map.hasFocus()
    assert body_map.focus_item() == body_map.focus_order()[-1]


def test_arrow_keys_move_spatially(qtbot, form):
    before, body_map, _after = form
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    while body_map.focus_item() != "thigh_front_left":
        qtbot.keyClick(body_map, Qt.Key.Key_Tab)
    start = body_map.focus_item()
    qtbot.keyClick(body_map, Qt.Key.Key_Down)
    below = body_map.focus_item()
    assert below != start
    assert body_map._item_center(below).y() > body_map._item_center(start).y()
    qtbot.keyClick(body_map, Qt.Key.Key_Right)
    right = body_map.focus_item()
    assert body_map._item_center(right).x() > body_map._item_center(below).x()


def test_accessible_description_follows_the_focus(qtbot, form):
    before, body_map, _after = form
    assert body_map.accessibleName() == "Body map"
    body_map.set_show_tender_points(False)
    body_map.set_marks({"groin_left": 5})
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert body_map.focus_item() == "groin_left"
    assert body_map.accessibleDescription() == "Groin (front of hip), left: intensity 5"
    qtbot.keyClick(body_map, Qt.Key.Key_Tab)
    assert body_map.accessibleDescription() == "Groin (front of hip), right: no mark"


# ------------------------------------------------------------------ what is drawn


def _pixel(body_map: BodyMap, pos: QPointF) -> QColor:
    image = body_map.grab().toImage()
    ratio = image.devicePixelRatio()
    return image.pixelColor(round(pos.x() * ratio), round(pos.y() * ratio))


def _below_label(body_map: BodyMap, rid: str) -> QPointF:
    c = body_map.region_center(rid)
    return QPointF(c.x(), c.y() + 14)


def test_marks_are_filled_with_the_intensity_colour(body_map):
    body_map.set_marks({"thigh_back_left": 7, "calf_right": 0})
    assert _pixel(body_map, _below_label(body_map, "thigh_back_left")) == colors.intensity_color(7)
    assert _pixel(body_map, _below_label(body_map, "calf_right")) == colors.intensity_color(0)
    unmarked = _pixel(body_map, _below_label(body_map, "thigh_back_right"))
    assert unmarked == colors.no_mark_color(body_map.palette())
    assert unmarked != colors.intensity_color(0)


def test_numbers_are_drawn_on_marked_regions(body_map):
    c = body_map.region_center("thigh_back_left")
    before = body_map.grab().toImage()
    body_map.set_marks({"thigh_back_left": 8})
    after = body_map.grab().toImage()
    ratio = after.devicePixelRatio()
    fill = colors.intensity_color(8)
    text = colors.readable_text_color(fill)
    near_text = 0
    for dx in range(-6, 7):
        for dy in range(-6, 7):
            px = after.pixelColor(round((c.x() + dx) * ratio), round((c.y() + dy) * ratio))
            if abs(px.lightness() - text.lightness()) < 60:
                near_text += 1
    assert near_text >= 5
    assert before != after


def test_heat_colours_override_marks_until_cleared(body_map):
    body_map.set_marks({"knee_back_left": 3})
    heat = colors.heat_color(0.8)
    body_map.set_region_colors(colors={"knee_back_left": heat}, texts={"knee_back_left": "12"})
    assert _pixel(body_map, _below_label(body_map, "knee_back_left")) == heat
    assert "12" in body_map.tooltip_text("knee_back_left")
    body_map.set_region_colors(None)
    assert _pixel(body_map, _below_label(body_map, "knee_back_left")) == colors.intensity_color(3)


def test_dark_palette_paints_a_dark_background(body_map):
    pal = QPalette(body_map.palette())
    pal.setColor(QPalette.ColorRole.Window, QColor(43, 43, 48))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(232, 232, 232))
    body_map.setPalette(pal)
    assert _pixel(body_map, QPointF(3, 3)) == QColor(43, 43, 48)
    body = _pixel(body_map, _below_label(body_map, "thigh_back_left"))
    assert body == colors.no_mark_color(pal)
    assert body.lightness() < 128


# ------------------------------------------------------------------ painting cache


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    return rows[:, : image.width() * 4].astype(np.int16)


def _max_difference(a: QImage, b: QImage) -> int:
    """Largest difference of one colour channel between two images of the same size."""
    assert a.size() == b.size()
    return int(np.abs(_pixels(a) - _pixels(b)).max())


def _render(body_map: BodyMap, *, cached: bool) -> QImage:
    body_map._painter.use_static_cache = cached
    try:
        return body_map.grab().toImage()
    finally:
        body_map._painter.use_static_cache = True


def _busy_state(body_map: BodyMap) -> None:
    """Marks in both figures (a region drawn in both, numbers 0-10), painful tender
    points, a selection, a hovered region."""
    body_map.set_marks(
        {"thigh_back_left": 7, "calf_right": 0, "knee_inner_left": 10, "neck": 6, "chest": 2}
    )
    body_map.set_tender_points(TENDER_IDS[::3])
    body_map.set_selected("knee_inner_left")
    QTest.mouseMove(body_map, body_map.region_center("shin_left"))


def test_static_layer_is_kept_across_state_changes(body_map):
    body_map.grab()
    key = body_map._painter.static_cache_key()
    assert key is not None
    _busy_state(body_map)
    body_map.grab()
    body_map.set_region_colors(colors={"calf_left": colors.heat_color(0.4)}, texts={})
    body_map.grab()
    body_map.set_region_colors(None)
    body_map.set_show_tender_points(False)
    body_map.grab()
    assert body_map._painter.static_cache_key() == key


def test_static_layer_is_rebuilt_after_resize_palette_and_font_changes(body_map):
    body_map.grab()
    keys = [body_map._painter.static_cache_key()]
    body_map.resize(820, 640)
    body_map.grab()
    keys.append(body_map._painter.static_cache_key())
    body_map.setPalette(dark_palette())
    body_map.grab()
    keys.append(body_map._painter.static_cache_key())
    font = body_map.font()
    font.setPointSizeF(font.pointSizeF() + 3)
    body_map.setFont(font)
    body_map.grab()
    keys.append(body_map._painter.static_cache_key())
    assert None not in keys
    assert len(set(keys)) == len(keys)
    # The rebuilt picture is the one for the new palette: a dark background.
    assert _pixel(body_map, QPointF(3, 3)) == dark_palette().color(QPalette.ColorRole.Window)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_cached_painting_draws_what_direct_painting_draws(qtbot, body_map, theme):
    if theme == "dark":
        body_map.setPalette(dark_palette())
    for state in ("empty", "busy", "heat", "resized"):
        if state == "busy":
            _busy_state(body_map)
        elif state == "heat":
            body_map.set_region_colors(
                colors={"knee_back_left": colors.heat_color(0.8), "chest": colors.heat_color(0)},
                texts={"knee_back_left": "12", "chest": "100"},
            )
        elif state == "resized":
            body_map.set_region_colors(None)
            body_map.resize(1000, 620)
        cached = _render(body_map, cached=True)
        direct = _render(body_map, cached=False)
        # Identical in practice; the silhouette outline is blended from a pixmap, which
        # may round an antialiased pixel by one level.
        assert _max_difference(cached, direct) <= 1, state


def _screen(widget: QWidget) -> QImage:
    """What is on screen now (the window's backing store, offscreen platform)."""
    return widget.screen().grabWindow(widget.winId()).toImage()


def test_partial_repaints_leave_the_screen_as_a_full_paint(qtbot, body_map):
    if QGuiApplication.platformName() != "offscreen":
        pytest.skip("reads the offscreen backing store")
    painted: list[QRegion] = []

    class Recorder(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                painted.append(QRegion(event.region()))
            return False

    recorder = Recorder()
    body_map.installEventFilter(recorder)
    body_map.resize(380, 400)  # small: "10" on the inner knee runs past the region's box
    body_map.activateWindow()
    qtbot.waitActive(body_map)
    for _ in range(3):
        QApplication.processEvents()
    steps = [
        lambda: body_map.set_marks({"knee_inner_left": 3}),
        lambda: body_map.set_marks({"knee_inner_left": 10, "calf_right": 1, "hand_left": 8}),
        lambda: body_map.set_selected("calf_right"),
        lambda: body_map.set_tender_points(TENDER_IDS[:3]),
        lambda: QTest.mouseMove(body_map, body_map.region_center("shin_left")),
        lambda: QTest.mouseClick(
            body_map, Qt.MouseButton.LeftButton, pos=body_map.region_center("shin_left")
        ),
        lambda: body_map.setFocus(Qt.FocusReason.OtherFocusReason),
        lambda: QTest.keyClick(body_map, Qt.Key.Key_Right),
        lambda: QTest.keyClick(body_map, Qt.Key.Key_Down),
        lambda: QTest.keyClick(body_map, Qt.Key.Key_9),
        lambda: QTest.keyClick(body_map, Qt.Key.Key_Home),  # a tender point's focus ring
        lambda: QTest.mouseMove(body_map, body_map.tender_point_center(TENDER_IDS[1])),
        lambda: QTest.keyClick(body_map, Qt.Key.Key_End),
        # The focus cursor shows on a key and hides on a click, on the same region.
        lambda: QTest.mouseClick(
            body_map, Qt.MouseButton.LeftButton, pos=body_map.region_center("thigh_front_left")
        ),
        lambda: QTest.keyClick(body_map, Qt.Key.Key_Space),
        lambda: QTest.mouseClick(
            body_map, Qt.MouseButton.LeftButton, pos=body_map.region_center("thigh_front_left")
        ),
        lambda: body_map.set_marks({"knee_inner_left": 10}),
        lambda: body_map.set_tender_points([]),
        lambda: body_map.set_selected(None),
    ]
    for i, step in enumerate(steps):
        painted.clear()
        step()
        for _ in range(3):
            QApplication.processEvents()
        if i == 0:  # one new mark repaints that region, not the whole map
            assert painted
            assert all(r.boundingRect().width() < body_map.width() / 3 for r in painted)
        full = _render(body_map, cached=False)
        assert _max_difference(_screen(body_map), full) <= 1, i


def test_size_hints(body_map):
    # Modest hints, so that no page asks more than a laptop screen at a large font has;
    # the map is Expanding and grows into the room it is given.
    assert body_map.sizeHint().width() <= 400 and body_map.sizeHint().height() <= 300
    assert body_map.minimumSizeHint().width() <= 240
    assert body_map.minimumSizeHint().height() <= 260
    assert body_map.objectName() == "bodyMap"
    assert body_map.focusPolicy() == Qt.FocusPolicy.StrongFocus


# ------------------------------------------------------------------ colours


def test_intensity_scale_gets_darker_and_text_stays_readable():
    lightness = [colors.intensity_color(i).lightnessF() for i in range(1, 11)]
    assert lightness == sorted(lightness, reverse=True)
    luminance = [colors.relative_luminance(colors.intensity_color(i)) for i in range(1, 11)]
    assert all(a > b for a, b in zip(luminance, luminance[1:], strict=False))
    for i in range(11):
        fill = colors.intensity_color(i)
        assert colors.contrast_ratio(fill, colors.readable_text_color(fill)) >= 4.5


def test_zero_is_not_no_mark_in_either_theme():
    for window, text in (
        (QColor(239, 239, 239), QColor(0, 0, 0)),
        (QColor(43, 43, 48), QColor(232, 232, 232)),
    ):
        pal = QPalette()
        pal.setColor(QPalette.ColorRole.Window, window)
        pal.setColor(QPalette.ColorRole.WindowText, text)
        none = colors.no_mark_color(pal)
        zero = colors.intensity_color(0)
        assert colors.contrast_ratio(none, zero) > 1.3


def test_heat_scale_ends_and_clamps():
    assert colors.heat_color(0.0) == QColor("#ffffcc")
    assert colors.heat_color(1.0) == QColor("#800026")
    assert colors.heat_color(-3) == colors.heat_color(0)
    assert colors.heat_color(7) == colors.heat_color(1)
    assert colors.heat_color(0.2).lightness() > colors.heat_color(0.8).lightness()
