"""Undo and redo for the Today page: each step is one ``fibrodesk.db`` operation.

A command's redo and undo each run one operation through :meth:`AppContext.perform`: one
transaction, then one broadcast of what changed. A step that cannot be written (disk
full) leaves the diary as it was and makes itself obsolete: ``QUndoStack.push`` then
drops it, and an undo or redo that fails removes it from the stack, so the stack never
claims a state the diary does not hold. The window's banner says what went wrong;
nothing the person typed is thrown away by the page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtGui import QUndoCommand

from fibrodesk.core.catalogue import catalogue
from fibrodesk.db import marks, tender
from fibrodesk.db.changes import Change, Done
from fibrodesk.db.marks import EntryInfo, EntrySnapshot, MarkStep
from fibrodesk.db.tender import PointResult
from fibrodesk.ui.context import AppContext

# Commands of the same kind on the same mark merge (typing a note, dragging a slider).
NOTE_MERGE_ID = 1001

# Called once a step was applied either way: (command, undoing, what changed).
AfterStep = Callable[["JournalCommand", bool, Change], None]


class JournalCommand(QUndoCommand):
    """A reversible change; subclasses give the ``forward`` and ``backward`` operations.

    Attributes:
        ctx: where operations run.
        source: the widget the change is announced as coming from (the page), so that
            it refreshes through ``after`` only, not through ``ctx.changed`` as well.
        after: called once the step was applied either way, so the page can show the
            entry, day or region it concerned, refreshing what the change touched.
        failed: the last attempt could not be written.
    """

    def __init__(
        self, ctx: AppContext, text: str, after: AfterStep | None = None, source: Any = None
    ) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.after = after
        self.source = source
        self.failed = False

    def forward(self) -> Change | Done[Any]:
        raise NotImplementedError

    def backward(self) -> Change | Done[Any]:
        raise NotImplementedError

    def _run(self, op: Callable[[], Change | Done[Any]], undoing: bool) -> None:
        done = self.ctx.perform(op, source=self.source)
        if done is None:
            self.failed = True
            self.setObsolete(True)
            return
        self.applied(done, undoing)
        if self.after is not None:
            self.after(self, undoing, done.change)

    def applied(self, done: Done[Any], undoing: bool) -> None:
        """Keep what the operation handed back (a snapshot for the way back)."""

    def redo(self) -> None:
        self._run(self.forward, undoing=False)

    def undo(self) -> None:
        self._run(self.backward, undoing=True)


class MarkCommand(JournalCommand):
    """One region's mark in one entry goes from ``step.before`` to ``step.after``.

    With ``step.new_entry`` the entry is created with the mark (the first click of a
    day), in the same transaction, and removed again on undo, with the same id on each
    redo. ``step.remember`` makes the new intensity the last used one. Removing the
    entry's only mark removes the entry too when it is empty (``removed_entry``; see
    :func:`fibrodesk.db.marks.entry_is_empty`); undo puts back both.
    """

    def __init__(
        self,
        ctx: AppContext,
        text: str,
        *,
        day: date,
        step: MarkStep,
        merge_id: int = -1,
        on_done: AfterStep | None = None,
        source: Any = None,
    ) -> None:
        super().__init__(ctx, text, on_done, source)
        self.day = day
        self.step = step
        self._merge_id = merge_id
        # The empty entry the step removed with its last mark (undo puts it back first).
        self.removed_entry: EntryInfo | None = None

    @property
    def region(self) -> str:
        return self.step.region

    @property
    def entry_id(self) -> str:
        return self.step.entry_id

    def id(self) -> int:  # noqa: A003 (Qt override)
        return self._merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt override)
        if not isinstance(other, MarkCommand) or other.id() != self.id() or other.failed:
            return False
        if (other.entry_id, other.region) != (self.entry_id, self.region):
            return False
        if other.step.new_entry is not None:
            return False
        self.step = MarkStep(
            self.entry_id,
            self.region,
            self.step.before,
            other.step.after,
            self.step.new_entry,
            self.step.remember or other.step.remember,
        )
        return True

    def forward(self) -> Done[EntryInfo | None]:
        step = self.step
        return marks.record_mark(step)

    def applied(self, done: Done[Any], undoing: bool) -> None:
        if not undoing:
            self.removed_entry = done.value

    def backward(self) -> Change:
        step, removed = self.step, self.removed_entry
        return marks.unrecord_mark(step, removed)


class NewEntryCommand(JournalCommand):
    """Start a new sitting; undo removes it again (it holds no marks by then)."""

    def __init__(
        self,
        ctx: AppContext,
        entry: EntryInfo,
        on_done: AfterStep | None = None,
        source: Any = None,
    ) -> None:
        super().__init__(ctx, "New entry", on_done, source)
        self.created = entry
        self.day = entry.day

    def forward(self) -> Change:
        entry = self.created
        return marks.add_entry(entry)

    def backward(self) -> Done[EntrySnapshot | None]:
        entry_id = self.created.id
        return marks.remove_entry(entry_id)


class DeleteEntryCommand(JournalCommand):
    """Remove an entry with its marks; undo puts every mark back."""

    def __init__(
        self,
        ctx: AppContext,
        entry: EntryInfo,
        on_done: AfterStep | None = None,
        source: Any = None,
    ) -> None:
        super().__init__(ctx, f"Delete the {entry.label or 'entry'} entry", on_done, source)
        self.entry = entry
        self.snapshot: EntrySnapshot | None = None

    def forward(self) -> Done[EntrySnapshot | None]:
        entry_id = self.entry.id
        return marks.remove_entry(entry_id)

    def applied(self, done: Done[Any], undoing: bool) -> None:
        if not undoing:
            self.snapshot = done.value

    def backward(self) -> Change:
        snapshot = self.snapshot
        if snapshot is None:
            return Change.NONE
        return marks.put_back_entry(snapshot)


class TenderPointCommand(JournalCommand):
    """One tender point of one day's exam goes from ``before`` to ``after``."""

    def __init__(
        self,
        ctx: AppContext,
        day: date,
        point: str,
        before: PointResult | None,
        after: PointResult | None,
        on_done: AfterStep | None = None,
        source: Any = None,
    ) -> None:
        label = catalogue().tender_points[point].label
        state = "painful" if after is not None and after.painful else "not painful"
        super().__init__(ctx, f"Tender point {label}: {state}", on_done, source)
        self.day, self.point, self.before, self.after_state = day, point, before, after

    def forward(self) -> Change:
        return tender.apply_point(self.day, self.point, self.after_state)

    def backward(self) -> Change:
        return tender.apply_point(self.day, self.point, self.before)


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
