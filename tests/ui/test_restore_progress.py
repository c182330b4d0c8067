"""Restore from the window (File > Backups > Restore) shows progress after half a second
and is cancelled with its dialog's Cancel button, leaving the diary exactly as it was and
still open (issue 16 point 6).

The long part of a restore (keeping the current diary, copying the backup beside it) runs
while the diary stays open; only the quick swap closes it. As in test_long_work, the
dialog is shown at its first progress report, as it is once its half second is up, and
the person presses Cancel at a chosen point of the work, so no test waits for a clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton

from fibrodesk.db import models as m
from fibrodesk.db.backup import backup_now
from fibrodesk.db.marks import create_entry
from fibrodesk.ui.backups_dialog import BackupsDialog
from fibrodesk.ui.long_work import progress_dialog

DAY = date(2026, 11, 20)


def _restore_dialog(
    qtbot: Any, seen: list[int], when: Callable[[int], bool], act: Callable[[QProgressDialog], None]
) -> Any:
    """A restore progress dialog shown at once; at the first report for which ``when``
    holds (the value, in thousandths), ``act`` is done with the dialog on the screen."""

    class Watched(QProgressDialog):
        def setValue(self, value: int) -> None:  # noqa: N802 (Qt name)
            super().setValue(value)
            seen.append(value)
            if when(value) and len([v for v in seen if when(v)]) == 1:
                self.show()  # as at the end of minimumDuration, here 0 ms
                qtbot.waitExposed(self)
                act(self)

    def make(cls: type, parent: Any) -> QProgressDialog:
        real = progress_dialog(parent, "restoreProgress", "", "")
        dialog = Watched(real.labelText(), "Cancel", 0, 1, parent)
        dialog.setObjectName("restoreProgress")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        real.deleteLater()
        return dialog

    return classmethod(make)


def _press_cancel(qtbot: Any) -> Callable[[QProgressDialog], None]:
    def press(dialog: QProgressDialog) -> None:
        (button,) = dialog.findChildren(QPushButton)
        assert button.text() == "Cancel" and dialog.isVisible()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    return press


def _files(folder: Path) -> dict[str, bytes]:
    """Every file in the data folder and its backups, byte for byte."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith("-shm")  # SQLite's shared index of readers
    }


@pytest.fixture
def chosen(window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The Backups dialog with an older backup (1 entry) chosen; the diary holds 3."""
    d = window.ctx.data_dir
    create_entry(DAY)
    old = backup_now(d, reason="manual", now=datetime(2026, 11, 20, 9, 0))
    for _ in range(2):
        create_entry(DAY)
    dialog = BackupsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    (row,) = [i for i, info in enumerate(dialog.model.backups) if info.path == old]
    dialog.table.selectRow(row)
    monkeypatch.setattr(BackupsDialog, "confirm_restore", classmethod(lambda *_: True))
    return dialog


@pytest.mark.parametrize(
    "at",
    [
        pytest.param(lambda v: True, id="while-keeping-the-diary"),
        pytest.param(lambda v: v >= 1000, id="while-copying-the-backup"),
    ],
)
def test_cancel_a_restore_and_the_diary_is_as_it_was_and_open(
    window: Any, chosen: BackupsDialog, qtbot: Any, monkeypatch: pytest.MonkeyPatch, at: Any
) -> None:
    d = window.ctx.data_dir
    seen: list[int] = []
    monkeypatch.setattr(
        BackupsDialog, "restore_progress", _restore_dialog(qtbot, seen, at, _press_cancel(qtbot))
    )
    m.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # the whole diary in its main file
    before = _files(d)
    with qtbot.assertNotEmitted(window.ctx.changed):
        qtbot.mouseClick(chosen.restore_button, Qt.MouseButton.LeftButton)
    assert seen  # the dialog showed the work going on
    assert chosen.status.text() == (
        "The restore was cancelled; the diary was left exactly as it was."
    )
    assert _files(d) == before  # the diary byte for byte, no kept copy, no staged copy
    assert len(chosen.model.backups) == 1
    # Still open, never closed: the window goes on reading and writing the same diary.
    assert not m.db.is_closed() and Path(m.db.database) == d / "fibrodesk.sqlite3"
    assert m.Entry.select().count() == 3
    create_entry(DAY)
    assert m.Entry.select().count() == 4


def test_a_restore_let_run_puts_the_backup_back_with_its_progress_shown(
    window: Any, chosen: BackupsDialog, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    maxima: list[int] = []
    monkeypatch.setattr(
        BackupsDialog,
        "restore_progress",
        _restore_dialog(qtbot, seen, lambda v: True, lambda dlg: maxima.append(dlg.maximum())),
    )
    with qtbot.waitSignal(window.ctx.changed):
        qtbot.mouseClick(chosen.restore_button, Qt.MouseButton.LeftButton)
    assert seen == sorted(seen) and seen[-1] == maxima[0] == 1000  # up to the end, in order
    assert m.Entry.select().count() == 1  # open again, on the backup
    (kept,) = [i for i in chosen.model.backups if i.kind == "Diary before a restore"]
    assert kept.entries == 3 and kept.path.name in chosen.status.text()
    assert not list(window.ctx.data_dir.glob(".restore-*"))


def test_an_entry_written_during_the_restore_is_in_the_diary_kept_aside(
    window: Any, chosen: BackupsDialog, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window stays usable while the backup is copied; whatever it writes meanwhile
    is in the copy of the diary kept aside, so nothing is lost."""
    seen: list[int] = []
    monkeypatch.setattr(
        BackupsDialog,
        "restore_progress",
        _restore_dialog(qtbot, seen, lambda v: True, lambda dlg: create_entry(DAY)),
    )
    with qtbot.waitSignal(window.ctx.changed):
        qtbot.mouseClick(chosen.restore_button, Qt.MouseButton.LeftButton)
    assert m.Entry.select().count() == 1
    (kept,) = [i for i in chosen.model.backups if i.kind == "Diary before a restore"]
    assert kept.entries == 4
