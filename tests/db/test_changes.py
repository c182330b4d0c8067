"""The typed change value and the one-transaction runner every operation goes through."""

from __future__ import annotations

from datetime import date

import pytest

from fibrodesk.db.changes import Change, Done
from fibrodesk.db.database import run_operation
from fibrodesk.db.marks import create_entry
from fibrodesk.db.models import Entry
from fibrodesk.errors import SaveError
from tests.faults import BUSY, FULL, IOERR, dump, fail_each_write

DAY = date(2026, 11, 21)


def test_changes_combine_and_are_tested_by_area():
    change = Change.MARKS | Change.TENDER
    assert change.touches("marks") and change.touches(Change.TENDER)
    assert not change.touches("checkin", "weekly")
    assert not change.everything and not change.touches("all")
    assert Change.of("marks", "tender") == change
    assert Change.of() == Change.NONE and not Change.NONE


def test_everything_touches_every_area():
    assert Change.of("all") is Change.EVERYTHING
    for area in Change:
        assert Change.EVERYTHING.touches(area)
    assert Change.EVERYTHING.touches("all") and Change.EVERYTHING.everything


def test_an_unknown_kind_is_a_bug():
    with pytest.raises(ValueError, match="unknown change kind"):
        Change.of("mark")


def test_an_operation_returns_its_change_or_its_value_and_change(diary):
    assert run_operation(lambda: Change.MARKS) == Done(None, Change.MARKS)
    done = run_operation(lambda: Done(create_entry(DAY), Change.MARKS))
    assert done.change is Change.MARKS and done.value.day == DAY


def test_an_operation_returning_something_else_is_a_bug(diary):
    with pytest.raises(TypeError):
        run_operation(lambda: None)  # type: ignore[arg-type, return-value]


def _two_entries() -> Change:
    """An operation made of two functions that each write in their own transaction."""
    create_entry(DAY)
    create_entry(DAY)
    return Change.MARKS


def test_the_writes_of_an_operation_commit_together_or_not_at_all(diary, faults):
    refused = []
    writes = fail_each_write(
        faults, lambda: run_operation(_two_entries), check=lambda n, code: refused.append(n)
    )
    assert writes == 2
    assert refused == [1, 1, 1, 2, 2, 2]  # each write, with each of FULL, IOERR, BUSY
    assert Entry.select().count() == 2  # the one run that went through, once


@pytest.mark.parametrize("code", [FULL, IOERR, BUSY])
def test_a_refused_write_is_one_sentence_saying_nothing_was_saved(diary, faults, code):
    before = dump()
    faults.arm(2, code)
    with pytest.raises(SaveError) as err:
        run_operation(_two_entries)
    assert dump() == before
    assert "nothing was half-written" in str(err.value) and "\n" not in str(err.value)
