"""The clinician report's figures gathered off the window's thread (issue 16 point 6).

Gathering a report's figures (:func:`fibrodesk.report.summary.build_summary`: the diary's
rows and the computations of core/, no Qt) is the long part on a big diary; it runs on a
worker thread with a connection of its own (:class:`fibrodesk.ui.long_work.Job`), so the
window stays free and can show progress with Cancel. What follows stays on the window's
thread, where Qt paints: the document, its pages, the preview's images and the PDF, a page
at a time.

A report only reads: a cancelled or failed gathering leaves the diary as it was and
writes no file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QPageSize
from PySide6.QtWidgets import QProgressDialog

from fibrodesk.db.report_data import ReportDetails
from fibrodesk.errors import UserError
from fibrodesk.progress import Cancelled, Progress, share
from fibrodesk.report.period import Period
from fibrodesk.ui.long_work import Job, dialog_progress, run_job

if TYPE_CHECKING:
    from fibrodesk.report.pages import Layout
    from fibrodesk.report.summary import ReportSummary


def _percent(progress: Progress, said: str) -> Callable[[int], None]:
    """``build_summary``'s percentage steps as ``progress(done, 100)``; a stop raises
    :class:`Cancelled` saying ``said``."""

    def step(percent: int) -> None:
        if not progress(percent, 100):
            raise Cancelled(said)

    return step


def gather(
    period: Period, details: ReportDetails | None, progress: Progress, said: str
) -> ReportSummary:
    """Every figure of the report for ``period`` (on a worker thread: no Qt)."""
    from fibrodesk.report.summary import build_summary

    summary = build_summary(period, details, progress=_percent(progress, said))
    _percent(progress, said)(100)
    return summary


def gathering(period: Period, details: ReportDetails | None, said: str) -> Job:
    """A job (not started) gathering the report's figures for ``period`` on its own
    thread and connection; its ``result`` is the :class:`ReportSummary`."""
    return Job(
        lambda progress: gather(period, details, progress, said),
        "fibrodesk-report",
        reads_only=True,
    )


def export_period(start: date | None, end: date | None) -> Period:
    """The period of ``fibrodesk export --format pdf`` from ``start`` to ``end``, as
    :func:`fibrodesk.report.period.export_period` chooses it for this diary today."""
    from fibrodesk.core.clock import now
    from fibrodesk.db.history import diary_span
    from fibrodesk.report.period import export_period as choose

    return choose(start, end, diary_span(), now().date())


def layout_of(summary: ReportSummary, size: QPageSize | None = None) -> Layout:
    """The report of ``summary`` laid out in pages (window's thread: fonts are measured)."""
    from fibrodesk.report.build import build_document
    from fibrodesk.report.writer import layout_for

    return layout_for(build_document(summary), size)


def write_with(
    dialog: QProgressDialog,
    layout: Layout,
    out: Path,
    size: QPageSize | None,
    said: str,
    part: tuple[int, int] = (0, 1),
) -> int:
    """Paint ``layout`` into the PDF ``out`` a page at a time on the window's thread,
    ``dialog`` showing part ``part`` of its bar; Cancel raises :class:`Cancelled` saying
    ``said`` and leaves ``out`` as it was. Returns the number of pages."""
    from fibrodesk.report.writer import write_pdf

    index, parts = part
    progress = share(dialog_progress(dialog), index, parts, said)
    try:
        return write_pdf(layout, out, size, progress=progress)
    except Cancelled as exc:
        raise Cancelled(said) from exc


def unreadable(error: BaseException, then: str) -> UserError | None:
    """The plain sentence for a gathering the disk refused to read (SQLite's code says,
    as for a save), ending with what to do ``then``; None for anything else."""
    from fibrodesk.db.database import save_error

    if isinstance(error, UserError) or save_error(error) is None:
        return None
    return UserError(
        f"The report could not be made because the diary could not be read just now; {then}."
    )


def gather_under(dialog: QProgressDialog, job: Job, said: str) -> ReportSummary:
    """Run a gathering ``job`` while ``dialog`` (modal, left open) shows its progress;
    its summary. Cancel raises :class:`Cancelled` saying ``said`` at once (a gathering
    only reads: its thread ends on its own); a disk that refused raises one sentence,
    anything else is raised as it is (a bug)."""
    run_job(job, dialog, close=False, reads_only=True)
    if job.cancelled:
        raise Cancelled(said)
    if job.error is not None:
        raise unreadable(job.error, "try again in a moment") or job.error
    return job.result  # type: ignore[no-any-return]


def export_pdf(out: Path, start: date | None, end: date | None, dialog: QProgressDialog) -> str:
    """File > Export as pdf from the window: the figures gathered on a worker thread (the
    first half of ``dialog``'s bar), then the pages painted here (the second half).

    Returns the sentence to show; Cancel raises :class:`Cancelled` (nothing written, an
    earlier file at ``out`` as it was), a refusal a :class:`~fibrodesk.errors.UserError`.
    """
    out = Path(out).expanduser()
    said = f"The export was cancelled; nothing was written, and {out} is as it was."

    def work(progress: Progress) -> ReportSummary:
        period = export_period(start, end)
        half = share(progress, 0, 2, said)
        assert half is not None
        return gather(period, None, half, said)

    try:
        summary = gather_under(dialog, Job(work, "fibrodesk-report", reads_only=True), said)
        pages = write_with(dialog, layout_of(summary), out, None, said, (1, 2))
    finally:
        dialog.close()
        dialog.deleteLater()
    return f"Wrote the clinician report for {summary.period.words()} ({pages} pages) to {out}."
