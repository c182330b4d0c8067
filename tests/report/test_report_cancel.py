"""The clinician report saved as a PDF from the window (Reports > Save as PDF, File >
Export as pdf) shows progress after half a second and is cancelled with its dialog's
Cancel button: no file is left (an earlier one stays as it was) and the page goes on
working (issue 16 point 6).

Painting stays on the window's thread, a page at a time, the modal progress dialog taking
in Cancel between pages. As in tests/ui/test_long_work.py, the dialog shows at its first
report and the person presses Cancel then, so no test waits for a clock.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from fibrodesk.ui import transfer
from fibrodesk.ui.long_work import progress_dialog
from fibrodesk.ui.reports_page import ReportsPage, SaveDialog
from fibrodesk.ui.transfer import ExportRequest, Prompts
from tests.report import known_diary as k
from tests.report.test_reports_page import _choose_custom_period
from tests.ui.test_long_work import _cancelled_by_the_person
from tests.ui.test_transfer import told  # noqa: F401 (fixture)


@pytest.fixture
def page(window: Any) -> ReportsPage:
    k.build()
    window.show_page("reports")
    content = window.pages["reports"].ensure_built()
    assert isinstance(content, ReportsPage)
    return content


def _plain_dialog(cls: type, parent: Any) -> Any:
    return progress_dialog(parent, "plain", "", "")


def test_cancel_saving_the_report_leaves_no_file_and_the_page_usable(
    page: ReportsPage, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _choose_custom_period(qtbot, page)  # four weeks of the known diary: several pages
    folder = tmp_path / "reports"
    folder.mkdir()
    out = folder / "visit.pdf"
    monkeypatch.setattr(SaveDialog, "ask", classmethod(lambda cls, *a: out))
    pressed: list[str] = []
    monkeypatch.setattr(
        ReportsPage, "pdf_progress", _cancelled_by_the_person(qtbot, "reportPdfProgress", pressed)
    )
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    assert pressed == ["reportPdfProgress"]
    assert page.status.text() == f"The report was not saved; {out} is as it was."
    assert list(folder.iterdir()) == []  # neither the PDF nor an unfinished part

    # An earlier file stays as it was.
    out.write_bytes(b"last visit's report")
    pressed.clear()
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    assert pressed == ["reportPdfProgress"]
    assert out.read_bytes() == b"last visit's report"
    assert [p.name for p in folder.iterdir()] == ["visit.pdf"]

    # The page goes on: its preview is there and saving without Cancel writes the report.
    assert not page.page_labels[0].pixmap().isNull()
    monkeypatch.setattr(ReportsPage, "pdf_progress", classmethod(_plain_dialog))
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    pages = len(PdfReader(out).pages)
    assert pages == len(page.layout_pages.pages) > 1  # type: ignore[union-attr]
    assert page.status.text() == f"Saved the report ({pages} pages) to {out}."


def test_cancel_the_pdf_export_and_no_file_is_left(
    window: Any,
    qtbot: Any,
    tmp_path: Path,
    told: dict[str, list[str]],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    k.build()
    out = tmp_path / "exports" / "report.pdf"
    out.parent.mkdir()
    out.write_bytes(b"last month's report")
    pressed: list[str] = []
    monkeypatch.setattr(
        Prompts, "export_progress", _cancelled_by_the_person(qtbot, "exportProgress", pressed)
    )
    request = ExportRequest("pdf", out)
    monkeypatch.setattr(
        Prompts, "ask_export", classmethod(lambda cls, parent, folder=None: request)
    )
    assert transfer.export_dialog(window.ctx, window) is None
    assert pressed == ["exportProgress"]
    assert told["info"] == [
        f"The export was cancelled; nothing was written, and {out} is as it was."
    ]
    assert out.read_bytes() == b"last month's report"
    assert [p.name for p in out.parent.iterdir()] == ["report.pdf"]
    # Without Cancel the same export writes the report.
    monkeypatch.setattr(Prompts, "export_progress", classmethod(_plain_dialog))
    message = transfer.export_dialog(window.ctx, window)
    assert message is not None and message.startswith("Wrote the clinician report")
    assert out.read_bytes().startswith(b"%PDF")
