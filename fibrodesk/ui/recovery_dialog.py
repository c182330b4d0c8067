"""Asked at start when the diary cannot be opened: put back a backup, start anew, or quit.

Shown before the main window exists. Nothing has been changed when it asks: the diary is
set aside (renamed, never overwritten) only once the person chooses to restore or to
start anew; quitting leaves every file as it was, and the next start asks again.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from fibrodesk.db.backup import BackupInfo
from fibrodesk.db.recovery import Trouble, when
from fibrodesk.errors import UserError
from fibrodesk.paths import DB_NAME

RESTORE = "restore"
NEW = "new"
QUIT = "quit"


class RecoveryDialog(QMessageBox):
    """The question about a diary that cannot be opened.

    Attributes:
        trouble: what is wrong and which backup can be offered.
        choice: ``"restore"``, ``"new"`` or ``"quit"`` once a button was pressed.
    """

    def __init__(self, trouble: Trouble, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trouble = trouble
        self.choice = QUIT
        self.setObjectName("recoveryDialog")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("Your diary could not be opened")
        self.setTextFormat(Qt.TextFormat.PlainText)  # a path may look like HTML
        self.setText(self.message(trouble))
        self.setDetailedText(trouble.sentence)
        self._buttons: dict[object, str] = {}
        if trouble.backup is not None:
            # Short words on the buttons (the date is in the text above them): a message
            # box is never wider than the screen, and three long buttons at a large font
            # would be cut on a laptop.
            restore = self.addButton("Restore that backup", QMessageBox.ButtonRole.AcceptRole)
            self._buttons[restore] = RESTORE
            self.setDefaultButton(restore)
        new = self.addButton("Start a new, empty diary", QMessageBox.ButtonRole.DestructiveRole)
        self._buttons[new] = NEW
        quit_button = self.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        self._buttons[quit_button] = QUIT
        if trouble.backup is None:
            self.setDefaultButton(quit_button)
        self.setEscapeButton(quit_button)
        self.buttonClicked.connect(lambda button: setattr(self, "choice", self._buttons[button]))

    @staticmethod
    def message(trouble: Trouble) -> str:
        """The words of the question, plain: what happened, what is kept, what is offered."""
        if trouble.kind == "missing":
            kept = f"Your diary file is missing from {trouble.diary.parent}."
        else:
            kept = (
                f"Your diary file {trouble.what}, so FibroDesk cannot open it. It will be "
                f"kept, untouched, beside the diary under a dated name in "
                f"{trouble.diary.parent}."
            )
        if trouble.backup is None:
            return (
                f"{kept} There is no backup to put back: you can start a new, empty diary, "
                "or quit and ask someone to look at the file."
            )
        return (
            f"{kept} The newest sound backup is from {when(trouble.backup.made_at)} and holds "
            f"{trouble.backup.holds}: put it back to carry on from there."
        )

    @classmethod
    def ask(cls, trouble: Trouble, parent: QWidget | None = None) -> str:
        """Ask what to do; returns ``"restore"``, ``"new"`` or ``"quit"`` (tests replace it)."""
        dialog = cls(trouble, parent)
        dialog.exec()
        return dialog.choice

    @classmethod
    def tell(cls, sentence: str, parent: QWidget | None = None) -> None:
        """Show a problem found before (or after) the window, in one sentence."""
        from fibrodesk.ui.messages import warn

        warn(parent, sentence)


# -- the full check, once the window is open -----------------------------------------------

REPAIR = "repair"
LATER = "later"


class RepairDialog(QMessageBox):
    """The question about an index found out of step with its records.

    Attributes:
        choice: ``"repair"``, ``"restore"`` or ``"later"`` once a button was pressed.
    """

    def __init__(self, sentence: str, backup: BackupInfo | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.choice = LATER
        self.setObjectName("repairDialog")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("Your diary needs a repair")
        self.setText(sentence)
        self.setTextFormat(Qt.TextFormat.PlainText)
        offer = "Rebuilding the index makes a backup first."
        if backup is not None:
            offer += f" You can also put back the newest sound backup, from {when(backup.made_at)}."
        self.setInformativeText(offer)
        self._buttons: dict[object, str] = {}
        # Short words on the buttons, the rest in the text (see RecoveryDialog).
        repair = self.addButton("Rebuild the index", QMessageBox.ButtonRole.AcceptRole)
        self._buttons[repair] = REPAIR
        if backup is not None:
            restore = self.addButton("Restore that backup", QMessageBox.ButtonRole.DestructiveRole)
            self._buttons[restore] = RESTORE
        later = self.addButton("Later", QMessageBox.ButtonRole.RejectRole)
        self._buttons[later] = LATER
        self.setDefaultButton(repair)
        self.setEscapeButton(later)
        self.buttonClicked.connect(lambda button: setattr(self, "choice", self._buttons[button]))

    @classmethod
    def ask(cls, sentence: str, backup: BackupInfo | None, parent: QWidget | None = None) -> str:
        """Ask what to do; returns ``"repair"``, ``"restore"`` or ``"later"`` (tests replace it)."""
        dialog = cls(sentence, backup, parent)
        dialog.exec()
        return dialog.choice


class IntegrityWatch(QObject):
    """SQLite's full ``integrity_check`` of the open diary on a worker thread, and what to
    do about what it finds.

    The start check (``quick_check``) does not read indexes against their tables; this one
    does, once the window is open, without holding it up. An index out of step with its
    records is offered a repair (:class:`RepairDialog`: rebuild it after a verified
    backup, or put the newest sound backup back); other damage is said in the banner.

    Signals:
        found: the check's lines (``["ok"]`` when sound), delivered on the GUI thread.
    Attributes:
        done: the check ran and its answer was dealt with; ``outcome`` says how.
    """

    found = Signal(list)

    def __init__(self, window: Any, data_dir: Path) -> None:
        super().__init__(window)
        self.window = window
        self.data_dir = Path(data_dir)
        self.done = False
        self.outcome = ""
        self.found.connect(self._deal)
        self._thread = threading.Thread(target=self._run, name="fibrodesk-integrity", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        from fibrodesk.db.recovery import integrity_lines

        self.found.emit(integrity_lines(self.data_dir / DB_NAME))

    def wait(self) -> None:
        """Wait for the check itself (tests; its answer arrives through the event loop)."""
        self._thread.join()

    def _deal(self, lines: list[str]) -> None:
        from fibrodesk.db.backup import newest_sound_backup
        from fibrodesk.db.diary_file import index_only

        try:
            if lines == ["ok"]:
                self.outcome = "sound"
                return
            if not index_only(lines):
                self.outcome = "damaged"
                self.window.show_problem(
                    f"The full check of your diary found damage ({lines[0]}); to be safe, "
                    "put back a backup in File > Backups, or close FibroDesk and run "
                    "'fibrodesk check'."
                )
                return
            backup = newest_sound_backup(self.data_dir)
            sentence = (
                f"The full check of your diary found an index out of step with its records "
                f"({lines[0]}). Your records are whole: FibroDesk can rebuild the index from "
                "them, after making a verified backup."
            )
            choice = RepairDialog.ask(sentence, backup, self.window)
            self.outcome = choice
            if choice == REPAIR:
                self._repair()
            elif choice == RESTORE and backup is not None:
                self._restore(backup)
            else:
                self.window.show_problem(
                    "An index of your diary is out of step with its records; FibroDesk will "
                    "offer to rebuild it at the next start."
                )
        finally:
            self.done = True

    def _repair(self) -> None:
        from fibrodesk.db.recovery import repair_indexes

        try:
            result = repair_indexes(self.data_dir)
        except UserError as exc:
            self.outcome = "failed"
            self.window.show_problem(str(exc))
            return
        self.window.show_problem(result.sentence)

    def _restore(self, backup: BackupInfo) -> None:
        from fibrodesk.db.recovery import restore_operation

        try:
            done = restore_operation(self.data_dir, backup.path)
        except UserError as exc:
            self.outcome = "failed"
            self.window.show_problem(str(exc))
            return
        self.window.ctx.broadcast(done.change)
        self.window.show_problem(
            f"The backup from {when(backup.made_at)} was put back; the diary it replaced is "
            f"kept as {done.value}."
        )
