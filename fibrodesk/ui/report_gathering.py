"""The Reports page's live preview gathered on a worker thread, one request at a time
(issue 16 point 6).

Each change of the period, the paper or the diary asks for a new preview
(:meth:`PreviewGathering.request`). Its figures are gathered on a worker thread with its
own connection (:func:`fibrodesk.ui.report_worker.gathering`); the page stays free. Half a
second into a gathering :attr:`PreviewGathering.slow` asks the page to show its progress
and its Cancel button. A new request supersedes the running one: that one is told to
stop, and whatever it still hands back is never shown, so an older preview never
overwrites a newer one. Only the latest request ends in :attr:`gathered` (its summary) or
:attr:`failed` (one plain sentence).
"""

from __future__ import annotations

from functools import partial

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal

from fibrodesk.db.report_data import ReportDetails
from fibrodesk.errors import UserError
from fibrodesk.progress import Cancelled
from fibrodesk.report.period import Period
from fibrodesk.ui.long_work import Job, LatestJob
from fibrodesk.ui.report_worker import gathering, unreadable

PROGRESS_AFTER_MS = 500  # a preview gathered faster shows no progress


class PreviewGathering(LatestJob):
    """Signals:
    slow(): the gathering has taken half a second: show its progress and Cancel.
    progressed(percent): how far the latest gathering is.
    gathered(summary): the latest request's figures (a ReportSummary).
    failed(sentence): the latest request could not be gathered.
    """

    slow = Signal()
    progressed = Signal(int)
    gathered = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._slow_timer = QTimer(self, singleShot=True, interval=PROGRESS_AFTER_MS)
        self._slow_timer.timeout.connect(self._slow)

    def request(self, period: Period, details: ReportDetails) -> Job:
        """Gather the figures for ``period``; supersedes a gathering still running."""
        self.cancel()
        job = gathering(period, details, "The preview was cancelled.")
        job.progressed.connect(
            partial(self._job_progressed, job), Qt.ConnectionType.QueuedConnection
        )
        self._slow_timer.start()
        return self._launch(job)

    def cancel(self) -> bool:
        """Stop the running gathering, if any (its figures are never shown); whether one
        was running."""
        self._slow_timer.stop()
        return super().cancel()

    def _slow(self) -> None:
        if self.job is not None and not self.job.done:
            self.slow.emit()

    def _job_progressed(self, job: Job, seq: int, done: int, total: int) -> None:
        if not shiboken6.isValid(self) or job is not self.job:
            job.answer(seq, False)  # superseded: stop
            return
        self.progressed.emit(100 * done // max(total, 1))
        job.answer(seq, True)

    def _latest_finished(self, job: Job, *context: object) -> None:
        self._slow_timer.stop()
        error = job.error
        if error is None:
            self.gathered.emit(job.result)
        elif isinstance(error, Cancelled):
            return  # stopped by other means than cancel() (none today): nothing to show
        elif isinstance(error, UserError):
            self.failed.emit(str(error))
        elif (refused := unreadable(error, "press Update preview to try again")) is not None:
            self.failed.emit(str(refused))
        else:
            raise error  # a bug: shown as one, never hidden
