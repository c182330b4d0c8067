"""Long work from the window (issue 16 point 6): on a worker thread with a connection of
its own, a progress dialog shown after half a second, and Cancel.

The work is a function of ``progress(done, total) -> bool`` (:mod:`fibrodesk.progress`);
it runs on a worker thread, on its own connection to the diary
(:func:`fibrodesk.db.importing.on_own_connection`), so the window stays free and no event
is processed inside the work's transaction. Each progress report is handed over to the
window (:attr:`Job.progressed`), which updates the dialog and answers: go on, or stop
when Cancel was pressed. The work then undoes itself (:class:`fibrodesk.progress.Cancelled`):
an import rolls back, an export removes its unfinished file, a backup its unfinished copy.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from fibrodesk.progress import Progress

REPLY_WAIT_S = 2.0
"""How long the work waits for the window to take in a progress report before it goes
on (the window may be busy, e.g. saving and waiting for an import's lock)."""


class Job(QObject):
    """``work(progress)`` running on a worker thread with its own connection.

    Signals:
        progressed(seq, done, total): a progress report, to answer with :meth:`answer`.
        finished(): the work is over; :attr:`result` or :attr:`error` says how.
    """

    progressed = Signal(int, int, int)
    finished = Signal()

    def __init__(
        self,
        work: Callable[[Progress], Any],
        name: str,
        parent: QObject | None = None,
        *,
        reads_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.work = work
        self.reads_only = reads_only
        self.result: Any = None
        self.error: BaseException | None = None
        self.done = False
        self._cancelled = False
        self._seq = 0
        self._answered = 0
        self._lock = threading.Condition()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        if self.reads_only:
            with _READERS_LOCK:
                _READERS.add(self)
        self._thread.start()

    def wait(self) -> None:
        self._thread.join()

    def cancel(self) -> None:
        """Stop at the work's next progress report, whether or not the window answers it
        (any thread); the work then raises :class:`~fibrodesk.progress.Cancelled`."""
        with self._lock:
            self._cancelled = True
            self._lock.notify_all()

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def answer(self, seq: int, go_on: bool) -> None:
        """The window's answer to report ``seq`` (any thread)."""
        with self._lock:
            if not go_on:
                self._cancelled = True
            self._answered = max(self._answered, seq)
            self._lock.notify_all()

    def _progress(self, done: int, total: int) -> bool:
        with self._lock:
            if self._cancelled:
                return False
            self._seq += 1
            seq = self._seq
        self.progressed.emit(seq, done, total)
        with self._lock:
            self._lock.wait_for(
                lambda: self._answered >= seq or self._cancelled, timeout=REPLY_WAIT_S
            )
            return not self._cancelled

    def _run(self) -> None:
        from fibrodesk.db.importing import on_own_connection

        try:
            self.result = on_own_connection(
                lambda: self.work(self._progress),
                cache_kib=READER_CACHE_KIB if self.reads_only else None,
            )
        except BaseException as exc:  # handed to the window, which shows or raises it
            self.error = exc
        finally:
            self.done = True
            with _READERS_LOCK:
                _READERS.discard(self)
            self.finished.emit()


class LatestJob(QObject):
    """One request at a time on a worker thread (the Reports preview, History's patterns).

    A new request supersedes the running one, which is told to stop; whatever a
    superseded or cancelled job still hands back is dropped, so an older answer never
    overwrites a newer one. Superseded jobs are kept until their thread ends. A subclass
    starts its jobs with :meth:`_launch` and hears of the latest one in
    :meth:`_latest_finished`.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job: Job | None = None
        self._alive: set[Job] = set()  # superseded jobs, kept until their thread ends

    def running(self) -> bool:
        """Whether a request is being worked on (one not superseded nor cancelled)."""
        return self.job is not None

    def cancel(self) -> bool:
        """Stop the running request, if any (what it finds is never shown); whether one
        was running."""
        job, self.job = self.job, None
        if job is None:
            return False
        job.cancel()
        return True

    def wait(self) -> None:
        """Wait for every worker thread to end (the window closing, tests)."""
        for job in list(self._alive):
            job.wait()

    def _launch(self, job: Job, *context: object) -> Job:
        """Start ``job`` as the latest request; :meth:`_latest_finished` gets ``context``."""
        job.finished.connect(
            partial(self._job_finished, job, *context), Qt.ConnectionType.QueuedConnection
        )
        self.job = job
        self._alive.add(job)
        job.start()
        return job

    def _job_finished(self, job: Job, *context: object) -> None:
        if not shiboken6.isValid(self):
            return
        self._alive.discard(job)
        if job is not self.job:
            return  # cancelled or superseded: a newer request (or none) decides
        self.job = None
        self._latest_finished(job, *context)

    def _latest_finished(self, job: Job, *context: object) -> None:
        raise NotImplementedError


_READERS: set[Job] = set()  # running jobs that only read the diary
# The page cache of a job that only reads (History's patterns, a report's figures): 1 MB
# instead of the diary connection's 4 MB; with 4 MB the History page held 3 MB more after
# its range switches (make bench, ten-year demo: 151.0 -> 148.1 MB), at the same speed.
READER_CACHE_KIB = 1000
_READERS_LOCK = threading.Lock()


def stop_readers() -> None:
    """Cancel every running job that only reads the diary (a report's figures) and wait
    until each has closed its connection. Call it before the diary's file is replaced (a
    restore): a connection left open on the old file would, when it closed, checkpoint
    and remove the write-ahead log by its name, the new diary's by then."""
    with _READERS_LOCK:
        readers = list(_READERS)
    for job in readers:
        job.cancel()
    for job in readers:
        job.wait()


def progress_dialog(parent: QWidget | None, name: str, title: str, label: str) -> QProgressDialog:
    """The dialog of one kind of long work: shown after half a second, with Cancel."""
    dialog = QProgressDialog(label, "Cancel", 0, 1, parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumDuration(500)  # shown for anything over half a second
    # QProgressDialog's own countdown to showing itself is set at construction to 4 s;
    # setMinimumDuration restarts it only once the dialog holds its minimum value, and a
    # first report past the minimum does not. Start it here, so work that reports rarely
    # (a report's figures: a few steps) shows at half a second too, not at four.
    dialog.setValue(0)
    return dialog


def dialog_progress(dialog: QProgressDialog) -> Progress:
    """``progress(done, total)`` for work done on the window's thread (painting a report):
    the dialog shows it, and a modal dialog takes in its Cancel button at each step."""

    def progress(done: int, total: int) -> bool:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        return not dialog.wasCanceled()

    return progress


def run_job(
    job: Job, dialog: QProgressDialog, *, close: bool = True, reads_only: bool = False
) -> Job:
    """Run ``job`` to its end while the window's event loop turns, ``dialog`` showing its
    progress; returns it (its ``result`` or ``error``). Closes the dialog, unless ``close``
    is False (more work on the window's thread follows under the same dialog).

    Work that only reads (a report's figures) has nothing to undo: with ``reads_only``,
    Cancel returns at once (``job.cancelled``), the worker stopping at its next report on
    its own while the window goes on. Other work is waited for, as it undoes itself."""
    loop = QEventLoop()

    def progressed(seq: int, done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        job.answer(seq, not dialog.wasCanceled())

    def cancelled() -> None:
        job.cancel()
        loop.quit()

    job.progressed.connect(progressed, Qt.ConnectionType.QueuedConnection)
    job.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    if reads_only:
        dialog.canceled.connect(cancelled)
    try:
        job.start()
        if not job.done:
            loop.exec()
        if not (reads_only and job.cancelled):
            job.wait()
            QApplication.sendPostedEvents(job)
    finally:
        job.progressed.disconnect(progressed)
        if reads_only:
            dialog.canceled.disconnect(cancelled)
        if close:
            dialog.close()
            dialog.deleteLater()
    return job
