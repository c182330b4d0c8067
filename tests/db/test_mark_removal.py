"""Removing an entry's last mark removes the entry only when nothing else is in it
(issue 13 point 7), in the same operation, and its undo brings both back."""

from __future__ import annotations

from datetime import date
from datetime import time as dtime

import pytest

from fibrodesk.db import marks, tender
from fibrodesk.db.marks import MarkInfo, MarkStep
from fibrodesk.db.models import Entry, PainMark

DAY = date(2026, 3, 4)


def _entry_with_one_mark(at: dtime = dtime(8, 30), **extra: object) -> tuple[str, MarkInfo]:
    entry = marks.create_entry(DAY, at)
    if extra:
        Entry.update(**extra).where(Entry.id == entry.id).execute()
    mark = marks.set_mark(entry.id, "calf_left", 6)
    return entry.id, mark


@pytest.mark.parametrize(
    ("extra", "at", "removed"),
    [
        ({}, dtime(8, 30), True),  # "Morning" at 08:30: the automatic label
        ({"label": ""}, dtime(8, 30), True),
        ({"label": "Evening"}, dtime(19, 0), True),
        ({"label": "Evening"}, dtime(8, 30), False),  # a label the person chose
        ({"label": "After the walk"}, dtime(8, 30), False),
        ({"note": "slept badly"}, dtime(8, 30), False),
        ({"note": "   "}, dtime(8, 30), True),  # blanks are no note
        ({"for_doctor": True}, dtime(8, 30), False),
    ],
)
def test_last_mark_removed_takes_only_a_truly_empty_entry(diary, extra, at, removed) -> None:
    entry_id, mark = _entry_with_one_mark(at, **extra)
    done = marks.record_mark(MarkStep(entry_id, "calf_left", mark, None))
    assert PainMark.select().count() == 0
    assert (Entry.get_or_none(Entry.id == entry_id) is None) is removed
    assert (done.value is not None) is removed


def test_an_entry_with_other_marks_stays(diary) -> None:
    entry_id, mark = _entry_with_one_mark()
    marks.set_mark(entry_id, "calf_right", 3)
    done = marks.record_mark(MarkStep(entry_id, "calf_left", mark, None))
    assert done.value is None and Entry.get_by_id(entry_id).id == entry_id


def test_the_days_tender_exam_is_its_own_record(diary) -> None:
    entry_id, mark = _entry_with_one_mark()
    tender.toggle_point(DAY, "knee_left")
    marks.record_mark(MarkStep(entry_id, "calf_left", mark, None))
    assert Entry.select().count() == 0
    assert tender.painful_points(DAY) == {"knee_left"}  # untouched either way


def test_undo_brings_back_entry_and_mark_redo_removes_both(diary) -> None:
    entry_id, mark = _entry_with_one_mark()
    before = marks.list_entries(DAY)
    step = MarkStep(entry_id, "calf_left", mark, None)
    removed = marks.record_mark(step).value
    assert removed is not None and marks.list_entries(DAY) == []
    marks.unrecord_mark(step, removed)
    assert marks.list_entries(DAY) == before
    assert marks.marks_of_entry(entry_id) == {"calf_left": mark}
    assert marks.record_mark(step).value == removed
    assert Entry.select().count() == 0 and PainMark.select().count() == 0
