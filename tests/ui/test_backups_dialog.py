"""File > Backups…: the list of backups, "Back up now" and "Restore…" from the window."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from fibrodesk.db import checkins
from fibrodesk.db.backup import backup_now, list_backups
from fibrodesk.db.marks import create_entry
from fibrodesk.db.models import Entry
from fibrodesk.ui.backups_dialog import BackupsDialog, BackupsModel

DAY = date(2026, 11, 20)


@pytest.fixture
def dialog(window, qtbot):  # type: ignore[no-untyped-def]
    dlg = BackupsDialog(window.ctx, window)
    qtbot.addWidget(dlg)
    return dlg


def _cell(dlg: BackupsDialog, row: int, column: int) -> str:
    return dlg.model.data(dlg.model.index(row, column))


def _select(dlg: BackupsDialog, path: Path) -> None:
    (row,) = [i for i, info in enumerate(dlg.model.backups) if info.path == path]
    dlg.table.selectRow(row)


def test_model_passes_qtmodeltester(window, qtmodeltester):
    d = window.ctx.data_dir
    create_entry(DAY)
    backup_now(d, reason="auto-start", now=datetime(2026, 11, 20, 9, 0))
    backup_now(d, reason="manual", now=datetime(2026, 11, 21, 9, 0))
    (d / "backups" / "fibrodesk-20261101-080000-manual.sqlite3").write_bytes(b"junk" * 100)
    model = BackupsModel(list_backups(d))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3 and model.columnCount() == 6
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Made"


def test_lists_each_backup_with_date_reason_contents_and_size(window, dialog):
    d = window.ctx.data_dir
    assert dialog.model.rowCount() == 0
    assert "no backup yet" in dialog.status.text()
    for _ in range(3):
        create_entry(DAY)
    checkins.save_checkin(DAY, {"overall_pain": 5})
    backup_now(d, reason="auto-exit", now=datetime(2026, 11, 21, 18, 30))
    dialog.refresh()
    assert dialog.model.rowCount() == 1
    assert _cell(dialog, 0, 0) == "21 November 2026, 18:30"
    assert _cell(dialog, 0, 1) == "Automatic"
    assert (_cell(dialog, 0, 2), _cell(dialog, 0, 3), _cell(dialog, 0, 4)) == ("3", "1", "0")
    assert _cell(dialog, 0, 5).endswith("KB")
    assert dialog.restore_button.isEnabled()


def test_back_up_now(window, dialog, qtbot):
    create_entry(DAY)
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    (info,) = dialog.model.backups
    assert info.path.exists() and info.kind == "Made by you" and info.entries == 1
    assert dialog.selected() == info
    assert "Backup made" in dialog.status.text()


def test_restore_puts_the_backup_back_and_keeps_the_current_diary(
    window, dialog, qtbot, monkeypatch
):
    d = window.ctx.data_dir
    create_entry(DAY)
    old = backup_now(d, reason="manual", now=datetime(2026, 11, 20, 9, 0))
    for _ in range(2):
        create_entry(DAY)
    dialog.refresh()
    asked: list[str] = []

    def confirm(cls, parent, info):  # type: ignore[no-untyped-def]
        asked.append(cls.restore_question(info))
        return True

    monkeypatch.setattr(BackupsDialog, "confirm_restore", classmethod(confirm))
    _select(dialog, old)
    with qtbot.waitSignal(window.ctx.changed) as changed:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert changed.args[0].touches("marks", "checkin", "sessions")
    assert "kept aside first" in asked[0] and "1 entry" in asked[0]
    assert Entry.select().count() == 1  # the diary is open again, on the backup
    kept = [i for i in dialog.model.backups if i.kind == "Diary before a restore"]
    assert len(kept) == 1 and kept[0].entries == 3
    assert dialog.selected() == kept[0]
    assert kept[0].path.name in dialog.status.text()
    # The window carries on writing to the restored diary.
    create_entry(DAY)
    assert Entry.select().count() == 2


def test_cancelled_restore_changes_nothing(window, dialog, qtbot, monkeypatch):
    d = window.ctx.data_dir
    old = backup_now(d)
    create_entry(DAY)
    dialog.refresh()
    monkeypatch.setattr(BackupsDialog, "confirm_restore", classmethod(lambda *_: False))
    _select(dialog, old)
    with qtbot.assertNotEmitted(window.ctx.changed):
        assert dialog.restore_selected() is False
    assert Entry.select().count() == 1
    assert len(dialog.model.backups) == 1


def test_a_restore_that_fails_says_so_and_keeps_the_diary_open(window, dialog, monkeypatch):
    d = window.ctx.data_dir
    old = backup_now(d)
    create_entry(DAY)
    dialog.refresh()
    old.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)  # spoiled after it was listed
    monkeypatch.setattr(BackupsDialog, "confirm_restore", classmethod(lambda *_: True))
    sentences: list[str] = []
    window.ctx.saveFailed.connect(sentences.append)
    _select(dialog, old)
    assert dialog.restore_selected() is False
    (sentence,) = sentences
    assert "is damaged" in sentence and "choose an older one" in sentence
    assert "\n" not in sentence
    assert window.banner_label.text() == sentence and not window.banner.isHidden()
    assert dialog.status.text() == sentence
    assert Entry.select().count() == 1  # still open, unchanged
    assert not list(d.glob("fibrodesk.sqlite3.*"))


def test_a_damaged_backup_is_shown_but_cannot_be_restored(window, dialog):
    d = window.ctx.data_dir
    (d / "backups").mkdir(mode=0o700, exist_ok=True)
    (d / "backups" / "fibrodesk-20261101-080000-manual.sqlite3").write_bytes(b"junk" * 100)
    dialog.refresh()
    assert "cannot be read" in _cell(dialog, 0, 2)
    assert not dialog.restore_button.isEnabled()
    assert dialog.restore_selected() is False


def test_file_menu_opens_the_dialog(window, monkeypatch):
    shown: list[BackupsDialog] = []
    monkeypatch.setattr(BackupsDialog, "exec", lambda self: shown.append(self) or 0)
    (action,) = [a for a in window.file_menu.actions() if a.text() == "&Backups…"]
    action.trigger()
    assert len(shown) == 1 and shown[0].ctx is window.ctx
    shown[0].deleteLater()
