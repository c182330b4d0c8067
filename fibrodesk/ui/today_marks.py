"""The Today page's mark editor: what a click, a digit, + and -, Delete, the qualities
and the note do to the selected region's mark.

A part of :class:`~fibrodesk.ui.today_page.TodayPage` (a mixin on the page's state);
each change is one :class:`~fibrodesk.ui.undo.MarkCommand` whose redo and undo are
operations of :mod:`fibrodesk.db.marks`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import time as dtime
from typing import TYPE_CHECKING

from fibrodesk.core import clock
from fibrodesk.core.clock import new_id, now
from fibrodesk.db import marks as journal
from fibrodesk.db.changes import Change
from fibrodesk.db.marks import MarkInfo, MarkStep
from fibrodesk.ui.undo import (
    NOTE_MERGE_ID,
    JournalCommand,
    MarkCommand,
    describe_mark_change,
)

if TYPE_CHECKING:
    pass


class MarkEditor:
    """The mark editing of the Today page (see the module's docstring)."""

    def _show_selected(self) -> None:
        region = self.body_map.selected()
        mark = self.marks.get(region) if region else None
        last = self.last_intensity
        self.body_map.set_next_intensity(last)  # the map says what a click records
        self.mark_panel.show_mark(self.entry_id, region, mark, last)

    # ------------------------------------------------------------------ marks

    def _selection_changed(self, region: str) -> None:
        self.mark_panel.commit_note()
        self._show_selected()

    def _change_mark(
        self,
        region: str,
        after: MarkInfo | None,
        *,
        remember: bool = False,
        merge_id: int = -1,
    ) -> None:
        """Push the change of one region's mark in the current entry (new entry if none)."""
        before = self.marks.get(region)
        if before == after:
            return
        new_entry = None
        entry_id = self.entry_id
        if entry_id is None:  # the day's first click: the entry is made with the mark
            new_entry = journal.new_entry_info(self.day, self._new_entry_time())
            entry_id = new_entry.id
        if after is not None:
            after = replace(after, entry_id=entry_id)
        command = MarkCommand(
            self.ctx,
            describe_mark_change(region, before, after),
            day=self.day,
            step=MarkStep(entry_id, region, before, after, new_entry, remember),
            merge_id=merge_id,
            on_done=self._after_mark_command,
            source=self,
        )
        self.undo_stack.push(command)
        if command.failed:
            self._show_selected()  # the spot as the diary holds it (a typed note stays)

    def _new_entry_time(self) -> dtime:
        if self.day == clock.today():
            return now().time().replace(second=0, microsecond=0)
        return dtime(12, 0)

    def _after_mark_command(self, command: JournalCommand, undoing: bool, change: Change) -> None:
        """Show the mark a step concerned: the page's one refresh for its own change."""
        assert isinstance(command, MarkCommand)
        # The entry is gone: the first click's entry undone, or an emptied one removed.
        removed_entry = (command.step.new_entry is not None and undoing) or (
            command.removed_entry is not None and not undoing
        )
        select = None if removed_entry else command.entry_id
        if command.day != self.day:
            self.set_day(command.day, select)
        else:
            self.entry_id = select
            self.refresh(change)
        if self.body_map.selected() != command.region and command.entry_id == self.entry_id:
            self.body_map.set_selected(command.region)  # shows the spot (selectionChanged)

    def _mark_for(self, region: str, intensity: int) -> MarkInfo:
        current = self.marks.get(region)
        if current is not None:
            return replace(current, intensity=intensity)
        return MarkInfo(new_id(), self.entry_id or "", region, intensity)

    def region_clicked(self, region: str) -> None:
        """A click records the region at the last used intensity (a marked one is kept)."""
        self.tabs.setCurrentIndex(0)  # show the spot just clicked
        if region in self.marks:
            self._show_selected()
            return
        self._change_mark(region, self._mark_for(region, self.last_intensity))

    def set_intensity(self, region: str, value: int) -> None:
        value = max(0, min(10, int(value)))
        self._change_mark(region, self._mark_for(region, value), remember=True)

    def _set_selected_intensity(self, value: int) -> None:
        region = self.body_map.selected()
        if region:
            self.set_intensity(region, value)

    def step_intensity(self, region: str, step: int) -> None:
        current = self.marks.get(region)
        base = current.intensity if current is not None else self.last_intensity
        self.set_intensity(region, base + step)

    def remove_mark(self, region: str) -> None:
        if region and region in self.marks:
            self._change_mark(region, None)

    def _qualities_chosen(self, qualities: object) -> None:
        region = self.body_map.selected()
        if not region or region not in self.marks:
            return
        assert isinstance(qualities, tuple)
        self._change_mark(region, replace(self.marks[region], qualities=qualities))

    def _note_committed(self, entry_id: str, region: str, text: str) -> None:
        if entry_id != self.entry_id:
            # A note left behind in another entry: saved there, without switching.
            done = self.ctx.perform(
                lambda: journal.save_mark_note(entry_id, region, text), source=self
            )
            if done is not None and done.value is not None:
                self.refresh(done.change)
                self.mark_panel.note_saved(entry_id, region, text)
            return
        mark = self.marks.get(region)
        if mark is None:
            return
        command = MarkCommand(
            self.ctx,
            describe_mark_change(region, mark, replace(mark, note=text)),
            day=self.day,
            step=MarkStep(entry_id, region, mark, replace(mark, note=text)),
            merge_id=NOTE_MERGE_ID,
            on_done=self._after_mark_command,
            source=self,
        )
        self.undo_stack.push(command)
        if not command.failed:
            self.mark_panel.note_saved(entry_id, region, text)
