"""Scheduled sessions in a week or a month, each a button that says its status in words.

Status is written, never only coloured: a mark (check, half circle, cross, ring, question
mark) *and* a word. Every session is a focusable button, so the whole calendar is
reachable with Tab; Page Up / Page Down move by a week or a month, Home comes back to
today. The view reads sessions through a loader function (``planner.sessions_between``)
and never writes.

Signals:
    sessionSelected(str): a session was chosen (clicked, or Space/Enter on it).
    sessionActivated(str): a session was double-clicked: log it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QShortcut,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core.clock import MONTH_NAMES, WEEKDAY_NAMES, day_name, now
from fibrodesk.core.plan_text import ACTION_NOTES, SHORT_DAYS
from fibrodesk.db.planner import SessionView

Loader = Callable[[date, date], list[SessionView]]


STRIPE = 5
"""Width in pixels of a session chip's status stripe."""

STATUS_COLORS: dict[str, str] = {
    "planned": "#0072B2",  # blue
    "done": "#009E73",  # bluish green
    "partly done": "#E69F00",  # orange
    "skipped": "#D55E00",  # vermillion
    "not logged": "#CC79A7",  # reddish purple
}
"""A session's status as a colour, besides its mark and its word: the Okabe-Ito colours
(Okabe and Ito 2008), told apart with every common colour vision deficiency, and bright
enough to show on the light and the dark theme alike."""


def status_mark(s: SessionView, today: date) -> tuple[str, str]:
    """(mark, word) for a session's status; a past session never logged says so."""
    if s.status == "done":
        return "\N{CHECK MARK}", "done"
    if s.status == "partly":
        return "\N{CIRCLE WITH LEFT HALF BLACK}", "partly done"
    if s.status == "skipped":
        return "\N{BALLOT X}", "skipped"
    if s.date < today:
        return "?", "not logged"
    return "\N{WHITE CIRCLE}", "planned"


def short_dose(s: SessionView) -> str:
    dose = (
        s.actual_dose
        if s.status in ("done", "partly") and s.actual_dose is not None
        else s.planned_dose
    )
    return f"{dose} min" if s.unit == "minutes" else f"{dose} reps"


def session_words(s: SessionView, today: date) -> str:
    """The whole session in one sentence, for screen readers and tool tips."""
    _mark, word = status_mark(s, today)
    text = f"{s.exercise_name}, {day_name(s.date)} at {s.time_text}, {s.dose_text()}, {word}"
    if s.status in ("done", "partly") and s.actual_dose is not None:
        text += f" ({s.dose_text(s.actual_dose)} done)"
    return text + "."


class SessionButton(QPushButton):
    """One session in a day cell; its text wraps to the cell's width.

    Signals:
        doubleClicked(): the person double-clicked it.
    """

    doubleClicked = Signal()

    def __init__(self, session: SessionView, today: date, compact: bool) -> None:
        super().__init__()
        self.session = session
        mark, word = status_mark(session, today)
        name = session.exercise_name
        if compact:
            text = f"{mark} {name}\n{short_dose(session)} \N{MIDDLE DOT} {word}"
        else:
            text = f"{mark} {session.time_text} {name}\n{short_dose(session)} \N{MIDDLE DOT} {word}"
            if session.status == "planned" and session.pacing_action in ACTION_NOTES:
                text += f"\n{ACTION_NOTES[session.pacing_action]}"
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.setForegroundRole(QPalette.ColorRole.ButtonText)
        box = QVBoxLayout(self)
        box.setContentsMargins(6 + STRIPE, 4, 6, 4)
        box.addWidget(self.label)
        self.setCheckable(True)
        self.setObjectName(f"session_{session.id}")
        self.setProperty("status", session.status)
        self.status_color = QColor(STATUS_COLORS[word])
        words = session_words(session, today)
        self.setAccessibleName(words)
        self.setToolTip(words + (f"\n{session.pacing_reason}" if session.pacing_reason else ""))
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text_shown(self) -> str:
        return self.label.text()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.layout().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        width = self.fontMetrics().horizontalAdvance("\N{CHECK MARK} Walk") + 12
        return QSize(width, self.heightForWidth(width))

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return self.layout().totalHeightForWidth(width)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self.doubleClicked.emit()
        super().mouseDoubleClickEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        # The status's colour as a stripe down the left edge (the mark and word say it too).
        painter = QPainter(self)
        painter.fillRect(2, 2, STRIPE, self.height() - 4, self.status_color)
        painter.end()


