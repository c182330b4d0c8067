"""The Today page driven as a person would: clicks on the map, keys, undo, the date picker.

Each test checks what the screen shows and what the diary holds.
"""

from __future__ import annotations

from datetime import date, timedelta
from datetime import time as dtime

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QPlainTextEdit, QPushButton

from fibrodesk.core.catalogue import side_of
from fibrodesk.core.clock import now
from fibrodesk.db import checkins
from fibrodesk.db.marks import create_entry, last_intensity, set_mark
from fibrodesk.db.models import Entry, PainMark, TenderExam, TenderPointResult
from fibrodesk.ui.body_map import BodyMap
from fibrodesk.ui.today_page import EMPTY_TODAY, TodayPage
from tests.conftest import activate


@pytest.fixture
def page(qtbot, window) -> TodayPage:  # type: ignore[no-untyped-def]
    activate(qtbot, window)  # shortcuts (Ctrl+Z) work only in the active window
    content = window.show_page("today")
    assert isinstance(content, TodayPage)
    return content


def body_map(page: TodayPage) -> BodyMap:
    found = page.findChild(BodyMap, "bodyMap")
    assert found is not None
    return found


def click_region(qtbot, page: TodayPage, region: str) -> None:  # type: ignore[no-untyped-def]
    bmap = body_map(page)
    with qtbot.waitSignal(bmap.regionClicked, timeout=1000):
        qtbot.mouseClick(bmap, Qt.MouseButton.LeftButton, pos=bmap.region_center(region))


def stored_marks() -> dict[str, int]:
    return {m.region: m.intensity for m in PainMark.select()}


def test_empty_day_says_where_to_start(page: TodayPage) -> None:
    assert page.hint.isVisible()
    assert page.hint.text() == EMPTY_TODAY
    assert Entry.select().count() == 0


LEG_REGIONS = [
    "knee_inner_left",
    "knee_inner_right",
    "calf_left",
    "thigh_back_right",
    "groin_left",
    "sole_right",
    "heel_left",
    "shin_right",
]


def test_clicks_on_leg_regions_record_marks_with_their_side(qtbot, page: TodayPage) -> None:
    for region in LEG_REGIONS:
        click_region(qtbot, page, region)
        assert body_map(page).selected() == region

    marks = {m.region: m for m in PainMark.select()}
    assert set(marks) == set(LEG_REGIONS)
    assert {r: m.intensity for r, m in marks.items()} == dict.fromkeys(LEG_REGIONS, 5)
    for region, mark in marks.items():
        assert side_of(mark.region) == region.rsplit("_", 1)[1]
    entry = Entry.get()  # the first click started the day's entry
    assert entry.date == now().date().isoformat()
    assert {m.entry_id for m in marks.values()} == {entry.id}
    assert body_map(page).marks() == dict.fromkeys(LEG_REGIONS, 5)
    assert not page.hint.isVisible()
    assert f"{len(LEG_REGIONS)} marks" in page.entry_list.item(0).text()


def test_a_click_uses_the_last_intensity(qtbot, page: TodayPage) -> None:
    bmap = body_map(page)
    click_region(qtbot, page, "knee_inner_left")
    qtbot.keyClick(bmap, Qt.Key.Key_8)
    click_region(qtbot, page, "calf_right")

    assert stored_marks() == {"knee_inner_left": 8, "calf_right": 8}
    assert bmap.marks() == {"knee_inner_left": 8, "calf_right": 8}
    assert last_intensity() == 8


def test_clicking_a_marked_region_keeps_its_intensity(qtbot, page: TodayPage) -> None:
    bmap = body_map(page)
    click_region(qtbot, page, "calf_left")
    qtbot.keyClick(bmap, Qt.Key.Key_2)
    click_region(qtbot, page, "calf_right")  # recorded at 2
    click_region(qtbot, page, "calf_left")
    qtbot.keyClick(bmap, Qt.Key.Key_9)
    click_region(qtbot, page, "calf_right")  # selecting again does not overwrite it
    assert stored_marks() == {"calf_left": 9, "calf_right": 2}


