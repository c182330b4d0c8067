"""AppContext.perform: one operation, one transaction, one broadcast of what changed."""

from __future__ import annotations

from datetime import date

from fibrodesk.db import marks
from fibrodesk.db.changes import Change, Done
from fibrodesk.db.models import Entry
from tests.faults import dump

DAY = date(2026, 11, 21)


def test_a_committed_operation_is_broadcast_once_with_its_source(window, qtbot):
    seen: list[tuple[Change, object]] = []
    window.ctx.changed.connect(lambda change, source: seen.append((change, source)))
    done = window.ctx.perform(lambda: Done(marks.create_entry(DAY), Change.MARKS), source=window)
    assert done is not None and done.value.day == DAY
    assert seen == [(Change.MARKS, window)]


def test_an_operation_that_changed_nothing_is_still_a_success(window):
    done = window.ctx.perform(lambda: Change.NONE)
    assert done is not None and done.change is Change.NONE  # truthy: test with "is None"
    assert done


def test_a_refused_operation_says_so_once_and_broadcasts_nothing(window, qtbot, faults):
    seen: list[object] = []
    sentences: list[str] = []
    window.ctx.changed.connect(lambda *args: seen.append(args))
    window.ctx.saveFailed.connect(sentences.append)
    before = dump()
    faults.arm(2)

    def two_entries() -> Change:
        marks.create_entry(DAY)
        marks.create_entry(DAY)
        return Change.MARKS

    assert window.ctx.perform(two_entries) is None
    assert dump() == before and Entry.select().count() == 0
    assert seen == [] and len(sentences) == 1
    assert "disk is full" in sentences[0] and "nothing was half-written" in sentences[0]
    assert window.banner_label.text() == sentences[0]
