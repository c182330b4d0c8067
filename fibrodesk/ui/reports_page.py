"""The Reports page.

The clinician report (pdf) has its own issue and is not built yet. Until then the page
says so plainly and offers what works today: exporting the diary.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from fibrodesk.ui.context import AppContext
from fibrodesk.ui.empty_state import EmptyState


class ReportsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("reportsContent")
        layout = QVBoxLayout(self)
        self.empty_state = EmptyState(
            "Reports for your doctor",
            "A printable clinician report is not in this version yet. To share your diary "
            "today, save it as a spreadsheet (csv), a full copy (json), or FHIR for "
            "health-record systems.",
        )
        self.export_button = QPushButton("E&xport my diary…")
        self.export_button.setObjectName("reportsExport")
        self.export_button.setToolTip("The same as File > Export… (Ctrl+E)")
        self.export_button.clicked.connect(self._export)
        self.empty_state.layout().insertWidget(
            3, self.export_button, 0, Qt.AlignmentFlag.AlignHCenter
        )
        layout.addWidget(self.empty_state)
        self.setFocusProxy(self.export_button)

    def _export(self) -> None:
        from fibrodesk.ui.transfer import export_dialog

        export_dialog(self.ctx, self)
