"""The Today page. (Placeholder with its empty state; the full page is built in its issue.)"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from fibrodesk.ui.context import AppContext
from fibrodesk.ui.empty_state import EmptyState


class TodayPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.empty_state = EmptyState(
            "Your day starts here",
            "Click where it hurts on the body map to record your first entry. Then fill in today's check-in.",
        )
        layout.addWidget(self.empty_state)
