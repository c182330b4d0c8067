"""The Planner page. (Placeholder with its empty state; the full page is built in its issue.)"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from fibrodesk.ui.context import AppContext
from fibrodesk.ui.empty_state import EmptyState


class PlannerPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.empty_state = EmptyState(
            "No exercise plan yet",
            "Choose a gentle exercise from the library and start with a small dose: the planner will grow it only as fast as your body allows.",
        )
        layout.addWidget(self.empty_state)
