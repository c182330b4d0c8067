"""The clinician report's figures are gathered on a worker thread, with progress after half
a second and Cancel (issue 16 point 6): on the Reports page as its preview, for its Save as
PDF, and for File > Export as pdf.

A slow diary is made by holding the report's first read (``report_data.checkins``) on an
event until the test lets it go, never by a clock: the progress shows at the half second
and the person clicks Cancel while the read is still held. Every test checks the diary is
unchanged: a report only reads.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from fibrodesk.db import models as m
from fibrodesk.db import report_data
from fibrodesk.report.period import Period
from fibrodesk.ui import transfer
from fibrodesk.ui.long_work import progress_dialog
from fibrodesk.ui.reports_page import ReportsPage, SaveDialog
from fibrodesk.ui.transfer import ExportRequest, Prompts
from tests.db.test_index_locks_leftovers import content
from tests.report import known_diary as k
from tests.report.test_reports_page import settled
from tests.ui.test_restore_progress import _restore_dialog, chosen  # noqa: F401 (fixture)
from tests.ui.test_transfer import told  # noqa: F401 (fixture)

MARCH = "2 March – 29 March 2026"


class HeldRead:
    """``report_data.checkins`` for periods starting on ``first`` waits until
    :meth:`release` (other periods read at once)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, first: date = k.PERIOD.start) -> None:
        self.entered = threading.Event()
        self.go = threading.Event()
        real = report_data.checkins

        def held(start: date, end: date) -> list[report_data.CheckInRow]:
            if start == first and not self.go.is_set():
                self.entered.set()
                self.go.wait(timeout=60)
            return real(start, end)

        monkeypatch.setattr(report_data, "checkins", held)

    def release(self) -> None:
        self.go.set()


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The known diary's period held at its first read; let go at the end in any case."""
    hold = HeldRead(monkeypatch)
    yield hold
    hold.release()


@pytest.fixture
def page(window: Any, qtbot: Any) -> Any:
    """The Reports page of the known diary, shown on screen, its first preview made."""
    _known_diary(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("reports")
    shown = window.pages["reports"].ensure_built()
    assert isinstance(shown, ReportsPage)
    settled(qtbot, shown)
    yield shown
    shown.gathering.cancel()
    shown.gathering.wait()


def _known_diary(window: Any) -> None:
    """The known diary, its planner's weekly reviews already brought up to date (the
    reminders do it a few seconds after the window opens): from here on only a report
    could change the diary, and none may."""
    from fibrodesk.core.clock import now
    from fibrodesk.db import planner

    k.build()
    window.ctx.perform(lambda: planner.run_due_reviews(now().date()))
    assert not planner.has_due_work(now().date())


def _diary() -> Path:
    return Path(m.db.database)


def _choose_march(qtbot: Any, page: ReportsPage) -> None:
    """As a person: Period > Custom, then the dates of the known diary's period."""
    page.period_combo.setFocus()
    while page.period_combo.currentData() != "custom":
        qtbot.keyClick(page.period_combo, Qt.Key.Key_Down)
    page.from_edit.setDate(QDate(2026, 3, 2))
    page.to_edit.setDate(QDate(2026, 3, 29))


def _all_threads_ended(qtbot: Any, page: ReportsPage) -> None:
    page.gathering.wait()
    qtbot.waitUntil(lambda: not page.gathering._alive)  # their last signals taken in


def _pixmap_keys(page: ReportsPage) -> list[int]:
    return [label.pixmap().cacheKey() for label in page.page_labels]


def _press_cancel_when_shown(qtbot: Any, parent: QWidget, name: str, held: HeldRead) -> None:
    """Once the read is held and the dialog ``name`` has appeared (at half a second), the
    person clicks its Cancel button (the read stays held: Cancel must not wait for it)."""

    def press() -> None:
        qtbot.waitUntil(held.entered.is_set)
        qtbot.waitUntil(
            lambda: (d := parent.findChild(QProgressDialog, name)) is not None and d.isVisible()
        )
        dialog = parent.findChild(QProgressDialog, name)
        (button,) = dialog.findChildren(QPushButton)
        assert button.text() == "Cancel"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, press)


