"""The day's trigger tags on the Today page: checkable chips and "add your own".

The suggested tags (long standing, long sitting, stress...) and the person's own are
chips; a click puts the tag on the day shown, or on one entry of it when the person
chooses that entry above the chips, and a second click takes it off. Each click is one
operation (:func:`fibrodesk.db.triggers.set_tag`) and one step on the Today page's undo
stack. Tag names are the person's words: always shown as plain text (a ``&`` stays a
``&``, never a keyboard shortcut).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core import clock
from fibrodesk.core.clock import day_name
from fibrodesk.db import marks as journal
from fibrodesk.db import triggers
from fibrodesk.db.changes import Change
from fibrodesk.db.marks import EntryInfo
from fibrodesk.ui.context import AppContext
from fibrodesk.ui.flow_layout import FlowArea
from fibrodesk.ui.undo import JournalCommand

TAG_MAX = 60
"""The longest tag name the diary keeps (schema v3)."""


def button_text(words: str) -> str:
    """``words`` as a button shows them: a ``&`` doubled so it is not a shortcut."""
    return words.replace("&", "&&")


def chip_text(name: str, on: bool) -> str:
    """A chip's words: the tag, with a tick when it is on (not by colour alone)."""
    return ("✓ " if on else "") + button_text(name)


def entry_words(entry: EntryInfo) -> str:
    """How an entry is named beside the chips: "Morning, 08:12"."""
    return f"{entry.label or 'Entry'}, {entry.time:%H:%M}"


class TagCommand(JournalCommand):
    """One tag put on (or taken off) a day or an entry; undo does the opposite."""

    def __init__(
        self,
        ctx: AppContext,
        day: date,
        name: str,
        on: bool,
        entry_id: str | None,
        after: Callable[[JournalCommand, bool, Change], None] | None = None,
        source: Any = None,
    ) -> None:
        text = f"Tag {name}" if on else f"Remove tag {name}"
        super().__init__(ctx, text, after, source)
        self.day, self.name, self.on, self.entry_id = day, name, on, entry_id

    def forward(self) -> Change:
        return triggers.set_tag(self.day, self.name, self.on, entry_id=self.entry_id)

    def backward(self) -> Change:
        return triggers.set_tag(self.day, self.name, not self.on, entry_id=self.entry_id)