def test_digits_plus_minus_and_delete(qtbot, page: TodayPage) -> None:
    bmap = body_map(page)
    click_region(qtbot, page, "thigh_back_right")
    qtbot.keyClick(bmap, Qt.Key.Key_9)
    assert stored_marks() == {"thigh_back_right": 9}
    qtbot.keyClick(bmap, Qt.Key.Key_Plus)
    qtbot.keyClick(bmap, Qt.Key.Key_Plus)
    assert stored_marks() == {"thigh_back_right": 10}  # capped
    assert page.mark_panel.spin.value() == 10
    qtbot.keyClick(bmap, Qt.Key.Key_1)
    qtbot.keyClick(bmap, Qt.Key.Key_Minus)
    qtbot.keyClick(bmap, Qt.Key.Key_Minus)
    assert stored_marks() == {"thigh_back_right": 0}  # 0 is kept: "checked, no pain"
    assert bmap.marks() == {"thigh_back_right": 0}
    qtbot.keyClick(bmap, Qt.Key.Key_Delete)
    assert stored_marks() == {}
    assert bmap.marks() == {}
    # The day's only mark gone: its entry, now empty, goes with it (issue 13 point 7).
    assert Entry.select().count() == 0
    assert page.entry_list.count() == 0 and page.hint.isVisible()


def test_removing_the_only_mark_removes_the_empty_entry_undoably(qtbot, page: TodayPage) -> None:
    bmap = body_map(page)
    click_region(qtbot, page, "calf_left")
    entry = Entry.get()
    qtbot.keyClick(bmap, Qt.Key.Key_Delete)
    assert Entry.select().count() == 0 and PainMark.select().count() == 0
    assert page.entry_list.count() == 0

    page.undo_action.trigger()  # the entry and its mark, as they were
    (back,) = Entry.select()
    assert (back.id, back.recorded_at, back.label) == (entry.id, entry.recorded_at, entry.label)
    assert stored_marks() == {"calf_left": 5}
    assert bmap.marks() == {"calf_left": 5}
    assert page.entry_list.count() == 1 and "1 mark" in page.entry_list.item(0).text()

    page.redo_action.trigger()  # both go again
    assert Entry.select().count() == 0 and PainMark.select().count() == 0
    assert page.entry_list.count() == 0 and bmap.marks() == {}


def test_an_entry_the_person_labelled_stays_when_its_last_mark_goes(qtbot, page: TodayPage) -> None:
    bmap = body_map(page)
    click_region(qtbot, page, "groin_right")
    page.label_edit.setCurrentText("After the walk")
    page.label_edit.lineEdit().editingFinished.emit()
    qtbot.keyClick(bmap, Qt.Key.Key_Delete)
    assert PainMark.select().count() == 0
    assert Entry.get().label == "After the walk"  # the person's own words are kept
    assert "no marks" in page.entry_list.item(0).text()