class DayCell(QFrame):
    """One day: its date, then its sessions."""

    def __init__(self, day: date, today: date, in_month: bool, week_mode: bool) -> None:
        super().__init__()
        self.day = day
        self.setObjectName("todayCell" if day == today else "dayCell")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(day_name(day) + (", today" if day == today else ""))
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.setSpacing(3)
        if week_mode:
            text = f"{SHORT_DAYS[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1][:3]}"
        else:
            text = str(day.day)
        if day == today:
            text += " \N{MIDDLE DOT} today"
        self.label = QLabel(text)
        font = self.label.font()
        font.setBold(day == today)
        self.label.setFont(font)
        if not in_month:
            self.label.setEnabled(False)  # the palette's disabled text: dimmed, still readable
        box.addWidget(self.label)
        self.sessions_box = QVBoxLayout()
        self.sessions_box.setSpacing(3)
        box.addLayout(self.sessions_box)
        box.addStretch(1)
        self.is_today = day == today

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        if self.is_today:
            # Today's frame in the palette's highlight colour, so it follows the theme.
            painter = QPainter(self)
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight))
            pen.setWidth(3)
            painter.setPen(pen)
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
            painter.end()


class CalendarView(QWidget):
    """Week and month views of the scheduled sessions.

    Attributes:
        mode: ``"week"`` or ``"month"``.
        anchor: a day inside the period shown.
        buttons: session id -> its button, for the period shown.
    """

    sessionSelected = Signal(str)
    sessionActivated = Signal(str)

    def __init__(
        self,
        loader: Loader,
        parent: QWidget | None = None,
        today: Callable[[], date] = lambda: now().date(),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("calendarView")
        self._loader = loader
        self._today = today
        self.mode = "week"
        self.anchor = today()
        self.selected: str | None = None
        self.buttons: dict[str, SessionButton] = {}
        self.cells: dict[date, DayCell] = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.prev_button = QPushButton("\N{BLACK LEFT-POINTING SMALL TRIANGLE} Previous")
        self.prev_button.setObjectName("calendarPrevious")
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.today_button = QPushButton("Th&is week")
        self.today_button.setObjectName("calendarToday")
        self.today_button.clicked.connect(self.go_today)
        self.next_button = QPushButton("Next \N{BLACK RIGHT-POINTING SMALL TRIANGLE}")
        self.next_button.setObjectName("calendarNext")
        self.next_button.clicked.connect(lambda: self.step(1))
        self.title = QLabel()
        self.title.setObjectName("calendarTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setMinimumWidth(self.title.fontMetrics().horizontalAdvance("November 2026"))
        self.week_button = QPushButton("&Week")
        self.week_button.setObjectName("weekMode")
        self.month_button = QPushButton("&Month")
        self.month_button.setObjectName("monthMode")
        modes = QButtonGroup(self)
        for button, mode in ((self.week_button, "week"), (self.month_button, "month")):
            button.setCheckable(True)
            modes.addButton(button)
            button.clicked.connect(lambda _=False, m=mode: self.set_mode(m))
        self.week_button.setChecked(True)
        for widget in (self.prev_button, self.today_button, self.next_button):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(self.title, 1)
        bar.addWidget(self.week_button)
        bar.addWidget(self.month_button)
        layout.addLayout(bar)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.scroll, 1)
        self.empty_note = QLabel()
        self.empty_note.setObjectName("calendarEmpty")
        self.empty_note.setWordWrap(True)
        layout.addWidget(self.empty_note)

        QShortcut(
            QKeySequence(Qt.Key.Key_PageUp),
            self,
            lambda: self.step(-1),
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        QShortcut(
            QKeySequence(Qt.Key.Key_PageDown),
            self,
            lambda: self.step(1),
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.refresh()

    # -- period -------------------------------------------------------------------------
    def period(self) -> tuple[date, date]:
        """First and last day shown (whole weeks, Monday to Sunday)."""
        if self.mode == "week":
            first = self.anchor - timedelta(days=self.anchor.weekday())
            return first, first + timedelta(days=6)
        first_of_month = self.anchor.replace(day=1)
        first = first_of_month - timedelta(days=first_of_month.weekday())
        next_month = (first_of_month + timedelta(days=32)).replace(day=1)
        last_of_month = next_month - timedelta(days=1)
        last = last_of_month + timedelta(days=6 - last_of_month.weekday())
        return first, last

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.week_button.setChecked(mode == "week")
        self.month_button.setChecked(mode == "month")
        self.today_button.setText("Th&is week" if mode == "week" else "Th&is month")
        self.refresh()

    def step(self, direction: int) -> None:
        if self.mode == "week":
            self.anchor += timedelta(days=7 * direction)
        else:
            month = self.anchor.month - 1 + direction
            self.anchor = date(self.anchor.year + month // 12, month % 12 + 1, 1)
        self.refresh()

    def go_today(self) -> None:
        self.anchor = self._today()
        self.refresh()

    def show_day(self, day: date) -> None:
        self.anchor = day
        self.refresh()

    # -- building -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the sessions of the period and rebuild the grid."""
        today = self._today()
        first, last = self.period()
        sessions = self._loader(first, last)
        if self.mode == "week":
            self.title.setText(f"Week of {day_name(first)} {first.year}")
        else:
            self.title.setText(f"{MONTH_NAMES[self.anchor.month - 1]} {self.anchor.year}")
        self.title.setAccessibleName(self.title.text())

        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setSpacing(4)
        grid.setContentsMargins(0, 0, 0, 0)
        week_mode = self.mode == "week"
        if not week_mode:
            for column, name in enumerate(SHORT_DAYS):
                header = QLabel(name)
                header.setAlignment(Qt.AlignmentFlag.AlignCenter)
                header.setAccessibleName(WEEKDAY_NAMES[column])
                grid.addWidget(header, 0, column)
        self.cells = {}
        self.buttons = {}
        group = QButtonGroup(grid_host)
        group.setExclusive(True)
        day = first
        index = 0
        while day <= last:
            cell = DayCell(day, today, week_mode or day.month == self.anchor.month, week_mode)
            row = 0 if week_mode else 1 + index // 7
            grid.addWidget(cell, row, index % 7)
            self.cells[day] = cell
            day += timedelta(days=1)
            index += 1
        for column in range(7):
            grid.setColumnStretch(column, 1)
        for s in sessions:
            cell = self.cells.get(s.date)
            if cell is None:
                continue
            button = SessionButton(s, today, compact=not week_mode)
            button.clicked.connect(lambda _=False, sid=s.id: self.select(sid))
            button.doubleClicked.connect(lambda sid=s.id: self.sessionActivated.emit(sid))
            group.addButton(button)
            cell.sessions_box.addWidget(button)
            self.buttons[s.id] = button
        if week_mode:
            grid.setRowStretch(0, 1)
        self._group = group
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(grid_host)
        # Never narrower than its days (the grid scrolls down, not sideways): the Planner
        # stacks its columns when the calendar does not fit beside the plans.
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        self.scroll.setMinimumWidth(grid_host.minimumSizeHint().width() + bar)
        if self.selected in self.buttons:
            self.buttons[self.selected].setChecked(True)
        self.empty_note.setText(
            "" if sessions else "No sessions in this period. Use Previous and Next to look around."
        )
        self.empty_note.setVisible(not sessions)

    def select(self, session_id: str) -> None:
        """Choose a session (showing its period if needed) and announce it."""
        self.selected = session_id
        button = self.buttons.get(session_id)
        if button is not None:
            button.setChecked(True)
        self.sessionSelected.emit(session_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Home:
            self.go_today()
            return
        super().keyPressEvent(event)