class TagsBox(QGroupBox):
    """The chips of one day (:meth:`set_day`).

    Attributes:
        day: the day shown.
        chips: tag name -> its checkable chip.
        scope: where a click puts a tag: the whole day (``None``) or an entry id.
    """

    def __init__(
        self,
        ctx: AppContext,
        undo_stack: QUndoStack | None = None,
        show_day: Callable[[date], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Tags", parent)
        self.ctx = ctx
        self.setObjectName("todayTags")
        self._undo = undo_stack
        self._show_day = show_day
        self.day = clock.today()
        self.scope: str | None = None
        self.chips: dict[str, QPushButton] = {}
        self._entries: list[EntryInfo] = []
        self._syncing = False

        layout = QVBoxLayout(self)
        intro = QLabel("What might have set your legs off? Click a tag to put it on the day.")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.scope_box = QComboBox()
        self.scope_box.setObjectName("tagScope")
        self.scope_box.setAccessibleName("Put tags on")
        self.scope_box.setToolTip("Put the tags on the whole day, or on one entry of it")
        self.scope_box.currentIndexChanged.connect(self._scope_chosen)
        layout.addWidget(self.scope_box)

        self._chip_area = FlowArea()
        self._flow = self._chip_area.flow
        layout.addWidget(self._chip_area)

        own_row = QHBoxLayout()
        own_label = QLabel("Add your &own:")
        self.own_edit = QLineEdit()
        self.own_edit.setObjectName("ownTag")
        self.own_edit.setMaxLength(TAG_MAX)
        self.own_edit.setAccessibleName("Your own tag")
        self.own_edit.setPlaceholderText("a tag")
        self.own_edit.returnPressed.connect(self.add_own)
        own_label.setBuddy(self.own_edit)
        self.add_button = QPushButton("Add")
        self.add_button.setObjectName("addOwnTag")
        self.add_button.setAccessibleName("Add your own tag and put it on")
        self.add_button.clicked.connect(self.add_own)
        own_row.addWidget(own_label)
        own_row.addWidget(self.own_edit, 1)
        own_row.addWidget(self.add_button)
        layout.addLayout(own_row)

        self.summary = QLabel()
        self.summary.setObjectName("tagSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # tag names are the person's
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        ctx.changed.connect(self._on_changed)

    # ------------------------------------------------------------------ showing

    def set_day(self, day: date) -> None:
        if day != self.day:
            self.day = day
            self.scope = None
        self.reload()

    def reload(self) -> None:
        """Read the day's tags and entries and show them."""
        self._entries = journal.list_entries(self.day)
        if self.scope is not None and self.scope not in {e.id for e in self._entries}:
            self.scope = None
        self._syncing = True
        try:
            self.scope_box.clear()
            self.scope_box.addItem(f"The whole day ({day_name(self.day)})", None)
            for entry in self._entries:
                self.scope_box.addItem(f"Only the entry {entry_words(entry)}", entry.id)
            self.scope_box.setCurrentIndex(max(0, self.scope_box.findData(self.scope)))
        finally:
            self._syncing = False
        self.scope_box.setVisible(bool(self._entries))  # nothing to choose without entries
        rows = triggers.tags_between(self.day, self.day)
        on = {r.name for r in rows if r.entry_id == self.scope}
        names = list(triggers.SUGGESTED_TAGS)
        known = {n.casefold() for n in names}
        for tag in triggers.list_tags(include_hidden=True):
            if tag.name.casefold() not in known and (not tag.hidden or tag.name in on):
                names.append(tag.name)
                known.add(tag.name.casefold())
        self._fill_chips(names, on)
        self.summary.setText(self._summary(rows))

    def _fill_chips(self, names: list[str], on: set[str]) -> None:
        if list(self.chips) != names:
            for chip in self.chips.values():
                self._flow.removeWidget(chip)
                chip.hide()
                chip.deleteLater()
            self.chips = {}
            for name in names:
                chip = QPushButton(button_text(name))
                chip.setObjectName("tagChip")
                chip.setCheckable(True)
                chip.setAccessibleName(f"Tag {name}")
                chip.clicked.connect(lambda checked, n=name: self.toggle(n, checked))
                if name not in triggers.SUGGESTED_TAGS:
                    # The person's own tags can be taken off the list (right-click or the
                    # menu key); typing one again brings it back.
                    forget = QAction(f"Stop offering “{name}”", chip)
                    forget.triggered.connect(lambda _=False, n=name: self.forget(n))
                    chip.addAction(forget)
                    chip.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
                self._flow.addWidget(chip)
                self.chips[name] = chip
        for name, chip in self.chips.items():
            chip.setChecked(name in on)
            chip.setText(chip_text(name, name in on))
            chip.setAccessibleDescription("on" if name in on else "off")
            chip.setToolTip(("Take off " if name in on else "Put on ") + f"“{name}”")
        self._chip_area.fit()

    def _summary(self, rows: list[Any]) -> str:
        day_tags = sorted(r.name for r in rows if r.entry_id is None)
        parts = [f"On this day: {', '.join(day_tags)}." if day_tags else "No tags on this day."]
        for entry in self._entries:
            names = sorted(r.name for r in rows if r.entry_id == entry.id)
            if names:
                parts.append(f"On the entry {entry_words(entry)}: {', '.join(names)}.")
        return " ".join(parts)

    # ------------------------------------------------------------------ changing

    def _scope_chosen(self, index: int) -> None:
        if not self._syncing and index >= 0:
            self.scope = self.scope_box.itemData(index)
            self.reload()

    def toggle(self, name: str, on: bool) -> None:
        """Put ``name`` on (or off) the day or the chosen entry: one undoable step."""
        command = TagCommand(self.ctx, self.day, name, on, self.scope, self._after, source=self)
        if self._undo is not None:
            self._undo.push(command)
        else:
            command.redo()
        if command.failed:
            self.reload()  # the chip goes back to what the diary holds

    def add_own(self) -> None:
        """Put the typed tag on: a new one is created on first use."""
        name = " ".join(self.own_edit.text().split())
        if not name:
            self.summary.setText("Type a tag in the box first, then press Add.")
            self.own_edit.setFocus()
            return
        existing = next((n for n in self.chips if n.casefold() == name.casefold()), name)
        chip = self.chips.get(existing)
        if chip is not None and chip.isChecked():
            self.own_edit.clear()
            return
        self.toggle(existing, True)
        self.own_edit.clear()

    def forget(self, name: str) -> None:
        """Stop offering one of the person's own tags (the days it is on keep it)."""
        if self.ctx.perform(lambda: triggers.forget_tag(name), source=self) is not None:
            self.reload()

    def _after(self, command: JournalCommand, undoing: bool, change: Change) -> None:
        assert isinstance(command, TagCommand)
        if command.day != self.day and self._show_day is not None:
            self._show_day(command.day)  # the page shows that day, and so do we
        else:
            self.reload()

    def _on_changed(self, change: Change, source: object = None) -> None:
        if source is not self and change.touches(Change.TAGS, Change.MARKS):
            self.reload()
