"""The daily check-in on the Today page: typed as a person would, read back from the diary."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fibrodesk.app import build_main_window
from fibrodesk.core.clock import now
from fibrodesk.db import checkins
from fibrodesk.db.database import close_diary
from fibrodesk.db.models import CheckIn, CheckInTreatment, Treatment
from fibrodesk.ui.checkin_panel import CheckInPanel
from fibrodesk.ui.today_page import TodayPage


@pytest.fixture
def page(qtbot, window) -> TodayPage:  # type: ignore[no-untyped-def]
    window.show()
    qtbot.waitExposed(window)
    content = window.show_page("today")
    assert isinstance(content, TodayPage)
    content.tabs.setCurrentIndex(1)
    return content


def type_answer(qtbot, spin, text: str) -> None:  # type: ignore[no-untyped-def]
    """Select the box's text, type the answer and leave with Enter, as a person does."""
    spin.setFocus()
    if hasattr(spin, "selectAll"):  # a number field; a 0-10 row takes the digits
        spin.selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def test_every_field_starts_not_answered(page: TodayPage) -> None:
    panel = page.checkin_panel
    for name, widget in panel.fields.items():
        if name not in ("flare", "note"):
            assert widget.answer() is None, name
            shown = widget.placeholderText() if hasattr(widget, "placeholderText") else ""
            assert "not answered" in (widget.text(), shown)
    assert not panel.flare.isChecked()
    assert CheckIn.select().count() == 0


def test_answers_are_saved_and_zero_stays_zero(qtbot, page: TodayPage) -> None:
    panel = page.checkin_panel
    type_answer(qtbot, panel.fields["overall_pain"], "6")
    type_answer(qtbot, panel.fields["fatigue"], "0")
    type_answer(qtbot, panel.fields["sleep_hours"], "6.5")
    type_answer(qtbot, panel.fields["stiffness_minutes"], "45")
    type_answer(qtbot, panel.fields["falls"], "1")

    row = CheckIn.get()
    assert row.date == now().date().isoformat()
    assert (row.overall_pain, row.fatigue, row.sleep_hours, row.stiffness_minutes, row.falls) == (
        6,
        0,
        6.5,
        45,
        1,
    )
    assert row.mood is None and row.fog is None  # not answered stays blank
    assert "Saved" in panel.status.text()


def test_flare_toggle_saves_at_once(qtbot, page: TodayPage) -> None:
    panel = page.checkin_panel
    qtbot.mouseClick(panel.flare, Qt.MouseButton.LeftButton)
    assert CheckIn.get().flare is True
    qtbot.mouseClick(panel.flare, Qt.MouseButton.LeftButton)
    assert CheckIn.get().flare is False


def test_checkin_reloads_in_a_new_window(qtbot, page: TodayPage, window, data_dir) -> None:  # type: ignore[no-untyped-def]
    panel = page.checkin_panel
    type_answer(qtbot, panel.fields["mood"], "4")
    type_answer(qtbot, panel.fields["restless_legs"], "7")
    qtbot.mouseClick(panel.flare, Qt.MouseButton.LeftButton)
    panel.note.setFocus()
    qtbot.keyClicks(panel.note, "Cold and wet")
    window.close()  # closing the window saves what is typed: no Save button to forget
    close_diary()

    again = build_main_window(data_dir)
    qtbot.addWidget(again)
    other = again.show_page("today").checkin_panel
    assert other.fields["mood"].answer() == 4
    assert other.fields["restless_legs"].answer() == 7
    assert other.fields["fatigue"].answer() is None
    assert other.flare.isChecked()
    assert other.note.toPlainText() == "Cold and wet"
    again.close()


def test_note_is_saved_when_leaving_the_box(qtbot, page: TodayPage) -> None:
    panel = page.checkin_panel
    panel.note.setFocus()
    qtbot.keyClicks(panel.note, "slept badly")
    panel.fields["mood"].setFocus()  # leaving the note box
    QApplication.processEvents()
    assert CheckIn.get().note == "slept badly"


def test_same_as_yesterday_in_one_click(qtbot, page: TodayPage) -> None:
    today = now().date()
    checkins.save_checkin(
        today - timedelta(days=1),
        {"overall_pain": 5, "fatigue": 7, "sleep_hours": 6.0, "flare": True, "note": "yesterday"},
        [checkins.TreatmentUse("Heat")],
    )
    page.ctx.broadcast("checkin")
    panel = page.checkin_panel
    assert panel.same_button.isEnabled()
    qtbot.mouseClick(panel.same_button, Qt.MouseButton.LeftButton)

    row = CheckIn.get(CheckIn.date == today.isoformat())
    assert (row.overall_pain, row.fatigue, row.sleep_hours, row.flare) == (5, 7, 6.0, True)
    assert row.note == ""  # the note is about its own day
    assert [
        t.name for t in CheckInTreatment.select().where(CheckInTreatment.checkin == row.id)
    ] == ["Heat"]
    assert panel.fields["fatigue"].answer() == 7
    assert panel.flare.isChecked()
    assert "Copied" in panel.status.text()

    qtbot.mouseClick(panel.undo_copy, Qt.MouseButton.LeftButton)
    assert CheckIn.select().where(CheckIn.date == today.isoformat()).count() == 0
    assert panel.fields["fatigue"].answer() is None


