"""The follow-up after an as-needed dose, acted on in one click (issue 15, point 2).

A person takes Ibuprofen "now" at 14:00 on the Today page; about 2 hours later the
window offers "Note how your legs are now". Its button (or a click on the tray message)
shows today's Today page with a new entry "After Ibuprofen" and the keyboard on the map,
so the next click or Enter records a mark in it. "Not now" writes nothing and the
follow-up does not come back for that dose. Each test drives the window as a person
would and checks what it shows and what the diary holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from fibrodesk.core import clock
from fibrodesk.db import marks, treatments
from fibrodesk.db.history_series import LEG_REGION_IDS
from fibrodesk.db.treatment_values import TreatmentItem
from fibrodesk.ui.followup_notice import FollowUpBar
from fibrodesk.ui.reminders import Reminders, install_reminders
from fibrodesk.ui.today_page import TodayPage
from fibrodesk.ui.today_treatments import TodayTreatments
from tests.conftest import activate
from tests.faults import dump, fail_each_write

DAY = date(2026, 3, 10)  # a Tuesday

# The window is brought forward (raise_) and the tray icon shown; the offscreen test
# platform can do neither, and says so.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise",
    "No such signal QPlatformNativeInterface::systemTrayWindowChanged",
    extend=True,
)


class MovableClock:
    """The time the app reads (through fibrodesk.core.clock), moved by the test."""

    def __init__(self) -> None:
        self.at = self.set(14, 0)

    def __call__(self) -> datetime:
        return self.at

    def set(self, hour: int, minute: int = 0) -> datetime:
        self.at = clock.local(datetime.combine(DAY, time(hour, minute)))
        return self.at


@pytest.fixture
def moment() -> Iterator[MovableClock]:
    now = MovableClock()
    clock.set_clock(now)
    yield now
    clock.set_clock(None)


@pytest.fixture
def today(qtbot, moment, window) -> TodayPage:  # type: ignore[no-untyped-def]
    activate(qtbot, window)
    content = window.show_page("today")
    assert isinstance(content, TodayPage)
    return content


def click(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Click it where a person would, once it is laid out on screen at its full size."""
    qtbot.waitUntil(
        lambda: widget.isVisible() and widget.height() >= widget.minimumSizeHint().height()
    )
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def take_now(qtbot, today: TodayPage, name: str, on: bool = True) -> None:  # type: ignore[no-untyped-def]
    """The person's as-needed treatment (and the follow-up switch, as the Treatments
    dialog sets them), then "Taken now" on the Today page."""
    done = today.ctx.perform(
        lambda: treatments.save_treatment(TreatmentItem(name=name, amount=400.0, unit="mg"))
    )
    assert done is not None
    if on:
        today.ctx.perform(lambda: treatments.set_dose_followup(True))
    box = today.findChild(TodayTreatments, "todayTreatments")
    assert box is not None
    button = box.findChild(QPushButton, f"takenNow_{done.value}")
    assert button is not None
    click(qtbot, button)
    assert name in [d.name for d in treatments.doses_between(DAY, DAY)]


def start(window, use_tray: bool = False) -> Reminders:  # type: ignore[no-untyped-def]
    """The window's reminders, as it starts them a moment after opening."""
    window.reminders = install_reminders(window, window.ctx, use_tray=use_tray)
    return window.reminders


def bar(window) -> FollowUpBar:  # type: ignore[no-untyped-def]
    found = window.findChild(FollowUpBar, "followupNotice")
    assert found is not None
    return found


def followups(reminders: Reminders, now: datetime) -> list[str]:
    return [t for t in reminders.check(now) if "2 hours" in t]


# ------------------------------------------------------------------ one click


