"""The History page's patterns worked out on a worker thread, one request at a time.

On a big diary the patterns of a long range (:func:`fibrodesk.ui.history_cache.work_out`:
the insights of core/, the trigger insights and the treatment summaries read from the
diary) take seconds; worked out on the window's thread they froze the window and held
back the graphs. Here they run on a worker thread with a connection of its own
(:class:`fibrodesk.ui.long_work.Job`), as the Reports page gathers its figures: the
graphs are drawn at once and the patterns box says it is looking until they are in.

A new request supersedes the running one: that one is told to stop (between its steps),
and whatever it still hands back is never shown, so the patterns of a range no longer
shown, or of the diary before a change, never overwrite newer ones. Only the latest
request ends in :attr:`PatternsWorker.found` or :attr:`PatternsWorker.failed`. Nothing is
written: a stopped request leaves nothing to undo.
"""

from __future__ import annotations

from PySide6.QtCore import Signal

from fibrodesk.db import history
from fibrodesk.errors import UserError
from fibrodesk.progress import Cancelled
from fibrodesk.ui.history_cache import work_out
from fibrodesk.ui.long_work import Job, LatestJob

UNREADABLE = (
    "The patterns could not be worked out because the diary could not be read just now; "
    "choose the range again in a moment."
)


class PatternsWorker(LatestJob):
    """Signals:
    found(data, found): the latest request's range (a HistoryData) and what
        :func:`work_out` found for it.
    failed(sentence): the latest request could not be worked out (the disk refused).
    """

    found = Signal(object, object)
    failed = Signal(str)

    def request(self, data: history.HistoryData) -> Job:
        """Work out the patterns of ``data``'s range; supersedes a request still running."""
        self.cancel()
        job: Job

        def work(_progress: object) -> object:
            return work_out(data, lambda: job.cancelled)

        # It only reads: a restore waits for it to close its connection (stop_readers),
        # and its connection keeps a reader's small page cache.
        job = Job(work, "fibrodesk-history-patterns", reads_only=True)
        return self._launch(job, data)

    def stop(self) -> None:
        """Cancel and wait for every worker thread to end (the window or its diary
        closing, tests): none reads the diary afterwards."""
        self.cancel()
        self.wait()
        self._alive.clear()

    def _latest_finished(self, job: Job, *context: object) -> None:
        (data,) = context
        error = job.error
        if error is None:
            self.found.emit(data, job.result)
        elif isinstance(error, Cancelled):
            return
        elif isinstance(error, UserError):
            self.failed.emit(str(error))
        else:
            from fibrodesk.db.database import save_error

            if save_error(error) is None:
                raise error  # a bug: shown as one, never hidden
            self.failed.emit(UNREADABLE)