def test_same_as_yesterday_takes_the_most_recent_earlier_day(qtbot, page: TodayPage) -> None:
    today = now().date()
    checkins.save_checkin(today - timedelta(days=5), {"mood": 2})
    checkins.save_checkin(today - timedelta(days=3), {"mood": 8})
    page.ctx.broadcast("checkin")
    qtbot.mouseClick(page.checkin_panel.same_button, Qt.MouseButton.LeftButton)
    assert CheckIn.get(CheckIn.date == today.isoformat()).mood == 8


def test_same_as_yesterday_is_off_without_an_earlier_checkin(page: TodayPage) -> None:
    assert not page.checkin_panel.same_button.isEnabled()


def test_a_treatment_added_is_ticked_and_remembered(qtbot, page: TodayPage) -> None:
    panel = page.checkin_panel
    qtbot.keyClicks(panel.new_name, "Pregabalin")
    panel.new_kind.setCurrentIndex(panel.new_kind.findData("medication"))
    qtbot.keyClicks(panel.new_dose, "75 mg")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)

    assert Treatment.get(Treatment.name == "Pregabalin").dose == "75 mg"
    assert Treatment.get(Treatment.name == "Pregabalin").kind == "medication"
    used = CheckInTreatment.get()
    assert (used.name, used.dose) == ("Pregabalin", "75 mg")
    texts = [panel.treatments.item(i).text() for i in range(panel.treatments.count())]
    assert "Pregabalin (75 mg)" in texts

    # Tomorrow (here: the next day shown) offers it in the list, not ticked.
    qtbot.mouseClick(page.prev_button, Qt.MouseButton.LeftButton)
    items = {
        panel.treatments.item(i).text(): panel.treatments.item(i).checkState()
        for i in range(panel.treatments.count())
    }
    assert items["Pregabalin (75 mg)"] == Qt.CheckState.Unchecked
    assert "Heat" in items


def test_ticking_a_standard_treatment(qtbot, page: TodayPage) -> None:
    panel = page.checkin_panel
    item = panel.treatments.findItems("Heat", Qt.MatchFlag.MatchExactly)[0]
    item.setCheckState(Qt.CheckState.Checked)
    assert [t.name for t in CheckInTreatment.select()] == ["Heat"]
    assert Treatment.get(Treatment.name == "Heat").kind == "heat"


def test_checkin_follows_the_date_picker(qtbot, page: TodayPage) -> None:
    panel = page.checkin_panel
    qtbot.mouseClick(page.prev_button, Qt.MouseButton.LeftButton)
    type_answer(qtbot, panel.fields["fog"], "3")
    yesterday = (now().date() - timedelta(days=1)).isoformat()
    assert CheckIn.get().date == yesterday
    qtbot.mouseClick(page.today_button, Qt.MouseButton.LeftButton)
    assert panel.fields["fog"].answer() is None


def test_failed_save_keeps_the_answers_on_screen(qtbot, page: TodayPage, window, faults) -> None:  # type: ignore[no-untyped-def]
    panel: CheckInPanel = page.checkin_panel

    faults.fail_all()  # the disk stays full
    type_answer(qtbot, panel.fields["overall_pain"], "8")
    panel.note.setFocus()
    qtbot.keyClicks(panel.note, "bad day")
    assert panel.retry_button.isVisible()  # the answer's save was refused
    qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)

    assert CheckIn.select().count() == 0
    assert window.banner.isVisible() and "disk is full" in window.banner_label.text()
    assert "Not saved yet" in panel.status.text()
    page.ctx.broadcast("checkin")  # a refresh from elsewhere does not wipe them
    assert panel.fields["overall_pain"].answer() == 8
    assert panel.note.toPlainText() == "bad day"

    # Going to another day and back: still there, and saved once the disk is fine.
    qtbot.mouseClick(page.prev_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.today_button, Qt.MouseButton.LeftButton)
    assert panel.fields["overall_pain"].answer() == 8
    assert panel.note.toPlainText() == "bad day"
    assert panel.retry_button.isVisible()
    faults.off()
    qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)
    assert not panel.retry_button.isVisible() and panel.status.text().startswith("Saved")
    row = CheckIn.get()
    assert (row.overall_pain, row.note) == (8, "bad day")
