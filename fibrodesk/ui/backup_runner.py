"""Automatic backups on a worker thread, so the window never waits for one.

A backup of a ten-year diary reads about 30 MB twice (to tell whether it changed, then to
copy it): half a second or more. At start that would delay the first page, and every 30
minutes it would freeze the window. SQLite's backup API and the fingerprint both use
their own read-only connections (the diary is in WAL mode), so they run beside the
window's connection without blocking it.

Signals:
    failed(str): a backup could not be made; the sentence says what to do.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from fibrodesk.db.backup import auto_backup
from fibrodesk.db.database import change_count
from fibrodesk.errors import UserError


class BackupRunner(QObject):
    """Runs :func:`auto_backup` off the GUI thread, one at a time.

    Attributes:
        at_last_backup: the window connection's write count when the last backup began,
            to tell whether this session changed the diary since.
    """

    failed = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.at_last_backup = change_count()
        self._thread: threading.Thread | None = None

    def session_changed(self) -> bool:
        """Did this window write anything since the last backup began?"""
        return change_count() != self.at_last_backup

    def start(self, reason: str, changed: bool | None) -> bool:
        """Begin a backup if due (``changed`` None: let the fingerprints tell).

        Returns False when one is still running (the next turn will catch up).
        """
        if self.running():
            return False
        count = change_count()

        def work() -> None:
            try:
                made = auto_backup(self.data_dir, reason=reason, changed=changed)
            except UserError as exc:
                self.failed.emit(str(exc))
                return
            if made is not None:
                self.at_last_backup = count

        self._thread = threading.Thread(target=work, name=f"fibrodesk-backup-{reason}")
        self._thread.start()
        return True

    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self) -> None:
        """Block until the running backup, if any, has finished (before the exit one)."""
        if self._thread is not None:
            self._thread.join()
