"""Every Today action is all or nothing: each of its writes is made to fail in turn.

For each action and each N, the N-th write statement fails with SQLITE_FULL, then
SQLITE_IOERR, then SQLITE_BUSY (tests/faults.py). After each failure the diary holds
exactly what it held before, the window says in one sentence that nothing was saved, and
what the person typed is still on screen; then the same action goes through, once.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt

from fibrodesk.core.clock import now
from fibrodesk.db import checkins, marks
from fibrodesk.db.models import CheckIn, CheckInTreatment, Entry, PainMark, TenderPointResult
from fibrodesk.ui.today_page import TodayPage
from tests.faults import fail_each_write
from tests.ui.test_checkin import type_answer
from tests.ui.test_today_page import body_map, click_region, page, stored_marks

__all__ = ["page"]  # the fixture, shared with the Today page's own tests


@pytest.fixture
def told(window) -> list[str]:  # type: ignore[no-untyped-def]
    sentences: list[str] = []
    window.ctx.saveFailed.connect(sentences.append)
    return sentences


def said_nothing_was_saved(window: Any, told: list[str]) -> None:
    """One sentence, on the banner, saying nothing was written (a form that tries again
    on leaving a box may be told the same sentence twice)."""
    assert len(set(told)) == 1, told
    sentence = told[0]
    told.clear()
    assert "nothing was half-written" in sentence and "\n" not in sentence
    assert window.banner_label.text() == sentence


def test_the_first_click_of_a_day(qtbot, page: TodayPage, window, faults, told) -> None:
    def check(n: int, code: int) -> None:
        said_nothing_was_saved(window, told)
        assert body_map(page).marks() == {} and page.entry_list.count() == 0
        assert page.undo_stack.count() == 0  # the stack claims nothing the diary lacks

    writes = fail_each_write(faults, lambda: click_region(qtbot, page, "calf_left"), check=check)
    assert writes == 2  # the entry and its mark, in one transaction
    assert Entry.select().count() == 1 and stored_marks() == {"calf_left": 5}
    assert page.entry_list.count() == 1 and body_map(page).marks() == {"calf_left": 5}


def test_a_digit_qualities_and_delete(qtbot, page: TodayPage, window, faults, told) -> None:
    click_region(qtbot, page, "knee_inner_left")
    bmap = body_map(page)

    def check(n: int, code: int) -> None:
        said_nothing_was_saved(window, told)
        assert bmap.marks() == {"knee_inner_left": 5}

    assert fail_each_write(faults, lambda: qtbot.keyClick(bmap, Qt.Key.Key_8), check=check) == 2
    assert stored_marks() == {"knee_inner_left": 8} and marks.last_intensity() == 8
    check_8 = lambda n, c: said_nothing_was_saved(window, told)  # noqa: E731
    fail_each_write(faults, lambda: page.mark_panel.chips["burning"].click(), check=check_8)
    assert PainMark.get().qualities == "burning"
    removed = fail_each_write(
        faults, lambda: qtbot.keyClick(bmap, Qt.Key.Key_Delete), check=check_8
    )
    assert removed == 2  # the only mark, then its empty entry: both or neither
    assert stored_marks() == {} and Entry.select().count() == 0


def test_a_typed_note(qtbot, page: TodayPage, window, faults, told) -> None:
    click_region(qtbot, page, "calf_right")
    note = page.mark_panel.note
    qtbot.keyClicks(note, "cramp at night")

    def check(n: int, code: int) -> None:
        said_nothing_was_saved(window, told)
        assert note.toPlainText() == "cramp at night"
        assert PainMark.get().note == ""

    fail_each_write(faults, page.mark_panel.commit_note, check=check)
    assert PainMark.get().note == "cramp at night" and PainMark.select().count() == 1


def test_new_and_deleted_entries(qtbot, page: TodayPage, window, faults, told) -> None:
    click_region(qtbot, page, "calf_left")
    check = lambda n, c: said_nothing_was_saved(window, told)  # noqa: E731
    assert fail_each_write(faults, page.new_entry_button.click, check=check) == 1
    assert Entry.select().count() == 2
    click_region(qtbot, page, "calf_right")  # into the new entry
    deleted = fail_each_write(faults, page.delete_entry_button.click, check=check)
    assert deleted == 2  # its mark, then the entry
    assert Entry.select().count() == 1 and stored_marks() == {"calf_left": 5}


def test_a_tender_point(qtbot, page: TodayPage, window, faults, told) -> None:
    bmap = body_map(page)

    def check(n: int, code: int) -> None:
        said_nothing_was_saved(window, told)
        assert page.tender_label.text().startswith("Tender points: 0 / 18")

    def toggle() -> None:  # where the point is now: the banner may have moved the map
        pos = bmap.tender_point_center("knee_left")
        qtbot.mouseClick(bmap, Qt.MouseButton.LeftButton, pos=pos)

    assert fail_each_write(faults, toggle, check=check) == 2  # the exam, the point
    assert TenderPointResult.select().count() == 1
    assert page.tender_label.text().startswith("Tender points: 1 / 18")


def test_undo_and_redo_steps(qtbot, page: TodayPage, window, faults, told) -> None:
    """An undo or redo that cannot be written leaves the diary as it was, and the stack
    drops the step rather than claim a state the diary does not hold."""
    days = iter(range(1, 100))

    def first_click_on_another_day() -> None:
        page.set_day(now().date() - timedelta(days=next(days)))
        click_region(qtbot, page, "thigh_back_left")

    def check(n: int, code: int) -> None:
        said_nothing_was_saved(window, told)
        assert page.undo_stack.count() == page.undo_stack.index()  # the step is gone
        assert body_map(page).marks() == {"thigh_back_left": 5}

    writes = fail_each_write(
        faults, page.undo_action.trigger, setup=first_click_on_another_day, check=check
    )
    assert writes == 3  # the mark, the entry's marks (none left), the entry
    assert body_map(page).marks() == {} and page.entry_list.count() == 0

    def click_and_undo_on_another_day() -> None:
        first_click_on_another_day()
        page.undo_action.trigger()

    def check_redo(n: int, code: int) -> None:
        said_nothing_was_saved(window, told)
        assert page.undo_stack.index() == page.undo_stack.count()  # nothing left to redo
        assert body_map(page).marks() == {} and page.entry_list.count() == 0

    redone = fail_each_write(
        faults, page.redo_action.trigger, setup=click_and_undo_on_another_day, check=check_redo
    )
    assert redone == 2 and body_map(page).marks() == {"thigh_back_left": 5}
    assert page.entry_list.count() == 1


def test_a_checkin_and_its_copy(qtbot, page: TodayPage, window, faults, told) -> None:
    today = now().date()
    checkins.save_checkin(
        today - timedelta(days=1), {"fatigue": 6}, [checkins.TreatmentUse("Heat pad", "20 min")]
    )
    page.tabs.setCurrentIndex(1)
    panel = page.checkin_panel
    type_answer(qtbot, panel.fields["overall_pain"], "7")  # saved: the day's check-in exists
    panel.note.setFocus()
    qtbot.keyClicks(panel.note, "stairs were hard")

    def check(n: int, code: int) -> None:
        said_nothing_was_saved(window, told)
        assert panel.note.toPlainText() == "stairs were hard"
        assert "Not saved yet" in panel.status.text()

    def leave_the_note_or_try_again() -> None:
        """What saves the note: leaving its box; once refused, the "Try again" button."""
        if panel.retry_button.isVisible():
            qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)
        else:
            panel.note.setFocus()
            qtbot.keyClick(panel.note, Qt.Key.Key_Tab)

    saved = fail_each_write(faults, leave_the_note_or_try_again, check=check)
    assert saved >= 2 and CheckIn.get(CheckIn.date == today.isoformat()).note == "stairs were hard"

    qtbot.keyClicks(panel.note, ", then rested")

    def check_note() -> None:
        assert panel.note.toPlainText() == "stairs were hard, then rested"

    copied = fail_each_write(
        faults,
        lambda: qtbot.mouseClick(panel.same_button, Qt.MouseButton.LeftButton),
        check=lambda n, c: (said_nothing_was_saved(window, told), check_note()),
    )
    assert copied >= 3
    row = CheckIn.get(CheckIn.date == today.isoformat())
    assert (row.fatigue, row.overall_pain, row.note) == (6, None, "stairs were hard, then rested")
    assert CheckIn.select().count() == 2
    assert [
        t.name for t in CheckInTreatment.select().where(CheckInTreatment.checkin == row.id)
    ] == ["Heat pad"]
    fail_each_write(faults, panel.undo_copy.click, check=lambda n, c: told.clear())
    row = CheckIn.get(CheckIn.date == today.isoformat())
    assert (row.fatigue, row.overall_pain) == (None, 7)
