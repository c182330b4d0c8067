"""Treatments as a person takes them (issue 15, points 1, 2 and 7): the Treatments dialog,
the Today page's treatments box, side effects, the effect on the dose, the follow-up.

Each test drives the screen with clicks and keys, then checks what the screen shows and
what the diary holds (through the operations' own read functions).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QTimeEdit, QWidget

from fibrodesk.core import clock
from fibrodesk.db import marks, treatments
from fibrodesk.db.changes import Change
from fibrodesk.db.treatment_values import TreatmentItem
from fibrodesk.ui.reminders import Reminders
from fibrodesk.ui.today_page import TodayPage
from fibrodesk.ui.today_treatments import TodayTreatments
from fibrodesk.ui.treatments_dialog import TreatmentsDialog
from tests.conftest import activate
from tests.faults import fail_each_write

DAY = date(2026, 3, 10)  # a Tuesday


class MovableClock:
    """The time the app reads (through fibrodesk.core.clock), moved by the test."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def set(self, hour: int, minute: int = 0) -> datetime:
        self.at = clock.local(datetime.combine(DAY, time(hour, minute)))
        return self.at


@pytest.fixture
def moment() -> Iterator[MovableClock]:
    now = MovableClock(clock.local(datetime.combine(DAY, time(14, 0))))
    clock.set_clock(now)
    yield now
    clock.set_clock(None)


@pytest.fixture
def page(qtbot, moment, window) -> TodayPage:  # type: ignore[no-untyped-def]
    activate(qtbot, window)
    content = window.show_page("today")
    assert isinstance(content, TodayPage)
    return content


def box(page: TodayPage) -> TodayTreatments:
    found = page.findChild(TodayTreatments, "todayTreatments")
    assert found is not None
    return found


def add(ctx, name: str, **values) -> str:  # type: ignore[no-untyped-def]
    """A treatment in the list, saved by the operation the dialog uses."""
    item = TreatmentItem(name=name, **values)
    done = ctx.perform(lambda: treatments.save_treatment(item))
    assert done is not None
    return done.value


def child(parent: QWidget, cls: type, name: str):  # type: ignore[no-untyped-def]
    found = parent.findChild(cls, name)
    assert found is not None, f"no {cls.__name__} {name!r} on screen"
    return found