def test_the_button_opens_todays_page_with_a_new_entry_and_the_map_ready(
    qtbot, moment, window, today
) -> None:  # type: ignore[no-untyped-def]
    take_now(qtbot, today, "Ibuprofen")
    # The person has gone on to yesterday's page, then to the Planner.
    click(qtbot, today.prev_button)
    window.show_page("planner")
    moment.set(16, 5)
    start(window)

    notice = bar(window)
    assert notice.isVisible()
    assert notice.text.text() == (
        "About 2 hours since Ibuprofen at 14:00: how are your legs now? "
        "A short entry on the Today page shows what it did."
    )
    assert marks.list_entries(DAY) == []  # offering it wrote nothing

    click(qtbot, notice.note_button)
    assert window.current_page() == "today"
    assert today.day == DAY and today.day_title.text() == "Today"
    (entry,) = marks.list_entries(DAY)
    assert (entry.label, f"{entry.time:%H:%M}", entry.mark_count) == ("After Ibuprofen", "16:05", 0)
    assert today.current_entry() == entry
    assert today.entry_list.currentItem().text().startswith("16:05  After Ibuprofen")
    assert "After Ibuprofen, 16:05" in today.entry_line.text()
    assert QApplication.focusWidget() is today.body_map
    assert today.body_map.focus_item() == LEG_REGION_IDS[0]  # a leg region, not a tender point
    assert notice.isHidden()

    # The next click on the map is a mark in that entry.
    qtbot.mouseClick(
        today.body_map, Qt.MouseButton.LeftButton, pos=today.body_map.region_center("calf_left")
    )
    assert list(marks.marks_of_entry(entry.id)) == ["calf_left"]
    assert [e.id for e in marks.list_entries(DAY)] == [entry.id]
    # Nothing more is offered for that dose.
    assert followups(window.reminders, moment.set(16, 10)) == []
    assert notice.isHidden()


def test_a_click_on_the_tray_message_does_the_same_and_enter_marks_a_leg(
    qtbot, moment, window, today
) -> None:  # type: ignore[no-untyped-def]
    take_now(qtbot, today, "Paracetamol")
    moment.set(16, 0)
    reminders = start(window, use_tray=True)
    assert reminders.tray is not None and reminders.tray.isVisible()
    assert bar(window).isHidden()  # the tray message carries it
    reminders.tray.messageClicked.emit()  # the person clicks the message

    (entry,) = marks.list_entries(DAY)
    assert entry.label == "After Paracetamol"
    assert QApplication.focusWidget() is today.body_map
    focused = today.body_map.focus_item()
    assert focused == LEG_REGION_IDS[0]
    qtbot.keyClick(today.body_map, Qt.Key.Key_Return)  # Enter marks the region in focus
    assert list(marks.marks_of_entry(entry.id)) == [focused]

    # A later message that is not a follow-up: clicking it starts no entry.
    reminders.notify("Time to fill in today's diary.")
    reminders.tray.messageClicked.emit()
    assert len(marks.list_entries(DAY)) == 1


# ------------------------------------------------------------------ not now


def test_not_now_writes_nothing_and_the_follow_up_does_not_come_back(
    qtbot, moment, window, today
) -> None:  # type: ignore[no-untyped-def]
    take_now(qtbot, today, "Ibuprofen")
    moment.set(16, 5)
    reminders = start(window)
    notice = bar(window)
    assert notice.isVisible()
    before = dump()
    click(qtbot, notice.not_now_button)
    assert notice.isHidden()
    assert dump() == before
    for minute in (6, 15, 29):
        assert followups(reminders, moment.set(16, minute)) == []
        assert notice.isHidden()
    assert dump() == before


def test_with_the_setting_off_nothing_appears(qtbot, moment, window, today) -> None:  # type: ignore[no-untyped-def]
    take_now(qtbot, today, "Ibuprofen", on=False)
    moment.set(16, 5)
    reminders = start(window)
    assert bar(window).isHidden()
    assert window.banner.isHidden()
    assert followups(reminders, moment.set(16, 6)) == []
    assert bar(window).isHidden()


def test_an_entry_made_meanwhile_answers_the_follow_up(qtbot, moment, window, today) -> None:  # type: ignore[no-untyped-def]
    take_now(qtbot, today, "Ibuprofen")
    moment.set(16, 5)
    start(window)
    assert bar(window).isVisible()
    # The person clicks the map themselves: the day's first entry, at 16:05.
    qtbot.mouseClick(
        today.body_map,
        Qt.MouseButton.LeftButton,
        pos=today.body_map.region_center("knee_front_left"),
    )
    assert bar(window).isHidden()
    assert [e.mark_count for e in marks.list_entries(DAY)] == [1]


