"""Today's exercise sessions, shown on the Today page (filled in by the planner's issue)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from fibrodesk.ui.context import AppContext


class TodaySessions(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("todaySessions")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("No exercise planned for today."))
