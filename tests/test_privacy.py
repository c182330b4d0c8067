"""Privacy: FibroDesk never opens a network connection, and what it writes is its owner's.

A health diary stays on the computer it was written on. The first test fails if any
socket is created or connected (Python's ``socket``, DNS look-ups, and Qt's own network
classes if they are loaded at all) during a whole window session on a sample diary. The
others check that the diary, its write-ahead log, backups, set-aside files, exports and
the settings file are readable by their owner only (0600) and the folders 0700.
"""

from __future__ import annotations

import socket
import stat
import sys
from datetime import date
from pathlib import Path

import pytest

from fibrodesk.app import main

NETWORK_QT = "PySide6.QtNetwork"


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):  # type: ignore[no-untyped-def]
    """Every way out to the network raises and is recorded."""
    attempts: list[str] = []

    def refuse(what: str):  # type: ignore[no-untyped-def]
        def blocked(*args: object, **kwargs: object) -> None:
            attempts.append(f"{what}{args}")
            raise NetworkUsed(f"FibroDesk tried to use the network: {what}")

        return blocked

    real_init = socket.socket.__init__

    def init(self, family=-1, *args, **kwargs):  # type: ignore[no-untyped-def]
        attempts.append(f"socket.socket(family={family})")
        real_init(self, family, *args, **kwargs)  # created, then refused on use

    monkeypatch.setattr(socket.socket, "__init__", init)
    for name in ("connect", "connect_ex", "sendto", "bind"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "socketpair"):
        monkeypatch.setattr(socket, name, refuse(f"socket.{name}"))
    qt_network_loaded = NETWORK_QT in sys.modules
    if qt_network_loaded:
        from PySide6 import QtNetwork

        for cls, names in (
            (QtNetwork.QAbstractSocket, ("connectToHost",)),
            (QtNetwork.QNetworkAccessManager, ("get", "post", "put", "sendCustomRequest")),
        ):
            for name in names:
                monkeypatch.setattr(cls, name, refuse(f"{cls.__name__}.{name}"))
    yield attempts
    if not qt_network_loaded:
        assert NETWORK_QT not in sys.modules, "Qt's network module was loaded"
    assert attempts == []


def test_a_whole_window_session_opens_no_socket(no_network, qtbot, tmp_path, monkeypatch):
    from fibrodesk.app import build_main_window
    from fibrodesk.db import checkins, marks
    from fibrodesk.db.changes import Change, Done
    from fibrodesk.db.database import close_diary, open_diary
    from fibrodesk.db.demo import generate_demo
    from fibrodesk.ui.backups_dialog import BackupsDialog

    data_dir = tmp_path / "diary"
    open_diary(data_dir)
    generate_demo(years=1, seed=3)
    close_diary()
    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.waitExposed(window)
        for key in ("today", "planner", "history", "reports", "today"):
            page = window.show_page(key)
            assert page.isVisible()
            qtbot.wait(10)
        ctx = window.ctx
        with qtbot.waitSignal(ctx.changed):
            ctx.perform(lambda: Done(marks.create_entry(date.today()), Change.MARKS))
        with qtbot.waitSignal(ctx.changed):
            ctx.perform(lambda: checkins.record_checkin(date.today(), {"fog": 4}))
        window.set_theme("dark")
        window.set_theme("light")
        dialog = BackupsDialog(ctx, window)
        qtbot.addWidget(dialog)
        assert dialog.back_up_now() is not None
        monkeypatch.setattr(BackupsDialog, "confirm_restore", classmethod(lambda *_: True))
        assert dialog.restore_selected()
        dialog.close()
        window.show_page("history")
    finally:
        window.close()
        close_diary()


# -- owner-only files -------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_diary_backups_and_settings_are_owner_only(tmp_path, window):
    from fibrodesk.db import marks
    from fibrodesk.db.backup import auto_backup, backup_now, list_backups

    data_dir = window.ctx.data_dir
    diary = data_dir / "fibrodesk.sqlite3"
    marks.create_entry(date(2026, 11, 21))
    assert _mode(data_dir) == 0o700
    for path in (diary, Path(f"{diary}-wal"), Path(f"{diary}-shm"), data_dir / "ui.ini"):
        assert path.exists() and _mode(path) == 0o600, path
    backup_now(data_dir)
    auto_backup(data_dir, reason="start", changed=True)
    assert _mode(data_dir / "backups") == 0o700
    infos = list_backups(data_dir)
    assert infos
    for info in infos:
        assert _mode(info.path) == 0o600, info.path


def test_a_diary_made_readable_by_others_is_made_private_again(tmp_path):
    from fibrodesk.db.database import close_diary, open_diary

    path = open_diary(tmp_path / "d")
    close_diary()
    path.chmod(0o644)
    open_diary(tmp_path / "d")
    try:
        assert _mode(path) == 0o600
        assert _mode(Path(f"{path}-wal")) == 0o600
    finally:
        close_diary()


def test_set_aside_and_restored_files_stay_owner_only(tmp_path, capsys):
    from fibrodesk.db.backup import backup_now
    from fibrodesk.db.database import close_diary, open_diary
    from fibrodesk.db.recovery import set_aside

    d = tmp_path / "d"
    path = open_diary(d)
    close_diary()
    made = backup_now(d)
    assert main(["restore", str(made), "--data-dir", str(d)]) == 0
    assert _mode(path) == 0o600
    kept = Path(capsys.readouterr().out.strip().rsplit(" ", 1)[-1])
    assert _mode(kept) == 0o600
    aside = set_aside(path, "damaged")
    assert _mode(aside) == 0o600


@pytest.mark.parametrize(
    "fmt, name", [("json", "diary.json"), ("csv", "csv-out"), ("ics", "plan.ics")]
)
def test_exports_are_owner_only(tmp_path, fmt, name):
    pytest.importorskip("fibrodesk.io.export")
    from fibrodesk.db.database import close_diary, open_diary
    from fibrodesk.db.demo import generate_demo

    d = tmp_path / "d"
    open_diary(d)
    generate_demo(years=1, seed=2)
    close_diary()
    (tmp_path / "exports").mkdir()
    out = tmp_path / "exports" / name
    assert main(["export", "--format", fmt, "--out", str(out), "--data-dir", str(d)]) == 0
    files = [out] if out.is_file() else [p for p in out.rglob("*") if p.is_file()]
    assert files
    for path in files:
        assert _mode(path) & 0o077 == 0, path
    if out.is_dir():
        assert _mode(out) & 0o077 == 0
