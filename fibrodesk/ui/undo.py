"""Undo and redo for the Today page: each command puts the diary back through journal.

Every command writes through :meth:`AppContext.perform`, so an undo is saved at once and
broadcast like any change. A command that cannot be written (disk full) makes itself
obsolete: ``QUndoStack.push`` then drops it, and an undo or redo that fails removes it
from the stack, so the stack never claims a state the diary does not hold. The window's
banner says what went wrong; nothing the person typed is thrown away by the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from datetime import time as dtime
from typing import Any

from PySide6.QtGui import QUndoCommand

from fibrodesk.core.catalogue import catalogue
from fibrodesk.db import journal
from fibrodesk.db.journal import EntryInfo, EntrySnapshot, MarkInfo, PointResult
from fibrodesk.ui.context import AppContext

# Commands of the same kind on the same mark merge (typing a note, dragging a slider).
NOTE_MERGE_ID = 1001


class JournalCommand(QUndoCommand):
    """A reversible change; subclasses give ``forward`` and ``backward``.

    Attributes:
        ctx: where writes go through.
        kinds: what the change touches (for ``ctx.changed``).
        after: called with the command once it has been applied either way, so the page
            can show the entry, day or region it concerned.
    """

    def __init__(
        self,
        ctx: AppContext,
        kinds: set[str],
        text: str,
        after: Callable[[JournalCommand, bool], None] | None = None,
    ) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.kinds = kinds
        self.after = after
        self.failed = False

    def forward(self) -> None:
        raise NotImplementedError

    def backward(self) -> None:
        raise NotImplementedError

    def _run(self, step: Callable[[], None], undoing: bool) -> None:
        def action() -> bool:
            step()
            return True

        ok = self.ctx.perform(self.kinds, action, source=self)
        if not ok:
            self.failed = True
            self.setObsolete(True)
            return
        if self.after is not None:
            self.after(self, undoing)

    def redo(self) -> None:
        self._run(self.forward, undoing=False)

    def undo(self) -> None:
        self._run(self.backward, undoing=True)


def _apply_mark(entry_id: str, region: str, state: MarkInfo | None) -> None:
    if state is None:
        journal.delete_mark(entry_id, region)
    else:
        journal.put_mark(replace(state, entry_id=entry_id))


class MarkCommand(JournalCommand):
    """One region's mark in one entry goes from ``before`` to ``after`` (None: no mark).

    With ``new_entry`` (day, time, label) the entry is created on the first redo (the
    first click of a day) and removed again on undo, with the same id on each redo.
    ``remember`` makes the new intensity the last used one.
    """

    def __init__(
        self,
        ctx: AppContext,
        text: str,
        *,
        day: date,
        entry_id: str | None,
        region: str,
        before: MarkInfo | None,
        after: MarkInfo | None,
        new_entry: tuple[date, dtime, str | None] | None = None,
        remember: bool = False,
        merge_id: int = -1,
        on_done: Callable[[JournalCommand, bool], None] | None = None,
    ) -> None:
        super().__init__(ctx, {"marks"}, text, on_done)
        self.day = day
        self.entry_id = entry_id
        self.region = region
        self.before = before
        self.after_state = after
        self.new_entry = new_entry
        self.created: EntryInfo | None = None
        self.remember = remember
        self._merge_id = merge_id

    def id(self) -> int:  # noqa: A003 (Qt override)
        return self._merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt override)
        if not isinstance(other, MarkCommand) or other.id() != self.id() or other.failed:
            return False
        if (other.entry_id, other.region) != (self.entry_id, self.region) or other.new_entry:
            return False
        self.after_state = other.after_state
        return True

    def forward(self) -> None:
        if self.new_entry is not None:
            if self.created is None:
                day, at, label = self.new_entry
                self.created = journal.create_entry(day, at, label)
            else:
                journal.restore_entry(self.created)
            self.entry_id = self.created.id
        assert self.entry_id is not None
        _apply_mark(self.entry_id, self.region, self.after_state)
        if self.remember and self.after_state is not None:
            journal.remember_intensity(self.after_state.intensity)

    def backward(self) -> None:
        assert self.entry_id is not None
        _apply_mark(self.entry_id, self.region, self.before)
        if self.created is not None:
            journal.delete_entry(self.created.id)


class NewEntryCommand(JournalCommand):
    """Start a new sitting; undo removes it again (it holds no marks by then)."""

    def __init__(
        self,
        ctx: AppContext,
        day: date,
        at: dtime,
        label: str | None,
        on_done: Callable[[JournalCommand, bool], None] | None = None,
    ) -> None:
        super().__init__(ctx, {"marks"}, "New entry", on_done)
        self.day, self.at, self.label = day, at, label
        self.created: EntryInfo | None = None

    def forward(self) -> None:
        if self.created is None:
            self.created = journal.create_entry(self.day, self.at, self.label)
        else:
            journal.restore_entry(self.created)

    def backward(self) -> None:
        assert self.created is not None
        journal.delete_entry(self.created.id)


class DeleteEntryCommand(JournalCommand):
    """Remove an entry with its marks; undo puts every mark back."""

    def __init__(
        self,
        ctx: AppContext,
        entry: EntryInfo,
        on_done: Callable[[JournalCommand, bool], None] | None = None,
    ) -> None:
        super().__init__(ctx, {"marks"}, f"Delete the {entry.label or 'entry'} entry", on_done)
        self.entry = entry
        self.snapshot: EntrySnapshot | None = None

    def forward(self) -> None:
        self.snapshot = journal.delete_entry(self.entry.id)

    def backward(self) -> None:
        if self.snapshot is not None:
            journal.restore_entry(self.snapshot)


class TenderPointCommand(JournalCommand):
    """One tender point of one day's exam goes from ``before`` to ``after``."""

    def __init__(
        self,
        ctx: AppContext,
        day: date,
        point: str,
        before: PointResult | None,
        after: PointResult | None,
        on_done: Callable[[JournalCommand, bool], None] | None = None,
    ) -> None:
        label = catalogue().tender_points[point].label
        state = "painful" if after is not None and after.painful else "not painful"
        super().__init__(ctx, {"tender"}, f"Tender point {label}: {state}", on_done)
        self.day, self.point, self.before, self.after_state = day, point, before, after

    @staticmethod
    def _apply(day: date, point: str, state: PointResult | None) -> None:
        if state is None:
            journal.set_point(day, point, None)
        else:
            journal.set_point(day, point, state.painful, state.pain)

    def forward(self) -> None:
        self._apply(self.day, self.point, self.after_state)

    def backward(self) -> None:
        self._apply(self.day, self.point, self.before)


def describe_mark_change(region: str, before: Any, after: Any) -> str:
    """The undo text: "Mark Inner knee, left 5", "Remove mark Calf, right"..."""
    label = catalogue().region(region).label
    if after is None:
        return f"Remove mark {label}"
    if before is None:
        return f"Mark {label} {after.intensity}"
    if before.intensity != after.intensity:
        return f"{label}: {before.intensity} to {after.intensity}"
    if before.qualities != after.qualities:
        return f"{label}: qualities"
    return f"{label}: note"
