"""How the ``fibrodesk`` command starts the window: seen first, then the diary.

A person who starts FibroDesk should see its window at once. So the command, once it
holds the diary's lock:

1. builds the window with its sidebar, menus and "Opening your diary…" where the Today
   page will be (:class:`~fibrodesk.ui.main_window.MainWindow` with ``diary_open=False``);
   none of it needs peewee or the diary;
2. shows it; on the event loop's first turn after the window has painted,
   :class:`WindowStart` starts reading the diary on a worker thread
   (:class:`~fibrodesk.db.diary_file.BackgroundRead`: SQLite's ``quick_check`` of a
   ten-year diary, about 30 ms, in C and without the interpreter lock) while Python
   imports the Today page's modules (peewee, the journal, the body map);
3. opens the diary with that reading (asking what to do if it is damaged, see
   :class:`~fibrodesk.ui.recovery_dialog.RecoveryDialog`), builds the Today page, and
   starts the backup due at start on its own worker thread.

The window is painted about twice as early as when everything was built first; the Today
page follows within a few tenths of a second (``docs/performance.md`` has the figures).
A problem met in steps 2 and 3 is shown in a message box over the window and ends the event
loop; :func:`fibrodesk.app.cmd_run` then raises it as before, one sentence on stderr.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from fibrodesk.errors import UserError
from fibrodesk.paths import DB_NAME
from fibrodesk.ui.main_window import MainWindow

if TYPE_CHECKING:
    from fibrodesk.db.diary_file import BackgroundRead, FileFacts

# Should the window not be painted (started minimised, a window manager that maps it
# late), the diary is opened anyway after this long.
UNPAINTED_MS = 300


def start_reading(data_dir: Path) -> BackgroundRead | None:
    """Begin reading the diary off the GUI thread, when there is a diary to read."""
    from fibrodesk.db.diary_file import BackgroundRead

    path = Path(data_dir) / DB_NAME
    try:
        if path.stat().st_size == 0:
            return None
    except OSError:
        return None  # missing (a new diary) or unreadable: open_diary says which
    return BackgroundRead(path)


def open_for_window(
    data_dir: Path, facts: FileFacts | None = None, parent: QWidget | None = None
) -> tuple[bool, str | None]:
    """Open the diary for the window; if it cannot be read, ask what to do.

    A damaged diary, or a file that is not a FibroDesk diary, is left as it is until the
    person chooses (:class:`~fibrodesk.ui.recovery_dialog.RecoveryDialog`): then it is
    set aside under a dated name and the newest sound backup put back, or a new diary
    begun. A diary file gone from a folder holding backups is offered back the same way
    instead of being silently replaced by an empty one. Returns ``(opened, sentence for
    the banner)``; ``opened`` is False when the person chose to quit (every file left as
    it was).
    """
    from fibrodesk.db.database import close_diary, open_diary
    from fibrodesk.db.recovery import diagnose, missing_diary, recover
    from fibrodesk.errors import DamagedDiaryError, NotADiaryError
    from fibrodesk.ui.recovery_dialog import NEW, RESTORE, RecoveryDialog

    trouble = missing_diary(data_dir)
    if trouble is None:
        try:
            open_diary(data_dir, facts=facts)
            return True, None
        except (DamagedDiaryError, NotADiaryError) as exc:
            close_diary()
            trouble = diagnose(data_dir, exc)
    choice = RecoveryDialog.ask(trouble, parent)
    if choice not in (RESTORE, NEW):
        print(trouble.sentence, file=sys.stderr)
        return False, None
    result = recover(data_dir, trouble, use_backup=choice == RESTORE and trouble.backup is not None)
    open_diary(data_dir, new=result.restored is None)
    return True, result.sentence


class WindowStart(QObject):
    """Opens the diary into a window already on screen (steps 2 and 3 above).

    Attributes:
        finished: the attempt is over (opened, declined or failed).
        opened: the diary is open and the Today page built.
        error: what stopped it, raised again by the command once the loop has ended.
        backups: the :class:`~fibrodesk.ui.backup_runner.BackupRunner`, once opened.
    """

    def __init__(self, window: MainWindow, data_dir: Path) -> None:
        super().__init__(window)
        self.window = window
        self.data_dir = Path(data_dir)
        self.finished = False
        self.opened = False
        self.error: BaseException | None = None
        self.backups = None
        self.timer: QTimer | None = None
        self._begun = False
        window.installEventFilter(self)
        QTimer.singleShot(UNPAINTED_MS, self.begin)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if obj is self.window and event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self.begin)  # once this paint has reached the screen
        return False

    def begin(self) -> None:
        if self._begun:
            return
        self._begun = True
        from fibrodesk.ui.theme import install_style

        install_style()  # readable control edges, now that the first frame is on screen
        try:
            self._open()
        except BaseException as exc:  # raised again by the command after the loop
            self.error = exc
            if isinstance(exc, UserError):
                from fibrodesk.ui.recovery_dialog import RecoveryDialog

                RecoveryDialog.tell(str(exc), self.window)
        self.finished = True
        if not self.opened:
            QApplication.quit()

    def _open(self) -> None:
        from fibrodesk.db.backup import BACKUP_INTERVAL
        from fibrodesk.ui.backup_runner import BackupRunner

        reading = start_reading(self.data_dir)
        import fibrodesk.ui.today_page  # noqa: F401  (its imports overlap SQLite's check)

        facts = reading.facts() if reading is not None else None
        opened, note = open_for_window(self.data_dir, facts, self.window)
        if not opened:
            return
        self.window.diary_opened()
        if note:
            self.window.show_problem(note)
        # Backups run on a worker thread: the window neither waits for the one at start
        # nor freezes for the one every 30 minutes.
        backups = BackupRunner(self.data_dir, self.window)
        backups.failed.connect(self.window.show_problem)
        self.backups = backups
        self.window.backups = backups  # type: ignore[attr-defined]
        timer = QTimer(self.window)
        timer.setInterval(int(BACKUP_INTERVAL.total_seconds() * 1000))
        timer.timeout.connect(lambda: backups.start("periodic", backups.session_changed()))
        timer.start()
        self.timer = timer
        self.opened = True
        backups.start("start", changed=None)  # did the diary change since the newest backup?
        from fibrodesk.ui.recovery_dialog import IntegrityWatch

        # The full check (indexes too) runs beside the window; it asks only if it finds harm.
        self.window.integrity = IntegrityWatch(self.window, self.data_dir)  # type: ignore[attr-defined]
