"""Export and import from the window: a small export dialog, and an import with a
progress dialog that can be cancelled.

Everything the person is asked or told goes through :class:`Prompts`, whose classmethods
(``ask_export``, ``ask_export_path``, ``ask_import_path``, ``ask_import_folder``,
``show_error``, ``show_info``, ``progress_dialog``) tests replace, so no native dialog
ever opens in a test. The File menu calls :func:`export_dialog`,
:func:`choose_and_import` and, for a path already known, :func:`import_with_progress`.

An import is all or nothing (:mod:`fibrodesk.io.importer`): a cancel or a broken file
leaves the diary exactly as it was; a finished import broadcasts ``"all"`` so every page
reloads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QObject
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.core import clock
from fibrodesk.errors import UserError
from fibrodesk.io.importer import ImportCancelled, ImportReport
from fibrodesk.progress import Cancelled
from fibrodesk.ui.context import AppContext
from fibrodesk.ui.dates import date_field
from fibrodesk.ui.long_work import Job, progress_dialog, run_job

FORMATS: tuple[tuple[str, str], ...] = (
    ("csv", "CSV files for a spreadsheet (a folder, or a .zip)"),
    ("json", "JSON: the complete diary, to move or keep"),
    ("fhir", "FHIR: pain scores for a clinician's system"),
    ("ics", "Calendar (.ics): the exercise plan's sessions"),
    ("pdf", "Clinician report (pdf): a summary page, graphs and tables"),
)
UNAVAILABLE: set[str] = set()


@dataclass(frozen=True)
class ExportRequest:
    """What the export dialog asks for."""

    fmt: str
    path: Path
    start: date | None = None
    end: date | None = None


def suggested_name(fmt: str, day: date | None = None) -> str:
    """A file name for an export made today, e.g. ``fibrodesk-2026-03-31.zip``."""
    stamp = (day or clock.today()).isoformat()
    suffix = {"csv": ".zip", "json": ".json", "fhir": "-fhir.json", "ics": ".ics", "pdf": ".pdf"}
    return f"fibrodesk-{stamp}{suffix.get(fmt, '')}"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class ExportDialog(QDialog):
    """Choose a format, the whole diary or a date range, and where to write.

    Attributes:
        format_box: the format choice (``exportFormat``).
        whole, ranged: the two range choices; ``start_edit``/``end_edit`` the range.
        path_edit: where to write (``exportPath``); ``browse`` opens a file chooser.
    """

    def __init__(self, parent: QWidget | None = None, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export the diary")
        self.folder = folder or Path.home()

        self.format_box = QComboBox()
        self.format_box.setObjectName("exportFormat")
        self.format_box.setAccessibleName("Export format")
        for fmt, label in FORMATS:
            self.format_box.addItem(label, fmt)
        model = self.format_box.model()
        if isinstance(model, QStandardItemModel):
            for index, (fmt, _label) in enumerate(FORMATS):
                item = model.item(index)
                if fmt in UNAVAILABLE and item is not None:
                    item.setEnabled(False)

        self.whole = QRadioButton("The whole diary")
        self.whole.setObjectName("exportWhole")
        self.ranged = QRadioButton("Only from")
        self.ranged.setObjectName("exportRanged")
        group = QButtonGroup(self)
        group.addButton(self.whole)
        group.addButton(self.ranged)
        self.whole.setChecked(True)
        today = clock.today()
        # Dates written as on every other page ("7 Mar 2026"), with the same calendar.
        self.start_edit = date_field(today - timedelta(days=90), "exportFrom", "First day")
        self.end_edit = date_field(today, "exportTo", "Last day")
        range_row = QHBoxLayout()
        range_row.addWidget(self.ranged)
        range_row.addWidget(self.start_edit)
        range_row.addWidget(QLabel("to"))
        range_row.addWidget(self.end_edit)
        range_row.addStretch(1)

        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("exportPath")
        self.path_edit.setAccessibleName("Export to")
        self.browse = QPushButton("Choose…")
        self.browse.setObjectName("exportBrowse")
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse)

        self.problem = QLabel()
        self.problem.setObjectName("exportProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Export")

        form = QFormLayout()
        form.addRow("Format:", self.format_box)
        form.addRow("Records:", self.whole)
        form.addRow("", range_row)
        form.addRow("Export to:", path_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self.format_box.currentIndexChanged.connect(self._format_changed)
        self.whole.toggled.connect(self._update)
        self.path_edit.textChanged.connect(self._update)
        self.browse.clicked.connect(self._choose_path)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self._format_changed()

    def fmt(self) -> str:
        return str(self.format_box.currentData())

    def set_format(self, fmt: str) -> None:
        self.format_box.setCurrentIndex(self.format_box.findData(fmt))

    def set_range(self, start: date | None, end: date | None) -> None:
        """Select the whole diary (both None) or the range from ``start`` to ``end``."""
        if start is None and end is None:
            self.whole.setChecked(True)
            return
        self.ranged.setChecked(True)
        if start is not None:
            self.start_edit.setDate(_qdate(start))
        if end is not None:
            self.end_edit.setDate(_qdate(end))

    def _format_changed(self) -> None:
        text = self.path_edit.text().strip()
        if not text or Path(text).name.startswith("fibrodesk-"):
            base = Path(text).parent if text else self.folder
            self.path_edit.setText(str(base / suggested_name(self.fmt())))
        self._update()

    def _update(self) -> None:
        ranged = self.ranged.isChecked()
        self.start_edit.setEnabled(ranged)
        self.end_edit.setEnabled(ranged)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.path_edit.text().strip()) and self.fmt() not in UNAVAILABLE)

    def _choose_path(self) -> None:
        current = Path(self.path_edit.text().strip() or self.folder / suggested_name(self.fmt()))
        chosen = Prompts.ask_export_path(self, self.fmt(), current)
        if chosen is not None:
            self.path_edit.setText(str(chosen))

    def request(self) -> ExportRequest:
        start = end = None
        if self.ranged.isChecked():
            start, end = _pydate(self.start_edit.date()), _pydate(self.end_edit.date())
        return ExportRequest(
            self.fmt(), Path(self.path_edit.text().strip()).expanduser(), start, end
        )

    def _accept(self) -> None:
        req = self.request()
        if req.start and req.end and req.start > req.end:
            self.problem.setText("The first day is after the last day; give the earlier day first.")
            self.problem.show()
            return
        self.accept()


class Prompts:
    """Every question and message of export and import; tests replace these."""

    @classmethod
    def ask_export(cls, parent: QWidget | None, folder: Path | None = None) -> ExportRequest | None:
        dialog = ExportDialog(parent, folder)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.request()
            return None
        finally:
            dialog.deleteLater()

    @classmethod
    def ask_export_path(cls, parent: QWidget | None, fmt: str, suggested: Path) -> Path | None:
        filters = {
            "csv": "Zip archive (*.zip);;All files (*)",
            "json": "JSON (*.json)",
            "fhir": "FHIR JSON (*.json)",
            "ics": "Calendar (*.ics)",
        }
        name, _ = QFileDialog.getSaveFileName(
            parent, "Export to", str(suggested), filters.get(fmt, "All files (*)")
        )
        return Path(name) if name else None

    @classmethod
    def ask_import_path(cls, parent: QWidget | None) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            parent,
            "Import an export",
            str(Path.home()),
            "FibroDesk exports (*.json *.zip);;All files (*)",
        )
        return Path(name) if name else None

    @classmethod
    def ask_import_folder(cls, parent: QWidget | None) -> Path | None:
        name = QFileDialog.getExistingDirectory(
            parent, "Import a csv export folder", str(Path.home())
        )
        return Path(name) if name else None

    @classmethod
    def show_error(cls, parent: QWidget | None, sentence: str) -> None:
        from fibrodesk.ui.messages import warn

        warn(parent, sentence)

    @classmethod
    def show_info(cls, parent: QWidget | None, sentence: str) -> None:
        from fibrodesk.ui.messages import inform

        inform(parent, sentence)

    @classmethod
    def progress_dialog(cls, parent: QWidget | None) -> QProgressDialog:
        return progress_dialog(
            parent, "importProgress", "Import", "Importing… nothing is saved until the end."
        )

    @classmethod
    def export_progress(cls, parent: QWidget | None) -> QProgressDialog:
        return progress_dialog(
            parent, "exportProgress", "Export", "Exporting… the file is written at the end."
        )


def export_dialog(ctx: AppContext, parent: QWidget | None = None) -> str | None:
    """Ask what to export and where, write it, and say what was written.

    Returns the sentence shown, or None when the person cancelled or the export failed
    (the failure was shown as one sentence).
    """
    from fibrodesk.io.export import export_diary

    folder = Path(str(ctx.settings.value("export/folder", str(Path.home()))))
    req = Prompts.ask_export(parent, folder)
    if req is None:
        return None
    if req.fmt == "pdf":  # figures gathered on a worker thread, pages painted here (Qt)
        from fibrodesk.ui.report_worker import export_pdf

        try:
            message = export_pdf(req.path, req.start, req.end, Prompts.export_progress(parent))
        except Cancelled as exc:
            Prompts.show_info(parent, str(exc))
            return None
        except UserError as exc:
            Prompts.show_error(parent, str(exc))
            return None
    else:
        job = run_job(
            Job(
                lambda progress: export_diary(req.fmt, req.path, req.start, req.end, progress),
                "fibrodesk-export",
            ),
            Prompts.export_progress(parent),
        )
        if not _finished(parent, job, Cancelled):
            return None
        message = str(job.result)
    ctx.settings.setValue("export/folder", str(req.path.parent))
    Prompts.show_info(parent, message)
    return message


def _finished(parent: QWidget | None, job: Job, cancelled: type[BaseException]) -> bool:
    """Whether a long job ended well; if not, say why in one sentence (Cancel is news, a
    refusal an error) and return False. Anything else is a defect and is raised."""
    if isinstance(job.error, cancelled):
        Prompts.show_info(parent, str(job.error))
        return False
    if isinstance(job.error, UserError):
        Prompts.show_error(parent, str(job.error))
        return False
    if job.error is not None:
        raise job.error
    return True


class ImportJob(Job):
    """An import running on a worker thread with its own connection to the diary
    (:class:`fibrodesk.ui.long_work.Job`).

    The window's own connection stays free: a save made while the import reads goes
    through, one made while it writes waits for the import's commit (SQLite's busy
    timeout); Cancel rolls back the import's transaction only.
    """

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        from fibrodesk.io.importer import import_path

        self.path = Path(path)
        super().__init__(
            lambda progress: import_path(self.path, progress), "fibrodesk-import", parent
        )

    @property
    def report(self) -> ImportReport | None:
        return self.result  # type: ignore[no-any-return]


def import_with_progress(
    ctx: AppContext, parent: QWidget | None, path: Path
) -> ImportReport | None:
    """Import ``path`` on a worker thread, showing a cancellable progress dialog after half
    a second; then refresh every page.

    Returns the report, or None when the import was cancelled or refused (the reason was
    shown as a sentence). Either way a diary is never left half-written, and saves the
    window made meanwhile are kept.
    """
    dialog = Prompts.progress_dialog(parent)
    job = ImportJob(Path(path))
    ctx.importing = job  # type: ignore[attr-defined]
    try:
        run_job(job, dialog)
    finally:
        ctx.importing = None  # type: ignore[attr-defined]
    if not _finished(parent, job, ImportCancelled):
        return None
    report = job.report
    assert report is not None
    ctx.broadcast("all")
    Prompts.show_info(parent, report.summary())
    return report


def choose_and_import(
    ctx: AppContext, parent: QWidget | None = None, *, folder: bool = False
) -> ImportReport | None:
    """Ask for an export file (or, with ``folder``, a csv export folder) and import it."""
    path = Prompts.ask_import_folder(parent) if folder else Prompts.ask_import_path(parent)
    if path is None:
        return None
    return import_with_progress(ctx, parent, path)