def click(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Click it where a person would, once it is laid out on screen at its full size."""
    qtbot.waitUntil(
        lambda: widget.isVisible() and widget.height() >= widget.minimumSizeHint().height()
    )
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_dialog(qtbot, page: TodayPage) -> TreatmentsDialog:  # type: ignore[no-untyped-def]
    click(qtbot, child(box(page), QPushButton, "openTreatments"))
    dialog = page.window().findChild(TreatmentsDialog, "treatmentsDialog")
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    return dialog


def type_into(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def day_doses() -> list[tuple[str, str]]:
    return [(d.name, f"{d.taken_at:%H:%M}") for d in treatments.doses_between(DAY, DAY)]


# ------------------------------------------------------------------ the dialog


def test_type_a_medicine_and_save_it(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, page)
    type_into(qtbot, dialog.name_edit, "Ibuprofen")
    type_into(qtbot, dialog.amount_edit, "400")
    type_into(qtbot, dialog.unit_combo, "mg")
    type_into(qtbot, dialog.purpose_edit, "calf pain after walking")
    click(qtbot, dialog.save_button)

    (item,) = treatments.list_treatments()
    assert (item.name, item.kind, item.amount, item.unit) == ("Ibuprofen", "medication", 400, "mg")
    assert (item.schedule, item.purpose, item.stop_date) == (
        "as_needed",
        "calf pain after walking",
        None,
    )
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == [
        "Ibuprofen 400 mg, as needed"
    ]
    assert dialog.error.isHidden()
    # The Today page offers it at once, in one click.
    button = child(box(page), QPushButton, f"takenNow_{item.id}")
    assert button.text() == "Taken now"
    assert button.accessibleName() == "Ibuprofen 400 mg: taken now"
    assert child(box(page), QLabel, f"takenNowName_{item.id}").text() == "Ibuprofen 400 mg"


def test_a_regular_medicine_edited_then_stopped(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, page)
    type_into(qtbot, dialog.name_edit, "Amitriptyline")
    type_into(qtbot, dialog.amount_edit, "10")
    type_into(qtbot, dialog.unit_combo, "mg")
    click(qtbot, dialog.regular)
    type_into(qtbot, dialog.times_edit, "22:00")
    click(qtbot, dialog.start_field.check)
    click(qtbot, dialog.save_button)
    (item,) = treatments.list_treatments()
    assert (item.schedule, tuple(item.times), item.start_date) == ("regular", ("22:00",), DAY)

    # Picked again from the list: a second time of day, a smaller dose.
    click(qtbot, dialog.new_button)
    assert dialog.name_edit.text() == ""
    dialog.list.setCurrentRow(0)
    assert dialog.name_edit.text() == "Amitriptyline"
    type_into(qtbot, dialog.times_edit, "8:00, 22:00")
    type_into(qtbot, dialog.amount_edit, "5")
    click(qtbot, dialog.save_button)
    (item,) = treatments.list_treatments()
    assert (item.amount, tuple(item.times)) == (5, ("08:00", "22:00"))
    assert dialog.list.item(0).text() == "Amitriptyline 5 mg, at 08:00; 22:00"

    click(qtbot, dialog.stop_button)
    (item,) = treatments.list_treatments()
    assert item.stop_date == DAY
    assert dialog.list.item(0).text().endswith(", stopped Tuesday 10 March")
    assert not dialog.stop_button.isEnabled()
    # Due from its start date on: the day before, nothing to confirm.
    assert box(page).findChild(QPushButton, f"confirm_{item.id}_22:00") is not None
    qtbot.mouseClick(page.prev_button, Qt.MouseButton.LeftButton)
    assert box(page).findChild(QPushButton, f"confirm_{item.id}_22:00") is None


@pytest.mark.parametrize(
    ("field", "typed", "sentence"),
    [
        (
            "amount_edit",
            "four hundred",
            "The dose amount must be a number above 0, like 400 or 2.5.",
        ),
        ("amount_edit", "0", "The dose amount must be a number above 0, like 400 or 2.5."),
        (
            "times_edit",
            "25:00",
            "Write the times of day as HH:MM, separated by semicolons, like 08:00; 20:00.",
        ),
        (
            "times_edit",
            "",
            "A regular treatment needs at least one time of day, like 08:00; 20:00.",
        ),
    ],
)
def test_a_bad_value_gets_one_sentence_and_what_was_typed_stays(  # type: ignore[no-untyped-def]
    qtbot, page, field, typed, sentence
) -> None:
    dialog = open_dialog(qtbot, page)
    type_into(qtbot, dialog.name_edit, "Pregabalin")
    if field == "times_edit":
        click(qtbot, dialog.regular)
    type_into(qtbot, getattr(dialog, field), typed)
    click(qtbot, dialog.save_button)
    assert dialog.error.isVisible() and dialog.error.text() == sentence
    assert dialog.name_edit.text() == "Pregabalin"
    assert getattr(dialog, field).text() == typed
    assert treatments.list_treatments() == []


def test_the_file_menu_and_ctrl_t_open_the_dialog(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    window = page.window()
    qtbot.keyClick(page.body_map, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(TreatmentsDialog, "treatmentsDialog")
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Treatments"
    qtbot.waitUntil(dialog.name_edit.hasFocus)  # ready to type


def test_no_name_and_a_name_already_used(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    add(page.ctx, "Heat pad", kind="heat")
    dialog = open_dialog(qtbot, page)
    click(qtbot, dialog.save_button)
    assert dialog.error.text() == "Give the treatment a name, for example Ibuprofen or Heat pad."
    type_into(qtbot, dialog.name_edit, "heat PAD")
    click(qtbot, dialog.save_button)
    assert dialog.error.text() == (
        "You already have a treatment called Heat pad: choose it in the list to change it."
    )
    assert len(treatments.list_treatments()) == 1


# ------------------------------------------------------------------ the Today page


def test_taken_now_shows_the_row_and_writes_the_dose(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    tid = add(page.ctx, "Ibuprofen", amount=400.0, unit="mg")
    tens = add(page.ctx, "TENS", kind="tens")
    bath = add(page.ctx, "Warm bath", kind="own")
    assert child(box(page), QPushButton, f"takenNow_{bath}").text() == "Done now"
    assert child(box(page), QLabel, f"takenNowName_{bath}").text() == "Warm bath"
    click(qtbot, child(box(page), QPushButton, f"takenNow_{tid}"))
    assert day_doses() == [("Ibuprofen", "14:00")]
    (dose,) = treatments.doses_between(DAY, DAY)
    assert dose.amount == 400 and dose.unit == "mg"
    assert child(box(page), QLabel, f"doseLine_{dose.id}").text() == "Ibuprofen 400 mg"
    assert child(box(page), QTimeEdit, f"doseTime_{dose.id}").time().toString("HH:mm") == "14:00"

    # A session of TENS, by keyboard: Tab to it, Space.
    button = child(box(page), QPushButton, f"takenNow_{tens}")
    assert (button.text(), button.accessibleName()) == ("Session now", "TENS: session now")
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert sorted(day_doses()) == [("Ibuprofen", "14:00"), ("TENS", "14:00")]


def test_confirm_a_regular_dose_in_one_click(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    tid = add(
        page.ctx, "Duloxetine", amount=30.0, unit="mg", schedule="regular", times=("08:00", "20:00")
    )
    morning = child(box(page), QPushButton, f"confirm_{tid}_08:00")
    assert morning.accessibleName() == "Taken: 08:00 Duloxetine 30 mg"
    click(qtbot, morning)
    assert day_doses() == [("Duloxetine", "08:00")]
    done = child(box(page), QLabel, f"due_{tid}_08:00")
    assert done.text() == "✓ 08:00 Duloxetine 30 mg, taken at 08:00"
    # The evening dose is still to confirm; a regular medicine has no "taken now".
    assert child(box(page), QPushButton, f"confirm_{tid}_20:00").isEnabled()
    assert box(page).findChild(QPushButton, f"takenNow_{tid}") is None


def test_edit_a_dose_time_by_keyboard(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    tid = add(page.ctx, "Heat pad", kind="heat")
    click(qtbot, child(box(page), QPushButton, f"takenNow_{tid}"))
    (dose,) = treatments.doses_between(DAY, DAY)
    edit = child(box(page), QTimeEdit, f"doseTime_{dose.id}")
    qtbot.waitUntil(edit.isVisible)
    edit.setFocus(Qt.FocusReason.TabFocusReason)  # tabbed to: the hours are selected
    qtbot.keyClicks(edit, "1130")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert day_doses() == [("Heat pad", "11:30")]
    edit = child(box(page), QTimeEdit, f"doseTime_{dose.id}")
    assert edit.time().toString("HH:mm") == "11:30"


def test_delete_a_dose_and_undo(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    tid = add(page.ctx, "Paracetamol", amount=1.0, unit="g")
    click(qtbot, child(box(page), QPushButton, f"takenNow_{tid}"))
    (dose,) = treatments.doses_between(DAY, DAY)
    click(qtbot, child(box(page), QPushButton, f"deleteDose_{dose.id}"))
    assert day_doses() == []
    assert box(page).findChild(QLabel, f"doseLine_{dose.id}") is None
    assert page.undo_button.toolTip() == "Undo: Delete Paracetamol 1 g at 14:00 (Ctrl+Z)"
    qtbot.keyClick(page.body_map, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert day_doses() == [("Paracetamol", "14:00")]
    (back,) = treatments.doses_between(DAY, DAY)
    assert child(box(page), QLabel, f"doseLine_{back.id}").text() == "Paracetamol 1 g"
    page.undo_stack.redo()
    assert day_doses() == []


def test_set_a_side_effect(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    tid = add(page.ctx, "Pregabalin", amount=75.0, unit="mg", schedule="regular", times=("08:00",))
    add(page.ctx, "Heat pad", kind="heat")  # not a medicine: no side effects asked
    effects = box(page).side_effects
    assert [effects.medicine.itemText(i) for i in range(effects.medicine.count())] == ["Pregabalin"]
    effects.effect.setFocus()
    qtbot.keyClick(effects.effect, Qt.Key.Key_Down)  # Drowsiness -> Dizziness
    assert effects.effect.currentData() == "dizziness"
    type_into(qtbot, effects.severity, "4")
    type_into(qtbot, effects.note, "stood up too fast")
    click(qtbot, effects.save_button)
    (saved,) = treatments.side_effects_between(DAY, DAY)
    assert (saved.treatment_id, saved.effect, saved.severity, saved.note) == (
        tid,
        "dizziness",
        4,
        "stood up too fast",
    )
    listing = child(box(page), QLabel, "sideEffectsOfDay")
    assert listing.text() == "Pregabalin: dizziness 4 (stood up too fast)"
    assert listing.textFormat() == Qt.TextFormat.PlainText


def _entry(ctx, hour: int, minute: int, marks_: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    entry = marks.create_entry(DAY, time(hour, minute))
    for region, intensity in marks_.items():
        marks.set_mark(entry.id, region, intensity)
    ctx.broadcast(Change.MARKS)


def test_the_effect_shows_on_the_dose_once_there_are_entries(qtbot, page, moment) -> None:  # type: ignore[no-untyped-def]
    tid = add(page.ctx, "Ibuprofen", amount=400.0, unit="mg")
    click(qtbot, child(box(page), QPushButton, f"takenNow_{tid}"))
    (dose,) = treatments.doses_between(DAY, DAY)
    effect = child(box(page), QLabel, f"doseEffect_{dose.id}")
    assert effect.text() == (
        "No entry yet to compare: one up to 3 hours before and one 1 to 4 hours after "
        "show what it did."
    )
    _entry(page.ctx, 13, 30, {"calf_left": 7, "calf_right": 5})
    effect = child(box(page), QLabel, f"doseEffect_{dose.id}")
    assert effect.text() == "An entry between 15:00 and 18:00 will show what it did."
    moment.set(16, 10)
    _entry(page.ctx, 16, 10, {"calf_left": 4, "calf_right": 5})
    effect = child(box(page), QLabel, f"doseEffect_{dose.id}")
    assert effect.text() == "left calf 7 -> 4 by 16:10, right calf 5 -> 5"


# ------------------------------------------------------------------ the follow-up


def test_the_follow_up_reminder_fires_only_when_switched_on(qtbot, page, moment) -> None:  # type: ignore[no-untyped-def]
    tid = add(page.ctx, "Ibuprofen", amount=400.0, unit="mg")
    regular = add(page.ctx, "Duloxetine", schedule="regular", times=("14:00",))
    click(qtbot, child(box(page), QPushButton, f"takenNow_{tid}"))
    click(qtbot, child(box(page), QPushButton, f"confirm_{regular}_14:00"))
    reminders = Reminders(page.ctx, use_tray=False)

    def follow_ups(hour: int, minute: int) -> list[str]:
        return [t for t in reminders.check(moment.set(hour, minute)) if "2 hours" in t]

    assert follow_ups(16, 5) == []  # off by default
    dialog = open_dialog(qtbot, page)
    assert not dialog.followup.isChecked()
    qtbot.mouseClick(
        dialog.followup, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.followup.height() // 2)
    )
    assert dialog.followup.isChecked()
    assert follow_ups(15, 59) == []  # not yet 2 hours
    assert follow_ups(16, 5) == [
        "About 2 hours since Ibuprofen at 14:00: how are your legs now? "
        "A short entry on the Today page shows what it did."
    ]  # once, and only for the as-needed dose
    assert follow_ups(16, 6) == []

    # Switched off again: nothing more, even for a new dose.
    dialog.followup.setFocus()
    qtbot.keyClick(dialog.followup, Qt.Key.Key_Space)
    moment.set(17, 0)
    click(qtbot, child(box(page), QPushButton, f"takenNow_{tid}"))
    assert follow_ups(19, 5) == []


def test_no_follow_up_when_an_entry_was_made_since_the_dose(qtbot, page, moment) -> None:  # type: ignore[no-untyped-def]
    page.ctx.perform(lambda: treatments.set_dose_followup(True))
    tid = add(page.ctx, "Ibuprofen", amount=400.0, unit="mg")
    click(qtbot, child(box(page), QPushButton, f"takenNow_{tid}"))
    _entry(page.ctx, 15, 30, {"calf_left": 3})
    reminders = Reminders(page.ctx, use_tray=False)
    assert [t for t in reminders.check(moment.set(16, 1)) if "2 hours" in t] == []


# ------------------------------------------------------------------ access


def test_every_button_has_a_name_and_the_box_follows_the_day(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    add(page.ctx, "Ibuprofen", amount=400.0, unit="mg")
    add(page.ctx, "Duloxetine", amount=30.0, unit="mg", schedule="regular", times=("08:00",))
    for button in box(page).findChildren(QPushButton):
        assert button.accessibleName() or button.text().replace("&", ""), button.objectName()
    qtbot.mouseClick(page.prev_button, Qt.MouseButton.LeftButton)
    assert box(page).title.text() == "Treatments on Monday 9 March"
    names = [b.accessibleName() for b in box(page).findChildren(QPushButton) if b.isVisible()]
    assert "Ibuprofen 400 mg: add a dose" in names
    # Logged on the day shown, at this time of that day.
    (ibuprofen,) = [
        b for b in box(page).findChildren(QPushButton) if b.accessibleName().startswith("Ibu")
    ]
    assert ibuprofen.text() == "Add a dose"
    click(qtbot, ibuprofen)
    (dose,) = treatments.doses_between(DAY - timedelta(days=1), DAY - timedelta(days=1))
    assert f"{dose.taken_at:%H:%M}" == "14:00"


def test_text_follows_the_system_font(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    add(page.ctx, "Ibuprofen", amount=400.0, unit="mg")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    bigger = app.font()
    bigger.setPointSizeF(before.pointSizeF() * 1.5)
    try:
        app.setFont(bigger)
        QApplication.processEvents()
        for label in box(page).findChildren(QLabel):
            assert label.font().pointSizeF() == pytest.approx(bigger.pointSizeF())
    finally:
        app.setFont(before)


def test_names_are_shown_as_typed_never_as_markup_or_shortcuts(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    heat = add(page.ctx, "Heat & rest", kind="heat")
    pill = add(page.ctx, "<b>Pill</b>", amount=1.0, unit="tablet")
    # The name is plain text beside its button: "Heat & rest", no Alt+R, no markup.
    name = child(box(page), QLabel, f"takenNowName_{heat}")
    assert name.text() == "Heat & rest" and name.textFormat() == Qt.TextFormat.PlainText
    click(qtbot, child(box(page), QPushButton, f"takenNow_{pill}"))
    (dose,) = treatments.doses_between(DAY, DAY)
    line = child(box(page), QLabel, f"doseLine_{dose.id}")
    assert line.text() == "<b>Pill</b> 1 tablet"
    assert line.textFormat() == Qt.TextFormat.PlainText


# ------------------------------------------------------------------ a refused write


def test_a_refused_save_says_so_in_the_dialog_and_keeps_the_form(qtbot, page, faults) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, page)
    type_into(qtbot, dialog.name_edit, "Ibuprofen")
    type_into(qtbot, dialog.amount_edit, "400")

    def check(n: int, code: int) -> None:
        assert dialog.error.isVisible() and dialog.error.text().endswith(".")
        assert (dialog.name_edit.text(), dialog.amount_edit.text()) == ("Ibuprofen", "400")
        assert dialog.list.count() == 0

    assert fail_each_write(faults, dialog.save_button.click, check=check) == 1
    (item,) = treatments.list_treatments()
    assert (item.name, item.amount) == ("Ibuprofen", 400)
    assert dialog.error.isHidden() and dialog.list.count() == 1


def test_a_refused_dose_leaves_the_box_as_it_was(qtbot, page, faults) -> None:  # type: ignore[no-untyped-def]
    tid = add(page.ctx, "Ibuprofen", amount=400.0, unit="mg")
    button = child(box(page), QPushButton, f"takenNow_{tid}")
    qtbot.waitUntil(button.isVisible)

    def check(n: int, code: int) -> None:
        assert day_doses() == []
        assert box(page).findChild(QLabel, "noDoses") is not None

    assert fail_each_write(faults, button.click, check=check) == 1
    (dose,) = treatments.doses_between(DAY, DAY)
    assert child(box(page), QLabel, f"doseLine_{dose.id}").text() == "Ibuprofen 400 mg"


def test_a_refused_delete_keeps_the_dose_and_claims_no_undo(qtbot, page, faults) -> None:  # type: ignore[no-untyped-def]
    tid = add(page.ctx, "Heat pad", kind="heat")
    click(qtbot, child(box(page), QPushButton, f"takenNow_{tid}"))
    (dose,) = treatments.doses_between(DAY, DAY)

    def delete() -> None:
        button = box(page).findChild(QPushButton, f"deleteDose_{dose.id}")
        assert button is not None
        button.click()

    def check(n: int, code: int) -> None:
        assert day_doses() == [("Heat pad", "14:00")]
        assert child(box(page), QLabel, f"doseLine_{dose.id}").text() == "Heat pad session"
        assert not page.undo_stack.canUndo()  # the failed step is not on the stack

    assert fail_each_write(faults, delete, check=check) == 1
    assert day_doses() == [] and page.undo_stack.canUndo()


def test_a_dose_written_in_words_stays_until_an_amount_is_typed(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    add(page.ctx, "Paracetamol", dose="1-2 tablets")  # as a v2 diary wrote it
    dialog = open_dialog(qtbot, page)
    dialog.list.setCurrentRow(0)
    words = child(dialog, QLabel, "treatmentDoseWords")
    assert words.isVisible() and words.text() == "Written as: 1-2 tablets"
    type_into(qtbot, dialog.purpose_edit, "bad days")
    click(qtbot, dialog.save_button)
    (item,) = treatments.list_treatments()
    assert (item.dose, item.amount, item.purpose) == ("1-2 tablets", None, "bad days")
    type_into(qtbot, dialog.amount_edit, "2")
    type_into(qtbot, dialog.unit_combo, "tablet")
    click(qtbot, dialog.save_button)
    (item,) = treatments.list_treatments()
    assert (item.dose, item.amount, item.unit) == ("2 tablet", 2, "tablet")
    assert dialog.list.item(0).text() == "Paracetamol 2 tablet, as needed"


def test_a_long_name_wraps_instead_of_widening_the_side_column(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    """At a large font the side column is narrow: a medicine with a long name and dose
    wraps beside a short button, and the box never asks for more width than it had
    (issue 13 point 1: nothing cut off, no sideways scrolling)."""
    narrow = box(page).minimumSizeHint().width()
    add(page.ctx, "Paracetamol and codeine effervescent", amount=1000.0, unit="mg")
    add(page.ctx, "Pregabalin", amount=75.0, unit="mg", schedule="regular", times=("08:00",))
    assert box(page).minimumSizeHint().width() <= max(narrow, 260)
