"""What the Reports page does with its report: save it as a PDF, print it, save an
accessible HTML copy (a mixin of :class:`fibrodesk.ui.reports_page.ReportsPage`).

Each uses the preview's report when it is of the period chosen and the diary as it is;
otherwise the figures are gathered first on a worker thread under the action's own
progress dialog (shown after half a second, with Cancel). The PDF is painted on the
window's thread a page at a time under that same dialog. A cancel or a refusal is told
as one sentence on the page; the diary is only read, and no file is left half-written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from fibrodesk.core.clock import now
from fibrodesk.errors import UserError
from fibrodesk.progress import Progress, share
from fibrodesk.ui.long_work import Job, progress_dialog
from fibrodesk.ui.report_worker import gather, gather_under, write_with

if TYPE_CHECKING:
    from fibrodesk.report.pages import Layout
    from fibrodesk.report.summary import ReportSummary

T = TypeVar("T")


class SaveDialog:
    """Where to save a file; tests replace :meth:`ask`."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, suggested: Path, pattern: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), pattern)
        return Path(name) if name else None


class PrintDialog:
    """The system's print dialog; tests replace :meth:`ask`."""

    @classmethod
    def ask(cls, parent: QWidget | None, printer: object) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog

        dialog = QPrintDialog(printer, parent)  # type: ignore[arg-type]
        return bool(dialog.exec())


class ReportActions:
    """Save as PDF, Print, Save an accessible copy; for :class:`ReportsPage`, whose
    preview state (``layout_pages``, ``_current``, ``gathering``...) they use."""

    # Set by the page.
    ctx: Any
    gathering: Any
    layout_pages: Layout | None
    _current: bool
    _timer: Any
    update_button: Any

    def _preview_current(self) -> bool:
        """Whether the preview is the report of the period chosen and the diary as it is."""
        return self._current and self.layout_pages is not None and not self._timer.isActive()

    def _report_now(self, dialog: QProgressDialog, said: str, parts: int = 1) -> Layout:
        """The report of the period chosen, laid out: the preview's when it is current,
        else gathered now on a worker thread under ``dialog`` (the first of ``parts`` of
        its bar; a preview gathering still running is superseded) and previewed.
        Cancel raises :class:`~fibrodesk.progress.Cancelled` saying ``said``."""
        if self._preview_current():
            assert self.layout_pages is not None
            return self.layout_pages
        self._timer.stop()
        self.gathering.cancel()
        self._idle()
        self._save_questions()
        period, details = self._show_period(), self.details()

        def work(progress: Progress) -> ReportSummary:
            part = share(progress, 0, parts, said)
            assert part is not None
            return gather(period, details, part, said)

        job = Job(work, "fibrodesk-report", reads_only=True)
        self._show(gather_under(dialog, job, said))
        assert self.layout_pages is not None
        return self.layout_pages

    def _suggested(self, suffix: str) -> Path:
        folder = self.ctx.settings.value("export/folder") or str(Path.home())
        return Path(str(folder)) / f"fibrodesk-report-{now().date().isoformat()}{suffix}"

    @classmethod
    def pdf_progress(cls, parent: QWidget | None) -> QProgressDialog:
        """Shown after half a second of saving the PDF, with Cancel (tests replace this)."""
        return progress_dialog(parent, "reportPdfProgress", "Report", "Saving the report as PDF…")

    @classmethod
    def build_progress(cls, parent: QWidget | None) -> QProgressDialog:
        """Shown after half a second of gathering a report to print or to save as an
        accessible copy, with Cancel (tests replace this)."""
        return progress_dialog(
            parent, "reportBuildProgress", "Report", "Gathering the report's figures…"
        )

    def _with_report(
        self, dialog: QProgressDialog, said: str, use: Callable[[Layout], T], parts: int = 1
    ) -> T | None:
        """``use(layout)`` on the report of the period chosen, ``dialog`` showing the
        progress (closed after); a cancel or a refusal is told as one sentence."""
        try:
            return use(self._report_now(dialog, said, parts))
        except UserError as exc:  # a cancel too: the diary and the files as they were
            self._tell(str(exc))
            if not self._current:  # the preview is of another period, or of none
                self.update_button.show()
            return None
        finally:
            dialog.close()
            dialog.deleteLater()

    def save_pdf(self) -> Path | None:
        path = SaveDialog.ask(
            self, "Save the report as PDF", self._suggested(".pdf"), "PDF (*.pdf)"
        )
        if path is None:
            return None
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        dialog = type(self).pdf_progress(self)
        said = f"The report was not saved; {path} is as it was."
        parts = 1 if self._preview_current() else 2  # else gathering, then painting

        def write(layout: Layout) -> int:
            # Painting stays on this thread (Qt paints only here), a page at a time; the
            # modal dialog takes in its Cancel button at each page.
            return write_with(dialog, layout, path, self.page_size(), said, (parts - 1, parts))

        pages = self._with_report(dialog, said, write, parts)
        if pages is None:
            return None
        self._tell(f"Saved the report ({pages} pages) to {path}.")
        return path

    def save_html(self) -> Path | None:
        from fibrodesk.report.html import write_html

        path = SaveDialog.ask(
            self, "Save an accessible copy", self._suggested(".html"), "Web page (*.html)"
        )
        if path is None:
            return None
        if path.suffix.lower() not in (".html", ".htm"):
            path = path.with_name(path.name + ".html")
        said = f"The accessible copy was not saved; {path} is as it was."

        def write(layout: Layout) -> bool:
            write_html(layout.doc, path)
            return True

        if self._with_report(type(self).build_progress(self), said, write) is None:
            return None
        self._tell(f"Saved an accessible copy of the report to {path}.")
        return path

    def print_report(self) -> bool:
        from PySide6.QtGui import QPageLayout
        from PySide6.QtPrintSupport import QPrinter

        from fibrodesk.report.writer import print_layout

        dialog = type(self).build_progress(self)
        layout = self._with_report(dialog, "The report was not printed.", lambda done: done)
        if layout is None:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(self.page_size())
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        if not PrintDialog.ask(self, printer):
            return False
        try:
            print_layout(layout, printer)
        except UserError as exc:
            self._tell(str(exc))
            return False
        self._tell("The report was sent to the printer.")
        return True
