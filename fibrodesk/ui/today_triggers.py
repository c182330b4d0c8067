"""The Today page's "Triggers" tab: the day's tags, its weather and the cycle.

A tab of its own beside Spot, Check-in and Week, built (with its imports) the first time
it is shown, as the other tabs are: start-up pays nothing for it. It follows the day the
page shows (:meth:`TriggersTab.set_day`); tags and period starts go onto the page's undo
stack. The cycle box is there only while cycle tracking is switched on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QVBoxLayout, QWidget

from fibrodesk.core import clock
from fibrodesk.db.changes import Change
from fibrodesk.ui.context import AppContext

if TYPE_CHECKING:
    from fibrodesk.ui.today_cycle import CycleBox
    from fibrodesk.ui.today_tags import TagsBox
    from fibrodesk.ui.today_weather import WeatherBox

TAB_TITLE = "Triggers"
"""No Alt key: every letter of the word is taken on the page; the tab bar is a Tab stop."""
TAB_TIP = "Tags for what might set your legs off, the day's weather, and the cycle if tracked"


class TriggersTab(QScrollArea):
    """The tab: a scrolling column of the tags, weather and (when on) cycle boxes.

    Attributes:
        day: the day shown.
        tags, weather, cycle: the boxes, ``None`` until the tab is first shown (``cycle``
            also while cycle tracking is off).
    """

    def __init__(
        self,
        ctx: AppContext,
        undo_stack: QUndoStack | None = None,
        show_day: Callable[[date], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("todayTriggers")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._undo = undo_stack
        self._show_day = show_day
        self.day = clock.today()
        self.tags: TagsBox | None = None
        self.weather: WeatherBox | None = None
        self.cycle: CycleBox | None = None
        self._column: QVBoxLayout | None = None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        if self._column is None:
            self.ensure_built()
            # Lay the new boxes out now, before the first paint: wrapped rows (the chips,
            # the sentences) would otherwise be cut for a moment.
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        super().showEvent(event)

    def ensure_built(self) -> None:
        """Build the boxes (first show, or a test asking for them)."""
        if self._column is not None:
            return
        from fibrodesk.ui.today_tags import TagsBox
        from fibrodesk.ui.today_weather import WeatherBox

        inner = QWidget()
        self._column = QVBoxLayout(inner)
        self.tags = TagsBox(self.ctx, self._undo, self._show_day)
        self.weather = WeatherBox(self.ctx)
        self._column.addWidget(self.tags)
        self._column.addWidget(self.weather)
        self._column.addStretch(1)
        self.setWidget(inner)
        self.ctx.changed.connect(self._on_changed)
        self.set_day(self.day)

    def set_day(self, day: date) -> None:
        """Show ``day`` (the day on the Today page)."""
        self.day = day
        if self._column is None:
            return
        self._place_cycle()
        for box in (self.tags, self.weather, self.cycle):
            if box is not None:
                box.set_day(day)

    def _place_cycle(self) -> None:
        """The cycle box while tracking is on; none at all while it is off."""
        from fibrodesk.ui.today_cycle import CycleBox, cycle_enabled

        assert self._column is not None
        if cycle_enabled() and self.cycle is None:
            self.cycle = CycleBox(self.ctx, self._undo, self._show_day)
            self._column.insertWidget(1, self.cycle)
            self.cycle.show()
            self.cycle.set_day(self.day)
        elif not cycle_enabled() and self.cycle is not None:
            self._column.removeWidget(self.cycle)
            self.cycle.hide()
            self.cycle.deleteLater()
            self.cycle = None

    def _on_changed(self, change: Change, source: object = None) -> None:
        if change.touches(Change.SETTINGS):
            self._place_cycle()