def test_undo_and_redo_restore_the_diary(qtbot, page: TodayPage) -> None:
    bmap = body_map(page)
    click_region(qtbot, page, "knee_inner_right")
    qtbot.keyClick(bmap, Qt.Key.Key_7)
    page.mark_panel.chips["burning"].click()
    qtbot.keyClick(bmap, Qt.Key.Key_Delete)
    assert stored_marks() == {}

    qtbot.keyClick(bmap, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    mark = PainMark.get()
    assert (mark.region, mark.intensity, mark.qualities) == ("knee_inner_right", 7, "burning")
    assert bmap.marks() == {"knee_inner_right": 7}

    qtbot.keyClick(bmap, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # qualities
    qtbot.keyClick(bmap, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # 7 back to 5
    assert (PainMark.get().intensity, PainMark.get().qualities) == (5, "")
    qtbot.keyClick(bmap, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the first click
    assert stored_marks() == {}
    assert Entry.select().count() == 0  # the entry the click started is gone too
    assert page.hint.isVisible()

    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(bmap, Qt.Key.Key_Z, mods)
    qtbot.keyClick(bmap, Qt.Key.Key_Z, mods)
    assert stored_marks() == {"knee_inner_right": 7}
    assert Entry.select().count() == 1
    assert bmap.marks() == {"knee_inner_right": 7}

    page.undo_action.trigger()
    assert stored_marks() == {"knee_inner_right": 5}
    page.redo_button.click()
    assert stored_marks() == {"knee_inner_right": 7}


def test_qualities_and_note_are_saved(qtbot, page: TodayPage) -> None:
    click_region(qtbot, page, "sole_right")
    panel = page.mark_panel
    assert panel.title.text() == "Sole of foot, right"
    panel.chips["burning"].click()
    panel.chips["tingling"].click()
    assert PainMark.get().qualities == "burning;tingling"
    assert panel.chips["burning"].isChecked()

    note = panel.findChild(QPlainTextEdit, "markNote")
    assert note is not None
    note.setFocus()
    qtbot.keyClicks(note, "worse on stairs")
    panel.commit_note()  # what leaving the box does
    assert PainMark.get().note == "worse on stairs"
    panel.chips["burning"].click()
    assert PainMark.get().qualities == "tingling"
    assert PainMark.get().note == "worse on stairs"


def test_note_is_saved_when_another_region_is_clicked(qtbot, page: TodayPage) -> None:
    click_region(qtbot, page, "calf_left")
    note = page.mark_panel.note
    qtbot.keyClicks(note, "cramp at night")
    click_region(qtbot, page, "calf_right")
    notes = {m.region: m.note for m in PainMark.select()}
    assert notes == {"calf_left": "cramp at night", "calf_right": ""}
    assert note.toPlainText() == ""  # the panel now shows the right calf


def test_panel_intensity_slider_sets_the_mark(qtbot, page: TodayPage) -> None:
    click_region(qtbot, page, "thigh_inner_left")
    page.mark_panel.spin.setValue(3)
    assert stored_marks() == {"thigh_inner_left": 3}
    page.mark_panel.slider.setValue(6)
    assert stored_marks() == {"thigh_inner_left": 6}
    assert page.mark_panel.words.text() == "6: moderate"


def test_a_second_entry_the_same_day(qtbot, page: TodayPage) -> None:
    bmap = body_map(page)
    click_region(qtbot, page, "knee_inner_left")
    first = Entry.get()
    qtbot.mouseClick(page.new_entry_button, Qt.MouseButton.LeftButton)
    assert Entry.select().count() == 2
    assert bmap.marks() == {}  # a new sitting starts empty
    click_region(qtbot, page, "calf_left")
    qtbot.keyClick(bmap, Qt.Key.Key_3)

    second = Entry.get(Entry.id != first.id)
    by_entry = {(m.entry_id, m.region): m.intensity for m in PainMark.select()}
    assert by_entry == {(first.id, "knee_inner_left"): 5, (second.id, "calf_left"): 3}
    assert page.entry_list.count() == 2

    # Reopen the first entry from the list.
    page.entry_list.setCurrentRow(
        next(
            i
            for i in range(2)
            if page.entry_list.item(i).data(Qt.ItemDataRole.UserRole) == first.id
        )
    )
    assert bmap.marks() == {"knee_inner_left": 5}
    click_region(qtbot, page, "shin_left")
    assert PainMark.get(PainMark.region == "shin_left").entry_id == first.id


def test_entry_time_and_label_are_editable(qtbot, page: TodayPage) -> None:
    click_region(qtbot, page, "groin_right")
    page.time_edit.setTime(page.time_edit.time().fromString("07:15", "HH:mm"))
    page.time_edit.editingFinished.emit()
    page.label_edit.setCurrentText("After exercise")
    page.label_edit.lineEdit().editingFinished.emit()
    entry = Entry.get()
    assert entry.recorded_at[11:16] == "07:15"
    assert entry.label == "After exercise"
    assert "07:15" in page.entry_list.item(0).text()
    assert "After exercise" in page.entry_list.item(0).text()


def test_delete_entry_and_undo(qtbot, page: TodayPage) -> None:
    click_region(qtbot, page, "calf_right")
    click_region(qtbot, page, "heel_right")
    qtbot.mouseClick(page.delete_entry_button, Qt.MouseButton.LeftButton)
    assert Entry.select().count() == 0 and PainMark.select().count() == 0
    page.undo_action.trigger()
    assert stored_marks() == {"calf_right": 5, "heel_right": 5}
    assert body_map(page).marks() == {"calf_right": 5, "heel_right": 5}


def test_date_picker_to_yesterday_writes_there(qtbot, page: TodayPage) -> None:
    today = now().date()
    yesterday = today - timedelta(days=1)
    qtbot.mouseClick(page.prev_button, Qt.MouseButton.LeftButton)
    assert page.day == yesterday
    assert page.date_edit.date() == QDate(yesterday.year, yesterday.month, yesterday.day)
    click_region(qtbot, page, "knee_inner_left")

    entry = Entry.get()
    assert entry.date == yesterday.isoformat()
    assert PainMark.get().entry_id == entry.id

    two_days = today - timedelta(days=2)
    page.date_edit.setDate(QDate(two_days.year, two_days.month, two_days.day))
    assert page.day == two_days
    assert body_map(page).marks() == {}
    qtbot.mouseClick(page.today_button, Qt.MouseButton.LeftButton)
    assert page.day == today and page.hint.text() == EMPTY_TODAY
    assert not page.next_button.isEnabled()  # no diary entries for tomorrow


def test_undo_goes_back_to_the_day_it_changed(qtbot, page: TodayPage) -> None:
    qtbot.mouseClick(page.prev_button, Qt.MouseButton.LeftButton)
    click_region(qtbot, page, "calf_left")
    qtbot.mouseClick(page.today_button, Qt.MouseButton.LeftButton)
    page.undo_action.trigger()
    assert PainMark.select().count() == 0
    assert page.day == now().date() - timedelta(days=1)


def test_tender_point_toggles_and_count(qtbot, page: TodayPage) -> None:
    bmap = body_map(page)
    assert bmap.show_tender_points() and page.tender_toggle.isChecked()  # shown at first
    for point in ("knee_left", "gluteal_right", "greater_trochanter_left"):
        with qtbot.waitSignal(bmap.tenderPointClicked, timeout=1000):
            qtbot.mouseClick(bmap, Qt.MouseButton.LeftButton, pos=bmap.tender_point_center(point))
    assert page.tender_label.text().startswith("Tender points: 3 / 18")
    assert "11" in page.tender_label.text()
    with qtbot.waitSignal(bmap.tenderPointClicked, timeout=1000):
        qtbot.mouseClick(bmap, Qt.MouseButton.LeftButton, pos=bmap.tender_point_center("knee_left"))

    assert page.tender_label.text().startswith("Tender points: 2 / 18")
    exam = TenderExam.get()
    assert exam.date == now().date().isoformat()
    assert {r.point: bool(r.painful) for r in TenderPointResult.select()} == {
        "knee_left": False,
        "gluteal_right": True,
        "greater_trochanter_left": True,
    }
    assert PainMark.select().count() == 0  # a tender point is not a pain mark
    page.undo_action.trigger()
    assert page.tender_label.text().startswith("Tender points: 3 / 18")


def test_hidden_tender_points_leave_the_region_underneath_clickable(qtbot, page: TodayPage) -> None:
    bmap = body_map(page)
    qtbot.mouseClick(page.tender_toggle, Qt.MouseButton.LeftButton)
    assert not bmap.show_tender_points()
    # Where the knee's marker was drawn (on a small map markers are drawn apart, so it may
    # sit on the inner or the front of the knee): the region there is marked.
    pos = bmap.tender_point_center("knee_left")
    qtbot.mouseClick(bmap, Qt.MouseButton.LeftButton, pos=pos)
    assert TenderPointResult.select().count() == 0
    assert [m.region for m in PainMark.select()] == [bmap.region_at(pos)]
    assert bmap.region_at(pos) in ("knee_inner_left", "knee_front_left")


def test_save_failure_keeps_the_note_and_shows_the_banner(
    qtbot, page: TodayPage, window, faults
) -> None:  # type: ignore[no-untyped-def]
    click_region(qtbot, page, "knee_inner_left")
    note = page.mark_panel.note
    qtbot.keyClicks(note, "sharp when I kneel")

    faults.fail_all()  # the disk is full from now on
    page.mark_panel.commit_note()

    assert note.toPlainText() == "sharp when I kneel"
    banner = window.findChild(QLabel, "problemText")
    assert banner is not None and "disk is full" in banner.text()
    assert window.banner.isVisible()
    assert PainMark.get().note == ""
    assert "Not saved yet" in page.mark_panel.note_state.text()

    # Moving on and coming back: the text is still there, still pending.
    click_region(qtbot, page, "calf_left")  # this click fails to save too
    assert PainMark.select().count() == 1
    bmap = body_map(page)
    with qtbot.waitSignal(bmap.regionClicked):
        qtbot.mouseClick(bmap, Qt.MouseButton.LeftButton, pos=bmap.region_center("knee_inner_left"))
    assert note.toPlainText() == "sharp when I kneel"

    faults.off()
    page.mark_panel.commit_note()
    assert PainMark.get().note == "sharp when I kneel"
    assert page.mark_panel.note_state.text() == ""


def test_a_refresh_from_elsewhere_does_not_overwrite_typing(qtbot, page: TodayPage) -> None:
    click_region(qtbot, page, "shin_left")
    note = page.mark_panel.note
    qtbot.keyClicks(note, "half typed")
    page.ctx.broadcast("marks")
    assert note.toPlainText() == "half typed"


def test_edit_actions_and_accessible_names(page: TodayPage) -> None:
    assert page.undo_action.shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in [k.toString() for k in page.redo_action.shortcuts()]
    for button in page.findChildren(QPushButton):
        assert button.accessibleName() or button.text(), button.objectName()
    assert page.findChild(QListWidget, "entryList").accessibleName()


def test_day_with_entries_from_the_diary_is_listed(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    today = now().date()
    morning = create_entry(today, dtime(8, 0), "Morning")
    set_mark(morning.id, "knee_back_left", 4)
    create_entry(today, dtime(20, 0), "Evening")
    page = window.show_page("today")
    page.ctx.broadcast("marks")
    assert page.entry_list.count() == 2
    assert page.current_entry().label == "Evening"  # the latest sitting is current
    page.entry_list.setCurrentRow(0)
    assert body_map(page).marks() == {"knee_back_left": 4}


def test_future_days_cannot_be_picked(page: TodayPage) -> None:
    page.set_day(date.today() + timedelta(days=3))
    assert page.day == now().date()


def test_closing_the_window_saves_what_is_typed(qtbot, page: TodayPage, window) -> None:  # type: ignore[no-untyped-def]
    click_region(qtbot, page, "knee_front_right")
    qtbot.keyClicks(page.mark_panel.note, "clicks on stairs")
    page.checkin_panel.note.setPlainText("tired after the bus")
    window.close()
    assert PainMark.get().note == "clicks on stairs"
    assert checkins.get_checkin(now().date()).fields["note"] == "tired after the bus"


def test_typing_a_note_in_steps_is_one_undo(qtbot, page: TodayPage) -> None:
    click_region(qtbot, page, "hip_outer_left")
    note = page.mark_panel.note
    qtbot.keyClicks(note, "aches")
    page.mark_panel.commit_note()
    qtbot.keyClicks(note, " at night")
    page.mark_panel.commit_note()
    assert PainMark.get().note == "aches at night"
    page.undo_action.trigger()
    assert PainMark.get().note == ""
    assert note.toPlainText() == ""
    assert stored_marks() == {"hip_outer_left": 5}


def test_clicking_the_map_shows_the_spot_tab(qtbot, page: TodayPage) -> None:
    page.tabs.setCurrentIndex(1)
    click_region(qtbot, page, "buttock_right")
    assert page.tabs.currentIndex() == 0
    assert page.mark_panel.title.text() == "Buttock, right"


def _mnemonics(window) -> list[str]:  # type: ignore[no-untyped-def]
    """The Alt+letter keys of everything visible in the window."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QTabBar

    texts = [a.text() for a in window.menuBar().actions()]
    for widget in window.findChildren(QAbstractButton):
        if widget.isVisibleTo(window):
            texts.append(widget.text())
    for label in window.findChildren(QLabel):
        if label.isVisibleTo(window) and label.buddy() is not None:
            texts.append(label.text())
    for bar in window.findChildren(QTabBar):
        if bar.isVisibleTo(window):
            texts += [bar.tabText(i) for i in range(bar.count())]
    return [m.lower() for t in texts for m in re.findall(r"&([^&\s])", t)]


def test_alt_keys_are_not_ambiguous_on_any_tab(page: TodayPage, window) -> None:  # type: ignore[no-untyped-def]
    page.body_map.set_selected("calf_left")  # the spot tab shows its controls then
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        keys = _mnemonics(window)
        assert len(keys) == len(set(keys)), (page.tabs.tabText(index), sorted(keys))


@pytest.mark.parametrize("size", [(1200, 800), (720, 560)])
def test_the_map_does_not_move_after_the_first_click_of_the_day(
    qtbot, page: TodayPage, size
) -> None:
    """Nothing that appears with the day's first entry may move the map under the pointer."""
    bmap = body_map(page)
    page.window().resize(*size)
    qtbot.wait(10)
    before = bmap.mapTo(page, bmap.rect().topLeft()), bmap.size()
    click_region(qtbot, page, "knee_inner_left")
    qtbot.wait(10)
    assert (bmap.mapTo(page, bmap.rect().topLeft()), bmap.size()) == before
    assert [m.region for m in PainMark.select()] == ["knee_inner_left"]


def test_check_in_and_week_tabs_are_built_when_first_opened(qtbot, page: TodayPage) -> None:
    """Start-up builds only the map and the Spot tab; the others appear on first use."""
    import sys

    assert page._checkin_panel is None and page._weekly_panel is None
    assert "fibrodesk.ui.weekly_panel" not in sys.modules or page._weekly_panel is None
    qtbot.mouseClick(
        page.tabs.tabBar(), Qt.MouseButton.LeftButton, pos=page.tabs.tabBar().tabRect(1).center()
    )
    assert page.tabs.currentIndex() == 1 and page._checkin_panel is not None
    checkin = page._checkin_panel
    qtbot.waitUntil(lambda: checkin.isVisibleTo(page))
    assert page._weekly_panel is None
    page.tabs.setCurrentIndex(2)
    weekly = page._weekly_panel
    assert weekly is not None
    qtbot.waitUntil(lambda: weekly.isVisibleTo(page))
