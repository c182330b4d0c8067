"""The Reports page. (Placeholder with its empty state; the full page is built in its issue.)"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from fibrodesk.ui.context import AppContext
from fibrodesk.ui.empty_state import EmptyState


class ReportsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.empty_state = EmptyState(
            "No report yet",
            "Once your diary holds a few weeks, you can make a report for your doctor here.",
        )
        layout.addWidget(self.empty_state)
