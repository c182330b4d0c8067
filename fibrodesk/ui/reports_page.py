"""The Reports page.

The clinician report (pdf) has its own issue and is not built yet. Until then the page
says so plainly and points to what works today: exporting the diary from the File menu.
"""

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
            "Reports for your doctor",
            "A printable clinician report is not in this version yet. To share your diary "
            "today, use File > Export… (Ctrl+E) to save it as a spreadsheet (csv), a full "
            "copy (json), or FHIR for health-record systems.",
        )
        layout.addWidget(self.empty_state)
