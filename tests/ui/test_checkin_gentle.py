"""The check-in's treatments keep their order, it saves one way and says so once, and the
evening reminder is set from it (issue 13 point 3), clicked as a person would."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, QTime, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from fibrodesk.app import build_main_window
from fibrodesk.db import checkins
from fibrodesk.db.database import close_diary
from fibrodesk.db.models import CheckInTreatment
from fibrodesk.db.planner import plans, reminder_settings
from fibrodesk.ui.checkin_panel import SAVING_MODEL, CheckInPanel
from fibrodesk.ui.reminders_dialog import RemindersDialog
from fibrodesk.ui.today_page import TodayPage
from tests.ui.test_checkin import page  # noqa: F401 (the fixture)

__all__ = ["page"]


def _names(panel: CheckInPanel) -> list[str]:
    return [
        panel.treatments.item(i).data(Qt.ItemDataRole.UserRole)[0]
        for i in range(panel.treatments.count())
    ]


def _ticked(panel: CheckInPanel) -> list[str]:
    return [
        panel.treatments.item(i).data(Qt.ItemDataRole.UserRole)[0]
        for i in range(panel.treatments.count())
        if panel.treatments.item(i).checkState() == Qt.CheckState.Checked
    ]


def _tick(qtbot, panel: CheckInPanel, name: str) -> None:  # type: ignore[no-untyped-def]
    """Click the tick box of the treatment's row, where a person clicks."""
    row = _names(panel).index(name)
    item = panel.treatments.item(row)
    panel.treatments.scrollToItem(item)
    rect: QRect = panel.treatments.visualItemRect(item)
    box = QPoint(rect.left() + rect.height() // 2, rect.center().y())
    viewport = panel.treatments.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=box)


def test_treatments_keep_their_order_whatever_is_ticked(
    qtbot, page: TodayPage, window, data_dir
) -> None:  # type: ignore[no-untyped-def]
    panel = page.checkin_panel
    for name in ("Pregabalin", "Amitriptyline"):
        qtbot.keyClicks(panel.new_name, name)
        qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    order = _names(panel)
    assert order == ["Heat", "Massage", "Stretching", "TENS", "Amitriptyline", "Pregabalin"]
    assert _ticked(panel) == ["Amitriptyline", "Pregabalin"]  # added ones are ticked

    for name in ("TENS", "Heat", "Pregabalin", "Massage"):  # not in list order
        _tick(qtbot, panel, name)
        assert _names(panel) == order
    assert _ticked(panel) == ["Heat", "Massage", "TENS", "Amitriptyline"]
    stored = {t.name for t in CheckInTreatment.select()}
    assert stored == {"Heat", "Massage", "TENS", "Amitriptyline"}

    # Another day and back: same order, same ticks.
    qtbot.mouseClick(page.prev_button, Qt.MouseButton.LeftButton)
    assert _names(panel) == order and _ticked(panel) == []
    qtbot.mouseClick(page.today_button, Qt.MouseButton.LeftButton)
    assert _names(panel) == order
    assert _ticked(panel) == ["Heat", "Massage", "TENS", "Amitriptyline"]

    # A new window on the same diary: the same again.
    window.close()
    close_diary()
    again = build_main_window(data_dir)
    qtbot.addWidget(again)
    today = again.show_page("today")
    today.tabs.setCurrentIndex(1)
    other = today.checkin_panel
    assert _names(other) == order
    assert _ticked(other) == ["Heat", "Massage", "TENS", "Amitriptyline"]
    again.close()


def test_the_page_saves_one_way_and_says_it_once(qtbot, page: TodayPage) -> None:
    panel = page.checkin_panel
    texts = [w.text() for w in panel.findChildren(QLabel) if w.isVisible()]
    assert sum(SAVING_MODEL in t for t in texts) == 1
    said = " ".join(texts + [panel.status.text()]).casefold()
    assert said.count("saved as soon as you give it") == 1
    assert "as you go" not in said and "press save" not in said  # no second model
    buttons = [b.text().replace("&", "") for b in panel.findChildren(QPushButton)]
    assert not any(t.casefold().startswith("save") for t in buttons)  # no Save to forget
    assert not panel.retry_button.isVisible()

    # A tap is saved at once, and the note when its box is left: nothing else to press.
    row = panel.fields["overall_pain"]
    qtbot.mouseClick(row.buttons[6], Qt.MouseButton.LeftButton)
    assert checkins.get_checkin(panel.day).fields["overall_pain"] == 6
    panel.note.setFocus()
    qtbot.keyClicks(panel.note, "legs heavy")
    qtbot.keyClick(panel.note, Qt.Key.Key_Tab)  # on to the next box
    QApplication.processEvents()
    assert checkins.get_checkin(panel.day).fields["note"] == "legs heavy"
    assert panel.status.text().startswith("Saved")


def _answer_dialog(qtbot, act) -> list[RemindersDialog]:  # type: ignore[no-untyped-def]
    """Run ``act`` once the reminders dialog is up (it is modal)."""
    seen: list[RemindersDialog] = []

    def when_open() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RemindersDialog):
            QTimer.singleShot(20, when_open)
            return
        seen.append(dialog)
        act(dialog)

    QTimer.singleShot(0, when_open)
    return seen


def test_evening_reminder_is_set_from_the_checkin_without_a_plan(qtbot, page: TodayPage) -> None:
    panel = page.checkin_panel
    assert plans() == []
    assert panel.reminder_label.text() == "Evening reminder to fill in the diary: at 20:00."

    def change(dialog: RemindersDialog) -> None:
        assert dialog.evening.isChecked() and dialog.evening_time.isEnabled()
        dialog.evening_time.setTime(QTime(21, 30))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    seen = _answer_dialog(qtbot, change)
    qtbot.mouseClick(panel.reminder_button, Qt.MouseButton.LeftButton)
    assert seen and reminder_settings()["evening_time"] == "21:30"
    assert panel.reminder_label.text() == "Evening reminder to fill in the diary: at 21:30."

    def switch_off(dialog: RemindersDialog) -> None:
        box = dialog.evening
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
        assert not dialog.evening_time.isEnabled()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    _answer_dialog(qtbot, switch_off)
    qtbot.mouseClick(panel.reminder_button, Qt.MouseButton.LeftButton)
    assert reminder_settings() == {"sessions": True, "evening": False, "evening_time": "21:30"}
    assert panel.reminder_label.text() == "Evening reminder to fill in the diary: off."


def test_reminders_dialog_from_the_file_menu_and_cancel_changes_nothing(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    action = next(a for a in window.file_menu.actions() if a.text() == "&Reminders…")

    def cancel(dialog: RemindersDialog) -> None:
        dialog.sessions.setChecked(False)
        dialog.reject()

    seen = _answer_dialog(qtbot, cancel)
    action.trigger()
    assert seen and reminder_settings()["sessions"] is True


def test_a_refused_reminder_save_keeps_the_dialog_open(qtbot, window, faults) -> None:  # type: ignore[no-untyped-def]
    dialog = RemindersDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.evening.setChecked(False)
    faults.fail_all()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and reminder_settings()["evening"] is True
    faults.off()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and reminder_settings()["evening"] is False
