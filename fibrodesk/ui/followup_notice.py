"""The follow-up after an as-needed dose, acted on in one click (issue 15, point 2).

The reminder (:mod:`fibrodesk.ui.dose_followup`) comes with a way to act on it: inside
the window, a calm bar under the message banner with "Note how your legs are now" and
"Not now"; in the system tray, a click on the message. Either way :func:`note_legs_now`
brings the window forward, shows the Today page on today's date, starts a new entry
labelled "After <treatment>" (the Today page's New entry, one undoable operation, written
only now) and puts the keyboard focus on the body map, on the first leg region, so the
next click, or Enter, records a mark in that entry.

"Not now" writes nothing; a follow-up is offered once per dose (``Reminders.sent``), and
one still on show is withdrawn as soon as an entry made since its dose exists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QWidget

from fibrodesk.core import clock
from fibrodesk.db.changes import Change
from fibrodesk.ui.body_map import BodyMap
from fibrodesk.ui.context import AppContext
from fibrodesk.ui.dose_followup import FollowUp, entry_made_since

NOTE_LEGS = "Note how your legs are now"
NOT_NOW = "Not now"


class PagedWindow(Protocol):
    """What the follow-up needs of the main window."""

    def show_page(self, key: str) -> QWidget: ...

    def add_notice_bar(self, bar: QWidget) -> None: ...


class FollowUpBar(QFrame):
    """The follow-ups offered inside the window, one at a time, each with its buttons.

    Attributes:
        pending: the follow-ups offered and not yet answered, the shown one first.
        text: the reminder shown (plain text: it holds the treatment's name).
        note_button, not_now_button: its two answers.
    """

    def __init__(
        self, ctx: AppContext, act: Callable[[FollowUp], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._act = act
        self.pending: list[FollowUp] = []
        self.setObjectName("followupNotice")
        # The calm blue of the window's notices; dark text reads in both themes.
        self.setStyleSheet(
            "#followupNotice { background: #dbeafe; border-bottom: 1px solid #5b8def; }"
            "#followupNotice QLabel { color: #1f2328; }"
        )
        row = QHBoxLayout(self)
        self.text = QLabel()
        self.text.setObjectName("followupText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # the person's treatment name
        self.text.setWordWrap(True)
        row.addWidget(self.text, 1)
        self.note_button = QPushButton(NOTE_LEGS)
        self.note_button.setObjectName("followupNoteLegs")
        self.note_button.setAccessibleName(NOTE_LEGS)
        self.note_button.setToolTip("A new entry on today's page, ready for marks on the map")
        self.note_button.clicked.connect(self._note)
        row.addWidget(self.note_button)
        self.not_now_button = QPushButton(NOT_NOW)
        self.not_now_button.setObjectName("followupNotNow")
        self.not_now_button.setAccessibleName("Not now: dismiss the follow-up")
        self.not_now_button.clicked.connect(self.not_now)
        row.addWidget(self.not_now_button)
        self.hide()
        ctx.changed.connect(self._on_changed)

    def current(self) -> FollowUp | None:
        return self.pending[0] if self.pending else None

    def offer(self, followup: FollowUp) -> None:
        """Show a follow-up (after those already on show); writes nothing."""
        if all(f.key != followup.key for f in self.pending):
            self.pending.append(followup)
        self._show_first()

    def not_now(self) -> None:
        """Dismiss the follow-up shown (the next one, if any, takes its place)."""
        if self.pending:
            self.pending.pop(0)
        self._show_first()

    def withdraw(self, followup: FollowUp) -> None:
        """Take a follow-up off the bar (answered elsewhere: its tray message)."""
        self.pending = [f for f in self.pending if f.key != followup.key]
        self._show_first()

    def take(self, followup: FollowUp) -> None:
        """Act on a follow-up (its button, or its tray message clicked); it stays on show
        when the entry could not be written."""
        if self._act(followup):
            self.withdraw(followup)

    def _note(self) -> None:
        followup = self.current()
        if followup is not None:
            self.take(followup)

    def _show_first(self) -> None:
        followup = self.current()
        if followup is None:
            self.hide()
            return
        self.text.setText(followup.text)
        self.setAccessibleName("Follow-up reminder")
        self.setAccessibleDescription(followup.text)
        self.show()

    def _on_changed(self, change: Change, _source: object = None) -> None:
        """An entry made since a dose (here, or by the person on the map) answers it."""
        if self.pending and change & Change.MARKS:
            now = clock.now()
            self.pending = [f for f in self.pending if not entry_made_since(f, now)]
            self._show_first()


def note_legs_now(window: PagedWindow, followup: FollowUp) -> bool:
    """Bring the window forward on today's Today page, start the follow-up's entry and put
    the focus on the map; False when the entry could not be written (the window's banner
    says why)."""
    from fibrodesk.ui.today_page import TodayPage

    if isinstance(window, QWidget):
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()
    today = window.show_page("today")
    assert isinstance(today, TodayPage)
    today.set_day(clock.today())
    if not today.start_entry(followup.entry_label):
        return False
    today.body_map.focus_first_leg_region()
    _bring_into_view(today.body_map)
    return True


def _bring_into_view(body_map: BodyMap) -> None:
    """Scroll the page (a small screen, a large font: it scrolls) so the map is in sight,
    its leg region in focus above all: a keyboard user sees where Enter will mark."""
    area = body_map.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    inner = area.widget() if area is not None else None
    if area is None or inner is None:
        return
    whole = body_map.rect()
    centre = body_map.mapTo(inner, whole.center())
    area.ensureVisible(centre.x(), centre.y(), whole.width() // 2, whole.height() // 2)
    item = body_map.focus_item()
    if item:
        spot = body_map.item_rect(item)
        at = body_map.mapTo(inner, spot.center())
        area.ensureVisible(at.x(), at.y(), spot.width(), spot.height() * 2)


def install_followups(window: PagedWindow, ctx: AppContext) -> FollowUpBar:
    """The window's follow-up bar, under its message banner; its button (and a click on
    the tray message, through :meth:`FollowUpBar.take`) runs :func:`note_legs_now`."""
    bar = FollowUpBar(ctx, lambda f: note_legs_now(window, f))
    window.add_notice_bar(bar)
    return bar
