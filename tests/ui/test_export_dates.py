"""The export dialog writes dates as the rest of the app does (issue 13 point 7)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDateEdit

from fibrodesk.ui.dates import DAY_FORMAT
from fibrodesk.ui.transfer import ExportDialog


@pytest.mark.parametrize("field", ["exportFrom", "exportTo"])
def test_export_dates_look_like_the_rest_of_the_app(window, tmp_path, field) -> None:
    reports = window.show_page("reports")
    history = window.show_page("history")
    dialog = ExportDialog(window, tmp_path)
    edit = dialog.findChild(QDateEdit, field)
    assert edit is not None and edit.calendarPopup()
    others = {
        e.displayFormat() for page in (reports, history) for e in page.findChildren(QDateEdit)
    }
    assert others == {edit.displayFormat()} == {DAY_FORMAT}
    edit.setDate(edit.date().fromString("2026-03-07", "yyyy-MM-dd"))
    assert edit.text() == "7 Mar 2026"
    dialog.close()
