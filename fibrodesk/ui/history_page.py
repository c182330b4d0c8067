"""The History page. (Placeholder with its empty state; the full page is built in its issue.)"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from fibrodesk.ui.context import AppContext
from fibrodesk.ui.empty_state import EmptyState


class HistoryPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.empty_state = EmptyState(
            "Nothing to look back on yet",
            "After a few days of entries, your graphs and a body heat map will appear here.",
        )
        layout.addWidget(self.empty_state)
