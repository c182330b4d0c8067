"""A lone surrogate in what the person saves is refused with a sentence, in the window as
on the command line (issue 14 point 11): the window's banner says it, nothing is written."""

from __future__ import annotations

from datetime import date
from typing import Any

from fibrodesk.db import marks
from fibrodesk.db import models as m
from fibrodesk.db.changes import Change


def test_a_lone_surrogate_is_one_sentence_and_nothing_is_written(window: Any, qtbot: Any) -> None:
    before = m.Entry.select().count()

    def save() -> Change:
        marks.create_entry(date(2026, 3, 1), label="knee \ud800 again")
        return Change.MARKS

    with qtbot.waitSignal(window.ctx.saveFailed) as failed:
        assert window.ctx.perform(save) is None
    said = failed.args[0]
    assert "broken character" in said and "nothing was half-written" in said
    assert m.Entry.select().count() == before
