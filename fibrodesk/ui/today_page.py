"""The Today page: the body map, the day's entries, the check-in and the week.

A click on the map records a mark at once (at the intensity last used, 5 at first) in
the current entry, creating the day's first entry when there is none; digits, + and -
change it, Delete removes it. Every change goes through ``ctx.perform`` and onto an undo
stack (Ctrl+Z, Ctrl+Shift+Z). The date picker fills in a missed day.

Layout: a date bar on top; the day's entries on the left; the map in the middle, as large
as the window allows; on the right, tabs for the selected spot, the check-in and the
week, each scrolling on its own so the map keeps its size.
"""

from __future__ import annotations

import html
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core import clock
from fibrodesk.core.clock import day_name
from fibrodesk.core.scoring import TENDER_POINTS_NEEDED, TENDER_POINTS_TOTAL, tender_point_count
from fibrodesk.db import marks as journal
from fibrodesk.db import tender
from fibrodesk.db.changes import Change
from fibrodesk.db.marks import EntryInfo, MarkInfo
from fibrodesk.db.tender import PointResult
from fibrodesk.ui.body_map import BodyMap
from fibrodesk.ui.context import AppContext
from fibrodesk.ui.mark_panel import MarkPanel
from fibrodesk.ui.reflow import GrowToContent, SplitterReflow, scrolling_down
from fibrodesk.ui.today_entries import EntriesColumn, keep_room_when_hidden
from fibrodesk.ui.today_marks import MarkEditor
from fibrodesk.ui.today_treatments import TodayTreatments
from fibrodesk.ui.today_triggers import TAB_TIP, TAB_TITLE, TriggersTab
from fibrodesk.ui.undo import (
    JournalCommand,
    TenderPointCommand,
)

if TYPE_CHECKING:
    from fibrodesk.ui.checkin_panel import CheckInPanel
    from fibrodesk.ui.weekly_panel import WeeklyPanel

EMPTY_TODAY = "Click where it hurts to start today's entry."
SHOW_TENDER_KEY = "today/show_tender_points"


