"""File > Backups…: the list of backups, "Back up now" and "Restore…".

Backups are made without asking (see :mod:`fibrodesk.db.backup`); this dialog shows them
with what each holds, so a person can choose one to put back. Restoring keeps the current
diary aside first (it joins the list) and copies the backup beside it, with progress and
Cancel, while the diary stays open; only then closes the database, puts the backup in
place, opens it again and tells every page that everything changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fibrodesk.db.backup import BackupInfo, backup_now, list_backups
from fibrodesk.db.database import change_count
from fibrodesk.db.recovery import restore_operation, when
from fibrodesk.db.restore import stage_restore
from fibrodesk.errors import UserError
from fibrodesk.progress import Cancelled
from fibrodesk.ui.context import AppContext
from fibrodesk.ui.long_work import Job, progress_dialog, run_job, stop_readers

_Index = QModelIndex | QPersistentModelIndex


def _size(n: int) -> str:
    if n < 1024 * 1024:
        return f"{max(1, round(n / 1024))} KB"
    return f"{n / (1024 * 1024):.1f} MB"


class BackupsModel(QAbstractTableModel):
    """Backups as rows: when, why, entries, check-ins, sessions, size.

    Attributes:
        backups: the :class:`BackupInfo` of each row, newest first.
    """

    HEADERS = ("Made", "Why", "Entries", "Check-ins", "Sessions", "Size")

    def __init__(self, backups: list[BackupInfo] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.backups: list[BackupInfo] = list(backups or [])

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.beginResetModel()
        self.backups = list(backups)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.backups)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.backups):
            return None
        info = self.backups[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return when(info.made_at)
            if column == 1:
                return info.kind
            if 2 <= column <= 4:
                if info.problem:
                    return info.problem if column == 2 else ""
                value = (info.entries, info.checkins, info.sessions)[column - 2]
                return "" if value is None else f"{value:,}"
            if column == 5:
                return _size(info.size)
        if role == Qt.ItemDataRole.ToolTipRole:
            last = f"; latest day {info.last_day}" if info.last_day else ""
            return f"{info.path} — {info.holds}{last}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2 and not info.problem:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return str(info.path)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None


class BackupsDialog(QDialog):
    """The backups of the open diary; back up now, or put one back.

    Attributes:
        ctx: the shared context (data folder, change signal).
        model: the :class:`BackupsModel` shown in ``table``.
        status: a label with the last outcome, in one sentence.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("backupsDialog")
        self.setWindowTitle("Backups")
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "FibroDesk backs up your diary by itself when you open and close it. "
            "Choose a backup and press Restore to put it back; your current diary is kept "
            "aside first, so nothing is lost."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.model = BackupsModel(parent=self)
        self.table = QTableView()
        self.table.setObjectName("backupsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName("Backups")
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        layout.addWidget(self.table, 1)

        self.status = QLabel()
        self.status.setObjectName("backupsStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        row = QHBoxLayout()
        self.backup_button = QPushButton("&Back up now")
        self.backup_button.setObjectName("backupNowButton")
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton("&Restore…")
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self.restore_selected)
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row.addWidget(close)
        layout.addLayout(row)

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.refresh()

    # -- list -------------------------------------------------------------------------
    def refresh(self) -> None:
        self.model.set_backups(list_backups(self.ctx.data_dir))
        if self.model.backups:
            self.table.selectRow(0)
        else:
            self.status.setText("There is no backup yet; press Back up now to make one.")
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.backups[rows[0].row()]

    def _update_buttons(self) -> None:
        info = self.selected()
        self.restore_button.setEnabled(info is not None and info.problem is None)

    def _select(self, path: Path) -> None:
        for row, info in enumerate(self.model.backups):
            if info.path == path:
                self.table.selectRow(row)
                return

    # -- actions ----------------------------------------------------------------------
    @classmethod
    def progress_dialog(cls, parent: QWidget | None) -> QProgressDialog:
        """Shown after half a second of a backup, with Cancel (tests replace this)."""
        return progress_dialog(parent, "backupProgress", "Backup", "Backing up the diary…")

    def back_up_now(self) -> Path | None:
        """A verified backup on a worker thread, with progress and Cancel (which leaves
        no unfinished copy); the path made, or None."""
        data_dir = self.ctx.data_dir
        job = run_job(
            Job(
                lambda progress: backup_now(data_dir, reason="manual", progress=progress),
                "fibrodesk-backup-manual",
            ),
            type(self).progress_dialog(self),
        )
        if isinstance(job.error, Cancelled):
            self.status.setText(str(job.error))
            return None
        if isinstance(job.error, UserError):
            self._problem(str(job.error))
            return None
        if job.error is not None:
            raise job.error
        path: Path = job.result
        self.refresh()
        self._select(path)
        self.status.setText(f"Backup made: {path.name}, in {path.parent}.")
        return path

    @staticmethod
    def restore_question(info: BackupInfo) -> str:
        return (
            f"Put back the diary as it was on {when(info.made_at)} ({info.holds})? "
            "Your current diary is kept aside first, as a backup in this list, so nothing "
            "is lost."
        )

    @classmethod
    def restore_box(cls, parent: QWidget | None, info: BackupInfo) -> QMessageBox:
        """The question before a backup is put back; Restore is its default button."""
        from fibrodesk.ui.messages import plain_box

        box = plain_box(
            parent, QMessageBox.Icon.Question, "Restore this backup?", cls.restore_question(info)
        )
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        return box

    @classmethod
    def confirm_restore(cls, parent: QWidget | None, info: BackupInfo) -> bool:
        """Ask before putting a backup back (tests replace this)."""
        box = cls.restore_box(parent, info)
        box.exec()
        return box.clickedButton() is box.defaultButton()

    @classmethod
    def restore_progress(cls, parent: QWidget | None) -> QProgressDialog:
        """Shown after half a second of a restore, with Cancel (tests replace this)."""
        return progress_dialog(parent, "restoreProgress", "Restore", "Putting the backup back…")

    def restore_selected(self) -> bool:
        """Restore the chosen backup after asking; True when it was put back.

        The long part (the current diary kept, the backup copied and checked beside it)
        runs on a worker thread while the diary stays open, with progress after half a
        second and Cancel, which leaves the diary and this list exactly as they were; only
        the quick swap is made with the diary closed.
        """
        info = self.selected()
        if info is None or info.problem is not None:
            return False
        if not type(self).confirm_restore(self, info):
            return False
        data_dir, path = self.ctx.data_dir, info.path
        since = change_count()
        job = run_job(
            Job(
                lambda progress: stage_restore(data_dir, path, progress=progress),
                "fibrodesk-restore",
            ),
            type(self).restore_progress(self),
        )
        if isinstance(job.error, Cancelled):
            self.status.setText(str(job.error))
            return False
        try:
            if job.error is not None:
                raise job.error
            stop_readers()  # no report's connection left on the file replaced
            done = restore_operation(data_dir, job.result, since=since)
        except UserError as exc:
            self._problem(str(exc))
            self.refresh()
            return False
        kept = done.value
        self.ctx.broadcast(done.change)
        self.refresh()
        if kept is None:
            self.status.setText(f"The backup from {when(info.made_at)} was put back.")
        else:
            if kept.parent == info.path.parent:
                self._select(kept)
            self.status.setText(
                f"The backup from {when(info.made_at)} was put back; the diary it replaced "
                f"is kept as {kept.name}, in {kept.parent}."
            )
        return True

    def _problem(self, sentence: str) -> None:
        self.status.setText(sentence)
        self.ctx.saveFailed.emit(sentence)