def test_cancel_a_slow_preview_keeps_the_one_shown_then_update_makes_it(
    page: ReportsPage, qtbot: Any, held: HeldRead, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = content(_diary())
    shown = page.summary
    assert shown is not None and shown.period != k.PERIOD  # twelve weeks to today
    layout, keys = page.layout_pages, _pixmap_keys(page)

    _choose_march(qtbot, page)
    qtbot.waitUntil(held.entered.is_set)
    # Half a second on, the page shows how far it is and a Cancel button; it stays usable.
    qtbot.waitUntil(page.cancel_button.isVisible)
    assert page.progress.isVisible() and page.period_combo.isEnabled()
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)

    assert page.status.text() == (
        f"Preview cancelled – it still shows {shown.period.words()}; press Update preview "
        "to make it for the period chosen."
    )
    assert not page.progress.isVisible() and not page.cancel_button.isVisible()
    assert page.update_button.isVisible()
    assert page.layout_pages is layout and _pixmap_keys(page) == keys
    # The held read ends; what the cancelled gathering hands back is never shown.
    held.release()
    _all_threads_ended(qtbot, page)
    assert page.summary is shown and page.layout_pages is layout
    assert content(_diary()) == before

    qtbot.mouseClick(page.update_button, Qt.MouseButton.LeftButton)
    settled(qtbot, page)
    assert page.summary is not None and page.summary.period == k.PERIOD
    assert page.summary.flare_days == 3 and page.summary.flare_days_before == 1
    assert page.status.text() == "" and not page.update_button.isVisible()
    assert len(page.page_labels) == len(page.layout_pages.pages) > 1  # type: ignore[union-attr]
    assert page.page_labels[0].accessibleName() == f"Page 1 of {len(page.page_labels)}"
    assert content(_diary()) == before


