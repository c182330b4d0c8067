"""Automatic backups on a worker thread: made, reported, one at a time."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

from fibrodesk.db import backup, marks
from fibrodesk.db.backup import backup_files
from fibrodesk.errors import SaveError
from fibrodesk.ui.backup_runner import BackupRunner


def test_a_periodic_backup_after_a_change_is_made_off_the_gui_thread(diary, qtbot, monkeypatch):
    from datetime import date

    monkeypatch.setattr(backup, "BACKUP_INTERVAL", timedelta(0))
    runner = BackupRunner(diary)
    assert not runner.session_changed()
    marks.create_entry(date(2026, 3, 2))
    assert runner.session_changed()
    threads = []
    real = backup.backup_now

    def watched(*a, **k):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real(*a, **k)

    monkeypatch.setattr(backup, "backup_now", watched)
    assert runner.start("periodic", runner.session_changed())
    runner.wait()
    assert threads == ["fibrodesk-backup-periodic"]
    assert [r for _p, _m, r in backup_files(diary)] == ["auto-periodic"]
    assert not runner.session_changed()  # counted from when that backup began
    assert runner.start("periodic", runner.session_changed())
    runner.wait()
    assert len(backup_files(diary)) == 1  # nothing changed since: no second copy


def test_a_failed_backup_is_said_through_the_signal(diary, qtbot, monkeypatch):
    monkeypatch.setattr(backup, "BACKUP_INTERVAL", timedelta(0))

    def full(*_a: object, **_k: object) -> Path:
        raise SaveError("The backup could not be written (disk full); free some disk space.")

    monkeypatch.setattr(backup, "write_verified_copy", full)
    runner = BackupRunner(diary)
    with qtbot.waitSignal(runner.failed, timeout=5000) as said:
        runner.start("periodic", changed=True)
    runner.wait()
    assert "free some disk space" in said.args[0]


def test_only_one_backup_runs_at_a_time(diary, monkeypatch):
    release = threading.Event()

    def slow(*_a: object, **_k: object) -> None:
        release.wait(5)

    import fibrodesk.ui.backup_runner as module

    monkeypatch.setattr(module, "auto_backup", slow)
    runner = BackupRunner(diary)
    assert runner.start("start", None)
    assert runner.running() and not runner.start("periodic", True)
    release.set()
    runner.wait()
    assert not runner.running()