def _holder() -> QWidget:
    """An empty tab page that a panel is put into when first shown."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    return holder


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class TodayPage(EntriesColumn, MarkEditor, QWidget):
    """One day of the diary.

    Attributes:
        ctx: the shared context.
        day: the day shown.
        entry_id: the current entry (the one a click on the map adds to), or None.
        last_intensity: the intensity a click on an unmarked region records.
        undo_stack: every change made on the map, undoable.
        body_map, mark_panel, checkin_panel, weekly_panel, sessions: the parts.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("todayContent")
        self.day = clock.today()
        self.entry_id: str | None = None
        self.entries: list[EntryInfo] = []
        self.marks: dict[str, MarkInfo] = {}
        self.last_intensity = journal.DEFAULT_INTENSITY  # what a click records; read with marks
        self._syncing = False
        self.undo_stack = QUndoStack(self)

        outer = QVBoxLayout(self)
        outer.addLayout(self._build_date_bar())

        self.hint = QLabel(EMPTY_TODAY)
        self.hint.setObjectName("todayHint")
        self.hint.setWordWrap(True)
        font = self.hint.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.hint.setFont(font)
        keep_room_when_hidden(self.hint)
        outer.addWidget(self.hint)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        # Scrolls by itself on a small screen, so the map stays in sight; never sideways.
        entries = self._build_entries_column()
        self.entries_area = scrolling_down(entries)
        self.splitter.addWidget(self.entries_area)
        self.map_column = self._build_map_column()
        self.splitter.addWidget(self.map_column)
        # The side column: the tabs, and under them the day's treatments (today_treatments).
        side = QSplitter(Qt.Orientation.Vertical)
        side.setChildrenCollapsible(False)
        side.addWidget(self._build_side_tabs())
        self.treatments = TodayTreatments(ctx, self.undo_stack)
        self.treatments_area = scrolling_down(self.treatments)
        side.addWidget(self.treatments_area)
        side.setSizes([400, 600])  # the Spot tab needs little; doses want the room
        self.side = side
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([250, 620, 410])
        outer.addWidget(self.splitter, 1)
        # Side by side when the window has room; else entries, map and tabs one above the
        # other, each with room enough, and the page scrolls down (issue 13 point 1).
        self.reflow = SplitterReflow(
            self.splitter, self, turned=self._columns_turned, wrapped_heights=False
        )

        self._build_actions()
        ctx.changed.connect(self._on_changed)
        self.set_day(self.day)
        self.setFocusProxy(self.body_map)

    # ------------------------------------------------------------------ building

    def _columns_turned(self, orientation: Qt.Orientation) -> None:
        """Stacked columns get heights of their own, the map first and as tall as on a
        laptop, then the tabs, then the entries; side by side, entries come first again."""
        stacked = orientation == Qt.Orientation.Vertical
        order = [self.map_column, self.side, self.entries_area]
        if not stacked:
            order = [self.entries_area, self.map_column, self.side]
        for index, part in enumerate(order):
            if self.splitter.indexOf(part) != index:
                self.splitter.insertWidget(index, part)
        for index, stretch in enumerate((1, 0, 0) if stacked else (0, 1, 0)):
            self.splitter.setStretchFactor(index, stretch)
        self.body_map.setMinimumHeight(440 if stacked else 260)
        self._grow_to_content()

    def _grow_to_content(self, _index: int = 0) -> None:
        """Stacked, the page is one long column with one scrollbar: the entries, the tab
        shown and the treatments box are each as tall as their content, with no scrollbar
        of their own (a wheel over them scrolls the page). Side by side, each scrolls by
        itself beside the map, which keeps its size."""
        stacked = self.splitter.orientation() == Qt.Orientation.Vertical
        areas = [(self.entries_area, stacked), (self.treatments_area, stacked)]
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            direct = Qt.FindChildOption.FindDirectChildrenOnly
            area = (
                page if isinstance(page, QScrollArea) else page.findChild(QScrollArea, "", direct)
            )
            if area is not None:  # a tab's panel is built when first shown
                areas.append((area, stacked and index == self.tabs.currentIndex()))
        for area, on in areas:
            growth = area.findChild(GrowToContent, "", Qt.FindChildOption.FindDirectChildrenOnly)
            if growth is None:
                growth = GrowToContent(area)
            growth.set_on(on)

    def _build_date_bar(self) -> QVBoxLayout:
        """The day's name with undo and redo; under it, the way to other days.

        Two short rows rather than one long one, so the page fits a small window.
        """
        rows = QVBoxLayout()
        title_row = QHBoxLayout()
        bar = QHBoxLayout()
        rows.addLayout(title_row)
        rows.addLayout(bar)
        self.day_title = QLabel()
        self.day_title.setObjectName("dayTitle")
        font = self.day_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.day_title.setFont(font)
        title_row.addWidget(self.day_title)
        title_row.addStretch(1)

        self.prev_button = QPushButton("◀ Previous &day")
        self.prev_button.setObjectName("previousDay")
        self.prev_button.setAccessibleName("Previous day")
        self.prev_button.clicked.connect(lambda: self.set_day(self.day - timedelta(days=1)))
        bar.addWidget(self.prev_button)

        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("dayPicker")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setAccessibleName("Day shown")
        self.date_edit.setToolTip("Pick a day to fill in or look at (Alt+Down opens the calendar)")
        self.date_edit.setMaximumDate(_qdate(clock.today()))
        self.date_edit.setKeyboardTracking(False)  # typed dates apply once complete
        self.date_edit.dateChanged.connect(self._picked)
        bar.addWidget(self.date_edit)

        self.next_button = QPushButton("Ne&xt day ▶")
        self.next_button.setObjectName("nextDay")
        self.next_button.setAccessibleName("Next day")
        self.next_button.clicked.connect(lambda: self.set_day(self.day + timedelta(days=1)))
        bar.addWidget(self.next_button)

        self.today_button = QPushButton("&Go to today")
        self.today_button.setObjectName("goToday")
        self.today_button.setAccessibleName("Go to today")
        self.today_button.clicked.connect(lambda: self.set_day(clock.today()))
        bar.addWidget(self.today_button)

        bar.addStretch(1)
        # Plain words that keep their width; what would be undone shows in the tooltip.
        self.undo_button = QPushButton("Undo")
        self.undo_button.setObjectName("undoButton")
        self.redo_button = QPushButton("Redo")
        self.redo_button.setObjectName("redoButton")
        for button in (self.undo_button, self.redo_button):
            button.setEnabled(False)
            title_row.addWidget(button)
        return rows

    def _build_map_column(self) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        self.entry_line = QLabel()
        self.entry_line.setObjectName("currentEntry")
        self.entry_line.setWordWrap(True)
        # Room for two lines from the start, so a longer line after the first click
        # wraps without pushing the map down.
        self.entry_line.setMinimumHeight(2 * self.entry_line.fontMetrics().lineSpacing())
        self.entry_line.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.entry_line)
        self.body_map = BodyMap()
        self.body_map.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Large by default (the splitter gives it most of the room), yet a small window
        # or a large system font still fits the page.
        self.body_map.setMinimumSize(240, 260)
        self.body_map.regionClicked.connect(self.region_clicked)
        self.body_map.intensityKeyPressed.connect(self.set_intensity)
        self.body_map.intensityStepped.connect(self.step_intensity)
        self.body_map.deletePressed.connect(self.remove_mark)
        self.body_map.selectionChanged.connect(self._selection_changed)
        self.body_map.tenderPointClicked.connect(self.toggle_tender_point)
        layout.addWidget(self.body_map, 1)

        tender_row = QVBoxLayout()  # the count under the box: it stays two lines
        self.tender_toggle = QCheckBox("Show tender points (&ACR 1990 exam)")
        self.tender_toggle.setObjectName("showTenderPoints")
        self.tender_toggle.setAccessibleName("Show tender points for the ACR 1990 exam")
        # Shown unless the person hides them: the contract's click on a tender point must
        # toggle it, not land on the region underneath.
        shown = str(self.ctx.settings.value(SHOW_TENDER_KEY, "true")).lower() == "true"
        self.tender_toggle.setChecked(shown)
        self.body_map.set_show_tender_points(shown)
        self.tender_toggle.toggled.connect(self._show_tender_points)
        tender_row.addWidget(self.tender_toggle, 0, Qt.AlignmentFlag.AlignLeft)  # its text wide
        self.tender_label = QLabel()
        self.tender_label.setObjectName("tenderCount")
        self.tender_label.setWordWrap(True)
        tender_row.addWidget(self.tender_label, 1)
        layout.addLayout(tender_row)
        return column

    def _build_side_tabs(self) -> QTabWidget:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("todayTabs")
        self.tabs.setDocumentMode(True)
        self.mark_panel = MarkPanel()
        self.mark_panel.intensityChosen.connect(lambda value: self._set_selected_intensity(value))
        self.mark_panel.qualitiesChosen.connect(self._qualities_chosen)
        self.mark_panel.noteCommitted.connect(self._note_committed)
        self.mark_panel.removeRequested.connect(
            lambda: self.remove_mark(self.body_map.selected() or "")
        )
        # The Check-in and Week tabs are built (and their modules imported) the first time
        # they are shown or asked for: start-up pays only for the map and the Spot tab.
        self._checkin_panel: CheckInPanel | None = None
        self._weekly_panel: WeeklyPanel | None = None
        self._checkin_holder = _holder()
        self._weekly_holder = _holder()
        self.tabs.addTab(scrolling_down(self.mark_panel), "&Spot")
        self.tabs.addTab(self._checkin_holder, "&Check-in")
        self.tabs.addTab(self._weekly_holder, "&Week")
        self.triggers = TriggersTab(self.ctx, self.undo_stack, self.set_day)  # built when shown
        self.tabs.setTabToolTip(self.tabs.addTab(self.triggers, TAB_TITLE), TAB_TIP)
        self.tabs.currentChanged.connect(self._build_tab)
        self.tabs.currentChanged.connect(self._grow_to_content)  # once the tab is built
        self.tabs.setTabToolTip(0, "The selected spot on the map: intensity, qualities, note")
        self.tabs.setTabToolTip(1, "The day's check-in: sleep, fatigue, mood, treatments")
        self.tabs.setTabToolTip(2, "The week's WPI, symptom scores and the optional FIQR")
        return self.tabs

    def _build_tab(self, index: int) -> None:
        if index == 1:
            self.checkin_panel  # noqa: B018 (builds it)
        elif index == 2:
            self.weekly_panel  # noqa: B018

    @property
    def checkin_panel(self) -> CheckInPanel:
        """The day's check-in (built on first use)."""
        if self._checkin_panel is None:
            from fibrodesk.ui.checkin_panel import CheckInPanel

            self._checkin_panel = CheckInPanel(self.ctx)
            self._checkin_panel.set_day(self.day)
            self._checkin_holder.layout().addWidget(scrolling_down(self._checkin_panel))
        return self._checkin_panel

    @property
    def weekly_panel(self) -> WeeklyPanel:
        """The week's scores (built on first use)."""
        if self._weekly_panel is None:
            from fibrodesk.ui.weekly_panel import WeeklyPanel

            self._weekly_panel = WeeklyPanel(self.ctx)
            self._weekly_panel.set_day(self.day)
            self._weekly_holder.layout().addWidget(scrolling_down(self._weekly_panel))
        return self._weekly_panel

    def _build_actions(self) -> None:
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        redo_keys = [QKeySequence("Ctrl+Shift+Z")]
        for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo):
            if key not in redo_keys:
                redo_keys.append(key)
        self.redo_action.setShortcuts(redo_keys)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.undo_action.setObjectName("undoAction")
        self.redo_action.setObjectName("redoAction")
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_stack.undoTextChanged.connect(
            lambda text: self._describe(self.undo_button, "Undo", text, "Ctrl+Z")
        )
        self.undo_stack.redoTextChanged.connect(
            lambda text: self._describe(self.redo_button, "Redo", text, "Ctrl+Shift+Z")
        )
        self._describe(self.undo_button, "Undo", "", "Ctrl+Z")
        self._describe(self.redo_button, "Redo", "", "Ctrl+Shift+Z")

    @staticmethod
    def _describe(button: QPushButton, verb: str, what: str, keys: str) -> None:
        text = f"{verb}: {what} ({keys})" if what else f"Nothing to {verb.lower()} ({keys})"
        button.setToolTip(text)
        button.setAccessibleName(verb)
        button.setAccessibleDescription(text)

    def edit_actions(self) -> list[QAction]:
        """Undo and redo, for the window's Edit menu."""
        return [self.undo_action, self.redo_action]

    # ------------------------------------------------------------------ the day

    def set_day(self, day: date, entry_id: str | None = None) -> None:
        """Show ``day`` (never a day after today), with ``entry_id`` current if given."""
        today = clock.today()
        self.date_edit.setMaximumDate(_qdate(today))
        day = min(day, today)
        self.mark_panel.commit_note()
        changed = day != self.day
        self.day = day
        if _pydate(self.date_edit.date()) != day:
            self._syncing = True
            try:
                self.date_edit.setDate(_qdate(day))
            finally:
                self._syncing = False
        self.next_button.setEnabled(day < today)
        self.today_button.setEnabled(day != today)
        self.day_title.setText("Today" if day == today else day_name(day, year=True))
        self.day_title.setToolTip(day_name(day, year=True))
        if entry_id is not None:
            self.entry_id = entry_id
        self._load_entries(keep_current=not changed or entry_id is not None)
        self._load_tender()
        for panel in (self._checkin_panel, self._weekly_panel):
            if panel is not None:
                panel.set_day(day)
        if getattr(self, "treatments", None) is not None:
            self.treatments.set_day(day)
        if getattr(self, "sessions", None) is not None:
            self.sessions.set_day(day)  # "Exercise today" follows the day on screen
        self.triggers.set_day(day)

    def _picked(self, value: QDate) -> None:
        if not self._syncing:
            self.set_day(_pydate(value))

    def _load_marks(self) -> None:
        self.marks = journal.marks_of_entry(self.entry_id) if self.entry_id else {}
        # Read with the marks: only a change to marks (or an import) can change it.
        self.last_intensity = journal.last_intensity()
        self.body_map.set_marks({r: m.intensity for r, m in self.marks.items()})
        entry = self.current_entry()
        today = self.day == clock.today()
        if entry is None:
            self.hint.setText(
                EMPTY_TODAY
                if today
                else f"Click where it hurt to start the entry for {day_name(self.day, year=True)}."
            )
            self.hint.show()
            self.entry_line.setText("No entry yet: your first click starts one.")
        else:
            self.hint.hide()
            label = html.escape(entry.label or "Entry")  # the person's words, shown as text
            self.entry_line.setText(
                f"Adding to: <b>{label}, {entry.time:%H:%M}</b>. "
                "For another sitting, press New entry."
            )
        self.entry_box.setVisible(entry is not None)  # nothing to edit before a first entry
        if entry is not None:
            self._syncing = True
            try:
                self.time_edit.setTime(QTime(entry.time.hour, entry.time.minute))
                if self.label_edit.currentText() != entry.label:
                    self.label_edit.setCurrentText(entry.label)
            finally:
                self._syncing = False
        self._show_selected()

    def _load_tender(self) -> None:
        painful = tender.painful_points(self.day)
        self.body_map.set_tender_points(painful)
        count = tender_point_count(painful)
        self.tender_label.setText(
            f"Tender points: {count} / {TENDER_POINTS_TOTAL}. For information: "
            f"{TENDER_POINTS_NEEDED} or more of {TENDER_POINTS_TOTAL} was the ACR 1990 threshold."
        )
        self.tender_label.setAccessibleName(f"Tender points: {count} of {TENDER_POINTS_TOTAL}")

    # ------------------------------------------------------------------ tender points

    def _show_tender_points(self, shown: bool) -> None:
        self.body_map.set_show_tender_points(shown)
        self.ctx.settings.setValue(SHOW_TENDER_KEY, "true" if shown else "false")

    def toggle_tender_point(self, point: str) -> None:
        before = tender.exam_points(self.day).get(point)
        painful = not (before is not None and before.painful)
        after = PointResult(painful, before.pain if before is not None and painful else None)
        self.mark_panel.commit_note()
        self.undo_stack.push(
            TenderPointCommand(
                self.ctx, self.day, point, before, after, self._after_tender, source=self
            )
        )
        # The side panel follows the click: which tender point, ticked or not.
        self.body_map.set_selected(None)
        self.tabs.setCurrentIndex(0)
        self.mark_panel.show_tender_point(point, point in self.body_map.tender_points())

    def _after_tender(self, command: JournalCommand, undoing: bool, change: Change) -> None:
        assert isinstance(command, TenderPointCommand)
        if command.day != self.day:
            self.set_day(command.day)  # shows the day, its tender points included
        else:
            self.refresh(change)

    # ------------------------------------------------------------------ leaving

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        """Leaving the page (another page, closing the window) saves what is typed."""
        self.mark_panel.commit_note()
        if self._checkin_panel is not None:
            self._checkin_panel.save()
        super().hideEvent(event)

    # ------------------------------------------------------------------ refresh

    def _on_changed(self, change: Change, source: object = None) -> None:
        """Another page's change (an import, a restore): refresh what it touched.

        The page's own changes are shown by the step that made them (``refresh``), once.
        """
        if change.everything:
            self.undo_stack.clear()  # an import or restore replaced what undo refers to
        if source is not self:
            self.refresh(change)

    def refresh(self, change: Change) -> None:
        """Reload, once, the parts of the day that ``change`` touched."""
        if change & Change.MARKS:
            self._load_entries()
        if change & Change.TENDER:
            self._load_tender()
