"""The Today page's entries column: the day's sittings, a new one, its time and label.

A part of :class:`~fibrodesk.ui.today_page.TodayPage` (a mixin: it works on the page's
state, ``day``, ``entry_id``, ``entries``, and its undo stack); every write is an
operation of :mod:`fibrodesk.db.marks` run through the page's context.
"""

from __future__ import annotations

from datetime import time as dtime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core import clock
from fibrodesk.core.clock import now
from fibrodesk.db import marks as journal
from fibrodesk.db.changes import Change
from fibrodesk.db.marks import EntryInfo
from fibrodesk.ui.today_sessions import TodaySessions
from fibrodesk.ui.undo import (
    DeleteEntryCommand,
    JournalCommand,
    NewEntryCommand,
)

if TYPE_CHECKING:
    pass


LABELS = ("Morning", "Midday", "Afternoon", "Evening", "Night", "After exercise")


def keep_room_when_hidden(widget: QWidget) -> None:
    """Keep a widget's room in the layout while it is hidden.

    What appears or disappears around the body map after the first click of a day must
    not move the map under the person's pointer.
    """
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)


class EntriesColumn:
    """The entries column of the Today page (see the module's docstring)."""

    def _build_entries_column(self) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Entries of the day")  # Alt+E stays free for an Edit menu
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)
        layout.addWidget(heading)
        self.entry_list = QListWidget()
        self.entry_list.setObjectName("entryList")
        self.entry_list.setAccessibleName("Entries of the day")
        self.entry_list.setToolTip("Each sitting is one entry. Click one to reopen it on the map.")
        heading.setBuddy(self.entry_list)
        self.entry_list.currentItemChanged.connect(self._entry_picked)
        self.entry_list.setSpacing(2)
        self.entry_list.setMaximumHeight(self.entry_list.fontMetrics().lineSpacing() * 14)
        layout.addWidget(self.entry_list, 1)

        self.new_entry_button = QPushButton("&New entry")
        self.new_entry_button.setObjectName("newEntry")
        self.new_entry_button.setAccessibleName("New entry")
        self.new_entry_button.setToolTip(
            "Start a new sitting (morning, evening, after exercise): the map starts empty."
        )
        self.new_entry_button.clicked.connect(self.new_entry)
        layout.addWidget(self.new_entry_button)

        self.entry_box = QGroupBox("This entry")
        form = QVBoxLayout(self.entry_box)
        time_label = QLabel("T&ime")
        self.time_edit = QTimeEdit()
        self.time_edit.setObjectName("entryTime")
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName("Time of this entry")
        self.time_edit.setKeyboardTracking(False)
        time_label.setBuddy(self.time_edit)
        self.time_edit.editingFinished.connect(self._time_edited)
        form.addWidget(time_label)
        form.addWidget(self.time_edit)
        label_label = QLabel("&Label")
        self.label_edit = QComboBox()
        self.label_edit.setObjectName("entryLabel")
        self.label_edit.setEditable(True)
        self.label_edit.addItems(LABELS)
        self.label_edit.setAccessibleName("Label of this entry")
        label_label.setBuddy(self.label_edit)
        self.label_edit.activated.connect(lambda _i: self._label_edited())
        line_edit = self.label_edit.lineEdit()
        assert line_edit is not None
        line_edit.editingFinished.connect(self._label_edited)
        form.addWidget(label_label)
        form.addWidget(self.label_edit)
        self.delete_entry_button = QPushButton("Delete this entry")
        self.delete_entry_button.setObjectName("deleteEntry")
        self.delete_entry_button.setAccessibleName("Delete this entry")
        self.delete_entry_button.setToolTip(
            "Removes the entry and its marks. Undo brings them back."
        )
        self.delete_entry_button.clicked.connect(self.delete_entry)
        form.addWidget(self.delete_entry_button)
        keep_room_when_hidden(self.entry_box)  # the columns must not shift on a first click
        layout.addWidget(self.entry_box)

        sessions_box = QGroupBox("Exercise today")
        sessions_layout = QVBoxLayout(sessions_box)
        self.sessions = TodaySessions(self.ctx)
        sessions_layout.addWidget(self.sessions)
        layout.addWidget(sessions_box)
        # Room left over goes to the list, never to this stretch: with a stretch factor of
        # its own it took half the list's height, leaving the list short and an empty band
        # below it on a stacked page (which gives the column only what it needs).
        layout.addStretch(0)
        return column

    def _load_entries(self, keep_current: bool = True) -> None:
        self.entries = journal.list_entries(self.day)
        ids = [e.id for e in self.entries]
        if not keep_current or self.entry_id not in ids:
            self.entry_id = ids[-1] if ids else None
        self._syncing = True
        try:
            self.entry_list.clear()
            for entry in self.entries:
                count = entry.mark_count
                marks = "no marks" if count == 0 else f"{count} mark{'s' if count != 1 else ''}"
                label = entry.label or "Entry"
                item = QListWidgetItem(f"{entry.time:%H:%M}  {label}\n{marks}")
                item.setData(Qt.ItemDataRole.UserRole, entry.id)
                item.setData(
                    Qt.ItemDataRole.AccessibleTextRole, f"{label} at {entry.time:%H:%M}, {marks}"
                )
                self.entry_list.addItem(item)
                if entry.id == self.entry_id:
                    self.entry_list.setCurrentItem(item)
        finally:
            self._syncing = False
        self._load_marks()

    def current_entry(self) -> EntryInfo | None:
        return next((e for e in self.entries if e.id == self.entry_id), None)

    # ------------------------------------------------------------------ entries

    def _entry_picked(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if self._syncing or item is None:
            return
        self.mark_panel.commit_note()
        self.entry_id = item.data(Qt.ItemDataRole.UserRole)
        self._load_marks()

    def new_entry(self) -> None:
        """New entry: start a sitting, then its time is ready to be typed."""
        if self.start_entry():
            self.time_edit.setFocus()

    def start_entry(self, label: str | None = None) -> bool:
        """Start a new sitting on the day shown (now's time today, midday on a past day),
        labelled ``label`` or by its time of day; one undoable step. False when it could
        not be written (the window's banner says why)."""
        self.mark_panel.commit_note()
        at = now().time() if self.day == clock.today() else dtime(12, 0)
        entry = journal.new_entry_info(self.day, at.replace(second=0, microsecond=0), label)
        command = NewEntryCommand(self.ctx, entry, self._after_entry_command, source=self)
        self.undo_stack.push(command)
        return not command.failed

    def delete_entry(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        self.mark_panel.commit_note()
        self.undo_stack.push(
            DeleteEntryCommand(self.ctx, entry, self._after_entry_command, source=self)
        )

    def _after_entry_command(self, command: JournalCommand, undoing: bool, change: Change) -> None:
        """Show the entry a step concerned: the page's one refresh for its own change."""
        select: str | None = None
        if isinstance(command, NewEntryCommand):
            day = command.day
            if not undoing:
                select = command.created.id
        else:
            assert isinstance(command, DeleteEntryCommand)
            day = command.entry.day
            if undoing:
                select = command.entry.id
        if day != self.day:
            self.set_day(day, select)
            return
        if select is not None:
            self.entry_id = select
        self.refresh(change)

    def _time_edited(self) -> None:
        entry = self.current_entry()
        if self._syncing or entry is None:
            return
        value = self.time_edit.time()
        at = dtime(value.hour(), value.minute())
        if at == entry.time:
            return
        done = self.ctx.perform(lambda: journal.move_entry(entry.id, at), source=self)
        if done is not None:
            self.refresh(done.change)

    def _label_edited(self) -> None:
        entry = self.current_entry()
        if self._syncing or entry is None:
            return
        text = self.label_edit.currentText().strip()
        if text == entry.label:
            return
        done = self.ctx.perform(lambda: journal.relabel_entry(entry.id, text), source=self)
        if done is not None:
            self.refresh(done.change)
