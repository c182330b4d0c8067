"""The Reports page driven as a person would: choose the period, type their details and
questions, look at the preview, save the PDF, print, save the accessible copy."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt

from fibrodesk.db.report_data import report_details
from fibrodesk.ui.reports_page import PrintDialog, ReportsPage, SaveDialog
from tests.report import known_diary as k


def _text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


@pytest.fixture
def page(window: Any, qtbot: Any) -> ReportsPage:
    k.build()
    window.show_page("reports")
    content = window.pages["reports"].ensure_built()
    assert isinstance(content, ReportsPage)
    return content


def _choose_custom_period(qtbot: Any, page: ReportsPage) -> None:
    page.period_combo.setFocus()
    while page.period_combo.currentData() != "custom":
        qtbot.keyClick(page.period_combo, Qt.Key.Key_Down)
    page.from_edit.setDate(QDate(2026, 3, 2))
    page.to_edit.setDate(QDate(2026, 3, 29))
    settled(qtbot, page)


def settled(qtbot: Any, page: ReportsPage) -> None:
    """Wait until the preview shows the period chosen (its figures are gathered on a
    worker thread)."""
    qtbot.waitUntil(lambda: not page._timer.isActive() and not page.gathering.running())


def test_period_details_questions_and_save_as_pdf(
    page: ReportsPage, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _choose_custom_period(qtbot, page)
    assert page.from_edit.isEnabled() and page.to_edit.isEnabled()
    assert page.comparison_label.text() == "2 February – 1 March 2026 (28 days before)"

    page.name_edit.clear()
    qtbot.keyClicks(page.name_edit, "Grace Hopper")
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)  # editing finished: kept in the diary
    assert report_details().name == "Grace Hopper"
    page.questions_edit.clear()
    qtbot.keyClicks(page.questions_edit, "Why do my calves burn at night?")
    settled(qtbot, page)
    assert report_details().questions == ("Why do my calves burn at night?",)

    # The preview shows every page of the report, the questions in it.
    assert page.summary is not None and page.summary.details.questions == (
        "Why do my calves burn at night?",
    )
    assert len(page.page_labels) == len(page.layout_pages.pages) > 1  # type: ignore[union-attr]
    assert not page.page_labels[0].pixmap().isNull()

    out = tmp_path / "visit"
    monkeypatch.setattr(SaveDialog, "ask", classmethod(lambda cls, *a: out))
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "visit.pdf"
    assert saved.is_file()
    text = _text(saved)
    assert "Name: Grace Hopper" in text
    assert "1. Why do my calves burn at night?" in text
    assert "2 March – 29 March 2026 (28 days)" in text
    assert (
        page.status.text()
        == f"Saved the report ({text.count('Page ') // 1 and len(PdfReader(saved).pages)} pages) to {saved}."
    )


def test_print_goes_through_the_system_dialog(
    page: ReportsPage, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    _choose_custom_period(qtbot, page)
    printed = tmp_path / "printed.pdf"
    asked: list[Any] = []

    def ask(cls: Any, parent: Any, printer: QPrinter) -> bool:
        asked.append(printer)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printer_file))
        return True

    printer_file = printed
    monkeypatch.setattr(PrintDialog, "ask", classmethod(ask))
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert "Clinician report" in _text(printed)
    assert page.status.text() == "The report was sent to the printer."

    monkeypatch.setattr(PrintDialog, "ask", classmethod(lambda cls, parent, printer: False))
    printed.unlink()
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert not printed.exists()  # cancelled: nothing printed


def test_accessible_copy_has_structure_and_plain_text(
    page: ReportsPage, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _choose_custom_period(qtbot, page)
    out = tmp_path / "report.html"
    monkeypatch.setattr(SaveDialog, "ask", classmethod(lambda cls, *a: out))
    qtbot.mouseClick(page.html_button, Qt.MouseButton.LeftButton)
    html = out.read_text("utf-8")
    assert '<html lang="en">' in html
    assert "<h1>Clinician report</h1>" in html and "<h2>Leg pain</h2>" in html
    assert '<th scope="col">Treatment</th>' in html
    assert 'alt="Leg maps, front and back' in html
    assert "Ada Lovelace &lt;b&gt;" in html and "<b>" not in html.split("<style>")[0]
    assert "Calf cramps woke me 3 times &lt;i&gt;" in html
    assert "<ol><li>Could the calf pain at night be restless legs?</li>" in html


def test_an_empty_diary_previews_a_short_report(window: Any, qtbot: Any) -> None:
    window.show_page("reports")
    content = window.pages["reports"].ensure_built()
    settled(qtbot, content)
    assert len(content.page_labels) == 1
    assert content.period().end == date.today() or content.period().end is not None


def _page_width(page: ReportsPage) -> float:
    pixmap = page.page_labels[0].pixmap()
    return pixmap.width() / pixmap.devicePixelRatio()


def test_the_preview_pages_fit_its_width(page: ReportsPage, qtbot: Any) -> None:
    """A narrow preview (a small screen, or a large system font widening the side column)
    shows whole pages, smaller, instead of pages cut on the right; with room they are
    shown at the usual scale. The pages are painted again once a resize settles."""
    window = page.window()
    window.resize(1600, 900)
    window.show()
    qtbot.waitExposed(window)
    settled(qtbot, page)
    qtbot.waitUntil(lambda: not page._fit_timer.isActive())
    assert page.preview_dpi() == 80.0
    wide = _page_width(page)

    window.resize(1000, 700)
    qtbot.waitUntil(lambda: page._fit_timer.isActive() or _page_width(page) < wide)
    qtbot.waitUntil(lambda: not page._fit_timer.isActive())
    viewport = page.preview_scroll.viewport()
    assert page.preview_dpi() < 80.0
    assert _page_width(page) < wide
    # Once the layout has placed the smaller pages: whole, no sideways scrolling.
    qtbot.waitUntil(lambda: page.page_labels[0].geometry().right() <= viewport.width())
    qtbot.waitUntil(lambda: not page.preview_scroll.horizontalScrollBar().isVisible())
    # The page count and what they show are unchanged: only the scale.
    assert len(page.page_labels) == len(page.layout_pages.pages)  # type: ignore[union-attr]
