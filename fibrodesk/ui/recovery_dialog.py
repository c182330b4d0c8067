"""Asked at start when the diary cannot be opened: put back a backup, start anew, or quit.

Shown before the main window exists. Nothing has been changed when it asks: the diary is
set aside (renamed, never overwritten) only once the person chooses to restore or to
start anew; quitting leaves every file as it was, and the next start asks again.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from fibrodesk.db.recovery import Trouble, when

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
        self.setText(self.message(trouble))
        self.setDetailedText(trouble.sentence)
        self._buttons: dict[object, str] = {}
        if trouble.backup is not None:
            restore = self.addButton(
                f"Restore the backup from {when(trouble.backup.made_at)}",
                QMessageBox.ButtonRole.AcceptRole,
            )
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
        QMessageBox.warning(parent, "FibroDesk", sentence)
