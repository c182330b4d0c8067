"""The History page's range bar: the range buttons (7 days ... All, Custom), the two dates
of the range and a one-line summary of it.

Two rows, the buttons then the dates and the summary, so that a large font on a laptop
screen does not push the page off its right edge. The bar only shows and asks; the page
decides what a click means (:class:`fibrodesk.ui.history_page.HistoryPage`).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.ui.history_cache import RANGES


class RangeBar(QWidget):
    """Range buttons, From/To dates and the summary of the range shown.

    Attributes:
        buttons: range key (see :data:`~fibrodesk.ui.history_cache.RANGES`) -> its button.
        group: the buttons' exclusive group.
        from_edit, to_edit: the first and last day of the range.
        summary: ``41 of 90 days with entries; 3 flare days``.

    Signals:
        rangeClicked(str): a range button was clicked (its key).
        datesEdited(): the person finished editing either date.
    """

    rangeClicked = Signal(str)
    datesEdited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        dates = QHBoxLayout()
        rows.addLayout(bar)
        rows.addLayout(dates)
        caption = QLabel("Show:")
        bar.addWidget(caption)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QToolButton] = {}
        for key, text, _days in RANGES:
            button = QToolButton()
            button.setText(text)
            button.setCheckable(True)
            button.setObjectName(f"range_{key}")
            button.setAccessibleName(f"Show {text.lower()}")
            button.clicked.connect(lambda _=False, k=key: self.rangeClicked.emit(k))
            self.group.addButton(button)
            self.buttons[key] = button
            bar.addWidget(button)
        bar.addStretch(1)
        self.from_edit = QDateEdit()
        self.to_edit = QDateEdit()
        for edit, name, label in (
            (self.from_edit, "rangeFrom", "From"),
            (self.to_edit, "rangeTo", "To"),
        ):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(f"{label} date of the custom range")
            edit.editingFinished.connect(self.datesEdited.emit)
            text = QLabel(label.lower() if label == "To" else label)
            text.setBuddy(edit)
            dates.addWidget(text)
            dates.addWidget(edit)
        dates.addSpacing(12)
        self.summary = QLabel()
        self.summary.setObjectName("historySummary")
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.summary.setWordWrap(True)  # a large font wraps it instead of cutting it off
        dates.addWidget(self.summary, 1)

    def show_range(self, key: str, start: dt.date, end: dt.date) -> None:
        """Check ``key``'s button and put the dates in the edits (without signalling)."""
        self.buttons[key].setChecked(True)
        for edit, day in ((self.from_edit, start), (self.to_edit, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def dates(self) -> tuple[dt.date, dt.date]:
        """The two dates as typed (first may be after last)."""
        start = self.from_edit.date().toPython()
        end = self.to_edit.date().toPython()
        assert isinstance(start, dt.date) and isinstance(end, dt.date)
        return start, end

    def set_summary(self, text: str, first: dt.date, last: dt.date) -> None:
        self.summary.setText(text)
        self.summary.setToolTip(f"{first:%d %B %Y} to {last:%d %B %Y}")