def test_a_newer_choice_supersedes_a_slow_one(
    page: ReportsPage, qtbot: Any, held: HeldRead, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = content(_diary())
    _choose_march(qtbot, page)  # March: held
    qtbot.waitUntil(held.entered.is_set)
    slow = page.gathering.job
    # The person changes their mind: from 9 March, gathered at once.
    page.from_edit.setDate(QDate(2026, 3, 9))
    qtbot.waitUntil(lambda: page.gathering.job is not slow)
    settled(qtbot, page)
    assert page.summary is not None
    assert page.summary.period == Period(date(2026, 3, 9), date(2026, 3, 29))
    newer = page.layout_pages

    held.release()  # the older gathering ends now: its figures must not come back
    _all_threads_ended(qtbot, page)
    assert slow is not None and slow.done
    assert page.layout_pages is newer
    assert page.summary.period == Period(date(2026, 3, 9), date(2026, 3, 29))
    assert content(_diary()) == before


def test_a_diary_that_cannot_be_read_is_one_sentence(
    page: ReportsPage, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    layout = page.layout_pages

    def refused(start: date, end: date) -> list[Any]:
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorcode = 10  # type: ignore[attr-defined]  # SQLITE_IOERR
        raise error

    monkeypatch.setattr(report_data, "checkins", refused)
    _choose_march(qtbot, page)
    settled(qtbot, page)
    assert page.status.text() == (
        "The report could not be made because the diary could not be read just now; "
        "press Update preview to try again."
    )
    assert page.layout_pages is layout and page.update_button.isVisible()
    monkeypatch.undo()
    qtbot.mouseClick(page.update_button, Qt.MouseButton.LeftButton)
    settled(qtbot, page)
    assert page.summary is not None and page.summary.period == k.PERIOD
    assert page.status.text() == ""


def test_cancel_save_as_pdf_while_gathering_leaves_no_file_then_save(
    page: ReportsPage,
    qtbot: Any,
    tmp_path: Path,
    held: HeldRead,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = content(_diary())
    folder = tmp_path / "reports"
    folder.mkdir()
    out = folder / "visit.pdf"
    monkeypatch.setattr(SaveDialog, "ask", classmethod(lambda cls, *a: out))
    _choose_march(qtbot, page)
    qtbot.waitUntil(held.entered.is_set)  # the preview's gathering is held ...
    shown = page.layout_pages

    # ... and the person saves: the report of March is gathered under the PDF's dialog.
    _press_cancel_when_shown(qtbot, page, "reportPdfProgress", held)
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    assert not held.go.is_set()  # Cancel took effect at once, the read still held
    assert page.status.text() == f"The report was not saved; {out} is as it was."
    assert list(folder.iterdir()) == []  # neither the PDF nor an unfinished part
    assert page.layout_pages is shown and page.update_button.isVisible()
    held.release()
    _all_threads_ended(qtbot, page)
    assert list(folder.iterdir()) == []
    assert content(_diary()) == before

    # Without Cancel: the PDF of March, as many pages as its preview.
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    assert page.summary is not None and page.summary.period == k.PERIOD
    pages = len(PdfReader(out).pages)
    assert pages == len(page.layout_pages.pages) == len(page.page_labels) > 1  # type: ignore[union-attr]
    assert page.status.text() == f"Saved the report ({pages} pages) to {out}."
    assert [p.name for p in folder.iterdir()] == ["visit.pdf"]
    assert MARCH in " ".join(PdfReader(out).pages[0].extract_text().split())
    assert content(_diary()) == before


def test_cancel_file_export_as_pdf_while_gathering(
    window: Any,
    qtbot: Any,
    tmp_path: Path,
    told: dict[str, list[str]],  # noqa: F811
    held: HeldRead,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _known_diary(window)
    window.show()
    qtbot.waitExposed(window)
    before = content(_diary())
    out = tmp_path / "exports" / "report.pdf"
    out.parent.mkdir()
    out.write_bytes(b"last month's report")
    request = ExportRequest("pdf", out, k.PERIOD.start, k.PERIOD.end)
    monkeypatch.setattr(
        Prompts, "ask_export", classmethod(lambda cls, parent, folder=None: request)
    )

    _press_cancel_when_shown(qtbot, window, "exportProgress", held)
    assert transfer.export_dialog(window.ctx, window) is None
    assert not held.go.is_set()  # Cancel took effect at once, the read still held
    held.release()
    assert told["info"] == [
        f"The export was cancelled; nothing was written, and {out} is as it was."
    ]
    assert out.read_bytes() == b"last month's report"
    assert [p.name for p in out.parent.iterdir()] == ["report.pdf"]
    assert content(_diary()) == before

    # Without Cancel the same export writes the report of March.
    monkeypatch.setattr(
        Prompts,
        "export_progress",
        classmethod(lambda cls, parent: progress_dialog(parent, "e", "", "")),
    )
    message = transfer.export_dialog(window.ctx, window)
    pages = len(PdfReader(out).pages)
    assert message == f"Wrote the clinician report for {MARCH} ({pages} pages) to {out}."
    assert pages > 1
    assert content(_diary()) == before


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (None, None),  # the whole diary
        (k.PERIOD.start, None),  # from a day to today
        (None, k.PERIOD.end),  # the diary's first day to a day
        (k.PERIOD.start, k.PERIOD.end),
    ],
)
def test_file_export_reports_the_period_the_command_line_does(
    window: Any,
    qtbot: Any,
    tmp_path: Path,
    told: dict[str, list[str]],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    start: date | None,
    end: date | None,
) -> None:
    """File > Export as pdf gathers on a worker thread, so it chooses the period itself
    (report_worker.export_period): the same as ``fibrodesk export --format pdf``."""
    from fibrodesk.report.writer import export_report

    _known_diary(window)
    by_command = export_report(tmp_path / "command.pdf", start, end)
    out = tmp_path / "window.pdf"
    request = ExportRequest("pdf", out, start, end)
    monkeypatch.setattr(
        Prompts, "ask_export", classmethod(lambda cls, parent, folder=None: request)
    )
    monkeypatch.setattr(
        Prompts,
        "export_progress",
        classmethod(lambda cls, parent: progress_dialog(parent, "e", "", "")),
    )
    by_window = transfer.export_dialog(window.ctx, window)
    assert by_window == by_command.replace(str(tmp_path / "command.pdf"), str(out))


def test_the_report_dialogs_wait_half_a_second_and_can_be_cancelled(qapp: Any) -> None:
    for make in (ReportsPage.pdf_progress, ReportsPage.build_progress):
        dialog = make(None)
        assert dialog.minimumDuration() == 500
        assert dialog.findChild(QPushButton).text() == "Cancel"  # type: ignore[union-attr]
        dialog.deleteLater()


def test_every_long_work_dialog_counts_half_a_second_from_its_start(qapp: Any) -> None:
    """Work that reports rarely (the report's figures: a few steps) is shown at half a
    second too: the dialog's own countdown to showing itself (Qt's only timer in it) is
    of 500 ms from the start, whatever the first report, never Qt's default 4 s."""
    from fibrodesk.ui.backups_dialog import BackupsDialog

    makers = (
        ReportsPage.pdf_progress,
        ReportsPage.build_progress,
        Prompts.progress_dialog,
        Prompts.export_progress,
        BackupsDialog.progress_dialog,
    )
    for make in makers:
        dialog = make(None)
        dialog.setMaximum(1000)
        dialog.setValue(25)  # the report's first step: 5 % of its first half
        countdowns = [t.interval() for t in dialog.findChildren(QTimer) if t.isActive()]
        assert countdowns == [500], make
        dialog.deleteLater()


def test_a_restore_first_stops_the_report_reading_the_diary(
    window: Any,
    chosen: Any,  # noqa: F811
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A report's worker reading the diary is stopped, its connection closed, before a
    restore replaces the diary's file (else, closing later, it would remove the write-ahead
    log by its name: the new diary's)."""
    from fibrodesk.core.clock import now
    from fibrodesk.db import models as m
    from fibrodesk.db import recovery
    from fibrodesk.report.period import period_for

    dialog = chosen
    held = HeldRead(monkeypatch, period_for("12w", now().date()).start)
    seen: list[int] = []
    monkeypatch.setattr(
        type(dialog),
        "restore_progress",
        _restore_dialog(qtbot, seen, lambda v: True, lambda dlg: None),
    )
    reports = window.show_page("reports")
    qtbot.waitUntil(held.entered.is_set)  # the preview's worker is reading, held
    reader = reports.gathering.job
    assert reader is not None

    def let_go_once_cancelled() -> None:  # the read ends as soon as it is told to stop
        while not reader.cancelled:
            threading.Event().wait(0.01)
        held.release()

    threading.Thread(target=let_go_once_cancelled, daemon=True).start()
    reader_done_at_swap: list[bool] = []
    real_swap = recovery.put_in_place

    def swap(*args: Any, **kwargs: Any) -> Any:
        reader_done_at_swap.append(reader.done)
        return real_swap(*args, **kwargs)

    monkeypatch.setattr(recovery, "put_in_place", swap)
    try:
        with qtbot.waitSignal(window.ctx.changed):
            qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    finally:
        held.release()
    assert reader_done_at_swap == [True]
    assert m.Entry.select().count() == 1  # the backup is the diary now
    settled(qtbot, reports)
    assert reports.summary is not None and reports.summary.days_with_entries == 1