def test_an_entry_since_the_dose_means_no_follow_up(qtbot, moment, window, today) -> None:  # type: ignore[no-untyped-def]
    take_now(qtbot, today, "Ibuprofen")
    moment.set(15, 30)
    qtbot.mouseClick(
        today.body_map, Qt.MouseButton.LeftButton, pos=today.body_map.region_center("calf_left")
    )
    moment.set(16, 5)
    assert followups(start(window), moment.at) == []
    assert bar(window).isHidden()


# ------------------------------------------------------------------ text, two doses, a refusal


def test_the_name_is_shown_as_typed_and_two_doses_come_one_after_the_other(
    qtbot, moment, window, today
) -> None:  # type: ignore[no-untyped-def]
    take_now(qtbot, today, "<b>Pill</b>")
    moment.set(14, 10)
    take_now(qtbot, today, "Heat & rest")  # an as-needed medicine with an & in its name
    moment.set(16, 12)
    start(window)
    notice = bar(window)
    assert notice.text.textFormat() == Qt.TextFormat.PlainText
    assert notice.text.text().startswith("About 2 hours since <b>Pill</b> at 14:00:")
    click(qtbot, notice.not_now_button)
    assert notice.isVisible()
    assert notice.text.text().startswith("About 2 hours since Heat & rest at 14:10:")
    click(qtbot, notice.note_button)
    (entry,) = marks.list_entries(DAY)
    assert entry.label == "After Heat & rest"
    assert "After Heat &amp; rest, 16:12" in today.entry_line.text()  # escaped, shown as typed
    assert notice.isHidden()


def test_a_refused_write_keeps_the_follow_up_on_show(qtbot, moment, window, today, faults) -> None:  # type: ignore[no-untyped-def]
    take_now(qtbot, today, "Ibuprofen")
    moment.set(16, 5)
    start(window)
    notice = bar(window)

    def check(n: int, code: int) -> None:
        assert notice.isVisible() and notice.text.text().startswith("About 2 hours")
        assert window.banner.isVisible() and window.banner.property("kind") == "problem"
        assert marks.list_entries(DAY) == []

    assert fail_each_write(faults, notice.note_button.click, check=check) == 1
    (entry,) = marks.list_entries(DAY)
    assert entry.label == "After Ibuprofen"
    assert notice.isHidden()


def test_the_bar_is_reached_by_keyboard_and_named(qtbot, moment, window, today) -> None:  # type: ignore[no-untyped-def]
    take_now(qtbot, today, "Ibuprofen")
    moment.set(16, 5)
    start(window)
    notice = bar(window)
    for button in (notice.note_button, notice.not_now_button):
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
        assert button.accessibleName()
    assert notice.accessibleDescription() == notice.text.text()
    notice.note_button.setFocus()
    qtbot.keyClick(notice.note_button, Qt.Key.Key_Space)
    assert [e.label for e in marks.list_entries(DAY)] == ["After Ibuprofen"]
    assert isinstance(notice.findChild(QLabel, "followupText"), QLabel)


def test_on_a_small_screen_the_page_scrolls_to_the_leg_in_focus(
    qtbot, moment, window, today
) -> None:  # type: ignore[no-untyped-def]
    window.resize(640, 430)  # the columns stack and the page scrolls
    take_now(qtbot, today, "Ibuprofen")
    moment.set(16, 5)
    start(window)
    area = window.pages["today"].scroll
    bar_ = area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar_.maximum() > 0)
    bar_.setValue(bar_.maximum())  # down at the treatments box, under the map
    body_map = today.body_map
    first_leg = body_map.item_rect(LEG_REGION_IDS[0])

    def in_sight() -> bool:
        shown = area.viewport().rect()
        return shown.contains(
            body_map.mapTo(area.viewport(), first_leg.topLeft())
        ) and shown.contains(body_map.mapTo(area.viewport(), first_leg.bottomRight()))

    assert not in_sight()
    click(qtbot, bar(window).note_button)
    assert body_map.focus_item() == LEG_REGION_IDS[0]
    assert in_sight()
